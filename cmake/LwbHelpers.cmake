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

# The precompiled header tests reuse. Qt Test defines QT_TESTCASE_BUILDDIR/SOURCEDIR from the
# folder a target is made in, and GCC refuses a header built with other values: one owner per
# test folder, linking what the folder's first test links (tests of one folder link alike).
function(lwb_test_pch_target out libraries)
    file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
    string(MAKE_C_IDENTIFIER "lwb_pch_${rel}" name)
    if(NOT TARGET ${name})
        add_library(${name} STATIC ${PROJECT_SOURCE_DIR}/tests/pch.cpp)
        lwb_set_common_properties(${name})
        target_link_libraries(${name} PRIVATE Qt6::Test Lwb::Core ${libraries})
        target_compile_definitions(${name} PRIVATE
            LWB_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
            LWB_BINARY_DIR="${PROJECT_BINARY_DIR}")
        target_precompile_headers(${name} PRIVATE
            <QtTest/QtTest> <QtCore/QObject> <QtCore/QString> <QtCore/QProcess>
            <QtCore/QTemporaryDir> <nlohmann/json.hpp> <functional> <memory> <string> <vector>)
    endif()
    set(${out} ${name} PARENT_SCOPE)
endfunction()

# lwb_add_test(<name> SOURCES <files...> [LIBRARIES <libs...>] [LABELS <labels...>] [TIMEOUT <s>])
# One Qt Test executable, registered with CTest. Tests find their data through
# LWB_SOURCE_DIR / LWB_BINARY_DIR compile definitions, never through the working directory.
function(lwb_add_test name)
    cmake_parse_arguments(ARG "GUI" "TIMEOUT" "SOURCES;LIBRARIES;LABELS" ${ARGN})
    qt_add_executable(${name} ${ARG_SOURCES})
    lwb_set_common_properties(${name})
    target_link_libraries(${name} PRIVATE Qt6::Test Lwb::Core ${ARG_LIBRARIES})
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/common)
    target_compile_definitions(${name} PRIVATE
        LWB_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        LWB_BINARY_DIR="${PROJECT_BINARY_DIR}")
    if(LWB_USE_PCH)
        lwb_test_pch_target(pch "${ARG_LIBRARIES}")
        target_precompile_headers(${name} REUSE_FROM ${pch})
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

# lwb_add_plugin(): shared with the installed SDK (find_package(LambdaWorkbench)).
include(${CMAKE_CURRENT_LIST_DIR}/LwbAddPlugin.cmake)
