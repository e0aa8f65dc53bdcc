// SPDX-FileCopyrightText: Lambda Workbench contributors
// SPDX-License-Identifier: Apache-2.0
class CustomError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CustomError';
  }
}
exports.handler = async (event) => {
  if (event && event.mode === 'custom') throw new CustomError('custom failure');
  if (event && event.mode === 'string') throw 'plain string';
  if (event && event.mode === 'callback') return undefined;
  throw new Error('boom');
};
exports.cb = (event, context, callback) => callback(new TypeError('callback failure'));
exports.fail = (event, context) => context.fail(new Error('context.fail failure'));
exports.succeed = (event, context) => context.succeed({ via: 'succeed' });
exports.done = (event, context) => context.done(null, { via: 'done' });
