// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

struct pg_conn;
struct pg_result;

/// \file
/// A thin RAII layer over libpq for the PostgreSQL backend (DESIGN §10, issue #18). Values are
/// only ever sent as parameters of prepared statements, never spliced into SQL text; the few
/// identifiers that must be spliced (role names in GRANT) go through quoteIdentifier().

namespace concord::core::pg {

/// Parameters of one statement, in order ($1, $2, …). Text format for everything but bytes.
class Params
{
public:
    Params &add(std::int64_t v);
    Params &add(int v) { return add(static_cast<std::int64_t>(v)); }
    Params &add(double v);
    Params &add(bool v);
    Params &add(std::string_view v);
    Params &add(const char *v) { return add(std::string_view(v)); }
    Params &add(const std::string &v) { return add(std::string_view(v)); }
    Params &addNull();
    template <typename T>
    Params &add(const std::optional<T> &v)
    {
        return v ? add(*v) : addNull();
    }
    /// Raw bytes for a bytea parameter (sent in binary format).
    Params &addBytes(std::string_view bytes);

    template <typename... Ts>
    static Params of(const Ts &...values)
    {
        Params p;
        (p.add(values), ...);
        return p;
    }

    int size() const { return static_cast<int>(m_values.size()); }
    std::vector<const char *> pointers() const;
    const std::vector<int> &lengths() const { return m_lengths; }
    const std::vector<int> &formats() const { return m_formats; }

private:
    std::vector<std::optional<std::string>> m_values;
    std::vector<int> m_lengths;
    std::vector<int> m_formats;
};

/// One statement of a pipeline (Connection::pipeline): a string literal, as for query().
struct Statement
{
    const char *sql;
    Params params;
};

/// The rows of one statement (RAII over PGresult). Columns are read by index.
class Result
{
public:
    explicit Result(pg_result *r = nullptr)
        : m_r(r)
    {
    }
    ~Result();
    Result(Result &&other) noexcept
        : m_r(std::exchange(other.m_r, nullptr))
    {
    }
    Result &operator=(Result &&other) noexcept;
    Result(const Result &) = delete;
    Result &operator=(const Result &) = delete;

    int rows() const;
    bool isNull(int row, int col) const;
    std::string text(int row, int col) const;
    std::int64_t int64(int row, int col) const;
    int integer(int row, int col) const { return static_cast<int>(int64(row, col)); }
    double real(int row, int col) const;
    bool boolean(int row, int col) const;
    std::optional<std::int64_t> optInt64(int row, int col) const;
    std::optional<double> optReal(int row, int col) const;
    /// A bytea column (text format, hex-escaped by the server) as raw bytes.
    std::string bytes(int row, int col) const;
    /// Rows changed by an INSERT/UPDATE/DELETE.
    std::int64_t affected() const;

private:
    pg_result *m_r;
};

/// One server connection with a cache of prepared statements.
class Connection
{
public:
    /// Connects with a libpq connection string or URI; throws Error(Unavailable) with libpq's
    /// message (never the password) when the server cannot be reached or refuses the login.
    explicit Connection(std::string conninfo);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    /// Runs a prepared statement (prepared once per connection, keyed by the SQL text's
    /// address: pass string literals) with bound parameters.
    Result query(const char *sql, const Params &params = {});
    template <typename... Ts>
    Result run(const char *sql, const Ts &...values)
    {
        return query(sql, Params::of(values...));
    }
    /// Runs SQL without parameters (schema, BEGIN/COMMIT). Never pass user values here.
    void execScript(const std::string &sql);

    /// Sends the statements in one round trip (libpq pipeline mode) and returns their results
    /// in order; a deferred BEGIN goes first and, with `commit`, COMMIT last (then the SQL of
    /// setAfterCommit()). The server runs them one after another as separate statements, each
    /// seeing the ones before; the first that fails stops the rest and is thrown (the
    /// transaction is then in error, as with query()). Statements are prepared in the same
    /// round trip the first time.
    std::vector<Result> pipeline(const std::vector<Statement> &statements, bool commit = false);
    /// COMMIT, and the SQL of setAfterCommit() in the same round trip.
    void commit() { pipeline({}, true); }
    /// SQL without parameters sent right after each COMMIT of pipeline() and commit(), in the
    /// same round trip, as a transaction of its own: it runs only when the commit succeeded,
    /// and its own failure is ignored (the commit stands). Empty: nothing.
    void setAfterCommit(std::string sql) { m_afterCommit = std::move(sql); }

