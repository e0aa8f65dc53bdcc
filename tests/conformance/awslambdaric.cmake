# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The official Node.js runtime interface client (npm aws-lambda-ric, by AWS). Its native build
# takes minutes, so it is a CTest fixture that runs with the tests, never at configure time; the
# layer lands in the build tree and is mounted at /opt inside the sandbox.
set(LWB_RIC_VERSION 3.3.0)
add_test(NAME conformance_setup_ric
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/setup-aws-lambda-ric.sh
            ${PROJECT_BINARY_DIR}/tests/conformance/ric-layer ${LWB_RIC_VERSION})
set_tests_properties(conformance_setup_ric PROPERTIES
    FIXTURES_SETUP ric
    TIMEOUT 900
    LABELS conformance)

lwb_add_test(tst_awslambdaric
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_awslambdaric.cpp
    LIBRARIES Lwb::Core
    LABELS conformance
    TIMEOUT 300)
set_tests_properties(tst_awslambdaric PROPERTIES FIXTURES_REQUIRED ric)
