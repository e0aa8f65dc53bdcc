// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/functionlimits.h"

#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using Lwb::FunctionLimits;

class tst_FunctionLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ranges_data();
    void ranges();
    void description();
    void architecture();
    void environment_data();
    void environment();
    void environmentSize();
    void reservedConcurrency();
    void provisionedConcurrency();
    void aliasName_data();
    void aliasName();
    void layers();
    void role();
    void constraints();
    void reservedVariables();
};

using Check = FunctionLimits::Result (*)(qint64);
Q_DECLARE_METATYPE(Check)

void tst_FunctionLimits::ranges_data()
{
    QTest::addColumn<Check>("check");
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QString>("message"); // empty: accepted

    const QString low = u"Value '%1' at '%2' failed to satisfy constraint: Member must have value "
                        "greater than or equal to %3"_s;
    const QString high = u"Value '%1' at '%2' failed to satisfy constraint: Member must have value "
                         "less than or equal to %3"_s;
    struct Range
    {
        const char *name;
        Check check;
        const char *member;
        qint64 min;
        qint64 max;
    };
    const Range ranges[] = {
        {"memory", &FunctionLimits::memorySize, "memorySize", 128, 10240},
        {"timeout", &FunctionLimits::timeout, "timeout", 1, 900},
        {"storage", &FunctionLimits::ephemeralStorageSize, "ephemeralStorage.size", 512, 10240},
        {"retries", &FunctionLimits::maximumRetryAttempts, "maximumRetryAttempts", 0, 2},
        {"event age", &FunctionLimits::maximumEventAge, "maximumEventAgeInSeconds", 60, 21600},
    };
    for (const Range &r : ranges) {
        const QString member = QString::fromLatin1(r.member);
        QTest::addRow("%s min", r.name) << r.check << r.min << QString();
        QTest::addRow("%s max", r.name) << r.check << r.max << QString();
        QTest::addRow("%s below", r.name)
            << r.check << r.min - 1 << low.arg(r.min - 1).arg(member).arg(r.min);
        QTest::addRow("%s above", r.name)
            << r.check << r.max + 1 << high.arg(r.max + 1).arg(member).arg(r.max);
    }
    // The cases of the issue: 64 MB and 901 s; memory goes in 1 MB steps.
    QTest::newRow("64 MB") << Check(&FunctionLimits::memorySize) << qint64(64)
                           << low.arg(64).arg(u"memorySize"_s).arg(128);
    QTest::newRow("901 s") << Check(&FunctionLimits::timeout) << qint64(901)
                           << high.arg(901).arg(u"timeout"_s).arg(900);
    QTest::newRow("129 MB") << Check(&FunctionLimits::memorySize) << qint64(129) << QString();
}

void tst_FunctionLimits::ranges()
{
    QFETCH(Check, check);
    QFETCH(qint64, value);
    QFETCH(QString, message);
    const FunctionLimits::Result result = check(value);
    if (message.isEmpty()) {
        QVERIFY2(!result, qPrintable(result ? result->message : QString()));
        return;
    }
    QVERIFY(result);
    QCOMPARE(result->errorType, u"ValidationException"_s);
    QCOMPARE(result->message, message);
}

void tst_FunctionLimits::description()
{
    QVERIFY(!FunctionLimits::description(QString(256, u'd')));
    const auto tooLong = FunctionLimits::description(QString(257, u'd'));
    QVERIFY(tooLong);
    QCOMPARE(tooLong->errorType, u"ValidationException"_s);
    QVERIFY(tooLong->message.endsWith(u"at 'description' failed to satisfy constraint: Member "
                                      "must have length less than or equal to 256"_s));
}

void tst_FunctionLimits::architecture()
{
    QVERIFY(!FunctionLimits::architecture(u"x86_64"_s));
    QVERIFY(!FunctionLimits::architecture(u"arm64"_s));
    const auto wrong = FunctionLimits::architecture(u"amd64"_s);
    QVERIFY(wrong);
    QCOMPARE(wrong->message, u"Value 'amd64' at 'architectures' failed to satisfy constraint: "
                             "Member must satisfy enum value set: [x86_64, arm64]"_s);
}

