// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/sqlite_store.h"

#include "core/common/error.h"
#include "core/store/schema.h"
#include "core/store/settings_meta_p.h"
#include "core/store/sqlite_rows_p.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>
#include <thread>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace concord::core {

namespace fs = std::filesystem;
using sqlite::Database;
using sqlite::Statement;
using namespace sqlite_rows;

namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr int kTransactionAttempts = 8;

std::string fileNameOf(const std::string &path)
{
    const auto slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

void configureConnection(Database &db, bool readOnly)
{
    sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
    db.execScript("PRAGMA foreign_keys = ON;");
    if (readOnly) {
        // A reading connection may be a read-write one (see readAccess): SQLite itself
        // then refuses every change too, besides SqliteStore::requireWritable.
        db.execScript("PRAGMA query_only = ON;");
    } else {
        db.execScript("PRAGMA journal_mode = WAL;");
        // NORMAL is durable across application crashes in WAL mode (only a power loss can
        // lose the last commits); FULL makes every commit survive power loss too.
        db.execScript("PRAGMA synchronous = FULL;");
    }
}

/// True when this process may write `path` (the effective ids, as the kernel checks them);
/// a file that does not exist counts as writable. Only access(2): never an open of the
/// project or its -wal/-shm (RELIABILITY.md "Beside other Concord processes").
bool mayWrite(const fs::path &path)
{
    if (::faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) == 0)
        return true;
    return errno == ENOENT;
}

bool statExists(const fs::path &path)
{
    struct stat st = {};
    return ::stat(path.c_str(), &st) == 0;
}

fs::path sibling(const fs::path &file, const char *suffix)
{
    fs::path p = file;
    p += suffix;
    return p;
}

/// The first of the project file, its folder (SQLite creates and deletes the -wal and -shm
/// there) and its existing -wal/-shm that this process may not write; empty when it may
/// write them all, as a connection in WAL mode must.
fs::path unwritablePart(const fs::path &file)
{
    fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    if (::faccessat(AT_FDCWD, file.c_str(), W_OK, AT_EACCESS) != 0)
        return file;
    if (::faccessat(AT_FDCWD, folder.c_str(), W_OK, AT_EACCESS) != 0)
        return folder;
    for (const char *suffix : {"-wal", "-shm"})
        if (!mayWrite(sibling(file, suffix)))
            return sibling(file, suffix);
    return {};
}

bool canWriteProject(const fs::path &file)
{
    return unwritablePart(file).empty();
}

/// A connection that only reads, opened so that it needs no file it cannot create and leaves
/// no file behind (docs/RELIABILITY.md "Viewing without write access"):
///  1. the project is writable here: a read-write connection (made query_only by
///     configureConnection), with SQLite's usual locks; the -wal/-shm it may create are this
///     user's, with the project's permissions, and SQLite deletes them when the last
///     connection closes (a read-only connection would leave them behind);
///  2. not writable, a -wal exists: it may hold committed changes that are not yet in the
///     main file, so SQLite must read it: a read-only connection, which needs the -shm to
///     exist already (it is never created for a reader that cannot write: a -shm owned by
///     the reader would block the owner's next write);
///  3. not writable, no -wal (every commit is in the main file) and no rollback journal:
///     an immutable snapshot (`immutable=1`), which needs no lock and no journal file.
Database::Access readAccess(const fs::path &file)
{
    if (canWriteProject(file))
        return Database::Access::ReadWrite;
    if (statExists(sibling(file, "-wal"))) {
        if (!statExists(sibling(file, "-shm")))
            throw Error(ErrorCode::ReadOnly,
                        "the project's write-ahead log (" + sibling(file, "-wal").filename().string() +
                            ") may hold saved changes, and reading them needs its index (" +
                            sibling(file, "-shm").filename().string() +
                            "), which is missing; Concord does not create it without write access to the "
                            "project. Open the project once as a user who can write it",
                        file.string());
        return Database::Access::ReadOnly;
    }
    if (statExists(sibling(file, "-journal")))
        return Database::Access::ReadOnly;
    return Database::Access::Snapshot;
}

int readUserVersion(Database &db)
{
    Statement &st = db.prepare("PRAGMA user_version");
    st.step();
    const int v = st.integer(0);
    st.reset();
    return v;
}

