# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The process tst_asyncqueue kills with SIGKILL mid-way (not a test itself).
qt_add_executable(asyncharness ${CMAKE_CURRENT_SOURCE_DIR}/asyncharness.cpp)
lwb_set_common_properties(asyncharness)
target_link_libraries(asyncharness PRIVATE Lwb::Core)

lwb_add_test(tst_asyncqueue SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_asyncqueue.cpp
    LIBRARIES Lwb::Core TIMEOUT 600)
add_dependencies(tst_asyncqueue asyncharness)
target_compile_definitions(tst_asyncqueue PRIVATE
    LWB_ASYNC_HARNESS="$<TARGET_FILE:asyncharness>")
if(TARGET lwb)
    add_dependencies(tst_asyncqueue lwb)
    target_compile_definitions(tst_asyncqueue PRIVATE LWB_CLI="$<TARGET_FILE:lwb>")
endif()