void tst_FunctionLimits::environment_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("errorType"); // empty: accepted
    QTest::addColumn<QString>("message");

    const QString pattern = u"Value at 'environment.variables' failed to satisfy constraint: Map "
                            "keys must satisfy constraint: [Member must satisfy regular expression "
                            "pattern: [a-zA-Z]([a-zA-Z0-9_])+]"_s;
    QTest::newRow("plain") << u"TABLE_NAME"_s << QString() << QString();
    QTest::newRow("two chars") << u"A1"_s << QString() << QString();
    QTest::newRow("one char") << u"A"_s << u"ValidationException"_s << pattern;
    QTest::newRow("digit first") << u"1A"_s << u"ValidationException"_s << pattern;
    QTest::newRow("dash") << u"MY-VAR"_s << u"ValidationException"_s << pattern;
    QTest::newRow("reserved") << u"AWS_REGION"_s << u"InvalidParameterValueException"_s
                              << u"Lambda was unable to configure your environment variables "
                                 "because the environment variables you have provided contains "
                                 "reserved keys that are currently not supported for "
                                 "modification. Reserved keys used in this request: AWS_REGION"_s;
}

void tst_FunctionLimits::environment()
{
    QFETCH(QString, key);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    const auto result = FunctionLimits::environment({{u"OTHER"_s, u"x"_s}, {key, u"value"_s}});
    if (errorType.isEmpty()) {
        QVERIFY2(!result, qPrintable(result ? result->message : QString()));
        return;
    }
    QVERIFY(result);
    QCOMPARE(result->errorType, errorType);
    QCOMPARE(result->message, message);
}

void tst_FunctionLimits::environmentSize()
{
    // 4 KB measured as the variables' JSON text: {"BIG":"…"} is 10 bytes around the value.
    QMap<QString, QString> variables{{u"BIG"_s, QString(4086, u'v')}};
    QVERIFY(!FunctionLimits::environment(variables));
    variables[u"BIG"_s].append(u'v');
    const auto tooBig = FunctionLimits::environment(variables);
    QVERIFY(tooBig);
    QCOMPARE(tooBig->errorType, u"InvalidParameterValueException"_s);
    QVERIFY(tooBig->message.startsWith(
        u"Lambda was unable to configure your environment variables because the environment "
        "variables you have provided exceeded the 4KB limit. String measured: {\"BIG\":\"vvv"_s));
    QVERIFY(!FunctionLimits::environment({}));
}

void tst_FunctionLimits::reservedConcurrency()
{
    QVERIFY(!FunctionLimits::reservedConcurrency(0));
    QVERIFY(!FunctionLimits::reservedConcurrency(900));
    const QString below = u"Specified ReservedConcurrentExecutions for function decreases "
                          "account's UnreservedConcurrentExecution below its minimum value of "
                          "[100]."_s;
    auto result = FunctionLimits::reservedConcurrency(901);
    QVERIFY(result);
    QCOMPARE(result->errorType, u"InvalidParameterValueException"_s);
    QCOMPARE(result->message, below);
    // What other functions reserve counts against the same account.
    QVERIFY(!FunctionLimits::reservedConcurrency(400, 500));
    result = FunctionLimits::reservedConcurrency(401, 500);
    QVERIFY(result);
    QCOMPARE(result->message, below);
    // A larger account, and an engine configured with another minimum.
    QVERIFY(!FunctionLimits::reservedConcurrency(2900, 0, 3000));
    QVERIFY(!FunctionLimits::reservedConcurrency(8, 0, 10, 2));
    result = FunctionLimits::reservedConcurrency(9, 0, 10, 2);
    QVERIFY(result);
    QVERIFY(result->message.endsWith(u"below its minimum value of [2]."_s));
    result = FunctionLimits::reservedConcurrency(-1);
    QVERIFY(result);
    QCOMPARE(result->errorType, u"ValidationException"_s);
    QCOMPARE(result->message, u"Value '-1' at 'reservedConcurrentExecutions' failed to satisfy "
                              "constraint: Member must have value greater than or equal to 0"_s);
}

