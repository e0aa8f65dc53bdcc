// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Saving an edited template patches the text it was loaded from (core/project/yamlpatcher):
// the saved text reloads to the edited document, only the edited entries' lines change, and
// undoing the edit gives the original bytes back.
#include "project/samtemplate.h"

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace Lwb;
using namespace Qt::StringLiterals;

namespace {

QString sourceFile(const QString &relative)
{
    return QStringLiteral(LWB_SOURCE_DIR) + u'/' + relative;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Comments, blank lines, quoting styles, a literal !Sub block, flow maps, lists of maps.
const char kTricky[] = R"(# leading comment
AWSTemplateFormatVersion: "2010-09-09"   # quoted version
Transform: AWS::Serverless-2016-10-31

# Parameters come first
Parameters:
  Stage:
    Type: String
    Default: 'dev'  # single quoted

Globals:
  Function:
    Runtime: python3.12   # all functions
    Environment:
      Variables: { LOG_LEVEL: info, STAGE: !Ref Stage }

Resources:
  # The worker
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/   # relative
      Handler: app.handler
      MemorySize: 128 # MB

      Timeout: 10
      Environment:
        Variables:
          # table name
          TABLE: "orders"
          GREETING: 'it''s # not a comment'
          SCRIPT: !Sub |
            echo ${AWS::Region}
            echo done
      Policies:
        - S3ReadPolicy:
            BucketName: !Ref Bucket
        - Statement:
            - Effect: Allow
              Action: sqs:*
              Resource: '*'
      Events:
        Api: { Type: Api, Properties: { Path: /w, Method: get } }
        Nightly:
          Type: Schedule   # cron
          Properties:
            Schedule: rate(1 day)
        # queue trigger
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
            BatchSize: 10
  # The bucket
  Bucket:
    Type: AWS::S3::Bucket

  Queue:
    Type: AWS::SQS::Queue
Outputs:
  WorkerArn:
    Value: !GetAtt Worker.Arn  # output
)";

// Four-space indentation, CRLF line endings and an anchor that an alias elsewhere uses.
const char kAnchors[] = "Transform: AWS::Serverless-2016-10-31\r\n"
                        "Globals:\r\n"
                        "    Function:\r\n"
                        "        Environment: &shared   # reused below\r\n"
                        "            Variables:\r\n"
                        "                MODE: \"fast\"\r\n"
                        "Resources:\r\n"
                        "    Fn:\r\n"
                        "        Type: AWS::Serverless::Function\r\n"
                        "        Properties:\r\n"
                        "            CodeUri: src/\r\n"
                        "            Handler: app.handler\r\n"
                        "            Runtime: python3.12\r\n"
                        "            Environment: *shared\r\n"
                        "\r\n"
                        "    # keep me\r\n"
                        "    Table:\r\n"
                        "        Type: AWS::Serverless::SimpleTable\r\n";

const char kJson[] = R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "Fn": {
      "Type": "AWS::Serverless::Function",
      "Properties": {"CodeUri": "src/", "Handler": "app.handler", "Runtime": "python3.12"}
    }
  }
}
)";

QList<QByteArray> linesOf(const QByteArray &text)
{
    QList<QByteArray> lines = text.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast();
    }
    for (QByteArray &line : lines) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
    }
    return lines;
}

// A line diff (longest common subsequence): the lines only @p before has and those only
// @p after has, in order.
struct LineDiff
{
    QStringList removed;
    QStringList added;
};

LineDiff diff(const QByteArray &before, const QByteArray &after)
{
    const QList<QByteArray> a = linesOf(before);
    const QList<QByteArray> b = linesOf(after);
    std::vector<std::vector<int>> common(size_t(a.size() + 1),
                                         std::vector<int>(size_t(b.size() + 1)));
    for (qsizetype i = a.size() - 1; i >= 0; --i) {
        for (qsizetype j = b.size() - 1; j >= 0; --j) {
            common[size_t(i)][size_t(j)] =
                a[i] == b[j]
                    ? common[size_t(i + 1)][size_t(j + 1)] + 1
                    : std::max(common[size_t(i + 1)][size_t(j)], common[size_t(i)][size_t(j + 1)]);
        }
    }
    LineDiff out;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && a[i] == b[j]) {
            ++i;
            ++j;
        } else if (j < b.size() && (i == a.size() || common[size_t(i)][size_t(j + 1)] >=
                                                         common[size_t(i + 1)][size_t(j)])) {
            out.added.append(QString::fromUtf8(b[j++]));
        } else {
            out.removed.append(QString::fromUtf8(a[i++]));
        }
    }
    return out;
}

