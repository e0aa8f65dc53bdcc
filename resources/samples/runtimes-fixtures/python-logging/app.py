# SPDX-FileCopyrightText: Lambda Workbench contributors
# SPDX-License-Identifier: Apache-2.0
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)
print("init print")


def handler(event, context):
    print("print line")
    logging.info("info line %s", 1)
    logger.error("error line")
    logging.debug("debug line is filtered")
    context.log("context.log line\n")
    return {"logged": True}
