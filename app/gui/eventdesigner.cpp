// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventdesigner.h"

#include "commands/changetestevents.h"

#include "codeeditor.h"
#include "jsonvaluedelegate.h"

#include "project/jsontreemodel.h"
#include "project/savedeventsmodel.h"
#include "triggers/eventcatalogue.h"

#include <QtCore/QFile>
#include <QtCore/QRegularExpression>
#include <QtGui/QAction>
#include <QtGui/QRegularExpressionValidator>
#include <QtGui/QUndoStack>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QStackedWidget>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QTreeView>
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
      m_editor(new CodeEditor(this)), m_status(new QLabel(this)), m_views(new QStackedWidget(this)),
      m_jsonButton(new QToolButton(this)), m_formButton(new QToolButton(this)),
      m_formModel(new JsonTreeModel(this)), m_form(new QTreeView(this)),
      m_formMessage(new QLabel(this))
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

    // JSON | Form: two exclusive buttons over the two views of the same text.
    auto viewButton = [this](QToolButton *b, const QString &name, const QString &text, View view) {
        b->setObjectName(name);
        b->setText(text);
        b->setCheckable(true);
        b->setAutoExclusive(true);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        connect(b, &QToolButton::clicked, this, [this, view] { setView(view); });
    };
    viewButton(m_jsonButton, u"jsonViewButton"_s, tr("JSON"), View::Json);
    viewButton(m_formButton, u"formViewButton"_s, tr("Form"), View::Form);
    m_jsonButton->setChecked(true);
    m_jsonButton->setToolTip(tr("Edit the event as JSON text"));
    m_formButton->setToolTip(tr("Edit the event's values as a form"));

    m_form->setObjectName(u"formView"_s);
    m_form->setModel(m_formModel);
    m_form->setItemDelegate(new JsonValueDelegate(m_form));
    m_form->setAlternatingRowColors(true);
    m_form->setUniformRowHeights(true);
    m_form->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::SelectedClicked);
    m_form->header()->setStretchLastSection(false);
    m_form->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_form->header()->setSectionResizeMode(JsonTreeModel::TypeColumn,
                                           QHeaderView::ResizeToContents);
    m_formMessage->setObjectName(u"formMessage"_s);
    m_formMessage->setWordWrap(true);
    m_formMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_formMessage->setStyleSheet(u"color: #c62828"_s);
    m_formMessage->hide();
    auto *formPage = new QWidget(this);
    formPage->setObjectName(u"formPage"_s);
    auto *formLayout = new QVBoxLayout(formPage);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addWidget(m_formMessage);
    formLayout->addWidget(m_form, 1);
    m_views->addWidget(m_editor);
    m_views->addWidget(formPage);
    connect(m_formModel, &JsonTreeModel::dataChanged, this, &EventDesigner::applyFormEdit);

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
    auto *viewRow = new QHBoxLayout;
    viewRow->setSpacing(0);
    viewRow->addWidget(m_jsonButton);
    viewRow->addWidget(m_formButton);
    viewRow->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(nameRow);
    layout->addLayout(viewRow);
    layout->addWidget(m_views, 1);
    layout->addWidget(m_status);

    m_editor->setLanguage(CodeEditor::Language::Json);
    m_status->setObjectName(u"validationLabel"_s);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    connect(m_editor, &CodeEditor::textChanged, this, [this] {
        if (!m_applyingForm) {
            validate();
        }
    });
    connect(m_events, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading) {
            loadSelected();
        }
    });
    m_editor->setText(QString::fromLatin1(kHelloWorld));
}

EventDesigner::~EventDesigner()
{
    // The form's open value editor commits when its view is destroyed, which happens in
    // ~QWidget after this object's members are gone: the children must not call back in.
    disconnect(m_formModel, nullptr, this, nullptr);
    disconnect(m_editor, nullptr, this, nullptr);
}

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
    // A broken file must not leave the previous event in the (disabled) form.
    m_formSource.clear();
    m_formStale = true;
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

