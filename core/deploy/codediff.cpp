// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "deploy/codediff.h"

#include <QtCore/QMap>

#include <zip.h>

#include <utility>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

using Entries = QMap<QString, std::pair<quint32, quint64>>; ///< name → CRC-32, size

bool readEntries(const QByteArray &bytes, const QString &which, Entries *entries, QString *error)
{
    zip_error_t zipError;
    zip_error_init(&zipError);
    zip_source_t *source =
        zip_source_buffer_create(bytes.constData(), zip_uint64_t(bytes.size()), 0, &zipError);
    zip_t *archive = source ? zip_open_from_source(source, ZIP_RDONLY, &zipError) : nullptr;
    if (!archive) {
        *error = u"the %1 package is not a readable zip: %2"_s.arg(
            which, QString::fromUtf8(zip_error_strerror(&zipError)));
        if (source) {
            zip_source_free(source);
        }
        zip_error_fini(&zipError);
        return false;
    }
    const zip_int64_t count = zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive, zip_uint64_t(i), 0, &stat) != 0 || !stat.name) {
            continue;
        }
        const QString name = QString::fromUtf8(stat.name);
        if (name.endsWith(u'/')) {
            continue; // folders carry no content of their own
        }
        entries->insert(name, {stat.crc, stat.size});
    }
    zip_discard(archive);
    zip_error_fini(&zipError);
    return true;
}

} // namespace

QString FileChange::kindText() const
{
    switch (kind) {
    case Kind::Added:
        return u"added"_s;
    case Kind::Removed:
        return u"removed"_s;
    case Kind::Changed:
        break;
    }
    return u"changed"_s;
}

bool CodeDiff::compare(const QByteArray &deployedZip, const QByteArray &newZip,
                       QList<FileChange> *changes, QString *error)
{
    Entries before;
    Entries after;
    if (!readEntries(deployedZip, u"deployed"_s, &before, error) ||
        !readEntries(newZip, u"new"_s, &after, error)) {
        return false;
    }
    changes->clear();
    // QMap iterates in path order; merge the two sorted lists.
    auto b = before.cbegin();
    auto a = after.cbegin();
    while (b != before.cend() || a != after.cend()) {
        if (a == after.cend() || (b != before.cend() && b.key() < a.key())) {
            changes->append({FileChange::Kind::Removed, b.key()});
            ++b;
        } else if (b == before.cend() || a.key() < b.key()) {
            changes->append({FileChange::Kind::Added, a.key()});
            ++a;
        } else {
            if (b.value() != a.value()) {
                changes->append({FileChange::Kind::Changed, a.key()});
            }
            ++a;
            ++b;
        }
    }
    return true;
}

} // namespace Lwb
