# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
# A thread started at init ticks every 10 ms and writes its counter to
# /tmp/lwb-background-counter. While the environment is frozen between
# invokes the counter must not move.
import os
import threading
import time

PATH = "/tmp/lwb-background-counter"
TICKS = 0


def _tick():
    global TICKS
    while True:
        TICKS += 1
        tmp = PATH + ".tmp"
        with open(tmp, "w") as f:
            f.write(str(TICKS))
        os.replace(tmp, PATH)
        time.sleep(0.01)


threading.Thread(target=_tick, daemon=True).start()


def handler(event, context):
    with open(PATH) as f:
        on_disk = int(f.read() or 0)
    return {"ticks": TICKS, "file": on_disk, "pid": os.getpid(), "time": time.time()}
