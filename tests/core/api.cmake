# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
lwb_add_test(tst_functionarn SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_functionarn.cpp LIBRARIES Lwb::Core)
lwb_add_test(tst_invokeapiserver SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_invokeapiserver.cpp
             LIBRARIES Lwb::Core TIMEOUT 300)
