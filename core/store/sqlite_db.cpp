// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/sqlite_db.h"

#include "core/common/error.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstring>

#include <sys/stat.h>

namespace concord::core::sqlite {

namespace {

ErrorCode codeOf(int rc)
{
    const int primary = rc & 0xff;
    return (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) ? ErrorCode::Busy
           : (primary == SQLITE_READONLY)                       ? ErrorCode::ReadOnly
           : (primary == SQLITE_NOTADB)                         ? ErrorCode::NotAProject
           : (primary == SQLITE_FULL)                           ? ErrorCode::Io
                                                                : ErrorCode::Database;
}

bool isSnapshot(sqlite3 *db)
{
    const char *name = db ? sqlite3_db_filename(db, "main") : nullptr;
    return name && sqlite3_uri_boolean(name, "immutable", 0);
}

/// SQLite's message, made to say what happened when SQLite's own words hide it: a full disk
/// shows as "disk I/O error" when the -shm cannot grow, so the errno decides.
std::string explain(sqlite3 *db, int rc, std::string msg)
{
    const int primary = rc & 0xff;
    const int sysErr = db && (primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN)
                           ? sqlite3_system_errno(db)
                           : 0;
    if (primary == SQLITE_FULL || sysErr == ENOSPC || sysErr == EDQUOT)
        return "the disk is full: no space is left for the project (or it reached its size limit), so "
               "nothing was written; free some space and try again (SQLite: " +
               msg + (sysErr ? std::string(", ") + std::strerror(sysErr) : std::string()) + ")";
    if (sysErr != 0)
        return msg + " (" + std::strerror(sysErr) + ")";
    if (primary == SQLITE_CORRUPT && isSnapshot(db))
        return msg + " (the project was read as a snapshot, because it is not writable here, and another "
                     "process changed it meanwhile; open it again)";
    return msg;
}

ErrorCode codeOfFailure(sqlite3 *db, int rc)
{
    const int primary = rc & 0xff;
    if (primary == SQLITE_IOERR && db) {
        const int sysErr = sqlite3_system_errno(db);
        if (sysErr == ENOSPC || sysErr == EDQUOT)
            return ErrorCode::Io;
    }
    return codeOf(rc);
}

/// The identity and last change of `file` by stat(); nullopt when it cannot be stat'ed.
template <typename Stamp>
std::optional<Stamp> stampOf(const std::filesystem::path &file)
{
    struct stat st = {};
    if (::stat(file.c_str(), &st) != 0)
        return std::nullopt;
    return Stamp{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
                 static_cast<std::int64_t>(st.st_size), static_cast<std::int64_t>(st.st_mtim.tv_sec),
                 static_cast<std::int64_t>(st.st_mtim.tv_nsec)};
}

} // namespace

std::string fileUri(const std::filesystem::path &file, std::string_view query)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string uri = "file://";
    for (const char c : std::filesystem::absolute(file).string()) {
        const auto u = static_cast<unsigned char>(c);
        const bool plain = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' ||
                           u == '.' || u == '_' || u == '~' || u == '/';
        if (plain) {
            uri += c;
        } else {
            uri += '%';
            uri += hex[u >> 4];
            uri += hex[u & 0xf];
        }
    }
    if (!query.empty()) {
        uri += '?';
        uri += query;
    }
    return uri;
}

