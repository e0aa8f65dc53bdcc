// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "project/envvarsfile.h"

#include <QtCore/QFile>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr auto kParameters = "Parameters";

// SAM CLI's stringification of env-vars values.
QString stringify(const nlohmann::json &value)
{
    if (value.is_string()) {
        return QString::fromStdString(value.get<std::string>());
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? u"true"_s : u"false"_s;
    }
    if (value.is_number()) {
        return QString::fromStdString(value.dump());
    }
    return QString();
}

} // namespace

std::optional<EnvVarsFile> EnvVarsFile::load(const QString &path, Problem *problem)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (problem) {
            *problem = Problem{};
            problem->file = path;
            problem->message = u"cannot read the env-vars file: %1"_s.arg(file.errorString());
        }
        return std::nullopt;
    }
    return fromJson(file.readAll(), path, problem);
}

std::optional<EnvVarsFile> EnvVarsFile::fromJson(const QByteArray &json, const QString &fileName,
                                                 Problem *problem)
{
    auto fail = [&](int line, int column, const QString &message) {
        if (problem) {
            *problem = Problem{};
            problem->file = fileName;
            problem->line = line;
            problem->column = column;
            problem->message = message;
        }
        return std::nullopt;
    };
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json.constBegin(), json.constEnd());
    } catch (const nlohmann::json::parse_error &e) {
        // e.byte is 1-based and points just past the offending character.
        const qsizetype offset = qMax<qsizetype>(0, qsizetype(e.byte) - 1);
        const QByteArray before = json.left(offset);
        const int line = int(before.count('\n')) + 1;
        const int column = int(offset - (before.lastIndexOf('\n') + 1)) + 1;
        return fail(line, column, u"invalid JSON in the env-vars file"_s);
    }
    if (!doc.is_object()) {
        return fail(1, 1, u"the env-vars file must be a JSON object like "
                          u"{\"Parameters\": {\"VAR\": \"value\"}, \"MyFunction\": {…}}"_s);
    }
    EnvVarsFile out;
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        if (!it.value().is_object()) {
            return fail(0, 0, u"\"%1\" in the env-vars file must be an object of variable names "
                              u"to values"_s.arg(QString::fromStdString(it.key())));
        }
        QMap<QString, QString> vars;
        for (auto v = it.value().begin(); v != it.value().end(); ++v) {
            vars.insert(QString::fromStdString(v.key()), stringify(v.value()));
        }
        out.m_sections.insert(QString::fromStdString(it.key()), vars);
    }
    return out;
}

QMap<QString, QString> EnvVarsFile::globalVariables() const
{
    return m_sections.value(QLatin1StringView(kParameters));
}

QMap<QString, QString> EnvVarsFile::section(const QString &key) const
{
    return m_sections.value(key);
}

QMap<QString, QString> EnvVarsFile::variablesFor(const FunctionConfig &function) const
{
    QMap<QString, QString> vars = globalVariables();
    // SAM CLI looks the function up by logical id first, then by its name.
    auto own = m_sections.constFind(function.logicalId);
    if (own == m_sections.constEnd() && !function.functionName.isEmpty()) {
        own = m_sections.constFind(function.functionName);
    }
    if (own != m_sections.constEnd()) {
        for (auto it = own->cbegin(); it != own->cend(); ++it) {
            vars.insert(it.key(), it.value());
        }
    }
    return vars;
}

QStringList EnvVarsFile::applyTo(FunctionConfig &function) const
{
    QStringList changed;
    const QMap<QString, QString> vars = variablesFor(function);
    for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
        auto declared = function.environment.find(it.key());
        if (declared == function.environment.end()) {
            continue; // SAM CLI only overrides variables the template declares
        }
        if (declared.value() != it.value()) {
            declared.value() = it.value();
            changed.append(it.key());
        }
    }
    return changed;
}

void applyEnvVarsOverrides(std::vector<FunctionConfig> &functions, const EnvVarsFile &file)
{
    for (FunctionConfig &function : functions) {
        file.applyTo(function);
    }
}

} // namespace Lwb
