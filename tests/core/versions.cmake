# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
lwb_add_test(tst_versionstore SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_versionstore.cpp LIBRARIES Lwb::Core)
lwb_add_test(tst_engineversions SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_engineversions.cpp LIBRARIES Lwb::Core TIMEOUT 600)
lwb_add_test(tst_versionsapi SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_versionsapi.cpp LIBRARIES Lwb::Core)
