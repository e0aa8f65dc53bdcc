# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
lwb_add_test(tst_layerstore SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_layerstore.cpp LIBRARIES Lwb::Core)
