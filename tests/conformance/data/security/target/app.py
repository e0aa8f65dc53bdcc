# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
import os


def handler(event, context):
    return {"function": os.environ["AWS_LAMBDA_FUNCTION_NAME"], "event": event}