// The lines of @p text from the one equal to @p first to the one before @p next.
QStringList linesBetween(const char *text, const QString &first, const QString &next)
{
    QStringList lines;
    for (const QByteArray &line : linesOf(QByteArray(text))) {
        lines.append(QString::fromUtf8(line));
    }
    const qsizetype from = lines.indexOf(first);
    const qsizetype to = lines.indexOf(next);
    return from >= 0 && to > from ? lines.mid(from, to - from) : QStringList();
}

/** Loads @p text, as the template at @p path, into @p t; true when it saves the same bytes. */
bool loadsUnchanged(SamTemplate &t, const QByteArray &text, const QString &path)
{
    return t.loadFromData(text, path) && t.toYaml() == text;
}

// The text @p t would save loads back as @p t's (edited) document.
bool savedTextReloads(const SamTemplate &t, const QString &path)
{
    SamTemplate reloaded;
    return reloaded.loadFromData(t.toYaml(), path) && reloaded.toJson() == t.toJson() &&
           reloaded.functions().size() == t.functions().size();
}

} // namespace

class TestYamlPatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void edit_data();
    void edit();
    void unchangedIsByteIdentical_data();
    void unchangedIsByteIdentical();
    void addAndRemoveFunction();
    void saveThenEditAgain();
    void jsonTemplateFallsBackToFullRewrite();
    void editThroughAnAlias();
    void oddDocuments_data();
    void oddDocuments();
};

