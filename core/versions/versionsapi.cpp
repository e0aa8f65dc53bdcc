// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "versions/versionsapi.h"

#include "api/engineextensions.h"
#include "api/functionarn.h"
#include "api/invokeapiserver.h"
#include "engine/engine.h"
#include "engine/journal.h"
#include "http/httprequest.h"
#include "http/httpresponder.h"
#include "versions/functionconfigjson.h"
#include "versions/restjson.h"
#include "versions/versionstore.h"

#include <QtCore/QFileInfo>
#include <QtCore/QPointer>
#include <QtCore/QRegularExpression>
#include <QtCore/QUuid>

using namespace Qt::StringLiterals;
using ojson = nlohmann::ordered_json;

namespace Lwb {

namespace {

constexpr int kMaxListItems = 10000;

std::string ss(const QString &s)
{
    return s.toStdString();
}

QString functionArn(const Engine &engine, const QString &name, const QString &qualifier = {})
{
    return FunctionArn::arn(engine.options().region, engine.options().accountId, name, qualifier);
}

/** The function a path names, or nullopt after answering (400 for a bad name, 404 unknown). */
std::optional<QString> functionName(Engine &engine, const QString &raw, HttpResponder &responder)
{
    QString message;
    const std::optional<FunctionArn> arn = FunctionArn::parse(raw, &message);
    if (!arn) {
        responder.send(RestJson::error(400, u"ValidationException"_s, message));
        return std::nullopt;
    }
    const FunctionConfig *f = engine.function(arn->name());
    if (!f || (!arn->region().isEmpty() && arn->region() != engine.options().region)) {
        responder.send(
            RestJson::error(404, u"ResourceNotFoundException"_s,
                            u"Function not found: "_s + functionArn(engine, arn->name())));
        return std::nullopt;
    }
    return f->functionName;
}

void invalid(HttpResponder &responder, const QString &member, const QString &type)
{
    responder.send(RestJson::error(
        400, u"InvalidParameterValueException"_s,
        u"1 validation error detected: Value at '%1' failed to satisfy constraint: Member must "
        "be a %2"_s.arg(member, type)));
}

void missing(HttpResponder &responder, const QString &member)
{
    responder.send(RestJson::error(
        400, u"ValidationException"_s,
        u"1 validation error detected: Value null at '%1' failed to satisfy constraint: Member "
        "must not be null"_s.arg(member)));
}

/** RoutingConfig.AdditionalVersionWeights; nullopt after answering a malformed one. */
std::optional<QMap<QString, double>> weights(const nlohmann::json &routing,
                                             HttpResponder &responder)
{
    QMap<QString, double> out;
    if (routing.is_null()) {
        return out;
    }
    if (!routing.is_object()) {
        invalid(responder, u"routingConfig"_s, u"structure"_s);
        return std::nullopt;
    }
    const auto it = routing.find("AdditionalVersionWeights");
    if (it == routing.end() || it->is_null()) {
        return out;
    }
    if (!it->is_object()) {
        invalid(responder, u"routingConfig.additionalVersionWeights"_s, u"map"_s);
        return std::nullopt;
    }
    for (auto w = it->begin(); w != it->end(); ++w) {
        if (!w.value().is_number()) {
            invalid(responder, u"routingConfig.additionalVersionWeights"_s, u"map of numbers"_s);
            return std::nullopt;
        }
        out.insert(QString::fromStdString(w.key()), w.value().get<double>());
    }
    return out;
}

/**
 * The CodeSha256 core/control reports for a function made by CreateFunction: the zip's, whose
 * hex form names the function's code folder. Empty for other functions.
 */
QString zipCodeSha256(const FunctionConfig &config)
{
    static const QRegularExpression hex(u"^[0-9a-f]{64}$"_s);
    const QString folder = QFileInfo(config.codeDir).fileName();
    return hex.match(folder).hasMatch()
               ? QString::fromLatin1(QByteArray::fromHex(folder.toLatin1()).toBase64())
               : QString();
}

ojson baseConfiguration(const Engine &engine, const FunctionConfig &config, const QString &version)
{
    ojson c;
    c["FunctionName"] = ss(config.functionName);
    c["FunctionArn"] = ss(functionArn(engine, config.functionName, version));
    c["Runtime"] = ss(config.runtime);
    c["Role"] =
        ss(u"arn:aws:iam::%1:role/lambda-workbench-local"_s.arg(engine.options().accountId));
    c["Handler"] = ss(config.handler);
    return c;
}

void finishConfiguration(const Engine &engine, const FunctionConfig &config, ojson &c)
{
    c["Timeout"] = config.timeoutSeconds;
    c["MemorySize"] = config.memoryMb;
    if (!config.environment.isEmpty()) {
        ojson variables = ojson::object();
        for (auto it = config.environment.cbegin(); it != config.environment.cend(); ++it) {
            variables[ss(it.key())] = ss(it.value());
        }
        c["Environment"] = {{"Variables", variables}};
    }
    c["TracingConfig"] = {{"Mode", "PassThrough"}};
    if (!config.layers.empty()) {
        ojson layers = ojson::array();
        for (const LayerConfig &layer : config.layers) {
            const QString arn =
                !layer.unresolvedReference.isEmpty()
                    ? layer.unresolvedReference
                    : u"arn:aws:lambda:%1:%2:layer:%3:1"_s.arg(
                          engine.options().region, engine.options().accountId, layer.name);
            layers.push_back({{"Arn", ss(arn)}});
        }
        c["Layers"] = layers;
    }
    c["State"] = "Active";
    c["LastUpdateStatus"] = "Successful";
    c["PackageType"] = ss(config.packageType);
    c["Architectures"] = {ss(config.architecture)};
    c["EphemeralStorage"] = {{"Size", config.ephemeralStorageMb}};
    c["SnapStart"] = {{"ApplyOn", "None"}, {"OptimizationStatus", "Off"}};
    c["LoggingConfig"] = {{"LogFormat", "Text"},
                          {"LogGroup", ss(u"/aws/lambda/"_s + config.functionName)}};
}

ojson aliasList(const Engine &engine, const std::vector<AliasConfig> &aliases,
                const RestJson::Page &page)
{
    ojson list = ojson::array();
    for (qsizetype i = page.first; i < page.first + page.count; ++i) {
        list.push_back(VersionsApi::aliasConfiguration(engine, aliases[std::size_t(i)]));
    }
    return list;
}

void publishVersion(Engine &engine, const QString &name, const HttpRequest &request,
                    HttpResponder &responder)
{
    const std::optional<nlohmann::json> body =
        RestJson::body(request, responder, u"PublishVersion"_s);
    if (!body) {
        return;
    }
    const std::optional<QString> sha = RestJson::string(*body, "CodeSha256");
    const std::optional<QString> description = RestJson::string(*body, "Description");
    if (!sha || !description) {
        invalid(responder, sha ? u"description"_s : u"codeSha256"_s, u"string"_s);
        return;
    }
    // The guard accepts the zip's CodeSha256 of functions made by CreateFunction as well as the
    // store's own.
    QString guard = *sha;
    if (const FunctionConfig *f = engine.function(name);
        f && !guard.isEmpty() && zipCodeSha256(*f) == guard) {
        guard.clear();
    }
    VersionError error;
    const std::optional<PublishedVersion> version =
        engine.publishVersion(name, *description, guard, &error);
    std::optional<FunctionConfig> config;
    if (version) {
        config = engine.versionStore()->configuration(name, version->version, &error);
    }
    if (!config) {
        responder.send(RestJson::error(error));
        return;
    }
    responder.send(
        RestJson::ok(201, VersionsApi::functionConfiguration(engine, *config, *version)));
}

void listVersions(Engine &engine, const QString &name, const HttpRequest &request,
                  HttpResponder &responder)
{
    VersionError error;
    const std::vector<PublishedVersion> published =
        engine.versionStore()->publishedVersions(name, &error);
    if (error.isError()) {
        responder.send(RestJson::error(error));
        return;
    }
    const qsizetype total = qsizetype(published.size()) + 1; // $LATEST first
    const std::optional<RestJson::Page> page =
        RestJson::page(request, responder, total, kMaxListItems);
    if (!page) {
        return;
    }
    ojson versions = ojson::array();
    for (qsizetype i = page->first; i < page->first + page->count; ++i) {
        if (i == 0) {
            versions.push_back(VersionsApi::latestConfiguration(engine, *engine.function(name)));
            continue;
        }
        const PublishedVersion &v = published[std::size_t(i - 1)];
        const std::optional<FunctionConfig> config =
            engine.versionStore()->configuration(name, v.version, &error);
        if (!config) {
            responder.send(RestJson::error(error));
            return;
        }
        versions.push_back(VersionsApi::functionConfiguration(engine, *config, v));
    }
    ojson body;
    RestJson::setNextMarker(body, *page, total);
    body["Versions"] = versions;
    responder.send(RestJson::ok(200, body));
}

void createAlias(Engine &engine, const QString &name, const HttpRequest &request,
                 HttpResponder &responder)
{
    const std::optional<nlohmann::json> body = RestJson::body(request, responder, u"CreateAlias"_s);
    if (!body) {
        return;
    }
    AliasConfig alias;
    alias.function = name;
    for (const auto &[member, target] :
         {std::pair{"Name", &alias.name}, std::pair{"FunctionVersion", &alias.functionVersion},
          std::pair{"Description", &alias.description}}) {
        const std::optional<QString> value = RestJson::string(*body, member);
        if (!value) {
            invalid(responder, QString::fromLatin1(member), u"string"_s);
            return;
        }
        *target = *value;
    }
    if (alias.name.isEmpty() || alias.functionVersion.isEmpty()) {
        missing(responder, alias.name.isEmpty() ? u"name"_s : u"functionVersion"_s);
        return;
    }
    const std::optional<QMap<QString, double>> routing =
        weights(body->value("RoutingConfig", nlohmann::json()), responder);
    if (!routing) {
        return;
    }
    alias.additionalVersionWeights = *routing;
    VersionError error;
    const std::optional<AliasConfig> created = engine.createAlias(alias, &error);
    responder.send(created ? RestJson::ok(201, VersionsApi::aliasConfiguration(engine, *created))
                           : RestJson::error(error));
}

void updateAlias(Engine &engine, const QString &name, const QString &aliasName,
                 const HttpRequest &request, HttpResponder &responder)
{
    const std::optional<nlohmann::json> body = RestJson::body(request, responder, u"UpdateAlias"_s);
    if (!body) {
        return;
    }
    AliasUpdate update;
    for (const auto &[member, target] : {std::pair{"FunctionVersion", &update.functionVersion},
                                         std::pair{"Description", &update.description}}) {
        if (body->contains(member) && !(*body)[member].is_null()) {
            const std::optional<QString> value = RestJson::string(*body, member);
            if (!value) {
                invalid(responder, QString::fromLatin1(member), u"string"_s);
                return;
            }
            *target = *value;
        }
    }
    const std::optional<QString> revision = RestJson::string(*body, "RevisionId");
    if (!revision) {
        invalid(responder, u"revisionId"_s, u"string"_s);
        return;
    }
    update.revisionId = *revision;
    if (body->contains("RoutingConfig")) {
        const std::optional<QMap<QString, double>> routing =
            weights((*body)["RoutingConfig"], responder);
        if (!routing) {
            return;
        }
        update.additionalVersionWeights = *routing;
    }
    VersionError error;
    const std::optional<AliasConfig> updated = engine.updateAlias(name, aliasName, update, &error);
    responder.send(updated ? RestJson::ok(200, VersionsApi::aliasConfiguration(engine, *updated))
                           : RestJson::error(error));
}

void listAliases(Engine &engine, const QString &name, const HttpRequest &request,
                 HttpResponder &responder)
{
    VersionError error;
    const QString version = request.queryItemValue(u"FunctionVersion"_s);
    const std::vector<AliasConfig> aliases = engine.versionStore()->aliases(name, &error, version);
    if (error.isError()) {
        responder.send(RestJson::error(error));
        return;
    }
    const qsizetype total = qsizetype(aliases.size());
    const std::optional<RestJson::Page> page =
        RestJson::page(request, responder, total, kMaxListItems);
    if (!page) {
        return;
    }
    ojson body;
    RestJson::setNextMarker(body, *page, total);
    body["Aliases"] = aliasList(engine, aliases, *page);
    responder.send(RestJson::ok(200, body));
}

// Hosts that call EngineExtensions::attachAll() (lwb local start-lambda, the GUI) keep the
// project's versions and aliases in <project>/.lwb/versions.git.
void attachVersions(Engine &engine, const EngineExtensionContext &context)
{
    if (context.projectDir.isEmpty()) {
        return;
    }
    QString error;
    if (!engine.openVersionStore(VersionStore::defaultRepositoryPath(context.projectDir), &error)) {
        JournalRecord rec;
        rec.kind = JournalKind::Warning;
        rec.data = {{"message", ss(u"Versions are kept in a temporary store: "_s + error)}};
        engine.journal()->append(std::move(rec));
    }
}

void attachVersionsApi(InvokeApiServer &server, const EngineExtensionContext &)
{
    QPointer<Engine> engine(server.engine());
    server.addRoute([engine](const HttpRequest &request, HttpResponder &responder) {
        return engine && VersionsApi::handle(*engine, request, responder);
    });
}

const EngineExtensionRegistration versionsRegistration({u"versions"_s, -10, attachVersions,
                                                        attachVersionsApi});

} // namespace

bool VersionsApi::handle(Engine &engine, const HttpRequest &request, HttpResponder &responder)
{
    const QStringList parts = RestJson::segments(request);
    if (parts.size() < 4 || parts.size() > 5 || parts.at(0) != u"2015-03-31"_s ||
        parts.at(1) != u"functions"_s) {
        return false;
    }
    const QString &kind = parts.at(3);
    const QByteArray &method = request.method;
    enum class Op {
        None,
        Publish,
        ListVersions,
        CreateAlias,
        ListAliases,
        GetAlias,
        UpdateAlias,
        DeleteAlias
    };
    Op op = Op::None;
    if (kind == u"versions"_s && parts.size() == 4) {
        op = method == "POST" ? Op::Publish : method == "GET" ? Op::ListVersions : Op::None;
    } else if (kind == u"aliases"_s && parts.size() == 4) {
        op = method == "POST" ? Op::CreateAlias : method == "GET" ? Op::ListAliases : Op::None;
    } else if (kind == u"aliases"_s) {
        op = method == "GET"      ? Op::GetAlias
             : method == "PUT"    ? Op::UpdateAlias
             : method == "DELETE" ? Op::DeleteAlias
                                  : Op::None;
    }
    if (op == Op::None) {
        return false;
    }
    const std::optional<QString> name = functionName(engine, parts.at(2), responder);
    if (!name) {
        return true;
    }
    VersionError error;
    switch (op) {
    case Op::Publish:
        publishVersion(engine, *name, request, responder);
        break;
    case Op::ListVersions:
        listVersions(engine, *name, request, responder);
        break;
    case Op::CreateAlias:
        createAlias(engine, *name, request, responder);
        break;
    case Op::ListAliases:
        listAliases(engine, *name, request, responder);
        break;
    case Op::GetAlias:
        if (const auto alias = engine.versionStore()->alias(*name, parts.at(4), &error)) {
            responder.send(RestJson::ok(200, aliasConfiguration(engine, *alias)));
        } else {
            responder.send(RestJson::error(error));
        }
        break;
    case Op::UpdateAlias:
        updateAlias(engine, *name, parts.at(4), request, responder);
        break;
    case Op::DeleteAlias:
        // Deleting an alias that does not exist succeeds, as on Lambda.
        if (engine.deleteAlias(*name, parts.at(4), &error) ||
            error.code == VersionErrorCode::NotFound) {
            responder.send(RestJson::noContent());
        } else {
            responder.send(RestJson::error(error));
        }
        break;
    case Op::None:
        break;
    }
    return true;
}

nlohmann::ordered_json VersionsApi::functionConfiguration(const Engine &engine,
                                                          const FunctionConfig &config,
                                                          const PublishedVersion &version)
{
    ojson c = baseConfiguration(engine, config, version.version);
    c["CodeSize"] = version.codeSize;
    c["Description"] = ss(version.description.isEmpty() ? config.description : version.description);
    c["LastModified"] = ss(version.lastModified());
    c["CodeSha256"] = ss(version.codeSha256);
    c["Version"] = ss(version.version);
    c["RevisionId"] = ss(version.revisionId);
    finishConfiguration(engine, config, c);
    return c;
}

nlohmann::ordered_json VersionsApi::latestConfiguration(const Engine &engine,
                                                        const FunctionConfig &config)
{
    ojson c = baseConfiguration(engine, config, {});
    qint64 size = 0;
    QString sha = zipCodeSha256(config);
    const QFileInfo zip(config.codeDir + u".zip"_s);
    if (sha.isEmpty() || !zip.isFile()) {
        sha = VersionStore::computeCodeSha256(config.codeDir, &size).value_or(QString());
    } else {
        size = zip.size(); // Lambda's CodeSize is the zip's
    }
    c["CodeSize"] = size;
    c["Description"] = ss(config.description);
    c["LastModified"] =
        ss(QFileInfo(config.codeDir).lastModified().toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s) +
           u"+0000"_s);
    c["CodeSha256"] = ss(sha);
    c["Version"] = "$LATEST";
    const QByteArray state =
        QByteArray::fromStdString(FunctionConfigJson::toJson(config).dump()) + sha.toLatin1();
    c["RevisionId"] = ss(QUuid::createUuidV5(QUuid(), state).toString(QUuid::WithoutBraces));
    finishConfiguration(engine, config, c);
    return c;
}

nlohmann::ordered_json VersionsApi::aliasConfiguration(const Engine &engine,
                                                       const AliasConfig &alias)
{
    ojson a;
    a["AliasArn"] = ss(functionArn(engine, alias.function, alias.name));
    a["Name"] = ss(alias.name);
    a["FunctionVersion"] = ss(alias.functionVersion);
    a["Description"] = ss(alias.description);
    if (!alias.additionalVersionWeights.isEmpty()) {
        ojson weights = ojson::object();
        for (auto it = alias.additionalVersionWeights.cbegin();
             it != alias.additionalVersionWeights.cend(); ++it) {
            weights[ss(it.key())] = it.value();
        }
        a["RoutingConfig"] = {{"AdditionalVersionWeights", weights}};
    }
    a["RevisionId"] = ss(alias.revisionId);
    return a;
}

} // namespace Lwb
