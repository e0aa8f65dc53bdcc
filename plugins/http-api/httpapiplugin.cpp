// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The API Gateway trigger plugin: a thin adapter over routetable, gatewayrequest and
// gatewayresponse (unit-tested on their own) and the local gateway `lwb local start-api` runs:
// one HTTP server for every route of the template's functions.
#include "gatewayrequest.h"
#include "gatewayresponse.h"
#include "jwtvalidator.h"
#include "routetable.h"

#include "engine/engine.h"
#include "engine/executionenvironment.h"
#include "engine/ids.h"
#include "http/httpserver.h"
#include "project/samtemplate.h"
#include "triggers/eventcatalogue.h"
#include "triggers/triggerfactory.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDirIterator>
#include <QtCore/QFileInfo>
#include <QtCore/QFileSystemWatcher>
#include <QtCore/QLoggingCategory>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHttpApi, "lwb.plugins.http-api")

namespace Lwb::HttpApi {

namespace {

constexpr qint64 kMaxPayloadBytes = 10 * 1024 * 1024; // API Gateway's payload quota

/**
 * A digest of the files of a code folder (names, sizes, modification times), without the
 * caches a runtime writes itself (__pycache__, hidden files): an import must not look like
 * an edit.
 */
QByteArray codeFingerprint(const QString &folder, QStringList *paths)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    QDirIterator it(folder, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    QStringList entries;
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(u"/__pycache__"_s) || path.contains(u"/."_s) ||
            path.endsWith(u".pyc"_s)) {
            continue;
        }
        const QFileInfo info = it.fileInfo();
        // A folder's own time changes when a runtime writes a cache into it: files only.
        entries << (info.isDir() ? path
                                 : u"%1|%2|%3"_s.arg(path)
                                       .arg(info.size())
                                       .arg(info.lastModified().toMSecsSinceEpoch()));
        if (paths && paths->size() < 2000) {
            *paths << path;
        }
    }
    entries.sort();
    hash.addData(entries.join(u'\n').toUtf8());
    return hash.result();
}

/**
 * Hot reload: watches the code folders of the served functions; when a folder's files
 * change, the function's $LATEST environments end (idle ones at once, busy ones when their
 * invocation is done), so that the next request cold-starts on the edited code.
 */
class CodeWatcher : public QObject
{
public:
    CodeWatcher(Engine *engine, const QStringList &functions, QObject *parent)
        : QObject(parent), m_engine(engine)
    {
        for (const QString &name : functions) {
            if (const FunctionConfig *f = engine->function(name); f && !f->codeDir.isEmpty()) {
                m_functionsByDir[f->codeDir] << f->functionName;
            }
        }
        for (auto it = m_functionsByDir.cbegin(); it != m_functionsByDir.cend(); ++it) {
            m_fingerprints.insert(it.key(), codeFingerprint(it.key(), nullptr));
        }
        watch();
        m_settle.setSingleShot(true);
        m_settle.setInterval(20);
        connect(&m_settle, &QTimer::timeout, this, [this] { rescan(); });
        connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this,
                [this] { m_settle.start(); });
        connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { m_settle.start(); });
    }

