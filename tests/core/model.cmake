# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# core/model: plain value types and Lambda's limits on them.
lwb_add_test(tst_functionlimits SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_functionlimits.cpp
             LIBRARIES Lwb::Core)
