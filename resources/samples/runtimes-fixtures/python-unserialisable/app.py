# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
import decimal


def handler(event, context):
    if (event or {}).get("decimal"):
        return {"price": decimal.Decimal("1.10"), "n": decimal.Decimal("7")}
    return {"when": object()}
