// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "triggerdesigner.h"

#include "projectdocument.h"
#include "triggerdesignerdiagram.h"
#include "triggerdesignermodel.h"
#include "triggereditor.h"
#include "triggereditormanager.h"

#include "triggers/pluginmanager.h"
#include "triggers/triggerfactory.h"

#include <QtCore/QRegularExpression>
#include <QtGui/QUndoStack>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStackedWidget>
#include <QtWidgets/QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

const QString kOnSuccess = u"OnSuccess"_s;
const QString kOnFailure = u"OnFailure"_s;
const QString kDeadLetterQueue = u"DeadLetterQueue"_s;

QString destinationPath(const QString &key)
{
    return key == kDeadLetterQueue ? key : u"EventInvokeConfig.DestinationConfig."_s + key;
}

const char *targetKey(const QString &key)
{
    return key == kDeadLetterQueue ? "TargetArn" : "Destination";
}

QString conditionName(const QString &key)
{
    if (key == kOnSuccess) {
        return TriggerDesigner::tr("On success");
    }
    if (key == kOnFailure) {
        return TriggerDesigner::tr("On failure");
    }
    return TriggerDesigner::tr("Dead-letter queue");
}

/** The destination types of SAM's DestinationConfig (and the two a DLQ takes). */
struct DestinationType
{
    QString type;
    QString name;
    QStringList resourceTypes; ///< template resources it can point at
    QString arnService;        ///< the service part of its ARNs
};

const std::vector<DestinationType> &destinationTypes()
{
    static const std::vector<DestinationType> types = {
        {u"SQS"_s, TriggerDesigner::tr("SQS queue"), {u"AWS::SQS::Queue"_s}, u"sqs"_s},
        {u"SNS"_s, TriggerDesigner::tr("SNS topic"), {u"AWS::SNS::Topic"_s}, u"sns"_s},
        {u"Lambda"_s,
         TriggerDesigner::tr("Lambda function"),
         {u"AWS::Serverless::Function"_s, u"AWS::Lambda::Function"_s},
         u"lambda"_s},
        {u"EventBridge"_s,
         TriggerDesigner::tr("EventBridge event bus"),
         {u"AWS::Events::EventBus"_s},
         u"events"_s},
    };
    return types;
}

const DestinationType *destinationType(const QString &type)
{
    for (const DestinationType &t : destinationTypes()) {
        if (t.type == type) {
            return &t;
        }
    }
    return nullptr;
}

/** A destination's target as the form shows it: "Queue" for !GetAtt Queue.Arn or !Ref Queue. */
std::optional<QString> targetText(const nlohmann::json &value)
{
    if (value.is_string()) {
        return QString::fromStdString(value.get<std::string>());
    }
    if (value.is_object() && value.size() == 1) {
        const nlohmann::json &arg = value.begin().value();
        if (value.begin().key() == "Ref" && arg.is_string()) {
            return QString::fromStdString(arg.get<std::string>());
        }
        if (value.begin().key() == "Fn::GetAtt" && arg.is_array() && arg.size() == 2 &&
            arg[0].is_string() && arg[1] == "Arn") {
            return QString::fromStdString(arg[0].get<std::string>());
        }
    }
    return std::nullopt;
}

QLabel *secondaryLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QLabel *errorLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, QColor(0xD9, 0x15, 0x15));
    label->setPalette(pal);
    label->hide();
    return label;
}

void setError(QLabel *label, const QString &message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

QLabel *pageTitle(QWidget *parent)
{
    auto *title = new QLabel(parent);
    QFont font = title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    title->setFont(font);
    title->setTextFormat(Qt::PlainText);
    return title;
}

} // namespace

