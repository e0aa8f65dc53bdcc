# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
lwb_add_test(tst_metricstore SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_metricstore.cpp LIBRARIES Lwb::Core)
lwb_add_test(tst_logstore SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_logstore.cpp LIBRARIES Lwb::Core)
lwb_add_test(tst_costmodel SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_costmodel.cpp LIBRARIES Lwb::Core)
lwb_add_test(tst_telemetryrecorder SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_telemetryrecorder.cpp
             LIBRARIES Lwb::Core TIMEOUT 600)
