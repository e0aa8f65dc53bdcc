// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/controlplane.h"

#include "api/engineextensions.h"
#include "api/functionarn.h"
#include "api/invokeapiserver.h"
#include "control/zippackage.h"
#include "engine/engine.h"
#include "engine/executionenvironment.h"
#include "engine/ids.h"
#include "engine/journal.h"
#include "engine/runtimecatalogue.h"
#include "engine/scheduler.h"
#include "http/httprequest.h"
#include "http/httpresponder.h"
#include "http/httpresponse.h"
#include "http/httpserver.h"
#include "layers/layerstore.h"
#include "model/functionlimits.h"
#include "versions/versionerror.h"
#include "versions/versionsapi.h"
#include "versions/versionstore.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QLoggingCategory>
#include <QtCore/QRegularExpression>
#include <QtCore/QSet>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtCore/QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;
using nlohmann::json;
using nlohmann::ordered_json;

Q_LOGGING_CATEGORY(lcControl, "lwb.core.control")

namespace Lwb {

namespace {

/** An answer other than success, thrown inside an operation and sent by handle(). */
struct ApiError
{
    int status;
    QString code;
    QString message;
};

[[noreturn]] void raise(int status, const QString &code, const QString &message)
{
    throw ApiError{status, code, message};
}

[[noreturn]] void invalidParameter(const QString &message)
{
    raise(400, u"InvalidParameterValueException"_s, message);
}

[[noreturn]] void validation(const QString &message)
{
    raise(400, u"ValidationException"_s, u"1 validation error detected: "_s + message);
}

[[noreturn]] void notNull(const QString &member)
{
    validation(
        u"Value null at '%1' failed to satisfy constraint: Member must not be null"_s.arg(member));
}

std::string s(const QString &text)
{
    return text.toStdString();
}

QString jsonText(const json &value)
{
    return QString::fromStdString(value.dump());
}

// Typed members of a request body. A member of the wrong JSON type is a body the service
// could not read, as AWS reports it.
std::optional<QString> stringMember(const json &body, const char *key)
{
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_string()) {
        raise(400, u"InvalidRequestContentException"_s,
              u"Could not parse request body into json: '%1' must be a string"_s.arg(
                  QString::fromLatin1(key)));
    }
    return QString::fromStdString(it->get<std::string>());
}

std::optional<qint64> intMember(const json &body, const char *key)
{
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_number_integer()) {
        raise(400, u"InvalidRequestContentException"_s,
              u"Could not parse request body into json: '%1' must be an integer"_s.arg(
                  QString::fromLatin1(key)));
    }
    return it->get<qint64>();
}

std::optional<bool> boolMember(const json &body, const char *key)
{
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_boolean()) {
        raise(400, u"InvalidRequestContentException"_s,
              u"Could not parse request body into json: '%1' must be a boolean"_s.arg(
                  QString::fromLatin1(key)));
    }
    return it->get<bool>();
}

const json *objectMember(const json &body, const char *key)
{
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) {
        return nullptr;
    }
    if (!it->is_object()) {
        raise(400, u"InvalidRequestContentException"_s,
              u"Could not parse request body into json: '%1' must be an object"_s.arg(
                  QString::fromLatin1(key)));
    }
    return &*it;
}

const json *arrayMember(const json &body, const char *key)
{
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) {
        return nullptr;
    }
    if (!it->is_array()) {
        raise(400, u"InvalidRequestContentException"_s,
              u"Could not parse request body into json: '%1' must be a list"_s.arg(
                  QString::fromLatin1(key)));
    }
    return &*it;
}

/** Answers a broken limit (core/model/FunctionLimits) as the API does. */
void check(const FunctionLimits::Result &violation)
{
    if (!violation) {
        return;
    }
    if (violation->errorType == u"ValidationException"_s) {
        validation(violation->message);
    }
    raise(400, violation->errorType, violation->message);
}

int checkRange(qint64 value, qint64 min, qint64 max, const QString &member)
{
    check(FunctionLimits::range(value, {min, max}, member));
    return int(value);
}

void checkLength(const QString &value, int max, const QString &member)
{
    check(FunctionLimits::maxLength(value, max, member));
}

void checkPattern(const QString &value, const QString &pattern, const QString &member)
{
    check(FunctionLimits::pattern(value, pattern, member));
}

void checkEnum(const QString &value, const QStringList &values, const QString &member)
{
    check(FunctionLimits::enumValue(value, values, member));
}

const QString kStatementIdPattern = u"([a-zA-Z0-9-_.]+)"_s;
const QString kActionPattern = u"(lambda:[*]|lambda:[a-zA-Z]+|[*])"_s;


/** The request path, still percent-encoded, without the query (absolute-form too). */
QByteArray rawPath(const QByteArray &target)
{
    QByteArray path = target;
    if (!path.startsWith('/')) {
        const qsizetype scheme = path.indexOf("://");
        if (scheme >= 0) {
            const qsizetype slash = path.indexOf('/', scheme + 3);
            path = slash >= 0 ? path.mid(slash) : QByteArray("/");
        }
    }
    const qsizetype query = path.indexOf('?');
    return query >= 0 ? path.left(query) : path;
}

QString decode(const QByteArray &segment)
{
    return QString::fromUtf8(QByteArray::fromPercentEncoding(segment));
}

enum class Operation {
    None,
    CreateFunction,
    ListFunctions,
    GetFunction,
    GetFunctionConfiguration,
    DeleteFunction,
    UpdateFunctionCode,
    UpdateFunctionConfiguration,
    AddPermission,
    GetPolicy,
    RemovePermission,
    PutFunctionConcurrency,
    GetFunctionConcurrency,
    DeleteFunctionConcurrency,
    PutProvisionedConcurrencyConfig,
    GetProvisionedConcurrencyConfig,
    DeleteProvisionedConcurrencyConfig,
    PutFunctionEventInvokeConfig,
    UpdateFunctionEventInvokeConfig,
    GetFunctionEventInvokeConfig,
    DeleteFunctionEventInvokeConfig,
    GetAccountSettings,
    ListTags,
    TagResource,
    UntagResource,
};

QString operationName(Operation op)
{
    switch (op) {
    case Operation::CreateFunction:
        return u"CreateFunction"_s;
    case Operation::ListFunctions:
        return u"ListFunctions"_s;
    case Operation::GetFunction:
        return u"GetFunction"_s;
    case Operation::GetFunctionConfiguration:
        return u"GetFunctionConfiguration"_s;
    case Operation::DeleteFunction:
        return u"DeleteFunction"_s;
    case Operation::UpdateFunctionCode:
        return u"UpdateFunctionCode"_s;
    case Operation::UpdateFunctionConfiguration:
        return u"UpdateFunctionConfiguration"_s;
    case Operation::AddPermission:
        return u"AddPermission"_s;
    case Operation::GetPolicy:
        return u"GetPolicy"_s;
    case Operation::RemovePermission:
        return u"RemovePermission"_s;
    case Operation::PutFunctionConcurrency:
        return u"PutFunctionConcurrency"_s;
    case Operation::GetFunctionConcurrency:
        return u"GetFunctionConcurrency"_s;
    case Operation::DeleteFunctionConcurrency:
        return u"DeleteFunctionConcurrency"_s;
    case Operation::PutProvisionedConcurrencyConfig:
        return u"PutProvisionedConcurrencyConfig"_s;
    case Operation::GetProvisionedConcurrencyConfig:
        return u"GetProvisionedConcurrencyConfig"_s;
    case Operation::DeleteProvisionedConcurrencyConfig:
        return u"DeleteProvisionedConcurrencyConfig"_s;
    case Operation::PutFunctionEventInvokeConfig:
        return u"PutFunctionEventInvokeConfig"_s;
    case Operation::UpdateFunctionEventInvokeConfig:
        return u"UpdateFunctionEventInvokeConfig"_s;
    case Operation::GetFunctionEventInvokeConfig:
        return u"GetFunctionEventInvokeConfig"_s;
    case Operation::DeleteFunctionEventInvokeConfig:
        return u"DeleteFunctionEventInvokeConfig"_s;
    case Operation::GetAccountSettings:
        return u"GetAccountSettings"_s;
    case Operation::ListTags:
        return u"ListTags"_s;
    case Operation::TagResource:
        return u"TagResource"_s;
    case Operation::UntagResource:
        return u"UntagResource"_s;
    case Operation::None:
        break;
    }
    return {};
}

/** One method → operation pair of a path. */
struct MethodOp
{
    QByteArrayView method;
    Operation op;
};

/** The operation a path names, given its method; `None` with @p known when the path is ours. */
Operation pick(const QByteArray &method, std::initializer_list<MethodOp> ops, bool *known,
               QByteArray *allowed)
{
    *known = true;
    for (const MethodOp &m : ops) {
        if (!allowed->isEmpty()) {
            *allowed += ", ";
        }
        *allowed += m.method.toByteArray();
    }
    for (const MethodOp &m : ops) {
        if (method == m.method) {
            return m.op;
        }
    }
    return Operation::None;
}

