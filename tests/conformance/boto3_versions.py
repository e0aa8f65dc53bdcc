# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Versions, aliases and layers through Debian's boto3 against `lwb local start-lambda`:
#   boto3_versions.py ENDPOINT LAYER_ZIP
# The caller sets fake credentials and AWS_EC2_METADATA_DISABLED; the endpoint is loopback.
# Prints OK on success; any failed check raises.
import json
import sys

import boto3
import botocore.config
from botocore.exceptions import ClientError

endpoint, layer_zip = sys.argv[1], sys.argv[2]
client = boto3.client(
    "lambda",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
    config=botocore.config.Config(retries={"max_attempts": 0}),
)


def error_of(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return (e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Code"],
                e.response["Error"]["Message"])
    raise AssertionError("%s(%s) did not fail" % (call.__name__, kwargs))


def check(condition, what):
    if not condition:
        raise AssertionError(what)


FN = "boto"
ARN = "arn:aws:lambda:us-east-1:123456789012:function:" + FN

# PublishVersion: 201, FunctionConfiguration of the version; unchanged → the same version.
v = client.publish_version(FunctionName=FN, Description="from boto3")
check(v["ResponseMetadata"]["HTTPStatusCode"] == 201, v)
check(v["Version"] == "1" and v["FunctionArn"] == ARN + ":1", v)
check(v["Description"] == "from boto3" and v["Runtime"] == "python3.11", v)
check(v["State"] == "Active" and v["LastUpdateStatus"] == "Successful", v)
check(len(v["CodeSha256"]) == 44 and v["CodeSize"] > 0 and v["LastModified"].endswith("+0000"), v)
check(client.publish_version(FunctionName=ARN)["Version"] == "1", "unchanged code published anew")
status, code, message = error_of(client.publish_version, FunctionName=FN, CodeSha256="AAAA")
check((status, code) == (412, "PreconditionFailedException"), (status, code, message))
status, code, message = error_of(client.publish_version, FunctionName="nosuch")
check((status, code) == (404, "ResourceNotFoundException"), (status, code))
check(message == "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nosuch", message)

# ListVersionsByFunction: $LATEST first, paging with Marker / NextMarker.
page = client.list_versions_by_function(FunctionName=FN, MaxItems=1)
check([x["Version"] for x in page["Versions"]] == ["$LATEST"] and "NextMarker" in page, page)
page2 = client.list_versions_by_function(FunctionName=FN, MaxItems=1, Marker=page["NextMarker"])
check([x["Version"] for x in page2["Versions"]] == ["1"] and "NextMarker" not in page2, page2)
every = [x["Version"] for p in client.get_paginator("list_versions_by_function").paginate(
    FunctionName=FN, PaginationConfig={"PageSize": 1}) for x in p["Versions"]]
check(every == ["$LATEST", "1"], every)
status, code, _ = error_of(client.list_versions_by_function, FunctionName=FN, Marker="x")
check((status, code) == (400, "InvalidParameterValueException"), code)

# Aliases.
a = client.create_alias(FunctionName=FN, Name="live", FunctionVersion="1", Description="d")
check(a["ResponseMetadata"]["HTTPStatusCode"] == 201, a)
check(a["AliasArn"] == ARN + ":live" and a["Name"] == "live" and a["FunctionVersion"] == "1", a)
check(a["Description"] == "d" and len(a["RevisionId"]) == 36 and "RoutingConfig" not in a, a)
check(client.get_alias(FunctionName=FN, Name="live")["RevisionId"] == a["RevisionId"], "GetAlias")
status, code, message = error_of(client.create_alias, FunctionName=FN, Name="live", FunctionVersion="1")
check((status, code) == (409, "ResourceConflictException"), (status, code))
check(message == "Alias already exists: " + ARN + ":live", message)
status, code, message = error_of(client.get_alias, FunctionName=FN, Name="gone")
check((status, code) == (404, "ResourceNotFoundException"), (status, code))
check(message == "Alias not found: " + ARN + ":gone", message)
status, code, _ = error_of(client.create_alias, FunctionName=FN, Name="x", FunctionVersion="9")
check((status, code) == (404, "ResourceNotFoundException"), (status, code))
status, code, _ = error_of(client.create_alias, FunctionName=FN, Name="123", FunctionVersion="1")
check(status == 400, (status, code))

# A second version by configuration only is impossible here; route to $LATEST-free weights.
status, code, message = error_of(client.update_alias, FunctionName=FN, Name="live",
                                 RoutingConfig={"AdditionalVersionWeights": {"1": 0.5}})
check((status, code) == (400, "InvalidParameterValueException"), (status, code, message))
status, code, _ = error_of(client.update_alias, FunctionName=FN, Name="live", RevisionId="stale",
                           Description="x")
check((status, code) == (412, "PreconditionFailedException"), (status, code))
u = client.update_alias(FunctionName=FN, Name="live", Description="updated", RevisionId=a["RevisionId"])
check(u["Description"] == "updated" and u["RevisionId"] != a["RevisionId"], u)
client.create_alias(FunctionName=FN, Name="beta", FunctionVersion="$LATEST")
names = [x["Name"] for x in client.list_aliases(FunctionName=FN)["Aliases"]]
check(names == ["beta", "live"], names)
check([x["Name"] for x in client.list_aliases(FunctionName=FN, FunctionVersion="1")["Aliases"]]
      == ["live"], "ListAliases FunctionVersion")
first = client.list_aliases(FunctionName=FN, MaxItems=1)
check(len(first["Aliases"]) == 1 and "NextMarker" in first, first)

inv = client.invoke(FunctionName=FN, Qualifier="live", Payload=b"{}")
check(inv["ExecutedVersion"] == "1", inv)
check(json.loads(inv["Payload"].read())["version"] == "1", "version seen by the function")
check(client.invoke(FunctionName=FN + ":beta")["ExecutedVersion"] == "$LATEST", "beta")

d = client.delete_alias(FunctionName=FN, Name="beta")
check(d["ResponseMetadata"]["HTTPStatusCode"] == 204, d)
check(client.delete_alias(FunctionName=FN, Name="beta")["ResponseMetadata"]["HTTPStatusCode"] == 204,
      "DeleteAlias of a missing alias")
status, code, _ = error_of(client.invoke, FunctionName=FN, Qualifier="beta")
check((status, code) == (404, "ResourceNotFoundException"), (status, code))

# Layers.
zip_bytes = open(layer_zip, "rb").read()
l1 = client.publish_layer_version(LayerName="botolib", Content={"ZipFile": zip_bytes},
                                  CompatibleRuntimes=["python3.11"], Description="lib",
                                  LicenseInfo="MIT", CompatibleArchitectures=["x86_64"])
check(l1["ResponseMetadata"]["HTTPStatusCode"] == 201, l1)
LARN = "arn:aws:lambda:us-east-1:123456789012:layer:botolib"
check(l1["Version"] == 1 and l1["LayerArn"] == LARN and l1["LayerVersionArn"] == LARN + ":1", l1)
check(l1["Content"]["CodeSize"] == len(zip_bytes) and len(l1["Content"]["CodeSha256"]) == 44, l1)
check(l1["CompatibleRuntimes"] == ["python3.11"] and l1["LicenseInfo"] == "MIT", l1)
check(l1["CreatedDate"].endswith("+0000"), l1)
l2 = client.publish_layer_version(LayerName=LARN, Content={"ZipFile": zip_bytes},
                                  CompatibleRuntimes=["nodejs20.x"])
check(l2["Version"] == 2, l2)
g = client.get_layer_version(LayerName="botolib", VersionNumber=1)
check(g["LayerVersionArn"] == LARN + ":1" and g["Description"] == "lib", g)
check(client.get_layer_version_by_arn(Arn=LARN + ":2")["Version"] == 2, "GetLayerVersionByArn")
versions = client.list_layer_versions(LayerName="botolib")["LayerVersions"]
check([x["Version"] for x in versions] == [2, 1], versions)
check([x["Version"] for x in client.list_layer_versions(
    LayerName="botolib", CompatibleRuntime="python3.11")["LayerVersions"]] == [1], "runtime filter")
check(client.list_layer_versions(LayerName="nolayer")["LayerVersions"] == [], "unknown layer")
layers = {x["LayerName"]: x for x in client.list_layers()["Layers"]}
check(layers["botolib"]["LatestMatchingVersion"]["Version"] == 2, layers)
check(layers["botolib"]["LayerArn"] == LARN, layers)
filtered = {x["LayerName"]: x for x in client.list_layers(CompatibleRuntime="python3.11")["Layers"]}
check(filtered["botolib"]["LatestMatchingVersion"]["Version"] == 1, filtered)
check(client.delete_layer_version(LayerName="botolib", VersionNumber=2)
      ["ResponseMetadata"]["HTTPStatusCode"] == 204, "DeleteLayerVersion")
status, code, message = error_of(client.get_layer_version, LayerName="botolib", VersionNumber=2)
check((status, code) == (404, "ResourceNotFoundException"), (status, code))
check(message == "The resource you requested does not exist.", message)
check(client.publish_layer_version(LayerName="botolib", Content={"ZipFile": zip_bytes})["Version"] == 3,
      "layer version numbers are never reused")
status, code, _ = error_of(client.publish_layer_version, LayerName="botolib",
                           Content={"ZipFile": b"not a zip"})
check((status, code) == (400, "InvalidParameterValueException"), (status, code))
status, code, _ = error_of(client.get_layer_version, LayerName="bad name!", VersionNumber=1)
check(status == 400, (status, code))

print("OK")
