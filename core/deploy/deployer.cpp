// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "deploy/deployer.h"

#include "deploy/deployhistory.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QLocale>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

/** The members UpdateFunctionConfiguration changes, compared with GetFunction's Configuration. */
constexpr const char *kConfigurationMembers[] = {"Runtime",     "Handler",          "Role",
                                                 "Description", "MemorySize",       "Timeout",
                                                 "Environment", "EphemeralStorage", "Layers"};

/** A member of a deployed configuration the way it compares with ours (absent = default). */
nlohmann::json deployedValue(const nlohmann::json &configuration, const std::string &member)
{
    if (configuration.contains(member)) {
        nlohmann::json value = configuration[member];
        if (member == "Environment" && !value.contains("Variables")) {
            value["Variables"] = nlohmann::json::object();
        }
        if (member == "Layers" && value.is_array()) {
            // GetFunction lists {Arn, CodeSize}; the request names ARNs.
            nlohmann::json arns = nlohmann::json::array();
            for (const nlohmann::json &layer : value) {
                arns.push_back(layer.is_object() ? nlohmann::json(layer.value("Arn", "")) : layer);
            }
            return arns;
        }
        return value;
    }
    if (member == "Description") {
        return "";
    }
    if (member == "Environment") {
        return {{"Variables", nlohmann::json::object()}};
    }
    if (member == "Layers") {
        return nlohmann::json::array();
    }
    return nullptr;
}

QString sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

LambdaClient::Weights weightsOf(const nlohmann::json &alias)
{
    LambdaClient::Weights weights;
    if (alias.is_object() && alias.contains("RoutingConfig") &&
        alias["RoutingConfig"].is_object()) {
        const nlohmann::json additional =
            alias["RoutingConfig"].value("AdditionalVersionWeights", nlohmann::json::object());
        if (additional.is_object()) {
            for (auto it = additional.begin(); it != additional.end(); ++it) {
                if (it.value().is_number()) {
                    weights.insert(QString::fromStdString(it.key()), it.value().get<double>());
                }
            }
        }
    }
    return weights;
}

QString layerVersionOf(const QString &arn)
{
    return arn.section(u':', 7, 7);
}

nlohmann::json stringArray(const QStringList &list)
{
    nlohmann::json out = nlohmann::json::array();
    for (const QString &item : list) {
        out.push_back(item.toStdString());
    }
    return out;
}

} // namespace

QStringList DeployPlan::describe() const
{
    QStringList lines;
    if (operation == u"Deploy"_s) {
        if (!exists) {
            lines.append(u"code: new function, CodeSha256 %1 (%2 bytes zipped)"_s.arg(packageSha256)
                             .arg(packageBytes));
        } else if (codeChanged) {
            lines.append(u"code: changed, CodeSha256 %1 → %2 (%3 bytes zipped)"_s
                             .arg(deployedSha256, packageSha256)
                             .arg(packageBytes));
        } else {
            lines.append(u"code: unchanged, CodeSha256 %1"_s.arg(packageSha256));
        }
        if (filesCompared) {
            lines.append(fileChanges.isEmpty() ? u"files: none differ"_s : u"files:"_s);
            for (const FileChange &change : fileChanges) {
                lines.append(u"  %1 %2"_s.arg(change.kindText(), change.path));
            }
        } else if (!filesError.isEmpty()) {
            lines.append(u"files: not compared: "_s + filesError);
        }
        for (const LayerPlan &layer : layers) {
            lines.append(layer.publish ? u"layer %1: new content, CodeSha256 %2 (%3 bytes zipped)"_s
                                             .arg(layer.layerName, layer.packageSha256)
                                             .arg(layer.packageBytes)
                                       : u"layer %1: unchanged, %2"_s.arg(layer.layerName,
                                                                          layer.deployedArn));
        }
        if (exists) {
            lines.append(configChanges.isEmpty() ? u"configuration: unchanged"_s
                                                 : u"configuration:"_s);
            for (const QString &change : configChanges) {
                lines.append(u"  "_s + change);
            }
        }
    }
    lines.append(calls.isEmpty() ? u"API calls: none"_s : u"API calls:"_s);
    for (const QString &call : calls) {
        lines.append(u"  "_s + call);
    }
    return lines;
}