/** The function's ARN region must be this engine's (as Lambda answers for another region). */
QString notFoundMessage(const QString &arn)
{
    return u"Function not found: "_s + arn;
}

const QString kRevisionMismatch =
    u"The Revision Id provided does not match the latest Revision Id. Call the GetFunction/"
    "GetAlias API to retrieve the latest Revision Id"_s;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

/** Removes a file, a link, or a folder with everything in it. */
void removePath(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir() && !info.isSymLink()) {
        QDir(path).removeRecursively();
    } else {
        QFile::remove(path);
    }
}

/** Provisioned concurrency's LastModified: `2026-11-27T15:00:00+0000`. */
QString secondsTimestamp(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss"_s) +
           u"+0000"_s;
}

} // namespace

/** One request on its way through an operation. */
struct ControlPlane::Call
{
    explicit Call(const HttpRequest &request) : http(request) {}

    const HttpRequest &http;
    Operation op = Operation::None;
    QString requestId;
    QString rawName;     ///< the FunctionName path label, decoded
    QString name;        ///< the function's name (from a name or an ARN)
    QString qualifier;   ///< from the name's suffix or ?Qualifier=
    QString subResource; ///< StatementId, or the ARN of a tags call, or a code file
    json body = json::object();
};

ControlPlane::ControlPlane(Engine *engine, const QString &projectDir, QObject *parent)
    : QObject(parent), m_engine(engine), m_projectDir(projectDir), m_startedMs(nowMs())
{
    if (!projectDir.isEmpty()) {
        QString error;
        if (!m_store.open(ControlStore::pathForProject(projectDir), &error)) {
            warn(u"Functions created through the Lambda API are not persisted: "_s + error);
        }
    }
    if (!m_store.isOpen()) {
        m_scratch = std::make_unique<QTemporaryDir>();
    }
}

ControlPlane::~ControlPlane() = default;

QString ControlPlane::codeRoot() const
{
    if (m_store.isOpen()) {
        return ControlStore::codeRoot(m_projectDir);
    }
    return m_scratch ? m_scratch->path() : QString();
}

QString ControlPlane::region() const
{
    return m_engine ? m_engine->options().region : u"us-east-1"_s;
}

QString ControlPlane::accountId() const
{
    return m_engine ? m_engine->options().accountId : u"123456789012"_s;
}

QString ControlPlane::functionArn(const QString &name, const QString &qualifier) const
{
    return FunctionArn::arn(region(), accountId(), name, qualifier);
}

void ControlPlane::warn(const QString &message)
{
    qCWarning(lcControl, "%s", qPrintable(message));
    m_warnings.append(message);
    if (m_engine) {
        JournalRecord record;
        record.kind = JournalKind::Warning;
        record.data = {{"message", s(message)}};
        m_engine->journal()->append(std::move(record));
    }
}

void ControlPlane::loadStored()
{
    if (!m_engine || !m_store.isOpen()) {
        return;
    }
    QStringList problems;
    std::vector<FunctionRecord> stored = m_store.load(&problems);
    for (const QString &problem : problems) {
        warn(problem);
    }
    std::vector<FunctionConfig> functions = m_engine->functions();
    QSet<QString> kept;
    for (FunctionRecord &record : stored) {
        if (m_engine->function(record.name())) {
            warn(u"%1: a function created through the Lambda API has the name of a function of "
                 "the template; the template's function is served"_s.arg(record.name()));
            continue;
        }
        if (!QFileInfo(record.config.codeDir).isDir()) {
            warn(u"%1: the function's code folder %2 is gone; the function is not served"_s.arg(
                record.name(), record.config.codeDir));
            continue;
        }
        kept.insert(record.name());
        functions.push_back(record.config);
        m_records.insert_or_assign(record.name(), std::move(record));
    }
    if (!kept.isEmpty()) {
        m_engine->setFunctions(functions);
    }
    // Provisioned concurrency set through the API comes back too, once every extension (the
    // project's version store among them) is attached.
    QTimer::singleShot(0, this, [this] {
        for (const auto &[name, record] : m_records) {
            for (auto it = record.eventInvokeConfigs.cbegin(); it != record.eventInvokeConfigs.cend(); ++it) {
                if (!it.key().isEmpty() && it.key() != u"$LATEST"_s) {
                    m_engine->setAsyncConfig(name, it.key(), record.asyncConfigFor(*it));
                }
            }
            for (auto it = record.provisioned.cbegin(); it != record.provisioned.cend(); ++it) {
                if (it.key() != record.config.autoPublishAlias) {
                    QString error;
                    if (!m_engine->setProvisionedConcurrency(name, it.key(), it->requested, &error)) {
                        warn(name + u": provisioned concurrency not restored: "_s + error);
                    }
                }
            }
        }
    });

    // Code folders that no stored function uses any more (an interrupted update, or the code
    // of a template function changed through the API in an earlier run).
    QDir root(codeRoot());
    for (const QString &entry : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const auto it = m_records.find(entry);
        if (it == m_records.end()) {
            if (!kept.contains(entry)) {
                QDir(root.filePath(entry)).removeRecursively();
            }
            continue;
        }
        QDir functionDir(root.filePath(entry));
        const QFileInfoList items =
            functionDir.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System);
        for (const QFileInfo &item : items) {
            const QString path = item.absoluteFilePath();
            if (QDir(path) == QDir(it->second.config.codeDir) ||
                path == QFileInfo(it->second.codeZipPath).absoluteFilePath()) {
                continue;
            }
            removePath(path);
        }
    }
}

void ControlPlane::attachTo(InvokeApiServer *server)
{
    m_server = server;
    HttpServer *http = server->httpServer();
    // Code uploads are larger than any invocation; InvokeApiServer checks the 6 MB invoke
    // limit on the body itself, so raising the server's limit keeps Invoke's answers.
    http->setMaxBodyBytes(std::max(http->maxBodyBytes(), kMaxCodeRequestBytes + 1));
    QPointer<ControlPlane> self(this);
    server->addRoute([self](const HttpRequest &request, HttpResponder &responder) {
        return self && self->handle(request, responder);
    });
}

FunctionRecord *ControlPlane::lookup(const QString &name)
{
    if (!m_engine) {
        return nullptr;
    }
    const FunctionConfig *live = m_engine->function(name);
    const QString key = live ? live->functionName : name;
    auto it = m_records.find(key);
    if (it == m_records.end()) {
        if (!live) {
            return nullptr;
        }
        // A function the engine had before us (the template's): described on first use.
        FunctionRecord record;
        record.origin = FunctionRecord::Origin::Template;
        record.config = *live;
        // The template's Role (an ARN or the name of its AWS::IAM::Role), else SAM's
        // generated <LogicalId>Role.
        if (live->role.startsWith(u"arn:"_s)) {
            record.role = live->role;
        } else {
            record.role = u"arn:aws:iam::%1:role/%2"_s.arg(
                accountId(), live->role.isEmpty() ? live->logicalId + u"Role"_s : live->role);
        }
        record.touch();
        record.lastModifiedMs = m_startedMs;
        if (!live->autoPublishAlias.isEmpty() && live->provisionedConcurrency > 0) {
            record.provisioned.insert(live->autoPublishAlias,
                                      {live->provisionedConcurrency, m_startedMs});
        }
        const AsyncInvokeConfig defaults;
        const AsyncInvokeConfig &async = live->asyncConfig;
        if (async.maximumRetryAttempts != defaults.maximumRetryAttempts ||
            async.maximumEventAgeSeconds != defaults.maximumEventAgeSeconds ||
            async.onSuccess.isSet() || async.onFailure.isSet()) {
            FunctionRecord::EventInvokeConfig e;
            e.maximumRetryAttempts = async.maximumRetryAttempts;
            e.maximumEventAgeSeconds = async.maximumEventAgeSeconds;
            e.onSuccess = async.onSuccess.target;
            e.onFailure = async.onFailure.target;
            e.lastModifiedMs = m_startedMs;
            record.eventInvokeConfigs.insert(u"$LATEST"_s, e);
        }
        record.deadLetterTargetArn = async.deadLetterQueue.target;
        it = m_records.emplace(key, std::move(record)).first;
    } else if (live) {
        // The engine's copy is the one that runs.
        it->second.config = *live;
    } else if (it->second.origin == FunctionRecord::Origin::Template) {
        m_records.erase(it);
        return nullptr;
    }
    return &it->second;
}

FunctionRecord &ControlPlane::requireFunction(const Call &call)
{
    FunctionRecord *record = lookup(call.name);
    if (!record) {
        raise(404, u"ResourceNotFoundException"_s, notFoundMessage(functionArn(call.name)));
    }
    return *record;
}

void ControlPlane::checkRevision(const FunctionRecord &record, const QString &revisionId) const
{
    if (!revisionId.isEmpty() && revisionId != record.revisionId) {
        raise(412, u"PreconditionFailedException"_s, kRevisionMismatch);
    }
}

