# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
lwb_add_test(tst_platformlog SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_platformlog.cpp LIBRARIES Lwb::Core)
lwb_add_test(tst_engine SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_engine.cpp LIBRARIES Lwb::Core TIMEOUT 600)
# The same lifecycle in the weaker fallback: a plain process, rlimits, RSS watching.
add_test(NAME tst_engine_plain COMMAND tst_engine)
set_tests_properties(tst_engine_plain PROPERTIES
    TIMEOUT 600
    LABELS unit
    ENVIRONMENT "LWB_SANDBOX=plain;AWS_EC2_METADATA_DISABLED=true;LWB_RESOURCES_DIR=${LWB_RESOURCES_DIR}")
lwb_add_test(tst_reportline SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_reportline.cpp LIBRARIES Lwb::Core)
lwb_add_test(tst_ids SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_ids.cpp LIBRARIES Lwb::Core)
