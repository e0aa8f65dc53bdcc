// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "deploy/packager.h"

#include "control/zippackage.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QRegularExpression>
#include <QtCore/QSet>

#include <zip.h>

#include <algorithm>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

/** Always left out, after (and so over) the folder's own ignore files. */
const QStringList kAlwaysIgnored = {u".lwb/"_s, u".git/"_s, u".aws-sam/"_s};

/** MS-DOS date of 1980-01-01 (the earliest a zip can hold); time 00:00:00. */
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;

struct Rule
{
    QRegularExpression regex;
    bool negate = false;
    bool dirOnly = false;
    bool anchored = false;
};

/** A gitignore glob as a regular expression: `*` and `?` stop at `/`, `**` crosses it. */
QString globToRegex(const QString &glob)
{
    QString out;
    for (qsizetype i = 0; i < glob.size(); ++i) {
        const QChar c = glob.at(i);
        if (c == u'*') {
            if (i + 1 < glob.size() && glob.at(i + 1) == u'*') {
                ++i;
                if (i + 1 < glob.size() && glob.at(i + 1) == u'/') {
                    ++i;
                    out += u"(?:.*/)?"_s;
                } else {
                    out += u".*"_s;
                }
            } else {
                out += u"[^/]*"_s;
            }
        } else if (c == u'?') {
            out += u"[^/]"_s;
        } else if (c == u'[') {
            const qsizetype close = glob.indexOf(u']', i + 1);
            if (close < 0) {
                out += u"\\["_s;
                continue;
            }
            QString set = glob.mid(i + 1, close - i - 1);
            if (set.startsWith(u'!')) {
                set[0] = u'^';
            }
            out += u'[' + set.replace(u"\\"_s, u"\\\\"_s) + u']';
            i = close;
        } else if (c == u'\\' && i + 1 < glob.size()) {
            out += QRegularExpression::escape(glob.at(++i));
        } else {
            out += QRegularExpression::escape(c);
        }
    }
    return out;
}

QList<Rule> compile(const QStringList &patterns)
{
    QList<Rule> rules;
    for (QString line : patterns) {
        if (line.endsWith(u'\r')) {
            line.chop(1);
        }
        // Trailing spaces are dropped unless escaped.
        while (line.endsWith(u' ') && !line.endsWith(u"\\ "_s)) {
            line.chop(1);
        }
        if (line.isEmpty() || line.startsWith(u'#')) {
            continue;
        }
        Rule rule;
        if (line.startsWith(u'!')) {
            rule.negate = true;
            line.remove(0, 1);
        } else if (line.startsWith(u"\\!"_s) || line.startsWith(u"\\#"_s)) {
            line.remove(0, 1);
        }
        if (line.endsWith(u'/')) {
            rule.dirOnly = true;
            line.chop(1);
        }
        rule.anchored = line.contains(u'/');
        if (line.startsWith(u'/')) {
            line.remove(0, 1);
        }
        if (line.isEmpty()) {
            continue;
        }
        rule.regex = QRegularExpression(QRegularExpression::anchoredPattern(globToRegex(line)));
        if (rule.regex.isValid()) {
            rules.append(rule);
        }
    }
    return rules;
}

/** The last rule that matches decides; no rule: kept. */
bool matches(const QList<Rule> &rules, const QString &path, bool isDir)
{
    const QString name = path.section(u'/', -1);
    bool ignored = false;
    for (const Rule &rule : rules) {
        if (rule.dirOnly && !isDir) {
            continue;
        }
        if (rule.regex.match(rule.anchored ? path : name).hasMatch()) {
            ignored = !rule.negate;
        }
    }
    return ignored;
}

QStringList readIgnoreFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll()).split(u'\n');
}

struct Entry
{
    QString name;
    QString path;
    bool executable = false;
    qint64 size = 0;
};

bool collect(const QString &root, const QString &relative, const QList<Rule> &rules,
             QSet<QString> &visited, QList<Entry> &entries, QString *error)
{
    const QString dirPath = relative.isEmpty() ? root : root + u'/' + relative;
    const QString canonical = QFileInfo(dirPath).canonicalFilePath();
    if (visited.contains(canonical)) {
        return true; // a symbolic link back up the tree
    }
    visited.insert(canonical);
    QDir dir(dirPath);
    if (!dir.isReadable()) {
        *error = u"Cannot read the folder %1"_s.arg(QDir::toNativeSeparators(dirPath));
        return false;
    }
    const QFileInfoList children =
        dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo &child : children) {
        const QString name =
            relative.isEmpty() ? child.fileName() : relative + u'/' + child.fileName();
        if (child.isDir()) {
            if (!matches(rules, name, true) &&
                !collect(root, name, rules, visited, entries, error)) {
                return false;
            }
        } else if (child.isFile()) {
            if (!matches(rules, name, false)) {
                entries.append(Entry{name, child.absoluteFilePath(),
                                     child.permission(QFile::ExeOwner), child.size()});
            }
        }
        // Dangling links, sockets and pipes have no content to package.
    }
    visited.remove(canonical);
    return true;
}