void ControlPlane::ensureCodeHash(FunctionRecord &record)
{
    if (!record.codeSha256.isEmpty() || record.config.codeDir.isEmpty()) {
        return;
    }
    qint64 size = 0;
    const std::optional<QString> sha =
        VersionStore::computeCodeSha256(record.config.codeDir, &size);
    if (sha) {
        record.codeSha256 = *sha;
        record.codeSize = size;
    }
}

void ControlPlane::publish(const FunctionRecord &record)
{
    std::vector<FunctionConfig> functions = m_engine->functions();
    bool found = false;
    for (FunctionConfig &f : functions) {
        if (f.functionName == record.name()) {
            f = record.config;
            found = true;
        }
    }
    if (!found) {
        functions.push_back(record.config);
    }
    m_engine->setFunctions(functions);
}

void ControlPlane::unpublish(const QString &name)
{
    std::vector<FunctionConfig> functions = m_engine->functions();
    std::erase_if(functions, [&](const FunctionConfig &f) { return f.functionName == name; });
    m_engine->setFunctions(functions);
}

void ControlPlane::persist(const FunctionRecord &record)
{
    if (record.origin != FunctionRecord::Origin::Api || !m_store.isOpen()) {
        return;
    }
    if (!m_store.save(record)) {
        warn(u"%1: the function could not be stored: %2"_s.arg(record.name(), m_store.lastError()));
    }
}

bool ControlPlane::handle(const HttpRequest &http, HttpResponder &responder)
{
    QByteArray path = rawPath(http.target);
    if (path.size() > 1 && path.endsWith('/')) {
        path.chop(1);
    }
    const QList<QByteArray> seg = path.split('/');
    if (seg.size() < 3 || !seg.at(0).isEmpty()) {
        return false;
    }
    const QByteArray &method = http.method;
    Call call(http);
    bool known = false;
    QByteArray allowed;
    const QByteArray &api = seg.at(1);
    const bool functions = seg.at(2) == "functions";

    if (api == "2015-03-31" && functions && seg.size() == 3) {
        call.op =
            pick(method, {{"GET", Operation::ListFunctions}, {"POST", Operation::CreateFunction}},
                 &known, &allowed);
    } else if (functions && seg.size() >= 4 && !seg.at(3).isEmpty()) {
        call.rawName = decode(seg.at(3));
        const QList<QByteArray> rest = seg.mid(4);
        const QByteArray sub = rest.value(0);
        if (api == "2015-03-31") {
            if (rest.isEmpty()) {
                call.op =
                    pick(method,
                         {{"GET", Operation::GetFunction}, {"DELETE", Operation::DeleteFunction}},
                         &known, &allowed);
            } else if (rest.size() == 1 && sub == "configuration") {
                call.op = pick(method,
                               {{"GET", Operation::GetFunctionConfiguration},
                                {"PUT", Operation::UpdateFunctionConfiguration}},
                               &known, &allowed);
            } else if (rest.size() == 1 && sub == "code") {
                call.op = pick(method, {{"PUT", Operation::UpdateFunctionCode}}, &known, &allowed);
            } else if (rest.size() == 1 && sub == "policy") {
                call.op = pick(method,
                               {{"POST", Operation::AddPermission}, {"GET", Operation::GetPolicy}},
                               &known, &allowed);
            } else if (rest.size() == 2 && sub == "policy" && !rest.at(1).isEmpty()) {
                call.subResource = decode(rest.at(1));
                call.op = pick(method, {{"DELETE", Operation::RemovePermission}}, &known, &allowed);
            }
        } else if ((api == "2017-10-31" || api == "2019-09-30") && rest.size() == 1 &&
                   sub == "concurrency") {
            call.op = pick(method,
                           {{"PUT", Operation::PutFunctionConcurrency},
                            {"GET", Operation::GetFunctionConcurrency},
                            {"DELETE", Operation::DeleteFunctionConcurrency}},
                           &known, &allowed);
        } else if (api == "2019-09-30" && rest.size() == 1 && sub == "provisioned-concurrency") {
            call.op = pick(method,
                           {{"PUT", Operation::PutProvisionedConcurrencyConfig},
                            {"GET", Operation::GetProvisionedConcurrencyConfig},
                            {"DELETE", Operation::DeleteProvisionedConcurrencyConfig}},
                           &known, &allowed);
        } else if (api == "2019-09-25" && rest.size() == 1 && sub == "event-invoke-config") {
            call.op = pick(method,
                           {{"PUT", Operation::PutFunctionEventInvokeConfig},
                            {"POST", Operation::UpdateFunctionEventInvokeConfig},
                            {"GET", Operation::GetFunctionEventInvokeConfig},
                            {"DELETE", Operation::DeleteFunctionEventInvokeConfig}},
                           &known, &allowed);
        }
    } else if (api == "2016-08-19" && seg.at(2) == "account-settings" && seg.size() == 3) {
        call.op = pick(method, {{"GET", Operation::GetAccountSettings}}, &known, &allowed);
    } else if (api == "2017-03-31" && seg.at(2) == "tags" && seg.size() == 4) {
        call.subResource = decode(seg.at(3));
        call.op = pick(method,
                       {{"GET", Operation::ListTags},
                        {"POST", Operation::TagResource},
                        {"DELETE", Operation::UntagResource}},
                       &known, &allowed);
    }
    if (!known) {
        return false;
    }
    call.requestId = Ids::requestId();
    auto send = [&](HttpResponse response) {
        response.setHeader("x-amzn-RequestId", call.requestId.toUtf8());
        responder.send(std::move(response));
    };
    if (call.op == Operation::None) {
        HttpResponse response = InvokeApiServer::errorResponse(
            405, u"MethodNotAllowedException"_s,
            u"%1 does not take %2 (it takes %3)"_s.arg(
                QString::fromUtf8(path), QString::fromLatin1(method), QString::fromLatin1(allowed)),
            call.requestId);
        response.setHeader("Allow", allowed);
        send(std::move(response));
        return true;
    }
    if (!m_engine) {
        send(InvokeApiServer::errorResponse(
            500, u"ServiceException"_s, u"The Lambda service is shutting down."_s, call.requestId));
        return true;
    }

    try {
        send(dispatch(call));
    } catch (const ApiError &e) {
        send(InvokeApiServer::errorResponse(e.status, e.code, e.message, call.requestId));
    } catch (const json::exception &e) {
        send(InvokeApiServer::errorResponse(400, u"InvalidRequestContentException"_s,
                                            u"Could not parse request body into json: "_s +
                                                QString::fromUtf8(e.what()),
                                            call.requestId));
    } catch (const std::exception &e) {
        qCWarning(lcControl, "%s failed: %s", qPrintable(operationName(call.op)), e.what());
        send(InvokeApiServer::errorResponse(500, u"ServiceException"_s,
                                            u"Internal error: "_s + QString::fromUtf8(e.what()),
                                            call.requestId));
    }
    return true;
}

