// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace concord::core::sqlite {

/// A prepared statement (RAII). Values are only ever bound, never spliced into SQL text.
class Statement
{
public:
    Statement(sqlite3 *db, std::string_view sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, std::string_view value);
    Statement &bind(int index, const char *value) { return bind(index, std::string_view(value)); }
    Statement &bind(int index, const std::string &value) { return bind(index, std::string_view(value)); }
    Statement &bindNull(int index);
    template <typename T>
    Statement &bind(int index, const std::optional<T> &value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }
    Statement &bindBlob(int index, const void *data, std::size_t size);

    /// Binds all values in order, starting at index 1.
    template <typename... Ts>
    Statement &bindAll(const Ts &...values)
    {
        int i = 0;
        (bind(++i, values), ...);
        return *this;
    }

    /// Advances; true while a row is available.
    bool step();
    /// Runs a statement that returns no rows.
    void exec();
    void reset();

    std::int64_t int64(int col) const;
    int integer(int col) const { return static_cast<int>(int64(col)); }
    double real(int col) const;
    std::string text(int col) const;
    bool isNull(int col) const;
    std::optional<std::int64_t> optInt64(int col) const;
    std::optional<double> optReal(int col) const;
    std::string blob(int col) const;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

/// One SQLite connection (RAII) with a cache of prepared statements.
class Database
{
public:
    /// How the file is opened. `ReadOnly` is SQLite's read-only open: it takes the usual
    /// locks and reads the write-ahead log, and it creates the `-wal`/`-shm` files when they
    /// are missing and the folder is writable (then it leaves them behind). `Snapshot` is
    /// `file:…?mode=ro&immutable=1`: no locks, no journal files, the main file alone; only
    /// correct when no `-wal` holds committed data and nobody writes while it is open
    /// (openProject() decides, docs/RELIABILITY.md "Viewing without write access").
    enum class Access
    {
        ReadOnly,
        ReadWrite,
        Create,
        Snapshot
    };
    Database(const std::filesystem::path &file, Access access);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Executes SQL without parameters (schema, pragmas). Never pass user values here.
    void execScript(const char *sql);
    /// A cached statement, reset and with bindings cleared, ready to bind.
    Statement &prepare(const char *sql);

    std::int64_t lastInsertId() const;
    int changes() const;
    sqlite3 *handle() const { return m_db; }
    const std::filesystem::path &file() const { return m_file; }

    /// How a stale Snapshot is opened again: `choose` picks the Access for the file as it is
    /// now, `configure` sets the connection up (pragmas) as the first one was.
    using Chooser = std::function<Access(const std::filesystem::path &)>;
    using Configure = std::function<void(Database &)>;
    void setReopen(Chooser choose, Configure configure);
    /// Counts the reopenings: a reopened connection starts its own PRAGMA data_version.
    std::uint64_t generation() const { return m_generation; }

private:
    void open(Access access);
    /// For a Snapshot, checked with stat() before every statement: once the file changed
    /// since it was opened, or a -wal appeared beside it (a writer at work), SQLite would go
    /// on answering from stale pages without a word. The connection is then opened again
    /// (setReopen), or Error(Database) says so when no way to reopen was given.
    void refreshIfStale();

    /// What stat() said of the file when a Snapshot was opened.
    struct Stamp
    {
        std::uint64_t device = 0, inode = 0;
        std::int64_t size = 0, mtimeSec = 0, mtimeNsec = 0;
        bool operator==(const Stamp &) const = default;
    };
    using Cache = std::unordered_map<const char *, std::unique_ptr<Statement>>;
    /// A connection replaced by a reopening. Kept open until this Database goes: a caller
    /// may still hold one of its statements (prepare() returns references).
    struct Retired
    {
        sqlite3 *db = nullptr;
        Cache cache;
    };

    sqlite3 *m_db = nullptr;
    std::filesystem::path m_file;
    Cache m_cache;
    std::optional<Stamp> m_snapshot; ///< set while the connection is a Snapshot
    Chooser m_choose;
    Configure m_configure;
    std::uint64_t m_generation = 0;
    std::vector<Retired> m_retired;
};

/// The `file:` URI of `file` with every byte that is not unreserved percent-encoded, so any
/// path (with `?`, `#`, `%` or spaces) names exactly that file, followed by `query`.
std::string fileUri(const std::filesystem::path &file, std::string_view query);

/// Throws Error(Database, or Busy for SQLITE_BUSY/LOCKED) with SQLite's message; a full disk
/// (SQLITE_FULL, or an I/O error whose errno is ENOSPC/EDQUOT) says so in words, and an I/O
/// error names the errno SQLite saw.
[[noreturn]] void throwSqlite(sqlite3 *db, int rc, std::string_view context);

} // namespace concord::core::sqlite