private:
    void watch()
    {
        QStringList paths;
        for (auto it = m_functionsByDir.cbegin(); it != m_functionsByDir.cend(); ++it) {
            paths << it.key();
            codeFingerprint(it.key(), &paths);
        }
        QStringList fresh;
        for (const QString &p : std::as_const(paths)) {
            if (!m_watcher.files().contains(p) && !m_watcher.directories().contains(p)) {
                fresh << p;
            }
        }
        if (!fresh.isEmpty()) {
            m_watcher.addPaths(fresh);
        }
    }

    void rescan()
    {
        for (auto it = m_functionsByDir.cbegin(); it != m_functionsByDir.cend(); ++it) {
            const QByteArray now = codeFingerprint(it.key(), nullptr);
            if (now == m_fingerprints.value(it.key())) {
                continue;
            }
            m_fingerprints.insert(it.key(), now);
            for (const QString &function : it.value()) {
                recycle(function);
            }
        }
        watch();
    }

    void recycle(const QString &function)
    {
        qCInfo(lcHttpApi, "%s: code changed, the next request uses it", qPrintable(function));
        const QList<ExecutionEnvironment *> environments = m_engine->environments(function);
        for (ExecutionEnvironment *env : environments) {
            if (env->version() != u"$LATEST"_s) {
                continue;
            }
            if (env->state() == ExecutionEnvironment::State::Busy) {
                QPointer<ExecutionEnvironment> guard(env);
                connect(
                    env, &ExecutionEnvironment::becameIdle, this,
                    [guard] {
                        if (guard) {
                            guard->shutdown(u"code-changed"_s);
                        }
                    },
                    Qt::SingleShotConnection);
            } else if (env->state() != ExecutionEnvironment::State::Dead) {
                env->shutdown(u"code-changed"_s);
            }
        }
    }

    Engine *m_engine;
    QHash<QString, QStringList> m_functionsByDir;
    QHash<QString, QByteArray> m_fingerprints;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
};

/**
 * The local API Gateway: one HTTP server for every `Api` and `HttpApi` route of the template.
 * Each request becomes one synchronous invocation through Engine::invoke, so concurrent
 * requests run on concurrent environments and throttles answer 429.
 */
class GatewaySource : public TriggerSource
{
public:
    explicit GatewaySource(const TriggerContext &context) : m_context(context) {}

    bool start(QString *error) override
    {
        const nlohmann::json gateway = m_context.properties["gateway"];
        const QString templatePath =
            QString::fromStdString(gateway.value("templatePath", std::string()));
        SamTemplate sam;
        if (!sam.load(templatePath)) {
            *error = u"cannot read the template %1"_s.arg(templatePath);
            return false;
        }
        QStringList problems;
        QStringList errors;
        const RouteTable all =
            RouteTable::fromTemplate(sam.toJson(), &problems, sam.directory(), &errors);
        if (!errors.isEmpty()) {
            *error = u"the template's APIs are not valid:\n  "_s + errors.join(u"\n  "_s);
            return false;
        }
        const QString jwks = QString::fromStdString(gateway.value("jwks", std::string()));
        if (!jwks.isEmpty() && !m_jwt.loadKeys(jwks, error)) {
            return false;
        }
        QStringList functions;
        QStringList served;
        bool jwt = false;
        for (const Route &route : all.routes()) {
            if (!m_context.engine->function(route.functionLogicalId)) {
                problems << u"%1 %2: the function cannot run here; its route %3 is not served"_s
                                .arg(route.functionLogicalId, route.eventName, route.routeKey());
                continue;
            }
            m_routes.add(route);
            served << u"%1\t%2\t%3"_s.arg(route.functionLogicalId, route.method, route.path);
            jwt = jwt || (route.authorizer && route.authorizer->type == Authorizer::Type::Jwt);
            if (!functions.contains(route.functionLogicalId)) {
                functions << route.functionLogicalId;
            }
        }
        if (jwt && !m_jwt.checksSignatures()) {
            problems << u"JWT authorizers: tokens are checked for issuer, audience, expiry and "
                        "scopes, but their signatures are not verified locally (give the "
                        "issuer's key set with --jwks FILE to verify them)"_s;
        }
        for (const QString &p : std::as_const(problems)) {
            qCWarning(lcHttpApi, "%s", qPrintable(p));
        }
        setProperty("routes", served);
        QHostAddress host;
        if (!host.setAddress(
                QString::fromStdString(gateway.value("host", std::string("127.0.0.1"))))) {
            *error = u"not an IP address: %1"_s.arg(
                QString::fromStdString(gateway.value("host", std::string())));
            return false;
        }
        m_server.setMaxBodyBytes(kMaxPayloadBytes);
        m_server.setHandler([this](const HttpRequest &request, HttpResponder responder) {
            handle(request, std::move(responder));
        });
        if (!m_server.listen(host, quint16(gateway.value("port", 3000)), error)) {
            return false;
        }
        QString hostText = host.toString();
        if (host.protocol() == QAbstractSocket::IPv6Protocol) {
            hostText = u'[' + hostText + u']';
        }
        setProperty("baseUrl", u"http://%1:%2"_s.arg(hostText).arg(m_server.serverPort()));
        m_watcher = new CodeWatcher(m_context.engine, functions, this);
        return true;
    }

