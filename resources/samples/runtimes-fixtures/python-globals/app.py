# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
import os

COUNT = 0


def handler(event, context):
    global COUNT
    COUNT += 1
    return {"count": COUNT, "pid": os.getpid()}
