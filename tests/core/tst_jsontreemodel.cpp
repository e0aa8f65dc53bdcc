// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "project/jsontreemodel.h"

#include <QtCore/QDirIterator>
#include <QtCore/QFile>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>

#include <limits>

using namespace Qt::StringLiterals;
using Json = nlohmann::ordered_json;
using Lwb::JsonTreeModel;

namespace {

const char *const kDocument = R"({
  "zeta": "last key first",
  "httpMethod": "GET",
  "headers": {"Host": "example.com", "a/b~c": "escaped"},
  "multiValue": [["x", 1], {"deep": true}],
  "count": 3,
  "ratio": 0.25,
  "isBase64Encoded": false,
  "body": null,
  "empty": {},
  "none": []
})";

QString text(const QModelIndex &index)
{
    return index.data().toString();
}

} // namespace

class TestJsonTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsNestedObjectsAndArraysInOrder()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.json(), Json::object());
        model.setJson(Json::parse(kDocument));
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.headerData(JsonTreeModel::ValueColumn, Qt::Horizontal).toString(),
                 u"Value"_s);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(text(model.index(0, JsonTreeModel::KeyColumn)), u"zeta"_s); // not sorted
        QCOMPARE(text(model.index(1, JsonTreeModel::ValueColumn)), u"GET"_s);
        QCOMPARE(text(model.index(1, JsonTreeModel::TypeColumn)), u"string"_s);

        const QModelIndex headers = model.index(2, JsonTreeModel::KeyColumn);
        QCOMPARE(text(headers), u"headers"_s);
        QCOMPARE(model.rowCount(headers), 2);
        QCOMPARE(text(model.index(2, JsonTreeModel::ValueColumn)), u"2 keys"_s);
        QCOMPARE(text(model.index(2, JsonTreeModel::TypeColumn)), u"object"_s);
        QCOMPARE(model.index(0, JsonTreeModel::KeyColumn, headers).data(JsonTreeModel::PointerRole),
                 u"/headers/Host"_s);
        QCOMPARE(model.index(1, JsonTreeModel::KeyColumn, headers).data(JsonTreeModel::PointerRole),
                 u"/headers/a~1b~0c"_s);
        QCOMPARE(model.index(1, 0, headers).parent(), headers);

        const QModelIndex multi = model.index(3, JsonTreeModel::KeyColumn);
        QCOMPARE(text(model.index(3, JsonTreeModel::ValueColumn)), u"2 items"_s);
        QCOMPARE(text(model.index(0, JsonTreeModel::KeyColumn, multi)), u"0"_s);
        const QModelIndex inner = model.index(0, 0, multi);
        QCOMPARE(model.rowCount(inner), 2);
        QCOMPARE(text(model.index(1, JsonTreeModel::ValueColumn, inner)), u"1"_s);
        QCOMPARE(text(model.index(1, JsonTreeModel::TypeColumn, inner)), u"number"_s);
        QCOMPARE(model.index(1, 0, inner).data(JsonTreeModel::PointerRole), u"/multiValue/0/1"_s);
        QCOMPARE(model.index(1, 0, inner).parent().parent(), multi);

        QCOMPARE(text(model.index(5, JsonTreeModel::ValueColumn)), u"0.25"_s);
        QCOMPARE(text(model.index(6, JsonTreeModel::ValueColumn)), u"false"_s);
        QCOMPARE(text(model.index(6, JsonTreeModel::TypeColumn)), u"boolean"_s);
        QCOMPARE(text(model.index(7, JsonTreeModel::ValueColumn)), u"null"_s);
        QCOMPARE(text(model.index(7, JsonTreeModel::TypeColumn)), u"null"_s);
        QCOMPARE(model.rowCount(model.index(8, 0)), 0);
        QCOMPARE(text(model.index(8, JsonTreeModel::ValueColumn)), u"0 keys"_s);
        QCOMPARE(text(model.index(9, JsonTreeModel::ValueColumn)), u"0 items"_s);
        QCOMPARE(text(model.index(1, JsonTreeModel::ValueColumn, multi)), u"1 key"_s);
        QCOMPARE(text(model.index(9, JsonTreeModel::TypeColumn)), u"array"_s);
        QCOMPARE(model.index(4, 0).data(JsonTreeModel::TypeRole).value<JsonTreeModel::Type>(),
                 JsonTreeModel::Type::Number);

        // Only scalar values are editable (null has nothing to edit).
        QVERIFY(model.flags(model.index(1, JsonTreeModel::ValueColumn)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(1, JsonTreeModel::KeyColumn)) & Qt::ItemIsEditable));
        QVERIFY(!(model.flags(model.index(2, JsonTreeModel::ValueColumn)) & Qt::ItemIsEditable));
        QVERIFY(!(model.flags(model.index(7, JsonTreeModel::ValueColumn)) & Qt::ItemIsEditable));

        // Pointers find rows; what is not there is an invalid index.
        QCOMPARE(model.indexOf(u"/multiValue/1/deep"_s).data().toString(), u"true"_s);
        QCOMPARE(model.indexOf(u"/headers/a~1b~0c"_s, JsonTreeModel::KeyColumn).data(), u"a/b~c"_s);
        QVERIFY(!model.indexOf(u"/nothing"_s).isValid());
        QVERIFY(!model.indexOf(u"/multiValue/2"_s).isValid());
        QVERIFY(!model.indexOf(u"/multiValue/01"_s).isValid());
        QVERIFY(!model.indexOf(u"/count/0"_s).isValid());
        QVERIFY(!model.indexOf(u"count"_s).isValid());
        QVERIFY(!model.indexOf(QString()).isValid()); // the root object is no row

        QCOMPARE(model.json().dump(2), Json::parse(kDocument).dump(2));
    }

    void aScalarDocumentIsOneRow()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setJson(Json("just text"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(text(model.index(0, JsonTreeModel::KeyColumn)), QString());
        QCOMPARE(text(model.index(0, JsonTreeModel::ValueColumn)), u"just text"_s);
        QCOMPARE(model.indexOf(QString()), model.index(0, JsonTreeModel::ValueColumn));
        QVERIFY(model.setData(model.index(0, JsonTreeModel::ValueColumn), u"other"_s));
        QCOMPARE(model.json(), Json("other"));
        model.setJson(Json::array());
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.json(), Json::array());
    }

    void editsKeepTheType_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("expected"); // the member as JSON afterwards
        QTest::addColumn<QString>("shown");

        QTest::newRow("string") << u"/httpMethod"_s << QVariant(u"PUT"_s) << u"\"PUT\""_s
                                << u"PUT"_s;
        QTest::newRow("string stays a string")
            << u"/httpMethod"_s << QVariant(u"42"_s) << u"\"42\""_s << u"42"_s;
        QTest::newRow("string with quotes and unicode")
            << u"/headers/Host"_s << QVariant(u"\"é\"\n"_s) << u"\"\\\"é\\\"\\n\""_s
            << u"\"é\"\n"_s;
        QTest::newRow("integer text") << u"/count"_s << QVariant(u" 42 "_s) << u"42"_s << u"42"_s;
        QTest::newRow("negative exponent text")
            << u"/count"_s << QVariant(u"-1.5e3"_s) << u"-1500.0"_s << u"-1500.0"_s;
        QTest::newRow("float replaces integer")
            << u"/count"_s << QVariant(u"3.0"_s) << u"3.0"_s << u"3.0"_s;
        QTest::newRow("int variant") << u"/ratio"_s << QVariant(7) << u"7"_s << u"7"_s;
        QTest::newRow("double variant") << u"/count"_s << QVariant(0.5) << u"0.5"_s << u"0.5"_s;
        QTest::newRow("unsigned 64-bit") << u"/count"_s << QVariant(u"18446744073709551615"_s)
                                         << u"18446744073709551615"_s << u"18446744073709551615"_s;
        QTest::newRow("bool variant")
            << u"/isBase64Encoded"_s << QVariant(true) << u"true"_s << u"true"_s;
        QTest::newRow("bool text")
            << u"/multiValue/1/deep"_s << QVariant(u"false"_s) << u"false"_s << u"false"_s;
        QTest::newRow("nested array element")
            << u"/multiValue/0/0"_s << QVariant(u"y"_s) << u"\"y\""_s << u"y"_s;
        QTest::newRow("null stays null") << u"/body"_s << QVariant() << u"null"_s << u"null"_s;
    }

    void editsKeepTheType()
    {
        QFETCH(QString, pointer);
        QFETCH(QVariant, value);
        QFETCH(QString, expected);
        QFETCH(QString, shown);
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setJson(Json::parse(kDocument));
        QSignalSpy changed(&model, &JsonTreeModel::dataChanged);
        const QModelIndex index = model.indexOf(pointer);
        QVERIFY(index.isValid());
        QVERIFY(model.setData(index, value));
        QCOMPARE(index.data().toString(), shown);

        Json edited = Json::parse(kDocument);
        const Json::json_pointer at(pointer.toStdString());
        const bool unchanged = edited[at].dump() == expected.toStdString();
        edited[at] = Json::parse(expected.toStdString());
        QCOMPARE(model.json().dump(2), edited.dump(2)); // same keys, same order
        QCOMPARE(changed.size(), unchanged ? 0 : 1);
        if (!unchanged) {
            QCOMPARE(changed.first().at(0).toModelIndex(), index);
        }
    }

    void invalidEditsAreRefused_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<int>("column");

        const int value = JsonTreeModel::ValueColumn;
        QTest::newRow("word as number") << u"/count"_s << QVariant(u"abc"_s) << value;
        QTest::newRow("empty number") << u"/count"_s << QVariant(QString()) << value;
        QTest::newRow("two numbers") << u"/count"_s << QVariant(u"1 2"_s) << value;
        QTest::newRow("number as JSON string") << u"/count"_s << QVariant(u"\"1\""_s) << value;
        QTest::newRow("leading zero") << u"/count"_s << QVariant(u"01"_s) << value;
        QTest::newRow("NaN") << u"/ratio"_s << QVariant(std::numeric_limits<double>::quiet_NaN())
                             << value;
        QTest::newRow("infinity") << u"/ratio"_s
                                  << QVariant(std::numeric_limits<double>::infinity()) << value;
        QTest::newRow("bool into number") << u"/count"_s << QVariant(true) << value;
        QTest::newRow("yes as bool") << u"/isBase64Encoded"_s << QVariant(u"yes"_s) << value;
        QTest::newRow("number as bool") << u"/isBase64Encoded"_s << QVariant(1) << value;
        QTest::newRow("number into string") << u"/httpMethod"_s << QVariant(5) << value;
        QTest::newRow("text into null") << u"/body"_s << QVariant(u"x"_s) << value;
        QTest::newRow("object") << u"/headers"_s << QVariant(u"{}"_s) << value;
        QTest::newRow("array") << u"/none"_s << QVariant(u"[]"_s) << value;
        QTest::newRow("key") << u"/httpMethod"_s << QVariant(u"method"_s)
                             << int(JsonTreeModel::KeyColumn);
        QTest::newRow("type") << u"/count"_s << QVariant(u"string"_s)
                              << int(JsonTreeModel::TypeColumn);
    }

    void invalidEditsAreRefused()
    {
        QFETCH(QString, pointer);
        QFETCH(QVariant, value);
        QFETCH(int, column);
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setJson(Json::parse(kDocument));
        QSignalSpy changed(&model, &JsonTreeModel::dataChanged);
        QVERIFY(!model.setData(model.indexOf(pointer, column), value));
        QVERIFY(!model.setData(model.indexOf(pointer, JsonTreeModel::ValueColumn), value,
                               Qt::DisplayRole + 100));
        QCOMPARE(changed.size(), 0);
        QCOMPARE(model.json().dump(2), Json::parse(kDocument).dump(2));
        QVERIFY(!model.setData({}, value));
    }

    void everyEventTemplateRoundTrips_data()
    {
        QTest::addColumn<QString>("path");
        const QString root = QStringLiteral(LWB_SOURCE_DIR) + u"/resources/events"_s;
        QDirIterator it(root, {u"*.json"_s}, QDir::Files, QDirIterator::Subdirectories);
        int count = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            QTest::newRow(qPrintable(path.mid(root.size() + 1))) << path;
            ++count;
        }
        QVERIFY(count > 50);
    }

    void everyEventTemplateRoundTrips()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const Json document = Json::parse(bytes.constBegin(), bytes.constEnd());
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setJson(document);
        const Json back = model.json();
        QVERIFY(back == document);
        QCOMPARE(back.dump(2), document.dump(2)); // also 1.0 stays 1.0, keys in order
    }

    void aDeeplyNestedDocumentDoesNotRecurse()
    {
        // Typed or pasted by anyone: 200,000 levels would overflow the stack if building,
        // reading or destroying the tree recursed.
        constexpr int depth = 200000;
        const std::string text = std::string(depth, '[') + "1" + std::string(depth, ']');
        JsonTreeModel model;
        model.setJson(Json::parse(text));
        QModelIndex index = model.index(0, 0);
        for (int level = 1; level < depth; ++level) {
            index = model.index(0, 0, index);
        }
        QCOMPARE(index.data(JsonTreeModel::TypeRole).value<JsonTreeModel::Type>(),
                 JsonTreeModel::Type::Number);
        QVERIFY(model.setData(index.siblingAtColumn(JsonTreeModel::ValueColumn), u"2"_s));
        const Json back = model.json();
        const Json *inner = &back;
        for (int level = 0; level < depth; ++level) {
            QVERIFY(inner->is_array() && inner->size() == 1);
            inner = &inner->front();
        }
        QCOMPARE(*inner, Json(2));
        model.setJson(Json::object());
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
