// SPDX-FileCopyrightText: Lambda Workbench contributors
// SPDX-License-Identifier: Apache-2.0
require('module-that-does-not-exist');
exports.handler = async () => 'unreachable';
