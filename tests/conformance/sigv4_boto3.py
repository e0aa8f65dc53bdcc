# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""boto3 against the SigV4-verifying server of tst_sigv4_clients.

Usage: /usr/bin/python3 sigv4_boto3.py http://127.0.0.1:PORT
Prints one line per check and "OK" at the end; exits 1 on the first failure.
"""
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def check(condition, what):
    if not condition:
        print("FAIL: " + what)
        sys.exit(1)
    print("ok: " + what)


def client(endpoint, secret="test", token=None):
    return boto3.client(
        "lambda",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )


def main():
    endpoint = sys.argv[1]
    good = client(endpoint)
    check(good.list_functions()["Functions"] == [], "list_functions")
    out = good.invoke(FunctionName="my-fn", Payload=b'{"a": 1}')
    check(out["StatusCode"] == 200 and out["Payload"].read() == b'{"a": 1}', "invoke by name")
    out = good.invoke(
        FunctionName="arn:aws:lambda:us-east-1:123456789012:function:my-fn",
        Qualifier="$LATEST",
        InvocationType="RequestResponse",
        LogType="Tail",
        ClientContext="eyJjdXN0b20iOnt9fQ==",
        Payload=b"{}",
    )
    check(out["StatusCode"] == 200, "invoke by ARN with qualifier and headers")
    temporary = client(endpoint, token="session-token/with+odd=chars")
    check(temporary.list_functions()["Functions"] == [], "list_functions with a session token")

    try:
        client(endpoint, secret="wrong").list_functions()
        check(False, "a wrong secret is refused")
    except ClientError as e:
        code = e.response["Error"]["Code"]
        status = e.response["ResponseMetadata"]["HTTPStatusCode"]
        check(code == "InvalidSignatureException" and status == 403,
              "a wrong secret is refused: %s %d" % (code, status))
    print("OK")


if __name__ == "__main__":
    main()
