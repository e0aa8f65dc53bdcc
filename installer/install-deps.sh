#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs every Debian 12 package that the build, the tests and the runtimes need.
# Idempotent: when everything is present it returns in well under a second.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build ccache pkg-config git
    # Qt 6.4 and friends
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev libqscintilla2-qt6-dev libgl-dev
    # the deploy panel keeps AWS keys in the system keychain
    qtkeychain-qt6-dev
    # core libraries
    nlohmann-json3-dev libgit2-dev libsqlite3-dev libyaml-cpp-dev libzip-dev libssl-dev
    libboost-dev
    # sandbox and runtimes
    bubblewrap python3 nodejs
    # native build of the official Node.js runtime interface client (tests/conformance)
    autoconf automake libtool make g++
    # real AWS clients used as test tools
    awscli python3-boto3
    # offscreen / real-window GUI checks
    xvfb xauth
    # HTTP load generator for the Invoke API benchmark (tests/bench)
    wrk
    # packaging checks (tests/installer): .desktop and AppStream validators, dpkg-shlibdeps
    desktop-file-utils appstream dpkg-dev
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
