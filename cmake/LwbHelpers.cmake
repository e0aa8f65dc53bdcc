# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later

# Compile definitions every target of ours carries.
function(lwb_set_common_properties target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_CAST_FROM_BYTEARRAY
        QT_DISABLE_DEPRECATED_BEFORE=0x060400
        QT_NO_KEYWORDS)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()

# lwb_add_test(<name> SOURCES <files...> [LIBRARIES <libs...>] [LABELS <labels...>] [TIMEOUT <s>])
# One Qt Test executable, registered with CTest. Tests find their data through
# LWB_SOURCE_DIR / LWB_BINARY_DIR compile definitions, never through the working directory.
function(lwb_add_test name)
    cmake_parse_arguments(ARG "GUI" "TIMEOUT" "SOURCES;LIBRARIES;LABELS" ${ARGN})
    qt_add_executable(${name} ${ARG_SOURCES})
    lwb_set_common_properties(${name})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBRARIES})
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/common)
    target_compile_definitions(${name} PRIVATE
        LWB_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        LWB_BINARY_DIR="${PROJECT_BINARY_DIR}")
    if(LWB_USE_PCH)
        target_precompile_headers(${name} REUSE_FROM lwb_test_pch)
    endif()
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set(labels ${ARG_LABELS})
    if(NOT labels)
        set(labels unit)
    endif()
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${labels}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;AWS_EC2_METADATA_DISABLED=true;LWB_RESOURCES_DIR=${LWB_RESOURCES_DIR}")
endfunction()
