// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/functionrecord.h"

#include "api/functionarn.h"
#include "versions/functionconfigjson.h"

#include <QtCore/QDateTime>
#include <QtCore/QUuid>

using namespace Qt::StringLiterals;
using nlohmann::json;
using nlohmann::ordered_json;

namespace Lwb {

namespace {

std::string s(const QString &text)
{
    return text.toStdString();
}

QString q(const json &value, const char *key)
{
    const auto it = value.find(key);
    return it != value.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                                : QString();
}

/** The destination type the engine understands, from the ARN's service. */
DestinationConfig destination(const QString &arn)
{
    DestinationConfig d;
    d.target = arn;
    const QStringList parts = arn.split(u':');
    const QString service = parts.size() > 2 ? parts.at(2) : QString();
    if (service == u"lambda"_s) {
        d.type = u"Lambda"_s;
    } else if (service == u"sqs"_s) {
        d.type = u"SQS"_s;
    } else if (service == u"sns"_s) {
        d.type = u"SNS"_s;
    } else if (service == u"events"_s) {
        d.type = u"EventBridge"_s;
    } else if (service == u"s3"_s) {
        d.type = u"S3"_s;
    }
    return d;
}

} // namespace

void FunctionRecord::touch(bool codeOrConfigChanged)
{
    revisionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (codeOrConfigChanged) {
        lastModifiedMs = QDateTime::currentMSecsSinceEpoch();
    }
}

QString FunctionRecord::lambdaTimestamp(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC)
               .toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s) +
           u"+0000"_s;
}

ordered_json FunctionRecord::configuration(const QString &region, const QString &accountId,
                                           const QString &version) const
{
    const QString name = config.functionName;
    ordered_json out;
    out["FunctionName"] = s(name);
    out["FunctionArn"] =
        s(FunctionArn::arn(region, accountId, name, version == u"$LATEST"_s ? QString() : version));
    out["Runtime"] = s(config.runtime);
    out["Role"] = s(role);
    out["Handler"] = s(config.handler);
    out["CodeSize"] = std::max<qint64>(codeSize, 0);
    out["Description"] = s(config.description);
    out["Timeout"] = config.timeoutSeconds;
    out["MemorySize"] = config.memoryMb;
    out["LastModified"] = s(lambdaTimestamp(lastModifiedMs));
    out["CodeSha256"] = s(codeSha256);
    out["Version"] = s(version);
    if (!vpcConfig.is_null()) {
        out["VpcConfig"] = vpcConfig;
    }
    if (!deadLetterTargetArn.isEmpty()) {
        out["DeadLetterConfig"] = ordered_json{{"TargetArn", s(deadLetterTargetArn)}};
    }
    if (!config.environment.isEmpty()) {
        ordered_json variables = ordered_json::object();
        for (auto it = config.environment.cbegin(); it != config.environment.cend(); ++it) {
            variables[s(it.key())] = s(it.value());
        }
        out["Environment"] = ordered_json{{"Variables", variables}};
    }
    if (!kmsKeyArn.isEmpty()) {
        out["KMSKeyArn"] = s(kmsKeyArn);
    }
    out["TracingConfig"] = ordered_json{{"Mode", s(tracingMode)}};
    out["RevisionId"] = s(revisionId);
    if (!config.layers.empty()) {
        ordered_json layers = ordered_json::array();
        for (const LayerConfig &layer : config.layers) {
            const QString arn =
                !layer.unresolvedReference.isEmpty() ? layer.unresolvedReference : layer.logicalId;
            layers.push_back(ordered_json{{"Arn", s(arn)}, {"CodeSize", 0}});
        }
        out["Layers"] = layers;
    }
    out["State"] = "Active";
    out["LastUpdateStatus"] = "Successful";
    out["PackageType"] = s(config.packageType);
    out["Architectures"] = ordered_json::array({s(config.architecture)});
    out["EphemeralStorage"] = ordered_json{{"Size", config.ephemeralStorageMb}};
    out["SnapStart"] = ordered_json{{"ApplyOn", "None"}, {"OptimizationStatus", "Off"}};
    out["LoggingConfig"] =
        ordered_json{{"LogFormat", s(logFormat)},
                     {"LogGroup", s(logGroup.isEmpty() ? u"/aws/lambda/"_s + name : logGroup)}};
    return out;
}

ordered_json FunctionRecord::eventInvokeConfigJson(const EventInvokeConfig &config,
                                                   const QString &functionArn)
{
    ordered_json out;
    // A timestamp member of a rest-json service: epoch seconds.
    out["LastModified"] = double(config.lastModifiedMs) / 1000.0;
    out["FunctionArn"] = s(functionArn);
    if (config.maximumRetryAttempts) {
        out["MaximumRetryAttempts"] = *config.maximumRetryAttempts;
    }
    if (config.maximumEventAgeSeconds) {
        out["MaximumEventAgeInSeconds"] = *config.maximumEventAgeSeconds;
    }
    ordered_json destinations = ordered_json::object();
    destinations["OnSuccess"] = config.onSuccess.isEmpty()
                                    ? ordered_json::object()
                                    : ordered_json{{"Destination", s(config.onSuccess)}};
    destinations["OnFailure"] = config.onFailure.isEmpty()
                                    ? ordered_json::object()
                                    : ordered_json{{"Destination", s(config.onFailure)}};
    out["DestinationConfig"] = destinations;
    return out;
}