TriggerDesigner::TriggerDesigner(const PluginManager &plugins, const TriggerEditorManager &editors,
                                 QWidget *parent)
    : QWidget(parent), m_plugins(plugins), m_editors(editors),
      m_model(new TriggerDesignerModel(this)), m_diagram(new TriggerDesignerDiagram(m_model)),
      m_pages(new QStackedWidget), m_error(errorLabel(u"designerError"_s, this))
{
    setObjectName(u"triggerDesigner"_s);

    m_hintPage = new QWidget;
    m_hint = secondaryLabel(m_hintPage);
    m_hint->setObjectName(u"designerHint"_s);
    auto *hintLayout = new QVBoxLayout(m_hintPage);
    hintLayout->addWidget(m_hint);
    hintLayout->addStretch();
    m_pages->addWidget(m_hintPage);

    buildTriggerPages();
    buildFunctionPage();
    buildDestinationPage();

    auto *diagramArea = new QScrollArea;
    diagramArea->setObjectName(u"diagramArea"_s);
    diagramArea->setWidget(m_diagram);
    diagramArea->setWidgetResizable(true);
    diagramArea->setFrameShape(QFrame::NoFrame);

    auto *details = new QWidget;
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->addWidget(m_error);
    detailsLayout->addWidget(m_pages);
    detailsLayout->addStretch();
    auto *detailsArea = new QScrollArea;
    detailsArea->setWidget(details);
    detailsArea->setWidgetResizable(true);
    detailsArea->setFrameShape(QFrame::NoFrame);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(diagramArea);
    m_splitter->addWidget(detailsArea);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TriggerDesigner::fitDiagram);

    connect(m_diagram, &TriggerDesignerDiagram::clicked, this, &TriggerDesigner::select);
    connect(m_diagram, &TriggerDesignerDiagram::deleteRequested, this, [this](const QString &id) {
        const int row = m_model->rowOf(id);
        const QString key = m_model->index(row).data(TriggerDesignerModel::KeyRole).toString();
        if (id == TriggerDesignerModel::triggerId(key)) {
            removeTrigger(key);
        } else if (id == TriggerDesignerModel::destinationId(key)) {
            removeDestination(key);
        }
    });
    connect(m_diagram->addTriggerButton(), &QPushButton::clicked, this,
            &TriggerDesigner::showAddTrigger);
    connect(m_diagram->addDestinationButton(), &QPushButton::clicked, this,
            &TriggerDesigner::showAddDestination);

    reloadAll();
}

TriggerDesigner::~TriggerDesigner() = default;

void TriggerDesigner::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitDiagram();
}

void TriggerDesigner::fitDiagram()
{
    // The diagram gets the height it needs, up to two thirds; the details take the rest.
    const int total = m_splitter ? m_splitter->height() - m_splitter->handleWidth() : 0;
    if (total <= 0) {
        return;
    }
    const int diagram = std::min(m_diagram->sizeHint().height() + 2, total * 2 / 3);
    m_splitter->setSizes({diagram, total - diagram});
}

void TriggerDesigner::buildTriggerPages()
{
    // "Add trigger": a type from any loaded plugin and a free name.
    m_addTriggerPage = new QWidget;
    auto *title = pageTitle(m_addTriggerPage);
    title->setText(tr("Add trigger"));
    m_triggerType = new QComboBox(m_addTriggerPage);
    m_triggerType->setObjectName(u"triggerType"_s);
    m_triggerTypeDescription = secondaryLabel(m_addTriggerPage);
    m_triggerTypeDescription->setObjectName(u"triggerTypeDescription"_s);
    m_triggerName = new QLineEdit(m_addTriggerPage);
    m_triggerName->setObjectName(u"triggerName"_s);
    m_triggerNameError = errorLabel(u"triggerNameError"_s, m_addTriggerPage);
    m_addTriggerConfirm = new QPushButton(tr("Add"), m_addTriggerPage);
    m_addTriggerConfirm->setObjectName(u"addTriggerConfirm"_s);
    m_addTriggerConfirm->setDefault(true);
    auto *cancel = new QPushButton(tr("Cancel"), m_addTriggerPage);
    cancel->setObjectName(u"addTriggerCancel"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("Trigger type"), m_triggerType);
    form->addRow(QString(), m_triggerTypeDescription);
    form->addRow(tr("Event name"), m_triggerName);
    form->addRow(QString(), m_triggerNameError);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(cancel);
    buttons->addWidget(m_addTriggerConfirm);
    auto *layout = new QVBoxLayout(m_addTriggerPage);
    layout->addWidget(title);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addStretch(); // the pages share the height of the tallest
    m_pages->addWidget(m_addTriggerPage);

    connect(m_triggerType, &QComboBox::currentIndexChanged, this, [this] {
        const QString type = m_triggerType->currentData().toString();
        const TriggerFactory *factory = m_plugins.factoryForEventType(type);
        QString description;
        for (const PluginSpec &spec : m_plugins.plugins()) {
            if (spec.factory && spec.factory == factory) {
                description = spec.description;
            }
        }
        m_triggerTypeDescription->setText(description);
        m_triggerName->setText(uniqueTriggerName(type));
    });
    connect(m_triggerName, &QLineEdit::textChanged, this, &TriggerDesigner::updateAddTriggerForm);
    auto add = [this] {
        QString error;
        if (!addTrigger(m_triggerType->currentData().toString(), m_triggerName->text().trimmed(),
                        &error)) {
            setError(m_triggerNameError, error);
        }
    };
    connect(m_addTriggerConfirm, &QPushButton::clicked, this, add);
    connect(m_triggerName, &QLineEdit::returnPressed, this, add);
    connect(cancel, &QPushButton::clicked, this, [this] { select(QString()); });

    // A trigger: its name and type, Remove, and its plugin's editor.
    m_triggerPage = new QWidget;
    m_triggerTitle = pageTitle(m_triggerPage);
    m_triggerTitle->setObjectName(u"triggerTitle"_s);
    auto *remove = new QPushButton(tr("Remove"), m_triggerPage);
    remove->setObjectName(u"removeTrigger"_s);
    m_triggerNote = secondaryLabel(m_triggerPage);
    m_triggerNote->setObjectName(u"triggerNote"_s);
    auto *header = new QHBoxLayout;
    header->addWidget(m_triggerTitle, 1);
    header->addWidget(remove);
    m_editorLayout = new QVBoxLayout;
    m_editorLayout->setContentsMargins(0, 0, 0, 0);
    auto *triggerLayout = new QVBoxLayout(m_triggerPage);
    triggerLayout->addLayout(header);
    triggerLayout->addWidget(m_triggerNote);
    triggerLayout->addLayout(m_editorLayout);
    triggerLayout->addStretch();
    m_pages->addWidget(m_triggerPage);
    connect(remove, &QPushButton::clicked, this, [this] { removeTrigger(m_editorTrigger); });
}