Deployer::Deployer(LambdaClient *client, QObject *parent) : QObject(parent), m_client(client) {}

nlohmann::json Deployer::lambdaConfiguration(const FunctionConfig &function, const QString &role)
{
    nlohmann::json variables = nlohmann::json::object();
    for (auto it = function.environment.cbegin(); it != function.environment.cend(); ++it) {
        variables[it.key().toStdString()] = it.value().toStdString();
    }
    nlohmann::json config = {
        {"FunctionName", function.functionName.toStdString()},
        {"Runtime", function.runtime.toStdString()},
        {"Handler", function.handler.toStdString()},
        {"Description", function.description.toStdString()},
        {"MemorySize", function.memoryMb},
        {"Timeout", function.timeoutSeconds},
        {"Environment", {{"Variables", variables}}},
        {"EphemeralStorage", {{"Size", function.ephemeralStorageMb}}},
        {"Architectures", nlohmann::json::array({function.architecture.toStdString()})},
    };
    QStringList layerArns;
    for (const LayerConfig &layer : function.layers) {
        if (layer.unresolvedReference.startsWith(u"arn:"_s)) {
            layerArns.append(layer.unresolvedReference);
        }
    }
    if (!layerArns.isEmpty()) {
        config["Layers"] = stringArray(layerArns);
    }
    const QString roleArn = !role.isEmpty() ? role : function.role;
    if (!roleArn.isEmpty()) {
        config["Role"] = roleArn.toStdString();
    }
    return config;
}

void Deployer::deploy(const FunctionConfig &function, const DeployOptions &options)
{
    m_function = function;
    m_options = options;
    m_plan = {};
    m_plan.functionName = function.functionName;
    m_outcome = {};
    m_outcome.functionName = function.functionName;
    m_changed = nlohmann::json::object();
    m_layerPackages.clear();
    m_layerArns.clear();
    m_codeLocation.clear();
    m_stepsDone = 0;
    if (!options.rollbackVersion.isEmpty() || options.trafficPercent >= 0) {
        m_plan.operation = options.rollbackVersion.isEmpty() ? u"Traffic"_s : u"Rollback"_s;
        moveAliasOnly();
        return;
    }
    QString error;
    if (!Packager::build(function.codeDir, &m_package, &error)) {
        m_outcome.error = u"Packaging %1: %2"_s.arg(function.logicalId, error);
        finish(m_outcome);
        return;
    }
    m_plan.packageSha256 = m_package.codeSha256;
    m_plan.packageBytes = m_package.zip.size();
    m_outcome.codeSha256 = m_package.codeSha256;
    m_desired = lambdaConfiguration(function, options.role);
    for (const LayerConfig &layer : function.layers) {
        if (layer.contentDir.isEmpty() || !layer.unresolvedReference.isEmpty()) {
            continue;
        }
        Package package;
        if (!Packager::build(layer.contentDir, &package, &error)) {
            m_outcome.error = u"Packaging layer %1: %2"_s.arg(layer.logicalId, error);
            finish(m_outcome);
            return;
        }
        LayerPlan plan;
        plan.layerName = layer.name;
        plan.compatibleRuntimes = layer.compatibleRuntimes;
        plan.packageSha256 = package.codeSha256;
        plan.packageBytes = package.zip.size();
        m_plan.layers.append(plan);
        m_layerPackages.append(package);
    }
    planLayer(0);
}

