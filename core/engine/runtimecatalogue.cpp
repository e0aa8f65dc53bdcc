// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtimecatalogue.h"

#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

QString qs(const nlohmann::json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

/** "python3.12" → "3.12", "nodejs20.x" → "20": the version a template asks for. */
QString requestedVersion(const QString &id, const QString &family)
{
    QString v = id.mid(family.size());
    if (v.endsWith(u".x"_s)) {
        v.chop(2);
    }
    return v;
}

} // namespace

RuntimeCatalogue::RuntimeCatalogue(const QString &runtimesDir)
    : m_runtimesDir(runtimesDir)
{
    QFile file(runtimesDir + u"/catalogue.json"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        return;
    }
    const QByteArray data = file.readAll();
    const nlohmann::json doc = nlohmann::json::parse(data.constBegin(), data.constEnd(), nullptr, false);
    if (!doc.is_object() || !doc.contains("runtimes") || !doc["runtimes"].is_object()) {
        return;
    }
    for (const auto &[id, entry] : doc["runtimes"].items()) {
        RuntimeInfo info;
        info.id = QString::fromStdString(id);
        info.family = qs(entry.value("family", nlohmann::json()));
        info.interpreter = qs(entry.value("interpreter", nlohmann::json()));
        for (const auto &arg : entry.value("command", nlohmann::json::array())) {
            info.command << qs(arg);
        }
        if (info.isValid()) {
            m_entries.insert(info.id, info);
        }
    }
}

QStringList RuntimeCatalogue::knownRuntimes() const
{
    QStringList ids = m_entries.keys();
    ids.sort();
    return ids;
}

QString RuntimeCatalogue::hostVersion(const QString &interpreter) const
{
    if (interpreter.isEmpty()) {
        return {};
    }
    auto cached = m_versionCache.constFind(interpreter);
    if (cached != m_versionCache.constEnd()) {
        return *cached;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(interpreter, {u"--version"_s});
    QString version;
    if (process.waitForFinished(10000)) {
        static const QRegularExpression number(u"(\\d+\\.\\d+(?:\\.\\d+)?)"_s);
        const auto match = number.match(QString::fromUtf8(process.readAll()));
        if (match.hasMatch()) {
            version = match.captured(1);
        }
    }
    m_versionCache.insert(interpreter, version);
    return version;
}

RuntimeInfo RuntimeCatalogue::resolve(const QString &runtimeId, QString *error) const
{
    auto it = m_entries.constFind(runtimeId);
    if (it == m_entries.constEnd()) {
        if (error) {
            *error = u"Value '%1' at 'runtime' failed to satisfy constraint: Member must satisfy enum "
                     "value set: [%2]"_s.arg(runtimeId, knownRuntimes().join(u", "_s));
        }
        return {};
    }
    RuntimeInfo info = *it;
    if (info.family == u"provided"_s) {
        info.runtimeVersion = u"provided:"_s + runtimeId.mid(8).remove(u'.') + u".lwb"_s;
        if (info.runtimeVersion == u"provided:.lwb"_s) {
            info.runtimeVersion = u"provided:1.lwb"_s;
        }
        return info;
    }
    if (!QFileInfo(info.interpreter).isExecutable()) {
        if (error) {
            *error = u"The runtime %1 needs %2, which is not installed on this machine."_s.arg(
                runtimeId, info.interpreter);
        }
        return {};
    }
    info.hostVersion = hostVersion(info.interpreter);
    const QString wanted = requestedVersion(runtimeId, info.family);
    info.runtimeVersion = info.family + u':' + wanted + u".lwb-host"_s + info.hostVersion;
    const bool matches = info.hostVersion == wanted || info.hostVersion.startsWith(wanted + u'.');
    if (!matches) {
        info.warning = u"%1 runs on this machine's %2 %3 (%4), not %5: behaviour specific to %5 may differ."_s
                           .arg(runtimeId,
                                info.family == u"python"_s ? u"Python"_s : u"Node.js"_s,
                                info.hostVersion, info.interpreter, wanted);
    }
    return info;
}

} // namespace Lwb
