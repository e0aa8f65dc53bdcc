# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Lwb::SigV4's verifier against the signatures of Debian's awscli v2 and boto3 (called by full
# path, fake credentials, loopback only).
lwb_add_test(tst_sigv4_clients
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_sigv4_clients.cpp
    LIBRARIES Lwb::Core
    LABELS conformance
    TIMEOUT 300)
