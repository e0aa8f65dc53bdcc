// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "deploy/deployhistory.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QSaveFile>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

nlohmann::json readArray(const QString &path)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        return nlohmann::json::array();
    }
    nlohmann::json history = nlohmann::json::parse(in.readAll().toStdString(), nullptr, false);
    return history.is_array() ? history : nlohmann::json::array();
}

QString text(const nlohmann::json &object, const char *member)
{
    return LambdaResult::string(object, member);
}

} // namespace

QString DeployHistory::defaultPath(const QString &projectDir)
{
    return QDir(projectDir).filePath(u".lwb/deployments.json"_s);
}

std::vector<DeployRecord> DeployHistory::read(const QString &path)
{
    std::vector<DeployRecord> records;
    for (const nlohmann::json &item : readArray(path)) {
        if (!item.is_object()) {
            continue;
        }
        DeployRecord record;
        record.time = text(item, "Time");
        record.endpoint = text(item, "Endpoint");
        record.region = text(item, "Region");
        const QString operation = text(item, "Operation");
        if (!operation.isEmpty()) {
            record.operation = operation;
        } else if (item.value("Rollback", false)) {
            record.operation = u"Rollback"_s;
        }
        record.logicalId = text(item, "LogicalId");
        record.functionName = text(item, "FunctionName");
        record.codeSha256 = text(item, "CodeSha256");
        record.version = text(item, "Version");
        record.alias = text(item, "Alias");
        record.previousAliasVersion = text(item, "PreviousAliasVersion");
        record.aliasVersion = text(item, "AliasVersion");
        const auto weights = item.find("AdditionalVersionWeights");
        if (weights != item.end() && weights->is_object()) {
            for (auto it = weights->begin(); it != weights->end(); ++it) {
                if (it.value().is_number()) {
                    record.weights.insert(QString::fromStdString(it.key()),
                                          it.value().get<double>());
                }
            }
        }
        record.ok = item.value("Ok", false);
        record.error = text(item, "Error");
        records.push_back(record);
    }
    return records;
}

bool DeployHistory::append(const QString &path, const DeployRecord &record, QString *error)
{
    nlohmann::json history = readArray(path);
    nlohmann::json weights = nlohmann::json::object();
    for (auto it = record.weights.cbegin(); it != record.weights.cend(); ++it) {
        weights[it.key().toStdString()] = it.value();
    }
    history.push_back({
        {"Time", record.time.toStdString()},
        {"Endpoint", record.endpoint.toStdString()},
        {"Region", record.region.toStdString()},
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
    });
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(QByteArray::fromStdString(history.dump(2)) + '\n') < 0 || !out.commit()) {
        *error = out.errorString();
        return false;
    }
    return true;
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
