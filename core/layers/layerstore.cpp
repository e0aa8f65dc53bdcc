// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "layers/layerstore.h"

#include "engine/engine.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QLockFile>
#include <QtCore/QPointer>
#include <QtCore/QRegularExpression>
#include <QtCore/QSaveFile>
#include <QtCore/QTemporaryDir>
#include <QtCore/QUuid>

#include <nlohmann/json.hpp>
#include <zip.h>

#include <filesystem>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

namespace Lwb {

namespace {

constexpr int kLockTimeoutMs = 30000;

bool fail(VersionError *error, VersionErrorCode code, const QString &message)
{
    if (error) {
        error->code = code;
        error->message = message;
    }
    return false;
}

std::string ss(const QString &s)
{
    return s.toStdString();
}

QString qs(const json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

json stringList(const QStringList &list)
{
    json out = json::array();
    for (const QString &s : list) {
        out.push_back(ss(s));
    }
    return out;
}

QStringList toStringList(const json &value)
{
    QStringList out;
    if (value.is_array()) {
        for (const json &item : value) {
            out << qs(item);
        }
    }
    return out;
}

/** Removes a tree even where files were made read-only (folders stay writable). */
void removeTree(const QString &path)
{
    std::error_code ec;
    std::filesystem::remove_all(std::filesystem::path(QFile::encodeName(path).toStdString()), ec);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

struct ZipCloser
{
    void operator()(zip_t *z) const { zip_discard(z); }
};
struct ZipFileCloser
{
    void operator()(zip_file_t *f) const { zip_fclose(f); }
};

} // namespace

QString LayerVersion::createdDate() const
{
    return created.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s) + u"+0000"_s;
}

LayerStore::LayerStore(QObject *parent) : QObject(parent) {}

LayerStore::~LayerStore() = default;

QString LayerStore::defaultPath(const QString &projectDir)
{
    return QDir(projectDir).filePath(u".lwb/layers"_s);
}

bool LayerStore::open(const QString &rootDir, QString *errorMessage)
{
    QString root = rootDir;
    if (root.isEmpty()) {
        m_temporary = std::make_unique<QTemporaryDir>();
        if (!m_temporary->isValid()) {
            if (errorMessage) {
                *errorMessage = m_temporary->errorString();
            }
            return false;
        }
        root = m_temporary->path();
    }
    root = QFileInfo(root).absoluteFilePath();
    if (!QDir().mkpath(root + u"/layers"_s) || !QDir().mkpath(root + u"/content"_s)) {
        if (errorMessage) {
            *errorMessage = u"Cannot create %1"_s.arg(root);
        }
        return false;
    }
    m_root = root;
    return true;
}

void LayerStore::setAccount(const QString &region, const QString &accountId)
{
    m_region = region;
    m_accountId = accountId;
}

QString LayerStore::layerArn(const QString &name) const
{
    return u"arn:aws:lambda:%1:%2:layer:%3"_s.arg(m_region, m_accountId, name);
}

QString LayerStore::layerVersionArn(const QString &name, qint64 version) const
{
    return layerArn(name) + u':' + QString::number(version);
}

QString LayerStore::layerDir(const QString &name) const
{
    return m_root + u"/layers/"_s + name;
}

std::optional<QString> LayerStore::layerName(const QString &nameOrArn, VersionError *error) const
{
    static const QRegularExpression pattern(
        u"^(?:(arn:[a-zA-Z0-9-]+:lambda:([a-zA-Z0-9-]+):(\\d{12}):layer:([a-zA-Z0-9-_]+))|([a-zA-Z0-9-_]+))$"_s);
    const QRegularExpressionMatch m = pattern.match(nameOrArn);
    if (nameOrArn.isEmpty() || nameOrArn.size() > 140 || !m.hasMatch()) {
        fail(error, VersionErrorCode::InvalidParameter,
             u"1 validation error detected: Value '%1' at 'layerName' failed to satisfy "
             "constraint: Member must satisfy regular expression pattern: "
             "(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|"
             "[a-zA-Z0-9-_]+"_s.arg(nameOrArn));
        return std::nullopt;
    }
    if (!m.captured(5).isEmpty()) {
        return m.captured(5);
    }
    if (m.captured(2) != m_region || m.captured(3) != m_accountId) {
        fail(error, VersionErrorCode::NotFound, u"The resource you requested does not exist."_s);
        return std::nullopt;
    }
    return m.captured(4);
}

bool LayerStore::extractZip(const QByteArray &zip, const QString &targetDir, QString *error,
                            qint64 *unzippedBytes, qint64 maxBytes)
{
    auto refuse = [&](const QString &message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *source =
        zip_source_buffer_create(zip.constData(), zip_uint64_t(zip.size()), 0, &zerr);
    if (!source) {
        zip_error_fini(&zerr);
        return refuse(
            u"Could not unzip uploaded file. Please check your file, then try to upload again."_s);
    }
    std::unique_ptr<zip_t, ZipCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &zerr));
    if (!archive) {
        zip_source_free(source);
        zip_error_fini(&zerr);
        return refuse(
            u"Could not unzip uploaded file. Please check your file, then try to upload again."_s);
    }
    zip_error_fini(&zerr);
    const QString root = QFileInfo(targetDir).absoluteFilePath();
    if (!QDir().mkpath(root)) {
        return refuse(u"Cannot create %1"_s.arg(root));
    }
    qint64 total = 0;
    const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(archive.get(), zip_uint64_t(i), 0, &st) != 0 ||
            !(st.valid & ZIP_STAT_NAME)) {
            return refuse(
                u"Could not unzip uploaded file. Please check your file, then try to upload again."_s);
        }
        const QString name = QString::fromUtf8(st.name);
        const QString clean = QDir::cleanPath(name);
        if (name.startsWith(u'/') || clean == u".."_s || clean.startsWith(u"../"_s) ||
            name.contains(u'\\')) {
            return refuse(
                u"Could not unzip uploaded file: the entry %1 points outside the archive."_s.arg(
                    name));
        }
        zip_uint8_t opsys = 0;
        zip_uint32_t attributes = 0;
        zip_file_get_external_attributes(archive.get(), zip_uint64_t(i), 0, &opsys, &attributes);
        const mode_t mode = opsys == ZIP_OPSYS_UNIX ? mode_t(attributes >> 16) : 0;
        const QString path = root + u'/' + clean;
        if (name.endsWith(u'/')) {
            if (!QDir().mkpath(path)) {
                return refuse(u"Cannot create %1"_s.arg(path));
            }
            continue;
        }
        QDir().mkpath(QFileInfo(path).absolutePath());
        total += qint64(st.size);
        if (total > maxBytes) {
            return refuse(u"Unzipped size must be smaller than %1 bytes"_s.arg(maxBytes));
        }
        std::unique_ptr<zip_file_t, ZipFileCloser> entry(
            zip_fopen_index(archive.get(), zip_uint64_t(i), 0));
        if (!entry) {
            return refuse(
                u"Could not unzip uploaded file. Please check your file, then try to upload again."_s);
        }
        QByteArray content;
        content.resize(qsizetype(st.size));
        zip_int64_t done = 0;
        while (done < zip_int64_t(st.size)) {
            const zip_int64_t n =
                zip_fread(entry.get(), content.data() + done, st.size - zip_uint64_t(done));
            if (n <= 0) {
                return refuse(
                    u"Could not unzip uploaded file. Please check your file, then try to upload again."_s);
            }
            done += n;
        }
        if (S_ISLNK(mode)) {
            std::error_code ec;
            std::filesystem::create_symlink(content.toStdString(),
                                            QFile::encodeName(path).toStdString(), ec);
            if (ec) {
                return refuse(u"Cannot create the link %1: %2"_s.arg(
                    path, QString::fromStdString(ec.message())));
            }
            continue;
        }
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
            return refuse(u"Cannot write %1"_s.arg(path));
        }
        file.close();
        const bool executable = (mode & 0111) != 0;
        ::chmod(QFile::encodeName(path).constData(), executable ? 0555 : 0444);
    }
    if (unzippedBytes) {
        *unzippedBytes = total;
    }
    return true;
}

