# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
def helper(value):
    raise ValueError("bad value: %s" % value)


def handler(event, context):
    helper((event or {}).get("value", 42))