void TestYamlPatcher::edit_data()
{
    QTest::addColumn<QString>("path"); // a file, or empty for `text`
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("op"); // set | remove
    QTest::addColumn<QString>("function");
    QTest::addColumn<QString>("property");
    QTest::addColumn<QByteArray>("value"); // JSON, for set
    QTest::addColumn<QStringList>("removed");
    QTest::addColumn<QStringList>("added");

    const QString hello = sourceFile(u"resources/samples/hello-world/template.yaml"_s);
    const QString python = sourceFile(u"tests/plugins/data/sam-app-python/template.yaml"_s);
    const QString node = sourceFile(u"tests/plugins/data/sam-app-nodejs/template.yaml"_s);
    const QByteArray invokeConfig =
        R"({"MaximumRetryAttempts": 1, "MaximumEventAgeInSeconds": 120,
            "DestinationConfig": {"OnFailure": {"Type": "SQS",
                                                "Destination": {"Fn::GetAtt": ["Queue", "Arn"]}}}})";
    const QStringList invokeConfigLines = {
        u"      EventInvokeConfig:"_s,
        u"        DestinationConfig:"_s,
        u"          OnFailure:"_s,
        u"            Destination: !GetAtt Queue.Arn"_s,
        u"            Type: SQS"_s,
        u"        MaximumEventAgeInSeconds: 120"_s,
        u"        MaximumRetryAttempts: 1"_s,
    };
    const QByteArray sqsEvent =
        R"({"Type": "SQS", "Properties": {"Queue": "arn:aws:sqs:us-east-1:123456789012:jobs", "BatchSize": 5}})";
    const QStringList sqsEventLines = {
        u"        Jobs:"_s,
        u"          Properties:"_s,
        u"            BatchSize: 5"_s,
        u"            Queue: arn:aws:sqs:us-east-1:123456789012:jobs"_s,
        u"          Type: SQS"_s,
    };
    const QStringList helloEventLines = {
        u"        HelloWorld:"_s,      u"          Type: Api"_s,     u"          Properties:"_s,
        u"            Path: /hello"_s, u"            Method: get"_s,
    };

    for (const auto &[name, path, runtime] : {std::tuple(u"hello-world"_s, hello, u"python"_s),
                                              std::tuple(u"sam-app-python"_s, python, u"python"_s),
                                              std::tuple(u"sam-app-nodejs"_s, node, u"nodejs"_s)}) {
        const QByteArray n = name.toUtf8();
        QTest::newRow((n + " set MemorySize").constData())
            << path << QByteArray() << u"set"_s << u"HelloWorldFunction"_s << u"MemorySize"_s
            << QByteArray("512") << QStringList() << QStringList{u"      MemorySize: 512"_s};
        QTest::newRow((n + " add an Events entry").constData())
            << path << QByteArray() << u"set"_s << u"HelloWorldFunction"_s << u"Events.Jobs"_s
            << sqsEvent << QStringList() << sqsEventLines;
        QTest::newRow((n + " add EventInvokeConfig").constData())
            << path << QByteArray() << u"set"_s << u"HelloWorldFunction"_s << u"EventInvokeConfig"_s
            << invokeConfig << QStringList() << invokeConfigLines;
        // The only event: Events is left an empty map.
        QStringList removedEvents = QStringList{u"      Events:"_s} + helloEventLines;
        if (name != u"hello-world") {
            removedEvents[2] +=
                u" # More info about API Event Source: https://github.com/awslabs/serverless-application-model/blob/master/versions/2016-10-31.md#api"_s;
        }
        QTest::newRow((n + " remove the Events entry").constData())
            << path << QByteArray() << u"remove"_s << u"HelloWorldFunction"_s
            << u"Events.HelloWorld"_s << QByteArray() << removedEvents
            << QStringList{u"      Events: {}"_s};
        QTest::newRow((n + " add an environment variable").constData())
            << path << QByteArray() << u"set"_s << u"HelloWorldFunction"_s
            << u"Environment.Variables.TABLE"_s << QByteArray(R"("orders")") << QStringList()
            << QStringList{u"      Environment:"_s, u"        Variables:"_s,
                           u"          TABLE: orders"_s};
        QTest::newRow((n + " change the handler").constData())
            << path << QByteArray() << u"set"_s << u"HelloWorldFunction"_s << u"Handler"_s
            << QByteArray(R"("main.handler")")
            << QStringList{runtime == u"python" ? u"      Handler: app.lambda_handler"_s
                                                : u"      Handler: app.lambdaHandler"_s}
            << QStringList{u"      Handler: main.handler"_s};
    }

    const QByteArray tricky(kTricky);
    QTest::newRow("tricky: a trailing comment is kept")
        << QString() << tricky << u"set"_s << u"Worker"_s << u"MemorySize"_s << QByteArray("256")
        << QStringList{u"      MemorySize: 128 # MB"_s}
        << QStringList{u"      MemorySize: 256 # MB"_s};
    QTest::newRow("tricky: change a quoted env var")
        << QString() << tricky << u"set"_s << u"Worker"_s << u"Environment.Variables.TABLE"_s
        << QByteArray(R"("007")") << QStringList{u"          TABLE: \"orders\""_s}
        << QStringList{u"          TABLE: \"007\""_s};
    QTest::newRow("tricky: a '#' inside quotes is not a comment")
        << QString() << tricky << u"set"_s << u"Worker"_s << u"Environment.Variables.GREETING"_s
        << QByteArray(R"("hi")") << QStringList{u"          GREETING: 'it''s # not a comment'"_s}
        << QStringList{u"          GREETING: hi"_s};
    QTest::newRow("tricky: change a !Sub literal block")
        << QString() << tricky << u"set"_s << u"Worker"_s << u"Environment.Variables.SCRIPT"_s
        << QByteArray(R"({"Fn::Sub": "echo ${AWS::Region}\n"})")
        << QStringList{u"          SCRIPT: !Sub |"_s, u"            echo ${AWS::Region}"_s,
                       u"            echo done"_s}
        << QStringList{u"          SCRIPT: !Sub \"echo ${AWS::Region}\\n\""_s};
    QTest::newRow("tricky: add an Events entry after a comment-led one")
        << QString() << tricky << u"set"_s << u"Worker"_s << u"Events.Jobs"_s << sqsEvent
        << QStringList() << sqsEventLines;
    QTest::newRow("tricky: add EventInvokeConfig")
        << QString() << tricky << u"set"_s << u"Worker"_s << u"EventInvokeConfig"_s << invokeConfig
        << QStringList() << invokeConfigLines;
    QTest::newRow("tricky: remove an Events entry")
        << QString() << tricky << u"remove"_s << u"Worker"_s << u"Events.Nightly"_s << QByteArray()
        << QStringList{u"        Nightly:"_s, u"          Type: Schedule   # cron"_s,
                       u"          Properties:"_s, u"            Schedule: rate(1 day)"_s}
        << QStringList();
    QTest::newRow("tricky: remove a comment-led Events entry")
        << QString() << tricky << u"remove"_s << u"Worker"_s << u"Events.Queue"_s << QByteArray()
        << QStringList{u"        # queue trigger"_s,
                       u"        Queue:"_s,
                       u"          Type: SQS"_s,
                       u"          Properties:"_s,
                       u"            Queue: !GetAtt Queue.Arn"_s,
                       u"            BatchSize: 10"_s}
        << QStringList();
    QTest::newRow("tricky: remove a flow-style event")
        << QString() << tricky << u"remove"_s << u"Worker"_s << u"Events.Api"_s << QByteArray()
        << QStringList{u"        Api: { Type: Api, Properties: { Path: /w, Method: get } }"_s}
        << QStringList();
    QTest::newRow("tricky: edit inside a flow map rewrites that entry")
        << QString() << tricky << u"set"_s << u"Worker"_s << u"Events.Api.Properties.Path"_s
        << QByteArray(R"("/x")")
        << QStringList{u"        Api: { Type: Api, Properties: { Path: /w, Method: get } }"_s}
        << QStringList{u"        Api: {Type: Api, Properties: {Path: /x, Method: get}}"_s};
    QTest::newRow("tricky: replace a list of maps")
        << QString() << tricky << u"set"_s << u"Worker"_s << u"Policies"_s
        << QByteArray(R"(["AWSLambdaBasicExecutionRole"])")
        << QStringList{u"        - S3ReadPolicy:"_s,     u"            BucketName: !Ref Bucket"_s,
                       u"        - Statement:"_s,        u"            - Effect: Allow"_s,
                       u"              Action: sqs:*"_s, u"              Resource: '*'"_s}
        << QStringList{u"        - AWSLambdaBasicExecutionRole"_s};
    QTest::newRow("tricky: remove a property before a blank line")
        << QString() << tricky << u"remove"_s << u"Worker"_s << u"MemorySize"_s << QByteArray()
        << QStringList{u"      MemorySize: 128 # MB"_s} << QStringList();

    const QByteArray anchors(kAnchors);
    QTest::newRow("anchors, CRLF, 4 spaces: add a property")
        << QString() << anchors << u"set"_s << u"Fn"_s << u"MemorySize"_s << QByteArray("1024")
        << QStringList() << QStringList{u"            MemorySize: 1024"_s};
    QTest::newRow("anchors, CRLF, 4 spaces: change a property")
        << QString() << anchors << u"set"_s << u"Fn"_s << u"Runtime"_s
        << QByteArray(R"("python3.13")") << QStringList{u"            Runtime: python3.12"_s}
        << QStringList{u"            Runtime: python3.13"_s};
}