bool EventDesigner::recorded(const QString &text, const QStringList &names,
                             const std::function<bool()> &change)
{
    if (!m_undoStack) {
        return change();
    }
    const SavedEvents &events = m_model->events();
    const QString function = m_model->functionLogicalId();
    auto contents = [&] {
        ChangeTestEvents::Contents result;
        for (const QString &name : names) {
            QFile file(events.filePath(function, name));
            result.insert(name, file.open(QIODevice::ReadOnly)
                                    ? std::optional<QByteArray>(file.readAll())
                                    : std::nullopt);
        }
        return result;
    };
    ChangeTestEvents::Contents before = contents();
    if (!change()) {
        return false;
    }
    m_undoStack->push(new ChangeTestEvents(m_model, events.projectDir(), function,
                                           std::move(before), contents(), text));
    return true;
}

bool EventDesigner::saveAs(const QString &name)
{
    if (!m_valid) {
        return fail(tr("Not saved: %1").arg(validationMessage()));
    }
    QString error;
    if (!recorded(tr("Save test event %1").arg(name), {name},
                  [&] { return m_model->save(name, eventJson(), &error); })) {
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
    if (!recorded(tr("Rename test event %1 to %2").arg(m_current, name), {m_current, name},
                  [&] { return m_model->rename(m_current, name, &error); })) {
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
    if (!recorded(tr("Delete test event %1").arg(removed), {removed},
                  [&] { return m_model->remove(removed, &error); })) {
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
        m_formSource = bytes;
        // A form edit wrote this text: the form already holds it (and its editor may still be
        // open), so it is not rebuilt.
        if (!m_applyingForm) {
            m_formStale = true;
            if (view() == View::Form) {
                refreshForm();
            }
        }
        m_form->setEnabled(true);
        m_formMessage->hide();
        Q_EMIT eventChanged(bytes);
    } catch (const nlohmann::json::parse_error &e) {
        m_valid = false;
        static const QRegularExpression prefix(u"^\\[json\\.exception\\.[^\\]]*\\] "_s);
        const QString text = QString::fromUtf8(e.what()).remove(prefix);
        // e.byte is 1-based and points one past the offending character.
        m_editor->setErrorAt(int(qMax<size_t>(e.byte, 1) - 1), text);
        m_status->setStyleSheet(u"color: #c62828"_s);
        m_status->setText(text);
        if (view() == View::Form) {
            refreshForm(); // the last valid text: empty when a broken file was just opened
        }
        m_form->setEnabled(false);
        m_formMessage->setText(
            tr("The JSON text has an error; fix it in the JSON view to edit the form. %1")
                .arg(text));
        m_formMessage->show();
    }
}

EventDesigner::View EventDesigner::view() const
{
    return m_views->currentIndex() == 1 ? View::Form : View::Json;
}

void EventDesigner::setView(View view)
{
    (view == View::Form ? m_formButton : m_jsonButton)->setChecked(true);
    if (view == View::Form) {
        refreshForm();
    }
    m_views->setCurrentIndex(view == View::Form ? 1 : 0);
}

void EventDesigner::refreshForm()
{
    if (!m_formStale) {
        return;
    }
    m_formStale = false;
    const QModelIndex current = m_form->currentIndex();
    const QString currentPointer = current.data(JsonTreeModel::PointerRole).toString();
    // m_formSource is empty (an empty form) or text that parsed as JSON.
    m_formModel->setJson(
        m_formSource.isEmpty()
            ? nlohmann::ordered_json::object()
            : nlohmann::ordered_json::parse(m_formSource.constBegin(), m_formSource.constEnd()));
    m_form->expandAll();
    m_form->resizeColumnToContents(JsonTreeModel::KeyColumn);
    if (current.isValid()) {
        m_form->setCurrentIndex(m_formModel->indexOf(currentPointer, current.column()));
    }
}

void EventDesigner::applyFormEdit()
{
    const QByteArray text = QByteArray::fromStdString(m_formModel->json().dump(2)) + '\n';
    const int firstLine = m_editor->firstVisibleLine();
    m_applyingForm = true;
    // SCI_SETTEXT directly: QsciScintilla::setText() would also empty the undo history, and
    // a form edit should be one step that Ctrl+Z in the JSON view takes back.
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETTEXT, 0UL, text.constData());
    m_editor->setFirstVisibleLine(firstLine);
    validate();
    m_applyingForm = false;
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
