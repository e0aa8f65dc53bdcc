// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench_startapi's Node handler, the same on both engines: an API Gateway proxy response
// (payload format 1.0). CommonJS, which both engines load.
exports.api = async (event) => ({
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ok: true, path: event.path }),
});
