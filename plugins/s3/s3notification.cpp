// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "s3notification.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDirIterator>
#include <QtCore/QFile>
#include <QtCore/QUrl>
#include <QtCore/QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb::S3 {

namespace {

QString string(const nlohmann::json &j)
{
    return j.is_string() ? QString::fromStdString(j.get<std::string>()) : QString();
}

QString md5Hex(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Md5);
    hash.addData(&f);
    return QString::fromLatin1(hash.result().toHex());
}

/** S3 writes keys in notifications URL-encoded, a space as '+'. */
QString encodeKey(const QString &key)
{
    QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(key, "/!*'()~-_."));
    return encoded.replace(u"%20"_s, u"+"_s);
}

} // namespace

std::optional<Subscription> Subscription::parse(const nlohmann::json &properties, QStringList *errors)
{
    if (!properties.is_object()) {
        errors->append(u"Properties must be a map"_s);
        return std::nullopt;
    }
    Subscription s;
    const nlohmann::json bucket = properties.value("Bucket", nlohmann::json());
    // Bucket: !Ref MyBucket (the usual form) or a plain name.
    s.bucket = bucket.is_object() ? string(bucket.value("Ref", nlohmann::json())) : string(bucket);
    if (s.bucket.isEmpty()) {
        errors->append(u"Bucket is required: !Ref of an AWS::S3::Bucket of the template, or a name"_s);
        return std::nullopt;
    }
    const nlohmann::json events = properties.value("Events", nlohmann::json());
    for (const nlohmann::json &e : events.is_array() ? events : nlohmann::json::array({events})) {
        const QString name = string(e);
        static const QStringList known = {u"s3:ObjectCreated:"_s, u"s3:ObjectRemoved:"_s};
        if (!std::any_of(known.begin(), known.end(), [&](const QString &k) { return name.startsWith(k); })) {
            errors->append(u"Events: \"%1\" is not an S3 event this workbench raises locally "
                           "(s3:ObjectCreated:* / :Put, s3:ObjectRemoved:* / :Delete)"_s.arg(name));
            return std::nullopt;
        }
        s.events << name;
    }
    if (s.events.isEmpty()) {
        errors->append(u"Events is required (e.g. s3:ObjectCreated:*)"_s);
        return std::nullopt;
    }
    const nlohmann::json rules =
        properties.value("Filter", nlohmann::json::object()).value("S3Key", nlohmann::json::object()).value("Rules", nlohmann::json::array());
    for (const nlohmann::json &rule : rules) {
        const QString name = string(rule.value("Name", nlohmann::json())).toLower();
        const QString value = string(rule.value("Value", nlohmann::json()));
        if (name == u"prefix"_s) {
            s.prefix = value;
        } else if (name == u"suffix"_s) {
            s.suffix = value;
        } else {
            errors->append(u"Filter.S3Key.Rules: Name must be prefix or suffix"_s);
            return std::nullopt;
        }
    }
    return s;
}

bool Subscription::matches(const QString &eventName, const QString &key) const
{
    if (!key.startsWith(prefix) || !key.endsWith(suffix)) {
        return false;
    }
    const QString full = u"s3:"_s + eventName;
    return std::any_of(events.begin(), events.end(), [&](const QString &e) {
        return e == full || (e.endsWith(u":*"_s) && full.startsWith(e.chopped(1)));
    });
}

QHash<QString, ObjectState> scanBucket(const QString &folder)
{
    QHash<QString, ObjectState> objects;
    QDirIterator it(folder, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    const QDir root(folder);
    while (it.hasNext()) {
        it.next();
        const QString key = root.relativeFilePath(it.filePath());
        if (key.startsWith(u'.') || key.contains(u"/."_s)) {
            continue;
        }
        const QFileInfo info = it.fileInfo();
        objects.insert(key, {info.size(), info.lastModified()});
    }
    return objects;
}

std::vector<ObjectChange> diff(const QHash<QString, ObjectState> &before,
                               const QHash<QString, ObjectState> &after, const QString &folder)
{
    std::vector<ObjectChange> changes;
    QStringList created;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const auto old = before.constFind(it.key());
        if (old == before.cend() || old->size != it->size || old->modified != it->modified) {
            created << it.key();
        }
    }
    created.sort();
    for (const QString &key : std::as_const(created)) {
        changes.push_back({u"ObjectCreated:Put"_s, key, after.value(key).size, md5Hex(folder + u'/' + key)});
    }
    QStringList removed;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!after.contains(it.key())) {
            removed << it.key();
        }
    }
    removed.sort();
    for (const QString &key : std::as_const(removed)) {
        changes.push_back({u"ObjectRemoved:Delete"_s, key, 0, {}});
    }
    return changes;
}

nlohmann::json notification(const ObjectChange &change, const QString &bucket, const QString &region,
                            const QDateTime &time, quint64 sequence)
{
    nlohmann::json object = {{"key", encodeKey(change.key).toStdString()},
                             {"sequencer", QString::number(sequence, 16).toUpper().rightJustified(18, u'0').toStdString()}};
    if (change.eventName.startsWith(u"ObjectCreated"_s)) {
        object["size"] = change.size;
        object["eTag"] = change.eTag.toStdString();
    }
    const std::string requestId = QUuid::createUuid().toString(QUuid::Id128).left(16).toUpper().toStdString();
    return {{"Records",
             {{{"eventVersion", "2.1"},
               {"eventSource", "aws:s3"},
               {"awsRegion", region.toStdString()},
               {"eventTime", time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s).toStdString()},
               {"eventName", change.eventName.toStdString()},
               {"userIdentity", {{"principalId", "AWS:AIDAEXAMPLELOCALUSER"}}},
               {"requestParameters", {{"sourceIPAddress", "127.0.0.1"}}},
               {"responseElements", {{"x-amz-request-id", requestId}, {"x-amz-id-2", requestId}}},
               {"s3",
                {{"s3SchemaVersion", "1.0"},
                 {"configurationId", "lwb-local"},
                 {"bucket",
                  {{"name", bucket.toStdString()},
                   {"ownerIdentity", {{"principalId", "A3NL1KOZZKExample"}}},
                   {"arn", "arn:aws:s3:::" + bucket.toStdString()}}},
                 {"object", object}}}}}}};
}

} // namespace Lwb::S3
