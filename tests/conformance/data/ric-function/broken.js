// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Fails at init: the official client reports Runtime.ImportModuleError through /init/error.
require('lwb-no-such-module');

exports.handler = async () => 'unreachable';
