# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
# Writes event.mb MiB into /tmp/fill.bin in 1 MiB steps; reports how far it got
# and the OSError (e.g. ENOSPC) instead of raising. event.cleanup removes the file.
import os

PATH = "/tmp/fill.bin"


def handler(event, context):
    event = event or {}
    if event.get("cleanup"):
        if os.path.exists(PATH):
            os.remove(PATH)
        return {"removed": True}
    mb = int(event.get("mb", 1))
    chunk = b"\0" * (1024 * 1024)
    written = 0
    error = None
    try:
        with open(PATH, "wb") as f:
            for _ in range(mb):
                f.write(chunk)
                f.flush()
                written += 1
            os.fsync(f.fileno())
    except OSError as e:
        error = {"errno": e.errno, "strerror": e.strerror, "type": type(e).__name__}
    return {"requested_mb": mb, "written_mb": written, "error": error}