void Deployer::planLayer(int index)
{
    if (index >= m_plan.layers.size()) {
        // The function's Layers: ours (new versions named as such until they exist), then ARNs.
        QStringList arns;
        for (const LayerPlan &layer : std::as_const(m_plan.layers)) {
            arns.append(layer.publish ? u"(new version of %1)"_s.arg(layer.layerName)
                                      : layer.deployedArn);
        }
        for (const nlohmann::json &arn : m_desired.value("Layers", nlohmann::json::array())) {
            arns.append(QString::fromStdString(arn.get<std::string>()));
        }
        m_layerArns = arns;
        if (!arns.isEmpty()) {
            m_desired["Layers"] = stringArray(arns);
        }
        planFunction();
        return;
    }
    const QString name = m_plan.layers.at(index).layerName;
    m_client->latestLayerVersion(name, [this, index, name](const LambdaResult &listed) {
        const bool missing =
            listed.httpStatus == 404 && listed.errorType == u"ResourceNotFoundException"_s;
        if (!listed.ok() && !missing) {
            fail(listed);
            return;
        }
        const nlohmann::json versions =
            listed.ok() ? listed.body.value("LayerVersions", nlohmann::json::array())
                        : nlohmann::json::array();
        if (!versions.is_array() || versions.empty() || !versions[0].is_object()) {
            m_plan.layers[index].publish = true;
            planLayer(index + 1);
            return;
        }
        const QString arn = LambdaResult::string(versions[0], "LayerVersionArn");
        m_client->getLayerVersion(
            name, layerVersionOf(arn).toLongLong(), [this, index, arn](const LambdaResult &got) {
                if (!got.ok()) {
                    fail(got);
                    return;
                }
                LayerPlan &layer = m_plan.layers[index];
                layer.deployedArn = arn;
                layer.publish =
                    LambdaResult::string(got.body.value("Content", nlohmann::json::object()),
                                         "CodeSha256") != layer.packageSha256;
                planLayer(index + 1);
            });
    });
}

void Deployer::publishLayer(int index)
{
    if (index >= m_plan.layers.size()) {
        m_outcome.layerVersionArns = m_layerArns;
        if (!m_layerArns.isEmpty()) {
            m_desired["Layers"] = stringArray(m_layerArns);
            if (m_changed.contains("Layers")) {
                m_changed["Layers"] = m_desired["Layers"];
            }
        }
        uploadCode();
        return;
    }
    const LayerPlan &layer = m_plan.layers.at(index);
    if (!layer.publish) {
        publishLayer(index + 1);
        return;
    }
    call(u"PublishLayerVersion %1 (%2)"_s.arg(layer.layerName,
                                              sizeText(m_layerPackages.at(index).zip.size())));
    m_client->publishLayerVersion(
        layer.layerName, m_layerPackages.at(index).zip, u"lwb deploy"_s, layer.compatibleRuntimes,
        [this, index](const LambdaResult &result) {
            if (!result.ok()) {
                fail(result);
                return;
            }
            const QString arn = LambdaResult::string(result.body, "LayerVersionArn");
            Q_EMIT progress(u"  %1"_s.arg(arn));
            m_layerArns[index] = arn;
            publishLayer(index + 1);
        });
}

void Deployer::planFunction()
{
    m_client->getFunction(m_function.functionName, [this](const LambdaResult &result) {
        if (result.httpStatus == 404 && result.errorType == u"ResourceNotFoundException"_s) {
            m_plan.exists = false;
            m_plan.codeChanged = true;
            planAlias();
            return;
        }
        if (!result.ok()) {
            fail(result);
            return;
        }
        const nlohmann::json configuration =
            result.body.is_object() && result.body.contains("Configuration")
                ? result.body["Configuration"]
                : nlohmann::json::object();
        m_plan.exists = true;
        m_codeLocation = QUrl(
            LambdaResult::string(result.body.value("Code", nlohmann::json::object()), "Location"));
        m_plan.deployedSha256 = LambdaResult::string(configuration, "CodeSha256");
        m_plan.codeChanged = m_plan.deployedSha256 != m_package.codeSha256;
        for (const char *member : kConfigurationMembers) {
            if (!m_desired.contains(member)) {
                continue;
            }
            const nlohmann::json before = deployedValue(configuration, member);
            if (before != m_desired[member]) {
                m_changed[member] = m_desired[member];
                m_plan.configChanges.append(u"%1: %2 → %3"_s.arg(
                    QString::fromLatin1(member), QString::fromStdString(before.dump()),
                    QString::fromStdString(m_desired[member].dump())));
            }
        }
        planAlias();
    });
}