void tst_FunctionLimits::provisionedConcurrency()
{
    QVERIFY(!FunctionLimits::provisionedConcurrency(5, u"live"_s));
    QVERIFY(!FunctionLimits::provisionedConcurrency(5, u"live"_s, 5));
    auto result = FunctionLimits::provisionedConcurrency(6, u"live"_s, 5);
    QVERIFY(result);
    QCOMPARE(result->errorType, u"InvalidParameterValueException"_s);
    QCOMPARE(result->message, u"Requested Provisioned Concurrency should not be greater than the "
                              "reservedConcurrentExecution for function"_s);
    result = FunctionLimits::provisionedConcurrency(5, QString());
    QVERIFY(result);
    QCOMPARE(result->message, u"Provisioned Concurrency Configs cannot be applied to unpublished "
                              "function versions."_s);
    QCOMPARE(FunctionLimits::provisionedConcurrency(5, u"$LATEST"_s), result);
    result = FunctionLimits::provisionedConcurrency(0, u"live"_s);
    QVERIFY(result);
    QCOMPARE(result->errorType, u"ValidationException"_s);
    QCOMPARE(result->message, u"Value '0' at 'provisionedConcurrentExecutions' failed to satisfy "
                              "constraint: Member must have value greater than or equal to 1"_s);
    // No more than the account runs at once.
    QVERIFY(!FunctionLimits::provisionedConcurrency(1000, u"live"_s));
    result = FunctionLimits::provisionedConcurrency(1001, u"live"_s);
    QVERIFY(result);
    QCOMPARE(result->message,
             u"Value '1001' at 'provisionedConcurrentExecutions' failed to satisfy "
             "constraint: Member must have value less than or equal to 1000"_s);
    QVERIFY(!FunctionLimits::provisionedConcurrency(2000, u"live"_s, std::nullopt, 3000));
    // Which qualifiers may have any at all.
    QVERIFY(!FunctionLimits::provisionedQualifier(u"1"_s));
    QVERIFY(!FunctionLimits::provisionedQualifier(u"live"_s));
    QCOMPARE(FunctionLimits::provisionedQualifier(u"$LATEST"_s),
             FunctionLimits::provisionedConcurrency(5, u"$LATEST"_s));
    QVERIFY(FunctionLimits::provisionedQualifier(QString()));
}

void tst_FunctionLimits::aliasName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("live") << u"live"_s << true;
    QTest::newRow("with dash and digits") << u"prod-2_b"_s << true;
    QTest::newRow("all digits") << u"12"_s << false;
    QTest::newRow("space") << u"my alias"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("128") << QString(128, u'a') << true;
    QTest::newRow("129") << QString(129, u'a') << false;
}

void tst_FunctionLimits::aliasName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    const auto result = FunctionLimits::aliasName(name);
    QCOMPARE(!result, valid);
    if (result) {
        QCOMPARE(result->errorType, u"ValidationException"_s);
        QVERIFY(result->message.contains(u"at 'name' failed to satisfy constraint"_s));
    }
}

void tst_FunctionLimits::layers()
{
    QVERIFY(!FunctionLimits::layerCount(5));
    const auto tooMany = FunctionLimits::layerCount(6);
    QVERIFY(tooMany);
    QCOMPARE(tooMany->errorType, u"InvalidParameterValueException"_s);
    QCOMPARE(tooMany->message, u"Cannot reference more than 5 layers."_s);

    QVERIFY(!FunctionLimits::layerVersionArn(
        u"arn:aws:lambda:us-east-1:123456789012:layer:shared-libs:3"_s));
    const auto noVersion =
        FunctionLimits::layerVersionArn(u"arn:aws:lambda:us-east-1:123456789012:layer:libs"_s);
    QVERIFY(noVersion);
    QCOMPARE(noVersion->message,
             u"Value 'arn:aws:lambda:us-east-1:123456789012:layer:libs' at 'layers' failed to "
             "satisfy constraint: Member must satisfy regular expression pattern: "
             "arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+"_s);
    const QString longArn =
        u"arn:aws:lambda:us-east-1:123456789012:layer:"_s + QString(100, u'n') + u":1"_s;
    const auto tooLong = FunctionLimits::layerVersionArn(longArn);
    QVERIFY(tooLong);
    QVERIFY(tooLong->message.endsWith(u"Member must have length less than or equal to 140"_s));
}

