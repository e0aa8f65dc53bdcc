// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "project/envvarsfile.h"
#include "project/samtemplate.h"
#include "project/savedevents.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <yaml-cpp/yaml.h>

using namespace Lwb;
using namespace Qt::StringLiterals;

namespace {

QString sourceDir()
{
    return QStringLiteral(LWB_SOURCE_DIR);
}

QString projectData(const QString &name)
{
    return sourceDir() + u"/tests/core/data/project/"_s + name;
}

QString samplePath()
{
    return sourceDir() + u"/resources/samples/hello-world/template.yaml"_s;
}

// Structural equality of two YAML trees: kinds, tags, scalar text and key order.
bool sameTree(const YAML::Node &a, const YAML::Node &b, QString *where, const QString &at = u"/"_s)
{
    auto fail = [&](const QString &why) {
        *where = at + u": "_s + why;
        return false;
    };
    if (a.Type() != b.Type()) {
        return fail(u"kind %1 vs %2"_s.arg(int(a.Type())).arg(int(b.Type())));
    }
    if (a.Tag() != b.Tag()) {
        return fail(u"tag '%1' vs '%2'"_s.arg(QString::fromStdString(a.Tag()),
                                             QString::fromStdString(b.Tag())));
    }
    switch (a.Type()) {
    case YAML::NodeType::Scalar:
        if (a.Scalar() != b.Scalar()) {
            return fail(u"'%1' vs '%2'"_s.arg(QString::fromStdString(a.Scalar()),
                                              QString::fromStdString(b.Scalar())));
        }
        return true;
    case YAML::NodeType::Sequence:
        if (a.size() != b.size()) {
            return fail(u"list sizes differ"_s);
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!sameTree(a[i], b[i], where, at + QString::number(i) + u'/')) {
                return false;
            }
        }
        return true;
    case YAML::NodeType::Map: {
        if (a.size() != b.size()) {
            return fail(u"map sizes differ"_s);
        }
        auto ia = a.begin();
        auto ib = b.begin();
        for (; ia != a.end(); ++ia, ++ib) {
            const QString key = QString::fromStdString(ia->first.Scalar());
            if (!sameTree(ia->first, ib->first, where, at + u"<key>"_s)
                || !sameTree(ia->second, ib->second, where, at + key + u'/')) {
                return false;
            }
        }
        return true;
    }
    default:
        return true;
    }
}

QString messages(const Problems &problems)
{
    QStringList out;
    for (const Problem &p : problems) {
        out.append(p.toString());
    }
    return out.join(u'\n');
}

const FunctionConfig *findFunction(const SamTemplate &t, const QString &id)
{
    for (const FunctionConfig &fn : t.functions()) {
        if (fn.logicalId == id) {
            return &fn;
        }
    }
    return nullptr;
}

// One field of a FunctionConfig as text, so that _data() tables can name fields.
QString field(const FunctionConfig &fn, const QString &name, const QString &templateDir)
{
    if (name == u"runtime") return fn.runtime;
    if (name == u"handler") return fn.handler;
    if (name == u"codeDir") return QDir(templateDir).relativeFilePath(fn.codeDir);
    if (name == u"memoryMb") return QString::number(fn.memoryMb);
    if (name == u"timeoutSeconds") return QString::number(fn.timeoutSeconds);
    if (name == u"ephemeralStorageMb") return QString::number(fn.ephemeralStorageMb);
    if (name == u"architecture") return fn.architecture;
    if (name == u"functionName") return fn.functionName;
    if (name == u"description") return fn.description;
    if (name == u"packageType") return fn.packageType;
    if (name == u"reservedConcurrency") {
        return fn.reservedConcurrency ? QString::number(*fn.reservedConcurrency) : u"none"_s;
    }
    if (name == u"maxRetries") return QString::number(fn.asyncConfig.maximumRetryAttempts);
    if (name == u"maxEventAge") return QString::number(fn.asyncConfig.maximumEventAgeSeconds);
    auto destination = [](const DestinationConfig &d) {
        return d.isSet() ? d.type + u':' + d.target : u"none"_s;
    };
    if (name == u"onSuccess") return destination(fn.asyncConfig.onSuccess);
    if (name == u"onFailure") return destination(fn.asyncConfig.onFailure);
    if (name == u"dlq") return destination(fn.asyncConfig.deadLetterQueue);
    if (name == u"autoPublishAlias") return fn.autoPublishAlias;
    if (name == u"provisionedConcurrency") return QString::number(fn.provisionedConcurrency);
    if (name == u"layers") {
        QStringList ids;
        for (const LayerConfig &l : fn.layers) {
            ids.append(l.unresolvedReference.isEmpty() ? l.logicalId : u"?"_s + l.name);
        }
        return ids.join(u',');
    }
    if (name == u"envNames") return fn.environment.keys().join(u',');
    if (name.startsWith(u"env:")) {
        const QString var = name.mid(4);
        return fn.environment.contains(var) ? fn.environment.value(var) : u"<unset>"_s;
    }
    return u"<unknown field %1>"_s.arg(name);
}

QByteArray functionTemplate(const QByteArray &properties, const QByteArray &globals = {},
                            const QByteArray &parameters = {})
{
    QByteArray out;
    if (!parameters.isEmpty()) {
        out += "Parameters:\n" + parameters;
    }
    if (!globals.isEmpty()) {
        out += "Globals:\n  Function:\n" + globals;
    }
    out += "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
           "      Runtime: python3.12\n      Handler: app.handler\n";
    out += properties;
    return out;
}

} // namespace

class TestSamTemplate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kitchenSinkFunction_data();
    void kitchenSinkFunction();
    void kitchenSinkTemplateInfo();
    void kitchenSinkWarnings_data();
    void kitchenSinkWarnings();
    void kitchenSinkEvents();
    void kitchenSinkLayers();
    void globalsMerge_data();
    void globalsMerge();
    void asyncConfig_data();
    void asyncConfig();
    void asyncConfigInvalid_data();
    void asyncConfigInvalid();
    void parameters_data();
    void parameters();
    void inlineCodeAndS3();
    void malformed_data();
    void malformed();
    void missingFile();
    void problemToString();
    void roundTrip_data();
    void roundTrip();
    void roundTripKeepsShortTags();
    void editProperties();
    void editErrors();
    void addAndRemoveFunction();
    void envVars_data();
    void envVars();
    void envVarsInvalid_data();
    void envVarsInvalid();
    void savedEvents();
    void savedEventsRejectBadInput();
    void samInit_data();
    void samInit();
    void bundledSample();
};

void TestSamTemplate::kitchenSinkFunction_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    auto row = [](const char *fn, const char *f, const QString &expected) {
        QTest::addRow("%s.%s", fn, f) << QString::fromLatin1(fn) << QString::fromLatin1(f)
                                      << expected;
    };
    row("ApiFunction", "runtime", u"python3.12"_s); // from Globals
    row("ApiFunction", "handler", u"app.handler"_s);
    row("ApiFunction", "codeDir", u"src/api"_s);
    row("ApiFunction", "memoryMb", u"512"_s);       // !Ref Mem → Default
    row("ApiFunction", "timeoutSeconds", u"20"_s);  // resource wins over Globals
    row("ApiFunction", "ephemeralStorageMb", u"1024"_s);
    row("ApiFunction", "architecture", u"arm64"_s);
    row("ApiFunction", "functionName", u"orders-api"_s);
    row("ApiFunction", "description", u"Orders API"_s);
    row("ApiFunction", "reservedConcurrency", u"5"_s);
    row("ApiFunction", "packageType", u"Zip"_s);
    row("ApiFunction", "layers", u"CommonLayer,?shared,?other"_s); // Globals' list first
    row("ApiFunction", "envNames", u"DEBUG,LOG_LEVEL,QUOTED,RETRIES,STAGE,TABLE_ARN,TABLE_NAME"_s);
    row("ApiFunction", "env:STAGE", u"dev"_s);        // global, !Ref Stage → Default
    row("ApiFunction", "env:LOG_LEVEL", u"DEBUG"_s);  // resource key wins
    row("ApiFunction", "env:TABLE_NAME", u"OrdersTable"_s); // Ref to a resource: logical id
    row("ApiFunction", "env:TABLE_ARN", QString());   // !GetAtt: empty, warned
    row("ApiFunction", "env:DEBUG", u"true"_s);
    row("ApiFunction", "env:RETRIES", u"3"_s);
    row("ApiFunction", "env:QUOTED", u"007"_s);
    row("WorkerFunction", "runtime", u"python3.12"_s);
    row("WorkerFunction", "codeDir", u"."_s);         // no CodeUri: the template's folder
    row("WorkerFunction", "timeoutSeconds", u"3"_s);  // !FindInMap: not evaluated
    row("WorkerFunction", "memoryMb", u"128"_s);      // !If: not evaluated
    row("WorkerFunction", "functionName", u"WorkerFunction"_s);
    row("WorkerFunction", "layers", u"CommonLayer,?!Sub arn:aws:lambda:${AWS::Region}:123456789012:layer:x:1"_s);
    row("WorkerFunction", "env:QUEUE_URL", QString());
    row("WorkerFunction", "env:LOG_LEVEL", u"INFO"_s);
    row("WorkerFunction", "reservedConcurrency", u"none"_s);
    row("PlainLambda", "runtime", u"nodejs20.x"_s);    // AWS::Lambda::Function: no Globals
    row("PlainLambda", "handler", u"index.handler"_s);
    row("PlainLambda", "codeDir", u"src/plain"_s);
    row("PlainLambda", "memoryMb", u"2048"_s);
    row("PlainLambda", "timeoutSeconds", u"3"_s);
    row("PlainLambda", "envNames", QString());
}