HttpResponse ControlPlane::dispatch(Call &call)
{
    const HttpRequest &http = call.http;
    const bool carriesCode =
        call.op == Operation::CreateFunction || call.op == Operation::UpdateFunctionCode;
    const qint64 limit = carriesCode ? kMaxCodeRequestBytes : kMaxRequestBytes;
    if (http.bodyTooLarge || http.body.size() > limit) {
        raise(413, u"RequestEntityTooLargeException"_s,
              u"Request must be smaller than %1 bytes for the %2 operation"_s.arg(limit).arg(
                  operationName(call.op)));
    }
    if (!http.body.trimmed().isEmpty()) {
        const QByteArray type = http.header("Content-Type").trimmed().toLower();
        const qsizetype semicolon = type.indexOf(';');
        const QByteArray mime = (semicolon >= 0 ? type.left(semicolon) : type).trimmed();
        // botocore sends application/json; be lenient with what a hand-written client sends,
        // but not with forms.
        if (mime.startsWith("multipart/") || mime == "application/x-www-form-urlencoded" ||
            mime.startsWith("image/") || mime == "application/xml" || mime == "text/xml") {
            raise(415, u"UnsupportedMediaTypeException"_s,
                  u"The content type '%1' is not supported; the Lambda API takes application/json"_s
                      .arg(QString::fromLatin1(mime)));
        }
        call.body = json::parse(http.body.constBegin(), http.body.constEnd(), nullptr, false);
        if (call.body.is_discarded()) {
            raise(400, u"InvalidRequestContentException"_s,
                  u"Could not parse request body into json: the body is not valid JSON"_s);
        }
        if (!call.body.is_object()) {
            raise(400, u"InvalidRequestContentException"_s,
                  u"Could not parse request body into json: the body must be a JSON object"_s);
        }
    }

    // The FunctionName label: a name, a partial or full ARN, maybe with a qualifier.
    if (!call.rawName.isEmpty()) {
        QString error;
        const std::optional<FunctionArn> arn = FunctionArn::parse(call.rawName, &error);
        if (!arn) {
            raise(400, u"ValidationException"_s, error);
        }
        if (!arn->region().isEmpty() && arn->region() != region()) {
            raise(404, u"ResourceNotFoundException"_s,
                  notFoundMessage(FunctionArn::arn(arn->region(), arn->accountId(), arn->name())));
        }
        call.name = arn->name();
        const QString queryQualifier = http.queryItemValue(u"Qualifier"_s);
        if (!FunctionArn::isValidQualifier(queryQualifier)) {
            validation(u"Value '%1' at 'qualifier' failed to satisfy constraint: Member must "
                       "satisfy regular expression pattern: %2"_s.arg(
                           queryQualifier, FunctionArn::qualifierPattern()));
        }
        if (arn->hasQualifier() && !queryQualifier.isEmpty() &&
            queryQualifier != arn->qualifier()) {
            invalidParameter(u"The derived qualifier from the function name does not match the "
                             "specified qualifier."_s);
        }
        call.qualifier = arn->hasQualifier() ? arn->qualifier() : queryQualifier;
    }

    switch (call.op) {
    case Operation::CreateFunction:
        return createFunction(call);
    case Operation::ListFunctions:
        return listFunctions(call);
    case Operation::GetFunction:
        return getFunction(call, false);
    case Operation::GetFunctionConfiguration:
        return getFunction(call, true);
    case Operation::DeleteFunction:
        return deleteFunction(call);
    case Operation::UpdateFunctionCode:
        return updateFunctionCode(call);
    case Operation::UpdateFunctionConfiguration:
        return updateFunctionConfiguration(call);
    case Operation::AddPermission:
        return addPermission(call);
    case Operation::GetPolicy:
        return getPolicy(call);
    case Operation::RemovePermission:
        return removePermission(call);
    case Operation::PutFunctionConcurrency:
    case Operation::GetFunctionConcurrency:
    case Operation::DeleteFunctionConcurrency:
        return functionConcurrency(call);
    case Operation::PutProvisionedConcurrencyConfig:
    case Operation::GetProvisionedConcurrencyConfig:
    case Operation::DeleteProvisionedConcurrencyConfig:
        return provisionedConcurrency(call);
    case Operation::PutFunctionEventInvokeConfig:
    case Operation::UpdateFunctionEventInvokeConfig:
    case Operation::GetFunctionEventInvokeConfig:
    case Operation::DeleteFunctionEventInvokeConfig:
        return eventInvokeConfig(call);
    case Operation::GetAccountSettings:
        return accountSettings(call);
    case Operation::ListTags:
    case Operation::TagResource:
    case Operation::UntagResource:
        return tags(call);
    case Operation::None:
        break;
    }
    raise(404, u"UnknownOperationException"_s, u"Unknown operation"_s);
}

// --- Functions --------------------------------------------------------------------------------

std::optional<nlohmann::ordered_json>
ControlPlane::versionConfiguration(const QString &name, const QString &version, QString *codeDir)
{
    VersionStore *store = m_engine->versionStore();
    if (!store) {
        return std::nullopt;
    }
    const std::optional<PublishedVersion> published = store->version(name, version);
    const std::optional<FunctionConfig> snapshot = store->runnableConfiguration(name, version);
    if (!published || !snapshot) {
        return std::nullopt;
    }
    if (codeDir) {
        *codeDir = snapshot->codeDir;
    }
    return VersionsApi::functionConfiguration(*m_engine, *snapshot, *published);
}

ordered_json ControlPlane::configurationOf(const FunctionRecord &record) const
{
    ordered_json configuration = record.configuration(region(), accountId());
    // Layer sizes come from the project's layers (core/layers), when it has them.
    const LayerStore *layers = m_engine ? m_engine->findChild<LayerStore *>() : nullptr;
    if (layers && configuration.contains("Layers")) {
        for (ordered_json &layer : configuration["Layers"]) {
            const QStringList parts =
                QString::fromStdString(layer["Arn"].get<std::string>()).split(u':');
            // arn:aws:lambda:<region>:<account>:layer:<name>:<version>
            if (parts.size() == 8 && parts.at(5) == u"layer"_s) {
                if (const auto version = layers->version(parts.at(6), parts.at(7).toLongLong())) {
                    layer["CodeSize"] = version->codeSize;
                }
            }
        }
    }
    return configuration;
}

HttpResponse ControlPlane::publishedAnswer(const FunctionRecord &record, int status)
{
    // Publish: the code and configuration just stored become a version (core/versions).
    VersionError error;
    const std::optional<PublishedVersion> published =
        m_engine->publishVersion(record.name(), record.config.description, {}, &error);
    if (!published) {
        raise(error.httpStatus(), error.awsErrorType(), error.message);
    }
    const std::optional<ordered_json> configuration =
        versionConfiguration(record.name(), published->version);
    if (!configuration) {
        raise(500, u"ServiceException"_s, u"The published version cannot be read back."_s);
    }
    return HttpResponse(status, QByteArray::fromStdString(configuration->dump()),
                        "application/json");
}

void ControlPlane::applyConfiguration(const json &body, FunctionRecord &record, bool creating)
{
    FunctionConfig &c = record.config;
    if (const auto role = stringMember(body, "Role")) {
        check(FunctionLimits::role(*role));
        record.role = *role;
        c.role = *role; // the function's identity in its sandbox (core/auth)
    }
    if (const auto runtime = stringMember(body, "Runtime")) {
        const QStringList known = m_engine->runtimes()->knownRuntimes();
        if (!known.contains(*runtime)) {
            checkEnum(*runtime, known, u"runtime"_s);
        }
        c.runtime = *runtime;
    }
    if (const auto handler = stringMember(body, "Handler")) {
        checkLength(*handler, 128, u"handler"_s);
        checkPattern(*handler, u"[^\\s]+"_s, u"handler"_s);
        c.handler = *handler;
    }
    if (const auto description = stringMember(body, "Description")) {
        check(FunctionLimits::description(*description));
        c.description = *description;
    }
    if (const auto timeout = intMember(body, "Timeout")) {
        check(FunctionLimits::timeout(*timeout));
        c.timeoutSeconds = int(*timeout);
    }
    if (const auto memory = intMember(body, "MemorySize")) {
        check(FunctionLimits::memorySize(*memory));
        c.memoryMb = int(*memory);
    }
    if (const json *storage = objectMember(body, "EphemeralStorage")) {
        const auto size = intMember(*storage, "Size");
        if (!size) {
            notNull(u"ephemeralStorage.size"_s);
        }
        check(FunctionLimits::ephemeralStorageSize(*size));
        c.ephemeralStorageMb = int(*size);
    }
    if (const json *architectures = arrayMember(body, "Architectures")) {
        if (architectures->size() != 1) {
            validation(u"Value '%1' at 'architectures' failed to satisfy constraint: Member must "
                       "have length less than or equal to 1, and greater than or equal to 1"_s.arg(
                           jsonText(*architectures)));
        }
        const QString arch = architectures->at(0).is_string()
                                 ? QString::fromStdString(architectures->at(0).get<std::string>())
                                 : QString();
        check(FunctionLimits::architecture(arch));
        c.architecture = arch;
    }
    if (const auto packageType = stringMember(body, "PackageType")) {
        checkEnum(*packageType, {u"Zip"_s, u"Image"_s}, u"packageType"_s);
        if (*packageType == u"Image"_s) {
            invalidParameter(u"PackageType Image is not supported by the local engine: container "
                             "images cannot run here. Use PackageType Zip."_s);
        }
        c.packageType = *packageType;
    }
    if (const json *environment = objectMember(body, "Environment")) {
        QMap<QString, QString> variables;
        if (const json *vars = objectMember(*environment, "Variables")) {
            for (const auto &[key, value] : vars->items()) {
                const QString name = QString::fromStdString(key);
                if (!value.is_string()) {
                    raise(400, u"InvalidRequestContentException"_s,
                          u"Could not parse request body into json: the value of environment "
                          "variable '%1' must be a string"_s.arg(name));
                }
                variables.insert(name, QString::fromStdString(value.get<std::string>()));
            }
            check(FunctionLimits::environment(variables));
        }
        c.environment = variables;
    }
    if (const json *layers = arrayMember(body, "Layers")) {
        check(FunctionLimits::layerCount(qint64(layers->size())));
        std::vector<LayerConfig> list;
        for (const json &item : *layers) {
            if (!item.is_string()) {
                raise(400, u"InvalidRequestContentException"_s,
                      u"Could not parse request body into json: Layers must be a list of ARNs"_s);
            }
            const QString arn = QString::fromStdString(item.get<std::string>());
            check(FunctionLimits::layerVersionArn(arn));
            // The engine resolves layer ARNs (core/layers); the control plane only names them.
            LayerConfig layer;
            layer.logicalId = arn;
            layer.name = arn;
            layer.unresolvedReference = arn;
            list.push_back(layer);
        }
        c.layers = list;
    }
    if (const json *tracing = objectMember(body, "TracingConfig")) {
        if (const auto mode = stringMember(*tracing, "Mode")) {
            checkEnum(*mode, {u"Active"_s, u"PassThrough"_s}, u"tracingConfig.mode"_s);
            record.tracingMode = *mode;
        }
    }
    if (const json *dlq = objectMember(body, "DeadLetterConfig")) {
        const QString target = stringMember(*dlq, "TargetArn").value_or(QString());
        if (!target.isEmpty()) {
            checkPattern(target, u"arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*"_s,
                         u"deadLetterConfig.targetArn"_s);
        }
        record.deadLetterTargetArn = target;
        c.asyncConfig.deadLetterQueue.target = target;
        c.asyncConfig.deadLetterQueue.type =
            target.contains(u":sns:"_s) ? u"SNS"_s : (target.isEmpty() ? QString() : u"SQS"_s);
    }
    if (const auto kms = stringMember(body, "KMSKeyArn")) {
        record.kmsKeyArn = *kms;
    }
    if (const json *vpc = objectMember(body, "VpcConfig")) {
        ordered_json echo;
        echo["SubnetIds"] = vpc->value("SubnetIds", json::array());
        echo["SecurityGroupIds"] = vpc->value("SecurityGroupIds", json::array());
        echo["VpcId"] = "";
        record.vpcConfig = json::parse(echo.dump());
    }
    if (const json *logging = objectMember(body, "LoggingConfig")) {
        if (const auto format = stringMember(*logging, "LogFormat")) {
            checkEnum(*format, {u"JSON"_s, u"Text"_s}, u"loggingConfig.logFormat"_s);
            record.logFormat = *format;
        }
        if (const auto group = stringMember(*logging, "LogGroup")) {
            record.logGroup = *group;
        }
    }
    if (creating) {
        if (const json *tags = objectMember(body, "Tags")) {
            for (const auto &[key, value] : tags->items()) {
                if (!value.is_string()) {
                    raise(400, u"InvalidRequestContentException"_s,
                          u"Could not parse request body into json: tag values must be strings"_s);
                }
                record.tags.insert(QString::fromStdString(key),
                                   QString::fromStdString(value.get<std::string>()));
            }
        }
    }
}