    /// `statements` (e.g. "BEGIN ISOLATION LEVEL SERIALIZABLE" and a SET LOCAL), SQL without
    /// parameters, are sent with the next statement, in its round trip, instead of in one of
    /// their own. Until then nothing of the unit has reached the server, so a dropped
    /// connection may still be opened again.
    void deferBegin(std::vector<std::string> statements) { m_deferredBegin = std::move(statements); }
    /// Drops a deferred BEGIN; true when it was still pending (no statement was sent since).
    bool cancelDeferredBegin() { return !std::exchange(m_deferredBegin, {}).empty(); }

    /// "ana" → "\"ana\"" (libpq's PQescapeIdentifier), for role names in GRANT/CREATE ROLE.
    std::string quoteIdentifier(std::string_view name) const;
    /// A string literal for the few statements that take no parameters (ALTER ROLE … PASSWORD).
    std::string quoteLiteral(std::string_view text) const;

    /// Reads what the server sent while idle and returns how many notifications arrived from
    /// other backends since the last call (LISTEN/NOTIFY). Never blocks.
    int drainNotifications();
    /// Whether the connection is still open; a broken one is reopened by reset().
    bool isOk() const;
    /// Reconnects with the same parameters (the statement cache is cleared); throws
    /// Error(Unavailable) when the server is still away.
    void reset();
    int backendPid() const;
    bool inTransaction() const;
    /// Whether a statement may open a dropped connection again first (the default). Off inside
    /// a transaction: its earlier statements are gone with the old connection, so the unit
    /// must fail and be retried whole.
    void setAutoReconnect(bool on) { m_autoReconnect = on; }
    /// SQL run after every (re)connection, e.g. LISTEN.
    void setSessionSetup(std::string sql) { m_setup = std::move(sql); }
    /// Counts the connections made: notifications sent while reconnecting are lost, so a
    /// caller that counts them must treat a new generation as "something may have changed".
    std::uint64_t generation() const { return m_generation; }

    /// The connection string without any password, for messages and Store::path().
    const std::string &displayName() const { return m_display; }
    /// Values the connection uses (after libpq's defaults and environment): user, dbname, host.
    std::string user() const;
    std::string database() const;
    pg_conn *handle() const { return m_conn; }

private:
    void connect();
    /// Reopens a dropped connection when no unit would lose statements by it.
    void reconnectIfAllowed();
    /// Runs SQL without parameters as it is (no reconnection, no deferred BEGIN).
    void exec(const std::string &sql);
    [[noreturn]] void fail(pg_result *r, std::string_view context) const;

    std::string m_conninfo;
    std::string m_display;
    std::string m_setup;
    std::uint64_t m_generation = 0;
    bool m_autoReconnect = true;
    std::vector<std::string> m_deferredBegin; ///< deferBegin(): sent with the next statement
    std::string m_afterCommit;                ///< setAfterCommit()
    pg_conn *m_conn = nullptr;
    std::unordered_map<const char *, std::string> m_prepared;
    int m_nextStatement = 0;
};

/// True for a libpq location: a `postgresql://` or `postgres://` URI, or a keyword/value
/// connection string (`host=… dbname=…`). Anything else is a project file path.
bool isConnectionString(std::string_view location);

/// The connection string with any password removed (URI userinfo or `password=`), for display.
std::string withoutPassword(std::string_view conninfo);

/// The keywords a connection string or URI sets (libpq's PQconninfoParse): host, port, dbname,
/// user, password, sslmode, … Error(Invalid) with libpq's words for one it cannot read.
std::vector<std::pair<std::string, std::string>> parseConnectionString(std::string_view conninfo);

/// A keyword/value connection string from parts, each value quoted as libpq wants ('…' with
/// \ and ' escaped); empty values are left out.
std::string makeConnectionString(const std::vector<std::pair<std::string, std::string>> &parts);

} // namespace concord::core::pg
