# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Deploying (core/deploy): packages and the AWS credential chain.
lwb_add_test(tst_packager SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_packager.cpp)
lwb_add_test(tst_awscredentials SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_awscredentials.cpp)
# What lwb deploy and the deploy panel share: targets, the history and its model, file diffs.
lwb_add_test(tst_deploytarget SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_deploytarget.cpp)
lwb_add_test(tst_deployhistory SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_deployhistory.cpp)
