// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventcatalogue.h"

#include "engine/engine.h"
#include "triggers/pluginmanager.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QLocale>
#include <QtCore/QRegularExpression>
#include <QtCore/QUrl>
#include <QtCore/QUuid>

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

const QStringList kTypes = {u"string"_s,  u"integer"_s, u"number"_s,
                            u"boolean"_s, u"json"_s,    u"timestamp"_s};
const QStringList kEncodings = {u"plain"_s,       u"text"_s,         u"json-string"_s, u"base64"_s,
                                u"gzip-base64"_s, u"url"_s,          u"md5"_s,         u"size"_s,
                                u"uuid"_s,        u"kpl-aggregate"_s};
const QStringList kTimeEncodings = {u"plain"_s,
                                    u"iso8601"_s,
                                    u"iso8601-ms"_s,
                                    u"epoch-seconds"_s,
                                    u"epoch-seconds-fraction"_s,
                                    u"epoch-millis"_s,
                                    u"epoch-millis-text"_s,
                                    u"clf"_s,
                                    u"http-date"_s};

const QRegularExpression &referencePattern()
{
    static const QRegularExpression pattern(u"\\$\\{([a-zA-Z0-9_-]+)\\}"_s);
    return pattern;
}

QString qstr(const nlohmann::ordered_json &j)
{
    return j.is_string() ? QString::fromStdString(j.get<std::string>()) : QString();
}

/** The names a JSON template refers to, in order of appearance. */
void collectReferences(const nlohmann::ordered_json &j, QStringList *names)
{
    if (j.is_string()) {
        auto it = referencePattern().globalMatch(qstr(j));
        while (it.hasNext()) {
            names->append(it.next().captured(1));
        }
    } else if (j.is_structured()) {
        for (const auto &item : j) {
            collectReferences(item, names);
        }
    }
}

/** The text a value stands for inside a longer string. */
QString textOf(const nlohmann::ordered_json &value)
{
    return value.is_string() ? qstr(value) : QString::fromStdString(value.dump());
}

/** `${name}` references replaced by @p values (all present: checked when loaded). */
nlohmann::ordered_json substitute(const nlohmann::ordered_json &j,
                                  const QMap<QString, nlohmann::ordered_json> &values)
{
    if (j.is_string()) {
        const QString s = qstr(j);
        const QRegularExpressionMatch whole = referencePattern().match(s);
        if (whole.hasMatch() && whole.capturedStart() == 0 && whole.capturedLength() == s.size()) {
            return values.value(whole.captured(1));
        }
        QString out;
        qsizetype last = 0;
        auto it = referencePattern().globalMatch(s);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            out += s.mid(last, m.capturedStart() - last) + textOf(values.value(m.captured(1)));
            last = m.capturedEnd();
        }
        return (out + s.mid(last)).toStdString();
    }
    if (j.is_object()) {
        nlohmann::ordered_json out = nlohmann::ordered_json::object();
        for (auto it = j.begin(); it != j.end(); ++it) {
            out[it.key()] = substitute(it.value(), values);
        }
        return out;
    }
    if (j.is_array()) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto &item : j) {
            out.push_back(substitute(item, values));
        }
        return out;
    }
    return j;
}

quint32 crc32(const QByteArray &data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k) {
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            t[n] = c;
        }
        return t;
    }();
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : data) {
        crc = table[(crc ^ quint8(byte)) & 0xFF] ^ (crc >> 8);
    }
    return crc ^ 0xFFFFFFFFu;
}

void appendLittleEndian(QByteArray *out, quint32 v)
{
    for (int i = 0; i < 4; ++i) {
        out->append(char((v >> (8 * i)) & 0xFF));
    }
}

/**
 * @p data as a gzip member (RFC 1952), as CloudWatch Logs compresses subscription data.
 * qCompress gives a 4-byte length and a zlib stream (2-byte header, raw deflate, Adler-32);
 * gzip wants the raw deflate between its own header and a CRC-32 / size trailer.
 */
