// SPDX-FileCopyrightText: Lambda Workbench contributors
// SPDX-License-Identifier: Apache-2.0
exports.handler = async (event) => {
  return { broken: true
};
