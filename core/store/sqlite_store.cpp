// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/sqlite_store.h"

#include "core/common/error.h"
#include "core/store/schema.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <random>
#include <thread>
#include <unistd.h>

namespace concord::core {

namespace fs = std::filesystem;
using sqlite::Database;
using sqlite::Statement;

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
    if (!readOnly) {
        db.execScript("PRAGMA journal_mode = WAL;");
        // NORMAL is durable across application crashes in WAL mode (only a power loss can
        // lose the last commits); FULL makes every commit survive power loss too.
        db.execScript("PRAGMA synchronous = FULL;");
    }
}

bool isSqliteFile(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    char header[16] = {};
    in.read(header, sizeof header);
    return in.gcount() == 16 && std::string(header, 15) == "SQLite format 3";
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
    Statement &st =
        db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'project_meta'");
    st.step();
    const bool yes = st.int64(0) > 0;
    st.reset();
    return yes;
}

Label readLabel(const Statement &st, int c = 0)
{
    Label l;
    l.id = st.int64(c + 0);
    l.image = st.int64(c + 1);
    l.labeler = st.int64(c + 2);
    l.labelClass = st.int64(c + 3);
    l.round = st.integer(c + 4);
    l.standard = st.optInt64(c + 5);
    l.source = parseLabelSource(st.text(c + 6));
    l.createdAt = st.text(c + 7);
    l.updatedAt = st.text(c + 8);
    return l;
}
#define LABEL_COLS "l.id, l.image, l.labeler, l.class, l.round, l.standard, l.source, l.created_at, l.updated_at"

ImageRecord readImage(const Statement &st)
{
    ImageRecord r;
    r.id = st.int64(0);
    r.path = st.text(1);
    r.hash = st.text(2);
    r.bytes = st.int64(3);
    r.width = st.integer(4);
    r.height = st.integer(5);
    r.pxPerMm = st.optReal(6).value_or(0.0);
    return r;
}
#define IMAGE_COLS "id, path, hash, bytes, width, height, px_per_mm"

Annotation readAnnotation(const Statement &st, int c = 0)
{
    Annotation a;
    a.id = st.int64(c + 0);
    a.label = st.int64(c + 1);
    a.kind = parseAnnotationKind(st.text(c + 2));
    a.geometry = st.text(c + 3);
    a.lengthPx = st.real(c + 4);
    a.lengthMm = st.optReal(c + 5);
    a.area = st.real(c + 6);
    return a;
}
#define ANNOTATION_COLS "a.id, a.label, a.kind, a.geometry, a.length_px, a.length_mm, a.area"

Standard readStandard(const Statement &st)
{
    Standard s;
    s.id = st.int64(0);
    s.family = st.int64(1);
    s.version = st.integer(2);
    s.title = st.text(3);
    s.body = st.text(4);
    s.rule = st.text(5);
    s.status = parseStandardStatus(st.text(6));
    s.createdAt = st.text(7);
    return s;
}
#define STANDARD_COLS "id, family, version, title, body, rule, status, created_at"

Decision readDecision(const Statement &st)
{
    Decision d;
    d.image = st.int64(0);
    d.labelClass = st.optInt64(1);
    d.method = parseDecisionMethod(st.text(2));
    d.standard = st.optInt64(3);
    d.by = st.optInt64(4);
    d.note = st.text(5);
    d.createdAt = st.text(6);
    return d;
}
#define DECISION_COLS "image, class, method, standard, decided_by, note, created_at"

ImageAttribute readAttribute(const Statement &st)
{
    ImageAttribute a;
    a.image = st.int64(0);
    a.key = st.text(1);
    if (!st.isNull(2))
        a.value = st.real(2);
    else
        a.value = st.text(3);
    a.source = parseAttrSource(st.text(4));
    return a;
}

template <typename T, typename Reader>
std::vector<T> collect(Statement &st, Reader read)
{
    std::vector<T> out;
    while (st.step())
        out.push_back(read(st));
    st.reset();
    return out;
}

template <typename T, typename Reader>
std::optional<T> first(Statement &st, Reader read)
{
    std::optional<T> out;
    if (st.step())
        out = read(st);
    st.reset();
    return out;
}

