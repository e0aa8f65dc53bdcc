// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "deploy/awscredentials.h"

#include <QtCore/QFile>
#include <QtCore/QProcess>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

using Ini = QMap<QString, QMap<QString, QString>>;

Ini readIni(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return AwsCredentials::parseIni(file.readAll());
}

QString homeFile(const QProcessEnvironment &env, const char *variable, const QString &name)
{
    const QString given = env.value(QString::fromLatin1(variable));
    if (!given.isEmpty()) {
        return given.startsWith(u"~/"_s) ? env.value(u"HOME"_s) + given.mid(1) : given;
    }
    return env.value(u"HOME"_s) + u"/.aws/"_s + name;
}

/** Runs a credential_process command; nullopt and @p error when it fails or answers badly. */
std::optional<SigV4Credentials> runCredentialProcess(const QString &command,
                                                     const QProcessEnvironment &env, QString *error)
{
    QStringList args = QProcess::splitCommand(command);
    if (args.isEmpty()) {
        *error = u"credential_process is empty"_s;
        return std::nullopt;
    }
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(args.takeFirst(), args);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        process.kill();
        process.waitForFinished(1000);
        const QString stderrText = QString::fromUtf8(process.readAllStandardError()).trimmed();
        *error = u"credential_process '%1' failed: %2"_s.arg(
            command, stderrText.isEmpty() ? process.errorString() : stderrText);
        return std::nullopt;
    }
    const auto json =
        nlohmann::json::parse(process.readAllStandardOutput().toStdString(), nullptr, false);
    if (!json.is_object() || json.value("Version", 0) != 1 ||
        !json.value("AccessKeyId", nlohmann::json()).is_string() ||
        !json.value("SecretAccessKey", nlohmann::json()).is_string()) {
        *error = u"credential_process '%1' did not print {\"Version\": 1, \"AccessKeyId\", "
                 "\"SecretAccessKey\"}"_s.arg(command);
        return std::nullopt;
    }
    SigV4Credentials credentials;
    credentials.accessKeyId = QString::fromStdString(json["AccessKeyId"].get<std::string>());
    credentials.secretAccessKey =
        QString::fromStdString(json["SecretAccessKey"].get<std::string>());
    if (json.contains("SessionToken") && json["SessionToken"].is_string()) {
        credentials.sessionToken = QString::fromStdString(json["SessionToken"].get<std::string>());
    }
    return credentials;
}

/** Keys from one profile section; nullopt when it has none (error set only on a failure). */
std::optional<SigV4Credentials> keysFrom(const QMap<QString, QString> &section,
                                         const QProcessEnvironment &env, QString *error)
{
    if (section.contains(u"aws_access_key_id"_s) && section.contains(u"aws_secret_access_key"_s)) {
        return SigV4Credentials{section.value(u"aws_access_key_id"_s),
                                section.value(u"aws_secret_access_key"_s),
                                section.value(u"aws_session_token"_s)};
    }
    if (section.contains(u"credential_process"_s)) {
        return runCredentialProcess(section.value(u"credential_process"_s), env, error);
    }
    return std::nullopt;
}

/** The profile's name in ~/.aws/config: `default`, or `profile NAME`. */
QString configSectionOf(const QString &profileName)
{
    return profileName == u"default"_s ? profileName : u"profile "_s + profileName;
}

QString profileNameOf(const QProcessEnvironment &env, const QString &profile)
{
    return !profile.isEmpty() ? profile : env.value(u"AWS_PROFILE"_s, u"default"_s);
}

/** An explicit region, else AWS_REGION, AWS_DEFAULT_REGION, the profile's `region`. */
QString regionOf(const QProcessEnvironment &env, const QMap<QString, QString> &configSection,
                 const QString &region)
{
    QString found = region;
    for (const char *variable : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
        if (found.isEmpty()) {
            found = env.value(QString::fromLatin1(variable));
        }
    }
    if (found.isEmpty()) {
        found = configSection.value(u"region"_s);
    }
    return found;
}

} // namespace

