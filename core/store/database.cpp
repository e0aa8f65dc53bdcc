// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "database.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace Lwb {

Database::Database() = default;

Database::~Database()
{
    close();
}

bool Database::open(const QString &path, QString *error)
{
    close();
    m_path = path;
    if (path != u":memory:"_s) {
        QDir().mkpath(QFileInfo(path).absolutePath());
    }
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    if (rc != SQLITE_OK) {
        m_lastError = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : u"cannot open %1"_s.arg(path);
        if (m_db) {
            sqlite3_close(m_db);
            m_db = nullptr;
        }
        if (error) {
            *error = m_lastError;
        }
        return false;
    }
    sqlite3_busy_timeout(m_db, 5000);
    // WAL: readers never block the writer; NORMAL sync is durable across a process crash
    // (what kill -9 tests), which is the loss the engine must never suffer.
    if (!exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")) {
        if (error) {
            *error = m_lastError;
        }
        close();
        return false;
    }
    return true;
}

void Database::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

void Database::setError()
{
    m_lastError = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : u"database is not open"_s;
}

bool Database::exec(const QByteArray &sql)
{
    if (!m_db) {
        setError();
        return false;
    }
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, &message) != SQLITE_OK) {
        m_lastError = QString::fromUtf8(message ? message : sqlite3_errmsg(m_db));
        sqlite3_free(message);
        return false;
    }
    return true;
}

Statement Database::prepare(const QByteArray &sql)
{
    sqlite3_stmt *stmt = nullptr;
    if (!m_db || sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &stmt, nullptr) != SQLITE_OK) {
        setError();
        return {};
    }
    return Statement(this, stmt);
}

qint64 Database::lastInsertId() const
{
    return m_db ? sqlite3_last_insert_rowid(m_db) : 0;
}

int Database::changes() const
{
    return m_db ? sqlite3_changes(m_db) : 0;
}

int Database::userVersion()
{
    Statement s = prepare("PRAGMA user_version");
    return s.step() ? int(s.integer(0)) : 0;
}

bool Database::setUserVersion(int version)
{
    return exec("PRAGMA user_version=" + QByteArray::number(version));
}

Statement::~Statement()
{
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
    }
}

Statement::Statement(Statement &&other) noexcept
    : m_db(other.m_db)
    , m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_needsReset(other.m_needsReset)
    , m_bound(std::move(other.m_bound))
{
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        if (m_stmt) {
            sqlite3_finalize(m_stmt);
        }
        m_db = other.m_db;
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_needsReset = other.m_needsReset;
        m_bound = std::move(other.m_bound);
    }
    return *this;
}

bool Statement::readyToBind()
{
    if (!m_stmt) {
        return false;
    }
    if (m_needsReset) {
        reset();
    }
    return true;
}

Statement &Statement::bind(int index, const QString &text)
{
    if (readyToBind()) {
        // Moving a QByteArray keeps its data where it is, so the pointer stays valid.
        const QByteArray &utf8 = m_bound.emplace_back(text.toUtf8());
        sqlite3_bind_text64(m_stmt, index, utf8.constData(), sqlite3_uint64(utf8.size()),
                            SQLITE_STATIC, SQLITE_UTF8);
    }
    return *this;
}

Statement &Statement::bind(int index, const char *text)
{
    if (readyToBind()) {
        sqlite3_bind_text(m_stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
    }
    return *this;
}

Statement &Statement::bind(int index, const QByteArray &blob)
{
    if (readyToBind()) {
        const QByteArray &kept = m_bound.emplace_back(blob); // shares the data, no copy
        sqlite3_bind_blob64(m_stmt, index, kept.constData(), sqlite3_uint64(kept.size()),
                            SQLITE_STATIC);
    }
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    if (readyToBind()) {
        sqlite3_bind_double(m_stmt, index, value);
    }
    return *this;
}

Statement &Statement::bind(int index, std::nullptr_t)
{
    if (readyToBind()) {
        sqlite3_bind_null(m_stmt, index);
    }
    return *this;
}

Statement &Statement::bindInteger(int index, qint64 value)
{
    if (readyToBind()) {
        sqlite3_bind_int64(m_stmt, index, value);
    }
    return *this;
}

Statement &Statement::bind(int index, const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return bind(index, nullptr);
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
        return bindInteger(index, value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return bind(index, value.toDouble());
    case QMetaType::QByteArray:
        return bind(index, value.toByteArray());
    default:
        return bind(index, value.toString());
    }
}

bool Statement::step()
{
    if (!m_stmt) {
        return false;
    }
    if (m_needsReset) {
        reset();
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    m_needsReset = true;
    if (rc != SQLITE_DONE && m_db) {
        m_db->setError();
    }
    return false;
}

bool Statement::run()
{
    if (!m_stmt) {
        return false;
    }
    if (m_needsReset) {
        reset();
    }
    const int rc = sqlite3_step(m_stmt);
    m_needsReset = true;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        if (m_db) {
            m_db->setError();
        }
        return false;
    }
    return true;
}

void Statement::reset()
{
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    m_bound.clear();
    m_needsReset = false;
}

QVariant Statement::value(int column) const
{
    switch (sqlite3_column_type(m_stmt, column)) {
    case SQLITE_INTEGER: return QVariant::fromValue(qint64(sqlite3_column_int64(m_stmt, column)));
    case SQLITE_FLOAT: return sqlite3_column_double(m_stmt, column);
    case SQLITE_TEXT: return text(column);
    case SQLITE_BLOB: return blob(column);
    default: return {};
    }
}

qint64 Statement::integer(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::blob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

} // namespace Lwb
