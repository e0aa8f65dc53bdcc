// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QVariant>

#include <memory>
#include <type_traits>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace Lwb {

class Statement;

/**
 * One SQLite connection to a file under the project's .lwb/, in WAL mode with a busy timeout,
 * so that an engine writing and an `lwb logs` reading at the same time never fail. Errors are
 * returned, never thrown. Not thread-safe: one connection per thread.
 */
class LWB_CORE_EXPORT Database
{
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /** Opens (creating folders and file as needed) @p path; ":memory:" for a private one. */
    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const { return m_db != nullptr; }
    QString path() const { return m_path; }
    void close();

    /** Runs one or more statements without results; false and lastError() on failure. */
    bool exec(const QByteArray &sql);
    /** Prepares one statement; an invalid Statement (and lastError()) on failure. */
    Statement prepare(const QByteArray &sql);

    bool begin() { return exec("BEGIN IMMEDIATE"); }
    bool commit() { return exec("COMMIT"); }
    bool rollback() { return exec("ROLLBACK"); }

    qint64 lastInsertId() const;
    int changes() const;
    QString lastError() const { return m_lastError; }

    /** The schema version kept in PRAGMA user_version. */
    int userVersion();
    bool setUserVersion(int version);

private:
    friend class Statement;
    void setError();

    sqlite3 *m_db = nullptr;
    QString m_path;
    QString m_lastError;
};

/**
 * A prepared statement: bind by 1-based index, step() through rows, read columns. Movable;
 * finalised on destruction. Values are QVariant: null, integer, double, QString or QByteArray
 * (a blob).
 */
class LWB_CORE_EXPORT Statement
{
public:
    Statement() = default;
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;

    bool isValid() const { return m_stmt != nullptr; }

    Statement &bind(int index, const QVariant &value);
    // Typed binds: the hot writers (telemetry) bind without building a QVariant per value.
    Statement &bind(int index, const QString &text);
    Statement &bind(int index, const char *text);
    Statement &bind(int index, const QByteArray &blob);
    Statement &bind(int index, double value);
    Statement &bind(int index, std::nullptr_t);
    template<typename T>
        requires std::is_integral_v<T>
    Statement &bind(int index, T value)
    {
        return bindInteger(index, static_cast<qint64>(value));
    }
    /** Advances to the next row: true while there is one. */
    bool step();
    /** Runs a statement without results (INSERT/UPDATE/DELETE); then it can be re-bound. */
    bool run();
    void reset();

    QVariant value(int column) const;
    qint64 integer(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;

private:
    friend class Database;
    Statement &bindInteger(int index, qint64 value);
    /** Resets a statement that ran; false when there is none to bind to. */
    bool readyToBind();
    Statement(Database *db, sqlite3_stmt *stmt) : m_db(db), m_stmt(stmt) {}

    Database *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    bool m_needsReset = false;
    /// Text and blobs bound since the last reset, kept alive so SQLite need not copy them.
    std::vector<QByteArray> m_bound;
};

} // namespace Lwb
