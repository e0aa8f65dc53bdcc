// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "versions/functionconfigjson.h"

using namespace Qt::StringLiterals;
using nlohmann::json;

namespace Lwb {

namespace {

std::string s(const QString &text)
{
    return text.toStdString();
}

QString q(const json &value)
{
    return QString::fromStdString(value.get<std::string>());
}

json stringList(const QStringList &list)
{
    json out = json::array();
    for (const QString &item : list) {
        out.push_back(s(item));
    }
    return out;
}

QStringList toStringList(const json &value)
{
    QStringList out;
    for (const json &item : value) {
        out.append(q(item));
    }
    return out;
}

json destination(const DestinationConfig &d)
{
    return json{{"Type", s(d.type)}, {"Destination", s(d.target)}};
}

DestinationConfig destinationFrom(const json &value)
{
    DestinationConfig d;
    if (value.is_object()) {
        d.type = q(value.value("Type", json("")));
        d.target = q(value.value("Destination", json("")));
    }
    return d;
}

} // namespace

json FunctionConfigJson::toJson(const LayerConfig &layer)
{
    return json{{"LogicalId", s(layer.logicalId)},
                {"LayerName", s(layer.name)},
                {"ContentUri", s(layer.contentDir)},
                {"CompatibleRuntimes", stringList(layer.compatibleRuntimes)},
                {"UnresolvedReference", s(layer.unresolvedReference)}};
}

json FunctionConfigJson::toJson(const AsyncInvokeConfig &async)
{
    json out{{"MaximumRetryAttempts", async.maximumRetryAttempts},
             {"MaximumEventAgeInSeconds", async.maximumEventAgeSeconds},
             {"DestinationConfig", json{{"OnSuccess", destination(async.onSuccess)},
                                        {"OnFailure", destination(async.onFailure)}}},
             {"DeadLetterQueue", json{{"Type", s(async.deadLetterQueue.type)},
                                      {"TargetArn", s(async.deadLetterQueue.target)}}}};
    return out;
}

json FunctionConfigJson::toJson(const FunctionConfig &config)
{
    json env = json::object();
    for (auto it = config.environment.cbegin(); it != config.environment.cend(); ++it) {
        env[s(it.key())] = s(it.value());
    }
    json layers = json::array();
    for (const LayerConfig &layer : config.layers) {
        layers.push_back(toJson(layer));
    }
    json out{{"LogicalId", s(config.logicalId)},
             {"FunctionName", s(config.functionName)},
             {"Runtime", s(config.runtime)},
             {"Handler", s(config.handler)},
             {"CodeUri", s(config.codeDir)},
             {"Description", s(config.description)},
             {"MemorySize", config.memoryMb},
             {"Timeout", config.timeoutSeconds},
             {"EphemeralStorage", json{{"Size", config.ephemeralStorageMb}}},
             {"Architectures", json::array({s(config.architecture)})},
             {"PackageType", s(config.packageType)},
             {"Environment", json{{"Variables", env}}},
             {"Layers", layers},
             {"ReservedConcurrentExecutions",
              config.reservedConcurrency ? json(*config.reservedConcurrency) : json(nullptr)},
             {"EventInvokeConfig", toJson(config.asyncConfig)},
             {"AutoPublishAlias", s(config.autoPublishAlias)},
             {"ProvisionedConcurrentExecutions", config.provisionedConcurrency},
             {"Events", config.events},
             {"Warnings", stringList(config.warnings)}};
    return out;
}

std::optional<LayerConfig> FunctionConfigJson::layerFromJson(const json &value, QString *error)
{
    try {
        LayerConfig layer;
        layer.logicalId = q(value.value("LogicalId", json("")));
        layer.name = q(value.value("LayerName", json("")));
        layer.contentDir = q(value.value("ContentUri", json("")));
        layer.compatibleRuntimes = toStringList(value.value("CompatibleRuntimes", json::array()));
        layer.unresolvedReference = q(value.value("UnresolvedReference", json("")));
        return layer;
    } catch (const json::exception &e) {
        if (error) {
            *error = u"invalid layer configuration: "_s + QString::fromUtf8(e.what());
        }
        return std::nullopt;
    }
}

std::optional<AsyncInvokeConfig> FunctionConfigJson::asyncFromJson(const json &value,
                                                                   QString *error)
{
    try {
        AsyncInvokeConfig async;
        async.maximumRetryAttempts =
            value.value("MaximumRetryAttempts", async.maximumRetryAttempts);
        async.maximumEventAgeSeconds =
            value.value("MaximumEventAgeInSeconds", async.maximumEventAgeSeconds);
        const json destinations = value.value("DestinationConfig", json::object());
        async.onSuccess = destinationFrom(destinations.value("OnSuccess", json::object()));
        async.onFailure = destinationFrom(destinations.value("OnFailure", json::object()));
        const json dlq = value.value("DeadLetterQueue", json::object());
        async.deadLetterQueue.type = q(dlq.value("Type", json("")));
        async.deadLetterQueue.target = q(dlq.value("TargetArn", json("")));
        return async;
    } catch (const json::exception &e) {
        if (error) {
            *error = u"invalid EventInvokeConfig: "_s + QString::fromUtf8(e.what());
        }
        return std::nullopt;
    }
}

std::optional<FunctionConfig> FunctionConfigJson::fromJson(const json &value, QString *error)
{
    if (!value.is_object()) {
        if (error) {
            *error = u"invalid function configuration: not a JSON object"_s;
        }
        return std::nullopt;
    }
    try {
        FunctionConfig c;
        c.logicalId = q(value.value("LogicalId", json("")));
        c.functionName = q(value.value("FunctionName", json("")));
        c.runtime = q(value.value("Runtime", json("")));
        c.handler = q(value.value("Handler", json("")));
        c.codeDir = q(value.value("CodeUri", json("")));
        c.description = q(value.value("Description", json("")));
        c.memoryMb = value.value("MemorySize", c.memoryMb);
        c.timeoutSeconds = value.value("Timeout", c.timeoutSeconds);
        c.ephemeralStorageMb =
            value.value("EphemeralStorage", json::object()).value("Size", c.ephemeralStorageMb);
        const json arch = value.value("Architectures", json::array());
        if (!arch.empty()) {
            c.architecture = q(arch.at(0));
        }
        c.packageType = q(value.value("PackageType", json(s(c.packageType))));
        const json env =
            value.value("Environment", json::object()).value("Variables", json::object());
        for (auto it = env.begin(); it != env.end(); ++it) {
            c.environment.insert(QString::fromStdString(it.key()), q(it.value()));
        }
        for (const json &layer : value.value("Layers", json::array())) {
            auto parsed = layerFromJson(layer, error);
            if (!parsed) {
                return std::nullopt;
            }
            c.layers.push_back(*parsed);
        }
        const json reserved = value.value("ReservedConcurrentExecutions", json(nullptr));
        if (!reserved.is_null()) {
            c.reservedConcurrency = reserved.get<int>();
        }
        auto async = asyncFromJson(value.value("EventInvokeConfig", json::object()), error);
        if (!async) {
            return std::nullopt;
        }
        c.asyncConfig = *async;
        c.autoPublishAlias = q(value.value("AutoPublishAlias", json("")));
        c.provisionedConcurrency =
            value.value("ProvisionedConcurrentExecutions", c.provisionedConcurrency);
        c.events = value.value("Events", json::object());
        c.warnings = toStringList(value.value("Warnings", json::array()));
        return c;
    } catch (const json::exception &e) {
        if (error) {
            *error = u"invalid function configuration: "_s + QString::fromUtf8(e.what());
        }
        return std::nullopt;
    }
}

} // namespace Lwb
