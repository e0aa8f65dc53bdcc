// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "invocation.h"

#include <nlohmann/json.hpp>

namespace Lwb {

InvokeResult InvokeResult::serviceError(const QString &requestId, int status, const QString &code,
                                        const QString &message, const char *type)
{
    InvokeResult r;
    r.requestId = requestId;
    r.httpStatus = status;
    r.serviceErrorCode = code;
    r.serviceErrorMessage = message;
    r.payload = QByteArray::fromStdString(
        nlohmann::json{{"Type", type}, {"message", message.toStdString()}}.dump());
    return r;
}

} // namespace Lwb