void Deployer::planAlias()
{
    const auto plan = [this] {
        const QString name = m_function.functionName;
        const QString zip =
            u"%1 zip, CodeSha256 %2"_s.arg(sizeText(m_plan.packageBytes), m_plan.packageSha256);
        for (const LayerPlan &layer : std::as_const(m_plan.layers)) {
            if (layer.publish) {
                m_plan.calls.append(u"PublishLayerVersion %1 (%2 zip, CodeSha256 %3)"_s.arg(
                    layer.layerName, sizeText(layer.packageBytes), layer.packageSha256));
            }
        }
        if (!m_plan.exists) {
            m_plan.calls.append(u"CreateFunction %1 (%2)"_s.arg(name, zip));
        } else if (m_plan.codeChanged) {
            m_plan.calls.append(u"UpdateFunctionCode %1 (%2)"_s.arg(name, zip));
        }
        if (m_plan.exists && !m_plan.configChanges.isEmpty()) {
            QStringList members;
            for (auto it = m_changed.begin(); it != m_changed.end(); ++it) {
                members.append(QString::fromStdString(it.key()));
            }
            m_plan.calls.append(
                u"UpdateFunctionConfiguration %1 (%2)"_s.arg(name, members.join(u", "_s)));
        }
        if (!m_options.alias.isEmpty()) {
            m_plan.calls.append(
                u"PublishVersion %1 (CodeSha256 %2)"_s.arg(name, m_plan.packageSha256));
            if (m_plan.aliasVersion.isEmpty()) {
                m_plan.calls.append(u"CreateAlias %1 → the new version"_s.arg(m_options.alias));
            } else if (m_options.canaryPercent > 0 && m_options.canaryPercent < 100) {
                m_plan.calls.append(u"UpdateAlias %1 → version %2, %3 % to the new version "
                                    "(unless it is already the alias's version)"_s
                                        .arg(m_options.alias, m_plan.aliasVersion)
                                        .arg(m_options.canaryPercent));
            } else {
                m_plan.calls.append(u"UpdateAlias %1 → the new version (from %2)"_s.arg(
                    m_options.alias, m_plan.aliasVersion));
            }
        }
        if (m_options.dryRun && m_plan.exists && m_plan.codeChanged) {
            compareFiles([this] { emitPlan(); });
            return;
        }
        emitPlan();
    };
    if (m_options.alias.isEmpty() || !m_plan.exists) {
        plan();
        return;
    }
    m_client->getAlias(
        m_function.functionName, m_options.alias, [this, plan](const LambdaResult &result) {
            if (result.ok()) {
                m_plan.aliasVersion = LambdaResult::string(result.body, "FunctionVersion");
            } else if (result.httpStatus != 404) {
                fail(result);
                return;
            }
            plan();
        });
}

void Deployer::compareFiles(std::function<void()> next)
{
    const auto compare = [this, next](const QByteArray &deployed, const QString &error) {
        m_plan.filesError = error;
        if (error.isEmpty()) {
            m_plan.filesCompared =
                CodeDiff::compare(deployed, m_package.zip, &m_plan.fileChanges, &m_plan.filesError);
        }
        next();
    };
    if (!m_codeLocation.isValid() || m_codeLocation.isEmpty()) {
        compare({}, u"the target gave no Code.Location"_s);
        return;
    }
    // The local engine names the code folder it runs; package it the same way to compare.
    if (m_codeLocation.isLocalFile() && QFileInfo(m_codeLocation.toLocalFile()).isDir()) {
        Package deployed;
        QString error;
        Packager::build(m_codeLocation.toLocalFile(), &deployed, &error);
        compare(deployed.zip, error);
        return;
    }
    m_client->fetch(m_codeLocation, compare);
}

void Deployer::emitPlan()
{
    Q_EMIT planned(m_plan);
    Q_EMIT stepped(0, int(m_plan.calls.size()) + 1);
    if (m_options.dryRun) {
        m_outcome.ok = true;
        finish(m_outcome);
        return;
    }
    publishLayer(0);
}

void Deployer::call(const QString &description)
{
    Q_EMIT progress(u"→ "_s + description);
    Q_EMIT stepped(m_stepsDone++, int(m_plan.calls.size()) + 1);
}

