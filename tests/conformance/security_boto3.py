# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tst_security's boto3 side: invokes TargetB through `lwb local start-lambda` with good and bad
# credentials and prints one JSON object, case → {status, code, message}. Loopback only:
# explicit endpoint, fake keys, no metadata probe, no retries.
#   usage: security_boto3.py ENDPOINT
import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

os.environ["AWS_EC2_METADATA_DISABLED"] = "true"

endpoint = sys.argv[1]
cases = {
    "good": ("test", "test", "us-east-1"),
    "extra": ("AKIDEXTRA", "extra-secret", "us-east-1"),
    "wrongSecret": ("test", "not-the-secret", "us-east-1"),
    "unknownKey": ("AKIDNOBODYKNOWS", "test", "us-east-1"),
    "wrongRegion": ("test", "test", "eu-west-1"),
}
result = {}
for name, (key, secret, region) in cases.items():
    client = boto3.client(
        "lambda",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )
    try:
        reply = client.invoke(FunctionName="TargetB", Payload=b'{"via":"boto3"}')
        result[name] = {"status": reply["StatusCode"], "payload": json.loads(reply["Payload"].read())}
    except ClientError as e:
        result[name] = {
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
            "code": e.response["Error"]["Code"],
            "message": e.response["Error"]["Message"],
        }
print(json.dumps(result))
