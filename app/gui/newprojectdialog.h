// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtWidgets/QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Lwb {

/**
 * File › New Project: a name, a parent folder, a runtime and an architecture; on OK the
 * project is created (ProjectScaffold — what `lwb init` makes) and templatePath() says where.
 * Errors (a non-empty folder…) are shown in the dialog, which stays open. GUI thread.
 */
class NewProjectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewProjectDialog(QWidget *parent = nullptr);

    /** The created project's template.yaml; empty until accepted. */
    QString templatePath() const { return m_templatePath; }

    void accept() override;

private:
    void updateTarget();

    QLineEdit *m_name;
    QLineEdit *m_location;
    QComboBox *m_runtime;
    QComboBox *m_architecture;
    QLabel *m_target;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QString m_templatePath;
};

} // namespace Lwb