std::int64_t scalar(Statement &st)
{
    std::int64_t v = 0;
    if (st.step())
        v = st.int64(0);
    st.reset();
    return v;
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
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
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
    if (!isSqliteFile(file))
        throw Error(ErrorCode::NotAProject, "not a Concord project (not an SQLite database)",
                    file.string());

    // Inspect read-only first so a file we refuse is never touched.
    int version = 0;
    {
        Database probe(file, Database::Access::ReadOnly);
        sqlite3_busy_timeout(probe.handle(), kBusyTimeoutMs);
        try {
            version = readUserVersion(probe);
            if (version == 0 || !hasProjectTable(probe))
                throw Error(ErrorCode::NotAProject,
                            "not a Concord project (an SQLite database without Concord's tables)",
                            file.string());
        } catch (const Error &e) {
            if (e.code() == ErrorCode::NotAProject && e.file() != file.string())
                throw Error(ErrorCode::NotAProject, "not a Concord project (" + e.detail() + ")",
                            file.string());
            throw;
        }
    }
    if (version > kSchemaVersion)
        throw Error(ErrorCode::NewerVersion,
                    "this project was written by a newer Concord (schema " + std::to_string(version) +
                        ", this build reads up to " + std::to_string(kSchemaVersion) +
                        "); update Concord to open it",
                    file.string());

    const bool writable = ::access(file.c_str(), W_OK) == 0 &&
                          ::access(file.has_parent_path() ? file.parent_path().c_str() : ".", W_OK) == 0;
    bool readOnly = mode == OpenMode::ReadOnly;
    if (!writable) {
        if (mode == OpenMode::ReadWrite)
            throw Error(ErrorCode::ReadOnly,
                        "the project file or its folder is not writable (open it read-only)",
                        file.string());
        readOnly = true;
    }
    if (readOnly && version < kSchemaVersion)
        throw Error(ErrorCode::ReadOnly,
                    "this project uses an older format that must be upgraded, which needs write access",
                    file.string());

    auto db = std::make_unique<Database>(
        file, readOnly ? Database::Access::ReadOnly : Database::Access::ReadWrite);
    configureConnection(*db, readOnly);
    auto store = std::make_unique<SqliteStore>(std::move(db), readOnly);
    if (version < kSchemaVersion) {
        store->transaction([&] {
            sqlite::migrate(store->database(), version, kSchemaVersion);
            store->appendAudit("concord", "migrate",
                               "{\"from\":" + std::to_string(version) + ",\"to\":" +
                                   std::to_string(kSchemaVersion) + "}");
        });
    }
    return store;
}

SqliteStore::SqliteStore(std::unique_ptr<Database> db, bool readOnly)
    : m_db(std::move(db))
    , m_readOnly(readOnly)
{
}

SqliteStore::~SqliteStore() = default;

fs::path SqliteStore::path() const { return m_db->file(); }

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
    std::minstd_rand jitter(static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(this)));
    for (int attempt = 1;; ++attempt) {
        try {
            // IMMEDIATE takes the write lock up front, so a busy database is detected before
            // any work is done and the unit can be retried whole.
            m_db->execScript("BEGIN IMMEDIATE");
        } catch (const Error &e) {
            if (e.code() == ErrorCode::Busy && attempt < kTransactionAttempts) {
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
            m_db->execScript("ROLLBACK");
            if (e.code() == ErrorCode::Busy && attempt < kTransactionAttempts) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20 + jitter() % 80));
                continue;
            }
            throw;
        } catch (...) {
            m_depth = 0;
            sqlite3_exec(m_db->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }
}

void SqliteStore::write(const std::function<void()> &work) { transaction(work); }

// --- settings -----------------------------------------------------------------------------

ProjectSettings SqliteStore::settings() const
{
    ProjectSettings s;
    s.name = meta("name").value_or("");
    s.pxPerMm = std::stod(meta("px_per_mm").value_or("0"));
    s.overlap = std::stoi(meta("overlap").value_or("3"));
    s.classesOrdered = meta("classes_ordered").value_or("0") == "1";
    return s;
}

