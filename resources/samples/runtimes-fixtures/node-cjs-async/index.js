// SPDX-FileCopyrightText: Lambda Workbench contributors
// SPDX-License-Identifier: Apache-2.0
let count = 0;
exports.handler = async (event, context) => {
  count += 1;
  return { event, count, pid: process.pid, requestId: context.awsRequestId };
};