void tst_FunctionLimits::role()
{
    QVERIFY(!FunctionLimits::role(u"arn:aws:iam::123456789012:role/service-role/my-role"_s));
    const auto wrong = FunctionLimits::role(u"my-role"_s);
    QVERIFY(wrong);
    QCOMPARE(wrong->errorType, u"ValidationException"_s);
    QVERIFY(wrong->message.startsWith(
        u"Value 'my-role' at 'role' failed to satisfy constraint: Member must satisfy regular "
        "expression pattern: arn:"_s));
}

void tst_FunctionLimits::constraints()
{
    // The API's messages for members FunctionLimits has no check of its own for.
    const FunctionLimits::Range items{1, 10000};
    QVERIFY(items.contains(1) && items.contains(10000) && !items.contains(0));
    QVERIFY(!FunctionLimits::range(1, items, u"maxItems"_s));
    auto result = FunctionLimits::range(10001, items, u"maxItems"_s);
    QVERIFY(result);
    QCOMPARE(result->errorType, u"ValidationException"_s);
    QCOMPARE(result->message, u"Value '10001' at 'maxItems' failed to satisfy constraint: Member "
                              "must have value less than or equal to 10000"_s);

    QVERIFY(!FunctionLimits::maxLength(u"index.handler"_s, 128, u"handler"_s));
    result = FunctionLimits::maxLength(QString(129, u'h'), 128, u"handler"_s);
    QVERIFY(result);
    QVERIFY(result->message.endsWith(u"at 'handler' failed to satisfy constraint: Member must "
                                     "have length less than or equal to 128"_s));

    QVERIFY(!FunctionLimits::pattern(u"sid-1"_s, u"([a-zA-Z0-9-_.]+)"_s, u"statementId"_s));
    result = FunctionLimits::pattern(u"a b"_s, u"([a-zA-Z0-9-_.]+)"_s, u"statementId"_s);
    QVERIFY(result);
    QCOMPARE(result->message, u"Value 'a b' at 'statementId' failed to satisfy constraint: Member "
                              "must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)"_s);

    QVERIFY(!FunctionLimits::enumValue(u"Zip"_s, {u"Zip"_s, u"Image"_s}, u"packageType"_s));
    result = FunctionLimits::enumValue(u"Jar"_s, {u"Zip"_s, u"Image"_s}, u"packageType"_s);
    QVERIFY(result);
    QCOMPARE(result->message, u"Value 'Jar' at 'packageType' failed to satisfy constraint: Member "
                              "must satisfy enum value set: [Zip, Image]"_s);
}

void tst_FunctionLimits::reservedVariables()
{
    const QStringList names = FunctionLimits::reservedVariableNames();
    for (const char *name : {"_HANDLER", "AWS_REGION", "AWS_LAMBDA_RUNTIME_API", "TZ",
                             "AWS_SECRET_ACCESS_KEY", "LAMBDA_TASK_ROOT"}) {
        QVERIFY2(names.contains(QString::fromLatin1(name)), name);
    }
    // The endpoint variables are not reserved: a function may point them elsewhere.
    QVERIFY(!names.contains(u"AWS_ENDPOINT_URL_LAMBDA"_s));
    QVERIFY(!FunctionLimits::reservedVariables({{u"TABLE"_s, u"t"_s}}));
    const auto used = FunctionLimits::reservedVariables(
        {{u"TZ"_s, u"x"_s}, {u"AWS_REGION"_s, u"x"_s}, {u"TABLE"_s, u"t"_s}});
    QVERIFY(used);
    QCOMPARE(used->errorType, u"InvalidParameterValueException"_s);
    // Every reserved key is named, in the map's order.
    QVERIFY(used->message.endsWith(u"Reserved keys used in this request: AWS_REGION, TZ"_s));
}

QTEST_GUILESS_MAIN(tst_FunctionLimits)
#include "tst_functionlimits.moc"
