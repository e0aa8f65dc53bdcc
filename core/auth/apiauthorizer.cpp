// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "apiauthorizer.h"

#include "api/engineextensions.h"
#include "api/invokeapiserver.h"
#include "auth/functionidentity.h"
#include "auth/functionpolicies.h"
#include "auth/policylinter.h"
#include "engine/engine.h"
#include "engine/ids.h"
#include "http/httprequest.h"
#include "http/httpresponder.h"

#include <QtCore/QFile>
#include <QtCore/QLoggingCategory>
#include <QtCore/QVariant>

#include <memory>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

Q_LOGGING_CATEGORY(lcAuth, "lwb.auth")

constexpr char kSettingsProperty[] = "lwbApiAuthSettings";
const QString kInvalidToken = u"The security token included in the request is invalid."_s;

ApiAuthorizer::Decision refuse(int status, const QString &code, const QString &message)
{
    ApiAuthorizer::Decision d;
    d.allowed = false;
    d.httpStatus = status;
    d.errorCode = code;
    d.message = message;
    return d;
}

// The extension: lint warnings when the engine is set up, the filter when the API is.
void attachAuth(Engine &engine, const EngineExtensionContext &)
{
    const std::vector<FunctionConfig> functions = engine.functions();
    for (const PolicyFinding &finding :
         PolicyLinter::lint(functions, engine.options().region, engine.options().accountId)) {
        Q_EMIT engine.warningRaised(u"policy "_s + finding.toString());
    }
}

void attachAuthApi(InvokeApiServer &server, const EngineExtensionContext &)
{
    FunctionIdentity::announceLambdaApi(server.engine(), &server);
    const ApiAuthSettings settings = ApiAuthSettings::of(server);
    if (settings.enabled) {
        ApiAuthorizer::install(server, settings);
    }
}

// First among the API extensions: its filter must run before any other route or filter.
const EngineExtensionRegistration authRegistration({u"auth"_s, -100, attachAuth, attachAuthApi});

} // namespace

std::optional<SigV4Credentials> ApiAuthSettings::parseCredential(const QString &text,
                                                                 QString *error)
{
    const qsizetype colon = text.indexOf(u':');
    if (colon <= 0 || colon == text.size() - 1) {
        if (error) {
            *error = u"a credential must be KEY:SECRET, not '%1'"_s.arg(text);
        }
        return std::nullopt;
    }
    return SigV4Credentials{text.left(colon).trimmed(), text.mid(colon + 1).trimmed(), {}};
}

std::optional<QList<SigV4Credentials>> ApiAuthSettings::readCredentialsFile(const QString &path,
                                                                            QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        if (error) {
            *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        }
        return std::nullopt;
    }
    QList<SigV4Credentials> pairs;
    SigV4Credentials pending;
    const auto flush = [&] {
        if (!pending.accessKeyId.isEmpty() && !pending.secretAccessKey.isEmpty()) {
            pairs.append(pending);
        }
        pending = {};
    };
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';')) {
            continue;
        }
        if (line.startsWith(u'[')) {
            flush();
            continue;
        }
        const qsizetype eq = line.indexOf(u'=');
        if (eq > 0) {
            const QString key = line.left(eq).trimmed().toLower();
            const QString value = line.mid(eq + 1).trimmed();
            if (key == u"aws_access_key_id"_s) {
                pending.accessKeyId = value;
            } else if (key == u"aws_secret_access_key"_s) {
                pending.secretAccessKey = value;
            }
            continue;
        }
        QString parseError;
        const std::optional<SigV4Credentials> pair = parseCredential(line, &parseError);
        if (!pair) {
            if (error) {
                *error = u"%1:%2: %3"_s.arg(path).arg(lineNumber).arg(parseError);
            }
            return std::nullopt;
        }
        pairs.append(*pair);
    }
    flush();
    if (pairs.isEmpty()) {
        if (error) {
            *error = u"%1 holds no key pair (aws_access_key_id / aws_secret_access_key, or "
                     u"KEY:SECRET lines)"_s.arg(path);
        }
        return std::nullopt;
    }
    return pairs;
}

void ApiAuthSettings::applyTo(InvokeApiServer &server) const
{
    QVariantList pairs;
    for (const SigV4Credentials &c : credentials) {
        pairs.append(QVariant(QStringList{c.accessKeyId, c.secretAccessKey}));
    }
    server.setProperty(kSettingsProperty,
                       QVariantMap{{u"enabled"_s, enabled}, {u"credentials"_s, pairs}});
}

ApiAuthSettings ApiAuthSettings::of(const InvokeApiServer &server)
{
    ApiAuthSettings settings;
    const QVariant value = server.property(kSettingsProperty);
    if (!value.isValid()) {
        return settings;
    }
    const QVariantMap map = value.toMap();
    settings.enabled = map.value(u"enabled"_s, true).toBool();
    settings.credentials.clear();
    for (const QVariant &pair : map.value(u"credentials"_s).toList()) {
        const QStringList parts = pair.toStringList();
        if (parts.size() == 2) {
            settings.credentials.append({parts.at(0), parts.at(1), {}});
        }
    }
    return settings;
}

ApiAuthorizer::ApiAuthorizer(Engine *engine, const ApiAuthSettings &settings)
    : m_engine(engine), m_settings(settings)
{
    for (const SigV4Credentials &c : settings.credentials) {
        m_adminSecrets.insert(c.accessKeyId, c.secretAccessKey);
    }
}

