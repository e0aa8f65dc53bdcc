// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "triggereditorfallback.h"

#include "triggers/triggerfactory.h"

#include <QtGui/QFontDatabase>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lwb {

TriggerEditorFallback::TriggerEditorFallback(const TriggerFactory *factory,
                                             const QString &eventType, QWidget *parent)
    : TriggerEditor(factory, eventType, parent)
    , m_text(new QPlainTextEdit(this))
{
    m_text->setObjectName(u"properties"_s);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setTabChangesFocus(true);
    m_text->setPlaceholderText(u"{ }"_s);
    auto *hint = new QLabel(tr("%1 has no editor of its own: the event's Properties, as JSON.")
                                .arg(factory->displayName()),
                            this);
    hint->setWordWrap(true);
    auto *form = new QVBoxLayout;
    form->addWidget(hint);
    form->addWidget(m_text);
    setForm(form);
    connect(m_text, &QPlainTextEdit::textChanged, this, &TriggerEditor::changed);
    setConfiguration(nlohmann::json::object());
}

void TriggerEditorFallback::setConfiguration(const nlohmann::json &properties)
{
    m_text->setPlainText(QString::fromStdString(properties.dump(2)));
}

nlohmann::json TriggerEditorFallback::configuration() const
{
    const nlohmann::json parsed =
        nlohmann::json::parse(m_text->toPlainText().toStdString(), nullptr, false);
    return parsed.is_discarded() ? nlohmann::json() : parsed;
}

QStringList TriggerEditorFallback::inputErrors() const
{
    try {
        [[maybe_unused]] const nlohmann::json parsed =
            nlohmann::json::parse(m_text->toPlainText().toStdString());
    } catch (const nlohmann::json::parse_error &e) {
        // what() is "[json.exception.parse_error.101] parse error at line 1, column 2: …".
        const QString what = QString::fromUtf8(e.what());
        return {tr("Not valid JSON: %1").arg(what.mid(what.indexOf(u"] "_s) + 2))};
    }
    return {};
}

} // namespace Lwb
