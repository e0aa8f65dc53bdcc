# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
# What a forked environment sees of itself: its /tmp, its variables, its Runtime API socket.
import os
import time

STARTED_AS = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")


def handler(event, context):
    action = event.get("action")
    if action == "exit":
        os._exit(int(event.get("code", 3)))
    if action == "hog":
        hog = [bytearray(1024 * 1024) for _ in range(int(event["mb"]))]
        return len(hog)
    seen = sorted(os.listdir("/tmp"))
    if event.get("write"):
        with open("/tmp/written-by-" + context.aws_request_id, "w") as f:
            f.write("x")
    time.sleep(float(event.get("sleep", 0)))
    with open("/proc/self/mountinfo") as f:
        tmp_mounts = [line.split()[4] for line in f if line.split()[4] == "/tmp"]
    reachable = []
    for pid in range(1, 300):
        try:
            os.kill(pid, 0)
            reachable.append(pid)
        except OSError:
            pass
    return {
        "pid": os.getpid(),
        "reachable": reachable,
        "tmp": seen,
        "tmpMounts": len(tmp_mounts),
        "logStream": context.log_stream_name,
        "envStream": os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME"),
        "initStream": STARTED_AS,
        "initType": os.environ.get("AWS_LAMBDA_INITIALIZATION_TYPE"),
        "socket": os.environ.get("LWB_RUNTIME_API_SOCKET"),
        "api": os.environ.get("AWS_LAMBDA_RUNTIME_API"),
        "forkServerFd": os.environ.get("LWB_FORK_SERVER_FD"),
        "stdin": os.readlink("/proc/self/fd/0"),
    }
