// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "project/savedevents.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QRegularExpression>
#include <QtCore/QSaveFile>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr auto kEventsFolder = "events";

bool isJson(const QByteArray &bytes, QString *error)
{
    try {
        const auto parsed = nlohmann::json::parse(bytes.constBegin(), bytes.constEnd());
        return !parsed.is_discarded();
    } catch (const nlohmann::json::parse_error &e) {
        if (error) {
            *error = u"the event is not valid JSON: %1"_s.arg(QString::fromUtf8(e.what()));
        }
        return false;
    }
}

} // namespace

SavedEvents::SavedEvents(const QString &projectDir)
    : m_projectDir(QDir(projectDir).absolutePath())
{
}

QString SavedEvents::projectDir() const
{
    return m_projectDir;
}

QString SavedEvents::eventsDir() const
{
    return QDir(m_projectDir).filePath(QLatin1StringView(kEventsFolder));
}

bool SavedEvents::isValidName(const QString &name)
{
    static const QRegularExpression re(u"^[A-Za-z0-9._-]{1,25}$"_s);
    return re.match(name).hasMatch() && name != u"." && name != u"..";
}

bool SavedEvents::isValidLogicalId(const QString &logicalId)
{
    static const QRegularExpression re(u"^[A-Za-z0-9]+$"_s);
    return re.match(logicalId).hasMatch();
}

QString SavedEvents::folder(const QString &functionLogicalId) const
{
    if (functionLogicalId.isEmpty()) {
        return eventsDir();
    }
    if (!isValidLogicalId(functionLogicalId)) {
        return {};
    }
    return QDir(eventsDir()).filePath(functionLogicalId);
}

QStringList SavedEvents::names(const QString &functionLogicalId) const
{
    const QString dir = folder(functionLogicalId);
    if (dir.isEmpty()) {
        return {};
    }
    QStringList out;
    const QFileInfoList files = QDir(dir).entryInfoList({u"*.json"_s}, QDir::Files, QDir::Name);
    for (const QFileInfo &file : files) {
        const QString name = file.completeBaseName();
        if (isValidName(name)) {
            out.append(name);
        }
    }
    return out;
}

QString SavedEvents::filePath(const QString &functionLogicalId, const QString &name) const
{
    const QString dir = folder(functionLogicalId);
    if (dir.isEmpty() || !isValidName(name)) {
        return {};
    }
    return QDir(dir).filePath(name + u".json"_s);
}

bool SavedEvents::contains(const QString &functionLogicalId, const QString &name) const
{
    const QString path = filePath(functionLogicalId, name);
    return !path.isEmpty() && QFileInfo(path).isFile();
}

std::optional<QByteArray> SavedEvents::load(const QString &functionLogicalId, const QString &name,
                                            QString *error) const
{
    const QString path = filePath(functionLogicalId, name);
    if (path.isEmpty()) {
        if (error) {
            *error = u"invalid event name '%1'"_s.arg(name);
        }
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        }
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    if (!isJson(bytes, error)) {
        return std::nullopt;
    }
    return bytes;
}

bool SavedEvents::save(const QString &functionLogicalId, const QString &name,
                       const QByteArray &json, QString *error) const
{
    const QString path = filePath(functionLogicalId, name);
    if (path.isEmpty()) {
        if (error) {
            *error = u"invalid event name '%1': use 1 to 25 letters, digits, '.', '-' or '_'"_s
                         .arg(name);
        }
        return false;
    }
    if (!isJson(json, error)) {
        return false;
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        if (error) {
            *error = u"cannot create %1"_s.arg(QFileInfo(path).absolutePath());
        }
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        if (error) {
            *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        }
        return false;
    }
    return true;
}

bool SavedEvents::remove(const QString &functionLogicalId, const QString &name,
                         QString *error) const
{
    const QString path = filePath(functionLogicalId, name);
    if (path.isEmpty() || !QFile::exists(path)) {
        if (error) {
            *error = u"no saved event '%1'"_s.arg(name);
        }
        return false;
    }
    QFile file(path);
    if (!file.remove()) {
        if (error) {
            *error = u"cannot remove %1: %2"_s.arg(path, file.errorString());
        }
        return false;
    }
    return true;
}

} // namespace Lwb