void TestSamTemplate::kitchenSinkFunction()
{
    QFETCH(QString, function);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    SamTemplate t;
    QVERIFY2(t.load(projectData(u"kitchen-sink/template.yaml"_s)), qPrintable(messages(t.problems())));
    QVERIFY2(!t.hasErrors(), qPrintable(messages(t.problems())));
    const FunctionConfig *fn = findFunction(t, function);
    QVERIFY(fn);
    QCOMPARE(::field(*fn, field, t.directory()), expected);
}

void TestSamTemplate::kitchenSinkTemplateInfo()
{
    SamTemplate t;
    QVERIFY(t.load(projectData(u"kitchen-sink/template.yaml"_s)));
    QCOMPARE(t.formatVersion(), u"2010-09-09"_s);
    QCOMPARE(t.transforms(), QStringList({u"AWS::LanguageExtensions"_s, u"AWS::Serverless-2016-10-31"_s}));
    QCOMPARE(t.description(), u"Every property the loader reads, and plenty it does not."_s);
    QCOMPARE(t.functions().size(), std::size_t(3));
    QCOMPARE(t.resourceIds().size(), 7);
    QCOMPARE(t.resourceType(u"Custom"_s), u"Custom::Thing"_s);
    QCOMPARE(t.parameters().size(), std::size_t(4));
    QCOMPARE(t.parameters().at(0).name, u"Stage"_s);
    QCOMPARE(t.parameters().at(0).allowedValues, QStringList({u"dev"_s, u"prod"_s}));
    QVERIFY(!t.parameters().at(3).defaultValue.has_value());
    QCOMPARE(t.function(u"orders-api"_s)->logicalId, u"ApiFunction"_s); // by FunctionName
    QVERIFY(!t.function(u"Nope"_s));
    QVERIFY(QDir::isAbsolutePath(t.functions().front().codeDir));
}

void TestSamTemplate::kitchenSinkWarnings_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QString>("fragment");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("getatt env") << u"ApiFunction"_s << u"TABLE_ARN uses !GetAtt OrdersTable.Arn"_s << 97 << 22;
    QTest::newRow("published layer") << u"ApiFunction"_s << u"layer 'arn:aws:lambda:us-east-1:123456789012:layer:shared:7'"_s << 102 << 11;
    QTest::newRow("arn layer") << u"ApiFunction"_s << u"layer:other:1' is a published layer"_s << 103 << 11;
    QTest::newRow("findinmap") << u"WorkerFunction"_s << u"Timeout uses !FindInMap"_s << 132 << 16;
    QTest::newRow("if") << u"WorkerFunction"_s << u"MemorySize uses !If"_s << 133 << 19;
    QTest::newRow("sub env") << u"WorkerFunction"_s << u"QUEUE_URL uses !Sub"_s << 136 << 22;
    QTest::newRow("sub layer") << u"WorkerFunction"_s << u"layer !Sub"_s << 138 << 11;
}

void TestSamTemplate::kitchenSinkWarnings()
{
    QFETCH(QString, function);
    QFETCH(QString, fragment);
    QFETCH(int, line);
    QFETCH(int, column);

    SamTemplate t;
    QVERIFY(t.load(projectData(u"kitchen-sink/template.yaml"_s)));
    const Problems problems = t.problems(function);
    auto it = std::find_if(problems.begin(), problems.end(),
                           [&](const Problem &p) { return p.message.contains(fragment); });
    QVERIFY2(it != problems.end(), qPrintable(messages(problems)));
    QCOMPARE(it->severity, Problem::Severity::Warning);
    QCOMPARE(it->line, line);
    QCOMPARE(it->column, column);
    QCOMPARE(it->resource, function);
    // The same text is on the function itself.
    QVERIFY(findFunction(t, function)->warnings.contains(it->message));
}

void TestSamTemplate::kitchenSinkEvents()
{
    SamTemplate t;
    QVERIFY(t.load(projectData(u"kitchen-sink/template.yaml"_s)));
    const nlohmann::json events = findFunction(t, u"ApiFunction"_s)->events;
    QCOMPARE(events.size(), std::size_t(3));
    QCOMPARE(events["GetOrders"]["Type"], "Api");
    QCOMPARE(events["GetOrders"]["Properties"]["Path"], "/orders");
    QCOMPARE(events["Nightly"]["Properties"]["Enabled"],
             nlohmann::json::parse(R"({"Fn::If": ["IsProd", true, false]})"));
    QCOMPARE(events["Stream"]["Properties"]["Stream"],
             nlohmann::json::parse(R"({"Fn::GetAtt": ["OrdersTable", "StreamArn"]})"));
    QCOMPARE(events["Stream"]["Properties"]["BatchSize"], 10);
    QVERIFY(findFunction(t, u"WorkerFunction"_s)->events.empty());

    const nlohmann::json doc = t.toJson();
    QCOMPARE(doc["Conditions"]["NotProd"],
             nlohmann::json::parse(R"({"Fn::Not": [{"Condition": "IsProd"}]})"));
    QCOMPARE(doc["Resources"]["Custom"]["Properties"]["NumberString"], "128");
    QCOMPARE(doc["Resources"]["Custom"]["Properties"]["BoolString"], "true");
    QCOMPARE(doc["Resources"]["Custom"]["Properties"]["Bool"], true);
    QVERIFY(doc["Resources"]["Custom"]["Properties"]["Nothing"].is_null());
    QCOMPARE(doc["Resources"]["Custom"]["Properties"]["LongForm"],
             nlohmann::json::parse(R"({"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}]]})"));
}

void TestSamTemplate::kitchenSinkLayers()
{
    SamTemplate t;
    QVERIFY(t.load(projectData(u"kitchen-sink/template.yaml"_s)));
    QCOMPARE(t.layers().size(), std::size_t(1));
    const LayerConfig &layer = t.layers().front();
    QCOMPARE(layer.logicalId, u"CommonLayer"_s);
    QCOMPARE(layer.name, u"common-utils"_s);
    QCOMPARE(layer.contentDir, QDir::cleanPath(t.directory() + u"/layers/common"_s));
    QCOMPARE(layer.compatibleRuntimes, QStringList({u"python3.12"_s, u"python3.11"_s}));
    QVERIFY(layer.unresolvedReference.isEmpty());

    const FunctionConfig *fn = findFunction(t, u"ApiFunction"_s);
    QCOMPARE(fn->layers.at(0).contentDir, layer.contentDir);
    QCOMPARE(fn->layers.at(1).unresolvedReference,
             u"arn:aws:lambda:us-east-1:123456789012:layer:shared:7"_s);
    QVERIFY(fn->layers.at(1).contentDir.isEmpty());
}

