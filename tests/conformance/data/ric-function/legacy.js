// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A CommonJS callback-style handler, as older functions are written.
exports.handler = (event, context, callback) => {
    callback(null, { via: 'callback', x: event.x });
};
