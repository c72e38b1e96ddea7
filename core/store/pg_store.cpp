// SPDX-License-Identifier: GPL-3.0-or-later
// PgStore, first half: creating and opening a server project, transactions, settings,
// classes, labelers, images and their bytes, attributes (pg_store_records.cpp has the rest).
#include "core/store/pg_store.h"

#include "core/common/error.h"
#include "core/store/pg_rows_p.h"
#include "core/store/pg_schema_p.h"
#include "core/store/server.h"
#include "core/store/settings_meta_p.h"
#include "core/store/shapeclass_p.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <random>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace concord::core {

namespace fs = std::filesystem;
using namespace pg_rows;

namespace {

/// How long one unit of work keeps retrying before Error(Busy), unless setLockWait() says
/// otherwise (the SQLite backend's default: 40 s suits batch work).
constexpr std::chrono::milliseconds kDefaultLockWait{40000};
constexpr const char *kChannel = "LISTEN concord_changes";
/// A unit of work tells the change trigger (pg_schema.cpp, concord_changed) not to notify
/// inside it, and notifies once right after its COMMIT instead (kNotify), in the same round
/// trip. A NOTIFY inside the transaction makes PostgreSQL take its cluster-wide notify lock
/// before the commit and hold it until the commit's WAL flush is done, so the commits of all
/// labelers queue for one another's flushes instead of sharing one: with a 4 ms flush, 8
/// labelers saving flat out got half the saves through (docs/PERFORMANCE.md).
/// SET rather than set_config(): a SELECT would take the transaction's snapshot, and a unit's
/// first statement must be free to take a lock first (lockForApply).
constexpr const char *kNoNotifyInside = "SET LOCAL concord.notify_after_commit = on";
/// The ping itself, in a transaction of its own that does not wait for the flush: a ping lost
/// in a server crash costs nothing, as a new connection reloads anyway (dataVersion()).
constexpr const char *kNotify =
    "SELECT set_config('synchronous_commit', 'off', true), pg_notify('concord_changes', 'commit')";

std::string fileNameOf(const std::string &path)
{
    const auto slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// Group role names of a project: cluster-wide, so they carry the database's name.
std::string groupRole(const std::string &database, const char *what)
{
    std::string base = database.substr(0, 40);
    for (char &c : base)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            c = '_';
    return "concord_" + base + "_" + what;
}

bool hasProjectTable(pg::Connection &db)
{
    const auto r = db.run("SELECT to_regclass('public.project_meta') IS NOT NULL");
    return r.rows() > 0 && r.boolean(0, 0);
}

int storedSchemaVersion(pg::Connection &db)
{
    const auto r = db.run("SELECT value FROM project_meta WHERE key = 'schema_version'");
    if (r.rows() == 0)
        return 0;
    return std::atoi(r.text(0, 0).c_str());
}

/// The desk's image cache: $CONCORD_IMAGE_CACHE, else $XDG_CACHE_HOME/concord/images, else
/// ~/.cache/concord/images.
fs::path cacheRoot()
{
    if (const char *dir = std::getenv("CONCORD_IMAGE_CACHE"); dir && *dir)
        return dir;
    if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return fs::path(xdg) / "concord" / "images";
    if (const char *home = std::getenv("HOME"); home && *home)
        return fs::path(home) / ".cache" / "concord" / "images";
    return fs::temp_directory_path() / "concord-images";
}

/// The cache keeps at most this many bytes ($CONCORD_IMAGE_CACHE_MB, default 4096 MB); the
/// least recently used files go first.
std::uintmax_t cacheLimit()
{
    if (const char *mb = std::getenv("CONCORD_IMAGE_CACHE_MB"); mb && *mb)
        return static_cast<std::uintmax_t>(std::max(1L, std::atol(mb))) << 20;
    return std::uintmax_t(4096) << 20;
}

void evictCache(const fs::path &root)
{
    struct Entry
    {
        fs::path path;
        fs::file_time_type used;
        std::uintmax_t size;
    };
    std::vector<Entry> entries;
    std::uintmax_t total = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec))
            continue;
        const auto size = it->file_size(ec);
        entries.push_back({it->path(), it->last_write_time(ec), size});
        total += size;
    }
    const auto limit = cacheLimit();
    if (total <= limit)
        return;
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.used < b.used; });
    for (const Entry &e : entries) {
        if (total <= limit * 9 / 10)
            break;
        if (fs::remove(e.path, ec))
            total -= e.size;
    }
}

