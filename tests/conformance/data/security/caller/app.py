# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Calls other functions through the local Lambda API with boto3 and the credentials of its own
# sandbox (its role), and reports what each call gave.
import json
import os

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def handler(event, context):
    client = boto3.client(
        "lambda",
        endpoint_url=os.environ["LWB_LAMBDA_ENDPOINT"],
        region_name=os.environ["AWS_REGION"],
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )
    out = {
        "endpoint": os.environ["LWB_LAMBDA_ENDPOINT"],
        "accessKeyId": os.environ["AWS_ACCESS_KEY_ID"],
    }
    for name in event.get("targets", ["TargetB", "TargetC"]):
        try:
            reply = client.invoke(FunctionName=name, Payload=json.dumps({"from": "caller"}))
            out[name] = {"status": reply["StatusCode"], "payload": json.loads(reply["Payload"].read())}
        except ClientError as e:
            out[name] = {
                "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
                "code": e.response["Error"]["Code"],
                "message": e.response["Error"]["Message"],
            }
    # A control-plane call is behind the same policy: the role may only invoke.
    try:
        client.get_function_configuration(FunctionName="TargetB")
        out["GetFunctionConfiguration"] = {"status": 200}
    except ClientError as e:
        out["GetFunctionConfiguration"] = {
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
            "code": e.response["Error"]["Code"],
            "message": e.response["Error"]["Message"],
        }
    return out
