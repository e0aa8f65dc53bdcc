// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "functionconfigform.h"

#include "environmentvariablesmodel.h"
#include "projectdocument.h"

#include "model/functionlimits.h"

#include <QtCore/QStringListModel>
#include <QtGui/QUndoStack>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListView>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QTableView>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;
using nlohmann::json;

namespace Lwb {

namespace {

constexpr auto kErrorColour = "#c62828";

/** The text of a scalar JSON value; nullopt for maps and lists (intrinsics among them). */
std::optional<QString> scalarText(const json &value)
{
    if (value.is_string()) {
        return QString::fromStdString(value.get<std::string>());
    }
    if (value.is_number_integer()) {
        return QString::number(value.get<qint64>());
    }
    if (value.is_number()) {
        return QString::number(value.get<double>());
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? u"true"_s : u"false"_s;
    }
    return std::nullopt;
}

QString jsonText(const json &value)
{
    return QString::fromStdString(value.dump());
}

/**
 * @p text as a whole number passed by @p check (a callable from qint64 to FunctionLimits::Result);
 * empty text removes the property.
 */
template <typename Check>
std::optional<QString> checkedWholeNumber(const QString &text, json *value, Check check)
{
    if (text.trimmed().isEmpty()) {
        *value = nullptr;
        return std::nullopt;
    }
    bool ok = false;
    const qint64 number = text.trimmed().toLongLong(&ok);
    if (!ok) {
        return FunctionConfigForm::tr("Enter a whole number.");
    }
    if (const FunctionLimits::Result violation = check(number)) {
        return violation->message;
    }
    *value = number;
    return std::nullopt;
}

/** A whole number checked by @p check; empty text removes the property. */
auto wholeNumber(FunctionLimits::Result (*check)(qint64))
{
    return [check](const QString &text, json *value) -> std::optional<QString> {
        return checkedWholeNumber(text, value, check);
    };
}

/** Environment.Variables as names and texts; empty when @p map is not a map. */
QMap<QString, QString> variablesOf(const std::optional<json> &map)
{
    QMap<QString, QString> variables;
    if (map && map->is_object()) {
        for (const auto &[key, value] : map->items()) {
            variables.insert(QString::fromStdString(key),
                             scalarText(value).value_or(jsonText(value)));
        }
    }
    return variables;
}

/** A policy list item as text: a name or ARN as is, a template or document as JSON. */
QString policyText(const json &item)
{
    return scalarText(item).value_or(jsonText(item));
}

/** The logical id named by !GetAtt Id.Arn or !Ref Id, if @p value is one of those. */
std::optional<QString> referencedResource(const json &role)
{
    if (!role.is_object() || role.size() != 1) {
        return std::nullopt;
    }
    if (const auto ref = role.find("Ref"); ref != role.end() && ref->is_string()) {
        return QString::fromStdString(ref->get<std::string>());
    }
    const auto getAtt = role.find("Fn::GetAtt");
    if (getAtt == role.end()) {
        return std::nullopt;
    }
    if (getAtt->is_array() && getAtt->size() == 2 && getAtt->at(0).is_string() &&
        getAtt->at(1) == "Arn") {
        return QString::fromStdString(getAtt->at(0).get<std::string>());
    }
    if (getAtt->is_string()) {
        const QString text = QString::fromStdString(getAtt->get<std::string>());
        if (text.endsWith(u".Arn"_s)) {
            return text.chopped(4);
        }
    }
    return std::nullopt;
}

QGroupBox *group(const QString &title, const QString &objectName, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    box->setObjectName(objectName);
    return box;
}

QPushButton *button(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    b->setAutoDefault(false);
    return b;
}

} // namespace

FunctionConfigForm::FunctionConfigForm(QWidget *parent)
    : QWidget(parent), m_architecture(new QComboBox(this)),
      m_environment(new EnvironmentVariablesModel(this)), m_environmentTable(new QTableView(this)),
      m_variableKey(new QLineEdit(this)), m_variableValue(new QLineEdit(this)),
      m_reveal(new QCheckBox(tr("Show values"), this)), m_layers(new QStringListModel(this)),
      m_layerList(new QListView(this)), m_layerInput(new QLineEdit(this)),
      m_inheritedLayers(new QLabel(this)), m_policies(new QStringListModel(this)),
      m_policyList(new QListView(this)), m_policyInput(new QLineEdit(this)),
      m_policiesNote(new QLabel(this)), m_policiesBox(nullptr)
{
    auto *content = new QWidget;

    // General configuration.
    auto *general = group(tr("General configuration"), u"generalGroup"_s, content);
    auto *generalForm = new QFormLayout(general);
    addField(generalForm, u"descriptionField"_s, tr("Description"), u"Description"_s, QString(),
             [](const QString &text, json *value) -> std::optional<QString> {
                 if (const auto violation = FunctionLimits::description(text)) {
                     return violation->message;
                 }
                 *value = text.isEmpty() ? json() : json(text.toStdString());
                 return std::nullopt;
             });
    addField(generalForm, u"memoryField"_s, tr("Memory (MB)"), u"MemorySize"_s,
             tr("%1 (default)").arg(128), wholeNumber(&FunctionLimits::memorySize));
    addField(generalForm, u"ephemeralStorageField"_s, tr("Ephemeral storage (MB)"),
             u"EphemeralStorage.Size"_s, tr("%1 (default)").arg(512),
             wholeNumber(&FunctionLimits::ephemeralStorageSize));
    addField(generalForm, u"timeoutField"_s, tr("Timeout (s)"), u"Timeout"_s,
             tr("%1 (default)").arg(3), wholeNumber(&FunctionLimits::timeout));
    m_architecture->setObjectName(u"architectureBox"_s);
    generalForm->addRow(tr("Architecture"), m_architecture);
    m_architectureError = addErrorLabel(u"architectureBoxError"_s);
    generalForm->addRow(QString(), m_architectureError);
    connect(m_architecture, &QComboBox::activated, this, &FunctionConfigForm::architectureChosen);

    // Concurrency.
    auto *concurrency = group(tr("Concurrency"), u"concurrencyGroup"_s, content);
    auto *concurrencyForm = new QFormLayout(concurrency);
    addField(concurrencyForm, u"reservedConcurrencyField"_s, tr("Reserved concurrency"),
             u"ReservedConcurrentExecutions"_s, tr("none: the unreserved account pool"),
             [this](const QString &text, json *value) { return checkReserved(text, value); });
    addField(concurrencyForm, u"aliasField"_s, tr("Alias (AutoPublishAlias)"),
             u"AutoPublishAlias"_s, tr("none: only $LATEST"),
             [this](const QString &text, json *value) { return checkAlias(text, value); });
    addField(concurrencyForm, u"provisionedConcurrencyField"_s, tr("Provisioned on the alias"),
             u"ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions"_s, tr("none"),
             [this](const QString &text, json *value) { return checkProvisioned(text, value); });

    // Asynchronous invocation.
    auto *async = group(tr("Asynchronous invocation"), u"asyncGroup"_s, content);
    auto *asyncForm = new QFormLayout(async);
    addField(asyncForm, u"retryAttemptsField"_s, tr("Retry attempts"),
             u"EventInvokeConfig.MaximumRetryAttempts"_s, tr("%1 (default)").arg(2),
             wholeNumber(&FunctionLimits::maximumRetryAttempts));
    addField(asyncForm, u"eventAgeField"_s, tr("Maximum age of event (s)"),
             u"EventInvokeConfig.MaximumEventAgeInSeconds"_s, tr("%1 (default, 6 h)").arg(21600),
             wholeNumber(&FunctionLimits::maximumEventAge));

    // Environment variables.
    auto *environment = group(tr("Environment variables"), u"environmentGroup"_s, content);
    auto *environmentLayout = new QVBoxLayout(environment);
    m_environmentTable->setObjectName(u"environmentTable"_s);
    m_environmentTable->setModel(m_environment);
    m_environmentTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_environmentTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_environmentTable->horizontalHeader()->setStretchLastSection(true);
    m_environmentTable->verticalHeader()->hide();
    m_environmentTable->setMinimumHeight(120);
    connect(m_environment, &EnvironmentVariablesModel::editRequested, this,
            &FunctionConfigForm::editVariable);
    m_variableKey->setObjectName(u"variableKeyInput"_s);
    m_variableKey->setPlaceholderText(tr("Key"));
    m_variableValue->setObjectName(u"variableValueInput"_s);
    m_variableValue->setPlaceholderText(tr("Value"));
    m_reveal->setObjectName(u"revealSecrets"_s);
    m_reveal->setToolTip(tr("Values of keys that look like secrets are masked"));
    connect(m_reveal, &QCheckBox::toggled, m_environment, &EnvironmentVariablesModel::setRevealed);
    auto *addVariableButton = button(tr("Add"), u"addVariable"_s, environment);
    auto *removeVariableButton = button(tr("Remove"), u"removeVariable"_s, environment);
    connect(addVariableButton, &QPushButton::clicked, this, &FunctionConfigForm::addVariable);
    connect(m_variableValue, &QLineEdit::returnPressed, this, &FunctionConfigForm::addVariable);
    connect(removeVariableButton, &QPushButton::clicked, this, &FunctionConfigForm::removeVariable);
    auto *variableRow = new QHBoxLayout;
    variableRow->addWidget(m_variableKey, 1);
    variableRow->addWidget(m_variableValue, 2);
    variableRow->addWidget(addVariableButton);
    auto *variableActions = new QHBoxLayout;
    variableActions->addWidget(m_reveal);
    variableActions->addStretch();
    variableActions->addWidget(removeVariableButton);
    m_environmentError = addErrorLabel(u"environmentError"_s);
    environmentLayout->addWidget(m_environmentTable);
    environmentLayout->addLayout(variableActions);
    environmentLayout->addLayout(variableRow);
    environmentLayout->addWidget(m_environmentError);

    // Layers.
    auto *layers = group(tr("Layers"), u"layersGroup"_s, content);
    auto *layersLayout = new QVBoxLayout(layers);
    m_layerList->setObjectName(u"layerList"_s);
    m_layerList->setModel(m_layers);
    m_layerList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_layerList->setMaximumHeight(72);
    m_layerInput->setObjectName(u"layerInput"_s);
    m_layerInput->setPlaceholderText(tr("Layer version ARN, or a layer of this template"));
    m_inheritedLayers->setObjectName(u"inheritedLayers"_s);
    m_inheritedLayers->setWordWrap(true);
    auto *addLayerButton = button(tr("Add"), u"addLayer"_s, layers);
    auto *removeLayerButton = button(tr("Remove"), u"removeLayer"_s, layers);
    connect(addLayerButton, &QPushButton::clicked, this, &FunctionConfigForm::addLayer);
    connect(m_layerInput, &QLineEdit::returnPressed, this, &FunctionConfigForm::addLayer);
    connect(removeLayerButton, &QPushButton::clicked, this, &FunctionConfigForm::removeLayer);
    auto *layerRow = new QHBoxLayout;
    layerRow->addWidget(m_layerInput, 1);
    layerRow->addWidget(addLayerButton);
    layerRow->addWidget(removeLayerButton);
    m_layersError = addErrorLabel(u"layersError"_s);
    layersLayout->addWidget(m_layerList);
    layersLayout->addWidget(m_inheritedLayers);
    layersLayout->addLayout(layerRow);
    layersLayout->addWidget(m_layersError);

    // Permissions.
    auto *permissions = group(tr("Permissions"), u"permissionsGroup"_s, content);
    auto *permissionsLayout = new QVBoxLayout(permissions);
    auto *roleForm = new QFormLayout;
    addField(roleForm, u"roleField"_s, tr("Execution role"), u"Role"_s,
             tr("none: SAM creates one from the policies"),
             [this](const QString &text, json *value) { return checkRole(text, value); });
    m_fields.back()->display = [](const json &value) -> std::optional<QString> {
        if (const auto id = referencedResource(value)) {
            return id;
        }
        return scalarText(value);
    };
    permissionsLayout->addLayout(roleForm);
    m_policiesBox = new QWidget(permissions);
    auto *policiesLayout = new QVBoxLayout(m_policiesBox);
    policiesLayout->setContentsMargins(0, 0, 0, 0);
    m_policyList->setObjectName(u"policyList"_s);
    m_policyList->setModel(m_policies);
    m_policyList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_policyList->setMaximumHeight(72);
    m_policyInput->setObjectName(u"policyInput"_s);
    m_policyInput->setPlaceholderText(
        tr("Managed policy name or ARN, or a policy template / document as JSON"));
    auto *addPolicyButton = button(tr("Add"), u"addPolicy"_s, m_policiesBox);
    auto *removePolicyButton = button(tr("Remove"), u"removePolicy"_s, m_policiesBox);
    connect(addPolicyButton, &QPushButton::clicked, this, &FunctionConfigForm::addPolicy);
    connect(m_policyInput, &QLineEdit::returnPressed, this, &FunctionConfigForm::addPolicy);
    connect(removePolicyButton, &QPushButton::clicked, this, &FunctionConfigForm::removePolicy);
    auto *policyRow = new QHBoxLayout;
    policyRow->addWidget(m_policyInput, 1);
    policyRow->addWidget(addPolicyButton);
    policyRow->addWidget(removePolicyButton);
    policiesLayout->addWidget(new QLabel(tr("Policies of the role SAM creates"), m_policiesBox));
    policiesLayout->addWidget(m_policyList);
    policiesLayout->addLayout(policyRow);
    m_policiesNote->setObjectName(u"policiesNote"_s);
    m_policiesNote->setWordWrap(true);
    m_policiesError = addErrorLabel(u"policiesError"_s);
    permissionsLayout->addWidget(m_policiesBox);
    permissionsLayout->addWidget(m_policiesNote);
    permissionsLayout->addWidget(m_policiesError);

    // Two columns of sections, each as tall as its content.
    auto *left = new QVBoxLayout;
    left->addWidget(general);
    left->addWidget(concurrency);
    left->addWidget(async);
    left->addStretch();
    auto *right = new QVBoxLayout;
    right->addWidget(environment);
    right->addWidget(layers);
    right->addWidget(permissions);
    right->addStretch();
    auto *columns = new QHBoxLayout(content);
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    setEnabled(false);
}

FunctionConfigForm::~FunctionConfigForm() = default;

void FunctionConfigForm::setDocument(ProjectDocument *document)
{
    if (m_document == document) {
        return;
    }
    if (m_document) {
        disconnect(m_document, nullptr, this, nullptr);
    }
    m_document = document;
    if (m_document) {
        connect(m_document, &ProjectDocument::loaded, this, &FunctionConfigForm::refresh);
        // Any function's: another function's reserved concurrency counts against this one's.
        connect(m_document, &ProjectDocument::functionChanged, this, &FunctionConfigForm::refresh);
    }
    refresh();
}

void FunctionConfigForm::setFunction(const QString &logicalId)
{
    if (m_logicalId == logicalId) {
        return;
    }
    m_logicalId = logicalId;
    // Nothing typed for the previous function survives.
    for (const auto &field : m_fields) {
        field->loaded.clear();
        field->edit->clear();
    }
    m_variableKey->clear();
    m_variableValue->clear();
    m_layerInput->clear();
    m_policyInput->clear();
    showError(m_environmentError, m_environmentTable, {});
    showError(m_layersError, m_layerList, {});
    showError(m_policiesError, m_policyList, {});
    refresh();
}

FunctionConfigForm::Field &
FunctionConfigForm::addField(QFormLayout *layout, const QString &objectName, const QString &label,
                             const QString &path, const QString &fallback,
                             std::function<std::optional<QString>(const QString &, json *)> parse)
{
    auto field = std::make_unique<Field>();
    field->edit = new QLineEdit(this);
    field->edit->setObjectName(objectName);
    field->edit->setClearButtonEnabled(true);
    field->error = addErrorLabel(objectName + u"Error"_s);
    field->path = path;
    field->label = label;
    field->fallback = fallback;
    field->parse = std::move(parse);
    // The error under its field, in one row: a form row of its own would reserve space.
    auto *cell = new QWidget(this);
    auto *cellLayout = new QVBoxLayout(cell);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    cellLayout->setSpacing(2);
    cellLayout->addWidget(field->edit);
    cellLayout->addWidget(field->error);
    layout->addRow(label, cell);
    Field *f = field.get();
    connect(f->edit, &QLineEdit::textEdited, this, [this, f] { fieldEdited(*f); });
    m_fields.push_back(std::move(field));
    return *f;
}

QLabel *FunctionConfigForm::addErrorLabel(const QString &objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setStyleSheet(u"color: %1"_s.arg(QString::fromLatin1(kErrorColour)));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

void FunctionConfigForm::showError(QLabel *label, QWidget *widget, const QString &message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
    widget->setStyleSheet(message.isEmpty()
                              ? QString()
                              : u"border: 1px solid %1"_s.arg(QString::fromLatin1(kErrorColour)));
}

void FunctionConfigForm::fieldEdited(Field &field)
{
    if (!m_document || m_logicalId.isEmpty()) {
        return;
    }
    json value;
    if (const auto error = field.parse(field.edit->text(), &value)) {
        showError(field.error, field.edit, *error);
        return;
    }
    write(field.path, value.is_null() ? std::nullopt : std::optional(value), field.label,
          field.error, field.edit);
}

bool FunctionConfigForm::write(const QString &path, const std::optional<json> &value,
                               const QString &label, QLabel *errorLabel, QWidget *widget)
{
    QString target = path;
    std::optional<json> change = value;
    if (change) {
        // Missing maps are created by the same change, so that undoing it leaves none behind:
        // a first EphemeralStorage.Size sets EphemeralStorage: {Size: …}.
        while (target.contains(u'.')) {
            const QString parent = target.section(u'.', 0, -2);
            if (own(parent)) {
                break;
            }
            change = json{{target.section(u'.', -1).toStdString(), *change}};
            target = parent;
        }
    } else {
        // Leave no empty map behind: clearing EphemeralStorage.Size removes EphemeralStorage.
        while (target.contains(u'.')) {
            const QString parent = target.section(u'.', 0, -2);
            const std::optional<json> parentValue = own(parent);
            if (!parentValue || !parentValue->is_object() || parentValue->size() > 1) {
                break;
            }
            target = parent;
        }
    }
    QString error;
    const bool ok = m_document->changeFunctionProperty(
        m_logicalId, target, change, tr("Change %1 of %2").arg(label, m_logicalId), &error);
    showError(errorLabel, widget, ok ? QString() : error);
    return ok;
}

json FunctionConfigForm::ownList(const QString &path) const
{
    const std::optional<json> value = own(path);
    if (!value) {
        return json::array();
    }
    return value->is_array() ? *value : json::array({*value}); // SAM also takes one on its own
}

void FunctionConfigForm::appendListItem(const QString &path, const json &item, const QString &label,
                                        QLabel *errorLabel, QLineEdit *input)
{
    json list = ownList(path);
    list.push_back(item);
    if (write(path, list, label, errorLabel, input)) {
        input->clear();
    }
}

void FunctionConfigForm::removeListItem(const QString &path, int row, const QString &label,
                                        QLabel *errorLabel, QWidget *widget)
{
    json list = ownList(path);
    if (row < 0 || row >= int(list.size())) {
        showError(errorLabel, widget, tr("Select the entry to remove."));
        return;
    }
    list.erase(list.begin() + row);
    write(path, list.empty() ? std::nullopt : std::optional(list), label, errorLabel, widget);
}

std::optional<json> FunctionConfigForm::own(const QString &path) const
{
    return m_document->samTemplate().functionProperty(m_logicalId, path);
}

std::optional<json> FunctionConfigForm::inherited(const QString &path) const
{
    const json *node = &m_globals;
    for (const QString &step : path.split(u'.')) {
        if (!node->is_object()) {
            return std::nullopt;
        }
        const auto it = node->find(step.toStdString());
        if (it == node->end()) {
            return std::nullopt;
        }
        node = &*it;
    }
    return *node;
}

void FunctionConfigForm::refresh()
{
    const bool known =
        m_document && !m_logicalId.isEmpty() && m_document->samTemplate().function(m_logicalId);
    setEnabled(known);
    if (!known) {
        return;
    }
    const json document = m_document->samTemplate().toJson();
    m_globals = json::object();
    if (const auto globals = document.find("Globals");
        globals != document.end() && globals->is_object()) {
        if (const auto function = globals->find("Function");
            function != globals->end() && function->is_object()) {
            m_globals = *function;
        }
    }
    for (const auto &field : m_fields) {
        refreshField(*field);
    }

    // Architecture: the inherited choice, then Lambda's two.
    const std::optional<json> ownArchitectures = own(u"Architectures"_s);
    const std::optional<json> globalArchitectures = inherited(u"Architectures"_s);
    QString inheritedArchitecture = u"x86_64"_s;
    QString inheritedFrom = tr("default");
    if (globalArchitectures && globalArchitectures->is_array() &&
        globalArchitectures->size() == 1) {
        inheritedArchitecture = scalarText(globalArchitectures->at(0)).value_or(QString());
        inheritedFrom = tr("Globals");
    }
    m_architecture->clear();
    m_architecture->addItem(tr("%1 (%2)").arg(inheritedArchitecture, inheritedFrom));
    m_architecture->addItem(u"x86_64"_s, u"x86_64"_s);
    m_architecture->addItem(u"arm64"_s, u"arm64"_s);
    QString architectureError;
    if (ownArchitectures) {
        const std::optional<QString> chosen =
            ownArchitectures->is_array() && ownArchitectures->size() == 1
                ? scalarText(ownArchitectures->at(0))
                : std::nullopt;
        if (!chosen) {
            m_architecture->addItem(jsonText(*ownArchitectures));
        } else if (const auto violation = FunctionLimits::architecture(*chosen)) {
            m_architecture->addItem(*chosen);
            architectureError = violation->message;
        } else {
            m_architecture->setCurrentIndex(m_architecture->findData(*chosen));
        }
        if (m_architecture->currentIndex() == 0) {
            m_architecture->setCurrentIndex(m_architecture->count() - 1);
        }
    }
    // SAM appends a function's list to the Globals list: two architectures would be an error.
    m_architecture->setEnabled(!globalArchitectures || ownArchitectures);
    m_architecture->setToolTip(globalArchitectures && !ownArchitectures
                                   ? tr("Set for every function in the template's Globals")
                                   : QString());
    showError(m_architectureError, m_architecture, architectureError);

    refreshEnvironment();
    refreshLayers();
    refreshPolicies();
}

void FunctionConfigForm::refreshField(Field &field)
{
    const std::optional<json> value = own(field.path);
    QString text;
    bool editable = true;
    if (value) {
        const std::optional<QString> shown =
            field.display ? field.display(*value) : scalarText(*value);
        editable = shown.has_value();
        text = shown.value_or(jsonText(*value));
    }
    // The template wins when it changed; otherwise what the user is typing stays.
    if (text != field.loaded) {
        if (field.edit->text() != text) {
            field.edit->setText(text);
        }
        field.loaded = text;
    }
    field.edit->setReadOnly(!editable);
    field.edit->setToolTip(editable ? QString()
                                    : tr("Set with an intrinsic function; edit it in the "
                                         "template"));
    if (const std::optional<json> fromGlobals = inherited(field.path)) {
        field.edit->setPlaceholderText(
            tr("%1 (Globals)").arg(scalarText(*fromGlobals).value_or(jsonText(*fromGlobals))));
    } else {
        field.edit->setPlaceholderText(field.fallback);
    }
    json parsed;
    const std::optional<QString> error =
        editable ? field.parse(field.edit->text(), &parsed) : std::nullopt;
    showError(field.error, field.edit, error.value_or(QString()));
}

// ---- Concurrency and role: limits that depend on the rest of the template ----

std::optional<QString> FunctionConfigForm::checkReserved(const QString &text, json *value) const
{
    return checkedWholeNumber(text, value, [this](qint64 reserved) -> FunctionLimits::Result {
        qint64 reservedByOthers = 0;
        for (const FunctionConfig &f : m_document->samTemplate().functions()) {
            if (f.logicalId != m_logicalId) {
                reservedByOthers += f.reservedConcurrency.value_or(0);
            }
        }
        if (auto violation = FunctionLimits::reservedConcurrency(reserved, reservedByOthers)) {
            return violation;
        }
        const std::optional<FunctionConfig> config =
            m_document->samTemplate().function(m_logicalId);
        if (config && config->provisionedConcurrency > 0) {
            return FunctionLimits::provisionedConcurrency(config->provisionedConcurrency,
                                                          config->autoPublishAlias, reserved);
        }
        return std::nullopt;
    });
}

std::optional<QString> FunctionConfigForm::checkAlias(const QString &input, json *value) const
{
    const QString text = input.trimmed();
    const std::optional<FunctionConfig> config = m_document->samTemplate().function(m_logicalId);
    if (text.isEmpty()) {
        // Without an alias of its own, the function may still have one from Globals.
        const std::optional<json> fromGlobals = inherited(u"AutoPublishAlias"_s);
        const QString alias =
            fromGlobals ? scalarText(*fromGlobals).value_or(QString()) : QString();
        if (config && config->provisionedConcurrency > 0) {
            if (const auto violation = FunctionLimits::provisionedConcurrency(
                    config->provisionedConcurrency, alias, config->reservedConcurrency)) {
                return violation->message;
            }
        }
        *value = nullptr;
        return std::nullopt;
    }
    if (const auto violation = FunctionLimits::aliasName(text)) {
        return violation->message;
    }
    *value = text.toStdString();
    return std::nullopt;
}

std::optional<QString> FunctionConfigForm::checkProvisioned(const QString &text, json *value) const
{
    return checkedWholeNumber(text, value, [this](qint64 provisioned) {
        const std::optional<FunctionConfig> config =
            m_document->samTemplate().function(m_logicalId);
        const QString alias = config ? config->autoPublishAlias : QString();
        const std::optional<int> reserved = config ? config->reservedConcurrency : std::nullopt;
        return FunctionLimits::provisionedConcurrency(
            provisioned, alias, reserved ? std::optional<qint64>(*reserved) : std::nullopt);
    });
}

std::optional<QString> FunctionConfigForm::checkRole(const QString &input, json *value) const
{
    const QString text = input.trimmed();
    if (text.isEmpty()) {
        *value = nullptr;
        return std::nullopt;
    }
    // A role of this template is referenced as SAM expects it: !GetAtt Role.Arn.
    if (m_document->samTemplate().resourceType(text) == u"AWS::IAM::Role"_s) {
        *value = json{{"Fn::GetAtt", json::array({text.toStdString(), "Arn"})}};
        return std::nullopt;
    }
    if (const auto violation = FunctionLimits::role(text)) {
        return violation->message;
    }
    *value = text.toStdString();
    return std::nullopt;
}

void FunctionConfigForm::architectureChosen(int index)
{
    const QVariant choice = m_architecture->itemData(index);
    if (index > 2 || (index > 0 && !choice.isValid())) {
        return; // the template's own unusable value, shown as it is
    }
    const std::optional<json> value =
        choice.isValid() ? std::optional(json::array({choice.toString().toStdString()}))
                         : std::nullopt;
    write(u"Architectures"_s, value, tr("Architecture"), m_architectureError, m_architecture);
}

// ---- Environment variables ----

QMap<QString, QString> FunctionConfigForm::ownVariables() const
{
    return variablesOf(own(u"Environment.Variables"_s));
}

QMap<QString, QString> FunctionConfigForm::inheritedVariables() const
{
    return variablesOf(inherited(u"Environment.Variables"_s));
}

void FunctionConfigForm::refreshEnvironment()
{
    const QString selected =
        m_environment->key(m_environmentTable->selectionModel()->currentIndex().row());
    m_environment->setVariables(ownVariables(), inheritedVariables());
    const int row = m_environment->rowOf(selected);
    if (row >= 0) {
        m_environmentTable->selectRow(row);
    }
}

void FunctionConfigForm::addVariable()
{
    const QString key = m_variableKey->text().trimmed();
    if (key.isEmpty()) {
        showError(m_environmentError, m_variableKey, tr("Enter the variable's key."));
        return;
    }
    if (ownVariables().contains(key)) {
        showError(m_environmentError, m_variableKey,
                  tr("%1 is already set; edit its value in the table.").arg(key));
        return;
    }
    showError(m_environmentError, m_variableKey, {});
    editVariable(QString(), key, m_variableValue->text());
    if (m_environmentError->text().isEmpty()) {
        m_variableKey->clear();
        m_variableValue->clear();
    }
}

void FunctionConfigForm::editVariable(const QString &oldKey, const QString &key,
                                      const QString &value)
{
    QMap<QString, QString> ownValue = ownVariables();
    if (!oldKey.isEmpty() && oldKey != key && ownValue.contains(key)) {
        showError(m_environmentError, m_environmentTable, tr("%1 is already set.").arg(key));
        return;
    }
    ownValue.remove(oldKey);
    ownValue.insert(key, value);
    QMap<QString, QString> effective = inheritedVariables();
    effective.insert(ownValue);
    if (const auto violation = FunctionLimits::environment(effective)) {
        showError(m_environmentError, m_environmentTable, violation->message);
        return;
    }
    const QString prefix = u"Environment.Variables."_s;
    const json text = value.toStdString();
    if (!oldKey.isEmpty() && oldKey != key && ownVariables().contains(oldKey)) {
        // A rename is one step: the old variable goes, the new one comes.
        m_document->undoStack()->beginMacro(tr("Rename %1 to %2").arg(oldKey, key));
        if (write(prefix + oldKey, std::nullopt, tr("variable %1").arg(oldKey), m_environmentError,
                  m_environmentTable)) {
            write(prefix + key, text, tr("variable %1").arg(key), m_environmentError,
                  m_environmentTable);
        }
        m_document->undoStack()->endMacro();
    } else {
        write(prefix + key, text, tr("variable %1").arg(key), m_environmentError,
              m_environmentTable);
    }
}

void FunctionConfigForm::removeVariable()
{
    const int row = m_environmentTable->selectionModel()->currentIndex().row();
    if (row < 0) {
        showError(m_environmentError, m_environmentTable, tr("Select a variable to remove."));
        return;
    }
    const QString key = m_environment->key(row);
    if (m_environment->isInherited(row)) {
        showError(m_environmentError, m_environmentTable,
                  tr("%1 comes from the template's Globals; remove it there.").arg(key));
        return;
    }
    write(u"Environment.Variables."_s + key, std::nullopt, tr("variable %1").arg(key),
          m_environmentError, m_environmentTable);
}

// ---- Layers ----

void FunctionConfigForm::refreshLayers()
{
    QStringList items;
    for (const json &item : ownList(u"Layers"_s)) {
        items << referencedResource(item).value_or(policyText(item));
    }
    m_layers->setStringList(items);
    const int count = inheritedLayerCount();
    m_inheritedLayers->setText(count ? tr("%n layer(s) from Globals come first.", nullptr, count)
                                     : QString());
    m_inheritedLayers->setVisible(count > 0);
}

int FunctionConfigForm::inheritedLayerCount() const
{
    const std::optional<json> fromGlobals = inherited(u"Layers"_s);
    return fromGlobals && fromGlobals->is_array() ? int(fromGlobals->size()) : 0;
}

void FunctionConfigForm::addLayer()
{
    const QString text = m_layerInput->text().trimmed();
    json layer;
    const std::vector<LayerConfig> &local = m_document->samTemplate().layers();
    if (std::any_of(local.cbegin(), local.cend(),
                    [&text](const LayerConfig &l) { return l.logicalId == text; })) {
        layer = json{{"Ref", text.toStdString()}}; // a layer of this template
    } else if (const auto violation = FunctionLimits::layerVersionArn(text)) {
        showError(m_layersError, m_layerInput, violation->message);
        return;
    } else {
        layer = text.toStdString();
    }
    const qint64 count = qint64(ownList(u"Layers"_s).size()) + 1 + inheritedLayerCount();
    if (const auto violation = FunctionLimits::layerCount(count)) {
        showError(m_layersError, m_layerInput, violation->message);
        return;
    }
    appendListItem(u"Layers"_s, layer, tr("layers"), m_layersError, m_layerInput);
}

void FunctionConfigForm::removeLayer()
{
    removeListItem(u"Layers"_s, m_layerList->currentIndex().row(), tr("layers"), m_layersError,
                   m_layerInput);
}

// ---- Policies ----

void FunctionConfigForm::refreshPolicies()
{
    QStringList items;
    for (const json &item : ownList(u"Policies"_s)) {
        items << policyText(item);
    }
    m_policies->setStringList(items);
    const bool hasRole = own(u"Role"_s).has_value() || inherited(u"Role"_s).has_value();
    m_policiesBox->setEnabled(!hasRole);
    m_policiesNote->setText(hasRole ? tr("With an execution role set, SAM creates no role and "
                                         "Policies cannot be used.")
                                    : QString());
    m_policiesNote->setVisible(hasRole);
}

void FunctionConfigForm::addPolicy()
{
    const QString text = m_policyInput->text().trimmed();
    json policy;
    if (text.startsWith(u'{')) {
        policy = json::parse(text.toStdString(), nullptr, false);
        if (!policy.is_object()) {
            showError(m_policiesError, m_policyInput,
                      tr("A policy template or document must be a JSON object."));
            return;
        }
    } else if (text.isEmpty() || text.contains(u' ')) {
        showError(m_policiesError, m_policyInput,
                  tr("Enter a managed policy name or ARN (no spaces), or a policy template or "
                     "document as a JSON object."));
        return;
    } else {
        policy = text.toStdString();
    }
    appendListItem(u"Policies"_s, policy, tr("policies"), m_policiesError, m_policyInput);
}

void FunctionConfigForm::removePolicy()
{
    removeListItem(u"Policies"_s, m_policyList->currentIndex().row(), tr("policies"),
                   m_policiesError, m_policyInput);
}

} // namespace Lwb