void ControlPlane::applyCode(const json &code, FunctionRecord &record, bool dryRun,
                             QStringList *obsoletePaths)
{
    QByteArray zip;
    QString folder;
    if (const auto zipFile = stringMember(code, "ZipFile")) {
        const auto decoded = QByteArray::fromBase64Encoding(
            zipFile->toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            raise(400, u"InvalidRequestContentException"_s,
                  u"Could not parse request body into json: ZipFile is not valid base64"_s);
        }
        zip = decoded.decoded;
    } else if (const auto bucket = stringMember(code, "S3Bucket")) {
        const QString key = stringMember(code, "S3Key").value_or(QString());
        if (*bucket != QLatin1StringView(kLocalBucket)) {
            invalidParameter(u"Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 "
                             "Error Message: The specified bucket does not exist (the local engine "
                             "reads code from S3Bucket '%1' with S3Key = an absolute path)"_s.arg(
                                 QLatin1StringView(kLocalBucket)));
        }
        const QFileInfo info(key);
        if (key.isEmpty() || !info.isAbsolute() || !info.exists()) {
            invalidParameter(u"Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error "
                             "Message: The specified key does not exist."_s);
        }
        if (info.isDir()) {
            folder = info.canonicalFilePath();
        } else {
            QFile file(key);
            if (info.size() > ZipPackage::kMaxZippedBytes || !file.open(QIODevice::ReadOnly)) {
                invalidParameter(
                    u"Error occurred while GetObject. S3 Error Code: AccessDenied. "
                    "S3 Error Message: %1 cannot be read, or is larger than %2 bytes"_s.arg(key)
                        .arg(ZipPackage::kMaxZippedBytes));
            }
            zip = file.readAll();
        }
    } else if (stringMember(code, "ImageUri")) {
        invalidParameter(u"Container images are not supported by the local engine: use a zip "
                         "(ZipFile) or a local folder (S3Bucket lwb-local, S3Key = its path)."_s);
    } else {
        invalidParameter(u"Please provide a source for function code."_s);
    }

    if (!folder.isEmpty()) {
        qint64 size = 0;
        QString error;
        const std::optional<QString> sha = VersionStore::computeCodeSha256(folder, &size, &error);
        if (!sha) {
            invalidParameter(u"The code folder %1 cannot be read: %2"_s.arg(folder, error));
        }
        if (dryRun) {
            record.codeSha256 = *sha;
            record.codeSize = size;
            return;
        }
        if (record.codeIsOwned) {
            *obsoletePaths << record.config.codeDir << record.codeZipPath;
        }
        record.config.codeDir = folder;
        record.codeZipPath.clear();
        record.codeIsOwned = false;
        record.codeSha256 = *sha;
        record.codeSize = size;
        return;
    }

    if (zip.size() > ZipPackage::kMaxZippedBytes) {
        raise(413, u"RequestEntityTooLargeException"_s,
              u"Zipped size must be smaller than %1 bytes"_s.arg(ZipPackage::kMaxZippedBytes));
    }
    const QString hex = ZipPackage::codeSha256Hex(zip);
    const QString sha = ZipPackage::codeSha256(zip);
    const QString functionDir = QDir(codeRoot()).filePath(record.name());
    const QString codeDir = QDir(functionDir).filePath(hex);
    const QString zipPath = functionDir + u'/' + hex + u".zip"_s;
    if (dryRun) {
        // Checked as a real upload would be, but nothing is kept.
        QTemporaryDir scratch;
        QString error;
        if (!ZipPackage::extract(zip, scratch.filePath(u"code"_s), &error)) {
            invalidParameter(error);
        }
        record.codeSha256 = sha;
        record.codeSize = zip.size();
        return;
    }
    // Folders are named by the zip's digest and appear whole (ZipPackage renames them into
    // place): one that exists already holds this very code.
    QDir().mkpath(functionDir);
    if (!QFileInfo(codeDir).isDir()) {
        QString error;
        if (!ZipPackage::extract(zip, codeDir, &error)) {
            invalidParameter(error);
        }
    }
    if (QFileInfo(zipPath).size() != zip.size()) {
        QFile out(zipPath);
        if (!out.open(QIODevice::WriteOnly) || out.write(zip) != zip.size()) {
            raise(500, u"ServiceException"_s,
                  u"The uploaded code could not be stored: "_s + out.errorString());
        }
    }
    if (record.codeIsOwned && record.config.codeDir != codeDir) {
        *obsoletePaths << record.config.codeDir << record.codeZipPath;
    }
    record.config.codeDir = codeDir;
    record.codeZipPath = zipPath;
    record.codeIsOwned = true;
    record.codeSha256 = sha;
    record.codeSize = zip.size();
}

HttpResponse ControlPlane::createFunction(Call &call)
{
    const json &body = call.body;
    const auto rawName = stringMember(body, "FunctionName");
    if (!rawName) {
        notNull(u"functionName"_s);
    }
    QString error;
    const std::optional<FunctionArn> arn = FunctionArn::parse(*rawName, &error);
    if (!arn) {
        raise(400, u"ValidationException"_s, error);
    }
    if (arn->hasQualifier()) {
        invalidParameter(u"Function name cannot contain a qualifier: %1"_s.arg(*rawName));
    }
    const QString name = arn->name();
    checkLength(name, 64, u"functionName"_s);
    if (!stringMember(body, "Role")) {
        notNull(u"role"_s);
    }
    const json *code = objectMember(body, "Code");
    if (!code) {
        notNull(u"code"_s);
    }
    if (lookup(name)) {
        raise(409, u"ResourceConflictException"_s, u"Function already exist: "_s + name);
    }

    FunctionRecord record;
    record.origin = FunctionRecord::Origin::Api;
    record.config.logicalId = name;
    record.config.functionName = name;
    applyConfiguration(body, record, true);
    if (record.config.runtime.isEmpty() || record.config.handler.isEmpty()) {
        invalidParameter(u"Runtime and Handler are mandatory parameters for functions created "
                         "with deployment packages."_s);
    }
    QStringList obsolete;
    applyCode(*code, record, false, &obsolete);
    record.touch();

    publish(record);
    persist(record);
    const FunctionRecord &stored =
        m_records.insert_or_assign(name, std::move(record)).first->second;
    if (boolMember(body, "Publish").value_or(false)) {
        return publishedAnswer(stored, 201);
    }
    return HttpResponse(201, QByteArray::fromStdString(configurationOf(stored).dump()),
                        "application/json");
}

