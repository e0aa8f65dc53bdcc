# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# AWS Signature Version 4, against the aws-c-auth test suite in data/sigv4.
lwb_add_test(tst_sigv4 SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_sigv4.cpp LIBRARIES Lwb::Core)
