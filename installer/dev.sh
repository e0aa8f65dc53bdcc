#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The project's two entry points on a fresh Debian 12 machine:
#   installer/dev.sh run [project-dir|template.yaml]  install what is missing, build, launch the workbench
#   installer/dev.sh test                             install what is missing, build, run the whole test suite
# and, for developers:
#   installer/dev.sh build | bench
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${LWB_BUILD_DIR:-$root/build}
command=${1:-run}

"$root/installer/install-deps.sh"

configure_and_build() {
    if [ ! -f "$build/build.ninja" ]; then
        cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    fi
    cmake --build "$build"
}

case "$command" in
run)
    configure_and_build
    project=${2:-$root/resources/samples/hello-world}
    exec "$build/app/gui/lambda-workbench" "$project"
    ;;
build)
    configure_and_build
    ;;
test)
    configure_and_build
    # Benchmarks are measured with `installer/dev.sh bench`, never gated.
    ctest --test-dir "$build" --output-on-failure --label-exclude bench --timeout 600
    ;;
bench)
    configure_and_build
    ctest --test-dir "$build" --label-regex bench --verbose
    ;;
*)
    echo "usage: installer/dev.sh run [project] | test | build | bench" >&2
    exit 2
    ;;
esac
