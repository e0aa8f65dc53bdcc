// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A process for tst_asyncqueue's crash test: loads a template, attaches an AsyncQueue to the
// project's .lwb/async.sqlite, enqueues <count> Event invocations of the first function, prints
// "accepted <requestId>" for each 202, then drains the store and prints "drained". The test
// kill -9s it at arbitrary moments and starts it again with count 0.
//
//   asyncharness <template.yaml> <count> [payload-json] [max-in-flight]
#include "engine/asyncqueue.h"
#include "engine/engine.h"
#include "project/samtemplate.h"
#include "store/asyncstore.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: asyncharness <template.yaml> <count> [payload] [max-in-flight]\n");
        return 2;
    }
    Lwb::SamTemplate sam;
    if (!sam.load(args.at(1)) || sam.functions().empty()) {
        for (const Lwb::Problem &p : sam.problems()) {
            std::fprintf(stderr, "%s\n", qPrintable(p.toString()));
        }
        return 1;
    }
    const int count = args.at(2).toInt();
    const QByteArray payload = args.size() > 3 ? args.at(3).toUtf8() : QByteArrayLiteral("{}");

    Lwb::Engine engine;
    engine.setFunctions(sam.functions());
    Lwb::AsyncQueue queue(&engine, Lwb::AsyncStore::pathForTemplate(args.at(1)));
    if (!queue.isOpen()) {
        std::fprintf(stderr, "cannot open the store: %s\n", qPrintable(queue.errorString()));
        return 1;
    }
    if (args.size() > 4) {
        queue.setMaxInFlightPerFunction(args.at(4).toInt());
    }
    const QString function = sam.functions().front().logicalId;
    for (int i = 0; i < count; ++i) {
        Lwb::InvokeRequest request;
        request.functionName = function;
        request.payload = payload;
        request.type = Lwb::InvocationType::Event;
        request.source = u"harness"_s;
        engine.invoke(request, [](const Lwb::InvokeResult &r) {
            if (r.httpStatus == 202) {
                std::printf("accepted %s\n", qPrintable(r.requestId));
            } else {
                std::printf("refused %d %s\n", r.httpStatus, qPrintable(r.serviceErrorCode));
            }
            std::fflush(stdout);
        });
    }
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (queue.pendingCount() == 0) {
            std::printf("drained\n");
            std::fflush(stdout);
            engine.shutdownAll();
            app.quit();
        }
    });
    poll.start(50);
    return app.exec();
}
