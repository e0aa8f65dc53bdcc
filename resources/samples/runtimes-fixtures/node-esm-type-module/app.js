// SPDX-FileCopyrightText: Lambda Workbench contributors
// SPDX-License-Identifier: Apache-2.0
export async function handler(event) {
  return { esm: typeof require === 'undefined', event };
}