void TestSamTemplate::globalsMerge_data()
{
    QTest::addColumn<QByteArray>("globals");
    QTest::addColumn<QByteArray>("properties");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    QTest::newRow("primitive: resource wins")
        << QByteArray("    Timeout: 30\n") << QByteArray("      Timeout: 5\n")
        << u"timeoutSeconds"_s << u"5"_s;
    QTest::newRow("primitive: global fills in")
        << QByteArray("    Timeout: 30\n    MemorySize: 1024\n") << QByteArray()
        << u"memoryMb"_s << u"1024"_s;
    QTest::newRow("runtime from globals, resource handler")
        << QByteArray("    Runtime: nodejs20.x\n") << QByteArray() << u"runtime"_s << u"python3.12"_s;
    QTest::newRow("maps merge: global key kept")
        << QByteArray("    Environment:\n      Variables:\n        A: g\n        B: g\n")
        << QByteArray("      Environment:\n        Variables:\n          B: r\n          C: r\n")
        << u"envNames"_s << u"A,B,C"_s;
    QTest::newRow("maps merge: resource key wins")
        << QByteArray("    Environment:\n      Variables:\n        A: g\n        B: g\n")
        << QByteArray("      Environment:\n        Variables:\n          B: r\n")
        << u"env:B"_s << u"r"_s;
    QTest::newRow("lists: global first")
        << QByteArray("    Layers:\n      - arn:aws:lambda:us-east-1:1:layer:g:1\n")
        << QByteArray("      Layers:\n        - arn:aws:lambda:us-east-1:1:layer:r:1\n")
        << u"layers"_s << u"?g,?r"_s;
    QTest::newRow("lists: no dedup")
        << QByteArray("    Layers: [arn:aws:lambda:us-east-1:1:layer:g:1]\n")
        << QByteArray("      Layers: [arn:aws:lambda:us-east-1:1:layer:g:1]\n")
        << u"layers"_s << u"?g,?g"_s;
    QTest::newRow("kinds differ: resource wins")
        << QByteArray("    Layers: arn:aws:lambda:us-east-1:1:layer:g:1\n")
        << QByteArray("      Layers: [arn:aws:lambda:us-east-1:1:layer:r:1]\n")
        << u"layers"_s << u"?r"_s;
    QTest::newRow("intrinsic is a primitive")
        << QByteArray("    Environment:\n      Variables:\n        A: g\n")
        << QByteArray("      Environment: !If [C, {Variables: {B: r}}, !Ref AWS::NoValue]\n")
        << u"envNames"_s << QString();
    QTest::newRow("global only arch")
        << QByteArray("    Architectures: [arm64]\n") << QByteArray()
        << u"architecture"_s << u"arm64"_s;
    QTest::newRow("global storage merged with resource")
        << QByteArray("    EphemeralStorage:\n      Size: 2048\n")
        << QByteArray("      EphemeralStorage: {}\n")
        << u"ephemeralStorageMb"_s << u"2048"_s;
}

void TestSamTemplate::globalsMerge()
{
    QFETCH(QByteArray, globals);
    QFETCH(QByteArray, properties);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    SamTemplate t;
    QVERIFY(t.loadFromData(functionTemplate(properties, globals), u"/tmp/p/template.yaml"_s));
    QCOMPARE(t.functions().size(), std::size_t(1));
    QCOMPARE(::field(t.functions().front(), field, t.directory()), expected);
}

void TestSamTemplate::asyncConfig_data()
{
    QTest::addColumn<QByteArray>("globals");
    QTest::addColumn<QByteArray>("properties");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    const QByteArray none;
    QTest::newRow("defaults: 2 retries") << none << none << u"maxRetries"_s << u"2"_s;
    QTest::newRow("defaults: 6 h") << none << none << u"maxEventAge"_s << u"21600"_s;
    QTest::newRow("defaults: no destination") << none << none << u"onFailure"_s << u"none"_s;
    QTest::newRow("retries 0")
        << none << QByteArray("      EventInvokeConfig:\n        MaximumRetryAttempts: 0\n")
        << u"maxRetries"_s << u"0"_s;
    QTest::newRow("age 60")
        << none << QByteArray("      EventInvokeConfig:\n        MaximumEventAgeInSeconds: 60\n")
        << u"maxEventAge"_s << u"60"_s;
    const QByteArray destinations(
        "      EventInvokeConfig:\n"
        "        DestinationConfig:\n"
        "          OnSuccess:\n"
        "            Type: SQS\n"
        "            Destination: !GetAtt DoneQueue.Arn\n"
        "          OnFailure:\n"
        "            Type: Lambda\n"
        "            Destination: arn:aws:lambda:us-east-1:123456789012:function:handler-fn:live\n");
    QTest::newRow("on success !GetAtt") << none << destinations << u"onSuccess"_s << u"SQS:DoneQueue"_s;
    QTest::newRow("on failure lambda ARN") << none << destinations << u"onFailure"_s << u"Lambda:handler-fn"_s;
    QTest::newRow("!Ref a topic")
        << none
        << QByteArray("      EventInvokeConfig:\n        DestinationConfig:\n          OnFailure:\n"
                      "            Type: SNS\n            Destination: !Ref Topic\n")
        << u"onFailure"_s << u"SNS:Topic"_s;
    QTest::newRow("Fn::GetAtt list form")
        << none
        << QByteArray("      EventInvokeConfig:\n        DestinationConfig:\n          OnFailure:\n"
                      "            Type: EventBridge\n            Destination: {\"Fn::GetAtt\": [Bus, Arn]}\n")
        << u"onFailure"_s << u"EventBridge:Bus"_s;
    QTest::newRow("event bus ARN")
        << none
        << QByteArray("      EventInvokeConfig:\n        DestinationConfig:\n          OnSuccess:\n"
                      "            Type: EventBridge\n"
                      "            Destination: arn:aws:events:us-east-1:123456789012:event-bus/default\n")
        << u"onSuccess"_s << u"EventBridge:default"_s;
    QTest::newRow("SQS without destination: SAM creates the queue")
        << none
        << QByteArray("      EventInvokeConfig:\n        DestinationConfig:\n          OnFailure:\n"
                      "            Type: SQS\n")
        << u"onFailure"_s << u"SQS:FnEventInvokeConfigOnFailureQueue"_s;
    QTest::newRow("DLQ SQS ARN")
        << none
        << QByteArray("      DeadLetterQueue:\n        Type: SQS\n"
                      "        TargetArn: arn:aws:sqs:us-east-1:123456789012:dead\n")
        << u"dlq"_s << u"SQS:dead"_s;
    QTest::newRow("DLQ from globals")
        << QByteArray("    DeadLetterQueue:\n      Type: SNS\n      TargetArn: !Ref Topic\n") << none
        << u"dlq"_s << u"SNS:Topic"_s;
    QTest::newRow("globals merge: global age, own retries (age)")
        << QByteArray("    EventInvokeConfig:\n      MaximumEventAgeInSeconds: 120\n      MaximumRetryAttempts: 2\n")
        << QByteArray("      EventInvokeConfig:\n        MaximumRetryAttempts: 1\n")
        << u"maxEventAge"_s << u"120"_s;
    QTest::newRow("globals merge: global age, own retries (retries)")
        << QByteArray("    EventInvokeConfig:\n      MaximumEventAgeInSeconds: 120\n      MaximumRetryAttempts: 2\n")
        << QByteArray("      EventInvokeConfig:\n        MaximumRetryAttempts: 1\n")
        << u"maxRetries"_s << u"1"_s;
    QTest::newRow("alias") << none << QByteArray("      AutoPublishAlias: live\n")
                           << u"autoPublishAlias"_s << u"live"_s;
    QTest::newRow("alias from globals") << QByteArray("    AutoPublishAlias: prod\n") << none
                                        << u"autoPublishAlias"_s << u"prod"_s;
    QTest::newRow("provisioned concurrency")
        << none
        << QByteArray("      AutoPublishAlias: live\n      ProvisionedConcurrencyConfig:\n"
                      "        ProvisionedConcurrentExecutions: 5\n")
        << u"provisionedConcurrency"_s << u"5"_s;
    QTest::newRow("no provisioned concurrency") << none << none << u"provisionedConcurrency"_s << u"0"_s;
}

void TestSamTemplate::asyncConfig()
{
    QFETCH(QByteArray, globals);
    QFETCH(QByteArray, properties);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    QByteArray yaml = functionTemplate(properties, globals);
    yaml += "  DoneQueue:\n    Type: AWS::SQS::Queue\n  Topic:\n    Type: AWS::SNS::Topic\n"
            "  Bus:\n    Type: AWS::Events::EventBus\n";
    SamTemplate t;
    QVERIFY(t.loadFromData(yaml, u"/tmp/p/template.yaml"_s));
    QVERIFY2(!t.hasErrors(), qPrintable(messages(t.problems())));
    QCOMPARE(t.functions().size(), std::size_t(1));
    QCOMPARE(::field(t.functions().front(), field, t.directory()), expected);
}

