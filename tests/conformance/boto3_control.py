# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""boto3 against the control plane of `lwb local start-lambda` (a project whose template has
TemplateFunction with AutoPublishAlias: live).

Usage: /usr/bin/python3 boto3_control.py http://127.0.0.1:PORT
Prints one line per check and "OK" at the end; exits 1 on the first failure.
"""
import base64
import datetime
import hashlib
import io
import json
import re
import sys
import zipfile

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ACCOUNT = "123456789012"
ROLE = "arn:aws:iam::%s:role/boto3-test" % ACCOUNT


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


def is_error(response, code, status, message=None):
    if response is None:
        return False
    if response["Error"]["Code"] != code or response["ResponseMetadata"]["HTTPStatusCode"] != status:
        print("  got: %s %s" % (response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]))
        return False
    if message is not None and response["Error"]["Message"] != message:
        print("  got message: %r" % response["Error"]["Message"])
        return False
    return True


def handler_zip(version):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("app.py",
                   "import os\n"
                   "def handler(event, context):\n"
                   "    return {'version': %d, 'env': os.environ.get('GREETING'),\n"
                   "            'memory': context.memory_limit_in_mb}\n" % version)
    return buffer.getvalue()


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
    name = "boto3-fn"
    arn = "arn:aws:lambda:us-east-1:%s:function:%s" % (ACCOUNT, name)

    # CreateFunction
    v1 = handler_zip(1)
    r = client.create_function(FunctionName=name, Runtime="python3.11", Role=ROLE,
                               Handler="app.handler", Code={"ZipFile": v1},
                               Description="made by boto3", Timeout=5, MemorySize=256,
                               Environment={"Variables": {"GREETING": "hello"}},
                               Tags={"team": "lwb"},
                               Layers=["arn:aws:lambda:us-east-1:%s:layer:shared:3" % ACCOUNT])
    check(r["ResponseMetadata"]["HTTPStatusCode"] == 201, "CreateFunction answers 201")
    check(r["FunctionName"] == name and r["FunctionArn"] == arn, "name and ARN")
    check(r["Runtime"] == "python3.11" and r["Handler"] == "app.handler" and r["Role"] == ROLE,
          "runtime, handler and role")
    check(r["CodeSize"] == len(v1), "CodeSize is the zip's size")
    check(r["CodeSha256"] == base64.b64encode(hashlib.sha256(v1).digest()).decode(),
          "CodeSha256 is base64 SHA-256 of the zip")
    check(r["Version"] == "$LATEST" and r["State"] == "Active"
          and r["LastUpdateStatus"] == "Successful", "Version, State, LastUpdateStatus")
    check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000", r["LastModified"]) is not None,
          "LastModified in Lambda's format")
    check(re.fullmatch(r"[0-9a-f-]{36}", r["RevisionId"]) is not None, "RevisionId is a UUID")
    check(r["Timeout"] == 5 and r["MemorySize"] == 256 and r["Description"] == "made by boto3",
          "Timeout, MemorySize, Description")
    check(r["Environment"]["Variables"] == {"GREETING": "hello"}, "Environment.Variables")
    check(r["PackageType"] == "Zip" and r["Architectures"] == ["x86_64"]
          and r["EphemeralStorage"] == {"Size": 512} and r["TracingConfig"] == {"Mode": "PassThrough"},
          "PackageType, Architectures, EphemeralStorage, TracingConfig defaults")
    check(r["Layers"] == [{"Arn": "arn:aws:lambda:us-east-1:%s:layer:shared:3" % ACCOUNT,
                           "CodeSize": 0}], "Layers are listed by ARN")
    # The layer ARN does not resolve locally: take it away again before invoking.
    r = client.update_function_configuration(FunctionName=name, Layers=[])
    check("Layers" not in r, "Layers can be removed")
    revision = r["RevisionId"]

    e = error_of(lambda: client.create_function(FunctionName=name, Runtime="python3.11", Role=ROLE,
                                                Handler="app.handler", Code={"ZipFile": v1}))
    check(is_error(e, "ResourceConflictException", 409, "Function already exist: " + name),
          "a second CreateFunction is ResourceConflictException")
    e = error_of(lambda: client.create_function(FunctionName="bad-zip", Runtime="python3.11",
                                                Role=ROLE, Handler="app.handler",
                                                Code={"ZipFile": b"not a zip"}))
    check(is_error(e, "InvalidParameterValueException", 400,
                   "Could not unzip uploaded file. Please check your file, then try to upload again."),
          "a broken zip is InvalidParameterValueException")
    e = error_of(lambda: client.create_function(FunctionName="no-runtime", Role=ROLE,
                                                Code={"ZipFile": v1}))
    check(is_error(e, "InvalidParameterValueException", 400), "Runtime and Handler are required")
    e = error_of(lambda: client.create_function(FunctionName="bad-env", Runtime="python3.11",
                                                Role=ROLE, Handler="app.handler", Code={"ZipFile": v1},
                                                Environment={"Variables": {"AWS_REGION": "x"}}))
    check(is_error(e, "InvalidParameterValueException", 400) and "AWS_REGION" in e["Error"]["Message"],
          "reserved environment variables are refused")
    e = error_of(lambda: client.create_function(FunctionName="bad-role", Runtime="python3.11",
                                                Role="not-a-role", Handler="app.handler",
                                                Code={"ZipFile": v1}))
    check(is_error(e, "ValidationException", 400), "a malformed role is ValidationException")

    r = client.invoke(FunctionName=name, Payload=b"{}")
    body = json.loads(r["Payload"].read())
    check(body == {"version": 1, "env": "hello", "memory": "256"}, "the new function runs")

    # GetFunction / GetFunctionConfiguration
    r = client.get_function(FunctionName=name)
    check(r["Configuration"]["FunctionName"] == name and r["Configuration"]["RevisionId"] == revision,
          "GetFunction has the configuration")
    check(r["Code"]["RepositoryType"] == "S3" and r["Code"]["Location"].startswith("file:///"),
          "GetFunction has a code location (a local file)")
    check(r["Tags"] == {"team": "lwb"}, "GetFunction has the tags")
    check("Concurrency" not in r, "no Concurrency without a reservation")
    import urllib.request
    with urllib.request.urlopen(r["Code"]["Location"]) as download:
        check(download.read() == v1, "the code location is the uploaded zip")
    r = client.get_function_configuration(FunctionName=arn)
    check(r["FunctionName"] == name, "GetFunctionConfiguration by ARN")
    r = client.get_function_configuration(FunctionName=name, Qualifier="$LATEST")
    check(r["Version"] == "$LATEST", "GetFunctionConfiguration with Qualifier=$LATEST")
    e = error_of(lambda: client.get_function(FunctionName="no-such-function"))
    check(is_error(e, "ResourceNotFoundException", 404,
                   "Function not found: arn:aws:lambda:us-east-1:%s:function:no-such-function" % ACCOUNT),
          "an unknown function is ResourceNotFoundException")

    # ListFunctions, one page at a time and through the paginator.
    names = []
    marker = None
    pages = 0
    while True:
        kwargs = {"MaxItems": 1}
        if marker:
            kwargs["Marker"] = marker
        r = client.list_functions(**kwargs)
        pages += 1
        check(len(r["Functions"]) <= 1, "MaxItems=1 gives at most one function")
        names += [f["FunctionName"] for f in r["Functions"]]
        marker = r.get("NextMarker")
        if not marker:
            break
    check(pages >= 2 and name in names and "TemplateFunction" in names,
          "Marker paging reaches API and template functions")
    check(len(names) == len(set(names)), "paging repeats no function")
    listed = [f["FunctionName"] for page in client.get_paginator("list_functions").paginate()
              for f in page["Functions"]]
    check(sorted(listed) == sorted(names), "the paginator lists the same functions")
    e = error_of(lambda: client.list_functions(Marker="%%%"))
    check(is_error(e, "InvalidParameterValueException", 400), "a bad Marker is refused")

    # UpdateFunctionCode with RevisionId.
    v2 = handler_zip(2)
    e = error_of(lambda: client.update_function_code(FunctionName=name, ZipFile=v2,
                                                     RevisionId="00000000-0000-0000-0000-000000000000"))
    check(is_error(e, "PreconditionFailedException", 412,
                   "The Revision Id provided does not match the latest Revision Id. Call the "
                   "GetFunction/GetAlias API to retrieve the latest Revision Id"),
          "a stale RevisionId is PreconditionFailedException")
    r = client.update_function_code(FunctionName=name, ZipFile=v2, RevisionId=revision)
    check(r["CodeSha256"] == base64.b64encode(hashlib.sha256(v2).digest()).decode()
          and r["RevisionId"] != revision, "UpdateFunctionCode changes CodeSha256 and RevisionId")
    r = client.update_function_code(FunctionName=name, ZipFile=handler_zip(3), DryRun=True)
    check(r["CodeSha256"] == base64.b64encode(hashlib.sha256(handler_zip(3)).digest()).decode(),
          "DryRun reports the new CodeSha256")
    body = json.loads(client.invoke(FunctionName=name)["Payload"].read())
    check(body["version"] == 2, "the next invoke runs the new code (DryRun changed nothing)")

    # Published versions and aliases (core/versions) read through GetFunction*.
    num = client.publish_version(FunctionName=name)["Version"]
    r = client.get_function_configuration(FunctionName=name, Qualifier=num)
    check(r["Version"] == num and r["FunctionArn"].endswith(":" + num),
          "GetFunctionConfiguration of a published version")
    client.create_alias(FunctionName=name, Name="stable", FunctionVersion=num)
    r = client.get_function(FunctionName=name, Qualifier="stable")
    check(r["Configuration"]["Version"] == num, "GetFunction through an alias")
    e = error_of(lambda: client.get_function(FunctionName=name, Qualifier="99"))
    check(is_error(e, "ResourceNotFoundException", 404), "an unknown version is ResourceNotFoundException")
    client.delete_alias(FunctionName=name, Name="stable")
    r = client.delete_function(FunctionName=name, Qualifier=num)
    check(r["ResponseMetadata"]["HTTPStatusCode"] == 204, "DeleteFunction of one version")
    e = error_of(lambda: client.get_function_configuration(FunctionName=name, Qualifier=num))
    check(is_error(e, "ResourceNotFoundException", 404), "the version is gone")
    check(client.get_function(FunctionName=name)["Configuration"]["Version"] == "$LATEST",
          "$LATEST stays")

    # UpdateFunctionConfiguration
    r = client.update_function_configuration(FunctionName=name, MemorySize=512, Timeout=30,
                                             Environment={"Variables": {"GREETING": "bonjour"}},
                                             TracingConfig={"Mode": "Active"})
    check(r["MemorySize"] == 512 and r["Timeout"] == 30 and r["TracingConfig"]["Mode"] == "Active",
          "UpdateFunctionConfiguration answers with the new configuration")
    body = json.loads(client.invoke(FunctionName=name)["Payload"].read())
    check(body == {"version": 2, "env": "bonjour", "memory": "512"},
          "the next invoke sees the new configuration")
    e = error_of(lambda: client.update_function_configuration(FunctionName=name, Timeout=901))
    check(is_error(e, "ValidationException", 400), "Timeout above 900 is ValidationException")
    e = error_of(lambda: client.update_function_configuration(FunctionName=name, Runtime="cobol85"))
    check(is_error(e, "ValidationException", 400), "an unknown runtime is ValidationException")

    # Reserved concurrency
    r = client.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=0)
    check(r["ReservedConcurrentExecutions"] == 0, "PutFunctionConcurrency")
    check(client.get_function_concurrency(FunctionName=name)["ReservedConcurrentExecutions"] == 0,
          "GetFunctionConcurrency")
    check(client.get_function(FunctionName=name)["Concurrency"] == {"ReservedConcurrentExecutions": 0},
          "GetFunction shows the reservation")
    e = error_of(lambda: client.invoke(FunctionName=name))
    check(is_error(e, "TooManyRequestsException", 429)
          and e["Reason"] == "ReservedFunctionConcurrentInvocationLimitExceeded",
          "reserved concurrency 0 throttles invokes")
    settings = client.get_account_settings()
    check(settings["AccountLimit"]["UnreservedConcurrentExecutions"] == 1000, "0 reserved leaves 1000")
    client.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=10)
    check(client.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"] == 990,
          "a reservation comes out of the unreserved pool")
    e = error_of(lambda: client.put_function_concurrency(FunctionName=name,
                                                         ReservedConcurrentExecutions=950))
    check(is_error(e, "InvalidParameterValueException", 400), "the unreserved minimum is kept")
    r = client.delete_function_concurrency(FunctionName=name)
    check(r["ResponseMetadata"]["HTTPStatusCode"] == 204, "DeleteFunctionConcurrency answers 204")
    check("ReservedConcurrentExecutions" not in client.get_function_concurrency(FunctionName=name),
          "no reservation after DeleteFunctionConcurrency")
    check(client.invoke(FunctionName=name)["StatusCode"] == 200, "invokes work again")

    # Provisioned concurrency
    e = error_of(lambda: client.put_provisioned_concurrency_config(
        FunctionName=name, Qualifier="$LATEST", ProvisionedConcurrentExecutions=1))
    check(is_error(e, "InvalidParameterValueException", 400,
                   "Provisioned Concurrency Configs cannot be applied to unpublished function versions."),
          "provisioned concurrency on $LATEST is refused")
    e = error_of(lambda: client.put_provisioned_concurrency_config(
        FunctionName=name, Qualifier="nosuchalias", ProvisionedConcurrentExecutions=1))
    check(is_error(e, "ResourceNotFoundException", 404), "on an unknown alias: ResourceNotFoundException")
    r = client.put_provisioned_concurrency_config(FunctionName="TemplateFunction", Qualifier="live",
                                                  ProvisionedConcurrentExecutions=2)
    check(r["ResponseMetadata"]["HTTPStatusCode"] == 202 and r["Status"] == "IN_PROGRESS"
          and r["RequestedProvisionedConcurrentExecutions"] == 2,
          "PutProvisionedConcurrencyConfig on an alias answers 202 IN_PROGRESS")
    r = client.get_provisioned_concurrency_config(FunctionName="TemplateFunction", Qualifier="live")
    check(r["RequestedProvisionedConcurrentExecutions"] == 2 and r["Status"] in ("IN_PROGRESS", "READY"),
          "GetProvisionedConcurrencyConfig")
    client.delete_provisioned_concurrency_config(FunctionName="TemplateFunction", Qualifier="live")
    e = error_of(lambda: client.get_provisioned_concurrency_config(FunctionName="TemplateFunction",
                                                                   Qualifier="live"))
    check(is_error(e, "ProvisionedConcurrencyConfigNotFoundException", 404),
          "no config after DeleteProvisionedConcurrencyConfig")

    # Event invoke config
    dlq = "arn:aws:sqs:us-east-1:%s:failures" % ACCOUNT
    r = client.put_function_event_invoke_config(
        FunctionName=name, MaximumRetryAttempts=1, MaximumEventAgeInSeconds=120,
        DestinationConfig={"OnFailure": {"Destination": dlq}})
    check(r["MaximumRetryAttempts"] == 1 and r["MaximumEventAgeInSeconds"] == 120
          and r["DestinationConfig"]["OnFailure"]["Destination"] == dlq
          and r["FunctionArn"] == arn + ":$LATEST", "PutFunctionEventInvokeConfig")
    check(isinstance(r["LastModified"], datetime.datetime), "LastModified is a timestamp")
    r = client.update_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=0)
    check(r["MaximumRetryAttempts"] == 0 and r["MaximumEventAgeInSeconds"] == 120,
          "UpdateFunctionEventInvokeConfig changes only what it names")
    r = client.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=2)
    check("MaximumEventAgeInSeconds" not in r
          and "Destination" not in r["DestinationConfig"].get("OnFailure", {}),
          "PutFunctionEventInvokeConfig replaces the whole configuration")
    r = client.get_function_event_invoke_config(FunctionName=name)
    check(r["MaximumRetryAttempts"] == 2, "GetFunctionEventInvokeConfig")
    e = error_of(lambda: client.put_function_event_invoke_config(FunctionName=name,
                                                                 MaximumRetryAttempts=3))
    check(is_error(e, "ValidationException", 400), "MaximumRetryAttempts above 2 is refused")
    client.delete_function_event_invoke_config(FunctionName=name)
    e = error_of(lambda: client.get_function_event_invoke_config(FunctionName=name))
    check(is_error(e, "ResourceNotFoundException", 404), "no EventInvokeConfig after the delete")

    # Resource policy
    r = client.add_permission(FunctionName=name, StatementId="s3-invoke",
                              Action="lambda:InvokeFunction", Principal="s3.amazonaws.com",
                              SourceArn="arn:aws:s3:::my-bucket", SourceAccount=ACCOUNT)
    check(r["ResponseMetadata"]["HTTPStatusCode"] == 201, "AddPermission answers 201")
    statement = json.loads(r["Statement"])
    check(statement == {"Sid": "s3-invoke", "Effect": "Allow",
                        "Principal": {"Service": "s3.amazonaws.com"},
                        "Action": "lambda:InvokeFunction", "Resource": arn,
                        "Condition": {"StringEquals": {"AWS:SourceAccount": ACCOUNT},
                                      "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::my-bucket"}}},
          "the statement as AWS writes it")
    client.add_permission(FunctionName=name, StatementId="account", Action="lambda:GetFunction",
                          Principal=ACCOUNT)
    e = error_of(lambda: client.add_permission(FunctionName=name, StatementId="account",
                                               Action="lambda:InvokeFunction", Principal="*"))
    check(is_error(e, "ResourceConflictException", 409), "a duplicate Sid is ResourceConflictException")
    r = client.get_policy(FunctionName=name)
    policy = json.loads(r["Policy"])
    check(policy["Version"] == "2012-10-17" and policy["Id"] == "default"
          and [s["Sid"] for s in policy["Statement"]] == ["s3-invoke", "account"],
          "GetPolicy returns the policy document")
    check(policy["Statement"][1]["Principal"] == {"AWS": "arn:aws:iam::%s:root" % ACCOUNT},
          "an account principal becomes its root ARN")
    check(r["RevisionId"] == client.get_function_configuration(FunctionName=name)["RevisionId"],
          "GetPolicy carries the function's RevisionId")
    r = client.remove_permission(FunctionName=name, StatementId="s3-invoke")
    check(r["ResponseMetadata"]["HTTPStatusCode"] == 204, "RemovePermission answers 204")
    e = error_of(lambda: client.remove_permission(FunctionName=name, StatementId="s3-invoke"))
    check(is_error(e, "ResourceNotFoundException", 404,
                   "Statement s3-invoke is not found in resource policy."),
          "removing it again is ResourceNotFoundException")
    client.remove_permission(FunctionName=name, StatementId="account")
    e = error_of(lambda: client.get_policy(FunctionName=name))
    check(is_error(e, "ResourceNotFoundException", 404, "The resource you requested does not exist."),
          "no policy left")

    # Tags
    client.tag_resource(Resource=arn, Tags={"stage": "dev"})
    check(client.list_tags(Resource=arn)["Tags"] == {"team": "lwb", "stage": "dev"}, "TagResource")
    client.untag_resource(Resource=arn, TagKeys=["team"])
    check(client.list_tags(Resource=arn)["Tags"] == {"stage": "dev"}, "UntagResource")

    # Account settings
    r = client.get_account_settings()
    check(r["AccountLimit"]["CodeSizeZipped"] == 52428800
          and r["AccountLimit"]["CodeSizeUnzipped"] == 262144000
          and r["AccountLimit"]["ConcurrentExecutions"] == 1000, "GetAccountSettings limits")
    check(r["AccountUsage"]["FunctionCount"] >= 2, "GetAccountSettings counts functions")

    # Publish on create and on code update; ListFunctions with FunctionVersion=ALL.
    pub = "boto3-published"
    r = client.create_function(FunctionName=pub, Runtime="python3.11", Role=ROLE,
                               Handler="app.handler", Code={"ZipFile": handler_zip(1)}, Publish=True)
    check(r["ResponseMetadata"]["HTTPStatusCode"] == 201 and r["Version"] == "1",
          "CreateFunction with Publish answers with version 1")
    r = client.update_function_code(FunctionName=pub, ZipFile=handler_zip(2), Publish=True)
    check(r["Version"] == "2", "UpdateFunctionCode with Publish publishes version 2")
    check(json.loads(client.invoke(FunctionName=pub, Qualifier="1")["Payload"].read())["version"] == 1,
          "version 1 still runs the first code")
    everything = [(f["FunctionName"], f["Version"])
                  for page in client.get_paginator("list_functions").paginate(
                      FunctionVersion="ALL", PaginationConfig={"PageSize": 1})
                  for f in page["Functions"]]
    check((pub, "$LATEST") in everything and (pub, "1") in everything and (pub, "2") in everything,
          "FunctionVersion=ALL lists $LATEST and the versions, page by page")
    check(len(everything) == len(set(everything)), "no entry twice")
    client.create_alias(FunctionName=pub, Name="live", FunctionVersion="2")
    client.delete_function(FunctionName=pub)
    client.create_function(FunctionName=pub, Runtime="python3.11", Role=ROLE,
                           Handler="app.handler", Code={"ZipFile": handler_zip(3)})
    check(client.list_versions_by_function(FunctionName=pub)["Versions"][1:] == []
          and client.list_aliases(FunctionName=pub)["Aliases"] == [],
          "DeleteFunction took the versions and aliases along")
    client.delete_function(FunctionName=pub)

    # A layer published through the API (core/layers), named by ARN.
    layer_zip = io.BytesIO()
    with zipfile.ZipFile(layer_zip, "w") as z:
        z.writestr("python/shared_value.py", "VALUE = 42\n")
    layer = client.publish_layer_version(LayerName="boto3-shared",
                                         Content={"ZipFile": layer_zip.getvalue()},
                                         CompatibleRuntimes=["python3.11"])
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as z:
        z.writestr("app.py", "import shared_value\n"
                             "def handler(event, context):\n    return shared_value.VALUE\n")
    r = client.create_function(FunctionName="boto3-layered", Runtime="python3.11", Role=ROLE,
                               Handler="app.handler", Code={"ZipFile": code.getvalue()},
                               Layers=[layer["LayerVersionArn"]])
    check(r["Layers"] == [{"Arn": layer["LayerVersionArn"], "CodeSize": layer["Content"]["CodeSize"]}],
          "Layers carry the layer version's ARN and CodeSize")
    check(client.invoke(FunctionName="boto3-layered")["Payload"].read() == b"42",
          "the function imports from its layer under /opt")
    client.delete_function(FunctionName="boto3-layered")

    # DeleteFunction
    r = client.delete_function(FunctionName=name)
    check(r["ResponseMetadata"]["HTTPStatusCode"] == 204, "DeleteFunction answers 204")
    e = error_of(lambda: client.get_function(FunctionName=name))
    check(is_error(e, "ResourceNotFoundException", 404), "the function is gone")
    e = error_of(lambda: client.invoke(FunctionName=name))
    check(is_error(e, "ResourceNotFoundException", 404), "and cannot be invoked")
    e = error_of(lambda: client.delete_function(FunctionName=name))
    check(is_error(e, "ResourceNotFoundException", 404), "deleting it again is ResourceNotFoundException")
    print("OK")


if __name__ == "__main__":
    main()
