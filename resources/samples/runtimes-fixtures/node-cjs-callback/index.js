// SPDX-FileCopyrightText: Lambda Workbench contributors
// SPDX-License-Identifier: Apache-2.0
// Callback handler; a 50 ms timer is still pending when the callback is
// called, so with callbackWaitsForEmptyEventLoop (default true) the response
// is only sent after the timer ran: timerFired is visible in the log line.
exports.handler = (event, context, callback) => {
  const started = Date.now();
  setTimeout(() => console.log('timer fired after', Date.now() - started, 'ms'), 50);
  callback(null, { ok: true, waits: context.callbackWaitsForEmptyEventLoop, event });
};