void TestSamTemplate::asyncConfigInvalid_data()
{
    QTest::addColumn<QByteArray>("properties");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("fragment");

    QTest::newRow("retries 3")
        << QByteArray("      EventInvokeConfig:\n        MaximumRetryAttempts: 3\n") << 8 << 31
        << u"MaximumRetryAttempts 3 is out of range: Lambda allows 0 to 2"_s;
    QTest::newRow("age 59")
        << QByteArray("      EventInvokeConfig:\n        MaximumEventAgeInSeconds: 59\n") << 8 << 35
        << u"MaximumEventAgeInSeconds 59 is out of range: Lambda allows 60 to 21600 seconds"_s;
    QTest::newRow("age 21601")
        << QByteArray("      EventInvokeConfig:\n        MaximumEventAgeInSeconds: 21601\n") << 8 << 35
        << u"out of range"_s;
    QTest::newRow("event invoke config a list")
        << QByteArray("      EventInvokeConfig: [1]\n") << 7 << 26 << u"EventInvokeConfig must be a mapping"_s;
    QTest::newRow("bad destination type")
        << QByteArray("      EventInvokeConfig:\n        DestinationConfig:\n          OnSuccess:\n"
                      "            Type: Kinesis\n            Destination: x\n")
        << 10 << 19 << u"OnSuccess.Type must be one of SQS, SNS, Lambda, EventBridge, not 'Kinesis'"_s;
    QTest::newRow("S3 only on failure")
        << QByteArray("      EventInvokeConfig:\n        DestinationConfig:\n          OnSuccess:\n"
                      "            Type: S3Bucket\n            Destination: x\n")
        << 10 << 19 << u"OnSuccess.Type must be one of"_s;
    QTest::newRow("destination without type")
        << QByteArray("      EventInvokeConfig:\n        DestinationConfig:\n          OnFailure:\n"
                      "            Destination: arn:aws:sqs:us-east-1:1:q\n")
        << 10 << 13 << u"OnFailure has no Type"_s;
    QTest::newRow("lambda without destination")
        << QByteArray("      EventInvokeConfig:\n        DestinationConfig:\n          OnFailure:\n"
                      "            Type: Lambda\n")
        << 10 << 13 << u"OnFailure has no Destination"_s;
    QTest::newRow("destination a list")
        << QByteArray("      EventInvokeConfig:\n        DestinationConfig:\n          OnFailure:\n"
                      "            Type: SQS\n            Destination: [a]\n")
        << 11 << 26 << u"OnFailure.Destination must be an ARN"_s;
    QTest::newRow("DLQ type Lambda")
        << QByteArray("      DeadLetterQueue:\n        Type: Lambda\n        TargetArn: x\n") << 8 << 15
        << u"DeadLetterQueue.Type must be one of SQS, SNS, not 'Lambda'"_s;
    QTest::newRow("DLQ without target")
        << QByteArray("      DeadLetterQueue:\n        Type: SQS\n") << 8 << 9
        << u"DeadLetterQueue has no TargetArn"_s;
    QTest::newRow("provisioned concurrency without alias")
        << QByteArray("      ProvisionedConcurrencyConfig:\n        ProvisionedConcurrentExecutions: 2\n")
        << 8 << 9 << u"ProvisionedConcurrencyConfig requires AutoPublishAlias"_s;
    QTest::newRow("provisioned concurrency zero")
        << QByteArray("      AutoPublishAlias: live\n      ProvisionedConcurrencyConfig:\n"
                      "        ProvisionedConcurrentExecutions: 0\n")
        << 9 << 42 << u"ProvisionedConcurrentExecutions 0 is out of range"_s;
}

void TestSamTemplate::asyncConfigInvalid()
{
    QFETCH(QByteArray, properties);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, fragment);

    SamTemplate t;
    QVERIFY(t.loadFromData(functionTemplate(properties), u"template.yaml"_s));
    const Problems &problems = t.problems();
    auto it = std::find_if(problems.begin(), problems.end(), [&](const Problem &p) {
        return p.isError() && p.message.contains(fragment);
    });
    QVERIFY2(it != problems.end(), qPrintable(messages(problems)));
    QCOMPARE(it->line, line);
    QCOMPARE(it->column, column);
    QCOMPARE(it->resource, u"Fn"_s);
}

void TestSamTemplate::parameters_data()
{
    QTest::addColumn<QByteArray>("parameters");
    QTest::addColumn<QByteArray>("properties");
    QTest::addColumn<QString>("overrides"); // "Name=value" or empty
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("warning");

    const QByteArray mem("  Mem:\n    Type: Number\n    Default: 1024\n");
    QTest::newRow("short ref") << mem << QByteArray("      MemorySize: !Ref Mem\n") << QString()
                               << u"memoryMb"_s << u"1024"_s << QString();
    QTest::newRow("long ref") << mem << QByteArray("      MemorySize: {Ref: Mem}\n") << QString()
                              << u"memoryMb"_s << u"1024"_s << QString();
    QTest::newRow("override") << mem << QByteArray("      MemorySize: !Ref Mem\n")
                              << u"Mem=2048"_s << u"memoryMb"_s << u"2048"_s << QString();
    QTest::newRow("no default")
        << QByteArray("  Mem:\n    Type: Number\n") << QByteArray("      MemorySize: !Ref Mem\n")
        << QString() << u"memoryMb"_s << u"128"_s << u"has no Default"_s;
    QTest::newRow("unknown ref") << QByteArray() << QByteArray("      Timeout: !Ref Nope\n")
                                 << QString() << u"timeoutSeconds"_s << u"3"_s
                                 << u"no parameter or resource"_s;
    QTest::newRow("pseudo parameter in env")
        << QByteArray() << QByteArray("      Environment:\n        Variables:\n          R: !Ref AWS::Region\n")
        << QString() << u"env:R"_s << u"us-east-1"_s << QString();
    QTest::newRow("parameter in env")
        << QByteArray("  Stage:\n    Type: String\n    Default: beta\n")
        << QByteArray("      Environment:\n        Variables:\n          S: !Ref Stage\n")
        << QString() << u"env:S"_s << u"beta"_s << QString();
    QTest::newRow("parameter as runtime")
        << QByteArray("  Rt:\n    Type: String\n    Default: python3.11\n")
        << QByteArray("      Runtime: !Ref Rt\n") << QString() << u"runtime"_s << u"python3.11"_s
        << QString();
    QTest::newRow("sub not evaluated")
        << QByteArray() << QByteArray("      FunctionName: !Sub '${AWS::StackName}-fn'\n")
        << QString() << u"functionName"_s << u"Fn"_s << u"FunctionName uses !Sub"_s;
    QTest::newRow("quoted number string")
        << QByteArray() << QByteArray("      MemorySize: \"256\"\n") << QString() << u"memoryMb"_s
        << u"256"_s << QString();
}

void TestSamTemplate::parameters()
{
    QFETCH(QByteArray, parameters);
    QFETCH(QByteArray, properties);
    QFETCH(QString, overrides);
    QFETCH(QString, field);
    QFETCH(QString, expected);
    QFETCH(QString, warning);

    // The later "Runtime" key duplicates the base one: make the base one go away for that row.
    QByteArray yaml = functionTemplate(properties, {}, parameters);
    if (properties.contains("Runtime:")) {
        yaml.replace("      Runtime: python3.12\n", "");
    }
    SamTemplate t;
    QVERIFY(t.loadFromData(yaml, u"/tmp/p/template.yaml"_s));
    if (!overrides.isEmpty()) {
        const QStringList kv = overrides.split(u'=');
        t.setParameterOverrides({{kv.at(0), kv.at(1)}});
        QCOMPARE(t.parameterOverrides().value(kv.at(0)), kv.at(1));
    }
    QCOMPARE(t.functions().size(), std::size_t(1));
    const FunctionConfig &fn = t.functions().front();
    QCOMPARE(::field(fn, field, t.directory()), expected);
    QVERIFY2(!t.hasErrors(), qPrintable(messages(t.problems())));
    if (warning.isEmpty()) {
        QVERIFY2(fn.warnings.isEmpty(), qPrintable(fn.warnings.join(u'\n')));
    } else {
        QVERIFY2(fn.warnings.join(u'\n').contains(warning), qPrintable(fn.warnings.join(u'\n')));
    }
}

