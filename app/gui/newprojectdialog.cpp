// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "newprojectdialog.h"

#include "engine/engine.h"
#include "project/projectscaffold.h"

#include <QtCore/QDir>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lwb {

NewProjectDialog::NewProjectDialog(QWidget *parent)
    : QDialog(parent), m_name(new QLineEdit(u"sam-app"_s)), m_location(new QLineEdit(QDir::homePath())),
      m_runtime(new QComboBox), m_architecture(new QComboBox), m_target(new QLabel),
      m_error(new QLabel),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setWindowTitle(tr("New Project"));
    m_name->setObjectName(u"projectName"_s);
    m_location->setObjectName(u"projectLocation"_s);
    m_runtime->setObjectName(u"projectRuntime"_s);
    m_architecture->setObjectName(u"projectArchitecture"_s);
    m_error->setObjectName(u"projectError"_s);
    m_runtime->addItems(ProjectScaffold::runtimes());
    m_architecture->addItems({u"x86_64"_s, u"arm64"_s});

    auto *browse = new QToolButton;
    browse->setText(u"…"_s);
    browse->setToolTip(tr("Choose the folder the project is created in"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Create the Project In"),
                                                              m_location->text());
        if (!dir.isEmpty()) {
            m_location->setText(dir);
        }
    });
    auto *location = new QHBoxLayout;
    location->addWidget(m_location);
    location->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Location:"), location);
    form->addRow(tr("&Runtime:"), m_runtime);
    form->addRow(tr("&Architecture:"), m_architecture);
    form->addRow(QString(), m_target);
    m_target->setForegroundRole(QPalette::PlaceholderText);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #d32f2f"_s);
    m_error->hide();

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A SAM project with one Hello World function behind GET /hello "
                                "and a test event, as <i>sam init</i> makes it."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewProjectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewProjectDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &NewProjectDialog::updateTarget);
    connect(m_location, &QLineEdit::textChanged, this, &NewProjectDialog::updateTarget);
    updateTarget();
    resize(480, sizeHint().height());
}

void NewProjectDialog::updateTarget()
{
    const QString name = m_name->text().trimmed();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!name.isEmpty() &&
                                                         !m_location->text().trimmed().isEmpty());
    m_target->setText(tr("Creates %1").arg(QDir::toNativeSeparators(
        QDir(m_location->text().trimmed()).filePath(name))));
}

void NewProjectDialog::accept()
{
    NewProjectOptions options;
    options.name = m_name->text().trimmed();
    options.runtime = m_runtime->currentText();
    options.architecture = m_architecture->currentText();
    QString error;
    const QString path = ProjectScaffold::create(
        QDir(m_location->text().trimmed()).filePath(options.name), options,
        Engine::defaultResourcesDir(), &error);
    if (path.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    m_templatePath = path;
    QDialog::accept();
}

} // namespace Lwb