HttpResponse ControlPlane::getFunction(Call &call, bool configurationOnly)
{
    FunctionRecord &record = requireFunction(call);
    ensureCodeHash(record);
    ordered_json configuration;
    // Lambda hands out a presigned S3 URL; here the package is a file on this machine (the
    // uploaded zip, the code folder of a template or lwb-local function, or a version's copy).
    QString codePath = record.codeZipPath.isEmpty() ? record.config.codeDir : record.codeZipPath;
    if (!call.qualifier.isEmpty() && call.qualifier != u"$LATEST"_s) {
        // A published version, or the version an alias names (core/versions keeps them).
        auto notFound = [&] {
            raise(404, u"ResourceNotFoundException"_s,
                  notFoundMessage(functionArn(record.name(), call.qualifier)));
        };
        VersionStore *store = m_engine->versionStore();
        if (!store) {
            notFound();
        }
        QString version = call.qualifier;
        static const QRegularExpression number(u"^[0-9]+$"_s);
        if (!number.match(version).hasMatch()) {
            const std::optional<AliasConfig> alias = store->alias(record.name(), version);
            if (!alias) {
                notFound();
            }
            version = alias->functionVersion;
        }
        if (version == u"$LATEST"_s) {
            configuration = configurationOf(record);
            configuration["FunctionArn"] = s(functionArn(record.name(), call.qualifier));
        } else {
            const std::optional<ordered_json> published =
                versionConfiguration(record.name(), version, &codePath);
            if (!published) {
                notFound();
            }
            configuration = *published;
        }
    } else {
        configuration = configurationOf(record);
    }
    if (configurationOnly) {
        return HttpResponse::json(200, QByteArray::fromStdString(configuration.dump()));
    }
    ordered_json out;
    out["Configuration"] = configuration;
    const QString location = QUrl::fromLocalFile(codePath).toString();
    out["Code"] = ordered_json{{"RepositoryType", "S3"}, {"Location", s(location)}};
    if (!record.tags.isEmpty()) {
        ordered_json tags = ordered_json::object();
        for (auto it = record.tags.cbegin(); it != record.tags.cend(); ++it) {
            tags[s(it.key())] = s(it.value());
        }
        out["Tags"] = tags;
    }
    if (record.config.reservedConcurrency) {
        out["Concurrency"] =
            ordered_json{{"ReservedConcurrentExecutions", *record.config.reservedConcurrency}};
    }
    return HttpResponse::json(200, QByteArray::fromStdString(out.dump()));
}

HttpResponse ControlPlane::listFunctions(Call &call)
{
    const HttpRequest &http = call.http;
    int maxItems = 50;
    const QString maxText = http.queryItemValue(u"MaxItems"_s);
    if (!maxText.isNull()) {
        bool ok = false;
        const qint64 value = maxText.toLongLong(&ok);
        if (!ok) {
            validation(u"Value '%1' at 'maxItems' failed to satisfy constraint: Member must be a "
                       "number"_s.arg(maxText));
        }
        maxItems = checkRange(value, 1, 10000, u"maxItems"_s);
    }
    const QString functionVersion = http.queryItemValue(u"FunctionVersion"_s);
    if (!functionVersion.isNull()) {
        checkEnum(functionVersion, {u"ALL"_s}, u"functionVersion"_s);
    }
    QString start;
    const QString marker = http.queryItemValue(u"Marker"_s);
    if (!marker.isEmpty()) {
        const auto decoded = QByteArray::fromBase64Encoding(
            marker.toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.isEmpty()) {
            invalidParameter(u"Invalid Marker: "_s + marker);
        }
        start = QString::fromUtf8(decoded.decoded);
    }

    QStringList names;
    for (const FunctionConfig &f : m_engine->functions()) {
        names.append(f.functionName);
    }
    names.sort();
    names.removeDuplicates();
    // Entries in a stable order: each function's $LATEST, then (ALL) its versions ascending.
    // The marker names the next entry: "<name>" or "<name>:<version>".
    QStringList entries;
    VersionStore *store = m_engine->versionStore();
    for (const QString &name : std::as_const(names)) {
        entries.append(name);
        if (!functionVersion.isNull() && store) {
            QStringList versions = store->versions(name);
            std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) {
                return a.toLongLong() < b.toLongLong();
            });
            for (const QString &version : std::as_const(versions)) {
                entries.append(name + u':' + version);
            }
        }
    }
    qsizetype first = 0;
    if (!start.isEmpty()) {
        first = entries.indexOf(start);
        if (first < 0) {
            // The entry the marker named went away: carry on after where it sorted.
            first = 0;
            while (first < entries.size() &&
                   entries.at(first).section(u':', 0, 0) < start.section(u':', 0, 0)) {
                ++first;
            }
        }
    }
    ordered_json list = ordered_json::array();
    QString next;
    for (qsizetype i = first; i < entries.size(); ++i) {
        const QString &entry = entries.at(i);
        if (int(list.size()) == maxItems) {
            next = entry;
            break;
        }
        const QString name = entry.section(u':', 0, 0);
        const QString version = entry.section(u':', 1);
        if (!version.isEmpty()) {
            if (const std::optional<ordered_json> c = versionConfiguration(name, version)) {
                list.push_back(*c);
            }
            continue;
        }
        FunctionRecord *record = lookup(name);
        if (!record) {
            continue;
        }
        ensureCodeHash(*record);
        list.push_back(configurationOf(*record));
    }
    ordered_json out;
    out["Functions"] = list;
    if (!next.isEmpty()) {
        out["NextMarker"] = next.toUtf8().toBase64(QByteArray::Base64UrlEncoding).toStdString();
    }
    return HttpResponse::json(200, QByteArray::fromStdString(out.dump()));
}

HttpResponse ControlPlane::updateFunctionCode(Call &call)
{
    FunctionRecord &record = requireFunction(call);
    checkRevision(record, stringMember(call.body, "RevisionId").value_or(QString()));
    const bool dryRun = boolMember(call.body, "DryRun").value_or(false);
    FunctionRecord changed = record;
    if (const json *architectures = arrayMember(call.body, "Architectures")) {
        json subset{{"Architectures", *architectures}};
        applyConfiguration(subset, changed, false);
    }
    QStringList obsolete;
    applyCode(call.body, changed, dryRun, &obsolete);
    if (dryRun) {
        return HttpResponse::json(200, QByteArray::fromStdString(configurationOf(changed).dump()));
    }
    changed.touch();
    record = std::move(changed);
    publish(record);
    persist(record);
    const bool publishVersion = boolMember(call.body, "Publish").value_or(false);
    // The engine is shutting down the environments of the old code; one still busy with an
    // invocation finishes it first (within the function's timeout), so the old code stays
    // that long. Whatever a stop interrupts, loadStored() clears away next time.
    QStringList stale;
    for (const QString &path : std::as_const(obsolete)) {
        if (!path.isEmpty() && path != record.config.codeDir && path != record.codeZipPath) {
            stale.append(path);
        }
    }
    if (!stale.isEmpty()) {
        QTimer::singleShot(
            record.config.timeoutSeconds * 1000 + 2000, this, [this, stale, name = record.name()] {
                // Unless an update in the meantime brought that code back.
                const auto it = m_records.find(name);
                for (const QString &path : stale) {
                    if (it == m_records.end() ||
                        (path != it->second.config.codeDir && path != it->second.codeZipPath)) {
                        removePath(path);
                    }
                }
            });
    }
    if (publishVersion) {
        return publishedAnswer(record, 200);
    }
    return HttpResponse::json(200, QByteArray::fromStdString(configurationOf(record).dump()));
}

HttpResponse ControlPlane::updateFunctionConfiguration(Call &call)
{
    FunctionRecord &record = requireFunction(call);
    checkRevision(record, stringMember(call.body, "RevisionId").value_or(QString()));
    FunctionRecord changed = record;
    applyConfiguration(call.body, changed, false);
    changed.touch();
    record = std::move(changed);
    publish(record);
    persist(record);
    ensureCodeHash(record);
    return HttpResponse::json(200, QByteArray::fromStdString(configurationOf(record).dump()));
}

HttpResponse ControlPlane::deleteFunction(Call &call)
{
    FunctionRecord &record = requireFunction(call);
    if (call.qualifier == u"$LATEST"_s) {
        invalidParameter(u"$LATEST version cannot be deleted without deleting the function."_s);
    }
    if (!call.qualifier.isEmpty()) {
        // One published version (core/versions refuses it while an alias points at it).
        VersionError error;
        if (!m_engine->deleteVersion(record.name(), call.qualifier, &error)) {
            raise(error.httpStatus(), error.awsErrorType(), error.message);
        }
        return HttpResponse(204);
    }
    const QString name = record.name();
    const bool owned = record.codeIsOwned;
    // Deleting a function deletes its aliases and published versions, as on Lambda.
    const QHash<QString, QString> aliases = m_engine->aliases(name);
    for (auto it = aliases.cbegin(); it != aliases.cend(); ++it) {
        VersionError error;
        m_engine->deleteAlias(name, it.key(), &error);
    }
    for (const QString &version : m_engine->versions(name)) {
        VersionError error;
        m_engine->deleteVersion(name, version, &error);
    }
    if (record.origin == FunctionRecord::Origin::Api && m_store.isOpen() && !m_store.remove(name)) {
        warn(u"%1: the function could not be removed from the store: %2"_s.arg(
            name, m_store.lastError()));
    }
    m_records.erase(name);
    unpublish(name);
    if (owned) {
        QDir(QDir(codeRoot()).filePath(name)).removeRecursively();
    }
    return HttpResponse(204);
}

// --- Concurrency ------------------------------------------------------------------------------