void TestSamTemplate::inlineCodeAndS3()
{
    SamTemplate t;
    QVERIFY(t.loadFromData(
        "Resources:\n"
        "  Inline:\n"
        "    Type: AWS::Serverless::Function\n"
        "    Properties:\n"
        "      Runtime: python3.12\n"
        "      Handler: index.handler\n"
        "      InlineCode: |\n"
        "        def handler(e, c): return 1\n"
        "  Remote:\n"
        "    Type: AWS::Serverless::Function\n"
        "    Properties:\n"
        "      Runtime: python3.12\n"
        "      Handler: index.handler\n"
        "      CodeUri: s3://bucket/code.zip\n"
        "  Image:\n"
        "    Type: AWS::Serverless::Function\n"
        "    Properties:\n"
        "      PackageType: Image\n"
        "  ZipFile:\n"
        "    Type: AWS::Lambda::Function\n"
        "    Properties:\n"
        "      Runtime: python3.12\n"
        "      Handler: index.handler\n"
        "      Code:\n"
        "        ZipFile: print(1)\n",
        u"/tmp/p/template.yaml"_s));
    QVERIFY2(!t.hasErrors(), qPrintable(messages(t.problems())));
    QCOMPARE(t.functions().size(), std::size_t(4));
    const FunctionConfig *inl = findFunction(t, u"Inline"_s);
    QVERIFY(inl->codeDir.isEmpty());
    QVERIFY(inl->warnings.join(u' ').contains(u"InlineCode is not supported locally"_s));
    QCOMPARE(t.problems(u"Inline"_s).front().line, 7);
    QCOMPARE(t.problems(u"Inline"_s).front().column, 19);
    QVERIFY(findFunction(t, u"Remote"_s)->codeDir.isEmpty());
    QVERIFY(findFunction(t, u"Remote"_s)->warnings.join(u' ').contains(u"S3"_s));
    QCOMPARE(findFunction(t, u"Image"_s)->packageType, u"Image"_s);
    QVERIFY(findFunction(t, u"ZipFile"_s)->warnings.join(u' ').contains(u"Code.ZipFile"_s));
}

void TestSamTemplate::malformed_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<bool>("usable"); // load() returns true: the resources could be read
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("fragment");

    QTest::newRow("unclosed flow list")
        << QByteArray("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: [a, b\n")
        << false << 5 << 1 << u"invalid YAML"_s;
    QTest::newRow("bad map value")
        << QByteArray("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n      Properties: x\n")
        << false << 4 << 17 << u"invalid YAML: a 'key: value' pair is not allowed here"_s;
    QTest::newRow("tab indentation")
        << QByteArray("Resources:\n  Fn:\n\tType: AWS::Serverless::Function\n")
        << false << 3 << 1 << u"tab character used for indentation"_s;
    QTest::newRow("tab after spaces")
        << QByteArray("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n  \t  Handler: x\n")
        << false << 5 << 3 << u"tab character used for indentation"_s;
    QTest::newRow("empty file") << QByteArray("") << false << 0 << 0 << u"the template is empty"_s;
    QTest::newRow("top-level list") << QByteArray("- a\n- b\n") << false << 1 << 1
                                    << u"must be a YAML mapping"_s;
    QTest::newRow("no resources") << QByteArray("Description: x\n") << false << 1 << 1
                                  << u"has no Resources"_s;
    QTest::newRow("resources is a list")
        << QByteArray("Description: x\nResources: [a, b]\n") << false << 2 << 12
        << u"Resources must be a mapping of logical IDs"_s;
    QTest::newRow("resources is a string")
        << QByteArray("Resources: nothing\n") << false << 1 << 12 << u"Resources must be a mapping"_s;
    QTest::newRow("resource without type")
        << QByteArray("Resources:\n  Fn:\n    Properties: {}\n") << true << 2 << 3 << u"has no Type"_s;
    QTest::newRow("no runtime")
        << QByteArray("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.h\n")
        << true << 2 << 3 << u"function 'Fn' has no Runtime"_s;
    QTest::newRow("no handler")
        << QByteArray("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n")
        << true << 2 << 3 << u"function 'Fn' has no Handler"_s;
    QTest::newRow("memory not a number")
        << functionTemplate("      MemorySize: lots\n") << true << 7 << 19
        << u"MemorySize must be a whole number of MB between 128 and 10240, not 'lots'"_s;
    QTest::newRow("memory is a list")
        << functionTemplate("      MemorySize: [1]\n") << true << 7 << 19 << u"not a list"_s;
    QTest::newRow("memory too small")
        << functionTemplate("      MemorySize: 64\n") << true << 7 << 19
        << u"MemorySize 64 is out of range: Lambda allows 128 to 10240 MB"_s;
    QTest::newRow("memory too large")
        << functionTemplate("      MemorySize: 10241\n") << true << 7 << 19 << u"out of range"_s;
    QTest::newRow("timeout zero")
        << functionTemplate("      Timeout: 0\n") << true << 7 << 16
        << u"Timeout 0 is out of range: Lambda allows 1 to 900 seconds"_s;
    QTest::newRow("timeout too long")
        << functionTemplate("      Timeout: 901\n") << true << 7 << 16 << u"Timeout 901 is out of range"_s;
    QTest::newRow("timeout fraction")
        << functionTemplate("      Timeout: 2.5\n") << true << 7 << 16 << u"not '2.5'"_s;
    QTest::newRow("storage too small")
        << functionTemplate("      EphemeralStorage:\n        Size: 100\n") << true << 8 << 15
        << u"Size 100 is out of range: Lambda allows 512 to 10240 MB"_s;
    QTest::newRow("storage too large")
        << functionTemplate("      EphemeralStorage:\n        Size: 20000\n") << true << 8 << 15
        << u"out of range"_s;
    QTest::newRow("storage not a map")
        << functionTemplate("      EphemeralStorage: 1024\n") << true << 7 << 25
        << u"EphemeralStorage must be a mapping"_s;
    QTest::newRow("two architectures")
        << functionTemplate("      Architectures: [x86_64, arm64]\n") << true << 7 << 22
        << u"exactly one architecture"_s;
    QTest::newRow("unknown architecture")
        << functionTemplate("      Architectures: [sparc]\n") << true << 7 << 23
        << u"unknown architecture 'sparc'"_s;
    QTest::newRow("environment variables a list")
        << functionTemplate("      Environment:\n        Variables: [A]\n") << true << 8 << 20
        << u"Environment.Variables must be a mapping"_s;
    QTest::newRow("events a list")
        << functionTemplate("      Events: [a]\n") << true << 7 << 15 << u"Events must be a mapping"_s;
    QTest::newRow("bad package type")
        << functionTemplate("      PackageType: Jar\n") << true << 7 << 20
        << u"PackageType must be Zip or Image"_s;
    QTest::newRow("layer without content")
        << QByteArray("Resources:\n  L:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      LayerName: x\n")
        << true << 2 << 3 << u"layer 'L' has no ContentUri"_s;
    QTest::newRow("globals function not a map")
        << QByteArray("Globals:\n  Function: 3\nResources: {}\n") << true << 2 << 13
        << u"Globals.Function must be a mapping"_s;
}

void TestSamTemplate::malformed()
{
    QFETCH(QByteArray, yaml);
    QFETCH(bool, usable);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, fragment);

    SamTemplate t;
    QCOMPARE(t.loadFromData(yaml, u"template.yaml"_s), usable);
    QVERIFY(t.hasErrors());
    const Problems &problems = t.problems();
    auto it = std::find_if(problems.begin(), problems.end(), [&](const Problem &p) {
        return p.isError() && p.message.contains(fragment);
    });
    QVERIFY2(it != problems.end(), qPrintable(messages(problems)));
    QCOMPARE(it->file, u"template.yaml"_s);
    QCOMPARE(it->line, line);
    QCOMPARE(it->column, column);
    // Nothing crashes afterwards either.
    (void)t.toYaml();
    (void)t.toJson();
    QVERIFY(!t.setFunctionProperty(u"Nope"_s, u"MemorySize"_s, 256));
}

