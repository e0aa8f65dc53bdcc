// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// ES module handlers run by the official aws-lambda-ric (tests/conformance/tst_awslambdaric.cpp).

let count = 0;

export const echo = async (event) => event;

export const counter = async () => {
    count += 1;
    return { count, pid: process.pid };
};

export const context = async (event, context) => ({
    awsRequestId: context.awsRequestId,
    functionName: context.functionName,
    functionVersion: context.functionVersion,
    memoryLimitInMB: context.memoryLimitInMB,
    invokedFunctionArn: context.invokedFunctionArn,
    logGroupName: context.logGroupName,
    logStreamName: context.logStreamName,
    remainingMs: context.getRemainingTimeInMillis(),
    traceId: process.env._X_AMZN_TRACE_ID ?? null,
    clientContext: context.clientContext ?? null,
    identity: context.identity ?? null,
});

class OrderRejected extends Error {
    constructor(message) {
        super(message);
        this.name = 'OrderRejected';
    }
}

export const throws = async (event) => {
    throw new OrderRejected(`order ${event.order} rejected`);
};

export const logs = async () => {
    console.log('hello from the official client', 42);
    console.warn('careful');
    console.error('something went wrong');
    return 'logged';
};
