// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/controlstore.h"
#include "control/functionrecord.h"
#include "lwb_core_export.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QStringList>

#include <map>
#include <memory>

class QTemporaryDir;

namespace Lwb {

class Engine;
class HttpResponder;
class InvokeApiServer;
struct HttpRequest;
struct HttpResponse;

/**
 * The Lambda control plane for functions (rest-json, apiVersion 2015-03-31) beside the Invoke
 * API of an engine: CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions,
 * UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction, the reserved-concurrency,
 * provisioned-concurrency and event-invoke-config operations, GetAccountSettings,
 * AddPermission / GetPolicy / RemovePermission and ListTags / TagResource / UntagResource —
 * with botocore's paths, status codes, field names and AWS's error wire format.
 *
 * Functions created through the API are kept in the project's `.lwb/` (ControlStore; code
 * unpacked under `.lwb/functions/<name>/<codesha-hex>/`) and come back when the engine
 * starts again. Functions the engine already has (from template.yaml) are listed and can be
 * changed through the API too; those changes last as long as the engine. Every change is
 * handed to the engine with Engine::setFunctions(), so the next invocation sees it.
 *
 * `lwb local start-lambda` gets one through its engine extension (registered in
 * controlplane.cpp). Owned by (a child of) the engine; lives in the engine's thread.
 */
class LWB_CORE_EXPORT ControlPlane : public QObject
{
    Q_OBJECT

public:
    /** Largest CreateFunction / UpdateFunctionCode request (a 50 MB zip, base64). */
    static constexpr qint64 kMaxCodeRequestBytes = 69905067;
    /** Largest request of every other control-plane operation. */
    static constexpr qint64 kMaxRequestBytes = 6291456;
    /** The S3Bucket that names a file or folder on this machine (S3Key = its absolute path). */
    static constexpr const char *kLocalBucket = "lwb-local";

    /**
     * A control plane for @p engine that persists under @p projectDir's `.lwb/`; with an
     * empty @p projectDir nothing is persisted (code goes to a temporary folder).
     */
    explicit ControlPlane(Engine *engine, const QString &projectDir, QObject *parent = nullptr);
    ~ControlPlane() override;

    /**
     * Adds the stored functions to the engine (beside those it has; a stored function whose
     * name the template now uses is skipped with a warning) and drops code folders no stored
     * function uses.
     */
    void loadStored();

    /** Serves the operations on @p server (a route) and raises its body limit for code uploads. */
    void attachTo(InvokeApiServer *server);

    /** Answers @p request when it is a control-plane operation; false otherwise. */
    bool handle(const HttpRequest &request, HttpResponder &responder);

    /** Whether functions are persisted (the store opened). */
    bool isPersistent() const { return m_store.isOpen(); }
    /** Problems met so far (stored functions that could not be loaded, store errors). */
    QStringList warnings() const { return m_warnings; }

private:
    struct Call;

    HttpResponse dispatch(Call &call);
    HttpResponse createFunction(Call &call);
    HttpResponse getFunction(Call &call, bool configurationOnly);
    HttpResponse listFunctions(Call &call);
    HttpResponse updateFunctionCode(Call &call);
    HttpResponse updateFunctionConfiguration(Call &call);
    HttpResponse deleteFunction(Call &call);
    HttpResponse functionConcurrency(Call &call);
    HttpResponse provisionedConcurrency(Call &call);
    HttpResponse eventInvokeConfig(Call &call);
    HttpResponse accountSettings(Call &call);
    HttpResponse addPermission(Call &call);
    HttpResponse getPolicy(Call &call);
    HttpResponse removePermission(Call &call);
    HttpResponse tags(Call &call);

    std::optional<nlohmann::ordered_json>
    versionConfiguration(const QString &name, const QString &version, QString *codeDir = nullptr);
    HttpResponse publishedAnswer(const FunctionRecord &record, int status);
    nlohmann::ordered_json configurationOf(const FunctionRecord &record) const;
    FunctionRecord *lookup(const QString &name);
    FunctionRecord &requireFunction(const Call &call);
    void checkRevision(const FunctionRecord &record, const QString &revisionId) const;
    void applyConfiguration(const nlohmann::json &body, FunctionRecord &record, bool creating);
    void applyCode(const nlohmann::json &code, FunctionRecord &record, bool dryRun,
                   QStringList *obsoletePaths);
    void ensureCodeHash(FunctionRecord &record);
    void publish(const FunctionRecord &record);
    void unpublish(const QString &name);
    void persist(const FunctionRecord &record);
    QString codeRoot() const;
    QString functionArn(const QString &name, const QString &qualifier = {}) const;
    QString region() const;
    QString accountId() const;
    void warn(const QString &message);

    QPointer<Engine> m_engine;
    QPointer<InvokeApiServer> m_server;
    QString m_projectDir;
    ControlStore m_store;
    std::unique_ptr<QTemporaryDir> m_scratch;    ///< code root when nothing is persisted
    std::map<QString, FunctionRecord> m_records; ///< by function name
    qint64 m_startedMs = 0;
    QStringList m_warnings;
};

} // namespace Lwb
