// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventdesigner.h"

#include "codeeditor.h"

#include "project/savedeventsmodel.h"
#include "triggers/eventcatalogue.h"

#include <QtCore/QFile>
#include <QtCore/QRegularExpression>
#include <QtGui/QAction>
#include <QtGui/QRegularExpressionValidator>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

/** The Lambda console's default test event ("hello-world"). */
constexpr auto kHelloWorld =
    "{\n  \"key1\": \"value1\",\n  \"key2\": \"value2\",\n  \"key3\": \"value3\"\n}\n";
constexpr int kMaxNameLength = 25;

/** A valid event name made of @p text ("S3 Put" → "s3-put"). */
QString eventName(const QString &text)
{
    static const QRegularExpression invalid(u"[^A-Za-z0-9._-]+"_s);
    return text.toLower().replace(invalid, u"-"_s).left(kMaxNameLength);
}

} // namespace

EventDesigner::EventDesigner(const EventCatalogue *catalogue, QWidget *parent)
    : QWidget(parent), m_catalogue(catalogue), m_model(new SavedEventsModel(this)),
      m_events(new QComboBox(this)), m_templates(new QMenu(this)), m_name(new QLineEdit(this)),
      m_editor(new CodeEditor(this)), m_status(new QLabel(this))
{
    if (!m_catalogue) {
        m_ownCatalogue = std::make_unique<EventCatalogue>();
        m_catalogue = m_ownCatalogue.get();
    }
    m_events->setObjectName(u"eventBox"_s);
    m_events->setModel(m_model);
    m_events->setPlaceholderText(tr("(new event)"));
    m_events->setMinimumContentsLength(16);
    m_events->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *templateButton = new QToolButton(this);
    templateButton->setObjectName(u"templateButton"_s);
    templateButton->setText(tr("New from template"));
    templateButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    templateButton->setPopupMode(QToolButton::InstantPopup);
    templateButton->setMenu(m_templates);
    buildTemplateMenu();

    m_name->setObjectName(u"nameField"_s);
    m_name->setPlaceholderText(tr("Event name"));
    m_name->setMaxLength(kMaxNameLength);
    m_name->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"[A-Za-z0-9._-]{0,25}"_s), m_name));

    auto button = [this](const QString &name, const QString &text, auto slot) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        connect(b, &QPushButton::clicked, this, slot);
        return b;
    };
    QPushButton *saveButton = button(u"saveButton"_s, tr("Save"), [this] { save(); });
    QPushButton *saveAsButton = button(u"saveAsButton"_s, tr("Save as…"), [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save Event As"), tr("Event name:"),
                                                   QLineEdit::Normal, m_name->text(), &ok);
        if (ok) {
            saveAs(name);
        }
    });
    QPushButton *duplicateButton =
        button(u"duplicateButton"_s, tr("Duplicate"), [this] { duplicate(); });
    QPushButton *renameButton = button(u"renameButton"_s, tr("Rename…"), [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename Event"), tr("New name:"),
                                                   QLineEdit::Normal, m_current, &ok);
        if (ok) {
            rename(name);
        }
    });
    QPushButton *deleteButton = button(u"deleteButton"_s, tr("Delete"), [this] {
        if (!m_current.isEmpty() &&
            QMessageBox::question(this, tr("Delete Event"),
                                  tr("Delete the saved event '%1'?").arg(m_current)) ==
                QMessageBox::Yes) {
            remove();
        }
    });
    // Ctrl+S saves the event while the focus is in the designer; the code editor next to it
    // has its own (a window-wide shortcut would make both ambiguous).
    auto *saveAction = new QAction(this);
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(saveAction, &QAction::triggered, this, [this] { save(); });
    addAction(saveAction);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Event:"), this));
    top->addWidget(m_events, 1);
    top->addWidget(templateButton);
    top->addWidget(deleteButton);
    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(new QLabel(tr("Name:"), this));
    nameRow->addWidget(m_name, 1);
    nameRow->addWidget(saveButton);
    nameRow->addWidget(saveAsButton);
    nameRow->addWidget(duplicateButton);
    nameRow->addWidget(renameButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(nameRow);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_status);

    m_editor->setLanguage(CodeEditor::Language::Json);
    m_status->setObjectName(u"validationLabel"_s);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    connect(m_editor, &CodeEditor::textChanged, this, &EventDesigner::validate);
    connect(m_events, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading) {
            loadSelected();
        }
    });
    m_editor->setText(QString::fromLatin1(kHelloWorld));
}

EventDesigner::~EventDesigner() = default;

void EventDesigner::setFunction(const QString &projectDir, const QString &functionLogicalId)
{
    m_loading = true;
    m_model->setFunction(projectDir, functionLogicalId);
    m_loading = false;
    if (m_model->rowCount() > 0) {
        select(m_model->name(0));
    } else {
        m_current.clear();
        m_events->setCurrentIndex(-1);
        m_name->setText(u"hello-world"_s);
        m_editor->setText(QString::fromLatin1(kHelloWorld));
        m_editor->setModified(true);
    }
}

QByteArray EventDesigner::eventJson() const
{
    return m_editor->text().toUtf8();
}

