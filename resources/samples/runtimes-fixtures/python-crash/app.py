# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
# event {"mode": "exit"}     -> os._exit(event.get("code", 1))
# event {"mode": "segv"}     -> SIGSEGV
# event {"mode": "exit0"}    -> os._exit(0)
# anything else              -> {"ok": true}
import os
import signal


def handler(event, context):
    mode = (event or {}).get("mode")
    if mode == "exit":
        os._exit(int(event.get("code", 1)))
    if mode == "exit0":
        os._exit(0)
    if mode == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
    return {"ok": True}
