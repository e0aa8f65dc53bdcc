// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "functionidentity.h"

#include "api/invokeapiserver.h"
#include "engine/engine.h"
#include "model/functionconfig.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QMessageAuthenticationCode>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QRandomGenerator>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr char kApiProperty[] = "lwbLambdaApi";

const QByteArray &processKey()
{
    static const QByteArray key = [] {
        QByteArray bytes(32, Qt::Uninitialized);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                              bytes.size() / int(sizeof(quint32)));
        return bytes;
    }();
    return key;
}

QByteArray derive(QByteArrayView purpose, const QString &subject)
{
    return QMessageAuthenticationCode::hash(purpose.toByteArray() + '\n' + subject.toUtf8(),
                                            processKey(), QCryptographicHash::Sha256);
}

} // namespace

FunctionIdentity FunctionIdentity::of(const FunctionConfig &function, const QString &accountId)
{
    FunctionIdentity id;
    id.functionName = function.functionName;
    const QString role = function.role.trimmed();
    if (role.isEmpty()) {
        // SAM's generated role: <LogicalId>Role (CloudFormation adds a stack prefix and suffix).
        id.roleName = function.logicalId + u"Role"_s;
    } else if (role.startsWith(u"arn:"_s)) {
        id.roleArn = role;
        id.roleName = role.section(u'/', -1);
    } else {
        id.roleName = role;
    }
    if (id.roleArn.isEmpty()) {
        id.roleArn = u"arn:aws:iam::%1:role/%2"_s.arg(accountId, id.roleName);
    }
    id.assumedRoleArn =
        u"arn:aws:sts::%1:assumed-role/%2/%3"_s.arg(accountId, id.roleName, id.functionName);
    id.credentials.accessKeyId = accessKeyIdFor(function.functionName);
    id.credentials.secretAccessKey = secretFor(id.credentials.accessKeyId);
    id.credentials.sessionToken = sessionTokenFor(id.credentials.accessKeyId);
    return id;
}

QString FunctionIdentity::accessKeyIdFor(const QString &functionName)
{
    return u"ASIA"_s +
           QString::fromLatin1(derive("akid", functionName).toHex().first(16).toUpper());
}

QString FunctionIdentity::secretFor(const QString &accessKeyId)
{
    return QString::fromLatin1(derive("secret", accessKeyId).toBase64().first(40));
}

QString FunctionIdentity::sessionTokenFor(const QString &accessKeyId)
{
    return u"LWBSession/"_s + QString::fromLatin1(derive("token", accessKeyId).toBase64());
}

QMap<QString, QString> FunctionIdentity::sandboxEnvironment(const FunctionConfig &function,
                                                            const QString &accountId,
                                                            const QObject *engine)
{
    const FunctionIdentity id = of(function, accountId);
    QMap<QString, QString> env;
    env[u"AWS_ACCESS_KEY_ID"_s] = id.credentials.accessKeyId;
    env[u"AWS_SECRET_ACCESS_KEY"_s] = id.credentials.secretAccessKey;
    env[u"AWS_SESSION_TOKEN"_s] = id.credentials.sessionToken;
    const QString endpoint = lambdaEndpoint(engine);
    if (!endpoint.isEmpty()) {
        env[u"LWB_LAMBDA_ENDPOINT"_s] = endpoint;
        env[u"AWS_ENDPOINT_URL_LAMBDA"_s] = endpoint;
    }
    return env;
}

void FunctionIdentity::announceLambdaApi(QObject *engine, InvokeApiServer *server)
{
    if (!engine) {
        return;
    }
    engine->setProperty(kApiProperty, QVariant::fromValue(static_cast<QObject *>(server)));
    if (server) {
        QObject::connect(server, &QObject::destroyed, engine,
                         [engine] { engine->setProperty(kApiProperty, QVariant()); });
    }
}

QString FunctionIdentity::lambdaEndpoint(const QObject *engine)
{
    if (!engine) {
        return {};
    }
    const auto *server =
        qobject_cast<const InvokeApiServer *>(engine->property(kApiProperty).value<QObject *>());
    if (!server || !server->isListening()) {
        return {};
    }
    // A server bound to every address is reached over loopback from the sandbox.
    QHostAddress address = server->serverAddress();
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4) {
        address = QHostAddress(QHostAddress::LocalHost);
    } else if (address == QHostAddress::AnyIPv6) {
        address = QHostAddress(QHostAddress::LocalHostIPv6);
    }
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + address.toString() + u']'
                             : address.toString();
    return u"http://%1:%2"_s.arg(host).arg(server->serverPort());
}

} // namespace Lwb
