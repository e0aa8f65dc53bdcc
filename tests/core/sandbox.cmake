# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
lwb_add_test(tst_sandbox SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_sandbox.cpp LIBRARIES Lwb::Core)
# The same suite with the fallback forced through the environment, as a user would force it.
add_test(NAME tst_sandbox_plain COMMAND tst_sandbox)
set_tests_properties(tst_sandbox_plain PROPERTIES
    TIMEOUT 300
    LABELS unit
    ENVIRONMENT "LWB_SANDBOX=plain;QT_QPA_PLATFORM=offscreen;AWS_EC2_METADATA_DISABLED=true;LWB_RESOURCES_DIR=${LWB_RESOURCES_DIR}")
