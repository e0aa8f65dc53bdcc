// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench_launch's baseline: the least a Qt Widgets program does to show a main window and take
// input — the floor the workbench's launch is measured against.
#include <QtCore/QTimer>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMainWindow>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.setCentralWidget(new QLabel(QStringLiteral("baseline")));
    window.resize(1280, 800);
    window.show();
    QTimer::singleShot(0, &app, [] {
        std::fputs("baseline: ready\n", stderr);
        std::fflush(stderr);
        QCoreApplication::quit();
    });
    return QApplication::exec();
}
