// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enginehost.h"
#include "invokeconsole.h"

#include "model/functionconfig.h"
#include "project/samtemplate.h"

#include <QtCore/QDir>
#include <QtCore/QDirIterator>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>

#include <algorithm>
#include <vector>

/** A project in a temporary folder, for the editor, event designer and invoke console tests. */
namespace SampleProject {

/**
 * Copies a folder tree: the engine writes its state into the project. The source's own engine
 * state (`.lwb/`, left by running the sample in place) is not copied.
 */
inline bool copyTree(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    QDirIterator it(from, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString relative = QDir(from).relativeFilePath(source);
        if (relative == QStringLiteral(".lwb") || relative.startsWith(QStringLiteral(".lwb/"))) {
            continue;
        }
        const QString target = to + u'/' + relative;
        if (it.fileInfo().isDir()) {
            QDir().mkpath(target);
        } else if (!QFile::copy(source, target)) {
            return false;
        }
    }
    return true;
}

/** resources/samples/hello-world copied into @p dir; empty on failure. */
inline QString copyHelloWorld(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("hello-world"));
    return copyTree(QStringLiteral(LWB_SOURCE_DIR "/resources/samples/hello-world"), path)
               ? path
               : QString();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

/** The functions of @p projectDir's template.yaml. */
inline std::vector<Lwb::FunctionConfig> functions(const QString &projectDir)
{
    Lwb::SamTemplate loaded;
    if (!loaded.load(QDir(projectDir).filePath(QStringLiteral("template.yaml")))) {
        return {};
    }
    return loaded.functions();
}

inline Lwb::FunctionConfig function(const QString &projectDir, const QString &logicalId)
{
    const auto all = functions(projectDir);
    const auto it =
        std::find_if(all.cbegin(), all.cend(), [&logicalId](const Lwb::FunctionConfig &f) {
            return f.logicalId == logicalId;
        });
    return it == all.cend() ? Lwb::FunctionConfig{} : *it;
}

/** hello-world copied into a temporary folder, with its engine running on its own thread. */
class HelloWorld
{
public:
    HelloWorld() { host.start(functions(project), templatePath); }

    /** Points @p console at this engine and at the function @p logicalId. */
    void attach(Lwb::InvokeConsole &console,
                const QString &logicalId = QStringLiteral("HelloWorldFunction"))
    {
        console.setEngine(&host, templatePath);
        console.setFunction(function(project, logicalId));
    }

    QTemporaryDir dir;
    const QString project = copyHelloWorld(dir);
    const QString templatePath = project + QStringLiteral("/template.yaml");
    Lwb::EngineHost host;
};

} // namespace SampleProject