void TestYamlPatcher::edit()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, text);
    QFETCH(QString, op);
    QFETCH(QString, function);
    QFETCH(QString, property);
    QFETCH(QByteArray, value);
    QFETCH(QStringList, removed);
    QFETCH(QStringList, added);

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QByteArray original = path.isEmpty() ? text : readFile(path);
    QVERIFY(!original.isEmpty());
    const QString templatePath = path.isEmpty() ? tmp.filePath(u"template.yaml"_s) : path;
    SamTemplate t;
    QVERIFY(loadsUnchanged(t, original, templatePath));

    // What undoes the edit: setting the old value back, or removing the first key it added.
    const QStringList steps = property.split(u'.');
    const std::optional<nlohmann::json> oldValue = t.functionProperty(function, property);
    QString createdPath;
    for (qsizetype i = 1; i <= steps.size() && createdPath.isEmpty(); ++i) {
        const QString prefix = steps.mid(0, i).join(u'.');
        if (!t.functionProperty(function, prefix)) {
            createdPath = prefix;
        }
    }

    QString error;
    if (op == u"set") {
        QVERIFY2(t.setFunctionProperty(function, property,
                                       nlohmann::json::parse(value.toStdString()), &error),
                 qPrintable(error));
    } else {
        QVERIFY2(t.removeFunctionProperty(function, property, &error), qPrintable(error));
    }
    const QByteArray saved = t.toYaml();

    // (a) The saved text is the edited document.
    QVERIFY(savedTextReloads(t, templatePath));

    // (b) Only the edited entry's lines changed; every other line (and comment) is kept.
    const LineDiff changes = diff(original, saved);
    QCOMPARE(changes.removed, removed);
    QCOMPARE(changes.added, added);
    // The line ending of the file is kept.
    QCOMPARE(saved.count("\r\n"), original.contains("\r\n") ? saved.count('\n') : 0);

    // (c) Undoing the edit gives the original bytes.
    if (op == u"set" && oldValue) {
        QVERIFY(t.setFunctionProperty(function, property, *oldValue));
    } else if (op == u"set") {
        QVERIFY(t.removeFunctionProperty(function, createdPath));
    } else {
        QVERIFY(t.setFunctionProperty(function, property, *oldValue));
    }
    if (op == u"set") {
        QCOMPARE(t.toYaml(), original);
    } else {
        // Removal then re-adding appends the entry at the end of its map: it reloads the same.
        SamTemplate undone;
        QVERIFY(undone.loadFromData(t.toYaml(), templatePath));
        SamTemplate first;
        QVERIFY(first.loadFromData(original, templatePath));
        QCOMPARE(undone.toJson(), first.toJson());
    }
}