std::optional<LayerVersion> LayerStore::read(const QString &path, VersionError *error) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error, VersionErrorCode::NotFound, u"The resource you requested does not exist."_s);
        return std::nullopt;
    }
    const json value = json::parse(file.readAll().toStdString(), nullptr, false);
    if (!value.is_object()) {
        fail(error, VersionErrorCode::Corrupt, u"The layer store is damaged: %1"_s.arg(path));
        return std::nullopt;
    }
    LayerVersion v;
    v.name = qs(value.value("LayerName", json("")));
    v.version = value.value("Version", qint64(0));
    v.description = qs(value.value("Description", json("")));
    v.licenseInfo = qs(value.value("LicenseInfo", json("")));
    v.compatibleRuntimes = toStringList(value.value("CompatibleRuntimes", json::array()));
    v.compatibleArchitectures = toStringList(value.value("CompatibleArchitectures", json::array()));
    v.codeSha256 = qs(value.value("CodeSha256", json("")));
    v.codeSize = value.value("CodeSize", qint64(0));
    v.created = QDateTime::fromString(qs(value.value("Created", json(""))), Qt::ISODateWithMs);
    v.created.setTimeSpec(Qt::UTC);
    v.contentDir = m_root + u"/content/"_s + qs(value.value("ContentId", json("")));
    return v;
}