bool zipFailed(QString *error, zip_error_t *zipError, const QString &what)
{
    *error = u"Cannot build the package (%1): %2"_s.arg(
        what, QString::fromUtf8(zip_error_strerror(zipError)));
    return false;
}

} // namespace

bool Packager::isIgnored(const QString &relativePath, bool isDir, const QStringList &patterns)
{
    const QList<Rule> rules = compile(patterns);
    const QStringList parts = relativePath.split(u'/', Qt::SkipEmptyParts);
    QString prefix;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        prefix = prefix.isEmpty() ? parts.at(i) : prefix + u'/' + parts.at(i);
        const bool last = i == parts.size() - 1;
        if (matches(rules, prefix, last ? isDir : true)) {
            return true;
        }
    }
    return false;
}

bool Packager::build(const QString &folder, Package *package, QString *error)
{
    const QFileInfo rootInfo(folder);
    if (!rootInfo.isDir()) {
        *error = u"The code folder %1 does not exist"_s.arg(QDir::toNativeSeparators(folder));
        return false;
    }
    const QString root = rootInfo.absoluteFilePath();
    const QList<Rule> rules = compile(readIgnoreFile(root + u"/.lwbignore"_s) +
                                      readIgnoreFile(root + u"/.npmignore"_s) + kAlwaysIgnored);
    QList<Entry> entries;
    QSet<QString> visited;
    if (!collect(root, {}, rules, visited, entries, error)) {
        return false;
    }
    if (entries.isEmpty()) {
        *error =
            u"The code folder %1 has no files to package"_s.arg(QDir::toNativeSeparators(root));
        return false;
    }
    // Byte order of the UTF-8 names, as `zip` and SAM list them; independent of the locale.
    std::sort(entries.begin(), entries.end(),
              [](const Entry &a, const Entry &b) { return a.name.toUtf8() < b.name.toUtf8(); });
    qint64 unzipped = 0;
    for (const Entry &entry : entries) {
        unzipped += entry.size;
    }
    if (unzipped > ZipPackage::kMaxUnzippedBytes) {
        *error =
            u"Unzipped size must be smaller than %1 bytes"_s.arg(ZipPackage::kMaxUnzippedBytes);
        return false;
    }

    zip_error_t zipError;
    zip_error_init(&zipError);
    zip_source_t *buffer = zip_source_buffer_create(nullptr, 0, 0, &zipError);
    if (!buffer) {
        return zipFailed(error, &zipError, u"buffer"_s);
    }
    zip_t *archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &zipError);
    if (!archive) {
        zip_source_free(buffer);
        return zipFailed(error, &zipError, u"open"_s);
    }
    zip_source_keep(buffer);
    const auto abandon = [&](const QString &what) {
        *error = u"Cannot build the package (%1): %2"_s.arg(
            what, QString::fromUtf8(zip_strerror(archive)));
        zip_discard(archive);
        zip_source_free(buffer);
        return false;
    };
    for (const Entry &entry : entries) {
        zip_source_t *file =
            zip_source_file(archive, QFile::encodeName(entry.path).constData(), 0, -1);
        if (!file) {
            return abandon(entry.name);
        }
        const QByteArray name = entry.name.toUtf8();
        const zip_int64_t index = zip_file_add(archive, name.constData(), file, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(file);
            return abandon(entry.name);
        }
        const zip_uint32_t mode = S_IFREG | (entry.executable ? 0755 : 0644);
        if (zip_file_set_dostime(archive, zip_uint64_t(index), 0, kDosDate, 0) < 0 ||
            zip_file_set_external_attributes(archive, zip_uint64_t(index), 0, ZIP_OPSYS_UNIX,
                                             mode << 16) < 0 ||
            zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_DEFLATE, 9) < 0) {
            return abandon(entry.name);
        }
    }
    if (zip_close(archive) < 0) {
        return abandon(u"write"_s);
    }
    zip_stat_t stat;
    QByteArray bytes;
    if (zip_source_stat(buffer, &stat) == 0 && zip_source_open(buffer) == 0) {
        bytes.resize(qsizetype(stat.size));
        const zip_int64_t read = zip_source_read(buffer, bytes.data(), stat.size);
        zip_source_close(buffer);
        bytes.resize(read < 0 ? 0 : qsizetype(read));
    }
    zip_source_free(buffer);
    if (bytes.isEmpty()) {
        *error = u"Cannot build the package: the zip could not be read back"_s;
        return false;
    }
    if (bytes.size() > ZipPackage::kMaxZippedBytes) {
        *error = u"Zipped size must be smaller than %1 bytes"_s.arg(ZipPackage::kMaxZippedBytes);
        return false;
    }
    package->zip = bytes;
    package->codeSha256 = ZipPackage::codeSha256(bytes);
    package->unzippedBytes = unzipped;
    package->files.clear();
    for (const Entry &entry : entries) {
        package->files.append(entry.name);
    }
    return true;
}

} // namespace Lwb
