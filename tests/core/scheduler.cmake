# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
lwb_add_test(tst_scheduler SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_scheduler.cpp LIBRARIES Lwb::Core)
lwb_add_test(tst_orchestrator SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_orchestrator.cpp LIBRARIES Lwb::Core TIMEOUT 600)
