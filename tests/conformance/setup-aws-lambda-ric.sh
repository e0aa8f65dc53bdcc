#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the official Node.js runtime interface client (aws-lambda-ric, written by AWS) into
# a layer folder, so that it is mounted at /opt/nodejs/node_modules inside the sandbox.
#
#   setup-aws-lambda-ric.sh <layer-dir> [version]
#
# Run by CTest as the fixture "ric" (the native build takes minutes, so it happens at test
# time, never at configure time). Idempotent: a stamp file makes a second run return at once.
set -euo pipefail

layer=${1:?usage: setup-aws-lambda-ric.sh <layer-dir> [version]}
version=${2:-3.3.0}
package=aws-lambda-ric
modules="$layer/nodejs/node_modules"
stamp="$layer/.installed-$package-$version"

if [ -f "$stamp" ] && [ -f "$modules/$package/package.json" ]; then
    echo "setup-aws-lambda-ric: $package@$version already installed in $modules"
    exit 0
fi

fail() {
    echo "setup-aws-lambda-ric: $*" >&2
    exit 1
}

missing=()
for tool in node npm autoconf automake libtoolize cmake make g++; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -ne 0 ]; then
    fail "missing build tools: ${missing[*]} (run installer/install-deps.sh, or" \
         "apt-get install -y autoconf automake libtool cmake g++ make nodejs)"
fi

# Build in a scratch folder next to the layer and move it in place only when complete, so an
# interrupted run never leaves a half-built layer behind a stamp.
rm -rf "$layer"
work="$layer.tmp"
rm -rf "$work"
mkdir -p "$work/nodejs"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

export npm_config_nodedir=${npm_config_nodedir:-/usr}
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export npm_config_ignore_scripts=false
registry=$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)

echo "setup-aws-lambda-ric: installing $package@$version from $registry (native build, ~2 min)"
start=$(date +%s)
if ! npm view "$package@$version" version --prefer-offline --fetch-retries=1 --fetch-timeout=20000 >/dev/null 2>&1; then
    fail "cannot reach the npm registry ($registry) to fetch $package@$version;" \
         "this conformance test needs the registry once (or an npm cache that holds the package)." \
         "Set npm_config_registry to a reachable mirror, or exclude the label 'conformance'."
fi
(
    cd "$work/nodejs"
    echo '{"name":"lwb-ric-layer","private":true}' > package.json
    npm install --prefer-offline --no-save --no-package-lock --omit=dev "$package@$version"
) || fail "npm install $package@$version failed (see the output above)"

[ -f "$work/nodejs/node_modules/$package/bin/index.mjs" ] \
    || fail "npm install finished but $package is not in node_modules"
# The native HTTP client is built by the package's install scripts; without it the test would
# only exercise the client's fallback.
[ -f "$work/nodejs/node_modules/$package/dist/rapid-client.node" ] \
    || fail "$package was installed without its native build (npm ignore-scripts set?)"

mv "$work" "$layer"
trap - EXIT
touch "$stamp"
echo "setup-aws-lambda-ric: installed $package@$version in $modules in $(($(date +%s) - start)) s"