void TriggerDesigner::buildFunctionPage()
{
    m_functionPage = new QWidget;
    auto *title = pageTitle(m_functionPage);
    title->setText(tr("Asynchronous invocation"));
    m_functionNote = secondaryLabel(m_functionPage);
    m_functionNote->setObjectName(u"functionNote"_s);
    m_retries = new QSpinBox(m_functionPage);
    m_retries->setObjectName(u"maximumRetryAttempts"_s);
    m_retries->setRange(0, 2);
    m_eventAge = new QSpinBox(m_functionPage);
    m_eventAge->setObjectName(u"maximumEventAge"_s);
    m_eventAge->setRange(60, 21600);
    m_eventAge->setSuffix(tr(" s"));
    auto *form = new QFormLayout;
    form->addRow(tr("Retry attempts"), m_retries);
    form->addRow(tr("Maximum age of event"), m_eventAge);
    auto *layout = new QVBoxLayout(m_functionPage);
    layout->addWidget(title);
    layout->addWidget(m_functionNote);
    layout->addLayout(form);
    layout->addStretch();
    m_pages->addWidget(m_functionPage);
    connect(m_retries, &QSpinBox::valueChanged, this,
            [this](int value) { asyncSettingChanged(u"MaximumRetryAttempts"_s, value); });
    connect(m_eventAge, &QSpinBox::valueChanged, this,
            [this](int value) { asyncSettingChanged(u"MaximumEventAgeInSeconds"_s, value); });
}

void TriggerDesigner::buildDestinationPage()
{
    m_destinationPage = new QWidget;
    m_destinationTitle = pageTitle(m_destinationPage);
    m_destinationTitle->setObjectName(u"destinationTitle"_s);
    m_destinationCondition = new QComboBox(m_destinationPage);
    m_destinationCondition->setObjectName(u"destinationCondition"_s);
    m_destinationType = new QComboBox(m_destinationPage);
    m_destinationType->setObjectName(u"destinationType"_s);
    m_destinationTarget = new QComboBox(m_destinationPage);
    m_destinationTarget->setObjectName(u"destinationTarget"_s);
    m_destinationTarget->setEditable(true);
    m_destinationTarget->setInsertPolicy(QComboBox::NoInsert);
    m_destinationError = errorLabel(u"destinationError"_s, m_destinationPage);
    m_addDestinationConfirm = new QPushButton(tr("Add"), m_destinationPage);
    m_addDestinationConfirm->setObjectName(u"addDestinationConfirm"_s);
    m_addDestinationConfirm->setDefault(true);
    m_removeDestination = new QPushButton(tr("Remove"), m_destinationPage);
    m_removeDestination->setObjectName(u"removeDestination"_s);
    auto *cancel = new QPushButton(tr("Cancel"), m_destinationPage);
    cancel->setObjectName(u"addDestinationCancel"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("Condition"), m_destinationCondition);
    form->addRow(tr("Destination type"), m_destinationType);
    form->addRow(tr("Destination"), m_destinationTarget);
    form->addRow(QString(), m_destinationError);
    auto *header = new QHBoxLayout;
    header->addWidget(m_destinationTitle, 1);
    header->addWidget(m_removeDestination);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(cancel);
    buttons->addWidget(m_addDestinationConfirm);
    auto *layout = new QVBoxLayout(m_destinationPage);
    layout->addLayout(header);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addStretch();
    m_pages->addWidget(m_destinationPage);

    connect(m_destinationCondition, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading) {
            fillDestinationTypes(m_destinationCondition->currentData().toString());
        }
    });
    connect(m_destinationType, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading) {
            fillDestinationTargets();
            destinationFieldsChanged();
        }
    });
    connect(m_destinationTarget, &QComboBox::currentTextChanged, this,
            &TriggerDesigner::destinationFieldsChanged);
    connect(m_addDestinationConfirm, &QPushButton::clicked, this, [this] {
        QString error;
        if (!setDestination(m_destinationCondition->currentData().toString(),
                            m_destinationType->currentData().toString(),
                            m_destinationTarget->currentText().trimmed(), &error)) {
            setError(m_destinationError, error);
        }
    });
    connect(m_removeDestination, &QPushButton::clicked, this,
            [this] { removeDestination(m_destinationKey); });
    connect(cancel, &QPushButton::clicked, this, [this] { select(QString()); });
    cancel->setProperty("addOnly", true);
    m_addDestinationConfirm->setProperty("addOnly", true);
}

