// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "project/yamldocument.h"

#include "project/yamljson.h"

#include <QtCore/QFile>

using namespace Qt::StringLiterals;

namespace Lwb {

std::optional<nlohmann::json> YamlDocument::read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray text = file.readAll();
    try {
        return Internal::YamlJson::toJson(YAML::Load(text.toStdString()));
    } catch (const YAML::Exception &e) {
        *error = u"%1:%2:%3: %4"_s.arg(path)
                     .arg(e.mark.line + 1)
                     .arg(e.mark.column + 1)
                     .arg(QString::fromStdString(e.msg));
        return std::nullopt;
    }
}

} // namespace Lwb
