// SPDX-FileCopyrightText: Lambda Workbench contributors
// SPDX-License-Identifier: Apache-2.0
exports.handler = async () => ({ nested: true, file: __filename.split('/').slice(-3).join('/') });
exports.deep = { inner: async () => ({ deep: true }) };