void TriggerDesigner::setDocument(ProjectDocument *document)
{
    if (m_document == document) {
        return;
    }
    if (m_document) {
        disconnect(m_document, nullptr, this, nullptr);
    }
    m_document = document;
    m_function.clear();
    if (document) {
        connect(document, &ProjectDocument::functionChanged, this,
                &TriggerDesigner::functionChanged);
        connect(document, &ProjectDocument::loaded, this, &TriggerDesigner::reloadAll);
    }
    reloadAll();
}

void TriggerDesigner::setFunction(const QString &logicalId)
{
    m_function = logicalId;
    reloadAll();
}

void TriggerDesigner::reloadAll()
{
    const bool valid = m_document && !m_function.isEmpty() &&
                       m_document->samTemplate().function(m_function).has_value();
    m_model->setFunction(valid ? &m_document->samTemplate() : nullptr,
                         valid ? m_function : QString());
    m_diagram->addTriggerButton()->setEnabled(valid && isServerlessFunction());
    m_diagram->addDestinationButton()->setEnabled(valid && isServerlessFunction());
    const QString tip = valid && !isServerlessFunction()
                            ? tr("Events and EventInvokeConfig are properties of "
                                 "AWS::Serverless::Function; this is a %1")
                                  .arg(m_document->samTemplate().resourceType(m_function))
                            : QString();
    m_diagram->addTriggerButton()->setToolTip(tip);
    m_diagram->addDestinationButton()->setToolTip(tip);
    m_hint->setText(valid ? tr("Select a trigger, the function or a destination in the diagram.")
                          : tr("Open a project and choose a function to see its triggers and "
                               "destinations."));
    m_triggerType->blockSignals(true);
    m_triggerType->clear();
    for (const QString &type : eventTypes()) {
        m_triggerType->addItem(
            u"%1 — %2"_s.arg(type, m_plugins.factoryForEventType(type)->displayName()), type);
    }
    m_triggerType->setCurrentIndex(-1);
    m_triggerType->blockSignals(false);
    showError(QString());
    select(QString());
}

void TriggerDesigner::functionChanged(const QString &logicalId)
{
    if (logicalId != m_function) {
        return;
    }
    m_model->reload();
    const QWidget *page = m_pages->currentWidget();
    if (page == m_addTriggerPage) {
        updateAddTriggerForm();
        return;
    }
    if (page == m_destinationPage && m_destinationKey.isEmpty()) {
        fillDestinationTypes(m_destinationCondition->currentData().toString());
        return;
    }
    if (!m_current.isEmpty() && m_model->rowOf(m_current) < 0) {
        select(QString()); // removed, by an edit or by undo
        return;
    }
    if (!m_applying) {
        refreshPage(); // undo or redo, or another view's edit
    }
}

void TriggerDesigner::select(const QString &id)
{
    m_current = id;
    m_diagram->setCurrent(id);
    const int row = id.isEmpty() ? -1 : m_model->rowOf(id);
    if (row < 0) {
        m_current.clear();
        m_diagram->setCurrent(QString());
        m_pages->setCurrentWidget(m_hintPage);
        return;
    }
    refreshPage();
}

void TriggerDesigner::refreshPage()
{
    const int row = m_model->rowOf(m_current);
    if (row < 0) {
        return;
    }
    const QModelIndex index = m_model->index(row);
    const QString key = index.data(TriggerDesignerModel::KeyRole).toString();
    switch (index.data(TriggerDesignerModel::KindRole).value<TriggerDesignerModel::Kind>()) {
    case TriggerDesignerModel::Kind::Trigger:
        showTrigger(key);
        break;
    case TriggerDesignerModel::Kind::Destination:
        showDestination(key);
        break;
    case TriggerDesignerModel::Kind::Function: {
        const bool editable = isServerlessFunction();
        const AsyncInvokeConfig config =
            m_document->samTemplate().function(m_function)->asyncConfig;
        m_loading = true;
        m_retries->setValue(config.maximumRetryAttempts);
        m_eventAge->setValue(config.maximumEventAgeSeconds);
        m_loading = false;
        m_retries->setEnabled(editable);
        m_eventAge->setEnabled(editable);
        m_functionNote->setText(
            editable
                ? tr("How Lambda handles events it invokes asynchronously (S3, schedules, "
                     "SNS, the Event invocation type): how often it retries a failed "
                     "invocation, and how long an event may wait in the queue (EventInvokeConfig).")
                : m_diagram->addTriggerButton()->toolTip());
        m_pages->setCurrentWidget(m_functionPage);
        break;
    }
    }
}

