// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/sigv4.h"

#include <QtCore/QMap>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <optional>

namespace Lwb {

/**
 * AWS keys per profile name in the system keychain (qtkeychain: Secret Service, KWallet,
 * macOS Keychain, Windows Credential Store) — never in the project and never in a plain file
 * (qtkeychain's insecure QSettings fallback stays off).
 *
 * When the keychain has no backend (a headless session, no D-Bus secret service) the store
 * falls back to keeping the keys in memory for this session only and says so through
 * available() / unavailableReason(). All calls are asynchronous; GUI thread.
 */
class SecretStore : public QObject
{
    Q_OBJECT

public:
    /** The keychain service the keys are filed under. */
    static constexpr auto kService = "org.lambdaworkbench.LambdaWorkbench";

    explicit SecretStore(QObject *parent = nullptr);

    /** False once the keychain has failed to answer for lack of a backend. */
    bool available() const { return m_available; }
    QString unavailableReason() const { return m_unavailableReason; }

    /** Reads @p profile's keys; ends with loaded(). */
    void load(const QString &profile);
    /** Stores @p credentials for @p profile; ends with saved(). */
    void save(const QString &profile, const SigV4Credentials &credentials);

Q_SIGNALS:
    /** @p credentials: none when nothing is stored; @p message says where they came from. */
    void loaded(const QString &profile, const std::optional<Lwb::SigV4Credentials> &credentials,
                const QString &message);
    /** @p persistent: in the keychain (true) or only for this session (false). */
    void saved(const QString &profile, bool persistent, const QString &message);

private:
    static QString keyOf(const QString &profile);
    void markUnavailable(const QString &reason);

    bool m_available = true;
    QString m_unavailableReason;
    QMap<QString, SigV4Credentials> m_session; ///< the fallback: this session's keys
};

} // namespace Lwb
