// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "triggereditor.h"

#include "triggers/triggerfactory.h"

#include <QtWidgets/QLabel>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lwb {

TriggerEditor::TriggerEditor(const TriggerFactory *factory, const QString &eventType,
                             QWidget *parent)
    : QWidget(parent)
    , m_factory(factory)
    , m_eventType(eventType)
    , m_messages(new QLabel(this))
{
    m_messages->setObjectName(u"validationErrors"_s);
    m_messages->setWordWrap(true);
    m_messages->setTextFormat(Qt::PlainText);
    m_messages->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_messages->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    m_messages->setPalette(palette);
    m_messages->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addStretch();
    connect(this, &TriggerEditor::changed, this, &TriggerEditor::showValidation);
}

TriggerEditor::~TriggerEditor() = default;

void TriggerEditor::setEventType(const QString &eventType)
{
    if (eventType == m_eventType) {
        return;
    }
    m_eventType = eventType;
    eventTypeChanged();
    Q_EMIT changed();
}

QStringList TriggerEditor::validationErrors() const
{
    QStringList errors = inputErrors();
    if (errors.isEmpty()) {
        m_factory->validate(m_eventType, configuration(), &errors);
    }
    return errors;
}

void TriggerEditor::setForm(QLayout *form)
{
    static_cast<QVBoxLayout *>(layout())->insertLayout(0, form);
}

QStringList TriggerEditor::inputErrors() const
{
    return {};
}

void TriggerEditor::eventTypeChanged() {}

void TriggerEditor::showValidation()
{
    const QStringList errors = validationErrors();
    m_messages->setText(errors.join(u'\n'));
    m_messages->setVisible(!errors.isEmpty());
}

} // namespace Lwb