    void stop() override { m_server.close(); }

private:
    void handle(const HttpRequest &request, HttpResponder responder)
    {
        GatewayRequest g;
        g.method = QString::fromLatin1(request.method);
        g.path = request.path.isEmpty() ? u"/"_s : request.path;
        const qsizetype q = request.target.indexOf('?');
        g.rawQueryString = q < 0 ? QByteArray() : request.target.mid(q + 1);
        g.queryItems = request.queryItems;
        for (const auto &[name, value] : request.headers) {
            g.headers.append({QString::fromLatin1(name), QString::fromUtf8(value)});
        }
        g.body = request.body;
        QHostAddress peer = request.peerAddress;
        bool v4 = false;
        const quint32 ipv4 = peer.toIPv4Address(&v4);
        g.sourceIp = v4 ? QHostAddress(ipv4).toString() : peer.toString();
        g.requestId = Ids::requestId();
        g.time = QDateTime::currentDateTimeUtc();
        g.accountId = m_context.engine->options().accountId;

        if (request.bodyTooLarge) {
            send(responder, g, GatewayResponse::error(413, u"Request Entity Too Large"_s));
            return;
        }
        const QString origin = g.header(u"origin"_s);
        if (g.method == u"OPTIONS"_s) {
            const std::vector<const Route *> cors = m_routes.preflightRoutes(g.path);
            if (!cors.empty()) {
                send(responder, g, GatewayResponse::preflight(cors, origin));
                return;
            }
        }
        const std::optional<RouteMatch> match = m_routes.match(g.method, g.path);
        if (!match) {
            send(responder, g, GatewayResponse::noRoute(m_routes.onlyHttpApis()));
            return;
        }
        nlohmann::json event = g.event(*match);
        if (!match->route->authorizer) {
            invokeFunction(responder, g, *match, std::move(event), origin);
            return;
        }
        const Authorizer &authorizer = *match->route->authorizer;
        if (authorizer.type == Authorizer::Type::Jwt) {
            const JwtValidator::Outcome outcome =
                m_jwt.validate(g.header(authorizer.identityHeader), authorizer,
                               match->route->authorizationScopes, g.time);
            if (outcome.statusCode != 200) {
                GatewayResponse denied = GatewayResponse::error(
                    outcome.statusCode,
                    outcome.statusCode == 401 ? u"Unauthorized"_s : u"Forbidden"_s);
                denied.headers.append(
                    {"www-authenticate",
                     u"Bearer scope=\"%1\" error=\"%2\" error_description=\"%3\""_s
                         .arg(match->route->authorizationScopes.join(u' '),
                              outcome.statusCode == 401 ? u"invalid_token"_s
                                                        : u"insufficient_scope"_s,
                              outcome.description)
                         .toUtf8()});
                send(responder, g, denied);
                return;
            }
            const nlohmann::json jwt = {{"claims", outcome.claims}, {"scopes", outcome.scopes}};
            event["requestContext"]["authorizer"] =
                match->route->payloadFormat == u"2.0"_s ? nlohmann::json{{"jwt", jwt}} : jwt;
            invokeFunction(responder, g, *match, std::move(event), origin);
            return;
        }
        const std::optional<nlohmann::json> authEvent = authorizer.event(g, *match);
        if (!authEvent) {
            send(responder, g, GatewayResponse::error(401, u"Unauthorized"_s));
            return;
        }
        const QString arn = Authorizer::methodArn(g, *match);
        const QString cacheKey = authorizer.cacheKey(g);
        if (const auto cached = m_authorizerCache.constFind(cacheKey);
            !cacheKey.isEmpty() && cached != m_authorizerCache.cend() &&
            cached->second > QDateTime::currentDateTimeUtc()) {
            // A cached policy is evaluated again for this method, as API Gateway does.
            const Authorizer::Decision d = authorizer.decide(cached->first, false, arn);
            if (!d.allowed) {
                send(responder, g, GatewayResponse::error(d.statusCode, d.message));
                return;
            }
            event["requestContext"]["authorizer"] = d.context;
            invokeFunction(responder, g, *match, std::move(event), origin);
            return;
        }
        InvokeRequest auth;
        auth.functionName = authorizer.functionLogicalId;
        auth.payload = QByteArray::fromStdString(authEvent->dump());
        auth.payloadIsJson = true;
        auth.source = u"http-api"_s;
        QPointer<GatewaySource> self(this);
        const RouteMatch matched = *match;
        m_context.engine->invoke(auth, [self, responder, g, matched, event, origin, arn, authorizer,
                                        cacheKey](const InvokeResult &result) mutable {
            if (!self) {
                return;
            }
            if (result.isServiceError()) {
                self->send(responder, g,
                           result.httpStatus == 429
                               ? GatewayResponse::tooManyRequests()
                               : GatewayResponse::error(500, u"Internal server error"_s));
                return;
            }
            const Authorizer::Decision d =
                authorizer.decide(result.payload, result.functionError, arn);
            if (!cacheKey.isEmpty() && !result.functionError && d.statusCode != 500) {
                self->m_authorizerCache.insert(
                    cacheKey, {result.payload,
                               QDateTime::currentDateTimeUtc().addSecs(authorizer.ttlSeconds)});
            }
            if (!d.allowed) {
                self->send(responder, g,
                           GatewayResponse::error(d.statusCode, d.message.isEmpty()
                                                                    ? u"Internal server error"_s
                                                                    : d.message));
                return;
            }
            event["requestContext"]["authorizer"] = d.context;
            self->invokeFunction(responder, g, matched, std::move(event), origin);
        });
    }

