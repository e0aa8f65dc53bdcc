# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Versions, aliases and layers of `lwb local start-lambda` as awscli v2 and boto3 (Debian's,
# called by full path) see them; the clients are kept on loopback with fake credentials.
lwb_add_test(tst_versions_awscli
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_versions_awscli.cpp
    LIBRARIES Lwb::Core
    LABELS conformance
    TIMEOUT 600)
add_dependencies(tst_versions_awscli lwb)