bool hasProjectTable(Database &db)
{
    Statement &st = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'project_meta'");
    st.step();
    const bool yes = st.int64(0) > 0;
    st.reset();
    return yes;
}

} // namespace

std::string utcNow()
{
    using namespace std::chrono;
    const auto now = system_clock::now();
    const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    const std::time_t t = system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

fs::path Store::resolveImagePath(const ImageRecord &image) const
{
    const fs::path p(image.path);
    return p.is_absolute() ? p : baseDir() / p;
}

std::unique_ptr<Store> createProject(const fs::path &file, const ProjectSettings &settings)
{
    if (fs::exists(file))
        throw Error(ErrorCode::Io, "a file of that name exists already", file.string());
    if (file.has_parent_path() && !fs::exists(file.parent_path()))
        throw Error(ErrorCode::Io, "the folder does not exist", file.parent_path().string());
    auto db = std::make_unique<Database>(file, Database::Access::Create);
    configureConnection(*db, false);
    auto store = std::make_unique<SqliteStore>(std::move(db), false);
    store->transaction([&] {
        sqlite::migrate(store->database(), 0, kSchemaVersion);
        store->setMeta("created_at", utcNow());
        store->setMeta("created_by", "Concord " CONCORD_VERSION);
        store->setSettings(settings);
    });
    return store;
}

std::unique_ptr<Store> openProject(const fs::path &file, OpenMode mode)
{
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        throw Error(ErrorCode::Io, "no such project file", file.string());
    const Database::Access reading = readAccess(file);

    // Inspect without writing first so a file we refuse is never changed. The header is
    // checked by SQLite itself (SQLITE_NOTADB), never by reading the file with other I/O: on
    // POSIX, closing any descriptor of a file drops every fcntl lock this process holds on
    // it, including the shared lock by which this process's other connections tell other
    // processes that the WAL is in use (sqlite.org/howtocorrupt.html §2.2). A Database of
    // SQLite's own shares those locks and defers its close while they are held.
    int version = 0;
    {
        Database probe(file, reading);
        configureConnection(probe, true);
        try {
            version = readUserVersion(probe);
        } catch (const Error &e) {
            if (e.code() == ErrorCode::NotAProject) // SQLITE_NOTADB: no SQLite header
                throw Error(ErrorCode::NotAProject, "not a Concord project (not an SQLite database)", file.string());
            throw;
        }
        if (version == 0 || !hasProjectTable(probe))
            throw Error(ErrorCode::NotAProject, "not a Concord project (an SQLite database without Concord's tables)",
                        file.string());
    }
    if (version > kSchemaVersion)
        throw Error(ErrorCode::NewerVersion,
                    "this project was written by a newer Concord (schema " + std::to_string(version) +
                        ", this build reads up to " + std::to_string(kSchemaVersion) + "); update Concord to open it",
                    file.string());

    bool readOnly = mode == OpenMode::ReadOnly;
    if (reading != Database::Access::ReadWrite) { // canWriteProject() said no
        if (mode == OpenMode::ReadWrite) {
            const fs::path part = unwritablePart(file);
            const bool isFile = part == file;
            const bool isFolder = part == (file.has_parent_path() ? file.parent_path() : fs::path("."));
            const std::string what = isFile     ? std::string("the project file")
                                     : isFolder ? "its folder " + part.string()
                                                : part.filename().string() + " beside it";
            throw Error(ErrorCode::ReadOnly, "cannot write " + what + "; open the project read-only", file.string());
        }
        readOnly = true;
    }
    if (readOnly && version < kSchemaVersion)
        throw Error(ErrorCode::ReadOnly,
                    "this project uses an older format that must be upgraded, which needs write access", file.string());

    auto db = std::make_unique<Database>(file, readOnly ? reading : Database::Access::ReadWrite);
    configureConnection(*db, readOnly);
    if (readOnly) // a snapshot that went stale is opened again by the same ladder
        db->setReopen(readAccess, [](Database &again) { configureConnection(again, true); });
    auto store = std::make_unique<SqliteStore>(std::move(db), readOnly);
    if (version < kSchemaVersion) {
        store->transaction([&] {
            sqlite::migrate(store->database(), version, kSchemaVersion);
            store->appendAudit("concord", "migrate",
                               "{\"from\":" + std::to_string(version) + ",\"to\":" + std::to_string(kSchemaVersion) +
                                   "}");
        });
    }
    return store;
}

SqliteStore::SqliteStore(std::unique_ptr<Database> db, bool readOnly)
    : m_db(std::move(db))
    , m_readOnly(readOnly)
    , m_attempts(kTransactionAttempts)
{
}

SqliteStore::~SqliteStore() = default;

fs::path SqliteStore::path() const
{
    return m_db->file();
}

fs::path SqliteStore::baseDir() const
{
    const fs::path abs = fs::absolute(m_db->file());
    return abs.parent_path();
}

void SqliteStore::requireWritable() const
{
    if (m_readOnly)
        throw Error(ErrorCode::ReadOnly, "the project is open read-only", m_db->file().string());
}

void SqliteStore::setLockWait(std::chrono::milliseconds total)
{
    // Short waits in few attempts: each attempt waits the busy timeout, then the whole unit
    // is retried; at least one attempt of at least 10 ms.
    const auto ms = std::max<std::int64_t>(total.count(), 10);
    m_attempts = ms >= std::int64_t(kBusyTimeoutMs) * 2 ? static_cast<int>(ms / kBusyTimeoutMs) : (ms >= 400 ? 4 : 1);
    sqlite3_busy_timeout(m_db->handle(), static_cast<int>(ms / m_attempts));
}

void SqliteStore::transaction(const std::function<void()> &work)
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
    const int attempts = m_attempts;
    std::minstd_rand jitter(static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(this)));
    for (int attempt = 1;; ++attempt) {
        try {
            // IMMEDIATE takes the write lock up front, so a busy database is detected before
            // any work is done and the unit can be retried whole.
            m_db->execScript("BEGIN IMMEDIATE");
        } catch (const Error &e) {
            if (e.code() == ErrorCode::Busy && attempt < attempts) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20 + jitter() % 80));
                continue;
            }
            throw;
        }
        m_depth = 1;
        try {
            work();
            m_db->execScript("COMMIT");
            m_depth = 0;
            return;
        } catch (const Error &e) {
            m_depth = 0;
            rollback();
            if (e.code() == ErrorCode::Busy && attempt < attempts) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20 + jitter() % 80));
                continue;
            }
            throw;
        } catch (...) {
            m_depth = 0;
            rollback();
            throw;
        }
    }
}