/// Writes `bytes` to `file` through a temporary file and a rename, so another process never
/// reads half an image. POSIX I/O: the cache is not the project (nothing in core/store opens
/// the project other than through its database library).
void writeAtomically(const fs::path &file, const std::string &bytes)
{
    fs::create_directories(file.parent_path());
    const fs::path tmp = file.string() + ".part" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw Error(ErrorCode::Io, "cannot write the image cache: " + std::string(std::strerror(errno)), tmp.string());
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            throw Error(ErrorCode::Io, "cannot write the image cache: " + std::string(std::strerror(err)),
                        tmp.string());
        }
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (::rename(tmp.c_str(), file.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw Error(ErrorCode::Io, "cannot write the image cache: " + std::string(std::strerror(err)), file.string());
    }
}

} // namespace

bool isServerLocation(std::string_view location)
{
    return pg::isConnectionString(location);
}

std::unique_ptr<Store> openStore(const std::string &location, OpenMode mode)
{
    if (isServerLocation(location))
        return openServerProject(location, mode);
    return openProject(fs::path(location), mode);
}

std::unique_ptr<Store> createServerProject(const std::string &conninfo, const ProjectSettings &settings)
{
    auto db = std::make_unique<pg::Connection>(conninfo);
    if (hasProjectTable(*db))
        throw Error(ErrorCode::Invalid,
                    "the database holds a Concord project already; a new server project needs an empty database",
                    db->displayName());
    const auto tables = db->run("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
    if (tables.int64(0, 0) > 0)
        throw Error(ErrorCode::Invalid,
                    "the database has tables of its own; a server project needs an empty database (createdb NAME)",
                    db->displayName());
    const std::string lead = groupRole(db->database(), "lead");
    const std::string labeler = groupRole(db->database(), "labeler");
    db->execScript("BEGIN");
    try {
        for (const std::string &role : {lead, labeler}) {
            const auto exists = db->run("SELECT 1 FROM pg_roles WHERE rolname = $1", role);
            if (exists.rows() == 0)
                db->execScript("CREATE ROLE " + db->quoteIdentifier(role) + " NOLOGIN");
        }
        // The one who creates the project leads it (and owns the tables, which FORCE ROW LEVEL
        // SECURITY subjects to the same policies as everyone else).
        db->execScript("GRANT " + db->quoteIdentifier(lead) + " TO CURRENT_USER");
        pg::createSchema(*db, lead, labeler);
        db->execScript("COMMIT");
    } catch (...) {
        db->execScript("ROLLBACK");
        throw;
    }
    db->execScript(kChannel);
    auto store = std::make_unique<PgStore>(std::move(db), false);
    store->transaction([&] {
        store->setMeta("schema_version", std::to_string(kSchemaVersion));
        store->setMeta("server_lead_role", lead);
        store->setMeta("server_labeler_role", labeler);
        store->setMeta("created_at", utcNow());
        store->setMeta("created_by", "Concord " CONCORD_VERSION);
        store->setSettings(settings);
    });
    return store;
}

std::unique_ptr<Store> openServerProject(const std::string &conninfo, OpenMode mode)
{
    auto db = std::make_unique<pg::Connection>(conninfo);
    if (!hasProjectTable(*db))
        throw Error(ErrorCode::NotAProject,
                    "not a Concord project (the database has no Concord tables; create one with "
                    "'concord-cli server init')",
                    db->displayName());
    const int version = storedSchemaVersion(*db);
    if (version > kSchemaVersion)
        throw Error(ErrorCode::NewerVersion,
                    "this server project was written by a newer Concord (schema " + std::to_string(version) +
                        ", this build reads up to " + std::to_string(kSchemaVersion) + "); update Concord to open it",
                    db->displayName());
    if (version < 3)
        throw Error(ErrorCode::NotAProject,
                    "this server project has schema " + std::to_string(version) + ", which this Concord cannot read",
                    db->displayName());
    if (version < kSchemaVersion && mode == OpenMode::ReadOnly)
        throw Error(ErrorCode::ReadOnly,
                    "this server project uses an older format that must be upgraded, which needs write access",
                    db->displayName());
    db->setSessionSetup(kChannel);
    db->execScript(kChannel);
    auto store = std::make_unique<PgStore>(std::move(db), mode == OpenMode::ReadOnly);
    if (version < kSchemaVersion)
        store->migrate(version);
    return store;
}

PgStore::PgStore(std::unique_ptr<pg::Connection> db, bool readOnly)
    : m_db(std::move(db))
    , m_readOnly(readOnly)
    , m_lockWait(kDefaultLockWait)
    , m_jitter(std::random_device{}())
{
    m_db->setSessionSetup(kChannel);
    m_db->setAfterCommit(kNotify);
}

PgStore::~PgStore() = default;

fs::path PgStore::path() const
{
    return m_db->displayName();
}

fs::path PgStore::baseDir() const
{
    return cacheRoot();
}

std::string PgStore::leadRole() const
{
    return meta("server_lead_role").value_or("");
}

std::string PgStore::labelerRole() const
{
    return meta("server_labeler_role").value_or("");
}

void PgStore::requireWritable() const
{
    if (m_readOnly)
        throw Error(ErrorCode::ReadOnly, "the project is open read-only", m_db->displayName());
}

void PgStore::setLockWait(std::chrono::milliseconds total)
{
    // One budget for the whole unit: a lock is waited for at most that long, and serialization
    // failures are retried until it is spent.
    m_lockWait = std::max(total, std::chrono::milliseconds(10));
    m_db->execScript("SET lock_timeout = " + std::to_string(m_lockWait.count()));
}

void PgStore::lockLabelsForRewrite()
{
    if (m_depth == 0)
        throw Error(ErrorCode::Invalid, "lockLabelsForRewrite() belongs inside a transaction");
    // SHARE ROW EXCLUSIVE: others read on, but no one writes labels, shapes or queue rows until
    // this unit commits. Taken before the unit's first query, so its snapshot sees every save
    // that came before; labelers' saves wait for it instead of aborting it.
    m_db->execScript("LOCK TABLE label, annotation, assignment IN SHARE ROW EXCLUSIVE MODE");
}

void PgStore::transaction(const std::function<void()> &work)
{
    requireWritable();
    if (m_depth > 0) {
        ++m_depth;
        try {
            work();
        } catch (...) {
            --m_depth;
            throw;
        }
        --m_depth;
        return;
    }
    const auto deadline = std::chrono::steady_clock::now() + m_lockWait;
    for (int attempt = 1;; ++attempt) {
        m_depth = 1;
        try {
            // SERIALIZABLE: a unit that read labels (a standard's apply) and another that
            // changed one of them (a labeler's save) cannot both commit; the loser is retried
            // whole and sees the winner's work, as SQLite's single writer would have it.
            // BEGIN travels with the unit's first statement (a round trip fewer); the
            // snapshot is taken at that statement either way.
            m_db->deferBegin({"BEGIN ISOLATION LEVEL SERIALIZABLE", kNoNotifyInside});
            m_db->setAutoReconnect(false);
            work();
            // Nothing to commit when the unit sent no statement, or committed with its last
            // one (saveLabel's pipeline).
            if (!m_db->cancelDeferredBegin() && m_db->inTransaction())
                m_db->commit();
            m_db->setAutoReconnect(true);
            m_depth = 0;
            return;
        } catch (const Error &e) {
            m_depth = 0;
            m_db->cancelDeferredBegin();
            m_db->setAutoReconnect(true);
            if (m_db->isOk() && m_db->inTransaction()) {
                try {
                    m_db->execScript("ROLLBACK");
                } catch (const Error &) { // the error that brought us here is the one to report
                }
            }
            const bool retry =
                e.code() == ErrorCode::Busy || (e.code() == ErrorCode::Unavailable && attempt == 1); // one reconnect
            if (retry) {
                // Exponential back-off with full jitter (a random pause up to 2 ms · 2^attempt,
                // at most 200 ms), from a seed of this process's own: processes that collided
                // do not retry in step and collide again.
                const auto cap = std::min<std::int64_t>(200, std::int64_t(2) << std::min(attempt, 7));
                const auto pause =
                    std::chrono::milliseconds(std::uniform_int_distribution<std::int64_t>(1, cap)(m_jitter));
                if (std::chrono::steady_clock::now() + pause < deadline) {
                    std::this_thread::sleep_for(pause);
                    continue;
                }
            }
            throw;
        } catch (...) {
            m_depth = 0;
            m_db->cancelDeferredBegin();
            m_db->setAutoReconnect(true);
            if (m_db->isOk() && m_db->inTransaction()) {
                try {
                    m_db->execScript("ROLLBACK");
                } catch (const Error &) {
                }
            }
            throw;
        }
    }
}

void PgStore::write(const std::function<void()> &work)
{
    transaction(work);
}

Id PgStore::saveLabel(Id image, Id labeler, Id labelClass, const std::vector<Annotation> &annotations,
                      LabelSource source)
{
    // What core::saveLabel() asks of any store, statement for statement: setLabel() with the
    // round from assignmentRound() (0 without one) and the newest active standard (what
    // standardInForce() picks), replaceAnnotations() and markAssignmentsDone(). The label's
    // id is not needed between them: the shapes find their label by (image, labeler), and
    // a shape without a class of its own takes the label's, as addAnnotation() does. The
    // created_at of a label saved before stays, as ON CONFLICT never changes it.
    static constexpr const char *kLabel =
        "INSERT INTO label(image, labeler, class, round, standard, source, created_at, updated_at) "
        "VALUES ($1, $2, $3, coalesce((SELECT max(round) FROM assignment WHERE image = $1 AND labeler = $2), 0), "
        "(SELECT max(id) FROM standard WHERE status = 'active'), $4, $5, $5) "
        "ON CONFLICT(image, labeler) DO UPDATE SET class = excluded.class, round = excluded.round, "
        "standard = excluded.standard, source = excluded.source, updated_at = excluded.updated_at RETURNING id";
    static constexpr const char *kDropShapes =
        "DELETE FROM annotation WHERE label = (SELECT id FROM label WHERE image = $1 AND labeler = $2)";
    static constexpr const char *kShape =
        "INSERT INTO annotation(label, kind, geometry, length_px, length_mm, area, class) "
        "SELECT l.id, $3::text, $4::text, $5::double precision, $6::double precision, $7::double precision, "
        "coalesce($8::bigint, (SELECT id FROM label_class WHERE name = $9::text), l.class) "
        "FROM label l WHERE l.image = $1 AND l.labeler = $2";
    static constexpr const char *kDone =
        "UPDATE assignment SET state = 'done' WHERE image = $1 AND labeler = $2 AND state <> 'done'";
    Id id = 0;
    transaction([&] {
        std::vector<pg::Statement> unit;
        unit.reserve(annotations.size() + 3);
        unit.push_back({kLabel, pg::Params::of(image, labeler, labelClass, toString(source), utcNow())});
        unit.push_back({kDropShapes, pg::Params::of(image, labeler)});
        for (const Annotation &a : annotations)
            unit.push_back({kShape, pg::Params::of(image, labeler, toString(a.kind), a.geometry, a.lengthPx, a.lengthMm,
                                                   a.area, store_detail::boundClass(a.classId),
                                                   store_detail::geometryClassHint(a.geometry))});
        unit.push_back({kDone, pg::Params::of(image, labeler)});
        // COMMIT rides along unless an enclosing unit commits.
        const auto results = m_db->pipeline(unit, m_depth == 1);
        id = results.front().rows() > 0 ? results.front().int64(0, 0) : 0;
    });
    return id;
}

std::int64_t PgStore::dataVersion() const
{
    m_dataVersion += m_db->drainNotifications();
    // A new connection may have missed notifications: its generation changes the value.
    return static_cast<std::int64_t>(m_db->generation() << 40) + m_dataVersion;
}

// --- settings -----------------------------------------------------------------------------

ProjectSettings PgStore::settings() const
{
    return settings_meta::read(*this, m_db->displayName());
}

void PgStore::setSettings(const ProjectSettings &s)
{
    settings_meta::write(*this, s);
}

std::optional<std::string> PgStore::meta(const std::string &key) const
{
    const auto r = m_db->run("SELECT value FROM project_meta WHERE key = $1", key);
    if (r.rows() == 0)
        return std::nullopt;
    return r.text(0, 0);
}

void PgStore::setMeta(const std::string &key, const std::string &value)
{
    write([&] {
        m_db->run("INSERT INTO project_meta(key, value) VALUES ($1, $2) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                  key, value);
    });
}

int PgStore::schemaVersion() const
{
    return storedSchemaVersion(*m_db);
}

void PgStore::migrate(int from)
{
    try {
        transaction([&] {
            // Another desk may have migrated since this one read the version: check again
            // under the table lock the ALTER TABLE takes anyway.
            m_db->execScript("LOCK TABLE project_meta IN ACCESS EXCLUSIVE MODE");
            if (storedSchemaVersion(*m_db) >= kSchemaVersion)
                return;
            pg::migrateSchema(*m_db, from, kSchemaVersion);
            setMeta("schema_version", std::to_string(kSchemaVersion));
            appendAudit("concord", "migrate",
                        "{\"from\":" + std::to_string(from) + ",\"to\":" + std::to_string(kSchemaVersion) + "}");
        });
    } catch (const Error &e) {
        if (e.code() != ErrorCode::Database)
            throw;
        throw Error(ErrorCode::Denied,
                    "this server project has schema " + std::to_string(from) + " and must be upgraded to " +
                        std::to_string(kSchemaVersion) +
                        " by the owner of its tables (the login that ran 'concord-cli server init'), who opens it "
                        "once: " +
                        e.what(),
                    m_db->displayName());
    }
}

// --- classes ------------------------------------------------------------------------------

Id PgStore::addClass(const LabelClass &c)
{
    if (c.name.empty())
        throw Error(ErrorCode::Invalid, "a class needs a name", {}, 0, "name");
    if (classByName(c.name))
        throw Error(ErrorCode::Invalid, "the class exists already", {}, 0, c.name);
    Id id = 0;
    write([&] {
        id = m_db->run("INSERT INTO label_class(name, color, shortcut, description, ord, scope) "
                       "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                       c.name, c.color, c.shortcut, c.description, c.order, toString(c.scope))
                 .int64(0, 0);
    });
    return id;
}

void PgStore::updateClass(const LabelClass &c)
{
    if (c.name.empty())
        throw Error(ErrorCode::Invalid, "a class needs a name", {}, 0, "name");
    write([&] {
        if (m_db->run("SELECT 1 FROM label_class WHERE id = $1", c.id).rows() == 0)
            throw Error(ErrorCode::NotFound, "no class has the id " + std::to_string(c.id));
        if (const auto other = classByName(c.name); other && other->id != c.id)
            throw Error(ErrorCode::Invalid, "another class has this name already", {}, 0, c.name);
        m_db->run("UPDATE label_class SET name = $1, color = $2, shortcut = $3, description = $4, ord = $5, "
                  "scope = $6 WHERE id = $7",
                  c.name, c.color, c.shortcut, c.description, c.order, toString(c.scope), c.id);
    });
}

std::vector<LabelClass> PgStore::classes() const
{
    return collect<LabelClass>(m_db->run("SELECT " PG_CLASS_COLS " FROM label_class ORDER BY ord, id"), readClass);
}

std::optional<LabelClass> PgStore::classByName(const std::string &name) const
{
    return first<LabelClass>(m_db->run("SELECT " PG_CLASS_COLS " FROM label_class WHERE name = $1", name), readClass);
}

// --- labelers -----------------------------------------------------------------------------

Id PgStore::addLabeler(const std::string &name, Role role)
{
    if (name.empty())
        throw Error(ErrorCode::Invalid, "a labeler needs a name", {}, 0, "name");
    Id id = 0;
    write([&] {
        id = m_db->run("INSERT INTO labeler(name, role, created_at) VALUES ($1, $2, $3) RETURNING id", name,
                       toString(role), utcNow())
                 .int64(0, 0);
    });
    return id;
}

std::vector<Labeler> PgStore::labelers() const
{
    return collect<Labeler>(m_db->run("SELECT id, name, role FROM labeler ORDER BY id"), readLabeler);
}

std::optional<Labeler> PgStore::labelerByName(const std::string &name) const
{
    return first<Labeler>(m_db->run("SELECT id, name, role FROM labeler WHERE name = $1", name), readLabeler);
}

std::optional<Labeler> PgStore::labeler(Id id) const
{
    return first<Labeler>(m_db->run("SELECT id, name, role FROM labeler WHERE id = $1", id), readLabeler);
}

// --- images -------------------------------------------------------------------------------

Id PgStore::addImage(const ImageRecord &r)
{
    Id id = 0;
    write([&] {
        id = m_db->run("INSERT INTO image(path, hash, bytes, width, height, px_per_mm, file_name, added_at) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                       r.path, r.hash, r.bytes, r.width, r.height,
                       r.pxPerMm > 0 ? std::optional<double>(r.pxPerMm) : std::nullopt, fileNameOf(r.path), utcNow())
                 .int64(0, 0);
    });
    return id;
}

std::optional<ImageRecord> PgStore::image(Id id) const
{
    return first<ImageRecord>(m_db->run("SELECT " PG_IMAGE_COLS " FROM image WHERE id = $1", id), readImage);
}

std::optional<ImageRecord> PgStore::imageByPath(const std::string &path) const
{
    return first<ImageRecord>(m_db->run("SELECT " PG_IMAGE_COLS " FROM image WHERE path = $1", path), readImage);
}

std::vector<ImageRecord> PgStore::imagesByHash(const std::string &hash) const
{
    return collect<ImageRecord>(m_db->run("SELECT " PG_IMAGE_COLS " FROM image WHERE hash = $1 ORDER BY id", hash),
                                readImage);
}

std::vector<ImageRecord> PgStore::imagesByFileName(const std::string &name) const
{
    return collect<ImageRecord>(m_db->run("SELECT " PG_IMAGE_COLS " FROM image WHERE file_name = $1 ORDER BY id", name),
                                readImage);
}

std::vector<ImageRecord> PgStore::images(std::int64_t offset, std::int64_t limit) const
{
    return collect<ImageRecord>(
        m_db->run("SELECT " PG_IMAGE_COLS " FROM image ORDER BY id LIMIT $1 OFFSET $2", limitOf(limit), offset),
        readImage);
}

std::int64_t PgStore::imageCount() const
{
    return m_db->run("SELECT count(*) FROM image").int64(0, 0);
}

std::int64_t PgStore::relinkImages(const std::string &oldPrefix, const std::string &newPrefix)
{
    std::int64_t n = 0;
    write([&] {
        n = m_db->run("UPDATE image SET path = $1::text || substr(path, length($2::text) + 1) "
                      "WHERE substr(path, 1, length($2::text)) = $2::text",
                      newPrefix, oldPrefix)
                .affected();
        appendAudit("concord", "relink", nlohmann::json{{"from", oldPrefix}, {"to", newPrefix}, {"images", n}}.dump());
    });
    return n;
}

void PgStore::putImageContent(const std::string &hash, const std::string &bytes)
{
    write([&] {
        pg::Params p;
        p.add(hash).addBytes(bytes);
        m_db->query("INSERT INTO image_content(hash, bytes) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING", p);
    });
}

bool PgStore::hasImageContent(const std::string &hash) const
{
    return m_db->run("SELECT 1 FROM image_content WHERE hash = $1", hash).rows() > 0;
}

std::optional<Store::ServerIdentity> PgStore::serverIdentity() const
{
    const auto r = m_db->run("SELECT current_user::text, concord_my_name(), concord_is_lead()");
    ServerIdentity id;
    id.login = r.text(0, 0);
    if (!r.isNull(0, 1))
        id.labeler = r.text(0, 1);
    id.lead = r.boolean(0, 2);
    return id;
}

fs::path PgStore::localImagePath(const ImageRecord &image) const
{
    // Content-addressed: an image's bytes never change under its hash, so a cached file is
    // good for ever; its extension is kept for tools that look at it.
    const std::string ext = fs::path(image.path).extension().string();
    return cacheRoot() / image.hash.substr(0, 2) / (image.hash + ext);
}

fs::path PgStore::resolveImagePath(const ImageRecord &image) const
{
    const fs::path root = cacheRoot();
    const fs::path file = localImagePath(image);
    std::error_code ec;
    if (fs::is_regular_file(file, ec)) {
        fs::last_write_time(file, fs::file_time_type::clock::now(), ec); // recently used
        return file;
    }
    const auto r = m_db->run("SELECT bytes FROM image_content WHERE hash = $1", image.hash);
    if (r.rows() == 0)
        throw Error(ErrorCode::NotFound, "the server holds no bytes for this image", image.path);
    writeAtomically(file, r.bytes(0, 0));
    static std::atomic<int> fetched{0};
    if (++fetched % 32 == 0)
        evictCache(root);
    return file;
}

// --- attributes ---------------------------------------------------------------------------

void PgStore::setAttribute(const ImageAttribute &a)
{
    write([&] {
        const auto *d = std::get_if<double>(&a.value);
        m_db->run("INSERT INTO image_attr(image, key, num, text, source) VALUES ($1, $2, $3, $4, $5) "
                  "ON CONFLICT(image, key) DO UPDATE SET num = excluded.num, text = excluded.text, "
                  "source = excluded.source",
                  a.image, a.key, d ? std::optional<double>(*d) : std::nullopt,
                  d ? std::nullopt : std::optional<std::string>(std::get<std::string>(a.value)), toString(a.source));
    });
}

std::vector<ImageAttribute> PgStore::attributes(const std::string &key) const
{
    return collect<ImageAttribute>(
        m_db->run("SELECT image, key, num, text, source FROM image_attr WHERE key = $1 ORDER BY image", key),
        readAttribute);
}

std::vector<ImageAttribute> PgStore::imageAttributes(Id image) const
{
    return collect<ImageAttribute>(
        m_db->run("SELECT image, key, num, text, source FROM image_attr WHERE image = $1 ORDER BY key", image),
        readAttribute);
}

std::vector<std::string> PgStore::attributeKeys() const
{
    return collect<std::string>(m_db->run("SELECT DISTINCT key FROM image_attr ORDER BY key"),
                                [](const pg::Result &r, int row) { return r.text(row, 0); });
}

void PgStore::removeAttributes(const std::string &key, AttrSource source)
{
    write([&] { m_db->run("DELETE FROM image_attr WHERE key = $1 AND source = $2", key, toString(source)); });
}

} // namespace concord::core