void TestYamlPatcher::unchangedIsByteIdentical_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("tricky") << QByteArray(kTricky);
    QTest::newRow("anchors") << QByteArray(kAnchors);
    QTest::newRow("json") << QByteArray(kJson);
    QTest::newRow("hello-world") << readFile(
        sourceFile(u"resources/samples/hello-world/template.yaml"_s));
}

void TestYamlPatcher::unchangedIsByteIdentical()
{
    QFETCH(QByteArray, text);
    QTemporaryDir tmp;
    const QString path = tmp.filePath(u"template.yaml"_s);
    SamTemplate t;
    QVERIFY(loadsUnchanged(t, text, path));
    QVERIFY(t.save(path));
    QCOMPARE(readFile(path), text);
}

void TestYamlPatcher::addAndRemoveFunction()
{
    const QByteArray original(kTricky);
    QTemporaryDir tmp;
    const QString path = tmp.filePath(u"template.yaml"_s);
    SamTemplate t;
    QVERIFY(t.loadFromData(original, path));

    FunctionConfig fn;
    fn.logicalId = u"Reporter"_s;
    fn.runtime = u"nodejs20.x"_s;
    fn.handler = u"index.handler"_s;
    fn.codeDir = tmp.filePath(u"reporter"_s);
    fn.memoryMb = 256;
    QString error;
    QVERIFY2(t.addFunction(fn, &error), qPrintable(error));
    const QByteArray withReporter = t.toYaml();
    const LineDiff added = diff(original, withReporter);
    QVERIFY(added.removed.isEmpty());
    // Appended after the last resource, before Outputs.
    QCOMPARE(added.added,
             (QStringList{u"  Reporter:"_s, u"    Type: AWS::Serverless::Function"_s,
                          u"    Properties:"_s, u"      CodeUri: reporter/"_s,
                          u"      Handler: index.handler"_s, u"      Runtime: nodejs20.x"_s,
                          u"      MemorySize: 256"_s}));
    QVERIFY(withReporter.contains("    Type: AWS::SQS::Queue\n  Reporter:\n"));
    QVERIFY(savedTextReloads(t, path));

    // Undo: the original bytes.
    QVERIFY(t.removeFunction(u"Reporter"_s));
    QCOMPARE(t.toYaml(), original);

    // Removing a function takes the comment right above it along, and nothing else.
    QVERIFY(t.removeFunction(u"Worker"_s));
    const LineDiff removed = diff(original, t.toYaml());
    QVERIFY(removed.added.isEmpty());
    QCOMPARE(removed.removed, linesBetween(kTricky, u"  # The worker"_s, u"  # The bucket"_s));
    QVERIFY(savedTextReloads(t, path));
}

void TestYamlPatcher::saveThenEditAgain()
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(u"template.yaml"_s);
    QFile::copy(sourceFile(u"tests/plugins/data/sam-app-python/template.yaml"_s), path);
    SamTemplate t;
    QVERIFY(t.load(path));
    QVERIFY(t.setFunctionProperty(u"HelloWorldFunction"_s, u"MemorySize"_s, 256));
    QVERIFY(t.save());
    const QByteArray first = readFile(path);
    QCOMPARE(first, t.toYaml());
    // The next save patches the text just written.
    QVERIFY(t.setFunctionProperty(u"HelloWorldFunction"_s, u"MemorySize"_s, 1024));
    QVERIFY(t.save());
    const LineDiff changes = diff(first, readFile(path));
    QCOMPARE(changes.removed, QStringList{u"      MemorySize: 256"_s});
    QCOMPARE(changes.added, QStringList{u"      MemorySize: 1024"_s});
}

