// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/pg_db.h"

#include "core/common/error.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace concord::core::pg {

// --- Params -------------------------------------------------------------------------------

Params &Params::add(std::int64_t v)
{
    m_values.emplace_back(std::to_string(v));
    m_lengths.push_back(0);
    m_formats.push_back(0);
    return *this;
}

Params &Params::add(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    m_values.emplace_back(buf);
    m_lengths.push_back(0);
    m_formats.push_back(0);
    return *this;
}

Params &Params::add(bool v)
{
    m_values.emplace_back(v ? "t" : "f");
    m_lengths.push_back(0);
    m_formats.push_back(0);
    return *this;
}

Params &Params::add(std::string_view v)
{
    m_values.emplace_back(std::string(v));
    m_lengths.push_back(0);
    m_formats.push_back(0);
    return *this;
}

Params &Params::addNull()
{
    m_values.emplace_back(std::nullopt);
    m_lengths.push_back(0);
    m_formats.push_back(0);
    return *this;
}

Params &Params::addBytes(std::string_view bytes)
{
    m_values.emplace_back(std::string(bytes));
    m_lengths.push_back(static_cast<int>(bytes.size()));
    m_formats.push_back(1);
    return *this;
}

std::vector<const char *> Params::pointers() const
{
    std::vector<const char *> out;
    out.reserve(m_values.size());
    for (const auto &v : m_values)
        out.push_back(v ? v->c_str() : nullptr);
    return out;
}

// --- Result -------------------------------------------------------------------------------

Result::~Result()
{
    if (m_r)
        PQclear(m_r);
}

Result &Result::operator=(Result &&other) noexcept
{
    if (this != &other) {
        if (m_r)
            PQclear(m_r);
        m_r = std::exchange(other.m_r, nullptr);
    }
    return *this;
}

int Result::rows() const
{
    return m_r ? PQntuples(m_r) : 0;
}

bool Result::isNull(int row, int col) const
{
    return PQgetisnull(m_r, row, col) != 0;
}

std::string Result::text(int row, int col) const
{
    return std::string(PQgetvalue(m_r, row, col), static_cast<std::size_t>(PQgetlength(m_r, row, col)));
}

std::int64_t Result::int64(int row, int col) const
{
    if (isNull(row, col))
        return 0;
    const char *s = PQgetvalue(m_r, row, col);
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s, s + PQgetlength(m_r, row, col), v);
    if (ec != std::errc())
        throw Error(ErrorCode::Database, std::string("the server sent '") + s + "' where a whole number belongs");
    (void)end;
    return v;
}

double Result::real(int row, int col) const
{
    if (isNull(row, col))
        return 0.0;
    // strtod, not from_chars: the server writes "Infinity"/"NaN" and from_chars wants "inf".
    return std::strtod(PQgetvalue(m_r, row, col), nullptr);
}

bool Result::boolean(int row, int col) const
{
    return !isNull(row, col) && PQgetvalue(m_r, row, col)[0] == 't';
}

std::optional<std::int64_t> Result::optInt64(int row, int col) const
{
    if (isNull(row, col))
        return std::nullopt;
    return int64(row, col);
}

std::optional<double> Result::optReal(int row, int col) const
{
    if (isNull(row, col))
        return std::nullopt;
    return real(row, col);
}

std::string Result::bytes(int row, int col) const
{
    std::size_t n = 0;
    unsigned char *raw = PQunescapeBytea(reinterpret_cast<const unsigned char *>(PQgetvalue(m_r, row, col)), &n);
    if (!raw)
        throw Error(ErrorCode::Database, "out of memory while reading bytes from the server");
    std::string out(reinterpret_cast<const char *>(raw), n);
    PQfreemem(raw);
    return out;
}

std::int64_t Result::affected() const
{
    const char *n = m_r ? PQcmdTuples(m_r) : "";
    return n[0] ? std::strtoll(n, nullptr, 10) : 0;
}

// --- Connection ---------------------------------------------------------------------------

namespace {

struct ConninfoOptions
{
    PQconninfoOption *options = nullptr;
    ~ConninfoOptions()
    {
        if (options)
            PQconninfoFree(options);
    }
};

} // namespace

bool isConnectionString(std::string_view location)
{
    if (location.starts_with("postgresql://") || location.starts_with("postgres://"))
        return true;
    // A keyword/value string: "host=… dbname=…". A file path with '=' in its name and no
    // libpq keyword is still a path.
    for (const char *key : {"host=", "hostaddr=", "dbname=", "service=", "port="})
        if (location.starts_with(key) || location.find(std::string(" ") + key) != std::string_view::npos)
            return true;
    return false;
}

