# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The Lambda control plane as awscli v2 and boto3 (Debian's, called by full path) see it,
# through a real `lwb local start-lambda` process on a temporary project; the clients are kept
# on loopback with fake credentials.
lwb_add_test(tst_awscli_control
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_awscli_control.cpp
    LIBRARIES Lwb::Core PkgConfig::LIBZIP
    LABELS conformance
    TIMEOUT 600)
add_dependencies(tst_awscli_control lwb)
