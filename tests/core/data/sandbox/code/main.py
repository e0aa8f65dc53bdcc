# SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import sys

root = os.environ["LAMBDA_TASK_ROOT"]
with open(os.path.join(root, "hello.txt")) as f:
    sys.stdout.write(f.read())
print("cwd-is-root", os.path.realpath(os.getcwd()) == os.path.realpath(root))
print("argv0-exists", os.path.exists(sys.argv[0]))