HttpResponse ControlPlane::functionConcurrency(Call &call)
{
    FunctionRecord &record = requireFunction(call);
    if (call.op == Operation::GetFunctionConcurrency) {
        ordered_json out = ordered_json::object();
        if (record.config.reservedConcurrency) {
            out["ReservedConcurrentExecutions"] = *record.config.reservedConcurrency;
        }
        return HttpResponse::json(200, QByteArray::fromStdString(out.dump()));
    }
    std::optional<int> reserved;
    if (call.op == Operation::PutFunctionConcurrency) {
        const auto value = intMember(call.body, "ReservedConcurrentExecutions");
        if (!value) {
            notNull(u"reservedConcurrentExecutions"_s);
        }
        // The value's own bounds answer as a ValidationException; the account's share as the
        // scheduler keeps it (FunctionLimits::reservedConcurrency()) as an invalid parameter.
        check(FunctionLimits::range(*value, FunctionLimits::kReservedConcurrency,
                                    u"reservedConcurrentExecutions"_s));
        reserved = int(*value);
        QString error;
        if (!m_engine->scheduler()->setReservedConcurrency(record.name(), reserved, &error)) {
            invalidParameter(error);
        }
    }
    record.config.reservedConcurrency = reserved;
    record.touch(false);
    publish(record);
    persist(record);
    if (call.op == Operation::DeleteFunctionConcurrency) {
        return HttpResponse(204);
    }
    return HttpResponse::json(
        200, QByteArray::fromStdString(
                 ordered_json{{"ReservedConcurrentExecutions", *reserved}}.dump()));
}

HttpResponse ControlPlane::provisionedConcurrency(Call &call)
{
    FunctionRecord &record = requireFunction(call);
    if (call.qualifier.isEmpty()) {
        notNull(u"qualifier"_s);
    }
    check(FunctionLimits::provisionedQualifier(call.qualifier));
    if (m_engine->resolveQualifier(record.config, call.qualifier).isEmpty()) {
        raise(404, u"ResourceNotFoundException"_s,
              notFoundMessage(functionArn(record.name(), call.qualifier)));
    }
    const bool enginesAlias = call.qualifier == record.config.autoPublishAlias;

    if (call.op == Operation::GetProvisionedConcurrencyConfig) {
        const auto it = record.provisioned.constFind(call.qualifier);
        if (it == record.provisioned.constEnd()) {
            raise(404, u"ProvisionedConcurrencyConfigNotFoundException"_s,
                  u"No Provisioned Concurrency Config found for this function"_s);
        }
        // Allocated = initialised provisioned environments of the version the qualifier names.
        const QString version = m_engine->resolveQualifier(record.config, call.qualifier);
        int allocated = 0;
        for (ExecutionEnvironment *env : m_engine->environments(record.name())) {
            const auto state = env->state();
            if (env->isProvisioned() && env->version() == version &&
                (state == ExecutionEnvironment::State::Idle || state == ExecutionEnvironment::State::Busy)) {
                ++allocated;
            }
        }
        allocated = std::min(allocated, it->requested);
        ordered_json out;
        out["RequestedProvisionedConcurrentExecutions"] = it->requested;
        out["AvailableProvisionedConcurrentExecutions"] = allocated;
        out["AllocatedProvisionedConcurrentExecutions"] = allocated;
        out["Status"] = allocated >= it->requested ? "READY" : "IN_PROGRESS";
        out["LastModified"] = s(secondsTimestamp(it->lastModifiedMs));
        return HttpResponse::json(200, QByteArray::fromStdString(out.dump()));
    }

    if (call.op == Operation::DeleteProvisionedConcurrencyConfig) {
        if (!record.provisioned.remove(call.qualifier)) {
            raise(404, u"ProvisionedConcurrencyConfigNotFoundException"_s,
                  u"No Provisioned Concurrency Config found for this function"_s);
        }
        if (enginesAlias) {
            record.config.provisionedConcurrency = 0;
            publish(record);
        } else {
            m_engine->setProvisionedConcurrency(record.name(), call.qualifier, 0);
        }
        persist(record);
        return HttpResponse(204);
    }

    const auto value = intMember(call.body, "ProvisionedConcurrentExecutions");
    if (!value) {
        notNull(u"provisionedConcurrentExecutions"_s);
    }
    check(FunctionLimits::provisionedConcurrency(*value, call.qualifier,
                                                 record.config.reservedConcurrency,
                                                 m_engine->options().accountConcurrency));
    const int requested = int(*value);
    FunctionRecord::ProvisionedConfig config{requested, nowMs()};
    record.provisioned.insert(call.qualifier, config);
    if (enginesAlias) {
        // Handed to the engine, which allocates it on the alias it publishes.
        record.config.provisionedConcurrency = requested;
        publish(record);
    } else {
        m_engine->setProvisionedConcurrency(record.name(), call.qualifier, requested);
    }
    persist(record);
    ordered_json out;
    out["RequestedProvisionedConcurrentExecutions"] = requested;
    out["AvailableProvisionedConcurrentExecutions"] = 0;
    out["AllocatedProvisionedConcurrentExecutions"] = 0;
    out["Status"] = "IN_PROGRESS";
    out["LastModified"] = s(secondsTimestamp(config.lastModifiedMs));
    return HttpResponse::json(202, QByteArray::fromStdString(out.dump()));
}

// --- Asynchronous invocation ------------------------------------------------------------------

HttpResponse ControlPlane::eventInvokeConfig(Call &call)
{
    FunctionRecord &record = requireFunction(call);
    const QString qualifier = call.qualifier.isEmpty() ? u"$LATEST"_s : call.qualifier;
    if (qualifier != u"$LATEST"_s &&
        m_engine->resolveQualifier(record.config, qualifier).isEmpty()) {
        raise(404, u"ResourceNotFoundException"_s,
              notFoundMessage(functionArn(record.name(), qualifier)));
    }
    const QString arn = functionArn(record.name(), qualifier);
    const bool latest = qualifier == u"$LATEST"_s;

    if (call.op == Operation::GetFunctionEventInvokeConfig ||
        call.op == Operation::DeleteFunctionEventInvokeConfig) {
        const auto it = record.eventInvokeConfigs.constFind(qualifier);
        if (it == record.eventInvokeConfigs.constEnd()) {
            raise(404, u"ResourceNotFoundException"_s,
                  u"The function %1 doesn't have an EventInvokeConfig"_s.arg(arn));
        }
        if (call.op == Operation::GetFunctionEventInvokeConfig) {
            return HttpResponse::json(
                200,
                QByteArray::fromStdString(FunctionRecord::eventInvokeConfigJson(*it, arn).dump()));
        }
        record.eventInvokeConfigs.remove(qualifier);
        if (latest) {
            record.config.asyncConfig = record.asyncConfigFor({});
            publish(record);
        } else {
            m_engine->setAsyncConfig(record.name(), qualifier, std::nullopt);
        }
        persist(record);
        return HttpResponse(204);
    }

    // Put replaces the whole configuration; Update changes the members it names.
    FunctionRecord::EventInvokeConfig config;
    if (call.op == Operation::UpdateFunctionEventInvokeConfig) {
        config = record.eventInvokeConfigs.value(qualifier);
    }
    if (const auto retries = intMember(call.body, "MaximumRetryAttempts")) {
        check(FunctionLimits::maximumRetryAttempts(*retries));
        config.maximumRetryAttempts = int(*retries);
    }
    if (const auto age = intMember(call.body, "MaximumEventAgeInSeconds")) {
        check(FunctionLimits::maximumEventAge(*age));
        config.maximumEventAgeSeconds = int(*age);
    }
    if (const json *destinations = objectMember(call.body, "DestinationConfig")) {
        auto destination = [&](const char *key, bool failure) -> std::optional<QString> {
            const json *d = objectMember(*destinations, key);
            if (!d) {
                return std::nullopt;
            }
            const QString target = stringMember(*d, "Destination").value_or(QString());
            if (target.isEmpty()) {
                return QString();
            }
            const QStringList parts = target.split(u':');
            const QString service =
                parts.size() > 5 && parts.at(0) == u"arn"_s ? parts.at(2) : QString();
            QStringList services{u"lambda"_s, u"sqs"_s, u"sns"_s, u"events"_s};
            if (failure) {
                services << u"s3"_s;
            }
            if (!services.contains(service)) {
                invalidParameter(u"The provided destination config DestinationConfig(onSuccess=%1, "
                                 "onFailure=%2) is invalid."_s.arg(failure ? u"null"_s : target,
                                                                   failure ? target : u"null"_s));
            }
            return target;
        };
        if (const auto onSuccess = destination("OnSuccess", false)) {
            config.onSuccess = *onSuccess;
        }
        if (const auto onFailure = destination("OnFailure", true)) {
            config.onFailure = *onFailure;
        }
    }
    config.lastModifiedMs = nowMs();
    record.eventInvokeConfigs.insert(qualifier, config);
    if (latest) {
        // The async queue reads the function's AsyncInvokeConfig for every attempt.
        record.config.asyncConfig = record.asyncConfigFor(config);
        publish(record);
    } else {
        // Events invoked as this version or alias follow their own configuration.
        m_engine->setAsyncConfig(record.name(), qualifier, record.asyncConfigFor(config));
    }
    persist(record);
    return HttpResponse::json(
        200, QByteArray::fromStdString(FunctionRecord::eventInvokeConfigJson(config, arn).dump()));
}

