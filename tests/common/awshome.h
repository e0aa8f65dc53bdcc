// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the deploy and credential tests share: files written into temporary HOME folders
// (writeFile of enginefixtures.h) and an environment that has nothing AWS in it.

#include "enginefixtures.h"

#include <QtCore/QProcessEnvironment>
#include <QtCore/QTemporaryDir>

namespace Lwb::Test {

/** An environment with nothing AWS in it, HOME at @p home and this process's PATH. */
inline QProcessEnvironment cleanEnvironment(const QTemporaryDir &home)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    return env;
}

} // namespace Lwb::Test