void TriggerDesigner::showTrigger(const QString &name)
{
    const nlohmann::json event =
        ownProperty(u"Events."_s + name).value_or(nlohmann::json::object());
    const QString type = event.is_object() && event.value("Type", nlohmann::json()).is_string()
                             ? QString::fromStdString(event["Type"].get<std::string>())
                             : QString();
    const nlohmann::json properties =
        event.is_object() ? event.value("Properties", nlohmann::json::object()) : nlohmann::json();
    const TriggerFactory *factory = m_plugins.factoryForEventType(type);

    m_loading = true;
    if (m_editor && (m_editorTrigger != name || m_editor->factory() != factory)) {
        delete m_editor;
        m_editor = nullptr;
    }
    m_editorTrigger = name;
    if (!m_editor && factory) {
        m_editor = m_editors.createEditor(type, m_triggerPage);
        if (m_editor) {
            m_editor->setObjectName(u"triggerEditor"_s);
            m_editorLayout->addWidget(m_editor);
            connect(m_editor, &TriggerEditor::changed, this, &TriggerDesigner::editorChanged);
        }
    }
    if (m_editor) {
        if (m_editor->eventType() != type) {
            m_editor->setEventType(type);
        }
        if (m_editor->configuration() != properties) {
            m_editor->setConfiguration(properties);
        }
    }
    m_loading = false;

    m_triggerTitle->setText(tr("%1 — %2").arg(name, type));
    m_triggerNote->setText(
        factory ? tr("Event source: %1").arg(factory->displayName())
                : tr("No loaded plugin handles %1 events: the trigger is kept as the template "
                     "writes it (see About Plugins).")
                      .arg(type.isEmpty() ? tr("untyped") : type));
    m_pages->setCurrentWidget(m_triggerPage);
}

void TriggerDesigner::editorChanged()
{
    if (m_loading || !m_editor || !m_document) {
        return;
    }
    const nlohmann::json configuration = m_editor->configuration();
    const std::optional<nlohmann::json> event = ownProperty(u"Events."_s + m_editorTrigger);
    if (!configuration.is_object() || !event || !event->is_object()) {
        return; // input the editor cannot turn into Properties yet (its message says why)
    }
    const QString path = u"Events."_s + m_editorTrigger;
    std::vector<Edit> edits;
    const std::string type = m_editor->eventType().toStdString();
    if (event->value("Type", nlohmann::json()) != type) {
        edits.push_back({path + u".Type"_s, type});
    }
    diffEdits(path + u".Properties"_s, event->value("Properties", nlohmann::json::object()),
              configuration, &edits);
    apply(edits, tr("Edit trigger %1").arg(m_editorTrigger));
}

void TriggerDesigner::showDestination(const QString &key)
{
    m_destinationKey = key;
    const nlohmann::json value =
        ownProperty(destinationPath(key)).value_or(nlohmann::json::object());
    m_loading = true;
    m_destinationTitle->setText(tr("%1 destination").arg(conditionName(key)));
    if (key == kDeadLetterQueue) {
        m_destinationTitle->setText(conditionName(key));
    }
    m_destinationCondition->clear();
    m_destinationCondition->addItem(conditionName(key), key);
    m_destinationCondition->setEnabled(false);
    fillDestinationTypes(key);
    m_loading = true;
    const QString type = value.is_object() && value.value("Type", nlohmann::json()).is_string()
                             ? QString::fromStdString(value["Type"].get<std::string>())
                             : QString();
    m_destinationType->setCurrentIndex(m_destinationType->findData(type));
    fillDestinationTargets();
    const auto target = value.is_object() ? value.find(targetKey(key)) : value.end();
    const std::optional<QString> text =
        target == value.end() ? std::optional<QString>(QString()) : targetText(*target);
    m_destinationTarget->setEditText(text ? *text : QString::fromStdString(target->dump()));
    m_destinationTarget->setEnabled(text.has_value());
    m_destinationTarget->setToolTip(text ? QString()
                                         : tr("Set by an intrinsic function in the template"));
    m_loading = false;
    for (QPushButton *b : m_destinationPage->findChildren<QPushButton *>()) {
        b->setVisible(!b->property("addOnly").toBool());
    }
    m_removeDestination->show();
    setError(m_destinationError, QString());
    m_pages->setCurrentWidget(m_destinationPage);
}