void TestSamTemplate::missingFile()
{
    SamTemplate t;
    QVERIFY(!t.load(u"/nonexistent/template.yaml"_s));
    QVERIFY(!t.isLoaded());
    QCOMPARE(t.problems().size(), 1);
    QVERIFY(t.problems().front().message.startsWith(u"cannot read the template"_s));
    QVERIFY(t.functions().empty());
    QVERIFY(!t.save(QDir::tempPath() + u"/lwb-never-written.yaml"_s));
}

void TestSamTemplate::problemToString()
{
    Problem p;
    p.file = u"template.yaml"_s;
    p.line = 12;
    p.column = 5;
    p.message = u"MemorySize must be a whole number"_s;
    QCOMPARE(p.toString(), u"template.yaml:12:5: error: MemorySize must be a whole number"_s);
    p.severity = Problem::Severity::Warning;
    p.column = 0;
    QCOMPARE(p.toString(), u"template.yaml:12: warning: MemorySize must be a whole number"_s);
    p.line = 0;
    QCOMPARE(p.toString(), u"template.yaml: warning: MemorySize must be a whole number"_s);

    SamTemplate t;
    t.loadFromData(functionTemplate("      Timeout: 0\n"), u"template.yaml"_s);
    QCOMPARE(t.problems().front().toString(),
             u"template.yaml:7:16: error: Timeout 0 is out of range: Lambda allows 1 to 900 seconds"_s);
}

void TestSamTemplate::roundTrip_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("kitchen-sink") << projectData(u"kitchen-sink/template.yaml"_s);
    QTest::newRow("sam-init-python") << projectData(u"sam-init-python/template.yaml"_s);
    QTest::newRow("sam-init-nodejs") << projectData(u"sam-init-nodejs/template.yaml"_s);
    QTest::newRow("bundled sample") << samplePath();
}

void TestSamTemplate::roundTrip()
{
    QFETCH(QString, path);

    SamTemplate t;
    QVERIFY(t.load(path));
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    // Save next to a copy of nothing: the tree comparison does not need the code folders.
    const QString saved = tmp.filePath(u"template.yaml"_s);
    QVERIFY(t.save(saved));
    QVERIFY(!t.isModified());

    QString where;
    const YAML::Node original = YAML::LoadFile(path.toStdString());
    const YAML::Node reloaded = YAML::LoadFile(saved.toStdString());
    QVERIFY2(sameTree(original, reloaded, &where), qPrintable(where));

    // Saved twice gives the same bytes.
    SamTemplate again;
    QVERIFY(again.load(saved));
    QCOMPARE(again.toYaml(), t.toYaml());
    QCOMPARE(again.toJson(), t.toJson());
    QCOMPARE(again.functions().size(), t.functions().size());
}

void TestSamTemplate::roundTripKeepsShortTags()
{
    SamTemplate t;
    QVERIFY(t.load(projectData(u"kitchen-sink/template.yaml"_s)));
    const QString text = QString::fromUtf8(t.toYaml());
    for (const QString &expected :
         {u"MemorySize: !Ref Mem"_s, u"TABLE_ARN: !GetAtt OrdersTable.Arn"_s, u"QUEUE_URL: !Sub \"https://sqs.${AWS::Region}"_s, u"Name: !Sub \"${AWS::StackName}-ApiUrl\""_s,
          u"Enabled: !If [IsProd, true, false]"_s, u"!Select [0, !GetAZs \"\"]"_s,
          u"Joined: !Join"_s, u"IsProd: !Equals [!Ref Stage, prod]"_s, u"!Not [!Condition IsProd]"_s,
          u"UnknownTag: !Whatever foo"_s, u"NumberString: \"128\""_s, u"QUOTED: \"007\""_s,
          u"Multi: |"_s, u"AWS::ServerlessRepo::Application:"_s, u"DeletionPolicy: Retain"_s,
          u"BuildMethod: makefile"_s}) {
        QVERIFY2(text.contains(expected), qPrintable(expected + u"\n---\n"_s + text));
    }
    QVERIFY(!text.contains(u"!<"_s)); // no verbatim tags
}

void TestSamTemplate::editProperties()
{
    SamTemplate t;
    QVERIFY(t.load(projectData(u"kitchen-sink/template.yaml"_s)));
    QCOMPARE(t.functionProperty(u"ApiFunction"_s, u"MemorySize"_s),
             std::optional(nlohmann::json::parse(R"({"Ref": "Mem"})")));
    QVERIFY(!t.functionProperty(u"ApiFunction"_s, u"Runtime"_s)); // only in Globals

    QVERIFY(t.setFunctionProperty(u"ApiFunction"_s, u"MemorySize"_s, 1024));
    QVERIFY(t.isModified());
    QCOMPARE(findFunction(t, u"ApiFunction"_s)->memoryMb, 1024);
    QVERIFY(t.setFunctionProperty(u"ApiFunction"_s, u"Timeout"_s, 60));
    QVERIFY(t.setFunctionProperty(u"ApiFunction"_s, u"Environment.Variables.NEW_VAR"_s, "hello"));
    QVERIFY(t.setFunctionProperty(u"ApiFunction"_s, u"Environment.Variables.LOOKS_NUMERIC"_s, "42"));
    QVERIFY(t.setFunctionProperty(u"WorkerFunction"_s, u"EphemeralStorage.Size"_s, 2048));
    QVERIFY(t.setFunctionProperty(u"WorkerFunction"_s, u"Timeout"_s,
                                  nlohmann::json::parse(R"({"Ref": "Mem"})")));
    QVERIFY(t.setFunctionProperty(u"PlainLambda"_s, u"Description"_s, "plain"));
    QVERIFY(t.removeFunctionProperty(u"ApiFunction"_s, u"ReservedConcurrentExecutions"_s));
    QVERIFY(!t.removeFunctionProperty(u"ApiFunction"_s, u"ReservedConcurrentExecutions"_s));

    const FunctionConfig *api = findFunction(t, u"ApiFunction"_s);
    QCOMPARE(api->timeoutSeconds, 60);
    QCOMPARE(api->environment.value(u"NEW_VAR"_s), u"hello"_s);
    QCOMPARE(api->environment.value(u"LOOKS_NUMERIC"_s), u"42"_s);
    QVERIFY(!api->reservedConcurrency);
    QCOMPARE(findFunction(t, u"WorkerFunction"_s)->ephemeralStorageMb, 2048);
    QCOMPARE(findFunction(t, u"WorkerFunction"_s)->timeoutSeconds, 512);
    QCOMPARE(findFunction(t, u"PlainLambda"_s)->description, u"plain"_s);

    QTemporaryDir tmp;
    const QString saved = tmp.filePath(u"template.yaml"_s);
    QVERIFY(t.save(saved));
    const YAML::Node doc = YAML::LoadFile(saved.toStdString());
    const YAML::Node props = doc["Resources"]["ApiFunction"]["Properties"];
    // Edited in place: key order kept, new keys appended, strings stay strings.
    QCOMPARE(props.begin()->first.Scalar(), std::string("FunctionName"));
    QCOMPARE(props["MemorySize"].Scalar(), std::string("1024"));
    QCOMPARE(props["Environment"]["Variables"]["LOOKS_NUMERIC"].Tag(), std::string("!"));
    QCOMPARE(props["Environment"]["Variables"]["TABLE_ARN"].Tag(), std::string("!GetAtt"));
    QVERIFY(!props["ReservedConcurrentExecutions"]);
    QCOMPARE(doc["Resources"]["WorkerFunction"]["Properties"]["Timeout"].Tag(), std::string("!Ref"));
    QCOMPARE(doc["Resources"]["WorkerFunction"]["Properties"]["EphemeralStorage"]["Size"].Scalar(),
             std::string("2048"));
    // Everything else is untouched.
    const YAML::Node original = YAML::LoadFile(projectData(u"kitchen-sink/template.yaml"_s).toStdString());
    QString where;
    for (const char *section : {"Metadata", "Parameters", "Mappings", "Conditions", "Globals", "Outputs"}) {
        QVERIFY2(sameTree(original[section], doc[section], &where), qPrintable(where));
    }
    QVERIFY2(sameTree(original["Resources"]["Custom"], doc["Resources"]["Custom"], &where),
             qPrintable(where));
}

