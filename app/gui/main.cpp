// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "engine/engine.h"

#include <QtCore/QDir>
#include <QtWidgets/QApplication>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"Lambda Workbench"_s);
    QApplication::setOrganizationName(u"Lambda Workbench"_s);
    QApplication::setDesktopFileName(u"lambda-workbench"_s);

    Lwb::MainWindow window;
    const QStringList args = QApplication::arguments();
    window.openProject(args.size() > 1 ? args.at(1)
                                       : Lwb::Engine::defaultResourcesDir()
                                             + u"/samples/hello-world"_s);
    window.show();
    return QApplication::exec();
}
