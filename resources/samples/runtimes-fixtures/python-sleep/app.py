# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
import time


def handler(event, context):
    seconds = float((event or {}).get("seconds", 1))
    start = time.time()
    time.sleep(seconds)
    return {"slept": seconds, "elapsed": round(time.time() - start, 3),
            "remaining_ms": context.get_remaining_time_in_millis()}
