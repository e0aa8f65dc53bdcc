// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/functionarn.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;

class TestFunctionArn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("qualifier");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("account");

        QTest::newRow("name") << u"my-function"_s << u"my-function"_s << QString() << QString()
                              << QString();
        QTest::newRow("name_underscore")
            << u"My_Function-2"_s << u"My_Function-2"_s << QString() << QString() << QString();
        QTest::newRow("name:alias")
            << u"my-function:live"_s << u"my-function"_s << u"live"_s << QString() << QString();
        QTest::newRow("name:$LATEST")
            << u"f:$LATEST"_s << u"f"_s << u"$LATEST"_s << QString() << QString();
        QTest::newRow("name:version") << u"f:12"_s << u"f"_s << u"12"_s << QString() << QString();
        QTest::newRow("partial") << u"123456789012:function:my-function"_s << u"my-function"_s
                                 << QString() << QString() << u"123456789012"_s;
        QTest::newRow("partial:qualifier")
            << u"123456789012:function:my-function:$LATEST"_s << u"my-function"_s << u"$LATEST"_s
            << QString() << u"123456789012"_s;
        QTest::newRow("arn") << u"arn:aws:lambda:us-east-1:123456789012:function:my-function"_s
                             << u"my-function"_s << QString() << u"us-east-1"_s
                             << u"123456789012"_s;
        QTest::newRow("arn:alias") << u"arn:aws:lambda:eu-west-2:000000000000:function:f:prod"_s
                                   << u"f"_s << u"prod"_s << u"eu-west-2"_s << u"000000000000"_s;
        QTest::newRow("arn-gov") << u"arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f"_s
                                 << u"f"_s << QString() << u"us-gov-west-1"_s << u"123456789012"_s;
        QTest::newRow("function-named-function")
            << u"function"_s << u"function"_s << QString() << QString() << QString();
    }

    void parse()
    {
        QFETCH(QString, input);
        QString error;
        const std::optional<FunctionArn> arn = FunctionArn::parse(input, &error);
        QVERIFY2(arn.has_value(), qPrintable(error));
        QTEST(arn->name(), "name");
        QTEST(arn->qualifier(), "qualifier");
        QTEST(arn->region(), "region");
        QTEST(arn->accountId(), "account");
        QCOMPARE(arn->hasQualifier(), !arn->qualifier().isEmpty());
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("empty") << QString();
        QTest::newRow("space") << u"my function"_s;
        QTest::newRow("slash") << u"a/b"_s;
        QTest::newRow("empty-qualifier") << u"f:"_s;
        QTest::newRow("two-qualifiers") << u"f:a:b"_s;
        QTest::newRow("arn-without-function") << u"arn:aws:lambda:us-east-1:123456789012:f"_s;
        QTest::newRow("too-long-name") << QString(65, u'a');
        QTest::newRow("too-long-arn")
            << u"arn:aws:lambda:us-east-1:123456789012:function:"_s + QString(130, u'a');
        QTest::newRow("unicode") << u"fünction"_s;
    }

    void rejects()
    {
        QFETCH(QString, input);
        QString error;
        QVERIFY(!FunctionArn::parse(input, &error).has_value());
        QVERIFY2(
            error.startsWith(u"1 validation error detected: Value '"_s + input +
                             u"' at 'functionName' failed to satisfy constraint: Member must "_s),
            qPrintable(error));
    }

    void qualifiers()
    {
        QVERIFY(FunctionArn::isValidQualifier(QString()));
        QVERIFY(FunctionArn::isValidQualifier(u"$LATEST"_s));
        QVERIFY(FunctionArn::isValidQualifier(u"live"_s));
        QVERIFY(FunctionArn::isValidQualifier(u"7"_s));
        QVERIFY(!FunctionArn::isValidQualifier(u"a:b"_s));
        QVERIFY(!FunctionArn::isValidQualifier(u"a b"_s));
        QVERIFY(!FunctionArn::isValidQualifier(QString(129, u'a')));
    }

    void arn()
    {
        QCOMPARE(FunctionArn::arn(u"us-east-1"_s, u"123456789012"_s, u"f"_s),
                 u"arn:aws:lambda:us-east-1:123456789012:function:f"_s);
        QCOMPARE(FunctionArn::arn(u"us-east-1"_s, u"123456789012"_s, u"f"_s, u"$LATEST"_s),
                 u"arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST"_s);
    }
};

QTEST_GUILESS_MAIN(TestFunctionArn)
#include "tst_functionarn.moc"