std::optional<ApiAuthorizer::Principal> ApiAuthorizer::principal(const QString &accessKeyId) const
{
    if (const auto it = m_adminSecrets.constFind(accessKeyId); it != m_adminSecrets.constEnd()) {
        return Principal{it.value(), {}, {}};
    }
    if (!m_engine || !accessKeyId.startsWith(u"ASIA"_s)) {
        return std::nullopt;
    }
    // A function's key: derived from its name, so the functions of the moment say whose.
    for (const FunctionConfig &f : m_engine->functions()) {
        if (FunctionIdentity::accessKeyIdFor(f.functionName) == accessKeyId) {
            return Principal{FunctionIdentity::secretFor(accessKeyId), f.functionName,
                             FunctionIdentity::sessionTokenFor(accessKeyId)};
        }
    }
    return std::nullopt;
}

ApiAuthorizer::Decision ApiAuthorizer::check(const HttpRequest &request, const QDateTime &now) const
{
    if (!m_engine) {
        return refuse(500, u"ServiceException"_s, u"The engine is gone."_s);
    }
    // An oversize body was not kept, so it cannot be hashed: a request that names a known key
    // goes on to its route, which answers 413 before doing anything.
    if (request.bodyTooLarge) {
        const QByteArray authorization = request.header("authorization");
        QString credential;
        if (const qsizetype at = authorization.indexOf("Credential="); at >= 0) {
            credential = QString::fromLatin1(authorization.sliced(at + 11));
        } else {
            credential = request.queryItemValue(u"X-Amz-Credential"_s);
        }
        if (credential.isEmpty()) {
            return refuse(403, u"MissingAuthenticationTokenException"_s,
                          u"Missing Authentication Token"_s);
        }
        if (!principal(credential.section(u'/', 0, 0))) {
            return refuse(403, u"UnrecognizedClientException"_s, kInvalidToken);
        }
        Decision pass;
        pass.allowed = true;
        return pass;
    }
    const QString region = m_engine->options().region;
    const QString accountId = m_engine->options().accountId;

    std::optional<Principal> who;
    SigV4VerifyOptions options;
    options.expectedService = u"lambda"_s;
    options.maxClockSkewSecs = 300;
    const SigV4VerifyResult verified = SigV4::verify(
        request,
        [this, &who](const QString &accessKeyId) -> std::optional<QString> {
            who = principal(accessKeyId);
            return who ? std::optional<QString>(who->secret) : std::nullopt;
        },
        now, options);
    // AWS checks the scope's region before the key and the signature.
    if (!verified.region.isEmpty() && verified.region != region &&
        verified.errorCode != u"IncompleteSignatureException"_s) {
        return refuse(
            403, u"InvalidSignatureException"_s,
            u"Credential should be scoped to a valid region, not '%1'. "_s.arg(verified.region));
    }
    if (!verified.ok) {
        return refuse(verified.httpStatus, verified.errorCode, verified.message);
    }
    if (!who) {
        return refuse(403, u"UnrecognizedClientException"_s, kInvalidToken);
    }

    Decision decision;
    decision.allowed = true;
    if (who->functionName.isEmpty()) {
        decision.principalArn = u"arn:aws:iam::%1:root"_s.arg(accountId);
        return decision;
    }
    // Temporary credentials are only valid with their own session token.
    if (verified.sessionToken != who->sessionToken) {
        return refuse(403, u"UnrecognizedClientException"_s, kInvalidToken);
    }
    const FunctionConfig *function = m_engine->function(who->functionName);
    if (!function) {
        return refuse(403, u"UnrecognizedClientException"_s, kInvalidToken);
    }
    decision.principalArn = FunctionIdentity::of(*function, accountId).assumedRoleArn;
    const Engine *engine = m_engine.data();
    decision.operation =
        LambdaOperations::match(request, region, accountId, [engine](const QString &name) {
            const FunctionConfig *f = engine->function(name);
            return f ? f->functionName : name;
        });
    if (!decision.operation) {
        return decision; // no such operation: the server answers UnknownOperationException
    }
    const FunctionPolicySet policies =
        FunctionPolicies::of(*function, m_engine->functions(), region, accountId);
    const IamEvaluation evaluation = IamPolicy::evaluate(
        policies.policies, decision.operation->action, decision.operation->resource);
    if (evaluation.isAllowed()) {
        return decision;
    }
    const QString reason = evaluation.decision == IamEvaluation::Decision::ExplicitDeny
                               ? u"with an explicit deny in an identity-based policy"_s
                               : u"because no identity-based policy allows the %1 action"_s.arg(
                                     decision.operation->action);
    Decision denied = refuse(403, u"AccessDeniedException"_s,
                             u"User: %1 is not authorized to perform: %2 on resource: %3 %4"_s.arg(
                                 decision.principalArn, decision.operation->action,
                                 decision.operation->resource, reason));
    denied.principalArn = decision.principalArn;
    denied.operation = decision.operation;
    return denied;
}

void ApiAuthorizer::install(InvokeApiServer &server, const ApiAuthSettings &settings)
{
    auto authorizer = std::make_shared<ApiAuthorizer>(server.engine(), settings);
    server.addFilter([authorizer](const HttpRequest &request, HttpResponder &responder) {
        const Decision decision = authorizer->check(request, QDateTime::currentDateTimeUtc());
        if (decision.allowed) {
            return true;
        }
        qCInfo(lcAuth, "%s %s refused: %s %s", request.method.constData(),
               request.target.constData(), qPrintable(decision.errorCode),
               qPrintable(decision.message));
        responder.send(InvokeApiServer::errorResponse(decision.httpStatus, decision.errorCode,
                                                      decision.message, Ids::requestId()));
        return false;
    });
}

} // namespace Lwb
