// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The S3 trigger plugin: a thin adapter over s3notification (unit-tested on its own) and a
// folder watcher that turns file changes into S3 notifications.
#include "s3notification.h"

#include "engine/engine.h"
#include "triggers/eventcatalogue.h"
#include "triggers/triggerfactory.h"

#include <QtCore/QDir>
#include <QtCore/QDirIterator>
#include <QtCore/QFileSystemWatcher>
#include <QtCore/QObject>
#include <QtCore/QTimer>

using namespace Qt::StringLiterals;

namespace Lwb::S3 {

namespace {

class BucketSource : public TriggerSource
{
public:
    BucketSource(const TriggerContext &context, Subscription subscription)
        : m_context(context)
        , m_subscription(std::move(subscription))
        , m_folder(QDir(context.projectDir).filePath(u".lwb/buckets/"_s + m_subscription.bucket))
    {
        // Writes come in bursts (create, write, close): look once things settle.
        m_settle.setSingleShot(true);
        m_settle.setInterval(100);
        connect(&m_settle, &QTimer::timeout, this, [this] { rescan(); });
        connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_settle.start(); });
        connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { m_settle.start(); });
    }

    bool start(QString *error) override
    {
        if (!QDir().mkpath(m_folder)) {
            *error = u"cannot create the bucket folder %1"_s.arg(m_folder);
            return false;
        }
        m_objects = scanBucket(m_folder); // what is there already was not "just created"
        m_sequence = quint64(QDateTime::currentMSecsSinceEpoch()) << 16;
        watch();
        return true;
    }

    void stop() override
    {
        m_settle.stop();
        if (!m_watcher.files().isEmpty()) {
            m_watcher.removePaths(m_watcher.files());
        }
        if (!m_watcher.directories().isEmpty()) {
            m_watcher.removePaths(m_watcher.directories());
        }
    }

private:
    void watch()
    {
        QStringList paths{m_folder};
        QDirIterator it(m_folder, QDir::AllEntries | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            paths << it.next();
        }
        QStringList fresh;
        for (const QString &p : std::as_const(paths)) {
            if (!m_watcher.files().contains(p) && !m_watcher.directories().contains(p)) {
                fresh << p;
            }
        }
        if (!fresh.isEmpty()) {
            m_watcher.addPaths(fresh);
        }
    }

    void rescan()
    {
        const QHash<QString, ObjectState> now = scanBucket(m_folder);
        const std::vector<ObjectChange> changes = diff(m_objects, now, m_folder);
        m_objects = now;
        watch();
        const EngineOptions &options = m_context.engine->options();
        for (const ObjectChange &change : changes) {
            if (!m_subscription.matches(change.eventName, change.key)) {
                continue;
            }
            InvokeRequest request;
            request.functionName = m_context.functionLogicalId;
            request.type = InvocationType::Event; // S3 invokes asynchronously
            request.source = u"s3"_s;
            request.payload = QByteArray::fromStdString(
                notification(change, m_subscription.bucket, options.region, QDateTime::currentDateTimeUtc(),
                             ++m_sequence)
                    .dump());
            m_context.engine->invoke(request, [this](const InvokeResult &result) {
                if (result.isServiceError()) {
                    Q_EMIT problem(u"%1: %2"_s.arg(result.serviceErrorCode, result.serviceErrorMessage));
                }
            });
        }
    }

    TriggerContext m_context;
    Subscription m_subscription;
    QString m_folder;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    QHash<QString, ObjectState> m_objects;
    quint64 m_sequence = 0;
};

} // namespace

class S3Plugin : public QObject, public TriggerFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LwbTriggerFactory_iid FILE "s3.json")
    Q_INTERFACES(Lwb::TriggerFactory)

public:
    QStringList eventTypes() const override { return {u"S3"_s}; }
    QString displayName() const override { return u"S3 bucket (local folder)"_s; }

    nlohmann::json validate(const QString &, const nlohmann::json &properties, QStringList *errors) const override
    {
        return Subscription::parse(properties, errors) ? properties : nlohmann::json();
    }

    std::vector<TriggerEventTemplate> eventTemplates() const override
    {
        return EventCatalogue().templates(u"s3"_s);
    }

    nlohmann::json preview(const QString &, const nlohmann::json &properties, int, QString *error) const override
    {
        QStringList errors;
        const std::optional<Subscription> s = Subscription::parse(properties, &errors);
        if (!s) {
            *error = errors.join(u"; "_s);
            return nullptr;
        }
        return {{"bucketFolder", (u".lwb/buckets/"_s + s->bucket).toStdString()}};
    }

    std::unique_ptr<TriggerSource> createSource(const TriggerContext &context, QString *error) const override
    {
        QStringList errors;
        std::optional<Subscription> s = Subscription::parse(context.properties, &errors);
        if (!s) {
            *error = errors.join(u"; "_s);
            return nullptr;
        }
        if (context.projectDir.isEmpty()) {
            *error = u"no project folder to keep the bucket in"_s;
            return nullptr;
        }
        return std::make_unique<BucketSource>(context, std::move(*s));
    }
};

} // namespace Lwb::S3

#include "s3plugin.moc"