void TriggerDesigner::fillDestinationTypes(const QString &key)
{
    const QString previous = m_destinationType->currentData().toString();
    const bool wasLoading = m_loading;
    m_loading = true;
    m_destinationType->clear();
    for (const DestinationType &t : destinationTypes()) {
        if (key != kDeadLetterQueue || t.type == u"SQS"_s || t.type == u"SNS"_s) {
            m_destinationType->addItem(t.name, t.type);
        }
    }
    m_destinationType->setCurrentIndex(std::max(0, m_destinationType->findData(previous)));
    fillDestinationTargets();
    m_loading = wasLoading;
    destinationFieldsChanged();
}

void TriggerDesigner::fillDestinationTargets()
{
    const QString text = m_destinationTarget->currentText();
    const bool wasLoading = m_loading;
    m_loading = true;
    m_destinationTarget->clear();
    m_destinationTarget->addItems(resourcesFor(m_destinationType->currentData().toString()));
    m_destinationTarget->setEditText(text);
    m_loading = wasLoading;
    const QString type = m_destinationType->currentData().toString();
    const bool created = m_destinationCondition->currentData().toString() != kDeadLetterQueue &&
                         (type == u"SQS"_s || type == u"SNS"_s);
    m_destinationTarget->lineEdit()->setPlaceholderText(
        created ? tr("A resource of this template or an ARN; empty: SAM creates one")
                : tr("A resource of this template or an ARN"));
}

void TriggerDesigner::destinationFieldsChanged()
{
    if (m_loading || !m_document) {
        return;
    }
    const QString key = m_destinationKey.isEmpty()
                            ? m_destinationCondition->currentData().toString()
                            : m_destinationKey;
    QString error;
    const std::optional<nlohmann::json> value =
        destinationValue(key, m_destinationType->currentData().toString(),
                         m_destinationTarget->currentText().trimmed(), &error);
    setError(m_destinationError, error);
    m_addDestinationConfirm->setEnabled(value.has_value());
    if (!value || m_destinationKey.isEmpty()) {
        return;
    }
    // Editing a destination: each field is its own (merging) undo step; keys the form does
    // not know stay.
    const std::optional<nlohmann::json> before = ownProperty(destinationPath(key));
    if (!before || !before->is_object()) {
        return;
    }
    nlohmann::json after = *before;
    after["Type"] = (*value)["Type"];
    if (value->contains(targetKey(key))) {
        after[targetKey(key)] = (*value)[targetKey(key)];
    } else {
        after.erase(targetKey(key));
    }
    std::vector<Edit> edits;
    diffEdits(destinationPath(key), *before, after, &edits);
    apply(edits, tr("Edit %1 destination").arg(conditionName(key)));
}

void TriggerDesigner::asyncSettingChanged(const QString &key, int value)
{
    if (m_loading || !m_document) {
        return;
    }
    apply({{u"EventInvokeConfig."_s + key, value}}, tr("Change %1 of %2").arg(key, m_function));
}

void TriggerDesigner::showAddTrigger()
{
    if (!m_document || m_function.isEmpty()) {
        return;
    }
    m_current.clear();
    m_diagram->setCurrent(QString());
    if (m_triggerType->currentIndex() < 0 && m_triggerType->count() > 0) {
        m_triggerType->setCurrentIndex(0);
    } else {
        m_triggerName->setText(uniqueTriggerName(m_triggerType->currentData().toString()));
    }
    updateAddTriggerForm(); // the name may be the same text as last time, with no textChanged
    m_pages->setCurrentWidget(m_addTriggerPage);
    m_triggerType->setFocus();
}

void TriggerDesigner::updateAddTriggerForm()
{
    const QString name = m_triggerName->text().trimmed();
    QString error;
    static const QRegularExpression alphanumeric(u"^[A-Za-z0-9]+$"_s);
    if (name.isEmpty()) {
        error = tr("Give the event a name.");
    } else if (!alphanumeric.match(name).hasMatch()) {
        error = tr("An event name has letters and digits only (SAM makes resource ids of it).");
    } else if (ownProperty(u"Events."_s + name)) {
        error = tr("%1 already has an event named %2.").arg(m_function, name);
    }
    setError(m_triggerNameError, error);
    m_addTriggerConfirm->setEnabled(error.isEmpty() && m_triggerType->currentIndex() >= 0);
}