QByteArray gzip(const QByteArray &data)
{
    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
    if (data.isEmpty()) {
        out.append("\x03\x00", 2); // an empty final deflate block (qCompress writes no stream)
    } else {
        const QByteArray zlib = qCompress(data, 9);
        out.append(zlib.mid(6, zlib.size() - 10));
    }
    appendLittleEndian(&out, crc32(data));
    appendLittleEndian(&out, quint32(data.size()));
    return out;
}

/** S3 writes keys in notifications URL-encoded, a space as '+'. */
QString encodeS3Key(const QString &key)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(key, "/!*'()~-_."))
        .replace(u"%20"_s, u"+"_s);
}

void appendVarint(QByteArray *out, quint64 v)
{
    while (v >= 0x80) {
        out->append(char((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out->append(char(v));
}

/** A protobuf length-delimited field (wire type 2). */
void appendBytesField(QByteArray *out, int field, const QByteArray &bytes)
{
    appendVarint(out, quint64(field) << 3 | 2);
    appendVarint(out, quint64(bytes.size()));
    out->append(bytes);
}

/**
 * @p records ([{"partitionKey", "data"}…]) as one KPL aggregated record, the way the Kinesis
 * Producer Library packs user records: magic F3 89 9A C2, a protobuf AggregatedRecord
 * (partition_key_table = 1, records = 3 of {partition_key_index = 1, data = 3}), and the MD5 of
 * the protobuf bytes.
 */
QByteArray kplAggregate(const nlohmann::ordered_json &records)
{
    QStringList keys;
    QByteArray recordFields;
    for (const auto &r : records) {
        const QString key = qstr(r["partitionKey"]);
        if (!keys.contains(key)) {
            keys << key;
        }
        QByteArray record;
        appendVarint(&record, 1 << 3 | 0);
        appendVarint(&record, quint64(keys.indexOf(key)));
        appendBytesField(&record, 3, qstr(r["data"]).toUtf8());
        appendBytesField(&recordFields, 3, record);
    }
    QByteArray message;
    for (const QString &key : std::as_const(keys)) {
        appendBytesField(&message, 1, key.toUtf8());
    }
    message += recordFields;
    return QByteArray("\xF3\x89\x9A\xC2", 4) + message +
           QCryptographicHash::hash(message, QCryptographicHash::Md5);
}

/** An option's value as typed, checked against its type. */
struct RawValue
{
    QString text;
    nlohmann::ordered_json typed; ///< integer, number, boolean or json types
    QDateTime time;               ///< timestamp type
};

std::optional<RawValue> parseRaw(const EventValue &option, const QString &text,
                                 const QDateTime &now, QString *error)
{
    RawValue raw{text, text.toStdString(), {}};
    if (option.type == u"integer"_s) {
        bool ok = false;
        const qlonglong v = text.toLongLong(&ok);
        if (!ok) {
            *error = u"--%1 must be an integer, not \"%2\""_s.arg(option.name, text);
            return std::nullopt;
        }
        raw.typed = v;
        raw.text = QString::number(v);
    } else if (option.type == u"number"_s) {
        bool ok = false;
        const double v = text.toDouble(&ok);
        if (!ok || !std::isfinite(v)) {
            *error = u"--%1 must be a number, not \"%2\""_s.arg(option.name, text);
            return std::nullopt;
        }
        raw.typed = v;
    } else if (option.type == u"boolean"_s) {
        if (text != u"true"_s && text != u"false"_s) {
            *error = u"--%1 must be true or false, not \"%2\""_s.arg(option.name, text);
            return std::nullopt;
        }
        raw.typed = text == u"true"_s;
    } else if (option.type == u"json"_s) {
        try {
            raw.typed = nlohmann::ordered_json::parse(text.toStdString());
        } catch (const nlohmann::json::parse_error &e) {
            *error = u"--%1 must be JSON: %2"_s.arg(option.name, QString::fromUtf8(e.what()));
            return std::nullopt;
        }
        const auto userRecord = [](const nlohmann::ordered_json &r) {
            return r.is_object() && r.value("partitionKey", nlohmann::ordered_json()).is_string() &&
                   r.value("data", nlohmann::ordered_json()).is_string();
        };
        if (option.encoding == u"kpl-aggregate"_s &&
            (!raw.typed.is_array() || raw.typed.empty() ||
             !std::all_of(raw.typed.begin(), raw.typed.end(), userRecord))) {
            *error =
                u"--%1 must be a JSON array of {\"partitionKey\": \"…\", \"data\": \"…\"} records"_s
                    .arg(option.name);
            return std::nullopt;
        }
    } else if (option.type == u"timestamp"_s) {
        if (text == u"now"_s) {
            raw.time = now;
        } else {
            raw.time = QDateTime::fromString(text, Qt::ISODateWithMs);
            if (!raw.time.isValid()) {
                *error =
                    u"--%1 must be \"now\" or an ISO 8601 time like 2026-11-27T09:00:00Z, not \"%2\""_s
                        .arg(option.name, text);
                return std::nullopt;
            }
        }
        raw.time = raw.time.toUTC();
        raw.text = raw.time.toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
        raw.typed = raw.text.toStdString();
    }
    return raw;
}

nlohmann::ordered_json encode(const RawValue &raw, const QString &type, const QString &encoding)
{
    const QByteArray bytes = raw.text.toUtf8();
    if (type == u"timestamp"_s) {
        const QDateTime &t = raw.time;
        if (encoding == u"iso8601"_s) {
            return t.toString(u"yyyy-MM-ddTHH:mm:ssZ"_s).toStdString();
        }
        if (encoding == u"epoch-seconds"_s) {
            return t.toSecsSinceEpoch();
        }
        if (encoding == u"epoch-seconds-fraction"_s) {
            return double(t.toMSecsSinceEpoch()) / 1000.0;
        }
        if (encoding == u"epoch-millis"_s) {
            return t.toMSecsSinceEpoch();
        }
        if (encoding == u"epoch-millis-text"_s) {
            return std::to_string(t.toMSecsSinceEpoch());
        }
        if (encoding == u"clf"_s) { // API Gateway's requestTime: 09/Apr/2015:12:34:56 +0000
            return QLocale::c().toString(t, u"dd/MMM/yyyy:HH:mm:ss +0000"_s).toStdString();
        }
        if (encoding == u"http-date"_s) { // RFC 7231: Fri, 27 Nov 2026 09:00:00 GMT
            return QLocale::c().toString(t, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toStdString();
        }
        return raw.text.toStdString(); // plain, iso8601-ms
    }
    if (encoding == u"text"_s) {
        return raw.text.toStdString();
    }
    if (encoding == u"json-string"_s) {
        return type == u"json"_s ? raw.typed.dump() : raw.text.toStdString();
    }
    if (encoding == u"base64"_s) {
        return bytes.toBase64().toStdString();
    }
    if (encoding == u"gzip-base64"_s) {
        return gzip(bytes).toBase64().toStdString();
    }
    if (encoding == u"url"_s) {
        return encodeS3Key(raw.text).toStdString();
    }
    if (encoding == u"md5"_s) {
        return QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex().toStdString();
    }
    if (encoding == u"size"_s) {
        return bytes.size();
    }
    if (encoding == u"kpl-aggregate"_s) {
        return kplAggregate(raw.typed).toBase64().toStdString();
    }
    if (encoding == u"uuid"_s) {
        return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    }
    // plain: a string stays a string; the other types keep their JSON type.
    return type == u"string"_s ? nlohmann::ordered_json(raw.text.toStdString()) : raw.typed;
}

/** One option or computed value from a manifest; null with @p problems when malformed. */
std::optional<EventValue> parseValue(const nlohmann::ordered_json &j, bool computed,
                                     QStringList *problems)
{
    if (!j.is_object() || !j.contains("name") || qstr(j["name"]).isEmpty()) {
        problems->append(u"every option and computed value needs a \"name\""_s);
        return std::nullopt;
    }
    EventValue v;
    v.computed = computed;
    v.name = qstr(j["name"]);
    v.type = j.contains("type") ? qstr(j["type"]) : u"string"_s;
    v.help = qstr(j.value("help", nlohmann::ordered_json()));
    v.encoding = j.contains("encoding") ? qstr(j["encoding"]) : u"plain"_s;
    static const QRegularExpression namePattern(u"^[a-z0-9][a-zA-Z0-9-]*$"_s);
    if (!namePattern.match(v.name).hasMatch()) {
        problems->append(u"\"%1\" is not a valid name (letters, digits and dashes)"_s.arg(v.name));
        return std::nullopt;
    }
    if (!kTypes.contains(v.type)) {
        problems->append(
            u"%1: unknown type \"%2\" (one of %3)"_s.arg(v.name, v.type, kTypes.join(u", "_s)));
        return std::nullopt;
    }
    // A computed value's encoding is checked against its source once the source is known.
    const QStringList &encodings = computed                   ? kEncodings + kTimeEncodings
                                   : v.type == u"timestamp"_s ? kTimeEncodings
                                                              : kEncodings;
    if (!encodings.contains(v.encoding)) {
        problems->append(u"%1: encoding \"%2\" does not apply to a %3 (one of %4)"_s.arg(
            v.name, v.encoding, v.type, encodings.join(u", "_s)));
        return std::nullopt;
    }
    if (v.encoding == u"kpl-aggregate"_s && (computed || v.type != u"json"_s)) {
        problems->append(u"%1: kpl-aggregate applies to json options only"_s.arg(v.name));
        return std::nullopt;
    }
    if (computed) {
        v.from = qstr(j.value("from", nlohmann::ordered_json()));
        v.fromTemplate = j.value("template", nlohmann::ordered_json());
        v.onlyIf = qstr(j.value("if", nlohmann::ordered_json()));
        if (v.from.isEmpty() == v.fromTemplate.is_null() && v.encoding != u"uuid"_s) {
            problems->append(
                u"computed %1 needs exactly one of \"from\" and \"template\""_s.arg(v.name));
            return std::nullopt;
        }
    } else {
        const nlohmann::ordered_json d = j.value("default", nlohmann::ordered_json());
        if (!d.is_string()) {
            problems->append(
                u"option %1 needs a \"default\" string (as typed on the command line)"_s.arg(
                    v.name));
            return std::nullopt;
        }
        v.defaultValue = qstr(d);
    }
    return v;
}

/** Options and computed values of a manifest object, appended to (and replacing) @p options / @p
 * computed. */
void parseValues(const nlohmann::ordered_json &owner, std::vector<EventValue> *options,
                 std::vector<EventValue> *computed, QStringList *problems)
{
    for (const auto &[key, target, isComputed] :
         {std::tuple{"options", options, false}, std::tuple{"computed", computed, true}}) {
        const nlohmann::ordered_json list = owner.value(key, nlohmann::ordered_json::array());
        if (!list.is_array()) {
            problems->append(u"\"%1\" must be an array"_s.arg(QLatin1StringView(key)));
            continue;
        }
        for (const auto &item : list) {
            if (std::optional<EventValue> v = parseValue(item, isComputed, problems)) {
                auto same = std::find_if(target->begin(), target->end(),
                                         [&](const EventValue &e) { return e.name == v->name; });
                if (same != target->end()) {
                    *same = *v; // an event's own option refines the service-wide one
                } else {
                    target->push_back(*v);
                }
            }
        }
    }
}

} // namespace

const EventValue *EventDefinition::option(const QString &optionName) const
{
    for (const EventValue &o : options) {
        if (o.name == optionName) {
            return &o;
        }
    }
    return nullptr;
}

QString EventCatalogue::coreOwner()
{
    return u"core"_s;
}

QString EventCatalogue::defaultDirectory()
{
    return Engine::defaultResourcesDir() + u"/events"_s;
}

EventCatalogue::EventCatalogue(const QString &directory)
{
    const QDir dir(directory);
    if (!dir.exists()) {
        m_errors << u"%1: no such folder"_s.arg(directory);
        return;
    }
    for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        loadService(dir.filePath(sub));
    }
}

void EventCatalogue::loadService(const QString &directory)
{
    const QDir dir(directory);
    const QString manifestName = dir.dirName() + u"/service.json"_s;
    QFile file(dir.filePath(u"service.json"_s));
    if (!file.open(QIODevice::ReadOnly)) {
        m_errors << u"%1: cannot be read"_s.arg(manifestName);
        return;
    }
    const nlohmann::ordered_json manifest =
        nlohmann::ordered_json::parse(file.readAll().toStdString(), nullptr, false);
    if (!manifest.is_object() || !manifest.value("events", nlohmann::ordered_json()).is_array()) {
        m_errors << u"%1: not a JSON object with an \"events\" array"_s.arg(manifestName);
        return;
    }
    EventService service;
    service.name = dir.dirName();
    service.title = qstr(manifest.value("title", nlohmann::ordered_json()));
    QStringList problems;
    std::vector<EventValue> sharedOptions;
    std::vector<EventValue> sharedComputed;
    parseValues(manifest, &sharedOptions, &sharedComputed, &problems);
    for (const auto &e : manifest["events"]) {
        EventDefinition event;
        event.service = service.name;
        event.name = qstr(e.value("name", nlohmann::ordered_json()));
        event.title = qstr(e.value("title", nlohmann::ordered_json()));
        event.help = qstr(e.value("help", nlohmann::ordered_json()));
        if (event.name.isEmpty() || event.title.isEmpty()) {
            problems << u"every event needs a \"name\" and a \"title\""_s;
            continue;
        }
        for (const auto &alias : e.value("aliases", nlohmann::ordered_json::array())) {
            event.aliases << qstr(alias);
        }
        event.options = sharedOptions;
        event.computed = sharedComputed;
        QStringList eventProblems;
        parseValues(e, &event.options, &event.computed, &eventProblems);
        // The service's options an event does not redefine apply only where its template uses them.
        QStringList ownOptions;
        for (const auto &o : e.value("options", nlohmann::ordered_json::array())) {
            ownOptions << qstr(o.value("name", nlohmann::ordered_json()));
        }
        QFile templateFile(dir.filePath(event.name + u".json"_s));
        if (!templateFile.open(QIODevice::ReadOnly)) {
            eventProblems << u"no template %1.json"_s.arg(event.name);
        } else {
            event.body =
                nlohmann::ordered_json::parse(templateFile.readAll().toStdString(), nullptr, false);
            if (event.body.is_discarded()) {
                eventProblems << u"%1.json is not JSON"_s.arg(event.name);
            }
        }
        // Every reference names an option or an earlier computed value; every computed
        // source exists.
        QStringList known;
        for (const EventValue &o : event.options) {
            known << o.name;
        }
        for (const EventValue &c : event.computed) {
            QStringList refs;
            collectReferences(c.fromTemplate, &refs);
            if (!c.from.isEmpty()) {
                refs << c.from;
            }
            if (!c.onlyIf.isEmpty()) {
                const EventValue *flag = event.option(c.onlyIf);
                if (!flag || flag->type != u"boolean"_s) {
                    eventProblems << u"computed %1: \"if\" must name a boolean option"_s.arg(
                        c.name);
                }
            }
            for (const QString &r : std::as_const(refs)) {
                if (!known.contains(r)) {
                    eventProblems
                        << u"computed %1 refers to %2, not an option or earlier computed value"_s
                               .arg(c.name, r);
                }
            }
            const EventValue *source = event.option(c.from);
            const bool fromTime = source && source->type == u"timestamp"_s;
            if (!(fromTime ? kTimeEncodings : kEncodings).contains(c.encoding)) {
                eventProblems << u"computed %1: encoding \"%2\" does not apply to %3"_s.arg(
                    c.name, c.encoding, fromTime ? u"a timestamp"_s : u"text"_s);
            }
            known << c.name;
        }
        QStringList refs;
        collectReferences(event.body, &refs);
        for (const QString &r : std::as_const(refs)) {
            if (!known.contains(r)) {
                eventProblems
                    << u"%1.json refers to ${%2}, which is neither an option nor computed"_s.arg(
                           event.name, r);
            }
        }
        // An option nothing uses would be offered by --help and silently ignored.
        for (const EventValue &c : event.computed) {
            collectReferences(c.fromTemplate, &refs);
            refs << c.from << c.onlyIf;
        }
        std::erase_if(event.options, [&](const EventValue &o) {
            return !refs.contains(o.name) && !ownOptions.contains(o.name);
        });
        for (const EventValue &o : event.options) {
            if (!refs.contains(o.name)) {
                eventProblems << u"option %1 is not used by the template"_s.arg(o.name);
            }
        }
        if (!eventProblems.isEmpty()) {
            for (const QString &p : std::as_const(eventProblems)) {
                problems << u"%1: %2"_s.arg(event.name, p);
            }
            continue;
        }
        service.events.push_back(std::move(event));
    }
    for (const QString &p : std::as_const(problems)) {
        m_errors << u"%1: %2"_s.arg(manifestName, p);
    }
    if (!service.events.empty()) {
        m_services.push_back(std::move(service));
    }
}

const EventService *EventCatalogue::service(const QString &name) const
{
    for (const EventService &s : m_services) {
        if (s.name == name) {
            return &s;
        }
    }
    return nullptr;
}

const EventDefinition *EventCatalogue::event(const QString &serviceName, const QString &name) const
{
    const EventService *s = service(serviceName);
    if (!s) {
        return nullptr;
    }
    for (const EventDefinition &e : s->events) {
        if (e.name == name || e.aliases.contains(name)) {
            return &e;
        }
    }
    return nullptr;
}

std::optional<nlohmann::ordered_json> EventCatalogue::render(const EventDefinition &event,
                                                             const QMap<QString, QString> &values,
                                                             QString *error,
                                                             const QDateTime &now) const
{
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (!event.option(it.key())) {
            QStringList names;
            for (const EventValue &o : event.options) {
                names << u"--"_s + o.name;
            }
            *error = u"%1 %2 has no option --%3 (it has: %4)"_s.arg(
                event.service, event.name, it.key(),
                names.isEmpty() ? u"none"_s : names.join(u' '));
            return std::nullopt;
        }
    }
    const QDateTime time = now.isValid() ? now : QDateTime::currentDateTimeUtc();
    QMap<QString, RawValue> raw;
    QMap<QString, nlohmann::ordered_json> encoded;
    QMap<QString, QString> types;
    for (const EventValue &o : event.options) {
        const std::optional<RawValue> r =
            parseRaw(o, values.value(o.name, o.defaultValue), time, error);
        if (!r) {
            return std::nullopt;
        }
        raw[o.name] = *r;
        types[o.name] = o.type;
        encoded[o.name] = encode(*r, o.type, o.encoding);
    }
    for (const EventValue &c : event.computed) {
        RawValue source;
        QString sourceType = u"string"_s;
        if (!c.from.isEmpty()) {
            source = raw.value(c.from);
            sourceType = types.value(c.from);
        } else if (!c.fromTemplate.is_null()) {
            source.text = QString::fromStdString(substitute(c.fromTemplate, encoded).dump());
        }
        const bool applies = c.onlyIf.isEmpty() || raw.value(c.onlyIf).typed == true;
        const nlohmann::ordered_json value =
            encode(source, sourceType, applies ? c.encoding : u"plain"_s);
        encoded[c.name] = value;
        raw[c.name] = RawValue{textOf(value), value, {}};
        types[c.name] = value.is_string() ? u"string"_s : u"json"_s;
    }
    return substitute(event.body, encoded);
}

std::vector<TriggerEventTemplate> EventCatalogue::templates(const QString &serviceName) const
{
    std::vector<TriggerEventTemplate> result;
    const EventService *s = service(serviceName);
    if (!s) {
        return result;
    }
    for (const EventDefinition &e : s->events) {
        QString error;
        if (const std::optional<nlohmann::ordered_json> body = render(e, {}, &error)) {
            result.push_back({s->name + u'-' + e.name, e.title, nlohmann::json(*body)});
        }
    }
    return result;
}

void EventCatalogue::setOwners(const PluginManager &plugins)
{
    m_owners.clear();
    for (const PluginSpec &spec : plugins.plugins()) {
        if (spec.isLoaded()) {
            for (const QString &s : spec.eventServices) {
                m_owners.insert(s, spec.id);
            }
        }
    }
}

QString EventCatalogue::owner(const QString &serviceName) const
{
    return m_owners.value(serviceName, coreOwner());
}

} // namespace Lwb
