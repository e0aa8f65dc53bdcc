# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
# Entry point: /usr/bin/python3 ${runtimeDir}/python/bootstrap.py
# Kept tiny on purpose: Python compiles a script on every start but loads an
# imported module from __pycache__ (see README.md, "Precompiling").
import lwb_bootstrap

lwb_bootstrap.main()