void SqliteStore::setSettings(const ProjectSettings &s)
{
    if (s.overlap < 1)
        throw Error(ErrorCode::Invalid, "labels per image must be at least 1", {}, 0, "overlap");
    if (s.pxPerMm < 0)
        throw Error(ErrorCode::Invalid, "pixels per mm must not be negative", {}, 0, "px_per_mm");
    write([&] {
        setMeta("name", s.name);
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", s.pxPerMm);
        setMeta("px_per_mm", buf);
        setMeta("overlap", std::to_string(s.overlap));
        setMeta("classes_ordered", s.classesOrdered ? "1" : "0");
    });
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

int SqliteStore::schemaVersion() const { return readUserVersion(*m_db); }

// --- classes ------------------------------------------------------------------------------

Id SqliteStore::addClass(const LabelClass &c)
{
    if (c.name.empty())
        throw Error(ErrorCode::Invalid, "a class needs a name", {}, 0, "name");
    if (classByName(c.name))
        throw Error(ErrorCode::Invalid, "the class exists already", {}, 0, c.name);
    Id id = 0;
    write([&] {
        m_db->prepare("INSERT INTO label_class(name, color, shortcut, description, ord) "
                      "VALUES (?, ?, ?, ?, ?)")
            .bindAll(c.name, c.color, c.shortcut, c.description, c.order)
            .exec();
        id = m_db->lastInsertId();
    });
    return id;
}

std::vector<LabelClass> SqliteStore::classes() const
{
    auto &st = m_db->prepare(
        "SELECT id, name, color, shortcut, description, ord FROM label_class ORDER BY ord, id");
    return collect<LabelClass>(st, [](const Statement &s) {
        return LabelClass{s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.integer(5)};
    });
}

std::optional<LabelClass> SqliteStore::classByName(const std::string &name) const
{
    auto &st = m_db->prepare(
        "SELECT id, name, color, shortcut, description, ord FROM label_class WHERE name = ?");
    st.bind(1, name);
    return first<LabelClass>(st, [](const Statement &s) {
        return LabelClass{s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.integer(5)};
    });
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
    return first<Labeler>(st, [](const Statement &s) {
        return Labeler{s.int64(0), s.text(1), parseRole(s.text(2))};
    });
}

std::optional<Labeler> SqliteStore::labeler(Id id) const
{
    auto &st = m_db->prepare("SELECT id, name, role FROM labeler WHERE id = ?");
    st.bind(1, id);
    return first<Labeler>(st, [](const Statement &s) {
        return Labeler{s.int64(0), s.text(1), parseRole(s.text(2))};
    });
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
        auto &st = m_db->prepare(
            "UPDATE image SET path = ? || substr(path, length(?) + 1) "
            "WHERE substr(path, 1, length(?)) = ?");
        st.bindAll(newPrefix, oldPrefix, oldPrefix, oldPrefix).exec();
        n = m_db->changes();
        appendAudit("concord", "relink",
                    nlohmann::json{{"from", oldPrefix}, {"to", newPrefix}, {"images", n}}.dump());
    });
    return n;
}

// --- attributes ---------------------------------------------------------------------------

