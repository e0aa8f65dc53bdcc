// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "deploy/deployer.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QLocale>
#include <QtCore/QSaveFile>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

/** The members UpdateFunctionConfiguration changes, compared with GetFunction's Configuration. */
constexpr const char *kConfigurationMembers[] = {"Runtime",     "Handler",         "Role",
                                                 "Description", "MemorySize",      "Timeout",
                                                 "Environment", "EphemeralStorage"};

/** A member of a deployed configuration the way it compares with ours (absent = default). */
nlohmann::json deployedValue(const nlohmann::json &configuration, const std::string &member)
{
    if (configuration.contains(member)) {
        nlohmann::json value = configuration[member];
        if (member == "Environment" && !value.contains("Variables")) {
            value["Variables"] = nlohmann::json::object();
        }
        return value;
    }
    if (member == "Description") {
        return "";
    }
    if (member == "Environment") {
        return {{"Variables", nlohmann::json::object()}};
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

} // namespace

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
    if (!options.rollbackVersion.isEmpty()) {
        rollback();
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
    planFunction();
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
        Q_EMIT planned(m_plan);
        if (m_options.dryRun) {
            m_outcome.ok = true;
            finish(m_outcome);
            return;
        }
        uploadCode();
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

void Deployer::call(const QString &description)
{
    Q_EMIT progress(u"→ "_s + description);
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
    const auto done = [this](const LambdaResult &result) {
        if (!result.ok()) {
            fail(result);
            return;
        }
        m_outcome.aliasVersion = LambdaResult::string(result.body, "FunctionVersion");
        m_outcome.weights = weightsOf(result.body);
        m_outcome.ok = true;
        finish(m_outcome);
    };
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

void Deployer::rollback()
{
    const QString name = m_function.functionName;
    if (m_options.alias.isEmpty()) {
        m_outcome.error = u"A rollback moves an alias: name it (--alias)"_s;
        finish(m_outcome);
        return;
    }
    m_client->getAlias(name, m_options.alias, [this, name](const LambdaResult &current) {
        if (!current.ok()) {
            fail(current);
            return;
        }
        m_plan.exists = true;
        m_plan.aliasVersion = LambdaResult::string(current.body, "FunctionVersion");
        m_plan.calls.append(u"UpdateAlias %1 → version %2 (from %3)"_s.arg(
            m_options.alias, m_options.rollbackVersion, m_plan.aliasVersion));
        Q_EMIT planned(m_plan);
        m_outcome.version = m_options.rollbackVersion;
        if (m_options.dryRun) {
            m_outcome.ok = true;
            finish(m_outcome);
            return;
        }
        call(u"UpdateAlias %1 → version %2"_s.arg(m_options.alias, m_options.rollbackVersion));
        m_client->updateAlias(name, m_options.alias, m_options.rollbackVersion, {},
                              [this](const LambdaResult &result) {
                                  if (!result.ok()) {
                                      fail(result);
                                      return;
                                  }
                                  m_outcome.aliasVersion =
                                      LambdaResult::string(result.body, "FunctionVersion");
                                  m_outcome.weights = weightsOf(result.body);
                                  m_outcome.ok = true;
                                  finish(m_outcome);
                              });
    });
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
    Q_EMIT finished(outcome);
}

void Deployer::record(const DeployOutcome &outcome)
{
    nlohmann::json history = nlohmann::json::array();
    QFile in(m_options.historyFile);
    if (in.open(QIODevice::ReadOnly)) {
        history = nlohmann::json::parse(in.readAll().toStdString(), nullptr, false);
        if (!history.is_array()) {
            history = nlohmann::json::array();
        }
    }
    nlohmann::json weights = nlohmann::json::object();
    for (auto it = outcome.weights.cbegin(); it != outcome.weights.cend(); ++it) {
        weights[it.key().toStdString()] = it.value();
    }
    const LambdaEndpoint &endpoint = m_client->endpoint();
    history.push_back({
        {"Time", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString()},
        {"Endpoint", endpoint.url.toString().toStdString()},
        {"Region", endpoint.region.toStdString()},
        {"LogicalId", m_function.logicalId.toStdString()},
        {"FunctionName", outcome.functionName.toStdString()},
        {"CodeSha256", outcome.codeSha256.toStdString()},
        {"Version", outcome.version.toStdString()},
        {"Alias", m_options.alias.toStdString()},
        {"AliasVersion", outcome.aliasVersion.toStdString()},
        {"AdditionalVersionWeights", weights},
        {"Rollback", !m_options.rollbackVersion.isEmpty()},
        {"Ok", outcome.ok},
        {"Error", outcome.error.toStdString()},
    });
    QDir().mkpath(QFileInfo(m_options.historyFile).absolutePath());
    QSaveFile out(m_options.historyFile);
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(QByteArray::fromStdString(history.dump(2)) + '\n') < 0 || !out.commit()) {
        Q_EMIT progress(u"  the deploy could not be recorded in %1: %2"_s.arg(m_options.historyFile,
                                                                              out.errorString()));
    }
}

} // namespace Lwb
