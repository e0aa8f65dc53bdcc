// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectscaffold.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

struct Language
{
    QString codeDir;     ///< as in the sample and in sam init
    QString handler;
    QStringList files;   ///< copied from the sample's codeDir
};

Language languageOf(const QString &runtime)
{
    if (runtime.startsWith(u"nodejs"_s)) {
        return {u"hello-world"_s, u"app.lambdaHandler"_s, {u"app.mjs"_s, u"package.json"_s}};
    }
    return {u"hello_world"_s, u"app.lambda_handler"_s,
            {u"__init__.py"_s, u"app.py"_s, u"requirements.txt"_s}};
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        *error = u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

bool copyFile(const QString &from, const QString &to, QString *error)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(QDir::toNativeSeparators(from), source.errorString());
        return false;
    }
    return writeFile(to, source.readAll(), error);
}

} // namespace

QStringList ProjectScaffold::runtimes()
{
    return {u"python3.12"_s, u"python3.11"_s, u"nodejs20.x"_s, u"nodejs22.x"_s};
}

QString ProjectScaffold::create(const QString &directory, const NewProjectOptions &options,
                                const QString &resourcesDir, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    if (!runtimes().contains(options.runtime)) {
        message = u"unsupported runtime '%1' (choose one of %2)"_s.arg(
            options.runtime, runtimes().join(u", "_s));
        return {};
    }
    if (options.architecture != u"x86_64"_s && options.architecture != u"arm64"_s) {
        message = u"unsupported architecture '%1' (x86_64 or arm64)"_s.arg(options.architecture);
        return {};
    }
    const QDir dir(directory);
    if (dir.exists() && !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        message = u"%1 is not empty"_s.arg(QDir::toNativeSeparators(directory));
        return {};
    }
    if (!QDir().mkpath(directory)) {
        message = u"cannot create %1"_s.arg(QDir::toNativeSeparators(directory));
        return {};
    }

    const QString sample = resourcesDir + u"/samples/hello-world"_s;
    const Language language = languageOf(options.runtime);
    for (const QString &file : language.files) {
        if (!copyFile(sample + u'/' + language.codeDir + u'/' + file,
                      dir.filePath(language.codeDir + u'/' + file), &message)) {
            return {};
        }
    }
    if (!copyFile(sample + u"/events/event.json"_s, dir.filePath(u"events/event.json"_s),
                  &message)) {
        return {};
    }

    const QString name = options.name.isEmpty() ? dir.dirName() : options.name;
    const QString yaml =
        u"AWSTemplateFormatVersion: '2010-09-09'\n"
        "Transform: AWS::Serverless-2016-10-31\n"
        "Description: >\n"
        "  %1\n"
        "\n"
        "  Sample SAM Template for %1\n"
        "\n"
        "# More info about Globals: "
        "https://github.com/awslabs/serverless-application-model/blob/master/docs/globals.rst\n"
        "Globals:\n"
        "  Function:\n"
        "    Timeout: 3\n"
        "    MemorySize: 128\n"
        "\n"
        "Resources:\n"
        "  HelloWorldFunction:\n"
        "    Type: AWS::Serverless::Function\n"
        "    Properties:\n"
        "      CodeUri: %2/\n"
        "      Handler: %3\n"
        "      Runtime: %4\n"
        "      Architectures:\n"
        "        - %5\n"
        "      Events:\n"
        "        HelloWorld:\n"
        "          Type: Api\n"
        "          Properties:\n"
        "            Path: /hello\n"
        "            Method: get\n"
        "\n"
        "Outputs:\n"
        "  HelloWorldApi:\n"
        "    Description: \"API Gateway endpoint URL for Prod stage for Hello World function\"\n"
        "    Value: !Sub \"https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com"
        "/Prod/hello/\"\n"
        "  HelloWorldFunction:\n"
        "    Description: \"Hello World Lambda Function ARN\"\n"
        "    Value: !GetAtt HelloWorldFunction.Arn\n"_s.arg(name, language.codeDir,
                                                          language.handler, options.runtime,
                                                          options.architecture);
    const QString templatePath = dir.filePath(u"template.yaml"_s);
    if (!writeFile(templatePath, yaml.toUtf8(), &message)) {
        return {};
    }
    return templatePath;
}

} // namespace Lwb
