// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "deploy/deployhistory.h"

#include "versions/versionstore.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QLockFile>
#include <QtCore/QLoggingCategory>
#include <QtCore/QRegularExpression>
#include <QtCore/QUrl>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;

namespace Lwb {

Q_LOGGING_CATEGORY(lcDeployHistory, "lwb.core.deploy")

namespace {

const QString kRefPrefix = u"refs/deployments/"_s;
const QString kRecordFile = u"deployment.json"_s;

QString text(const nlohmann::json &object, const char *member)
{
    return LambdaResult::string(object, member);
}

/** A boolean member; false when absent or not a boolean. */
bool flag(const nlohmann::json &object, const char *member)
{
    const auto it = object.find(member);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

bool isAws(const QUrl &endpoint)
{
    const QString host = endpoint.host();
    return host.endsWith(".amazonaws.com"_L1) || host.endsWith(".amazonaws.com.cn"_L1);
}

QString repositoryPath(const QString &historyPath)
{
    return QFileInfo(historyPath).absoluteDir().filePath(u"versions.git"_s);
}

bool commit(VersionStore &store, const DeployRecord &record, VersionError *error)
{
    return store
        .appendCommit(kRefPrefix + DeployHistory::targetKey(record), kRecordFile,
                      QByteArray::fromStdString(DeployHistory::toJson(record).dump(2) + "\n"),
                      DeployHistory::summary(record),
                      QDateTime::fromString(record.time, Qt::ISODateWithMs), error)
        .has_value();
}

/**
 * Imports the JSON list at @p path (the history before it moved into the repository) when
 * no target has a chain yet, then renames it to `.imported`. Under a lock file, so that two
 * processes starting on an old project import it once.
 */
void importJsonList(VersionStore &store, const QString &path)
{
    if (!QFileInfo::exists(path)) {
        return;
    }
    QLockFile lock(path + u".lock"_s);
    if (!lock.lock()) {
        qCWarning(lcDeployHistory, "cannot lock %s to import it", qPrintable(path));
        return;
    }
    VersionError error;
    if (!QFileInfo::exists(path) || !store.references(kRefPrefix, &error).isEmpty() ||
        error.isError()) {
        return;
    }
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        qCWarning(lcDeployHistory, "cannot import %s: %s", qPrintable(path),
                  qPrintable(in.errorString()));
        return;
    }
    const nlohmann::json list = nlohmann::json::parse(in.readAll().toStdString(), nullptr, false);
    in.close();
    if (!list.is_array()) {
        qCWarning(lcDeployHistory, "%s is not a JSON list of deploys; not imported",
                  qPrintable(path));
        return;
    }
    for (const nlohmann::json &item : list) {
        if (item.is_object() && !commit(store, DeployHistory::fromJson(item), &error)) {
            qCWarning(lcDeployHistory, "cannot import %s: %s", qPrintable(path),
                      qPrintable(error.message));
            return;
        }
    }
    const QString imported = path + u".imported"_s;
    if (std::rename(QFile::encodeName(path).constData(), QFile::encodeName(imported).constData()) !=
        0) {
        qCWarning(lcDeployHistory, "imported %s but cannot rename it to %s", qPrintable(path),
                  qPrintable(imported));
    }
}

qint64 timeMs(const DeployRecord &record)
{
    const QDateTime time = QDateTime::fromString(record.time, Qt::ISODateWithMs);
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

} // namespace

QString DeployHistory::defaultPath(const QString &projectDir)
{
    return QDir(projectDir).filePath(u".lwb/deployments.json"_s);
}

std::vector<DeployRecord> DeployHistory::read(const QString &path)
{
    std::vector<DeployRecord> records;
    const QString repository = repositoryPath(path);
    if (!QFileInfo::exists(path) && !QFileInfo::exists(repository)) {
        return records; // nothing recorded yet: no repository is created for reading
    }
    VersionStore store;
    VersionError error;
    if (!store.open(repository, &error)) {
        qCWarning(lcDeployHistory, "%s", qPrintable(error.message));
        return records;
    }
    importJsonList(store, path);
    // Each target's chain, oldest first; then merged by time, a chain's own order kept.
    std::vector<std::vector<DeployRecord>> chains;
    const QStringList refs = store.references(kRefPrefix, &error);
    if (error.isError()) {
        qCWarning(lcDeployHistory, "%s", qPrintable(error.message));
    }
    for (const QString &ref : refs) {
        const auto contents = store.fileHistory(ref, kRecordFile, &error);
        if (!contents) {
            qCWarning(lcDeployHistory, "%s: %s", qPrintable(ref), qPrintable(error.message));
            continue;
        }
        std::vector<DeployRecord> chain;
        for (auto it = contents->crbegin(); it != contents->crend(); ++it) {
            const nlohmann::json object = nlohmann::json::parse(
                it->constData(), it->constData() + it->size(), nullptr, false);
            if (object.is_object()) {
                chain.push_back(fromJson(object));
            }
        }
        chains.push_back(std::move(chain));
    }
    std::vector<size_t> next(chains.size(), 0);
    for (;;) {
        std::optional<size_t> oldest;
        for (size_t i = 0; i < chains.size(); ++i) {
            if (next[i] < chains[i].size() &&
                (!oldest || timeMs(chains[i][next[i]]) < timeMs(chains[*oldest][next[*oldest]]))) {
                oldest = i;
            }
        }
        if (!oldest) {
            return records;
        }
        records.push_back(std::move(chains[*oldest][next[*oldest]++]));
    }
}

bool DeployHistory::append(const QString &path, const DeployRecord &record, QString *error)
{
    VersionStore store;
    VersionError failure;
    if (!store.open(repositoryPath(path), &failure)) {
        *error = failure.message;
        return false;
    }
    importJsonList(store, path);
    if (!commit(store, record, &failure)) {
        *error = failure.message;
        return false;
    }
    return true;
}

QString DeployHistory::targetKey(const DeployRecord &record)
{
    const QUrl url(record.endpoint);
    QString key;
    if (isAws(url)) {
        key = u"aws-%1-%2"_s.arg(record.account.isEmpty() ? u"default"_s : record.account,
                                 record.region);
    } else {
        key = u"local-%1-%2"_s.arg(url.host().isEmpty() ? u"unknown"_s : url.host())
                  .arg(url.port(url.scheme() == "https"_L1 ? 443 : 80));
    }
    static const QRegularExpression forbidden(u"[^A-Za-z0-9._-]"_s);
    // A dot may not follow a dot, end a ref name or start ".lock" at its end.
    static const QRegularExpression badDot(u"\\.(?=\\.|$|lock$)"_s);
    return key.replace(forbidden, u"-"_s).replace(badDot, u"-"_s);
}

QString DeployHistory::summary(const DeployRecord &record)
{
    QString line = record.operation + u' ' +
                   (record.logicalId.isEmpty() ? record.functionName : record.logicalId);
    if (!record.version.isEmpty()) {
        line += u' ' + record.version;
    }
    if (!record.alias.isEmpty()) {
        line += u" → alias "_s + record.alias;
        if (record.weights.contains(record.version)) {
            line += u" at %1 %"_s.arg(qRound(record.weights.value(record.version) * 100));
        }
    }
    const QUrl url(record.endpoint);
    if (isAws(url)) {
        line += u" (aws %1 %2)"_s.arg(record.account.isEmpty() ? u"default"_s : record.account,
                                      record.region);
    } else {
        line += u" (local %1)"_s.arg(url.authority());
    }
    if (!record.ok) {
        line += u" — failed"_s;
    }
    return line.simplified();
}

nlohmann::json DeployHistory::toJson(const DeployRecord &record)
{
    nlohmann::json weights = nlohmann::json::object();
    for (auto it = record.weights.cbegin(); it != record.weights.cend(); ++it) {
        weights[it.key().toStdString()] = it.value();
    }
    return {
        {"Time", record.time.toStdString()},
        {"Endpoint", record.endpoint.toStdString()},
        {"Region", record.region.toStdString()},
        {"Account", record.account.toStdString()},
        {"Operation", record.operation.toStdString()},
        {"LogicalId", record.logicalId.toStdString()},
        {"FunctionName", record.functionName.toStdString()},
        {"CodeSha256", record.codeSha256.toStdString()},
        {"Version", record.version.toStdString()},
        {"Alias", record.alias.toStdString()},
        {"PreviousAliasVersion", record.previousAliasVersion.toStdString()},
        {"AliasVersion", record.aliasVersion.toStdString()},
        {"AdditionalVersionWeights", weights},
        {"Rollback", record.operation == u"Rollback"_s},
        {"Ok", record.ok},
        {"Error", record.error.toStdString()},
    };
}

DeployRecord DeployHistory::fromJson(const nlohmann::json &object)
{
    DeployRecord record;
    record.time = text(object, "Time");
    record.endpoint = text(object, "Endpoint");
    record.region = text(object, "Region");
    record.account = text(object, "Account");
    const QString operation = text(object, "Operation");
    if (!operation.isEmpty()) {
        record.operation = operation;
    } else if (flag(object, "Rollback")) {
        record.operation = u"Rollback"_s;
    }
    record.logicalId = text(object, "LogicalId");
    record.functionName = text(object, "FunctionName");
    record.codeSha256 = text(object, "CodeSha256");
    record.version = text(object, "Version");
    record.alias = text(object, "Alias");
    record.previousAliasVersion = text(object, "PreviousAliasVersion");
    record.aliasVersion = text(object, "AliasVersion");
    const auto weights = object.find("AdditionalVersionWeights");
    if (weights != object.end() && weights->is_object()) {
        for (auto it = weights->begin(); it != weights->end(); ++it) {
            if (it.value().is_number()) {
                record.weights.insert(QString::fromStdString(it.key()), it.value().get<double>());
            }
        }
    }
    record.ok = flag(object, "Ok");
    record.error = text(object, "Error");
    return record;
}

const DeployRecord *DeployHistory::lastPublished(const std::vector<DeployRecord> &records,
                                                 const QString &endpoint,
                                                 const QString &functionName, const QString &alias)
{
    for (auto it = records.crbegin(); it != records.crend(); ++it) {
        if (it->ok && it->operation == u"Deploy"_s && !it->version.isEmpty() &&
            it->endpoint == endpoint && it->functionName == functionName && it->alias == alias) {
            return &*it;
        }
    }
    return nullptr;
}

} // namespace Lwb
