// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretstore.h"

#include <qt6keychain/keychain.h>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

/** A keychain failure that means "there is no keychain here", not "this entry is bad". */
bool isMissingBackend(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented ||
           error == QKeychain::OtherError;
}

QByteArray toJson(const SigV4Credentials &credentials)
{
    const nlohmann::json json = {
        {"AccessKeyId", credentials.accessKeyId.toStdString()},
        {"SecretAccessKey", credentials.secretAccessKey.toStdString()},
        {"SessionToken", credentials.sessionToken.toStdString()},
    };
    return QByteArray::fromStdString(json.dump());
}

std::optional<SigV4Credentials> fromJson(const QByteArray &bytes)
{
    const nlohmann::json json = nlohmann::json::parse(bytes.toStdString(), nullptr, false);
    if (!json.is_object() || !json.value("AccessKeyId", nlohmann::json()).is_string() ||
        !json.value("SecretAccessKey", nlohmann::json()).is_string()) {
        return std::nullopt;
    }
    return SigV4Credentials{QString::fromStdString(json["AccessKeyId"].get<std::string>()),
                            QString::fromStdString(json["SecretAccessKey"].get<std::string>()),
                            QString::fromStdString(json.value("SessionToken", ""))};
}

} // namespace

SecretStore::SecretStore(QObject *parent) : QObject(parent) {}

QString SecretStore::keyOf(const QString &profile)
{
    return u"aws-profile/"_s + profile;
}

void SecretStore::markUnavailable(const QString &reason)
{
    m_available = false;
    // qtkeychain says "Unknown error" when no Secret Service or KWallet answers on D-Bus.
    m_unavailableReason = u"no Secret Service or KWallet answered: %1"_s.arg(reason);
}

void SecretStore::load(const QString &profile)
{
    if (m_session.contains(profile)) {
        Q_EMIT loaded(profile, m_session.value(profile), u"keys entered in this session"_s);
        return;
    }
    if (!m_available) {
        Q_EMIT loaded(
            profile, std::nullopt,
            u"no keychain (%1): keys are kept for this session only"_s.arg(m_unavailableReason));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kService), this);
    job->setInsecureFallback(false);
    job->setKey(keyOf(profile));
    connect(job, &QKeychain::Job::finished, this, [this, job, profile] {
        if (job->error() == QKeychain::NoError) {
            const std::optional<SigV4Credentials> keys = fromJson(job->binaryData());
            Q_EMIT loaded(profile, keys,
                          keys ? u"keys from the system keychain"_s
                               : u"the keychain entry is not readable; enter the keys again"_s);
            return;
        }
        if (job->error() == QKeychain::EntryNotFound) {
            Q_EMIT loaded(profile, std::nullopt, u"no keys in the keychain for this profile"_s);
            return;
        }
        if (isMissingBackend(job->error())) {
            markUnavailable(job->errorString());
            Q_EMIT loaded(profile, std::nullopt,
                          u"no keychain (%1): keys entered here are kept for this session "
                          "only"_s.arg(m_unavailableReason));
            return;
        }
        Q_EMIT loaded(profile, std::nullopt,
                      u"the keychain could not be read (%1): keys are kept for this session "
                      "only"_s.arg(job->errorString()));
    });
    job->start();
}

void SecretStore::save(const QString &profile, const SigV4Credentials &credentials)
{
    m_session.insert(profile, credentials);
    if (!m_available) {
        Q_EMIT saved(profile, false,
                     u"no keychain (%1): the keys are kept for this session only"_s.arg(
                         m_unavailableReason));
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(kService), this);
    job->setInsecureFallback(false);
    job->setKey(keyOf(profile));
    job->setBinaryData(toJson(credentials));
    connect(job, &QKeychain::Job::finished, this, [this, job, profile] {
        if (job->error() == QKeychain::NoError) {
            Q_EMIT saved(profile, true, u"keys saved in the system keychain"_s);
            return;
        }
        if (isMissingBackend(job->error())) {
            markUnavailable(job->errorString());
        }
        Q_EMIT saved(profile, false,
                     u"the keychain could not store the keys (%1): they are kept for this "
                     "session only"_s.arg(job->errorString()));
    });
    job->start();
}

} // namespace Lwb