std::optional<LayerVersion> LayerStore::publish(const QString &name, const QByteArray &zip,
                                                const LayerVersion &details, VersionError *error)
{
    if (!isOpen()) {
        fail(error, VersionErrorCode::Io, u"The layer store is not open"_s);
        return std::nullopt;
    }
    if (details.description.size() > 256) {
        fail(error, VersionErrorCode::InvalidParameter,
             u"1 validation error detected: Value at 'description' failed to satisfy constraint: "
             "Member must have length less than or equal to 256"_s);
        return std::nullopt;
    }
    if (details.compatibleRuntimes.size() > 15) {
        fail(error, VersionErrorCode::InvalidParameter,
             u"1 validation error detected: Value at 'compatibleRuntimes' failed to satisfy "
             "constraint: Member must have length less than or equal to 15"_s);
        return std::nullopt;
    }
    const QByteArray digest = QCryptographicHash::hash(zip, QCryptographicHash::Sha256);
    const QString contentId = QString::fromLatin1(digest.toHex());
    const QString contentDir = m_root + u"/content/"_s + contentId;
    if (!QFileInfo(contentDir).isDir()) {
        const QString temp =
            m_root + u"/content/.tmp-"_s + QUuid::createUuid().toString(QUuid::Id128);
        QString message;
        if (!extractZip(zip, temp, &message)) {
            removeTree(temp);
            fail(error, VersionErrorCode::InvalidParameter, message);
            return std::nullopt;
        }
        if (::rename(QFile::encodeName(temp).constData(),
                     QFile::encodeName(contentDir).constData()) != 0) {
            removeTree(temp); // another process unzipped the same bytes first
            if (!QFileInfo(contentDir).isDir()) {
                fail(error, VersionErrorCode::Io, u"Cannot create %1"_s.arg(contentDir));
                return std::nullopt;
            }
        }
    }

    const QString dir = layerDir(name);
    if (!QDir().mkpath(dir)) {
        fail(error, VersionErrorCode::Io, u"Cannot create %1"_s.arg(dir));
        return std::nullopt;
    }
    QLockFile lock(m_root + u"/.lock"_s);
    if (!lock.tryLock(kLockTimeoutMs)) {
        fail(
            error, VersionErrorCode::Conflict,
            u"The operation cannot be performed at this time. An update is in progress for resource: "_s +
                layerArn(name));
        return std::nullopt;
    }
    QFile lastFile(dir + u"/last"_s);
    qint64 last = 0;
    if (lastFile.open(QIODevice::ReadOnly)) {
        last = lastFile.readAll().trimmed().toLongLong();
        lastFile.close();
    }
    LayerVersion v = details;
    v.name = name;
    v.version = last + 1;
    v.codeSha256 = QString::fromLatin1(digest.toBase64());
    v.codeSize = zip.size();
    v.created = QDateTime::currentDateTimeUtc();
    v.contentDir = contentDir;
    const json meta{{"LayerName", ss(name)},
                    {"Version", v.version},
                    {"Description", ss(v.description)},
                    {"LicenseInfo", ss(v.licenseInfo)},
                    {"CompatibleRuntimes", stringList(v.compatibleRuntimes)},
                    {"CompatibleArchitectures", stringList(v.compatibleArchitectures)},
                    {"CodeSha256", ss(v.codeSha256)},
                    {"CodeSize", v.codeSize},
                    {"Created", ss(v.created.toString(Qt::ISODateWithMs))},
                    {"ContentId", ss(contentId)}};
    if (!writeFile(dir + u'/' + QString::number(v.version) + u".json"_s,
                   QByteArray::fromStdString(meta.dump(2) + "\n")) ||
        !writeFile(dir + u"/last"_s, QByteArray::number(v.version) + '\n')) {
        fail(error, VersionErrorCode::Io, u"Cannot write to %1"_s.arg(dir));
        return std::nullopt;
    }
    return v;
}