void TriggerDesigner::showAddDestination()
{
    if (!m_document || m_function.isEmpty()) {
        return;
    }
    m_current.clear();
    m_diagram->setCurrent(QString());
    m_destinationKey.clear();
    m_loading = true;
    m_destinationTitle->setText(tr("Add destination"));
    m_destinationCondition->clear();
    for (const QString &key : {kOnSuccess, kOnFailure, kDeadLetterQueue}) {
        if (!ownProperty(destinationPath(key))) {
            m_destinationCondition->addItem(conditionName(key), key);
        }
    }
    m_destinationCondition->setEnabled(true);
    m_destinationTarget->setEnabled(true);
    m_destinationTarget->setToolTip(QString());
    m_destinationTarget->setEditText(QString());
    m_loading = false;
    for (QPushButton *b : m_destinationPage->findChildren<QPushButton *>()) {
        b->setVisible(b->property("addOnly").toBool());
    }
    if (m_destinationCondition->count() == 0) {
        setError(m_destinationError, tr("%1 has every destination already: select one in the "
                                        "diagram to change it.")
                                         .arg(m_function));
        m_destinationType->clear();
        m_addDestinationConfirm->setEnabled(false);
    } else {
        fillDestinationTypes(m_destinationCondition->currentData().toString());
    }
    m_pages->setCurrentWidget(m_destinationPage);
}

QStringList TriggerDesigner::eventTypes() const
{
    QStringList types;
    for (const TriggerFactory *factory : m_plugins.factories()) {
        for (const QString &type : factory->eventTypes()) {
            if (!types.contains(type) && m_plugins.factoryForEventType(type) == factory) {
                types << type;
            }
        }
    }
    return types;
}

QString TriggerDesigner::uniqueTriggerName(const QString &eventType) const
{
    QString base = eventType;
    base.remove(QRegularExpression(u"[^A-Za-z0-9]"_s));
    base += u"Event"_s;
    QString name = base;
    for (int n = 2; ownProperty(u"Events."_s + name); ++n) {
        name = base + QString::number(n);
    }
    return name;
}

bool TriggerDesigner::addTrigger(const QString &eventType, const QString &name, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    const TriggerFactory *factory = m_plugins.factoryForEventType(eventType);
    if (!m_document || m_function.isEmpty()) {
        return fail(tr("No function is shown."));
    }
    if (!factory) {
        return fail(tr("No loaded plugin handles %1 events.").arg(eventType));
    }
    static const QRegularExpression alphanumeric(u"^[A-Za-z0-9]+$"_s);
    if (!alphanumeric.match(name).hasMatch()) {
        return fail(
            tr("An event name has letters and digits only (SAM makes resource ids of it)."));
    }
    if (ownProperty(u"Events."_s + name)) {
        return fail(tr("%1 already has an event named %2.").arg(m_function, name));
    }
    // The plugin's defaults: its normalised empty configuration, when that is a valid one.
    QStringList problems;
    nlohmann::json properties = factory->validate(eventType, nlohmann::json::object(), &problems);
    if (!problems.isEmpty() || !properties.is_object()) {
        properties = nlohmann::json::object();
    }
    // Type first, as SAM writes an event; no empty Properties map.
    std::vector<Edit> edits = {
        {u"Events."_s + name, nlohmann::json{{"Type", eventType.toStdString()}}}};
    if (!properties.empty()) {
        edits.push_back({u"Events."_s + name + u".Properties"_s, properties});
    }
    if (!apply(edits, tr("Add %1 trigger %2").arg(eventType, name))) {
        return fail(m_error->text());
    }
    select(TriggerDesignerModel::triggerId(name));
    return true;
}

bool TriggerDesigner::removeTrigger(const QString &name)
{
    if (!ownProperty(u"Events."_s + name)) {
        return false;
    }
    return apply({{u"Events."_s + name, std::nullopt}}, tr("Remove trigger %1").arg(name));
}

bool TriggerDesigner::setDestination(const QString &key, const QString &type, const QString &target,
                                     QString *error)
{
    if (!m_document || m_function.isEmpty()) {
        if (error) {
            *error = tr("No function is shown.");
        }
        return false;
    }
    const std::optional<nlohmann::json> value = destinationValue(key, type, target, error);
    if (!value) {
        return false;
    }
    // Type first, as SAM writes a destination.
    std::vector<Edit> edits = {{destinationPath(key), nlohmann::json{{"Type", (*value)["Type"]}}}};
    if (value->contains(targetKey(key))) {
        edits.push_back({destinationPath(key) + u'.' + QString::fromLatin1(targetKey(key)),
                         (*value)[targetKey(key)]});
    }
    if (!apply(edits, tr("Set %1 destination of %2").arg(conditionName(key), m_function))) {
        if (error) {
            *error = m_error->text();
        }
        return false;
    }
    select(TriggerDesignerModel::destinationId(key));
    return true;
}

bool TriggerDesigner::removeDestination(const QString &key)
{
    if (!ownProperty(destinationPath(key))) {
        return false;
    }
    return apply({{destinationPath(key), std::nullopt}},
                 tr("Remove %1 destination of %2").arg(conditionName(key), m_function));
}