void SqliteStore::setAttribute(const ImageAttribute &a)
{
    write([&] {
        auto &st = m_db->prepare(
            "INSERT INTO image_attr(image, key, num, text, source) VALUES (?, ?, ?, ?, ?) "
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
    auto &st = m_db->prepare(
        "SELECT image, key, num, text, source FROM image_attr WHERE key = ? ORDER BY image");
    st.bind(1, key);
    return collect<ImageAttribute>(st, readAttribute);
}

std::vector<ImageAttribute> SqliteStore::imageAttributes(Id image) const
{
    auto &st = m_db->prepare(
        "SELECT image, key, num, text, source FROM image_attr WHERE image = ? ORDER BY key");
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
        m_db->prepare("DELETE FROM image_attr WHERE key = ? AND source = ?")
            .bindAll(key, toString(source))
            .exec();
    });
}

// --- labels -------------------------------------------------------------------------------

Id SqliteStore::setLabel(const Label &l)
{
    Id id = 0;
    write([&] {
        const std::string now = utcNow();
        auto &st = m_db->prepare(
            "INSERT INTO label(image, labeler, class, round, standard, source, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(image, labeler) DO UPDATE SET class = excluded.class, "
            "round = excluded.round, standard = excluded.standard, source = excluded.source, "
            "updated_at = excluded.updated_at RETURNING id");
        st.bindAll(l.image, l.labeler, l.labelClass, l.round, l.standard, toString(l.source),
                   l.createdAt.empty() ? now : l.createdAt, l.updatedAt.empty() ? now : l.updatedAt);
        if (st.step())
            id = st.int64(0);
        st.reset();
    });
    return id;
}

void SqliteStore::removeLabel(Id image, Id labeler)
{
    write([&] {
        m_db->prepare("DELETE FROM label WHERE image = ? AND labeler = ?").bindAll(image, labeler).exec();
    });
}

std::optional<Label> SqliteStore::label(Id image, Id labeler) const
{
    auto &st = m_db->prepare("SELECT " LABEL_COLS " FROM label l WHERE l.image = ? AND l.labeler = ?");
    st.bindAll(image, labeler);
    return first<Label>(st, [](const Statement &s) { return readLabel(s); });
}

std::optional<Label> SqliteStore::labelById(Id id) const
{
    auto &st = m_db->prepare("SELECT " LABEL_COLS " FROM label l WHERE l.id = ?");
    st.bind(1, id);
    return first<Label>(st, [](const Statement &s) { return readLabel(s); });
}

std::vector<Label> SqliteStore::labelsOfImage(Id image) const
{
    auto &st = m_db->prepare("SELECT " LABEL_COLS " FROM label l WHERE l.image = ? ORDER BY l.labeler");
    st.bind(1, image);
    return collect<Label>(st, [](const Statement &s) { return readLabel(s); });
}

std::vector<Label> SqliteStore::labelsOfLabeler(Id labeler) const
{
    auto &st = m_db->prepare("SELECT " LABEL_COLS " FROM label l WHERE l.labeler = ? ORDER BY l.image");
    st.bind(1, labeler);
    return collect<Label>(st, [](const Statement &s) { return readLabel(s); });
}

std::vector<LabelRow> SqliteStore::labelRows() const
{
    auto &st = m_db->prepare("SELECT " LABEL_COLS ", i.path, p.name, c.name FROM label l "
                             "JOIN image i ON i.id = l.image JOIN labeler p ON p.id = l.labeler "
                             "JOIN label_class c ON c.id = l.class ORDER BY l.image, l.labeler");
    return collect<LabelRow>(st, [](const Statement &s) {
        return LabelRow{readLabel(s), s.text(9), s.text(10), s.text(11)};
    });
}

std::int64_t SqliteStore::labelCount() const
{
    return scalar(m_db->prepare("SELECT count(*) FROM label"));
}

std::vector<Id> SqliteStore::conflictImages(std::int64_t offset, std::int64_t limit) const
{
    auto &st = m_db->prepare(
        "SELECT l.image FROM label l WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.image = l.image) "
        "GROUP BY l.image HAVING count(DISTINCT l.class) > 1 ORDER BY l.image LIMIT ? OFFSET ?");
    st.bindAll(limit, offset);
    return collect<Id>(st, [](const Statement &s) { return s.int64(0); });
}

// --- annotations --------------------------------------------------------------------------

Id SqliteStore::addAnnotation(const Annotation &a)
{
    Id id = 0;
    write([&] {
        m_db->prepare("INSERT INTO annotation(label, kind, geometry, length_px, length_mm, area) "
                      "VALUES (?, ?, ?, ?, ?, ?)")
            .bindAll(a.label, toString(a.kind), a.geometry, a.lengthPx, a.lengthMm, a.area)
            .exec();
        id = m_db->lastInsertId();
    });
    return id;
}

void SqliteStore::removeAnnotation(Id id)
{
    write([&] { m_db->prepare("DELETE FROM annotation WHERE id = ?").bind(1, id).exec(); });
}

void SqliteStore::replaceAnnotations(Id label, const std::vector<Annotation> &annotations)
{
    write([&] {
        m_db->prepare("DELETE FROM annotation WHERE label = ?").bind(1, label).exec();
        for (Annotation a : annotations) {
            a.label = label;
            addAnnotation(a);
        }
    });
}

std::vector<Annotation> SqliteStore::annotationsOfLabel(Id label) const
{
    auto &st = m_db->prepare("SELECT " ANNOTATION_COLS " FROM annotation a WHERE a.label = ? ORDER BY a.id");
    st.bind(1, label);
    return collect<Annotation>(st, [](const Statement &s) { return readAnnotation(s); });
}

std::vector<std::pair<Label, Annotation>> SqliteStore::annotationsOfKind(AnnotationKind kind) const
{
    auto &st = m_db->prepare("SELECT " LABEL_COLS ", " ANNOTATION_COLS
                             " FROM annotation a JOIN label l ON l.id = a.label "
                             "WHERE a.kind = ? ORDER BY l.image, l.labeler, a.id");
    st.bind(1, toString(kind));
    return collect<std::pair<Label, Annotation>>(st, [](const Statement &s) {
        return std::make_pair(readLabel(s, 0), readAnnotation(s, 9));
    });
}

// --- assignments --------------------------------------------------------------------------

void SqliteStore::assign(const Assignment &a)
{
    write([&] {
        m_db->prepare("INSERT INTO assignment(image, labeler, round, position, state) "
                      "VALUES (?, ?, ?, ?, ?) ON CONFLICT(image, labeler, round) DO UPDATE SET "
                      "position = excluded.position, state = excluded.state")
            .bindAll(a.image, a.labeler, a.round, a.position, toString(a.state))
            .exec();
    });
}

std::vector<QueueEntry> SqliteStore::queue(Id labeler, std::int64_t offset, std::int64_t limit) const
{
    auto &st = m_db->prepare(
        "SELECT a.image, i.path, a.round, a.position, a.state, l.class FROM assignment a "
        "JOIN image i ON i.id = a.image "
        "LEFT JOIN label l ON l.image = a.image AND l.labeler = a.labeler "
        "WHERE a.labeler = ? ORDER BY a.round, a.position LIMIT ? OFFSET ?");
    st.bindAll(labeler, limit, offset);
    return collect<QueueEntry>(st, [](const Statement &s) {
        return QueueEntry{s.int64(0), s.text(1), s.integer(2), s.integer(3),
                          parseAssignmentState(s.text(4)), s.optInt64(5)};
    });
}

std::int64_t SqliteStore::queueSize(Id labeler) const
{
    auto &st = m_db->prepare("SELECT count(*) FROM assignment WHERE labeler = ?");
    st.bind(1, labeler);
    return scalar(st);
}

void SqliteStore::setAssignmentState(Id image, Id labeler, int round, AssignmentState state)
{
    write([&] {
        m_db->prepare("UPDATE assignment SET state = ? WHERE image = ? AND labeler = ? AND round = ?")
            .bindAll(toString(state), image, labeler, round)
            .exec();
    });
}

void SqliteStore::unassign(Id image, Id labeler, int round)
{
    write([&] {
        m_db->prepare("DELETE FROM assignment WHERE image = ? AND labeler = ? AND round = ?")
            .bindAll(image, labeler, round)
            .exec();
    });
}

std::vector<std::pair<Id, int>> SqliteStore::assignmentCounts() const
{
    auto &st = m_db->prepare("SELECT image, count(*) FROM assignment GROUP BY image ORDER BY image");
    return collect<std::pair<Id, int>>(st, [](const Statement &s) {
        return std::make_pair(s.int64(0), s.integer(1));
    });
}

std::optional<int> SqliteStore::assignmentRound(Id image, Id labeler) const
{
    auto &st = m_db->prepare("SELECT max(round) FROM assignment WHERE image = ? AND labeler = ?");
    st.bindAll(image, labeler);
    std::optional<int> round;
    if (st.step() && !st.isNull(0))
        round = st.integer(0);
    st.reset();
    return round;
}

void SqliteStore::markAssignmentsDone(Id image, Id labeler)
{
    write([&] {
        m_db->prepare("UPDATE assignment SET state = 'done' WHERE image = ? AND labeler = ? AND state != 'done'")
            .bindAll(image, labeler)
            .exec();
    });
}

int SqliteStore::maxRound() const
{
    return static_cast<int>(scalar(m_db->prepare("SELECT coalesce(max(round), 0) FROM assignment")));
}

// --- standards ----------------------------------------------------------------------------

Id SqliteStore::addStandard(const Standard &s)
{
    if (s.title.empty())
        throw Error(ErrorCode::Invalid, "a standard needs a title", {}, 0, "title");
    Id id = 0;
    write([&] {
        m_db->prepare("INSERT INTO standard(family, version, title, body, rule, status, created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bindAll(s.family, s.version, s.title, s.body, s.rule, toString(s.status),
                     s.createdAt.empty() ? utcNow() : s.createdAt)
            .exec();
        id = m_db->lastInsertId();
        if (s.family == 0)
            m_db->prepare("UPDATE standard SET family = id WHERE id = ?").bind(1, id).exec();
    });
    return id;
}

std::vector<Standard> SqliteStore::standards() const
{
    auto &st = m_db->prepare("SELECT " STANDARD_COLS " FROM standard ORDER BY family, version");
    return collect<Standard>(st, readStandard);
}

std::optional<Standard> SqliteStore::standard(Id id) const
{
    auto &st = m_db->prepare("SELECT " STANDARD_COLS " FROM standard WHERE id = ?");
    st.bind(1, id);
    return first<Standard>(st, readStandard);
}

void SqliteStore::setStandardStatus(Id id, StandardStatus status)
{
    write([&] {
        m_db->prepare("UPDATE standard SET status = ? WHERE id = ?").bindAll(toString(status), id).exec();
    });
}

void SqliteStore::setExample(const StandardExample &e)
{
    write([&] {
        m_db->prepare("INSERT INTO standard_example(standard, image, role, note) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT(standard, image) DO UPDATE SET role = excluded.role, "
                      "note = excluded.note")
            .bindAll(e.standard, e.image, toString(e.role), e.note)
            .exec();
    });
}

void SqliteStore::removeExample(Id standard, Id image)
{
    write([&] {
        m_db->prepare("DELETE FROM standard_example WHERE standard = ? AND image = ?")
            .bindAll(standard, image)
            .exec();
    });
}

std::vector<StandardExample> SqliteStore::examples(Id standard) const
{
    auto &st = m_db->prepare(
        "SELECT standard, image, role, note FROM standard_example WHERE standard = ? ORDER BY role, image");
    st.bind(1, standard);
    return collect<StandardExample>(st, [](const Statement &s) {
        return StandardExample{s.int64(0), s.int64(1), parseExampleRole(s.text(2)), s.text(3)};
    });
}

// --- decisions ----------------------------------------------------------------------------

void SqliteStore::setDecision(const Decision &d)
{
    write([&] {
        m_db->prepare("INSERT INTO decision(image, class, method, standard, decided_by, note, "
                      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(image) DO UPDATE SET "
                      "class = excluded.class, method = excluded.method, standard = excluded.standard, "
                      "decided_by = excluded.decided_by, note = excluded.note, "
                      "created_at = excluded.created_at")
            .bindAll(d.image, d.labelClass, toString(d.method), d.standard, d.by, d.note,
                     d.createdAt.empty() ? utcNow() : d.createdAt)
            .exec();
    });
}

void SqliteStore::removeDecision(Id image)
{
    write([&] { m_db->prepare("DELETE FROM decision WHERE image = ?").bind(1, image).exec(); });
}

std::optional<Decision> SqliteStore::decision(Id image) const
{
    auto &st = m_db->prepare("SELECT " DECISION_COLS " FROM decision WHERE image = ?");
    st.bind(1, image);
    return first<Decision>(st, readDecision);
}

std::vector<Decision> SqliteStore::decisions() const
{
    auto &st = m_db->prepare("SELECT " DECISION_COLS " FROM decision ORDER BY image");
    return collect<Decision>(st, readDecision);
}

// --- thumbnails ---------------------------------------------------------------------------

std::optional<std::string> SqliteStore::thumbnail(const std::string &hash, int size) const
{
    auto &st = m_db->prepare("SELECT jpeg FROM thumbnail WHERE hash = ? AND size = ?");
    st.bindAll(hash, size);
    return first<std::string>(st, [](const Statement &s) { return s.blob(0); });
}

void SqliteStore::putThumbnail(const std::string &hash, int size, const std::string &jpeg)
{
    write([&] {
        m_db->prepare("INSERT OR REPLACE INTO thumbnail(hash, size, jpeg) VALUES (?, ?, ?)")
            .bindAll(hash, size)
            .bindBlob(3, jpeg.data(), jpeg.size())
            .exec();
    });
}

// --- audit --------------------------------------------------------------------------------

Id SqliteStore::appendAudit(const std::string &actor, const std::string &action,
                            const std::string &payload)
{
    Id id = 0;
    write([&] {
        m_db->prepare("INSERT INTO audit(at, actor, action, payload) VALUES (?, ?, ?, ?)")
            .bindAll(utcNow(), actor, action, payload)
            .exec();
        id = m_db->lastInsertId();
    });
    return id;
}

std::vector<AuditEntry> SqliteStore::auditLog(std::int64_t limit) const
{
    auto &st = m_db->prepare(
        "SELECT id, at, actor, action, payload, undone FROM audit ORDER BY id DESC LIMIT ?");
    st.bind(1, limit);
    return collect<AuditEntry>(st, [](const Statement &s) {
        return AuditEntry{s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.int64(5) != 0};
    });
}

void SqliteStore::markAuditUndone(Id id)
{
    write([&] { m_db->prepare("UPDATE audit SET undone = 1 WHERE id = ?").bind(1, id).exec(); });
}

} // namespace concord::core
