# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
import os


def handler(event, context):
    cc = context.client_context
    return {
        "event": event,
        "aws_request_id": context.aws_request_id,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "invoked_function_arn": context.invoked_function_arn,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "remaining_ms": context.get_remaining_time_in_millis(),
        "client_context": None if cc is None else {
            "custom": cc.custom, "env": cc.env,
            "client": None if cc.client is None else {
                "installation_id": cc.client.installation_id,
                "app_title": cc.client.app_title,
            },
        },
        "identity": {
            "cognito_identity_id": context.identity.cognito_identity_id,
            "cognito_identity_pool_id": context.identity.cognito_identity_pool_id,
        },
        "trace_id": os.environ.get("_X_AMZN_TRACE_ID"),
        "cwd": os.getcwd(),
        "task_root": os.environ.get("LAMBDA_TASK_ROOT"),
    }