void TestSamTemplate::editErrors()
{
    SamTemplate t;
    QVERIFY(t.load(projectData(u"kitchen-sink/template.yaml"_s)));
    QString error;
    QVERIFY(!t.setFunctionProperty(u"OrdersTable"_s, u"MemorySize"_s, 256, &error));
    QVERIFY(error.contains(u"no function 'OrdersTable'"_s));
    QVERIFY(!t.setFunctionProperty(u"ApiFunction"_s, u"MemorySize.Deep"_s, 256, &error));
    QVERIFY2(error.contains(u"not a mapping"_s), qPrintable(error));
    QVERIFY(!t.setFunctionProperty(u"ApiFunction"_s, u""_s, 256, &error));
    QVERIFY(!t.isModified());
    // An edit that makes the template invalid is reported like a load error.
    QVERIFY(t.setFunctionProperty(u"ApiFunction"_s, u"Timeout"_s, 5000));
    QVERIFY(t.hasErrors());
    QVERIFY(messages(t.problems(u"ApiFunction"_s)).contains(u"Timeout 5000 is out of range"_s));
}

void TestSamTemplate::addAndRemoveFunction()
{
    QTemporaryDir tmp;
    QFile::copy(samplePath(), tmp.filePath(u"template.yaml"_s));
    SamTemplate t;
    QVERIFY(t.load(tmp.filePath(u"template.yaml"_s)));

    FunctionConfig fn;
    fn.logicalId = u"GoodbyeFunction"_s;
    fn.runtime = u"python3.12"_s;
    fn.handler = u"bye.handler"_s;
    fn.codeDir = tmp.filePath(u"goodbye"_s);
    fn.memoryMb = 256;
    fn.timeoutSeconds = 3; // same as Globals: not written
    fn.environment.insert(u"MODE"_s, u"42"_s);
    QString error;
    QVERIFY2(t.addFunction(fn, &error), qPrintable(error));
    QVERIFY(!t.addFunction(fn, &error)); // duplicate
    fn.logicalId = u"bad-id"_s;
    QVERIFY(!t.addFunction(fn, &error));

    const FunctionConfig *added = findFunction(t, u"GoodbyeFunction"_s);
    QVERIFY(added);
    QCOMPARE(added->memoryMb, 256);
    QCOMPARE(added->timeoutSeconds, 3);
    QCOMPARE(added->codeDir, QDir::cleanPath(tmp.filePath(u"goodbye"_s)));
    QCOMPARE(added->environment.value(u"MODE"_s), u"42"_s);
    QVERIFY(t.functionProperty(u"GoodbyeFunction"_s, u"CodeUri"_s) == nlohmann::json("goodbye/"));
    QVERIFY(!t.functionProperty(u"GoodbyeFunction"_s, u"Timeout"_s));

    QVERIFY(t.save());
    SamTemplate reloaded;
    QVERIFY(reloaded.load(tmp.filePath(u"template.yaml"_s)));
    QCOMPARE(reloaded.functions().size(), std::size_t(3));
    QCOMPARE(reloaded.function(u"GoodbyeFunction"_s)->environment.value(u"MODE"_s), u"42"_s);

    QVERIFY(reloaded.removeFunction(u"HelloWorldNodeFunction"_s));
    QVERIFY(!reloaded.removeFunction(u"HelloWorldNodeFunction"_s));
    QCOMPARE(reloaded.functions().size(), std::size_t(2));
    QVERIFY(!reloaded.resourceIds().contains(u"HelloWorldNodeFunction"_s));
    QVERIFY(reloaded.toYaml().contains("HelloWorldNodeFunctionIamRole")); // Outputs untouched
}

void TestSamTemplate::envVars_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("function");
    QTest::addColumn<QString>("expected"); // NAME=value;… of the function's environment

    // ApiFunction declares DEBUG, LOG_LEVEL, QUOTED, RETRIES, STAGE, TABLE_ARN, TABLE_NAME.
    QTest::newRow("parameters apply to all")
        << QByteArray(R"({"Parameters": {"STAGE": "local"}})") << u"WorkerFunction"_s
        << u"LOG_LEVEL=INFO;QUEUE_URL=;STAGE=local"_s;
    QTest::newRow("function section")
        << QByteArray(R"({"WorkerFunction": {"QUEUE_URL": "http://localhost:9324/q"}})")
        << u"WorkerFunction"_s << u"LOG_LEVEL=INFO;QUEUE_URL=http://localhost:9324/q;STAGE=dev"_s;
    QTest::newRow("function wins over parameters")
        << QByteArray(R"({"Parameters": {"LOG_LEVEL": "WARN"}, "WorkerFunction": {"LOG_LEVEL": "TRACE"}})")
        << u"WorkerFunction"_s << u"LOG_LEVEL=TRACE;QUEUE_URL=;STAGE=dev"_s;
    QTest::newRow("undeclared variables ignored")
        << QByteArray(R"({"Parameters": {"NOT_DECLARED": "x"}, "WorkerFunction": {"ALSO_NOT": "y"}})")
        << u"WorkerFunction"_s << u"LOG_LEVEL=INFO;QUEUE_URL=;STAGE=dev"_s;
    QTest::newRow("by function name")
        << QByteArray(R"({"orders-api": {"TABLE_ARN": "arn:local"}})") << u"ApiFunction"_s
        << u"DEBUG=true;LOG_LEVEL=DEBUG;QUOTED=007;RETRIES=3;STAGE=dev;TABLE_ARN=arn:local;TABLE_NAME=OrdersTable"_s;
    QTest::newRow("logical id beats function name")
        << QByteArray(R"({"orders-api": {"STAGE": "a"}, "ApiFunction": {"STAGE": "b"}})")
        << u"ApiFunction"_s
        << u"DEBUG=true;LOG_LEVEL=DEBUG;QUOTED=007;RETRIES=3;STAGE=b;TABLE_ARN=;TABLE_NAME=OrdersTable"_s;
    QTest::newRow("non-string values")
        << QByteArray(R"({"ApiFunction": {"DEBUG": false, "RETRIES": 7, "QUOTED": null, "STAGE": {"a": 1}}})")
        << u"ApiFunction"_s
        << u"DEBUG=false;LOG_LEVEL=DEBUG;QUOTED=;RETRIES=7;STAGE=;TABLE_ARN=;TABLE_NAME=OrdersTable"_s;
    QTest::newRow("other function untouched")
        << QByteArray(R"({"ApiFunction": {"STAGE": "x"}})") << u"WorkerFunction"_s
        << u"LOG_LEVEL=INFO;QUEUE_URL=;STAGE=dev"_s;
}

void TestSamTemplate::envVars()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, function);
    QFETCH(QString, expected);

    SamTemplate t;
    QVERIFY(t.load(projectData(u"kitchen-sink/template.yaml"_s)));
    Problem problem;
    const std::optional<EnvVarsFile> file = EnvVarsFile::fromJson(json, u"env.json"_s, &problem);
    QVERIFY2(file, qPrintable(problem.toString()));
    std::vector<FunctionConfig> functions = t.functions();
    applyEnvVarsOverrides(functions, *file);
    const auto it = std::find_if(functions.begin(), functions.end(),
                                 [&](const FunctionConfig &f) { return f.logicalId == function; });
    QVERIFY(it != functions.end());
    QStringList pairs;
    for (auto v = it->environment.cbegin(); v != it->environment.cend(); ++v) {
        pairs.append(v.key() + u'=' + v.value());
    }
    QCOMPARE(pairs.join(u';'), expected);
}

void TestSamTemplate::envVarsInvalid_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("fragment");

    QTest::newRow("syntax") << QByteArray("{\n  \"Parameters\": {\n    \"A\": \"x\",\n  }\n}\n")
                            << 4 << 3 << u"invalid JSON"_s;
    QTest::newRow("not an object") << QByteArray("[1, 2]") << 1 << 1 << u"must be a JSON object"_s;
    QTest::newRow("section not an object")
        << QByteArray(R"({"Parameters": "x"})") << 0 << 0 << u"\"Parameters\" in the env-vars file"_s;
}

void TestSamTemplate::envVarsInvalid()
{
    QFETCH(QByteArray, json);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, fragment);

    Problem problem;
    QVERIFY(!EnvVarsFile::fromJson(json, u"env.json"_s, &problem));
    QVERIFY2(problem.message.contains(fragment), qPrintable(problem.toString()));
    QCOMPARE(problem.file, u"env.json"_s);
    QCOMPARE(problem.line, line);
    QCOMPARE(problem.column, column);

    QVERIFY(!EnvVarsFile::load(u"/nonexistent/env.json"_s, &problem));
    QVERIFY(problem.message.contains(u"cannot read"_s));
}

