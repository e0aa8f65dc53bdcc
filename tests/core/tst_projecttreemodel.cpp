// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "project/projecttreemodel.h"
#include "project/samtemplate.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using Lwb::ProjectTreeModel;

class TestProjectTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupsEveryKindOfResource()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(u"events/Worker"_s);
        QDir(dir.path()).mkpath(u"src"_s);
        QDir(dir.path()).mkpath(u"layer"_s);
        QFile event(dir.filePath(u"events/Worker/big-order.json"_s));
        QVERIFY(event.open(QIODevice::WriteOnly));
        event.write("{}");
        event.close();
        QFile yaml(dir.filePath(u"template.yaml"_s));
        QVERIFY(yaml.open(QIODevice::WriteOnly));
        yaml.write("Transform: AWS::Serverless-2016-10-31\n"
                   "Resources:\n"
                   "  Worker:\n"
                   "    Type: AWS::Serverless::Function\n"
                   "    Properties:\n"
                   "      CodeUri: src/\n"
                   "      Handler: app.handler\n"
                   "      Runtime: python3.12\n"
                   "      Layers: [!Ref Shared]\n"
                   "      Events:\n"
                   "        Orders:\n"
                   "          Type: SQS\n"
                   "          Properties: {Queue: !GetAtt OrdersQueue.Arn}\n"
                   "        Nightly:\n"
                   "          Type: Schedule\n"
                   "          Properties: {Schedule: rate(1 day)}\n"
                   "  Api:\n"
                   "    Type: AWS::Serverless::Function\n"
                   "    Properties: {CodeUri: src/, Handler: app.api, Runtime: nodejs20.x}\n"
                   "  Shared:\n"
                   "    Type: AWS::Serverless::LayerVersion\n"
                   "    Properties: {ContentUri: layer/}\n"
                   "  OrdersQueue:\n"
                   "    Type: AWS::SQS::Queue\n"
                   "  Uploads:\n"
                   "    Type: AWS::S3::Bucket\n"
                   "  Topic:\n"
                   "    Type: AWS::SNS::Topic\n");
        yaml.close();
        Lwb::SamTemplate project;
        QVERIFY(project.load(yaml.fileName()));

        ProjectTreeModel model;
        QAbstractItemModelTester tester(&model);
        model.setProject(project);

        // Functions, Layers, Queues, Buckets, Other resources; no APIs group (none declared).
        QCOMPARE(model.rowCount(), 5);
        QVERIFY(!model.groupIndex(ProjectTreeModel::Kind::Api).isValid());
        const QModelIndex functions = model.groupIndex(ProjectTreeModel::Kind::Function);
        QCOMPARE(functions.row(), 0);
        QCOMPARE(model.rowCount(functions), 2);
        QCOMPARE(model.index(0, 1, functions).parent(), functions);
        QCOMPARE(functions.siblingAtColumn(1).data().toInt(), 2);

        const QModelIndex worker = model.functionIndex(u"Worker"_s);
        QVERIFY(worker.isValid());
        QCOMPARE(worker.siblingAtColumn(1).data().toString(), u"python3.12"_s);
        // Its triggers, then its saved test events.
        QCOMPARE(model.rowCount(worker), 3);
        QStringList children;
        for (int row = 0; row < model.rowCount(worker); ++row) {
            const QModelIndex child = model.index(row, 0, worker);
            children << child.data().toString() + u'/' +
                            model.index(row, 1, worker).data().toString();
            QCOMPARE(child.data(ProjectTreeModel::LogicalIdRole).toString(), u"Worker"_s);
        }
        QCOMPARE(children, (QStringList{u"Nightly/Schedule"_s, u"Orders/SQS"_s,
                                        u"big-order/test event"_s}));
        QCOMPARE(model.index(2, 0, worker).data(ProjectTreeModel::KindRole)
                     .value<ProjectTreeModel::Kind>(),
                 ProjectTreeModel::Kind::TestEvent);

        auto only = [&](ProjectTreeModel::Kind kind) {
            const QModelIndex group = model.groupIndex(kind);
            return model.rowCount(group) == 1 ? model.index(0, 0, group).data().toString()
                                              : QString();
        };
        QCOMPARE(only(ProjectTreeModel::Kind::Layer), u"Shared"_s);
        QCOMPARE(only(ProjectTreeModel::Kind::Queue), u"OrdersQueue"_s);
        QCOMPARE(only(ProjectTreeModel::Kind::Bucket), u"Uploads"_s);
        QCOMPARE(only(ProjectTreeModel::Kind::Resource), u"Topic"_s);

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProjectTreeModel)
#include "tst_projecttreemodel.moc"