void Deployer::waitThen(const QString &what, std::function<void()> next)
{
    Q_EMIT progress(u"  waiting for %1 to finish (LastUpdateStatus)"_s.arg(what));
    m_client->waitUntilUpdated(
        m_function.functionName, m_options.waitTimeoutMs,
        [this](const QString &status) { Q_EMIT progress(u"  status: "_s + status); },
        [this, next](const LambdaResult &result) {
            if (!result.ok()) {
                fail(result);
                return;
            }
            next();
        });
}

void Deployer::uploadCode()
{
    const QString name = m_function.functionName;
    if (!m_plan.exists) {
        call(u"CreateFunction %1 (%2)"_s.arg(name, sizeText(m_package.zip.size())));
        nlohmann::json request = m_desired;
        request["PackageType"] = "Zip";
        request["Code"] = {{"ZipFile", m_package.zip.toBase64().toStdString()}};
        m_client->createFunction(request, [this](const LambdaResult &result) {
            if (!result.ok()) {
                fail(result);
                return;
            }
            waitThen(u"CreateFunction"_s, [this] { publish(); });
        });
        return;
    }
    if (!m_plan.codeChanged) {
        Q_EMIT progress(
            u"  code unchanged (CodeSha256 %1): upload skipped"_s.arg(m_package.codeSha256));
        updateConfiguration();
        return;
    }
    call(u"UpdateFunctionCode %1 (%2)"_s.arg(name, sizeText(m_package.zip.size())));
    m_client->updateFunctionCode(name, m_package.zip, [this](const LambdaResult &result) {
        if (!result.ok()) {
            fail(result);
            return;
        }
        waitThen(u"UpdateFunctionCode"_s, [this] { updateConfiguration(); });
    });
}

void Deployer::updateConfiguration()
{
    if (m_changed.empty()) {
        publish();
        return;
    }
    call(u"UpdateFunctionConfiguration %1 (%2)"_s.arg(m_function.functionName,
                                                      m_plan.configChanges.join(u"; "_s)));
    m_client->updateFunctionConfiguration(
        m_function.functionName, m_changed, [this](const LambdaResult &result) {
            if (!result.ok()) {
                fail(result);
                return;
            }
            waitThen(u"UpdateFunctionConfiguration"_s, [this] { publish(); });
        });
}

void Deployer::publish()
{
    if (m_options.alias.isEmpty()) {
        m_outcome.ok = true;
        finish(m_outcome);
        return;
    }
    call(u"PublishVersion %1"_s.arg(m_function.functionName));
    m_client->publishVersion(m_function.functionName, m_package.codeSha256, u"lwb deploy"_s,
                             [this](const LambdaResult &result) {
                                 if (!result.ok()) {
                                     fail(result);
                                     return;
                                 }
                                 m_outcome.version = LambdaResult::string(result.body, "Version");
                                 Q_EMIT progress(u"  version %1"_s.arg(m_outcome.version));
                                 moveAlias();
                             });
}

void Deployer::moveAlias()
{
    const QString name = m_function.functionName;
    const QString alias = m_options.alias;
    const auto done = [this](const LambdaResult &result) { aliasMoved(result); };
    const QString version = m_outcome.version;
    if (m_plan.aliasVersion.isEmpty()) {
        call(u"CreateAlias %1 → version %2"_s.arg(alias, version));
        m_client->createAlias(name, alias, version, {}, done);
    } else if (m_options.canaryPercent > 0 && m_options.canaryPercent < 100 &&
               m_plan.aliasVersion != version) {
        const double weight = m_options.canaryPercent / 100.0;
        call(u"UpdateAlias %1 → version %2, %3 % to version %4"_s.arg(alias, m_plan.aliasVersion)
                 .arg(m_options.canaryPercent)
                 .arg(version));
        m_client->updateAlias(name, alias, m_plan.aliasVersion, {{version, weight}}, done);
    } else {
        call(u"UpdateAlias %1 → version %2"_s.arg(alias, version));
        m_client->updateAlias(name, alias, version, {}, done);
    }
}