void TestSamTemplate::savedEvents()
{
    QTemporaryDir tmp;
    SavedEvents events(tmp.path());
    QCOMPARE(events.eventsDir(), QDir(tmp.path()).filePath(u"events"_s));
    QVERIFY(events.names(u"HelloWorldFunction"_s).isEmpty());

    QString error;
    QVERIFY2(events.save(u"HelloWorldFunction"_s, u"get-hello"_s, R"({"httpMethod": "GET"})", &error),
             qPrintable(error));
    QVERIFY(events.save(u"HelloWorldFunction"_s, u"a.first"_s, "{}"));
    QVERIFY(events.save(QString(), u"shared"_s, "[1, 2]"));
    QCOMPARE(events.names(u"HelloWorldFunction"_s), QStringList({u"a.first"_s, u"get-hello"_s}));
    QCOMPARE(events.names(QString()), QStringList({u"shared"_s}));
    QVERIFY(QFile::exists(tmp.filePath(u"events/HelloWorldFunction/get-hello.json"_s)));
    QVERIFY(events.contains(u"HelloWorldFunction"_s, u"get-hello"_s));

    QCOMPARE(events.load(u"HelloWorldFunction"_s, u"get-hello"_s).value(),
             QByteArray(R"({"httpMethod": "GET"})")); // bytes kept as given
    QVERIFY(events.save(u"HelloWorldFunction"_s, u"get-hello"_s, R"({"httpMethod": "PUT"})"));
    QCOMPARE(events.load(u"HelloWorldFunction"_s, u"get-hello"_s).value(),
             QByteArray(R"({"httpMethod": "PUT"})"));

    QVERIFY(events.remove(u"HelloWorldFunction"_s, u"get-hello"_s));
    QVERIFY(!events.remove(u"HelloWorldFunction"_s, u"get-hello"_s, &error));
    QCOMPARE(events.names(u"HelloWorldFunction"_s), QStringList({u"a.first"_s}));
    QVERIFY(!events.load(u"HelloWorldFunction"_s, u"get-hello"_s, &error));
    QVERIFY(error.contains(u"cannot read"_s));

    // A hand-edited file that is not JSON is reported, not returned.
    QFile broken(tmp.filePath(u"events/HelloWorldFunction/broken.json"_s));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{nope");
    broken.close();
    QVERIFY(!events.load(u"HelloWorldFunction"_s, u"broken"_s, &error));
    QVERIFY(error.contains(u"not valid JSON"_s));
}

void TestSamTemplate::savedEventsRejectBadInput()
{
    QTemporaryDir tmp;
    SavedEvents events(tmp.path());
    QString error;
    QVERIFY(!events.save(u"Fn"_s, u"../escape"_s, "{}", &error));
    QVERIFY(error.contains(u"invalid event name"_s));
    QVERIFY(!events.save(u"Fn"_s, u"this-name-is-far-too-long-for-lambda"_s, "{}"));
    QVERIFY(!events.save(u"Fn"_s, u""_s, "{}"));
    QVERIFY(!events.save(u"../Fn"_s, u"ok"_s, "{}"));
    QVERIFY(!events.save(u"Fn"_s, u"ok"_s, "{not json", &error));
    QVERIFY(error.contains(u"not valid JSON"_s));
    QVERIFY(events.filePath(u"Fn"_s, u"a/b"_s).isEmpty());
    QVERIFY(!QDir(tmp.filePath(u"events"_s)).exists());
}

void TestSamTemplate::samInit_data()
{
    QTest::addColumn<QString>("dir");
    QTest::addColumn<QString>("runtime");
    QTest::addColumn<QString>("handler");
    QTest::addColumn<QString>("entry"); // the handler file, relative to the template

    QTest::newRow("python") << u"sam-init-python"_s << u"python3.12"_s << u"app.lambda_handler"_s
                            << u"hello_world/app.py"_s;
    QTest::newRow("nodejs") << u"sam-init-nodejs"_s << u"nodejs20.x"_s << u"app.lambdaHandler"_s
                            << u"hello-world/app.mjs"_s;
}

void TestSamTemplate::samInit()
{
    QFETCH(QString, dir);
    QFETCH(QString, runtime);
    QFETCH(QString, handler);
    QFETCH(QString, entry);

    SamTemplate t;
    QVERIFY(t.load(projectData(dir + u"/template.yaml"_s)));
    QVERIFY2(t.problems().isEmpty(), qPrintable(messages(t.problems())));
    // A folded (>) scalar turns the blank line into one newline.
    QCOMPARE(t.description(), u"sam-app\nSample SAM Template for sam-app\n"_s);
    QCOMPARE(t.transforms(), QStringList({u"AWS::Serverless-2016-10-31"_s}));
    QCOMPARE(t.functions().size(), std::size_t(1));
    const FunctionConfig &fn = t.functions().front();
    QCOMPARE(fn.logicalId, u"HelloWorldFunction"_s);
    QCOMPARE(fn.functionName, u"HelloWorldFunction"_s);
    QCOMPARE(fn.runtime, runtime);
    QCOMPARE(fn.handler, handler);
    QCOMPARE(fn.timeoutSeconds, 3);
    QCOMPARE(fn.memoryMb, 128);
    QCOMPARE(fn.architecture, u"x86_64"_s);
    QVERIFY(QFile::exists(QDir(fn.codeDir).filePath(QFileInfo(entry).fileName())));
    QCOMPARE(QDir(t.directory()).relativeFilePath(fn.codeDir), QFileInfo(entry).path());
    QCOMPARE(fn.events["HelloWorld"]["Type"], "Api");
    QCOMPARE(fn.events["HelloWorld"]["Properties"]["Path"], "/hello");
    QCOMPARE(fn.events["HelloWorld"]["Properties"]["Method"], "get");
    QVERIFY(fn.warnings.isEmpty());

    // sam init's events/event.json is a shared saved event.
    SavedEvents events(t.directory());
    QCOMPARE(events.names(QString()), QStringList({u"event"_s}));
    const nlohmann::json event = nlohmann::json::parse(events.load(QString(), u"event"_s).value().toStdString());
    QCOMPARE(event["httpMethod"], "POST");
    QCOMPARE(event["body"], "{\"message\": \"hello world\"}");
}

void TestSamTemplate::bundledSample()
{
    SamTemplate t;
    QVERIFY(t.load(samplePath()));
    QVERIFY2(t.problems().isEmpty(), qPrintable(messages(t.problems())));
    QCOMPARE(t.functions().size(), std::size_t(2));

    const FunctionConfig &py = t.functions().at(0);
    QCOMPARE(py.logicalId, u"HelloWorldFunction"_s);
    QCOMPARE(py.runtime, u"python3.12"_s);
    QCOMPARE(py.handler, u"app.lambda_handler"_s);
    QVERIFY(QFile::exists(py.codeDir + u"/app.py"_s));
    QCOMPARE(py.events["HelloWorld"]["Type"], "Api");

    const FunctionConfig &node = t.functions().at(1);
    QCOMPARE(node.logicalId, u"HelloWorldNodeFunction"_s);
    QCOMPARE(node.runtime, u"nodejs20.x"_s);
    QCOMPARE(node.handler, u"app.lambdaHandler"_s);
    QVERIFY(QFile::exists(node.codeDir + u"/app.mjs"_s));
    QCOMPARE(node.events["HelloWorld"]["Type"], "Api");

    for (const FunctionConfig &fn : t.functions()) {
        QCOMPARE(fn.timeoutSeconds, 3);
        QCOMPARE(fn.memoryMb, 128);
        QCOMPARE(fn.architecture, u"x86_64"_s);
    }
    const nlohmann::json doc = t.toJson();
    QCOMPARE(doc["Outputs"]["HelloWorldFunction"]["Value"],
             nlohmann::json::parse(R"({"Fn::GetAtt": ["HelloWorldFunction", "Arn"]})"));
    QVERIFY(doc["Outputs"]["HelloWorldApi"]["Value"].contains("Fn::Sub"));
    QCOMPARE(SavedEvents(t.directory()).names(QString()), QStringList({u"event"_s}));
}

QTEST_GUILESS_MAIN(TestSamTemplate)
#include "tst_samtemplate.moc"