    void invokeFunction(HttpResponder responder, const GatewayRequest &g, const RouteMatch &match,
                        nlohmann::json event, const QString &origin)
    {
        InvokeRequest invoke;
        invoke.functionName = match.route->functionLogicalId;
        invoke.payload = QByteArray::fromStdString(event.dump());
        invoke.payloadIsJson = true;
        invoke.source = u"http-api"_s;
        const QString format = match.route->payloadFormat;
        const std::optional<CorsConfig> cors = match.route->cors;
        QPointer<GatewaySource> self(this);
        m_context.engine->invoke(
            invoke, [self, responder, g, format, cors, origin](const InvokeResult &result) mutable {
                GatewayResponse response;
                if (result.isServiceError()) {
                    response = result.httpStatus == 429
                                   ? GatewayResponse::tooManyRequests()
                                   : GatewayResponse::error(500, u"Internal server error"_s);
                    if (self) {
                        Q_EMIT self->problem(
                            u"%1 %2: %3"_s.arg(g.method, g.path, result.serviceErrorMessage));
                    }
                } else if (result.functionError) {
                    response = GatewayResponse::internalServerError();
                } else {
                    response = GatewayResponse::fromFunction(result.payload, format);
                    if (response.statusCode == 502 && self) {
                        Q_EMIT self->problem(
                            u"%1 %2: the function's response is not a valid proxy response"_s.arg(
                                g.method, g.path));
                    }
                }
                if (cors) {
                    response.addCorsHeaders(*cors, origin);
                }
                if (self) {
                    self->send(responder, g, response);
                } else {
                    responder.send(toHttp(response));
                }
            });
    }

