# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The handler bench_invokeapi runs on both engines: it touches only what serverless-offline's
# fake context also has, so the two measure the same Python code.


def handler(event, context):
    return {"ok": True, "function": context.function_name, "event": event}


def api(event, context):
    """bench_startapi's handler: an API Gateway proxy response (payload format 1.0)."""
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": '{"ok": true, "path": "%s"}' % event["path"],
    }
