# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# lwb_add_plugin(<id> [UI] SOURCES <files...> [LIBRARIES <libs...>] [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
#
# A trigger plugin module `lwb_trigger_<id>` (dashes become underscores) linking Lwb::Core, with
# the project's compile rules. Built into LWB_PLUGIN_OUTPUT_DIR (the build tree's plugin folder;
# <build>/plugins out of tree) or OUTPUT_DIRECTORY, and installed into
# <libdir>/lambda-workbench/plugins, where the workbench looks next to its own installation.
# Used by the workbench's own plugins and, installed with the SDK, by plugins built elsewhere.
#
# UI: the plugin's GUI half instead, `lwb_trigger_<id>_ui` (a TriggerEditorFactory, with the same
# Id in its metadata as the core half), linking the workbench's trigger editor library
# (Lwb::TriggerEditor, app/gui). It goes into the same folder and is installed with the GUI.
include_guard(GLOBAL)
include(GNUInstallDirs)

function(lwb_add_plugin id)
    cmake_parse_arguments(ARG "NO_INSTALL;UI" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
    string(REPLACE "-" "_" target "lwb_trigger_${id}")
    if(ARG_UI)
        if(NOT TARGET Lwb::TriggerEditor)
            message(FATAL_ERROR "lwb_add_plugin(${id} UI): a GUI half needs the workbench's GUI "
                                "(Lwb::TriggerEditor; configure with LWB_BUILD_GUI=ON)")
        endif()
        string(APPEND target "_ui")
        list(APPEND ARG_LIBRARIES Lwb::TriggerEditor)
    endif()
    qt_add_plugin(${target} SHARED)
    target_sources(${target} PRIVATE ${ARG_SOURCES})
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
        QT_NO_CAST_FROM_BYTEARRAY QT_DISABLE_DEPRECATED_BEFORE=0x060400 QT_NO_KEYWORDS)
    target_compile_features(${target} PRIVATE cxx_std_20)
    target_link_libraries(${target} PRIVATE Lwb::Core ${ARG_LIBRARIES})
    if(NOT ARG_OUTPUT_DIRECTORY)
        if(DEFINED LWB_PLUGIN_OUTPUT_DIR)
            set(ARG_OUTPUT_DIRECTORY ${LWB_PLUGIN_OUTPUT_DIR})
        else()
            set(ARG_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/plugins)
        endif()
    endif()
    set_target_properties(${target} PROPERTIES
        LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY}
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON
        # <libdir>/lambda-workbench/plugins → <libdir>, where liblwb_core is.
        INSTALL_RPATH "$ORIGIN/../..")
    if(NOT ARG_NO_INSTALL)
        install(TARGETS ${target} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/lambda-workbench/plugins
                COMPONENT Runtime)
    endif()
endfunction()