void SqliteStore::rollback() noexcept
{
    // SQLite may have rolled the transaction back itself already (SQLITE_FULL, SQLITE_IOERR,
    // SQLITE_NOMEM and SQLITE_BUSY can end it, sqlite.org/lang_transaction.html): then a
    // ROLLBACK fails with "cannot rollback - no transaction is active", and throwing that
    // would hide the error that counts (the full disk). Its own failure is never thrown:
    // the error that brought us here is.
    if (!sqlite3_get_autocommit(m_db->handle()))
        sqlite3_exec(m_db->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteStore::write(const std::function<void()> &work)
{
    transaction(work);
}

// --- settings -----------------------------------------------------------------------------

ProjectSettings SqliteStore::settings() const
{
    return settings_meta::read(*this, m_db->file().string());
}

void SqliteStore::setSettings(const ProjectSettings &s)
{
    settings_meta::write(*this, s);
}

std::optional<std::string> SqliteStore::meta(const std::string &key) const
{
    auto &st = m_db->prepare("SELECT value FROM project_meta WHERE key = ?");
    st.bind(1, key);
    return first<std::string>(st, [](const Statement &s) { return s.text(0); });
}

void SqliteStore::setMeta(const std::string &key, const std::string &value)
{
    write([&] {
        m_db->prepare("INSERT INTO project_meta(key, value) VALUES (?, ?) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bindAll(key, value)
            .exec();
    });
}

int SqliteStore::schemaVersion() const
{
    return readUserVersion(*m_db);
}

std::int64_t SqliteStore::dataVersion() const
{
    Statement &st = m_db->prepare("PRAGMA data_version");
    st.step();
    const std::int64_t v = st.int64(0);
    st.reset();
    // A reopened snapshot (Database::setReopen) counts its data_version afresh: the
    // generation in the high bits makes the value differ from every earlier one.
    return static_cast<std::int64_t>(m_db->generation() << 40) + v;
}

// --- classes ------------------------------------------------------------------------------

Id SqliteStore::addClass(const LabelClass &c)
{
    if (c.name.empty())
        throw Error(ErrorCode::Invalid, "a class needs a name", {}, 0, "name");
    if (classByName(c.name))
        throw Error(ErrorCode::Invalid, "the class exists already", {}, 0, c.name);
    Id id = 0;
    write([&] {
        m_db->prepare("INSERT INTO label_class(name, color, shortcut, description, ord, scope) "
                      "VALUES (?, ?, ?, ?, ?, ?)")
            .bindAll(c.name, c.color, c.shortcut, c.description, c.order, toString(c.scope))
            .exec();
        id = m_db->lastInsertId();
    });
    return id;
}

void SqliteStore::updateClass(const LabelClass &c)
{
    if (c.name.empty())
        throw Error(ErrorCode::Invalid, "a class needs a name", {}, 0, "name");
    write([&] {
        if (scalar(m_db->prepare("SELECT count(*) FROM label_class WHERE id = ?").bindAll(c.id)) == 0)
            throw Error(ErrorCode::NotFound, "no class has the id " + std::to_string(c.id));
        if (const auto other = classByName(c.name); other && other->id != c.id)
            throw Error(ErrorCode::Invalid, "another class has this name already", {}, 0, c.name);
        m_db->prepare("UPDATE label_class SET name = ?, color = ?, shortcut = ?, description = ?, ord = ?, "
                      "scope = ? WHERE id = ?")
            .bindAll(c.name, c.color, c.shortcut, c.description, c.order, toString(c.scope), c.id)
            .exec();
    });
}

std::vector<LabelClass> SqliteStore::classes() const
{
    auto &st = m_db->prepare("SELECT " CLASS_COLS " FROM label_class ORDER BY ord, id");
    return collect<LabelClass>(st, [](const Statement &s) { return readClass(s); });
}

std::optional<LabelClass> SqliteStore::classByName(const std::string &name) const
{
    auto &st = m_db->prepare("SELECT " CLASS_COLS " FROM label_class WHERE name = ?");
    st.bind(1, name);
    return first<LabelClass>(st, [](const Statement &s) { return readClass(s); });
}

// --- labelers -----------------------------------------------------------------------------

Id SqliteStore::addLabeler(const std::string &name, Role role)
{
    if (name.empty())
        throw Error(ErrorCode::Invalid, "a labeler needs a name", {}, 0, "name");
    Id id = 0;
    write([&] {
        m_db->prepare("INSERT INTO labeler(name, role, created_at) VALUES (?, ?, ?)")
            .bindAll(name, toString(role), utcNow())
            .exec();
        id = m_db->lastInsertId();
    });
    return id;
}

std::vector<Labeler> SqliteStore::labelers() const
{
    auto &st = m_db->prepare("SELECT id, name, role FROM labeler ORDER BY id");
    return collect<Labeler>(st, [](const Statement &s) {
        return Labeler{s.int64(0), s.text(1), parseRole(s.text(2))};
    });
}

std::optional<Labeler> SqliteStore::labelerByName(const std::string &name) const
{
    auto &st = m_db->prepare("SELECT id, name, role FROM labeler WHERE name = ?");
    st.bind(1, name);
    return first<Labeler>(st, [](const Statement &s) { return Labeler{s.int64(0), s.text(1), parseRole(s.text(2))}; });
}

std::optional<Labeler> SqliteStore::labeler(Id id) const
{
    auto &st = m_db->prepare("SELECT id, name, role FROM labeler WHERE id = ?");
    st.bind(1, id);
    return first<Labeler>(st, [](const Statement &s) { return Labeler{s.int64(0), s.text(1), parseRole(s.text(2))}; });
}

// --- images -------------------------------------------------------------------------------

Id SqliteStore::addImage(const ImageRecord &r)
{
    Id id = 0;
    write([&] {
        auto &st = m_db->prepare("INSERT INTO image(path, hash, bytes, width, height, px_per_mm, "
                                 "file_name, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        st.bindAll(r.path, r.hash, r.bytes, r.width, r.height);
        if (r.pxPerMm > 0)
            st.bind(6, r.pxPerMm);
        else
            st.bindNull(6);
        st.bind(7, fileNameOf(r.path)).bind(8, utcNow());
        st.exec();
        id = m_db->lastInsertId();
    });
    return id;
}

std::optional<ImageRecord> SqliteStore::image(Id id) const
{
    auto &st = m_db->prepare("SELECT " IMAGE_COLS " FROM image WHERE id = ?");
    st.bind(1, id);
    return first<ImageRecord>(st, readImage);
}

std::optional<ImageRecord> SqliteStore::imageByPath(const std::string &path) const
{
    auto &st = m_db->prepare("SELECT " IMAGE_COLS " FROM image WHERE path = ?");
    st.bind(1, path);
    return first<ImageRecord>(st, readImage);
}

std::vector<ImageRecord> SqliteStore::imagesByHash(const std::string &hash) const
{
    auto &st = m_db->prepare("SELECT " IMAGE_COLS " FROM image WHERE hash = ? ORDER BY id");
    st.bind(1, hash);
    return collect<ImageRecord>(st, readImage);
}

std::vector<ImageRecord> SqliteStore::imagesByFileName(const std::string &name) const
{
    auto &st = m_db->prepare("SELECT " IMAGE_COLS " FROM image WHERE file_name = ? ORDER BY id");
    st.bind(1, name);
    return collect<ImageRecord>(st, readImage);
}

std::vector<ImageRecord> SqliteStore::images(std::int64_t offset, std::int64_t limit) const
{
    auto &st = m_db->prepare("SELECT " IMAGE_COLS " FROM image ORDER BY id LIMIT ? OFFSET ?");
    st.bindAll(limit, offset);
    return collect<ImageRecord>(st, readImage);
}

std::int64_t SqliteStore::imageCount() const
{
    return scalar(m_db->prepare("SELECT count(*) FROM image"));
}

std::int64_t SqliteStore::relinkImages(const std::string &oldPrefix, const std::string &newPrefix)
{
    std::int64_t n = 0;
    write([&] {
        auto &st = m_db->prepare("UPDATE image SET path = ? || substr(path, length(?) + 1) "
                                 "WHERE substr(path, 1, length(?)) = ?");
        st.bindAll(newPrefix, oldPrefix, oldPrefix, oldPrefix).exec();
        n = m_db->changes();
        appendAudit("concord", "relink", nlohmann::json{{"from", oldPrefix}, {"to", newPrefix}, {"images", n}}.dump());
    });
    return n;
}

// --- attributes ---------------------------------------------------------------------------

void SqliteStore::setAttribute(const ImageAttribute &a)
{
    write([&] {
        auto &st = m_db->prepare("INSERT INTO image_attr(image, key, num, text, source) VALUES (?, ?, ?, ?, ?) "
                                 "ON CONFLICT(image, key) DO UPDATE SET num = excluded.num, text = excluded.text, "
                                 "source = excluded.source");
        st.bind(1, a.image).bind(2, a.key);
        if (const auto *d = std::get_if<double>(&a.value)) {
            st.bind(3, *d).bindNull(4);
        } else {
            st.bindNull(3).bind(4, std::get<std::string>(a.value));
        }
        st.bind(5, toString(a.source));
        st.exec();
    });
}

std::vector<ImageAttribute> SqliteStore::attributes(const std::string &key) const
{
    auto &st = m_db->prepare("SELECT image, key, num, text, source FROM image_attr WHERE key = ? ORDER BY image");
    st.bind(1, key);
    return collect<ImageAttribute>(st, readAttribute);
}

std::vector<ImageAttribute> SqliteStore::imageAttributes(Id image) const
{
    auto &st = m_db->prepare("SELECT image, key, num, text, source FROM image_attr WHERE image = ? ORDER BY key");
    st.bind(1, image);
    return collect<ImageAttribute>(st, readAttribute);
}

std::vector<std::string> SqliteStore::attributeKeys() const
{
    auto &st = m_db->prepare("SELECT DISTINCT key FROM image_attr ORDER BY key");
    return collect<std::string>(st, [](const Statement &s) { return s.text(0); });
}

void SqliteStore::removeAttributes(const std::string &key, AttrSource source)
{
    write([&] {
        m_db->prepare("DELETE FROM image_attr WHERE key = ? AND source = ?").bindAll(key, toString(source)).exec();
    });
}

} // namespace concord::core
