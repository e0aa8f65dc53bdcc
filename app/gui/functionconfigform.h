// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QPointer>
#include <QtWidgets/QWidget>

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListView;
class QStringListModel;
class QTableView;

namespace Lwb {

class EnvironmentVariablesModel;
class ProjectDocument;

/**
 * The function's configuration, grouped like the Lambda console's Configuration tab: General
 * (description, memory, ephemeral storage, timeout, architecture), Environment variables,
 * Concurrency (reserved; provisioned on the AutoPublishAlias), Asynchronous invocation
 * (retries, maximum event age), Layers and Permissions (role, SAM policies).
 *
 * Every field shows the function's own value, with the value it inherits from Globals (or
 * Lambda's default) as placeholder. Input is checked live against Lambda's limits
 * (FunctionLimits): a broken limit shows Lambda's error under the field and is not written;
 * a valid value is written at once as one undoable change of the document, and clearing a
 * field removes the property. The form follows the document (functionChanged, loaded), so
 * undo and redo show in the fields. GUI thread; the document is not owned.
 */
class FunctionConfigForm : public QWidget
{
    Q_OBJECT

public:
    explicit FunctionConfigForm(QWidget *parent = nullptr);
    ~FunctionConfigForm() override;

    void setDocument(ProjectDocument *document);
    ProjectDocument *document() const { return m_document; }
    /** Shows function @p logicalId of the document; an unknown id disables the form. */
    void setFunction(const QString &logicalId);
    QString function() const { return m_logicalId; }

private:
    /** A line edit bound to one property under the function's Properties. */
    struct Field
    {
        QLineEdit *edit = nullptr;
        QLabel *error = nullptr;
        QString path;     ///< e.g. "EphemeralStorage.Size"
        QString label;    ///< for the undo command's text
        QString fallback; ///< Lambda's default, when Globals has none
        /** The JSON to write for @p text, or the error that keeps it from being written. */
        /// A null @p value means: remove the property.
        std::function<std::optional<QString>(const QString &text, nlohmann::json *value)> parse;
        /// The text for the own value; nullopt when the form cannot edit it (an intrinsic).
        std::function<std::optional<QString>(const nlohmann::json &value)> display;
        QString loaded; ///< the text the template gave the field when last refreshed
    };

    Field &addField(QFormLayout *layout, const QString &objectName, const QString &label,
                    const QString &path, const QString &fallback,
                    std::function<std::optional<QString>(const QString &, nlohmann::json *)> parse);
    QLabel *addErrorLabel(const QString &objectName);
    void fieldEdited(Field &field);
    void refresh();
    void refreshField(Field &field);
    void refreshEnvironment();
    void refreshLayers();
    void refreshPolicies();

    void architectureChosen(int index);
    void addVariable();
    void removeVariable();
    void editVariable(const QString &oldKey, const QString &key, const QString &value);
    void addLayer();
    void removeLayer();
    void addPolicy();
    void removePolicy();

    /**
     * Writes (@p value) or removes (nullopt) a property as one undoable change: maps it needs
     * are created with it, a map it leaves empty goes with it. The document's refusal, if any,
     * is shown in @p errorLabel and on @p widget; success clears them.
     */
    bool write(const QString &path, const std::optional<nlohmann::json> &value,
               const QString &label, QLabel *errorLabel, QWidget *widget);
    /** The own list at @p path (Layers, Policies); one item on its own is a list of one. */
    nlohmann::json ownList(const QString &path) const;
    void appendListItem(const QString &path, const nlohmann::json &item, const QString &label,
                        QLabel *errorLabel, QLineEdit *input);
    void removeListItem(const QString &path, int row, const QString &label, QLabel *errorLabel,
                        QWidget *widget);
    int inheritedLayerCount() const;
    std::optional<nlohmann::json> own(const QString &path) const;
    /** Globals.Function.<path> of the template, when set. */
    std::optional<nlohmann::json> inherited(const QString &path) const;
    QMap<QString, QString> ownVariables() const;
    QMap<QString, QString> inheritedVariables() const;
    /** Shows @p message under a field and marks @p widget, or clears both when empty. */
    static void showError(QLabel *label, QWidget *widget, const QString &message);

    std::optional<QString> checkReserved(const QString &text, nlohmann::json *value) const;
    std::optional<QString> checkProvisioned(const QString &text, nlohmann::json *value) const;
    std::optional<QString> checkAlias(const QString &text, nlohmann::json *value) const;
    std::optional<QString> checkRole(const QString &text, nlohmann::json *value) const;

    QPointer<ProjectDocument> m_document;
    QString m_logicalId;
    nlohmann::json m_globals; ///< Globals.Function as of the last refresh
    std::vector<std::unique_ptr<Field>> m_fields;

    QComboBox *m_architecture;
    QLabel *m_architectureError;

    EnvironmentVariablesModel *m_environment;
    QTableView *m_environmentTable;
    QLineEdit *m_variableKey;
    QLineEdit *m_variableValue;
    QCheckBox *m_reveal;
    QLabel *m_environmentError;

    QStringListModel *m_layers;
    QListView *m_layerList;
    QLineEdit *m_layerInput;
    QLabel *m_inheritedLayers;
    QLabel *m_layersError;

    QStringListModel *m_policies;
    QListView *m_policyList;
    QLineEdit *m_policyInput;
    QLabel *m_policiesNote;
    QLabel *m_policiesError;
    QWidget *m_policiesBox;
};

} // namespace Lwb