std::optional<LayerVersion> LayerStore::version(const QString &name, qint64 version,
                                                VersionError *error) const
{
    if (!isOpen() || version < 1) {
        fail(error, VersionErrorCode::NotFound, u"The resource you requested does not exist."_s);
        return std::nullopt;
    }
    return read(layerDir(name) + u'/' + QString::number(version) + u".json"_s, error);
}

std::vector<LayerVersion> LayerStore::versions(const QString &name) const
{
    std::vector<LayerVersion> out;
    if (!isOpen()) {
        return out;
    }
    static const QRegularExpression file(u"^([0-9]+)\\.json$"_s);
    const QStringList names = QDir(layerDir(name)).entryList({u"*.json"_s}, QDir::Files);
    for (const QString &entry : names) {
        if (!file.match(entry).hasMatch()) {
            continue;
        }
        if (auto v = read(layerDir(name) + u'/' + entry, nullptr)) {
            out.push_back(std::move(*v));
        }
    }
    std::sort(out.begin(), out.end(),
              [](const LayerVersion &a, const LayerVersion &b) { return a.version > b.version; });
    return out;
}

QStringList LayerStore::layers() const
{
    QStringList out;
    if (!isOpen()) {
        return out;
    }
    const QStringList names =
        QDir(m_root + u"/layers"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : names) {
        if (!versions(name).empty()) {
            out << name;
        }
    }
    return out;
}

bool LayerStore::deleteVersion(const QString &name, qint64 version, VersionError *error)
{
    if (!isOpen()) {
        return fail(error, VersionErrorCode::Io, u"The layer store is not open"_s);
    }
    QLockFile lock(m_root + u"/.lock"_s);
    if (!lock.tryLock(kLockTimeoutMs)) {
        return fail(error, VersionErrorCode::Conflict,
                    u"The operation cannot be performed at this time. An update is in progress "
                    "for resource: "_s +
                        layerArn(name));
    }
    const QString base = layerDir(name) + u'/' + QString::number(version);
    if (QFileInfo::exists(base + u".json"_s)) {
        QFile::remove(base + u".deleted.json"_s);
        if (!QFile::rename(base + u".json"_s, base + u".deleted.json"_s)) {
            return fail(error, VersionErrorCode::Io, u"Cannot delete %1"_s.arg(base + u".json"_s));
        }
    }
    return true;
}

std::optional<QString> LayerStore::resolve(const QString &layerVersionArn, QString *error) const
{
    static const QRegularExpression pattern(
        u"^arn:[a-zA-Z0-9-]+:lambda:([a-zA-Z0-9-]+):(\\d{12}):layer:([a-zA-Z0-9-_]+):([0-9]+)$"_s);
    const QRegularExpressionMatch m = pattern.match(layerVersionArn);
    auto refuse = [&](const QString &message) -> std::optional<QString> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    if (!m.hasMatch()) {
        return refuse(u"not a layer version ARN"_s);
    }
    if (m.captured(1) != m_region || m.captured(2) != m_accountId) {
        return refuse(u"published in another region or account"_s);
    }
    const QString base = layerDir(m.captured(3)) + u'/' + m.captured(4);
    std::optional<LayerVersion> v = read(base + u".json"_s, nullptr);
    if (!v) {
        v = read(base + u".deleted.json"_s, nullptr);
    }
    if (!v || !QFileInfo(v->contentDir).isDir()) {
        return refuse(u"no such layer version was published here"_s);
    }
    return v->contentDir;
}

void LayerStore::install(Engine &engine)
{
    QPointer<LayerStore> self(this);
    engine.setLayerResolver([self](const QString &arn, QString *error) -> std::optional<QString> {
        if (!self) {
            if (error) {
                *error = u"the layer store is gone"_s;
            }
            return std::nullopt;
        }
        return self->resolve(arn, error);
    });
}

} // namespace Lwb
