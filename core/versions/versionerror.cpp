// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "versions/versionerror.h"

using namespace Qt::StringLiterals;

namespace Lwb {

QString VersionError::awsErrorType() const
{
    switch (code) {
    case VersionErrorCode::None:
        return {};
    case VersionErrorCode::NotFound:
        return u"ResourceNotFoundException"_s;
    case VersionErrorCode::InvalidParameter:
        return u"InvalidParameterValueException"_s;
    case VersionErrorCode::Conflict:
        return u"ResourceConflictException"_s;
    case VersionErrorCode::PreconditionFailed:
        return u"PreconditionFailedException"_s;
    case VersionErrorCode::Corrupt:
    case VersionErrorCode::Io:
        return u"ServiceException"_s;
    }
    return u"ServiceException"_s;
}

int VersionError::httpStatus() const
{
    switch (code) {
    case VersionErrorCode::None:
        return 200;
    case VersionErrorCode::NotFound:
        return 404;
    case VersionErrorCode::InvalidParameter:
        return 400;
    case VersionErrorCode::Conflict:
        return 409;
    case VersionErrorCode::PreconditionFailed:
        return 412;
    case VersionErrorCode::Corrupt:
    case VersionErrorCode::Io:
        return 500;
    }
    return 500;
}

} // namespace Lwb
