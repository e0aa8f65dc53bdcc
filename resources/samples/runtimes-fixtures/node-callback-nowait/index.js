// SPDX-FileCopyrightText: Lambda Workbench contributors
// SPDX-License-Identifier: Apache-2.0
// callbackWaitsForEmptyEventLoop = false: the response goes out at once even
// though a timer (event.timerMs, default 2000 ms) is pending. The timer runs
// later, during the next invoke or while the environment is frozen, and
// increments a counter that the next invoke reports.
let fired = 0;
exports.handler = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = false;
  const started = Date.now();
  setTimeout(() => {
    fired += 1;
    console.log('late timer fired', Date.now() - started);
  }, (event && event.timerMs) || 2000);
  callback(null, { ok: true, waits: context.callbackWaitsForEmptyEventLoop, firedSoFar: fired });
};