    static HttpResponse toHttp(const GatewayResponse &response)
    {
        HttpResponse http(response.statusCode);
        for (const auto &[name, value] : response.headers) {
            http.addHeader(name, value);
        }
        http.body = response.body;
        return http;
    }

    void send(HttpResponder &responder, const GatewayRequest &g, const GatewayResponse &response)
    {
        // SAM's access log line.
        qCInfo(lcHttpApi, "%s - - [%s] \"%s %s\" %d -", qPrintable(g.sourceIp),
               accessLogTime().constData(), qPrintable(g.method), qPrintable(g.path), response.statusCode);
        responder.send(toHttp(response));
    }

    /** The access log's local time, formatted once a second (formatting costs more than a warm invocation's routing). */
    const QByteArray &accessLogTime()
    {
        const qint64 second = QDateTime::currentSecsSinceEpoch();
        if (second != m_accessLogSecond) {
            m_accessLogSecond = second;
            m_accessLogTime = QDateTime::fromSecsSinceEpoch(second).toString(u"dd/MMM/yyyy HH:mm:ss"_s).toLocal8Bit();
        }
        return m_accessLogTime;
    }

    TriggerContext m_context;
    RouteTable m_routes;
    JwtValidator m_jwt;
    HttpServer m_server;
    CodeWatcher *m_watcher = nullptr;
    QHash<QString, std::pair<QByteArray, QDateTime>> m_authorizerCache; ///< key → answer, expiry
    qint64 m_accessLogSecond = -1;
    QByteArray m_accessLogTime;
};

} // namespace

class HttpApiPlugin : public QObject, public TriggerFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LwbTriggerFactory_iid FILE "http-api.json")
    Q_INTERFACES(Lwb::TriggerFactory)

public:
    QStringList eventTypes() const override { return {u"Api"_s, u"HttpApi"_s}; }
    QString displayName() const override { return u"API Gateway (REST and HTTP APIs)"_s; }
    bool servesNetwork() const override { return true; }

    nlohmann::json validate(const QString &eventType, const nlohmann::json &properties,
                            QStringList *errors) const override
    {
        if (!RouteTable::parseEvent(eventType, properties, errors)) {
            return nullptr;
        }
        return properties.is_null() ? nlohmann::json::object() : properties;
    }

    std::vector<TriggerEventTemplate> eventTemplates() const override
    {
        return EventCatalogue().templates(u"apigateway"_s);
    }

    nlohmann::json preview(const QString &eventType, const nlohmann::json &properties, int,
                           QString *error) const override
    {
        QStringList errors;
        const std::optional<Route> route = RouteTable::parseEvent(eventType, properties, &errors);
        if (!route) {
            *error = errors.join(u"; "_s);
            return nullptr;
        }
        return {{"routes",
                 {{{"method", route->method.toStdString()},
                   {"path", route->path.toStdString()},
                   {"routeKey", route->routeKey().toStdString()},
                   {"api", route->apiId.toStdString()},
                   {"payloadFormatVersion", route->payloadFormat.toStdString()}}}}};
    }

    /**
     * Properties {"gateway": {"templatePath", "host", "port", "jwks"}} (what `lwb local
     * start-api` passes; "jwks" optional: a JSON Web Key Set file JWT signatures are checked
     * against) give the local gateway for every route of the template; the source's "baseUrl"
     * property says where it listens, "routes" what it serves ("Function\tMETHOD\tpath"). Single
     * events are not served on their own: TriggerHost skips this factory (servesNetwork()).
     */
    std::unique_ptr<TriggerSource> createSource(const TriggerContext &context,
                                                QString *error) const override
    {
        if (!context.properties.is_object() || !context.properties.contains("gateway")) {
            *error = u"API routes are served by `lwb local start-api`"_s;
            return nullptr;
        }
        if (!context.engine) {
            *error = u"no engine"_s;
            return nullptr;
        }
        return std::make_unique<GatewaySource>(context);
    }
};

} // namespace Lwb::HttpApi

#include "httpapiplugin.moc"