AsyncInvokeConfig FunctionRecord::asyncConfigFor(const EventInvokeConfig &eventConfig) const
{
    AsyncInvokeConfig async;
    async.deadLetterQueue = config.asyncConfig.deadLetterQueue;
    async.maximumRetryAttempts = eventConfig.maximumRetryAttempts.value_or(2);
    async.maximumEventAgeSeconds = eventConfig.maximumEventAgeSeconds.value_or(21600);
    if (!eventConfig.onSuccess.isEmpty()) {
        async.onSuccess = destination(eventConfig.onSuccess);
    }
    if (!eventConfig.onFailure.isEmpty()) {
        async.onFailure = destination(eventConfig.onFailure);
    }
    return async;
}

json FunctionRecord::toStoreJson() const
{
    json tagsJson = json::object();
    for (auto it = tags.cbegin(); it != tags.cend(); ++it) {
        tagsJson[s(it.key())] = s(it.value());
    }
    json policiesJson = json::object();
    for (auto it = policies.cbegin(); it != policies.cend(); ++it) {
        policiesJson[s(it.key())] = it.value();
    }
    json eventJson = json::object();
    for (auto it = eventInvokeConfigs.cbegin(); it != eventInvokeConfigs.cend(); ++it) {
        json e{{"LastModified", it->lastModifiedMs},
               {"OnSuccess", s(it->onSuccess)},
               {"OnFailure", s(it->onFailure)}};
        if (it->maximumRetryAttempts) {
            e["MaximumRetryAttempts"] = *it->maximumRetryAttempts;
        }
        if (it->maximumEventAgeSeconds) {
            e["MaximumEventAgeInSeconds"] = *it->maximumEventAgeSeconds;
        }
        eventJson[s(it.key())] = e;
    }
    json provisionedJson = json::object();
    for (auto it = provisioned.cbegin(); it != provisioned.cend(); ++it) {
        provisionedJson[s(it.key())] =
            json{{"Requested", it->requested}, {"LastModified", it->lastModifiedMs}};
    }
    return json{{"Config", FunctionConfigJson::toJson(config)},
                {"Role", s(role)},
                {"RevisionId", s(revisionId)},
                {"LastModified", lastModifiedMs},
                {"CodeSha256", s(codeSha256)},
                {"CodeSize", codeSize},
                {"CodeZipPath", s(codeZipPath)},
                {"CodeIsOwned", codeIsOwned},
                {"TracingMode", s(tracingMode)},
                {"KMSKeyArn", s(kmsKeyArn)},
                {"DeadLetterTargetArn", s(deadLetterTargetArn)},
                {"LogFormat", s(logFormat)},
                {"LogGroup", s(logGroup)},
                {"VpcConfig", vpcConfig},
                {"Tags", tagsJson},
                {"Policies", policiesJson},
                {"EventInvokeConfigs", eventJson},
                {"Provisioned", provisionedJson}};
}

std::optional<FunctionRecord> FunctionRecord::fromStoreJson(const json &value, QString *error)
{
    if (!value.is_object()) {
        if (error) {
            *error = u"not a JSON object"_s;
        }
        return std::nullopt;
    }
    try {
        std::optional<FunctionConfig> config =
            FunctionConfigJson::fromJson(value.value("Config", json::object()), error);
        if (!config) {
            return std::nullopt;
        }
        FunctionRecord r;
        r.config = *config;
        r.origin = Origin::Api;
        r.role = q(value, "Role");
        if (r.config.role.isEmpty()) {
            r.config.role = r.role;
        }
        r.revisionId = q(value, "RevisionId");
        r.lastModifiedMs = value.value("LastModified", qint64(0));
        r.codeSha256 = q(value, "CodeSha256");
        r.codeSize = value.value("CodeSize", qint64(-1));
        r.codeZipPath = q(value, "CodeZipPath");
        r.codeIsOwned = value.value("CodeIsOwned", false);
        r.tracingMode = q(value, "TracingMode");
        if (r.tracingMode.isEmpty()) {
            r.tracingMode = u"PassThrough"_s;
        }
        r.kmsKeyArn = q(value, "KMSKeyArn");
        r.deadLetterTargetArn = q(value, "DeadLetterTargetArn");
        r.logFormat = q(value, "LogFormat");
        if (r.logFormat.isEmpty()) {
            r.logFormat = u"Text"_s;
        }
        r.logGroup = q(value, "LogGroup");
        r.vpcConfig = value.value("VpcConfig", json());
        const json tagsJson = value.value("Tags", json::object());
        for (const auto &[key, tag] : tagsJson.items()) {
            r.tags.insert(QString::fromStdString(key),
                          QString::fromStdString(tag.get<std::string>()));
        }
        const json policiesJson = value.value("Policies", json::object());
        for (const auto &[key, statements] : policiesJson.items()) {
            r.policies.insert(QString::fromStdString(key), statements);
        }
        const json eventsJson = value.value("EventInvokeConfigs", json::object());
        for (const auto &[key, e] : eventsJson.items()) {
            EventInvokeConfig c;
            c.lastModifiedMs = e.value("LastModified", qint64(0));
            c.onSuccess = q(e, "OnSuccess");
            c.onFailure = q(e, "OnFailure");
            if (e.contains("MaximumRetryAttempts")) {
                c.maximumRetryAttempts = e["MaximumRetryAttempts"].get<int>();
            }
            if (e.contains("MaximumEventAgeInSeconds")) {
                c.maximumEventAgeSeconds = e["MaximumEventAgeInSeconds"].get<int>();
            }
            r.eventInvokeConfigs.insert(QString::fromStdString(key), c);
        }
        const json provisionedJson = value.value("Provisioned", json::object());
        for (const auto &[key, p] : provisionedJson.items()) {
            r.provisioned.insert(
                QString::fromStdString(key),
                ProvisionedConfig{p.value("Requested", 0), p.value("LastModified", qint64(0))});
        }
        return r;
    } catch (const json::exception &e) {
        if (error) {
            *error = QString::fromUtf8(e.what());
        }
        return std::nullopt;
    }
}

} // namespace Lwb