// --- Account ----------------------------------------------------------------------------------

HttpResponse ControlPlane::accountSettings(Call &)
{
    qint64 totalCodeSize = 0;
    const std::vector<FunctionConfig> functions = m_engine->functions();
    for (const FunctionConfig &f : functions) {
        if (FunctionRecord *record = lookup(f.functionName)) {
            totalCodeSize += std::max<qint64>(record->codeSize, 0);
        }
    }
    ordered_json out;
    out["AccountLimit"] =
        ordered_json{{"TotalCodeSize", 80530636800LL},
                     {"CodeSizeUnzipped", ZipPackage::kMaxUnzippedBytes},
                     {"CodeSizeZipped", ZipPackage::kMaxZippedBytes},
                     {"ConcurrentExecutions", m_engine->options().accountConcurrency},
                     {"UnreservedConcurrentExecutions", m_engine->scheduler()->unreservedLimit()}};
    out["AccountUsage"] =
        ordered_json{{"TotalCodeSize", totalCodeSize}, {"FunctionCount", qint64(functions.size())}};
    return HttpResponse::json(200, QByteArray::fromStdString(out.dump()));
}

// --- Resource policy --------------------------------------------------------------------------

HttpResponse ControlPlane::addPermission(Call &call)
{
    FunctionRecord &record = requireFunction(call);
    const json &body = call.body;
    const auto sid = stringMember(body, "StatementId");
    if (!sid) {
        notNull(u"statementId"_s);
    }
    checkLength(*sid, 100, u"statementId"_s);
    checkPattern(*sid, kStatementIdPattern, u"statementId"_s);
    const auto action = stringMember(body, "Action");
    if (!action) {
        notNull(u"action"_s);
    }
    checkPattern(*action, kActionPattern, u"action"_s);
    const auto principal = stringMember(body, "Principal");
    if (!principal) {
        notNull(u"principal"_s);
    }
    checkPattern(*principal, u"[^\\s]+"_s, u"principal"_s);
    checkRevision(record, stringMember(body, "RevisionId").value_or(QString()));

    // The unqualified function and $LATEST share one policy.
    const QString qualifier = call.qualifier == u"$LATEST"_s ? QString() : call.qualifier;
    if (!qualifier.isEmpty() && m_engine->resolveQualifier(record.config, qualifier).isEmpty()) {
        raise(404, u"ResourceNotFoundException"_s,
              notFoundMessage(functionArn(record.name(), qualifier)));
    }
    json &statements = record.policies[qualifier];
    if (!statements.is_array()) {
        statements = json::array();
    }
    for (const json &statement : statements) {
        if (statement.value("Sid", std::string()) == s(*sid)) {
            raise(409, u"ResourceConflictException"_s,
                  u"The statement id (%1) provided already exists. Please provide a new statement "
                  "id, or remove the existing statement."_s.arg(*sid));
        }
    }

    ordered_json statement;
    statement["Sid"] = s(*sid);
    statement["Effect"] = "Allow";
    static const QRegularExpression account(u"^\\d{12}$"_s);
    if (*principal == u"*"_s) {
        statement["Principal"] = "*";
    } else if (account.match(*principal).hasMatch()) {
        statement["Principal"] =
            ordered_json{{"AWS", s(u"arn:aws:iam::%1:root"_s.arg(*principal))}};
    } else if (principal->startsWith(u"arn:"_s)) {
        statement["Principal"] = ordered_json{{"AWS", s(*principal)}};
    } else {
        statement["Principal"] = ordered_json{{"Service", s(*principal)}};
    }
    statement["Action"] = s(*action);
    statement["Resource"] = s(functionArn(record.name(), qualifier));
    ordered_json condition = ordered_json::object();
    auto addCondition = [&](const char *op, const char *key, const char *member) {
        if (const auto value = stringMember(body, member)) {
            condition[op][key] = s(*value);
        }
    };
    addCondition("StringEquals", "AWS:SourceAccount", "SourceAccount");
    addCondition("StringEquals", "lambda:EventSourceToken", "EventSourceToken");
    addCondition("StringEquals", "aws:PrincipalOrgID", "PrincipalOrgID");
    if (const auto authType = stringMember(body, "FunctionUrlAuthType")) {
        checkEnum(*authType, {u"NONE"_s, u"AWS_IAM"_s}, u"functionUrlAuthType"_s);
        condition["StringEquals"]["lambda:FunctionUrlAuthType"] = s(*authType);
    }
    addCondition("ArnLike", "AWS:SourceArn", "SourceArn");
    if (!condition.empty()) {
        statement["Condition"] = condition;
    }
    statements.push_back(json::parse(statement.dump()));
    record.touch(false);
    persist(record);
    return HttpResponse(
        201, QByteArray::fromStdString(ordered_json{{"Statement", statement.dump()}}.dump()),
        "application/json");
}

HttpResponse ControlPlane::getPolicy(Call &call)
{
    FunctionRecord &record = requireFunction(call);
    const QString qualifier = call.qualifier == u"$LATEST"_s ? QString() : call.qualifier;
    const auto it = record.policies.constFind(qualifier);
    if (it == record.policies.constEnd() || !it->is_array() || it->empty()) {
        raise(404, u"ResourceNotFoundException"_s, u"The resource you requested does not exist."_s);
    }
    // Statements keep the member order AddPermission wrote.
    ordered_json statements = ordered_json::array();
    for (const json &statement : *it) {
        ordered_json ordered;
        for (const char *key : {"Sid", "Effect", "Principal", "Action", "Resource", "Condition"}) {
            if (statement.contains(key)) {
                ordered[key] = ordered_json::parse(statement[key].dump());
            }
        }
        statements.push_back(ordered);
    }
    const ordered_json policy{
        {"Version", "2012-10-17"}, {"Id", "default"}, {"Statement", statements}};
    const ordered_json out{{"Policy", policy.dump()}, {"RevisionId", s(record.revisionId)}};
    return HttpResponse::json(200, QByteArray::fromStdString(out.dump()));
}

HttpResponse ControlPlane::removePermission(Call &call)
{
    FunctionRecord &record = requireFunction(call);
    checkRevision(record, call.http.queryItemValue(u"RevisionId"_s));
    const QString qualifier = call.qualifier == u"$LATEST"_s ? QString() : call.qualifier;
    auto it = record.policies.find(qualifier);
    bool removed = false;
    if (it != record.policies.end() && it->is_array()) {
        const std::string sid = s(call.subResource);
        for (auto statement = it->begin(); statement != it->end(); ++statement) {
            if (statement->value("Sid", std::string()) == sid) {
                it->erase(statement);
                removed = true;
                break;
            }
        }
        if (it->empty()) {
            record.policies.erase(it);
        }
    }
    if (!removed) {
        raise(404, u"ResourceNotFoundException"_s,
              u"Statement %1 is not found in resource policy."_s.arg(call.subResource));
    }
    record.touch(false);
    persist(record);
    return HttpResponse(204);
}

// --- Tags -------------------------------------------------------------------------------------

HttpResponse ControlPlane::tags(Call &call)
{
    QString error;
    const std::optional<FunctionArn> arn = FunctionArn::parse(call.subResource, &error);
    if (!arn || arn->region().isEmpty()) {
        invalidParameter(u"The resource ARN %1 is not a function ARN"_s.arg(call.subResource));
    }
    call.name = arn->name();
    FunctionRecord &record = requireFunction(call);
    if (call.op == Operation::ListTags) {
        ordered_json tags = ordered_json::object();
        for (auto it = record.tags.cbegin(); it != record.tags.cend(); ++it) {
            tags[s(it.key())] = s(it.value());
        }
        return HttpResponse::json(200,
                                  QByteArray::fromStdString(ordered_json{{"Tags", tags}}.dump()));
    }
    if (call.op == Operation::TagResource) {
        const json *tags = objectMember(call.body, "Tags");
        if (!tags) {
            notNull(u"tags"_s);
        }
        for (const auto &[key, value] : tags->items()) {
            if (!value.is_string()) {
                raise(400, u"InvalidRequestContentException"_s,
                      u"Could not parse request body into json: tag values must be strings"_s);
            }
            record.tags.insert(QString::fromStdString(key),
                               QString::fromStdString(value.get<std::string>()));
        }
    } else {
        for (const auto &[key, value] : call.http.queryItems) {
            if (key == u"tagKeys"_s) {
                record.tags.remove(value);
            }
        }
    }
    persist(record);
    return HttpResponse(204);
}

namespace {

const EngineExtensionRegistration controlPlaneRegistration({
    u"control-plane"_s,
    50,
    [](Engine &engine, const EngineExtensionContext &context) {
        auto *controlPlane = new ControlPlane(&engine, context.projectDir, &engine);
        controlPlane->loadStored();
    },
    [](InvokeApiServer &server, const EngineExtensionContext &) {
        if (!server.engine()) {
            return;
        }
        if (auto *controlPlane = server.engine()->findChild<ControlPlane *>()) {
            controlPlane->attachTo(&server);
        }
    },
});

} // namespace

} // namespace Lwb
