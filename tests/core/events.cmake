# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The event-template catalogue (resources/events) and plugins' EventServices metadata, checked
# with fixture plugins (the tick fixture of tests/plugins with other metadata) in their own folder.
set(event_fixture_dir ${CMAKE_CURRENT_BINARY_DIR}/event-fixtures)
foreach(fixture a_owner b_clash notarray badname)
    string(REGEX REPLACE "^[ab]_" "" json ${fixture})
    lwb_add_plugin(event-fixture-${json} SOURCES ${PROJECT_SOURCE_DIR}/tests/plugins/fixtures/tickplugin.cpp
        OUTPUT_DIRECTORY ${event_fixture_dir} NO_INSTALL)
    target_compile_definitions(lwb_trigger_event_fixture_${json} PRIVATE
        FIXTURE_METADATA="${CMAKE_CURRENT_SOURCE_DIR}/data/eventservices/${json}.json")
    set_target_properties(lwb_trigger_event_fixture_${json} PROPERTIES OUTPUT_NAME ${fixture} PREFIX "")
    list(APPEND event_fixture_targets lwb_trigger_event_fixture_${json})
endforeach()
lwb_add_test(tst_eventcatalogue SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_eventcatalogue.cpp)
target_compile_definitions(tst_eventcatalogue PRIVATE LWB_EVENT_FIXTURE_DIR="${event_fixture_dir}")
add_dependencies(tst_eventcatalogue lwb_trigger_s3 lwb_trigger_schedule ${event_fixture_targets})
