// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the engine tests share: the handler fixtures of resources/samples/runtimes-fixtures,
// a synchronous invoke for test code, and small file helpers.

#include "engine/engine.h"
#include "engine/journal.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtTest/QTest>

#include <nlohmann/json.hpp>

#include <optional>

namespace Lwb::Test {

inline QString fixtureDir(const QString &name)
{
    return QStringLiteral(LWB_SOURCE_DIR) + QStringLiteral("/resources/samples/runtimes-fixtures/") + name;
}

inline FunctionConfig fixture(const QString &name, const QString &runtime, const QString &handler,
                              int timeoutSeconds = 3, int memoryMb = 128)
{
    FunctionConfig f;
    f.logicalId = name;
    f.functionName = name;
    f.runtime = runtime;
    f.handler = handler;
    f.codeDir = fixtureDir(name);
    f.timeoutSeconds = timeoutSeconds;
    f.memoryMb = memoryMb;
    return f;
}

/** Invokes and waits (spinning the event loop) for the result; a failed QVERIFY on time-out. */
inline InvokeResult invokeSync(Engine &engine, const QString &function, const QByteArray &payload = {},
                               const QString &qualifier = {})
{
    InvokeRequest request;
    request.functionName = function;
    request.payload = payload;
    request.qualifier = qualifier;
    std::optional<InvokeResult> result;
    engine.invoke(request, [&result](const InvokeResult &r) { result = r; });
    [&] { QVERIFY2(QTest::qWaitFor([&] { return result.has_value(); }, 60000), "invoke never finished"); }();
    return result.value_or(InvokeResult{});
}

/** How many records of @p kind the engine's journal holds. */
inline int countKind(const Engine &engine, JournalKind kind)
{
    int n = 0;
    for (const JournalRecord &rec : engine.journal()->records()) {
        n += rec.kind == kind ? 1 : 0;
    }
    return n;
}

inline nlohmann::json json(const InvokeResult &r)
{
    return nlohmann::json::parse(r.payload.toStdString(), nullptr, false);
}

inline QString writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(content);
    return path;
}

} // namespace Lwb::Test