void TestYamlPatcher::jsonTemplateFallsBackToFullRewrite()
{
    const QByteArray original(kJson);
    QTemporaryDir tmp;
    const QString path = tmp.filePath(u"template.json"_s);
    SamTemplate t;
    QVERIFY(t.loadFromData(original, path));
    QVERIFY(t.setFunctionProperty(u"Fn"_s, u"MemorySize"_s, 512));
    QVERIFY(savedTextReloads(t, path));
    QCOMPARE(t.function(u"Fn"_s)->memoryMb, 512);
    QVERIFY(t.removeFunctionProperty(u"Fn"_s, u"MemorySize"_s));
    QCOMPARE(t.toYaml(), original);
}

void TestYamlPatcher::editThroughAnAlias()
{
    // Fn's Environment is an alias of Globals' &shared: the edit changes both places, and the
    // anchor cannot stay. The saved text must still be the edited document.
    const QByteArray original(kAnchors);
    QTemporaryDir tmp;
    const QString path = tmp.filePath(u"template.yaml"_s);
    SamTemplate t;
    QVERIFY(t.loadFromData(original, path));
    QVERIFY(t.setFunctionProperty(u"Fn"_s, u"Environment.Variables.MODE"_s, "slow"));
    QVERIFY(savedTextReloads(t, path));
    QCOMPARE(t.function(u"Fn"_s)->environment.value(u"MODE"_s), u"slow"_s);
    const LineDiff changes = diff(original, t.toYaml());
    QVERIFY(!changes.removed.contains(u"    # keep me"_s));
    QVERIFY(!changes.removed.contains(u"        Type: AWS::Serverless::SimpleTable"_s));
}

void TestYamlPatcher::oddDocuments_data()
{
    QTest::addColumn<QByteArray>("text");
    const QByteArray head = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n"
                            "    Type: AWS::Serverless::Function\n    Properties:\n"
                            "      Handler: app.handler\n      Runtime: python3.12\n";
    QTest::newRow("duplicate keys") << head + "      Timeout: 3\n      Timeout: 4\n";
    QTest::newRow("second document")
        << head + "      CodeUri: src/\n---\n# another document\nOther: 1\n";
    QTest::newRow("end marker") << head + "      CodeUri: src/\n...\n";
    QTest::newRow("complex key") << head + "? [a, b]\n: pair\n";
    QTest::newRow("BOM") << "\xEF\xBB\xBF" + head;
    QTest::newRow("value on the next line") << head + "      CodeUri:\n        src/\n";
    QTest::newRow("comment-like last line of a literal block")
        << head + "      Description: |\n        text\n        # not a comment\n";
    QTest::newRow("zero-indented list")
        << head + "      Layers:\n      - arn:aws:lambda:us-east-1:123456789012:layer:a:1\n";
    QTest::newRow("flow Properties")
        << QByteArray("Resources:\n  Fn: {Type: AWS::Serverless::Function, Properties: "
                      "{Handler: a.h, Runtime: python3.12}}\n");
    QTest::newRow("no final newline") << head.chopped(1);
}

// Whatever the patcher can or cannot place, the saved text is the edited document.
void TestYamlPatcher::oddDocuments()
{
    QFETCH(QByteArray, text);
    QTemporaryDir tmp;
    const QString path = tmp.filePath(u"template.yaml"_s);
    SamTemplate t;
    QVERIFY(loadsUnchanged(t, text, path));
    QVERIFY(t.setFunctionProperty(u"Fn"_s, u"MemorySize"_s, 512));
    const nlohmann::json nightly = {{"Type", "Schedule"},
                                    {"Properties", {{"Schedule", "rate(1 day)"}}}};
    QVERIFY(t.setFunctionProperty(u"Fn"_s, u"Events.Nightly"_s, nightly));
    QVERIFY(savedTextReloads(t, path));
    QCOMPARE(t.function(u"Fn"_s)->memoryMb, 512);
    // What follows the first document is kept (the node tree never had it).
    const qsizetype marker = text.indexOf("\n---\n");
    if (marker > 0) {
        QVERIFY(t.toYaml().endsWith(text.mid(marker)));
    }
}

QTEST_GUILESS_MAIN(TestYamlPatcher)
#include "tst_yamlpatcher.moc"