void throwSqlite(sqlite3 *db, int rc, std::string_view context)
{
    std::string msg = explain(db, rc, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    const char *file = db ? sqlite3_db_filename(db, "main") : nullptr;
    throw Error(codeOfFailure(db, rc), std::string(context) + ": " + msg, file ? file : "");
}

Statement::Statement(sqlite3 *db, std::string_view sql)
    : m_db(db)
{
    const int rc =
        sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        throwSqlite(db, rc, "prepare");
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement &Statement::bind(int index, std::int64_t value)
{
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        throwSqlite(m_db, rc, "bind");
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    if (const int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        throwSqlite(m_db, rc, "bind");
    return *this;
}

Statement &Statement::bind(int index, std::string_view value)
{
    if (const int rc = sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        rc != SQLITE_OK)
        throwSqlite(m_db, rc, "bind");
    return *this;
}

Statement &Statement::bindNull(int index)
{
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        throwSqlite(m_db, rc, "bind");
    return *this;
}

Statement &Statement::bindBlob(int index, const void *data, std::size_t size)
{
    if (const int rc = sqlite3_bind_blob64(m_stmt, index, data, size, SQLITE_TRANSIENT); rc != SQLITE_OK)
        throwSqlite(m_db, rc, "bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3_reset(m_stmt);
    throwSqlite(m_db, rc, "step");
}

void Statement::exec()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::int64(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}
double Statement::real(int col) const
{
    return sqlite3_column_double(m_stmt, col);
}

std::string Statement::text(int col) const
{
    const auto *p = sqlite3_column_text(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::string(reinterpret_cast<const char *>(p), static_cast<std::size_t>(n)) : std::string();
}

bool Statement::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

std::optional<std::int64_t> Statement::optInt64(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return int64(col);
}

std::optional<double> Statement::optReal(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return real(col);
}

std::string Statement::blob(int col) const
{
    const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt, col));
    const int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::string(p, static_cast<std::size_t>(n)) : std::string();
}

Database::Database(const std::filesystem::path &file, Access access)
    : m_file(file)
{
    open(access);
}

void Database::open(Access access)
{
    int flags = SQLITE_OPEN_NOMUTEX;
    std::string name = m_file.string();
    m_snapshot.reset();
    switch (access) {
    case Access::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Access::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Access::Create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case Access::Snapshot:
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        name = fileUri(m_file, "mode=ro&immutable=1");
        // Taken before SQLite reads: a change in between is a change since the open.
        m_snapshot = stampOf<Stamp>(m_file);
        if (!m_snapshot)
            throw Error(ErrorCode::Io, std::string("cannot open project: ") + std::strerror(errno), m_file.string());
        break;
    }
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = explain(db, rc, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close_v2(db);
        throw Error(ErrorCode::Io, "cannot open project: " + msg, m_file.string());
    }
    sqlite3_extended_result_codes(db, 1);
    m_db = db;
}

Database::~Database()
{
    m_cache.clear();
    sqlite3_close_v2(m_db);
    for (Retired &r : m_retired) {
        r.cache.clear();
        sqlite3_close_v2(r.db);
    }
}

void Database::setReopen(Chooser choose, Configure configure)
{
    m_choose = std::move(choose);
    m_configure = std::move(configure);
}

void Database::refreshIfStale()
{
    std::filesystem::path wal = m_file;
    wal += "-wal";
    struct stat st = {};
    if (stampOf<Stamp>(m_file) == m_snapshot && ::stat(wal.c_str(), &st) != 0)
        return;
    if (!m_choose)
        throw Error(ErrorCode::Database,
                    "the project changed while Concord read it as a snapshot, or another program opened it "
                    "(it is not writable here, so it is read without locks); open it again to see it as it "
                    "is now",
                    m_file.string());
    const Access next = m_choose(m_file); // may throw (a -wal without its -shm): nothing changed yet
    const auto stamp = m_snapshot;
    m_retired.push_back({m_db, std::move(m_cache)});
    m_cache = Cache();
    m_db = nullptr;
    try {
        open(next);
    } catch (...) {
        // Keep the old connection (and its staleness, checked again next time) rather than none.
        m_db = m_retired.back().db;
        m_cache = std::move(m_retired.back().cache);
        m_retired.pop_back();
        m_snapshot = stamp;
        throw;
    }
    ++m_generation;
    if (m_configure)
        m_configure(*this);
}

void Database::execScript(const char *sql)
{
    if (m_snapshot)
        refreshIfStale();
    char *err = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = explain(m_db, rc, err ? err : sqlite3_errstr(rc));
        sqlite3_free(err);
        throw Error(codeOfFailure(m_db, rc), msg, m_file.string());
    }
}

Statement &Database::prepare(const char *sql)
{
    if (m_snapshot)
        refreshIfStale();
    auto it = m_cache.find(sql);
    if (it == m_cache.end())
        it = m_cache.emplace(sql, std::make_unique<Statement>(m_db, sql)).first;
    it->second->reset();
    return *it->second;
}

std::int64_t Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}
int Database::changes() const
{
    return sqlite3_changes(m_db);
}

} // namespace concord::core::sqlite
