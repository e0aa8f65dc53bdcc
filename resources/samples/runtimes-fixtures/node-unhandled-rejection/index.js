// SPDX-FileCopyrightText: Lambda Workbench contributors
// SPDX-License-Identifier: Apache-2.0
// Responds normally, but leaves a rejected promise without a handler.
// The runtime posts Runtime.UnhandledPromiseRejection and exits (code 128).
exports.handler = (event, context, callback) => {
  Promise.reject(new Error('nobody handles me'));
  setTimeout(() => callback(null, 'too late'), 100);
};
