// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"
#include "settings.h"
#include "theme.h"

#include "engine/engine.h"

#include <QtCore/QDir>
#include <QtCore/QTimer>
#include <QtWidgets/QApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"Lambda Workbench"_s);
    QApplication::setOrganizationName(u"Lambda Workbench"_s);
    QApplication::setDesktopFileName(u"lambda-workbench"_s);
    Lwb::ThemeManager::apply(static_cast<Lwb::Theme>(Lwb::Settings::theme().get()));

    Lwb::MainWindow window;
    // The project named on the command line, else the last one opened, else the sample.
    const QStringList args = QApplication::arguments();
    const QString sample = Lwb::Engine::defaultResourcesDir() + u"/samples/hello-world"_s;
    const QStringList recent = Lwb::Settings::recentProjects();
    const QString project = args.size() > 1 ? args.at(1) : recent.value(0, sample);
    if (!window.openProject(project) && project != sample) {
        window.openProject(sample);
    }
    window.show();
    // For bench_launch: how long until the window takes input (the first turn of the event
    // loop after it was shown), then quit.
    if (qEnvironmentVariableIsSet("LWB_QUIT_WHEN_READY")) {
        QTimer::singleShot(0, &app, [] {
            std::fputs("lambda-workbench: ready\n", stderr);
            std::fflush(stderr);
            QCoreApplication::quit();
        });
    }
    return QApplication::exec();
}
