// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/controlstore.h"

#include <QtCore/QDir>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr int kSchemaVersion = 1;
constexpr auto kSchema = R"(
CREATE TABLE IF NOT EXISTS functions (
    name TEXT PRIMARY KEY,
    record TEXT NOT NULL
);
)";

} // namespace

ControlStore::ControlStore() = default;
ControlStore::~ControlStore() = default;

QString ControlStore::pathForProject(const QString &projectDir)
{
    return QDir(projectDir).filePath(u".lwb/control.sqlite"_s);
}

QString ControlStore::codeRoot(const QString &projectDir)
{
    return QDir(projectDir).filePath(u".lwb/functions"_s);
}

bool ControlStore::open(const QString &path, QString *error)
{
    if (!m_db.open(path, error)) {
        return false;
    }
    if (m_db.userVersion() < kSchemaVersion) {
        if (!m_db.begin() || !m_db.exec(kSchema) || !m_db.setUserVersion(kSchemaVersion) ||
            !m_db.commit()) {
            const QString message = m_db.lastError();
            m_db.rollback();
            m_db.close();
            if (error) {
                *error = message;
            }
            return false;
        }
    }
    return true;
}

std::vector<FunctionRecord> ControlStore::load(QStringList *problems)
{
    std::vector<FunctionRecord> records;
    Statement select = m_db.prepare("SELECT name, record FROM functions ORDER BY name");
    while (select.isValid() && select.step()) {
        const QString name = select.text(0);
        const QByteArray text = select.text(1).toUtf8();
        const nlohmann::json json =
            nlohmann::json::parse(text.constBegin(), text.constEnd(), nullptr, false);
        QString error;
        std::optional<FunctionRecord> record = FunctionRecord::fromStoreJson(json, &error);
        if (!record || record->name() != name) {
            if (problems) {
                problems->append(u"%1: the stored function cannot be read (%2)"_s.arg(
                    name, error.isEmpty() ? u"name mismatch"_s : error));
            }
            continue;
        }
        records.push_back(std::move(*record));
    }
    return records;
}

bool ControlStore::save(const FunctionRecord &record)
{
    Statement insert =
        m_db.prepare("INSERT OR REPLACE INTO functions (name, record) VALUES (?, ?)");
    return insert.isValid() && insert.bind(1, record.name())
                                   .bind(2, QString::fromStdString(record.toStoreJson().dump()))
                                   .run();
}

bool ControlStore::remove(const QString &functionName)
{
    Statement del = m_db.prepare("DELETE FROM functions WHERE name = ?");
    return del.isValid() && del.bind(1, functionName).run();
}

} // namespace Lwb
