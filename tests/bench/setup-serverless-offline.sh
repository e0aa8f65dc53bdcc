#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs serverless@3 and serverless-offline@13 (the peer bench_invokeapi measures against)
# into <build>/tests/bench/sls. Idempotent: a stamp records the installed versions, and a second
# run with the stamp present does nothing. Needs Node.js, npm and access to the npm registry;
# without them it fails with a message saying so, and the benchmark skips the peer.
#
# usage: tests/bench/setup-serverless-offline.sh <build-dir>
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 <build-dir>" >&2
    exit 2
fi

dest="$1/tests/bench/sls"
stamp="$dest/.lwb-setup-stamp"
wanted="serverless@3 serverless-offline@13"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] \
    && [ -f "$dest/node_modules/serverless/bin/serverless.js" ] \
    && [ -d "$dest/node_modules/serverless-offline" ]; then
    echo "serverless-offline already set up in $dest"
    exit 0
fi

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "error: $tool is not installed (installer/install-deps.sh installs nodejs)" >&2
        exit 1
    fi
done

mkdir -p "$dest"
cd "$dest"
if [ ! -f package.json ]; then
    printf '{\n  "name": "lwb-bench-sls",\n  "private": true\n}\n' > package.json
fi

echo "installing $wanted into $dest (needs the npm registry) ..."
if ! npm install --no-audit --no-fund --loglevel=error serverless@3 serverless-offline@13; then
    echo "error: npm install of $wanted failed: is the npm registry reachable?" >&2
    echo "       (bench_invokeapi measures our engine alone without it)" >&2
    exit 1
fi
echo "$wanted" > "$stamp"
echo "serverless-offline set up in $dest"
