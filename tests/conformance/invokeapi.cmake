# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The Invoke API as awscli v2 and boto3 (Debian's, called by full path) see it, through a real
# `lwb local start-lambda` process; the clients are kept on loopback with fake credentials.
lwb_add_test(tst_awscli_invoke
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_awscli_invoke.cpp
    LIBRARIES Lwb::Core
    LABELS conformance
    TIMEOUT 300)
add_dependencies(tst_awscli_invoke lwb)
