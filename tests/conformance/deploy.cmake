# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# `lwb deploy` against a real `lwb local start-lambda`, read back with awscli; the AWS target's
# signed requests checked on a loopback recorder.
lwb_add_test(tst_deploy
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_deploy.cpp
    LABELS conformance
    TIMEOUT 600)
add_dependencies(tst_deploy lwb)
