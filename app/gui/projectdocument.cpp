// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectdocument.h"

#include "commands/changefunctionproperty.h"

#include <QtGui/QUndoStack>

using namespace Qt::StringLiterals;

namespace Lwb {

ProjectDocument::ProjectDocument(QObject *parent)
    : QObject(parent), m_template(std::make_unique<SamTemplate>()),
      m_undoStack(new QUndoStack(this))
{
}

ProjectDocument::~ProjectDocument() = default;

bool ProjectDocument::load(const QString &templatePath, Problems *problems)
{
    auto opened = std::make_unique<SamTemplate>();
    const bool ok = opened->load(templatePath);
    if (problems) {
        *problems = opened->problems();
    }
    if (!ok) {
        return false;
    }
    m_template = std::move(opened);
    m_undoStack->clear();
    m_savedJson = m_template->toJson();
    updateModified();
    Q_EMIT loaded();
    return true;
}

bool ProjectDocument::save(QString *error)
{
    if (!m_template->save()) {
        if (error) {
            const Problems &problems = m_template->problems();
            *error = problems.isEmpty() ? tr("could not write %1").arg(path())
                                        : problems.last().message;
        }
        return false;
    }
    m_undoStack->setClean();
    m_savedJson = m_template->toJson();
    updateModified();
    Q_EMIT saved();
    return true;
}

void ProjectDocument::updateModified()
{
    const bool modified = m_template->toJson() != m_savedJson;
    if (modified != m_modified) {
        m_modified = modified;
        Q_EMIT modifiedChanged(modified);
    }
}

bool ProjectDocument::applyFunctionProperty(const QString &logicalId, const QString &propertyPath,
                                            const std::optional<nlohmann::json> &value,
                                            QString *error)
{
    bool ok = true;
    if (value) {
        ok = m_template->setFunctionProperty(logicalId, propertyPath, *value, error);
    } else if (m_template->functionProperty(logicalId, propertyPath)) {
        ok = m_template->removeFunctionProperty(logicalId, propertyPath, error);
        // Maps that only held what was removed go too: undoing an edit of
        // Environment.Variables.X leaves no empty Environment behind.
        QStringList parents = propertyPath.split(u'.');
        parents.removeLast();
        while (ok && !parents.isEmpty()) {
            const QString parent = parents.join(u'.');
            const auto value = m_template->functionProperty(logicalId, parent);
            if (!value || !value->is_object() || !value->empty()) {
                break;
            }
            ok = m_template->removeFunctionProperty(logicalId, parent, error);
            parents.removeLast();
        }
    }
    if (ok) {
        updateModified();
        Q_EMIT functionChanged(logicalId);
    }
    return ok;
}

bool ProjectDocument::changeFunctionProperty(const QString &logicalId, const QString &propertyPath,
                                             const std::optional<nlohmann::json> &value,
                                             const QString &text, QString *error)
{
    const std::optional<nlohmann::json> before =
        m_template->functionProperty(logicalId, propertyPath);
    if (before == value) {
        return true;
    }
    if (!applyFunctionProperty(logicalId, propertyPath, value, error)) {
        return false;
    }
    m_undoStack->push(new ChangeFunctionProperty(
        this, logicalId, propertyPath, before, value,
        text.isEmpty() ? tr("Change %1 of %2").arg(propertyPath, logicalId) : text));
    return true;
}

} // namespace Lwb
