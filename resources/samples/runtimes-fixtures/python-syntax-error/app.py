# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
def handler(event, context)
    return "missing colon"
