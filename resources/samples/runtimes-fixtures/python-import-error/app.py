# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
import module_that_does_not_exist  # noqa: F401


def handler(event, context):
    return "unreachable"
