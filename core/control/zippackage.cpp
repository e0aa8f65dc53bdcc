// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/zippackage.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QUuid>

#include <zip.h>

#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

const QString kUnzipError =
    u"Could not unzip uploaded file. Please check your file, then try to upload again."_s;

struct ZipCloser
{
    void operator()(zip_t *archive) const { zip_discard(archive); }
};
struct ZipFileCloser
{
    void operator()(zip_file_t *file) const { zip_fclose(file); }
};

/** A relative path that stays inside the folder: no empty, `.` or `..` segments. */
bool isSafeRelativePath(const QString &path)
{
    if (path.isEmpty() || path.startsWith(u'/') || path.contains(u'\\')) {
        return false;
    }
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.isEmpty()) {
        return false;
    }
    for (const QString &part : parts) {
        if (part == u".."_s) {
            return false;
        }
    }
    return true;
}

/** A link target that, seen from the link's folder, stays inside the package. */
bool isSafeLinkTarget(const QString &entry, const QByteArray &target)
{
    if (target.isEmpty() || target.startsWith('/')) {
        return false;
    }
    int depth = int(entry.split(u'/', Qt::SkipEmptyParts).size()) - 1;
    for (const QByteArray &part : target.split('/')) {
        if (part == "..") {
            if (--depth < 0) {
                return false;
            }
        } else if (!part.isEmpty() && part != ".") {
            ++depth;
        }
    }
    return true;
}

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

bool unpack(zip_t *archive, const QString &root, QString *error, qint64 *total)
{
    const zip_int64_t count = zip_get_num_entries(archive, 0);
    if (count < 0) {
        return fail(error, kUnzipError);
    }
    // The sizes the archive declares, checked before anything is written.
    qint64 declared = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(archive, zip_uint64_t(i), 0, &st) != 0) {
            return fail(error, kUnzipError);
        }
        if (st.valid & ZIP_STAT_SIZE) {
            declared += qint64(st.size);
        }
    }
    if (declared > ZipPackage::kMaxUnzippedBytes) {
        return fail(error, u"Unzipped size must be smaller than %1 bytes"_s.arg(
                               ZipPackage::kMaxUnzippedBytes));
    }

    QDir dir(root);
    QByteArray buffer(64 * 1024, Qt::Uninitialized);
    for (zip_int64_t i = 0; i < count; ++i) {
        const char *rawName = zip_get_name(archive, zip_uint64_t(i), ZIP_FL_ENC_GUESS);
        if (!rawName) {
            return fail(error, kUnzipError);
        }
        const QString name = QString::fromUtf8(rawName);
        if (!isSafeRelativePath(name)) {
            return fail(error, kUnzipError);
        }
        zip_uint8_t opsys = 0;
        zip_uint32_t attributes = 0;
        zip_file_get_external_attributes(archive, zip_uint64_t(i), 0, &opsys, &attributes);
        const mode_t mode = opsys == ZIP_OPSYS_UNIX ? mode_t(attributes >> 16) : 0;
        const QString path = dir.filePath(name);

        if (name.endsWith(u'/') || S_ISDIR(mode)) {
            if (!dir.mkpath(name)) {
                return fail(error, kUnzipError);
            }
            continue;
        }
        if (!dir.mkpath(QFileInfo(name).path())) {
            return fail(error, kUnzipError);
        }
        std::unique_ptr<zip_file_t, ZipFileCloser> file(
            zip_fopen_index(archive, zip_uint64_t(i), 0));
        if (!file) {
            return fail(error, kUnzipError);
        }
        if (S_ISLNK(mode)) {
            QByteArray target;
            zip_int64_t n = 0;
            while ((n = zip_fread(file.get(), buffer.data(), zip_uint64_t(buffer.size()))) > 0) {
                target.append(buffer.constData(), qsizetype(n));
                if (target.size() > 4096) {
                    return fail(error, kUnzipError);
                }
            }
            if (n < 0 || !isSafeLinkTarget(name, target) ||
                ::symlink(target.constData(), QFile::encodeName(path).constData()) != 0) {
                return fail(error, kUnzipError);
            }
            continue;
        }
        QFile out(path);
        if (out.exists() || !out.open(QIODevice::WriteOnly)) {
            return fail(error, kUnzipError);
        }
        zip_int64_t n = 0;
        while ((n = zip_fread(file.get(), buffer.data(), zip_uint64_t(buffer.size()))) > 0) {
            *total += n;
            // Declared sizes may lie: the written bytes count too.
            if (*total > ZipPackage::kMaxUnzippedBytes) {
                return fail(error, u"Unzipped size must be smaller than %1 bytes"_s.arg(
                                       ZipPackage::kMaxUnzippedBytes));
            }
            if (out.write(buffer.constData(), qint64(n)) != n) {
                return fail(error,
                            u"Could not store the unzipped code: %1"_s.arg(out.errorString()));
            }
        }
        if (n < 0) {
            return fail(error, kUnzipError);
        }
        out.close();
        // Keep the permission bits the zip recorded (an executable bootstrap), owner-readable.
        const mode_t perms = mode != 0 ? ((mode & 0777) | 0400) : 0644;
        ::chmod(QFile::encodeName(path).constData(), perms);
    }
    return true;
}

} // namespace

QString ZipPackage::codeSha256(const QByteArray &zip)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(zip, QCryptographicHash::Sha256).toBase64());
}

QString ZipPackage::codeSha256Hex(const QByteArray &zip)
{
    return QString::fromLatin1(QCryptographicHash::hash(zip, QCryptographicHash::Sha256).toHex());
}

bool ZipPackage::extract(const QByteArray &zip, const QString &targetDir, QString *error,
                         qint64 *unzippedBytes)
{
    if (QFileInfo::exists(targetDir)) {
        return fail(error, u"The code folder %1 exists already"_s.arg(targetDir));
    }
    zip_error_t zipError;
    zip_error_init(&zipError);
    zip_source_t *source =
        zip_source_buffer_create(zip.constData(), zip_uint64_t(zip.size()), 0, &zipError);
    if (!source) {
        zip_error_fini(&zipError);
        return fail(error, kUnzipError);
    }
    std::unique_ptr<zip_t, ZipCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &zipError));
    zip_error_fini(&zipError);
    if (!archive) {
        zip_source_free(source);
        return fail(error, kUnzipError);
    }

    // Unpacked beside the target and renamed into place: a half-written folder never shows.
    const QString partial =
        targetDir + u".partial-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
    if (!QDir().mkpath(partial)) {
        return fail(error, u"Could not create the code folder %1"_s.arg(partial));
    }
    qint64 total = 0;
    QString message;
    if (!unpack(archive.get(), partial, &message, &total) || !QDir().rename(partial, targetDir)) {
        QDir(partial).removeRecursively();
        return fail(error, message.isEmpty() ? u"Could not store the code in %1"_s.arg(targetDir)
                                             : message);
    }
    if (unzippedBytes) {
        *unzippedBytes = total;
    }
    return true;
}

} // namespace Lwb
