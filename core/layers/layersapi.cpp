// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/layersapi.h"

#include "api/engineextensions.h"
#include "api/invokeapiserver.h"
#include "engine/engine.h"
#include "engine/journal.h"
#include "http/httprequest.h"
#include "http/httpresponder.h"
#include "http/httpserver.h"
#include "versions/restjson.h"

#include <QtCore/QPointer>
#include <QtCore/QRegularExpression>
#include <QtCore/QUrl>

using namespace Qt::StringLiterals;
using ojson = nlohmann::ordered_json;

namespace Lwb {

namespace {

constexpr int kMaxLayerListItems = 50;

std::string ss(const QString &s)
{
    return s.toStdString();
}

ojson stringList(const QStringList &list)
{
    ojson out = ojson::array();
    for (const QString &s : list) {
        out.push_back(ss(s));
    }
    return out;
}

/** CompatibleRuntimes, LicenseInfo, CompatibleArchitectures: present only when set. */
void setOptional(ojson &out, const LayerVersion &v)
{
    if (!v.compatibleRuntimes.isEmpty()) {
        out["CompatibleRuntimes"] = stringList(v.compatibleRuntimes);
    }
    if (!v.licenseInfo.isEmpty()) {
        out["LicenseInfo"] = ss(v.licenseInfo);
    }
    if (!v.compatibleArchitectures.isEmpty()) {
        out["CompatibleArchitectures"] = stringList(v.compatibleArchitectures);
    }
}

bool matches(const LayerVersion &v, const QString &runtime, const QString &architecture)
{
    return (runtime.isEmpty() || v.compatibleRuntimes.contains(runtime)) &&
           (architecture.isEmpty() || v.compatibleArchitectures.contains(architecture));
}

void invalid(HttpResponder &responder, const QString &message)
{
    responder.send(RestJson::error(400, u"InvalidParameterValueException"_s, message));
}

/** A string list member (CompatibleRuntimes…); nullopt after answering a malformed one. */
std::optional<QStringList> stringListMember(const nlohmann::json &body, const char *member,
                                            HttpResponder &responder)
{
    QStringList out;
    const auto it = body.find(member);
    if (it == body.end() || it->is_null()) {
        return out;
    }
    if (!it->is_array()) {
        invalid(responder, u"1 validation error detected: Value at '%1' failed to satisfy "
                           "constraint: Member must be a list"_s.arg(QString::fromLatin1(member)));
        return std::nullopt;
    }
    for (const auto &item : *it) {
        if (!item.is_string()) {
            invalid(responder, u"1 validation error detected: Value at '%1' failed to satisfy "
                               "constraint: Member must be a list of strings"_s.arg(
                                   QString::fromLatin1(member)));
            return std::nullopt;
        }
        out << QString::fromStdString(item.get<std::string>());
    }
    return out;
}

void publish(LayerStore &store, const QString &name, const HttpRequest &request,
             HttpResponder &responder)
{
    const std::optional<nlohmann::json> body =
        RestJson::body(request, responder, u"PublishLayerVersion"_s);
    if (!body) {
        return;
    }
    const auto content = body->find("Content");
    if (content == body->end() || !content->is_object()) {
        responder.send(RestJson::error(400, u"ValidationException"_s,
                                       u"1 validation error detected: Value null at 'content' "
                                       "failed to satisfy constraint: Member must not be null"_s));
        return;
    }
    const std::optional<QString> zipText = RestJson::string(*content, "ZipFile");
    if (!zipText || zipText->isEmpty()) {
        invalid(responder, content->contains("S3Bucket")
                               ? u"Layer content from S3 is not available locally: upload the "
                                 "zip with Content.ZipFile."_s
                               : u"Please provide a ZipFile for the layer content."_s);
        return;
    }
    const auto zip = QByteArray::fromBase64Encoding(zipText->toLatin1(),
                                                    QByteArray::AbortOnBase64DecodingErrors);
    if (!zip) {
        invalid(responder, u"Could not unzip uploaded file. Please check your file, then try to "
                           "upload again."_s);
        return;
    }
    LayerVersion details;
    const std::optional<QString> description = RestJson::string(*body, "Description");
    const std::optional<QString> license = RestJson::string(*body, "LicenseInfo");
    if (!description || !license) {
        invalid(responder, u"1 validation error detected: Value at '%1' failed to satisfy "
                           "constraint: Member must be a string"_s.arg(
                               description ? u"licenseInfo"_s : u"description"_s));
        return;
    }
    details.description = *description;
    details.licenseInfo = *license;
    const std::optional<QStringList> runtimes =
        stringListMember(*body, "CompatibleRuntimes", responder);
    if (!runtimes) {
        return;
    }
    const std::optional<QStringList> architectures =
        stringListMember(*body, "CompatibleArchitectures", responder);
    if (!architectures) {
        return;
    }
    for (const QString &architecture : *architectures) {
        if (architecture != u"x86_64"_s && architecture != u"arm64"_s) {
            invalid(responder, u"1 validation error detected: Value '[%1]' at "
                               "'compatibleArchitectures' failed to satisfy constraint: Member "
                               "must satisfy constraint: [Member must satisfy enum value set: "
                               "[x86_64, arm64]]"_s.arg(architectures->join(u", "_s)));
            return;
        }
    }
    details.compatibleRuntimes = *runtimes;
    details.compatibleArchitectures = *architectures;
    VersionError error;
    const std::optional<LayerVersion> version = store.publish(name, zip.decoded, details, &error);
    responder.send(version ? RestJson::ok(201, LayersApi::layerVersion(store, *version))
                           : RestJson::error(error));
}

void listVersions(LayerStore &store, const QString &name, const HttpRequest &request,
                  HttpResponder &responder)
{
    const QString runtime = request.queryItemValue(u"CompatibleRuntime"_s);
    const QString architecture = request.queryItemValue(u"CompatibleArchitecture"_s);
    std::vector<LayerVersion> versions;
    for (LayerVersion &v : store.versions(name)) {
        if (matches(v, runtime, architecture)) {
            versions.push_back(std::move(v));
        }
    }
    const qsizetype total = qsizetype(versions.size());
    const auto page = RestJson::page(request, responder, total, kMaxLayerListItems);
    if (!page) {
        return;
    }
    ojson list = ojson::array();
    for (qsizetype i = page->first; i < page->first + page->count; ++i) {
        list.push_back(LayersApi::listItem(store, versions[std::size_t(i)]));
    }
    ojson body;
    RestJson::setNextMarker(body, *page, total);
    body["LayerVersions"] = list;
    responder.send(RestJson::ok(200, body));
}

void listLayers(LayerStore &store, const HttpRequest &request, HttpResponder &responder)
{
    const QString runtime = request.queryItemValue(u"CompatibleRuntime"_s);
    const QString architecture = request.queryItemValue(u"CompatibleArchitecture"_s);
    std::vector<LayerVersion> latest;
    for (const QString &name : store.layers()) {
        for (LayerVersion &v : store.versions(name)) {
            if (matches(v, runtime, architecture)) {
                latest.push_back(std::move(v));
                break;
            }
        }
    }
    const qsizetype total = qsizetype(latest.size());
    const auto page = RestJson::page(request, responder, total, kMaxLayerListItems);
    if (!page) {
        return;
    }
    ojson list = ojson::array();
    for (qsizetype i = page->first; i < page->first + page->count; ++i) {
        const LayerVersion &v = latest[std::size_t(i)];
        ojson item;
        item["LayerName"] = ss(v.name);
        item["LayerArn"] = ss(store.layerArn(v.name));
        item["LatestMatchingVersion"] = LayersApi::listItem(store, v);
        list.push_back(item);
    }
    ojson body;
    RestJson::setNextMarker(body, *page, total);
    body["Layers"] = list;
    responder.send(RestJson::ok(200, body));
}

std::optional<qint64> versionNumber(const QString &text, HttpResponder &responder)
{
    bool ok = false;
    const qint64 number = text.toLongLong(&ok);
    if (!ok) {
        invalid(responder, u"1 validation error detected: Value '%1' at 'versionNumber' failed to "
                           "satisfy constraint: Member must be a number"_s.arg(text));
        return std::nullopt;
    }
    return number;
}

void getByArn(LayerStore &store, const HttpRequest &request, HttpResponder &responder)
{
    static const QRegularExpression pattern(
        u"^arn:[a-zA-Z0-9-]+:lambda:([a-zA-Z0-9-]+):(\\d{12}):layer:([a-zA-Z0-9-_]+):([0-9]+)$"_s);
    const QString arn = request.queryItemValue(u"Arn"_s);
    const QRegularExpressionMatch m = pattern.match(arn);
    if (!m.hasMatch()) {
        invalid(responder,
                u"1 validation error detected: Value '%1' at 'arn' failed to satisfy "
                "constraint: Member must satisfy regular expression pattern: "
                "arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+"_s.arg(
                    arn));
        return;
    }
    VersionError error;
    std::optional<LayerVersion> v;
    if (store.layerArn(m.captured(3)) == arn.section(u':', 0, 6)) {
        v = store.version(m.captured(3), m.captured(4).toLongLong(), &error);
    } else {
        error = {VersionErrorCode::NotFound, u"The resource you requested does not exist."_s};
    }
    responder.send(v ? RestJson::ok(200, LayersApi::layerVersion(store, *v))
                     : RestJson::error(error));
}

// Hosts that call EngineExtensions::attachAll() keep published layers in <project>/.lwb/layers
// and let the engine mount the layers functions name by ARN.
void attachLayers(Engine &engine, const EngineExtensionContext &context)
{
    auto *store = new LayerStore(&engine);
    store->setAccount(engine.options().region, engine.options().accountId);
    QString error;
    const QString root =
        context.projectDir.isEmpty() ? QString() : LayerStore::defaultPath(context.projectDir);
    if (!store->open(root, &error) && (root.isEmpty() || !store->open({}, &error))) {
        JournalRecord rec;
        rec.kind = JournalKind::Warning;
        rec.data = {{"message", ss(u"Layers cannot be published: "_s + error)}};
        engine.journal()->append(std::move(rec));
        delete store;
        return;
    }
    store->install(engine);
}

void attachLayersApi(InvokeApiServer &server, const EngineExtensionContext &)
{
    QPointer<LayerStore> store =
        server.engine() ? server.engine()->findChild<LayerStore *>() : nullptr;
    if (!store) {
        return;
    }
    // PublishLayerVersion carries up to 50 MB of zip in base64; Invoke keeps its own limits.
    HttpServer *http = server.httpServer();
    http->setMaxBodyBytes(std::max(http->maxBodyBytes(), LayersApi::kMaxRequestBytes));
    server.addRoute([store](const HttpRequest &request, HttpResponder &responder) {
        return store && LayersApi::handle(*store, request, responder);
    });
}

const EngineExtensionRegistration layersRegistration({u"layers"_s, -10, attachLayers,
                                                      attachLayersApi});

} // namespace

bool LayersApi::handle(LayerStore &store, const HttpRequest &request, HttpResponder &responder)
{
    const QStringList parts = RestJson::segments(request);
    if (parts.size() < 2 || parts.size() > 5 || parts.at(0) != u"2018-10-31"_s ||
        parts.at(1) != u"layers"_s) {
        return false;
    }
    const QByteArray &method = request.method;
    if (parts.size() == 2) {
        if (method != "GET") {
            return false;
        }
        if (request.queryItemValue(u"find"_s) == u"LayerVersion"_s) {
            getByArn(store, request, responder);
        } else {
            listLayers(store, request, responder);
        }
        return true;
    }
    if (parts.size() == 3 || parts.at(3) != u"versions"_s) {
        return false;
    }
    const bool isList = parts.size() == 4;
    if ((isList && method != "POST" && method != "GET") ||
        (!isList && method != "GET" && method != "DELETE")) {
        return false;
    }
    VersionError error;
    const std::optional<QString> name = store.layerName(parts.at(2), &error);
    if (!name) {
        if (isList && method == "GET" && error.code == VersionErrorCode::NotFound) {
            responder.send(RestJson::ok(200, ojson{{"LayerVersions", ojson::array()}}));
        } else {
            responder.send(RestJson::error(error));
        }
        return true;
    }
    if (isList) {
        if (method == "POST") {
            publish(store, *name, request, responder);
        } else {
            listVersions(store, *name, request, responder);
        }
        return true;
    }
    const std::optional<qint64> number = versionNumber(parts.at(4), responder);
    if (!number) {
        return true;
    }
    if (method == "DELETE") {
        responder.send(store.deleteVersion(*name, *number, &error) ? RestJson::noContent()
                                                                   : RestJson::error(error));
        return true;
    }
    const std::optional<LayerVersion> v = store.version(*name, *number, &error);
    responder.send(v ? RestJson::ok(200, layerVersion(store, *v)) : RestJson::error(error));
    return true;
}

nlohmann::ordered_json LayersApi::layerVersion(const LayerStore &store, const LayerVersion &version)
{
    ojson out;
    out["Content"] = {{"Location", ss(QUrl::fromLocalFile(version.contentDir).toString())},
                      {"CodeSha256", ss(version.codeSha256)},
                      {"CodeSize", version.codeSize}};
    out["LayerArn"] = ss(store.layerArn(version.name));
    out["LayerVersionArn"] = ss(store.layerVersionArn(version.name, version.version));
    out["Description"] = ss(version.description);
    out["CreatedDate"] = ss(version.createdDate());
    out["Version"] = version.version;
    setOptional(out, version);
    return out;
}

nlohmann::ordered_json LayersApi::listItem(const LayerStore &store, const LayerVersion &version)
{
    ojson out;
    out["LayerVersionArn"] = ss(store.layerVersionArn(version.name, version.version));
    out["Version"] = version.version;
    out["Description"] = ss(version.description);
    out["CreatedDate"] = ss(version.createdDate());
    setOptional(out, version);
    return out;
}

} // namespace Lwb
