# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# SigV4 and IAM enforcement of `lwb local start-lambda` against Debian's awscli v2 and boto3
# (full paths, fake credentials, loopback only), raw requests for what SDKs cannot send, and
# the --host / --allow-remote / --no-auth rules.
lwb_add_test(tst_security
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_security.cpp
    LIBRARIES Lwb::Core Qt6::Network
    LABELS conformance
    TIMEOUT 600)
