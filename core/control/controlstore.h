// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/functionrecord.h"
#include "lwb_core_export.h"
#include "store/database.h"

#include <QtCore/QString>

#include <vector>

namespace Lwb {

/**
 * The functions created through the Lambda control plane, persisted in the project's
 * `.lwb/control.sqlite` (one row per function, its FunctionRecord as JSON), so that they
 * survive a restart of `lwb local start-lambda`. Code lives beside it, in
 * `.lwb/functions/<name>/<codesha-hex>/` (see codeRoot()).
 *
 * Errors are returned, never thrown. Not thread-safe: one instance per thread.
 */
class LWB_CORE_EXPORT ControlStore
{
public:
    ControlStore();
    ~ControlStore();

    /** `<projectDir>/.lwb/control.sqlite`. */
    static QString pathForProject(const QString &projectDir);
    /** `<projectDir>/.lwb/functions`: where unpacked code and uploaded zips are kept. */
    static QString codeRoot(const QString &projectDir);

    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const { return m_db.isOpen(); }

    /** Every stored function, by name; rows that cannot be read are reported in @p problems. */
    std::vector<FunctionRecord> load(QStringList *problems = nullptr);
    /** Inserts or replaces the function's row. */
    bool save(const FunctionRecord &record);
    bool remove(const QString &functionName);
    QString lastError() const { return m_db.lastError(); }

private:
    Database m_db;
};

} // namespace Lwb
