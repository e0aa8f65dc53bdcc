// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <functional>
#include <optional>

namespace Lwb {

struct HttpRequest;

/** One Lambda API call as IAM sees it: the operation, its action and the resource. */
struct LWB_CORE_EXPORT LambdaOperation
{
    QString name;         ///< the API operation, e.g. "Invoke", "GetFunction"
    QString action;       ///< the IAM action, e.g. "lambda:InvokeFunction"
    QString resource;     ///< the resource ARN the action is on, or "*"
    QString functionName; ///< for calls on a function: its name (as resolved), else empty
    QString qualifier;    ///< for calls on a function: the version or alias, else empty
};

/**
 * The one table of the Lambda API's REST operations (service-2.json, 2015-03-31): method and
 * path → operation, IAM action and resource ARN. The SigV4/IAM filter uses it to decide what
 * a request asks for; every route of the Invoke API server, Invoke and the control plane
 * alike, is covered by it. Both forms of paths that older SDKs send with a trailing slash
 * match. Stateless; thread-safe.
 */
class LWB_CORE_EXPORT LambdaOperations
{
public:
    /** Maps a function name as sent (a name, a logical id, …) to the function's real name. */
    using NameResolver = std::function<QString(const QString &name)>;

    /**
     * The operation @p request calls, or nullopt when no Lambda operation has that method and
     * path. Function resources are `arn:aws:lambda:<region>:<account>:function:<name>[:<q>]`
     * with the qualifier from the name's suffix or `?Qualifier=`; ARNs in the path keep their
     * own region and account.
     */
    static std::optional<LambdaOperation> match(const HttpRequest &request, const QString &region,
                                                const QString &accountId,
                                                const NameResolver &resolveName = {});

    /** Every IAM action the table knows ("lambda:InvokeFunction", …), sorted. */
    static QStringList actions();
    /** Every operation name the table knows, in table order. */
    static QStringList operations();
};

} // namespace Lwb
