# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
# Allocates event.mb MiB and touches every page (so it counts as RSS).
HOLD = []


def handler(event, context):
    mb = int((event or {}).get("mb", 64))
    block = bytearray(mb * 1024 * 1024)
    for i in range(0, len(block), 4096):
        block[i] = 1
    if (event or {}).get("keep"):
        HOLD.append(block)
    return {"allocated_mb": mb, "held_mb": sum(len(b) for b in HOLD) // (1024 * 1024)}
