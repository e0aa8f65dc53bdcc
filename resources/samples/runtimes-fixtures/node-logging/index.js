// SPDX-FileCopyrightText: Lambda Workbench contributors
// SPDX-License-Identifier: Apache-2.0
console.log('init log');
exports.handler = async (event) => {
  console.log('log line', { a: 1 });
  console.info('info line');
  console.warn('warn line');
  console.error('error line', new Error('logged error'));
  console.debug('debug line');
  console.trace('trace line');
  console.log('multi\nline');
  return { logged: true };
};