AwsIdentity AwsCredentials::withKeys(const QProcessEnvironment &env,
                                     const SigV4Credentials &credentials, const QString &profile,
                                     const QString &region)
{
    const QString profileName = profileNameOf(env, profile);
    const Ini configFile = readIni(homeFile(env, "AWS_CONFIG_FILE", u"config"_s));
    AwsIdentity identity;
    identity.credentials = credentials;
    identity.region = regionOf(env, configFile.value(configSectionOf(profileName)), region);
    identity.source = u"keys given for profile %1"_s.arg(profileName);
    return identity;
}

QStringList AwsCredentials::profiles(const QProcessEnvironment &env)
{
    QStringList names;
    for (const QString &section :
         readIni(homeFile(env, "AWS_SHARED_CREDENTIALS_FILE", u"credentials"_s)).keys()) {
        names.append(section);
    }
    for (const QString &section : readIni(homeFile(env, "AWS_CONFIG_FILE", u"config"_s)).keys()) {
        if (section == u"default"_s) {
            names.append(section);
        } else if (section.startsWith(u"profile "_s)) {
            names.append(section.mid(8).trimmed());
        }
    }
    names.sort();
    names.removeDuplicates();
    if (names.removeAll(u"default"_s) > 0) {
        names.prepend(u"default"_s);
    }
    return names;
}

Ini AwsCredentials::parseIni(const QByteArray &text)
{
    Ini sections;
    QString current;
    bool inSection = false;
    for (const QByteArray &raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';')) {
            continue;
        }
        if (line.startsWith(u'[') && line.endsWith(u']')) {
            current = line.mid(1, line.size() - 2).trimmed();
            inSection = true;
            sections[current];
            continue;
        }
        const qsizetype equals = line.indexOf(u'=');
        if (!inSection || equals <= 0) {
            continue; // nested (indented) s3 = … blocks have no '=' on their first line
        }
        sections[current][line.left(equals).trimmed().toLower()] = line.mid(equals + 1).trimmed();
    }
    return sections;
}

std::optional<AwsIdentity> AwsCredentials::resolve(const QProcessEnvironment &env,
                                                   const QString &profile, const QString &region,
                                                   QString *error)
{
    AwsIdentity identity;
    const QString profileName = profileNameOf(env, profile);
    const QString credentialsPath = homeFile(env, "AWS_SHARED_CREDENTIALS_FILE", u"credentials"_s);
    const QString configPath = homeFile(env, "AWS_CONFIG_FILE", u"config"_s);
    const Ini credentialsFile = readIni(credentialsPath);
    const Ini configFile = readIni(configPath);
    const QString configSection = configSectionOf(profileName);

    identity.region = regionOf(env, configFile.value(configSection), region);

    const QString envKey = env.value(u"AWS_ACCESS_KEY_ID"_s);
    const QString envSecret = env.value(u"AWS_SECRET_ACCESS_KEY"_s);
    if (profile.isEmpty() && !envKey.isEmpty() && !envSecret.isEmpty()) {
        identity.credentials = {envKey, envSecret, env.value(u"AWS_SESSION_TOKEN"_s)};
        identity.source = u"environment"_s;
        return identity;
    }
    QString failure;
    if (credentialsFile.contains(profileName)) {
        if (auto keys = keysFrom(credentialsFile.value(profileName), env, &failure)) {
            identity.credentials = *keys;
            identity.source = u"profile %1 (%2)"_s.arg(profileName, credentialsPath);
            return identity;
        }
    }
    if (failure.isEmpty() && configFile.contains(configSection)) {
        if (auto keys = keysFrom(configFile.value(configSection), env, &failure)) {
            identity.credentials = *keys;
            identity.source = u"profile %1 (%2)"_s.arg(profileName, configPath);
            return identity;
        }
    }
    if (!failure.isEmpty()) {
        *error = u"Profile %1: %2"_s.arg(profileName, failure);
    } else if (!profile.isEmpty() && !credentialsFile.contains(profileName) &&
               !configFile.contains(configSection)) {
        *error = u"The config profile (%1) could not be found"_s.arg(profileName);
    } else {
        *error = u"Unable to locate credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                 "or give profile %1 keys or a credential_process in %2 or %3"_s.arg(
                     profileName, credentialsPath, configPath);
    }
    return std::nullopt;
}

} // namespace Lwb
