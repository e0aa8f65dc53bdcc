# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# core/project: SAM templates, saved test events, env-vars files.
# yaml-cpp is linked only so that the round-trip test can compare node trees itself.
lwb_add_test(tst_samtemplate
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_samtemplate.cpp
    LIBRARIES Lwb::Core yaml-cpp)
lwb_add_test(tst_projecttreemodel SOURCES tst_projecttreemodel.cpp LABELS project)
lwb_add_test(tst_jsontreemodel SOURCES tst_jsontreemodel.cpp LABELS project)
