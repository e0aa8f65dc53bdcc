// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QString>

namespace Lwb {

/** What went wrong in a VersionStore call, in the Lambda API's categories. */
enum class VersionErrorCode {
    None,
    NotFound,           ///< ResourceNotFoundException (404): unknown function, version or alias
    InvalidParameter,   ///< InvalidParameterValueException (400): bad name, weights, target folder
    Conflict,           ///< ResourceConflictException (409): alias exists, version still aliased
    PreconditionFailed, ///< PreconditionFailedException (412): RevisionId / CodeSha256 mismatch
    Corrupt,            ///< ServiceException (500): the repository cannot be read
    Io,                 ///< ServiceException (500): a file could not be read or written
};

/**
 * The error a VersionStore call reports instead of throwing: a category and a message worded
 * as the Lambda API words it. A plain value type; thread-agnostic.
 */
struct LWB_CORE_EXPORT VersionError
{
    VersionErrorCode code = VersionErrorCode::None;
    QString message;

    bool isError() const { return code != VersionErrorCode::None; }
    /** The x-amzn-ErrorType of the Lambda API for this category. */
    QString awsErrorType() const;
    /** The HTTP status of the Lambda API for this category (200 when there is no error). */
    int httpStatus() const;
};

} // namespace Lwb
