// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the `lwb deploy` conformance tests start from, before their own project is written.

#include "enginefixtures.h"

#include <QtCore/QTemporaryDir>

namespace Lwb::Test {

/**
 * The clients' aws-config in @p home (region us-east-1) and, in @p engineProject, the project
 * `lwb local start-lambda` serves: one placeholder function, as what is deployed arrives
 * through the API.
 */
inline void writeDeployFixture(const QTemporaryDir &home, const QTemporaryDir &engineProject)
{
    writeFile(home.filePath(QStringLiteral("aws-config")), "[default]\nregion = us-east-1\n");
    writeFile(engineProject.filePath(QStringLiteral("template.yaml")),
              "AWSTemplateFormatVersion: '2010-09-09'\n"
              "Transform: AWS::Serverless-2016-10-31\n"
              "Resources:\n"
              "  Placeholder:\n"
              "    Type: AWS::Serverless::Function\n"
              "    Properties:\n"
              "      CodeUri: placeholder/\n"
              "      Handler: app.handler\n"
              "      Runtime: python3.12\n");
    writeFile(engineProject.filePath(QStringLiteral("placeholder/app.py")),
              "def handler(event, context):\n    return 0\n");
}

} // namespace Lwb::Test
