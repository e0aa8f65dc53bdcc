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

# lwb_add_plugin(<id> SOURCES <files...> [LIBRARIES <libs...>] [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
# A trigger plugin module `lwb_trigger_<id>` (dashes become underscores) linking Lwb::Core,
# built into the build tree's plugin folder (or OUTPUT_DIRECTORY, for test fixtures) and
# installed into the plugin folder PluginManager searches.
function(lwb_add_plugin id)
    cmake_parse_arguments(ARG "NO_INSTALL" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
    string(REPLACE "-" "_" target "lwb_trigger_${id}")
    qt_add_plugin(${target} SHARED)
    target_sources(${target} PRIVATE ${ARG_SOURCES})
    lwb_set_common_properties(${target})
    target_link_libraries(${target} PRIVATE Lwb::Core ${ARG_LIBRARIES})
    if(NOT ARG_OUTPUT_DIRECTORY)
        set(ARG_OUTPUT_DIRECTORY ${LWB_PLUGIN_OUTPUT_DIR})
    endif()
    set_target_properties(${target} PROPERTIES
        LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY}
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON)
    if(NOT ARG_NO_INSTALL)
        install(TARGETS ${target} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/lambda-workbench/plugins)
    endif()
endfunction()