std::string withoutPassword(std::string_view conninfo)
{
    std::string s(conninfo);
    if (s.starts_with("postgresql://") || s.starts_with("postgres://")) {
        const std::size_t start = s.find("://") + 3;
        const std::size_t end = s.find_first_of("/?", start);
        const std::size_t at = s.rfind('@', end == std::string::npos ? s.size() : end);
        if (at != std::string::npos && at > start) {
            const std::size_t colon = s.find(':', start);
            if (colon != std::string::npos && colon < at)
                s.erase(colon, at - colon);
        }
        // ?password=… or &password=… in the query part
        for (std::size_t p = s.find("password="); p != std::string::npos; p = s.find("password=")) {
            if (p == 0 || (s[p - 1] != '?' && s[p - 1] != '&'))
                break;
            const std::size_t stop = s.find('&', p);
            s.erase(p, stop == std::string::npos ? std::string::npos : stop - p + 1);
        }
        while (!s.empty() && (s.back() == '?' || s.back() == '&'))
            s.pop_back();
        return s;
    }
    ConninfoOptions parsed;
    char *err = nullptr;
    parsed.options = PQconninfoParse(s.c_str(), &err);
    if (err)
        PQfreemem(err);
    if (!parsed.options)
        return "(unreadable connection string)";
    std::string out;
    for (PQconninfoOption *o = parsed.options; o->keyword; ++o) {
        if (!o->val || std::strcmp(o->keyword, "password") == 0)
            continue;
        if (!out.empty())
            out += ' ';
        out += o->keyword;
        out += '=';
        out += o->val;
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> parseConnectionString(std::string_view conninfo)
{
    ConninfoOptions parsed;
    char *err = nullptr;
    parsed.options = PQconninfoParse(std::string(conninfo).c_str(), &err);
    if (!parsed.options) {
        std::string message = err ? err : "unreadable connection string";
        if (err)
            PQfreemem(err);
        while (!message.empty() && message.back() == '\n')
            message.pop_back();
        throw Error(ErrorCode::Invalid, message, {}, 0, withoutPassword(conninfo));
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (PQconninfoOption *o = parsed.options; o->keyword; ++o)
        if (o->val && *o->val)
            out.emplace_back(o->keyword, o->val);
    return out;
}

std::string makeConnectionString(const std::vector<std::pair<std::string, std::string>> &parts)
{
    std::string out;
    for (const auto &[key, value] : parts) {
        if (value.empty())
            continue;
        if (!out.empty())
            out += ' ';
        out += key;
        out += "='";
        for (const char c : value) {
            if (c == '\\' || c == '\'')
                out += '\\';
            out += c;
        }
        out += '\'';
    }
    return out;
}

Connection::Connection(std::string conninfo)
    : m_conninfo(std::move(conninfo))
    , m_display(withoutPassword(m_conninfo))
{
    connect();
}

Connection::~Connection()
{
    if (m_conn)
        PQfinish(m_conn);
}

void Connection::connect()
{
    if (m_conn)
        PQfinish(m_conn);
    m_conn = PQconnectdb(m_conninfo.c_str());
    if (!m_conn)
        throw Error(ErrorCode::Unavailable, "out of memory while connecting", m_display);
    if (PQstatus(m_conn) != CONNECTION_OK) {
        std::string message = PQerrorMessage(m_conn);
        while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
            message.pop_back();
        PQfinish(m_conn);
        m_conn = nullptr;
        throw Error(ErrorCode::Unavailable, "cannot connect to the server: " + message, m_display);
    }
    // Notices (e.g. "relation already exists, skipping") are not for the user's terminal.
    PQsetNoticeProcessor(
        m_conn, [](void *, const char *) {}, nullptr);
    m_prepared.clear();
    ++m_generation;
    if (!m_setup.empty())
        exec(m_setup);
}

void Connection::reconnectIfAllowed()
{
    // A connection the server dropped (restart, network) is opened again before a statement
    // that starts a unit of its own; inside a transaction the unit fails and is retried whole.
    // A deferred BEGIN not sent yet means nothing of the unit is lost by reconnecting.
    if (!isOk() && (m_autoReconnect || !m_deferredBegin.empty()))
        connect();
}

void Connection::reset()
{
    connect();
}

bool Connection::isOk() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

int Connection::backendPid() const
{
    return m_conn ? PQbackendPID(m_conn) : 0;
}

bool Connection::inTransaction() const
{
    return m_conn && PQtransactionStatus(m_conn) != PQTRANS_IDLE;
}

std::string Connection::user() const
{
    return m_conn ? PQuser(m_conn) : "";
}

std::string Connection::database() const
{
    return m_conn ? PQdb(m_conn) : "";
}

void Connection::fail(pg_result *r, std::string_view context) const
{
    std::string state;
    std::string message;
    if (r) {
        if (const char *s = PQresultErrorField(r, PG_DIAG_SQLSTATE))
            state = s;
        if (const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY))
            message = m;
        if (const char *d = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL))
            message += std::string(" (") + d + ")";
        PQclear(r);
    }
    if (message.empty() && m_conn)
        message = PQerrorMessage(m_conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    if (message.empty())
        message = "the server sent no answer";
    ErrorCode code = ErrorCode::Database;
    if (state == "40001" || state == "40P01" || state == "55P03")
        code = ErrorCode::Busy; // serialization failure, deadlock, lock not available: retried
    else if (state == "42501")
        code = ErrorCode::Denied; // insufficient privilege, row-level security
    else if (state.starts_with("23"))
        code = ErrorCode::Invalid; // a constraint: unique, foreign key, check
    else if (state.starts_with("08") || state.starts_with("57P") || !isOk())
        code = ErrorCode::Unavailable;
    std::string text = message;
    if (code == ErrorCode::Denied && message.find("row-level security") != std::string::npos)
        text = "the server refused the change: a labeler writes only their own labels, on images assigned to them, "
               "and only a lead writes standards, decisions and assignments (" +
               message + ")";
    if (!context.empty() && code == ErrorCode::Database)
        text += " [" + std::string(context.substr(0, 80)) + "]";
    throw Error(code, text, m_display);
}

Result Connection::query(const char *sql, const Params &params)
{
    if (!m_deferredBegin.empty()) // BEGIN and the statement in one round trip
        return std::move(pipeline({Statement{sql, params}}).front());
    reconnectIfAllowed();
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        std::string name = "concord_" + std::to_string(++m_nextStatement);
        PGresult *r = PQprepare(m_conn, name.c_str(), sql, 0, nullptr);
        if (!r || PQresultStatus(r) != PGRES_COMMAND_OK)
            fail(r, sql);
        PQclear(r);
        it = m_prepared.emplace(sql, std::move(name)).first;
    }
    const auto values = params.pointers();
    PGresult *r = PQexecPrepared(m_conn, it->second.c_str(), params.size(), values.data(), params.lengths().data(),
                                 params.formats().data(), 0);
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        fail(r, sql);
    return Result(r);
}

std::vector<Result> Connection::pipeline(const std::vector<Statement> &statements, bool commit)
{
    reconnectIfAllowed();
    // What goes to the server, in order: each statement's Parse the first time this connection
    // sees its text, then its Bind/Execute; BEGIN and COMMIT as statements of their own.
    struct Command
    {
        enum Kind
        {
            Plain,
            Prepare,
            Execute,
            AfterCommit ///< setAfterCommit()'s SQL: a failure is not the unit's
        } kind;
        std::string text; ///< Plain, AfterCommit: the SQL; Prepare, Execute: the statement's name
        const char *sql = nullptr;
        std::size_t statement = 0;
    };
    std::vector<Command> commands;
    commands.reserve(statements.size() + 4);
    for (std::string &begin : std::exchange(m_deferredBegin, {}))
        commands.push_back({Command::Plain, std::move(begin)});
    std::unordered_map<const char *, std::string> preparing;
    for (std::size_t i = 0; i < statements.size(); ++i) {
        const char *sql = statements[i].sql;
        std::string name;
        if (const auto it = m_prepared.find(sql); it != m_prepared.end()) {
            name = it->second;
        } else if (const auto p = preparing.find(sql); p != preparing.end()) {
            name = p->second;
        } else {
            name = "concord_" + std::to_string(++m_nextStatement);
            preparing.emplace(sql, name);
            commands.push_back({Command::Prepare, name, sql});
        }
        commands.push_back({Command::Execute, std::move(name), sql, i});
    }
    if (commit) {
        commands.push_back({Command::Plain, "COMMIT"});
        if (!m_afterCommit.empty())
            commands.push_back({Command::AfterCommit, m_afterCommit});
    }

    if (!m_conn || PQenterPipelineMode(m_conn) != 1)
        fail(nullptr, "pipeline");
    std::vector<Result> results(statements.size());
    PGresult *error = nullptr; // the first statement that failed; the ones after it did not run
    std::string errorContext;
    bool broken = false;
    // A sync point every kBatch commands: what the server answers before the client reads
    // stays far below the socket's buffers, however many shapes a label has.
    constexpr std::size_t kBatch = 128;
    for (std::size_t next = 0; next < commands.size() && !error && !broken;) {
        const std::size_t end = std::min(commands.size(), next + kBatch);
        std::size_t sent = next;
        for (; sent < end; ++sent) {
            const Command &c = commands[sent];
            int ok = 0;
            if (c.kind == Command::Plain || c.kind == Command::AfterCommit) {
                ok = PQsendQueryParams(m_conn, c.text.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
            } else if (c.kind == Command::Prepare) {
                ok = PQsendPrepare(m_conn, c.text.c_str(), c.sql, 0, nullptr);
            } else {
                const Params &p = statements[c.statement].params;
                const auto values = p.pointers();
                ok = PQsendQueryPrepared(m_conn, c.text.c_str(), p.size(), values.data(), p.lengths().data(),
                                         p.formats().data(), 0);
            }
            if (ok != 1)
                break;
        }
        if (sent < end || PQpipelineSync(m_conn) != 1) {
            broken = true;
            break;
        }
        // One result per command, each followed by a null, then the sync point's.
        std::size_t at = next;
        bool synced = false;
        bool lastWasNull = false;
        for (;;) {
            PGresult *r = PQgetResult(m_conn);
            if (!r) {
                if (lastWasNull || PQstatus(m_conn) != CONNECTION_OK)
                    break; // the connection went away: no sync point will come
                lastWasNull = true;
                continue;
            }
            lastWasNull = false;
            const auto status = PQresultStatus(r);
            if (status == PGRES_PIPELINE_SYNC) {
                PQclear(r);
                synced = true;
                break;
            }
            if (at >= sent) {
                PQclear(r);
                continue;
            }
            const Command &c = commands[at++];
            if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
                if (c.kind == Command::Prepare)
                    m_prepared.emplace(c.sql, c.text);
                if (c.kind == Command::Execute)
                    results[c.statement] = Result(r);
                else
                    PQclear(r);
            } else if (status == PGRES_PIPELINE_ABORTED || error || c.kind == Command::AfterCommit) {
                PQclear(r);
            } else {
                error = r;
                errorContext = c.kind == Command::Plain ? c.text : std::string(c.sql);
            }
        }
        broken = !synced;
        next = sent;
    }
    if (broken || PQexitPipelineMode(m_conn) != 1) {
        // The connection is in no state to be used again: close it, so that the unit fails
        // (Unavailable) and a new one reconnects.
        std::string message = PQerrorMessage(m_conn);
        while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
            message.pop_back();
        if (error)
            PQclear(error);
        PQfinish(m_conn);
        m_conn = nullptr;
        throw Error(ErrorCode::Unavailable, "lost the server: " + (message.empty() ? "no answer" : message), m_display);
    }
    if (error)
        fail(error, errorContext);
    return results;
}

void Connection::execScript(const std::string &sql)
{
    reconnectIfAllowed();
    if (!m_deferredBegin.empty()) { // one simple query: "BEGIN …; sql"
        std::string script;
        for (const std::string &begin : std::exchange(m_deferredBegin, {}))
            script += begin + ";\n";
        exec(script + sql);
    } else {
        exec(sql);
    }
}

void Connection::exec(const std::string &sql)
{
    PGresult *r = PQexec(m_conn, sql.c_str());
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        fail(r, sql);
    PQclear(r);
}

std::string Connection::quoteIdentifier(std::string_view name) const
{
    char *q = PQescapeIdentifier(m_conn, name.data(), name.size());
    if (!q)
        throw Error(ErrorCode::Invalid, PQerrorMessage(m_conn), {}, 0, std::string(name));
    std::string out(q);
    PQfreemem(q);
    return out;
}

std::string Connection::quoteLiteral(std::string_view text) const
{
    char *q = PQescapeLiteral(m_conn, text.data(), text.size());
    if (!q)
        throw Error(ErrorCode::Invalid, PQerrorMessage(m_conn));
    std::string out(q);
    PQfreemem(q);
    return out;
}

int Connection::drainNotifications()
{
    if (!m_conn || PQconsumeInput(m_conn) == 0)
        return 0;
    int count = 0;
    const int self = PQbackendPID(m_conn);
    while (PGnotify *n = PQnotifies(m_conn)) {
        if (n->be_pid != self)
            ++count;
        PQfreemem(n);
    }
    return count;
}

} // namespace concord::core::pg
