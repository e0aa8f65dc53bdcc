# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
lwb_add_test(tst_platformlog SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_platformlog.cpp LIBRARIES Lwb::Core)
lwb_add_test(tst_engine SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_engine.cpp LIBRARIES Lwb::Core TIMEOUT 600)
