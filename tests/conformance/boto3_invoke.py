# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""boto3 against `lwb local start-lambda` (tests/conformance/data/invoke/template.yaml).

Usage: /usr/bin/python3 boto3_invoke.py http://127.0.0.1:PORT
Prints one line per check and "OK" at the end; exits 1 on the first failure.
"""
import base64
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def check(condition, what):
    if not condition:
        print("FAIL: " + what)
        sys.exit(1)
    print("ok: " + what)


def error_of(call):
    try:
        call()
    except ClientError as e:
        return e.response
    return None


def main():
    endpoint = sys.argv[1]
    client = boto3.client(
        "lambda",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )

    r = client.invoke(FunctionName="HelloWorldFunction", Payload=json.dumps({"k": "v"}))
    check(r["StatusCode"] == 200, "RequestResponse answers 200")
    check(r["ExecutedVersion"] == "$LATEST", "ExecutedVersion is $LATEST")
    check("FunctionError" not in r, "no FunctionError on success")
    body = json.loads(r["Payload"].read())
    check(body["statusCode"] == 200 and json.loads(body["body"])["message"] == "hello world",
          "the sample's response comes back")
    check(len(r["ResponseMetadata"]["RequestId"]) == 36, "x-amzn-RequestId is a request id")

    r = client.invoke(FunctionName="HelloWorldFunction", LogType="Tail", Payload=b"{}")
    log = base64.b64decode(r["LogResult"]).decode()
    request_id = r["ResponseMetadata"]["RequestId"]
    check("START RequestId: " + request_id in log and "END RequestId: " + request_id in log
          and "REPORT RequestId: " + request_id in log, "LogResult holds START, END and REPORT")
    check(len(base64.b64decode(r["LogResult"])) <= 4096, "LogResult is at most 4 KB")

    r = client.invoke(FunctionName="HelloWorldFunction", InvocationType="Event", Payload=b'{"e":1}')
    check(r["StatusCode"] == 202, "Event answers 202")
    check(r["Payload"].read() == b"", "Event has an empty body")

    r = client.invoke(FunctionName="HelloWorldFunction", InvocationType="DryRun")
    check(r["StatusCode"] == 204, "DryRun answers 204")

    r = client.invoke(FunctionName="ErrorFunction", Payload=json.dumps({"value": 3}))
    check(r["StatusCode"] == 200, "a function error keeps HTTP 200")
    check(r.get("FunctionError") == "Unhandled", "FunctionError is Unhandled")
    error = json.loads(r["Payload"].read())
    check(error["errorType"] == "ValueError" and error["errorMessage"] == "bad value: 3",
          "the error document comes back")

    r = client.invoke(FunctionName="HelloWorldFunction", Qualifier="$LATEST")
    check(r["StatusCode"] == 200, "Qualifier=$LATEST")
    r = client.invoke(FunctionName="HelloWorldFunction:$LATEST")
    check(r["StatusCode"] == 200, "a :$LATEST name suffix")
    r = client.invoke(FunctionName="arn:aws:lambda:us-east-1:123456789012:function:HelloWorldFunction")
    check(r["StatusCode"] == 200, "a full ARN")
    r = client.invoke(FunctionName="123456789012:function:HelloWorldFunction")
    check(r["StatusCode"] == 200, "a partial ARN")

    context = {"custom": {"user": "u-1"}, "env": {"platform": "boto3"},
               "client": {"installation_id": "inst-1", "app_title": "Conformance"}}
    r = client.invoke(FunctionName="ContextFunction",
                      ClientContext=base64.b64encode(json.dumps(context).encode()).decode())
    echoed = json.loads(r["Payload"].read())
    check(echoed["client_context"]["custom"] == {"user": "u-1"}
          and echoed["client_context"]["client"]["app_title"] == "Conformance",
          "ClientContext reaches the function")

    e = error_of(lambda: client.invoke(FunctionName="NoSuchFunction"))
    check(e is not None and e["Error"]["Code"] == "ResourceNotFoundException"
          and e["ResponseMetadata"]["HTTPStatusCode"] == 404,
          "an unknown function is ResourceNotFoundException")
    check(e["Error"]["Message"] ==
          "Function not found: arn:aws:lambda:us-east-1:123456789012:function:NoSuchFunction:$LATEST",
          "the not-found message names the qualified ARN")
    try:
        client.invoke(FunctionName="NoSuchFunction")
        check(False, "botocore raises its modelled ResourceNotFoundException")
    except client.exceptions.ResourceNotFoundException:
        check(True, "botocore raises its modelled ResourceNotFoundException")

    e = error_of(lambda: client.invoke(FunctionName="HelloWorldFunction:$LATEST", Qualifier="live"))
    check(e is not None and e["Error"]["Code"] == "InvalidParameterValueException",
          "a disagreeing qualifier is InvalidParameterValueException")

    e = error_of(lambda: client.invoke(FunctionName="HelloWorldFunction", Payload=b"{not json"))
    check(e is not None and e["Error"]["Code"] == "InvalidRequestContentException",
          "an invalid JSON payload is InvalidRequestContentException")

    e = error_of(lambda: client.invoke(FunctionName="HelloWorldFunction",
                                       Payload=b'"' + b"x" * 6291456 + b'"'))
    check(e is not None and e["Error"]["Code"] == "RequestEntityTooLargeException"
          and e["ResponseMetadata"]["HTTPStatusCode"] == 413,
          "a payload over 6 MB is RequestEntityTooLargeException")
    print("OK")


if __name__ == "__main__":
    main()
