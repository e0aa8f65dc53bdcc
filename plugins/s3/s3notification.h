// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QDateTime>
#include <QtCore/QHash>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace Lwb::S3 {

/** What an S3 event of a SAM template subscribes to: event names and key filter rules. */
struct Subscription
{
    QString bucket;       ///< the local bucket's name (BucketName, or the Ref'd logical id)
    QStringList events;   ///< e.g. "s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"
    QString prefix;       ///< Filter.S3Key.Rules prefix
    QString suffix;       ///< … suffix

    /** Parses the Properties of an `S3` event; nullopt with @p errors when they are wrong. */
    static std::optional<Subscription> parse(const nlohmann::json &properties, QStringList *errors);
    /** Whether a notification @p eventName ("ObjectCreated:Put") for @p key is delivered. */
    bool matches(const QString &eventName, const QString &key) const;
};

/** One object as the folder shows it. */
struct ObjectState
{
    qint64 size = 0;
    QDateTime modified;
};

/** A change between two scans of a bucket folder. */
struct ObjectChange
{
    QString eventName; ///< "ObjectCreated:Put" or "ObjectRemoved:Delete"
    QString key;       ///< the object's key: its path relative to the bucket folder, '/'-separated
    qint64 size = 0;
    QString eTag;      ///< MD5 of the content, hex (created objects only)
};

/** Every file under @p folder, by key (hidden files and folders are skipped). */
QHash<QString, ObjectState> scanBucket(const QString &folder);
/** What changed from @p before to @p after (keys in sorted order: creations, then removals). */
std::vector<ObjectChange> diff(const QHash<QString, ObjectState> &before,
                               const QHash<QString, ObjectState> &after, const QString &folder);

/** The notification S3 sends for @p change (one record; lambda-reference §7.4). */
nlohmann::json notification(const ObjectChange &change, const QString &bucket, const QString &region,
                            const QDateTime &time, quint64 sequence);

} // namespace Lwb::S3