std::optional<nlohmann::json> TriggerDesigner::destinationValue(const QString &key,
                                                                const QString &type,
                                                                const QString &target,
                                                                QString *error) const
{
    auto fail = [error](const QString &message) -> std::optional<nlohmann::json> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    if (key != kOnSuccess && key != kOnFailure && key != kDeadLetterQueue) {
        return fail(tr("Choose a condition."));
    }
    const DestinationType *t = destinationType(type);
    if (!t || (key == kDeadLetterQueue && type != u"SQS"_s && type != u"SNS"_s)) {
        return fail(key == kDeadLetterQueue
                        ? tr("A dead-letter queue is an SQS queue or an SNS topic.")
                        : tr("Choose a destination type."));
    }
    nlohmann::json value = {{"Type", type.toStdString()}};
    if (target.isEmpty()) {
        if (key != kDeadLetterQueue && (type == u"SQS"_s || type == u"SNS"_s)) {
            return value; // SAM creates the queue or topic
        }
        return fail(tr("Choose a %1 of the template or enter its ARN.").arg(t->name));
    }
    if (resourcesFor(type).contains(target)) {
        value[targetKey(key)] = type == u"SNS"_s
                                    ? nlohmann::json{{"Ref", target.toStdString()}}
                                    : nlohmann::json{{"Fn::GetAtt", {target.toStdString(), "Arn"}}};
        return value;
    }
    // CloudFormation's pattern for a destination ARN.
    static const QRegularExpression arn(
        u"^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-]+):([a-z]{2}(-gov)?-[a-z]+-\\d)?:(\\d{12})?:(.+)$"_s);
    const QRegularExpressionMatch match = arn.match(target);
    if (!match.hasMatch()) {
        return fail(tr("'%1' is neither a %2 of this template nor an ARN "
                       "(arn:aws:%3:region:account:name).")
                        .arg(target, t->name, t->arnService));
    }
    if (match.captured(2) != t->arnService) {
        return fail(
            tr("'%1' is not the ARN of a %2 (arn:aws:%3:…).").arg(target, t->name, t->arnService));
    }
    value[targetKey(key)] = target.toStdString();
    return value;
}

QStringList TriggerDesigner::resourcesFor(const QString &type) const
{
    const DestinationType *t = destinationType(type);
    if (!t || !m_document) {
        return {};
    }
    QStringList ids;
    const SamTemplate &samTemplate = m_document->samTemplate();
    for (const QString &id : samTemplate.resourceIds()) {
        if (id != m_function && t->resourceTypes.contains(samTemplate.resourceType(id))) {
            ids << id;
        }
    }
    return ids;
}

bool TriggerDesigner::isServerlessFunction() const
{
    return m_document && !m_function.isEmpty() &&
           m_document->samTemplate().resourceType(m_function) == u"AWS::Serverless::Function"_s;
}

std::optional<nlohmann::json> TriggerDesigner::ownProperty(const QString &path) const
{
    if (!m_document || m_function.isEmpty()) {
        return std::nullopt;
    }
    return m_document->samTemplate().functionProperty(m_function, path);
}

void TriggerDesigner::diffEdits(const QString &path, const nlohmann::json &before,
                                const nlohmann::json &after, std::vector<Edit> *edits) const
{
    // Sets before removals: removing a map's last key would take the map along first.
    const nlohmann::json old = before.is_object() ? before : nlohmann::json::object();
    for (auto it = after.begin(); it != after.end(); ++it) {
        const auto was = old.find(it.key());
        if (was == old.end() || *was != it.value()) {
            edits->push_back({path + u'.' + QString::fromStdString(it.key()), it.value()});
        }
    }
    for (auto it = old.begin(); it != old.end(); ++it) {
        if (!after.contains(it.key())) {
            edits->push_back({path + u'.' + QString::fromStdString(it.key()), std::nullopt});
        }
    }
}

bool TriggerDesigner::apply(const std::vector<Edit> &edits, const QString &text)
{
    if (edits.empty() || !m_document) {
        return true;
    }
    QUndoStack *stack = m_document->undoStack();
    const bool macro = edits.size() > 1;
    m_applying = true;
    if (macro) {
        stack->beginMacro(text);
    }
    bool ok = true;
    QString error;
    for (const Edit &edit : edits) {
        if (!m_document->changeFunctionProperty(m_function, edit.path, edit.value, text, &error)) {
            ok = false;
            break;
        }
    }
    if (macro) {
        stack->endMacro();
    }
    m_applying = false;
    showError(ok ? QString() : tr("The template was not changed: %1").arg(error));
    return ok;
}

void TriggerDesigner::showError(const QString &message)
{
    setError(m_error, message);
}

} // namespace Lwb
