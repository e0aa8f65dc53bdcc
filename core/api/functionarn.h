// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QString>

#include <optional>

namespace Lwb {

/**
 * The FunctionName of a Lambda API call, taken apart: a plain name (`my-function`), a partial
 * ARN (`123456789012:function:my-function`) or a full ARN
 * (`arn:aws:lambda:us-east-1:123456789012:function:my-function`), each optionally ending in
 * `:qualifier` (`$LATEST`, a version number or an alias). Parsing follows botocore's
 * NamespacedFunctionName pattern; it does not percent-decode (the caller does).
 *
 * A plain value type; thread-agnostic.
 */
class LWB_CORE_EXPORT FunctionArn
{
public:
    /** The pattern the Lambda API checks FunctionName against (as its error messages quote it). */
    static QString namePattern();
    /** The pattern of the Qualifier query parameter. */
    static QString qualifierPattern();

    /**
     * Parses @p functionName. On failure returns nullopt and, if @p errorMessage is given,
     * sets it to the API's validation message ("1 validation error detected: …").
     */
    static std::optional<FunctionArn> parse(const QString &functionName,
                                            QString *errorMessage = nullptr);

    /** Whether @p qualifier is a syntactically valid Qualifier parameter (empty is valid). */
    static bool isValidQualifier(const QString &qualifier);

    QString name() const { return m_name; }
    /** The qualifier the name ended in; empty when it had none. */
    QString qualifier() const { return m_qualifier; }
    bool hasQualifier() const { return !m_qualifier.isEmpty(); }
    /** From a full ARN; empty otherwise. */
    QString partition() const { return m_partition; }
    /** From a full ARN; empty otherwise. */
    QString region() const { return m_region; }
    /** From a full or partial ARN; empty otherwise. */
    QString accountId() const { return m_accountId; }

    /** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`. */
    static QString arn(const QString &region, const QString &accountId, const QString &name,
                       const QString &qualifier = {});

private:
    QString m_name;
    QString m_qualifier;
    QString m_partition;
    QString m_region;
    QString m_accountId;
};

} // namespace Lwb
