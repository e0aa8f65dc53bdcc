# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# IAM policy evaluation, the Lambda operation table, SAM policies and the linter, and the SigV4
# + IAM gate of the Lambda API (requests signed here, checked by ApiAuthorizer).
lwb_add_test(tst_iampolicy SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_iampolicy.cpp LIBRARIES Lwb::Core)
lwb_add_test(tst_apiauthorizer SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_apiauthorizer.cpp LIBRARIES Lwb::Core)
