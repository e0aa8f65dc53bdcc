# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The Lambda control plane (core/control): zips, the store and every operation over raw HTTP.
lwb_add_test(tst_control SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_control.cpp
             LIBRARIES Lwb::Core PkgConfig::LIBZIP TIMEOUT 300)
