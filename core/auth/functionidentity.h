// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/sigv4.h"
#include "lwb_core_export.h"

#include <QtCore/QMap>
#include <QtCore/QString>

class QObject;

namespace Lwb {

struct FunctionConfig;
class InvokeApiServer;

/**
 * Who a function's code is to the Lambda API: its execution role, the assumed-role session
 * (`arn:aws:sts::<account>:assumed-role/<role>/<function>`) and the temporary credentials its
 * sandbox gets (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN).
 *
 * The credentials are derived from the function's name with a key drawn at random once per
 * process, so the sandbox builder and the API's verifier agree without sharing state, and
 * credentials of one run are worthless in the next. A plain value type; thread-safe.
 */
struct LWB_CORE_EXPORT FunctionIdentity
{
    QString functionName;
    QString roleName;       ///< e.g. "HelloFunctionRole" (SAM's generated role) or the Role's name
    QString roleArn;        ///< arn:aws:iam::<account>:role/<roleName> (or the Role ARN as given)
    QString assumedRoleArn; ///< arn:aws:sts::<account>:assumed-role/<roleName>/<functionName>
    SigV4Credentials credentials;

    static FunctionIdentity of(const FunctionConfig &function, const QString &accountId);

    /** The access key id of a function's credentials ("ASIA" + 16 characters). */
    static QString accessKeyIdFor(const QString &functionName);
    /** The secret and session token that belong to an access key id of ours. */
    static QString secretFor(const QString &accessKeyId);
    static QString sessionTokenFor(const QString &accessKeyId);

    /**
     * The variables a function's sandbox gets: its credentials, and the local Lambda API as
     * LWB_LAMBDA_ENDPOINT and AWS_ENDPOINT_URL_LAMBDA when a server was announced for
     * @p engine with announceLambdaApi() (SDKs that read AWS_ENDPOINT_URL_LAMBDA then stay
     * local by themselves). @p engine may be null.
     */
    static QMap<QString, QString> sandboxEnvironment(const FunctionConfig &function,
                                                     const QString &accountId,
                                                     const QObject *engine);
    /** Tells the environments of @p engine where the Lambda API of @p server listens. */
    static void announceLambdaApi(QObject *engine, InvokeApiServer *server);
    /** The URL functions of @p engine call the Lambda API at; empty when none is listening. */
    static QString lambdaEndpoint(const QObject *engine);
};

} // namespace Lwb
