// SPDX-FileCopyrightText: Lambda Workbench contributors
// SPDX-License-Identifier: Apache-2.0
import { basename } from 'node:path';
export const handler = async (event) => ({ esm: true, file: basename(import.meta.url), event });