QString EventDesigner::validationMessage() const
{
    return m_status->text();
}

bool EventDesigner::select(const QString &name)
{
    const int row = m_model->row(name);
    if (row < 0) {
        return false;
    }
    if (m_events->currentIndex() == row) {
        loadSelected();
    } else {
        m_events->setCurrentIndex(row);
    }
    return true;
}

void EventDesigner::loadSelected()
{
    const QString name = m_model->name(m_events->currentIndex());
    if (name.isEmpty()) {
        return;
    }
    QString error;
    const auto bytes = m_model->events().load(m_model->functionLogicalId(), name, &error);
    m_current = name;
    m_name->setText(name);
    if (!bytes) {
        // A broken file still opens, so that it can be repaired: its raw text, marked.
        const QByteArray raw = [this, &name] {
            QFile file(m_model->events().filePath(m_model->functionLogicalId(), name));
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }();
        m_editor->setText(QString::fromUtf8(raw));
    } else {
        m_editor->setText(QString::fromUtf8(*bytes));
    }
    m_editor->setModified(false);
}

bool EventDesigner::newFromTemplate(const QString &service, const QString &event)
{
    const EventDefinition *definition = m_catalogue->event(service, event);
    if (!definition) {
        return fail(tr("No event template %1 %2.").arg(service, event));
    }
    QString error;
    const auto rendered = m_catalogue->render(*definition, {}, &error);
    if (!rendered) {
        return fail(error);
    }
    m_loading = true;
    m_events->setCurrentIndex(-1);
    m_loading = false;
    m_current.clear();
    m_name->setText(eventName(definition->service + u'-' + definition->name));
    m_editor->setText(QString::fromStdString(rendered->dump(2)) + u'\n');
    m_editor->setModified(true);
    Q_EMIT message(tr("New event from the %1 template; name it and save.").arg(definition->title));
    return true;
}

bool EventDesigner::save()
{
    return saveAs(m_name->text());
}

bool EventDesigner::saveAs(const QString &name)
{
    if (!m_valid) {
        return fail(tr("Not saved: %1").arg(validationMessage()));
    }
    QString error;
    if (!m_model->save(name, eventJson(), &error)) {
        return fail(error);
    }
    select(name);
    Q_EMIT message(
        tr("Saved %1").arg(m_model->events().filePath(m_model->functionLogicalId(), name)));
    return true;
}

bool EventDesigner::duplicate()
{
    const QString base =
        (m_current.isEmpty() ? m_name->text() : m_current).left(kMaxNameLength - 7);
    QString name = base + u"-copy"_s;
    for (int i = 2; m_model->row(name) >= 0; ++i) {
        name = base + u"-copy"_s + QString::number(i);
    }
    return saveAs(name);
}

bool EventDesigner::rename(const QString &name)
{
    if (m_current.isEmpty()) {
        return fail(tr("Save the event before renaming it."));
    }
    QString error;
    if (!m_model->rename(m_current, name, &error)) {
        return fail(error);
    }
    select(name);
    return true;
}

bool EventDesigner::remove()
{
    if (m_current.isEmpty()) {
        return fail(tr("No saved event is selected."));
    }
    QString error;
    const QString removed = m_current;
    if (!m_model->remove(removed, &error)) {
        return fail(error);
    }
    m_current.clear();
    if (m_model->rowCount() > 0) {
        select(m_model->name(0));
    } else {
        m_events->setCurrentIndex(-1);
    }
    Q_EMIT message(tr("Deleted %1").arg(removed));
    return true;
}

void EventDesigner::validate()
{
    const QByteArray bytes = eventJson();
    try {
        [[maybe_unused]] const auto parsed =
            nlohmann::json::parse(bytes.constBegin(), bytes.constEnd());
        m_valid = true;
        m_editor->clearErrors();
        m_status->setStyleSheet({});
        m_status->setText(tr("Valid JSON (%n byte(s))", nullptr, int(bytes.size())));
        Q_EMIT eventChanged(bytes);
    } catch (const nlohmann::json::parse_error &e) {
        m_valid = false;
        static const QRegularExpression prefix(u"^\\[json\\.exception\\.[^\\]]*\\] "_s);
        const QString text = QString::fromUtf8(e.what()).remove(prefix);
        // e.byte is 1-based and points one past the offending character.
        m_editor->setErrorAt(int(qMax<size_t>(e.byte, 1) - 1), text);
        m_status->setStyleSheet(u"color: #c62828"_s);
        m_status->setText(text);
    }
}

void EventDesigner::buildTemplateMenu()
{
    m_templates->clear();
    for (const EventService &service : m_catalogue->services()) {
        QMenu *menu = m_templates->addMenu(service.title.isEmpty() ? service.name : service.title);
        for (const EventDefinition &event : service.events) {
            QAction *action = menu->addAction(event.title.isEmpty() ? event.name : event.title);
            action->setToolTip(event.help);
            action->setData(QStringList{service.name, event.name});
            connect(action, &QAction::triggered, this,
                    [this, s = service.name, n = event.name] { newFromTemplate(s, n); });
        }
    }
}

bool EventDesigner::fail(const QString &text)
{
    Q_EMIT message(text);
    return false;
}

} // namespace Lwb