void Deployer::moveAliasOnly()
{
    const QString name = m_function.functionName;
    const QString alias = m_options.alias;
    if (alias.isEmpty()) {
        m_outcome.error = m_plan.operation == u"Rollback"_s
                              ? u"A rollback moves an alias: name it (--alias)"_s
                              : u"A traffic shift moves an alias: name it"_s;
        finish(m_outcome);
        return;
    }
    // Where the alias goes: the rollback version; or the traffic's base with a share to the new.
    QString version = m_options.rollbackVersion;
    LambdaClient::Weights weights;
    QString description;
    if (m_plan.operation == u"Traffic"_s) {
        const int percent = std::min(m_options.trafficPercent, 100);
        if (m_options.trafficVersion.isEmpty() ||
            (percent < 100 && m_options.trafficBaseVersion.isEmpty())) {
            m_outcome.error = u"A traffic shift needs the new version and the one the rest of the "
                              "traffic stays on"_s;
            finish(m_outcome);
            return;
        }
        version = percent >= 100 ? m_options.trafficVersion : m_options.trafficBaseVersion;
        if (percent > 0 && percent < 100 &&
            m_options.trafficVersion != m_options.trafficBaseVersion) {
            weights.insert(m_options.trafficVersion, percent / 100.0);
            description = u", %1 % to version %2"_s.arg(percent).arg(m_options.trafficVersion);
        }
    }
    m_client->getAlias(name, alias, [=, this](const LambdaResult &current) {
        if (!current.ok()) {
            fail(current);
            return;
        }
        m_plan.exists = true;
        m_plan.aliasVersion = LambdaResult::string(current.body, "FunctionVersion");
        const QString what = u"UpdateAlias %1 → version %2%3"_s.arg(alias, version, description);
        m_plan.calls.append(u"%1 (from %2)"_s.arg(what, m_plan.aliasVersion));
        Q_EMIT planned(m_plan);
        Q_EMIT stepped(0, 2);
        m_outcome.version = m_plan.operation == u"Traffic"_s ? m_options.trafficVersion : version;
        if (m_options.dryRun) {
            m_outcome.ok = true;
            finish(m_outcome);
            return;
        }
        call(what);
        m_client->updateAlias(name, alias, version, weights,
                              [this](const LambdaResult &result) { aliasMoved(result); });
    });
}

/** Ends the deploy with the alias where CreateAlias or UpdateAlias put it. */
void Deployer::aliasMoved(const LambdaResult &result)
{
    if (!result.ok()) {
        fail(result);
        return;
    }
    m_outcome.aliasVersion = LambdaResult::string(result.body, "FunctionVersion");
    m_outcome.weights = weightsOf(result.body);
    m_outcome.ok = true;
    finish(m_outcome);
}

void Deployer::fail(const LambdaResult &result)
{
    m_outcome.ok = false;
    m_outcome.error = result.errorText();
    finish(m_outcome);
}

void Deployer::finish(DeployOutcome outcome)
{
    if (!m_options.dryRun && !m_options.historyFile.isEmpty()) {
        record(outcome);
    }
    if (outcome.ok) {
        const int total = int(m_plan.calls.size()) + 1;
        Q_EMIT stepped(total, total);
    }
    Q_EMIT finished(outcome);
}

void Deployer::record(const DeployOutcome &outcome)
{
    const LambdaEndpoint &endpoint = m_client->endpoint();
    DeployRecord record;
    record.time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    record.endpoint = endpoint.url.toString();
    record.region = endpoint.region;
    record.operation = m_plan.operation;
    record.logicalId = m_function.logicalId;
    record.functionName = outcome.functionName;
    record.codeSha256 = outcome.codeSha256;
    record.version = outcome.version;
    record.alias = m_options.alias;
    record.previousAliasVersion = m_plan.aliasVersion;
    record.aliasVersion = outcome.aliasVersion;
    record.weights = outcome.weights;
    record.ok = outcome.ok;
    record.error = outcome.error;
    QString error;
    if (!DeployHistory::append(m_options.historyFile, record, &error)) {
        Q_EMIT progress(
            u"  the deploy could not be recorded in %1: %2"_s.arg(m_options.historyFile, error));
    }
}

} // namespace Lwb
