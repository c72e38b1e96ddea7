// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteStore, second half: labels, annotations, assignments, standards, decisions,
// thumbnails and the audit log (sqlite_store.cpp has opening, settings, classes, labelers,
// images and attributes).
#include "core/store/sqlite_store.h"

#include "core/common/error.h"
#include "core/store/shapeclass_p.h"
#include "core/store/sqlite_rows_p.h"

#include <algorithm>

namespace concord::core {

using sqlite::Statement;
using namespace sqlite_rows;

// --- labels -------------------------------------------------------------------------------

Id SqliteStore::setLabel(const Label &l)
{
    Id id = 0;
    write([&] {
        const std::string now = utcNow();
        auto &st = m_db->prepare("INSERT INTO label(image, labeler, class, round, standard, source, created_at, "
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
    write([&] { m_db->prepare("DELETE FROM label WHERE image = ? AND labeler = ?").bindAll(image, labeler).exec(); });
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
    auto &st =
        m_db->prepare("SELECT l.image FROM label l WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.image = l.image) "
                      "GROUP BY l.image HAVING count(DISTINCT l.class) > 1 ORDER BY l.image LIMIT ? OFFSET ?");
    st.bindAll(limit, offset);
    return collect<Id>(st, [](const Statement &s) { return s.int64(0); });
}

// --- annotations --------------------------------------------------------------------------

Id SqliteStore::addAnnotation(const Annotation &a)
{
    Id id = 0;
    write([&] {
        m_db->prepare("INSERT INTO annotation(label, kind, geometry, length_px, length_mm, area, class) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, (SELECT id FROM label_class WHERE name = ?8), "
                      "(SELECT class FROM label WHERE id = ?1)))")
            .bindAll(a.label, toString(a.kind), a.geometry, a.lengthPx, a.lengthMm, a.area,
                     store_detail::boundClass(a.classId), store_detail::geometryClassHint(a.geometry))
            .exec();
        id = m_db->lastInsertId();
    });
    return id;
}

void SqliteStore::removeAnnotation(Id id)
{
    write([&] { m_db->prepare("DELETE FROM annotation WHERE id = ?").bind(1, id).exec(); });
}

void SqliteStore::setAnnotationClass(Id annotation, Id cls)
{
    write([&] {
        m_db->prepare("UPDATE annotation SET class = ? WHERE id = ?").bindAll(cls, annotation).exec();
        if (m_db->changes() == 0)
            throw Error(ErrorCode::NotFound, "no shape has the id " + std::to_string(annotation));
    });
}

void SqliteStore::restoreAnnotation(const Annotation &a)
{
    write([&] {
        m_db->prepare("INSERT INTO annotation(id, label, kind, geometry, length_px, length_mm, area, class) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .bindAll(a.id, a.label, toString(a.kind), a.geometry, a.lengthPx, a.lengthMm, a.area,
                     store_detail::boundClass(a.classId))
            .exec();
    });
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
    auto &st =
        m_db->prepare("SELECT " LABEL_COLS ", " ANNOTATION_COLS " FROM annotation a JOIN label l ON l.id = a.label "
                      "WHERE a.kind = ? ORDER BY l.image, l.labeler, a.id");
    st.bind(1, toString(kind));
    return collect<std::pair<Label, Annotation>>(
        st, [](const Statement &s) { return std::make_pair(readLabel(s, 0), readAnnotation(s, 9)); });
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

// A labeler's queue is their assignments and their check items (issue #20) in one order:
// (round, position, check, key), where check is 0 for an assignment and 1 for a check item and
// key is the assignment's image or the check item's id. Each half is read along its own
// (labeler, round, position) index.

std::vector<QueueEntry> SqliteStore::queue(Id labeler, std::int64_t offset, std::int64_t limit) const
{
    // One compound SELECT, so SQLite merges the two index-ordered halves (MERGE UNION ALL)
    // instead of sorting the whole queue for every page.
    auto &st = m_db->prepare(
        "SELECT a.image AS image, i.path AS path, a.round AS round, a.position AS position, a.state AS state, "
        "l.class AS class, NULL AS item, 0 AS chk, a.image AS k, l.source = 'standard' AS bystd FROM assignment a "
        "JOIN image i ON i.id = a.image "
        "LEFT JOIN label l ON l.image = a.image AND l.labeler = a.labeler WHERE a.labeler = ?1 "
        "UNION ALL "
        "SELECT c.image, i.path, c.round, c.position, c.state, c.answer, c.id, 1, c.id, 0 FROM check_item c "
        "JOIN image i ON i.id = c.image WHERE c.labeler = ?1 "
        "ORDER BY round, position, chk, k LIMIT ?2 OFFSET ?3");
    st.bindAll(labeler, limit, offset);
    return collect<QueueEntry>(st, [](const Statement &s) {
        QueueEntry e{s.int64(0),    s.text(1),    s.integer(2), s.integer(3), parseAssignmentState(s.text(4)),
                     s.optInt64(5), s.optInt64(6)};
        e.labelByStandard = s.optInt64(9).value_or(0) != 0;
        return e;
    });
}

std::int64_t SqliteStore::queueSize(Id labeler) const
{
    auto &assigned = m_db->prepare("SELECT count(*) FROM assignment WHERE labeler = ?");
    assigned.bind(1, labeler);
    const std::int64_t n = scalar(assigned);
    auto &checks = m_db->prepare("SELECT count(*) FROM check_item WHERE labeler = ?");
    checks.bind(1, labeler);
    return n + scalar(checks);
}

std::int64_t SqliteStore::queueRowIndex(Id labeler, const QueueKey &key) const
{
    // The rows before it in queue() order: ranges of the assignment_queue and check_item_queue
    // indexes, which also hold the image (the assignment's key) and the id, so the counts never
    // touch the tables.
    auto &assigned = m_db->prepare("SELECT count(*) FROM assignment WHERE labeler = ? "
                                   "AND (round, position, 0, image) < (?, ?, ?, ?)");
    assigned.bindAll(labeler, key.round, key.position, key.check, key.key);
    const std::int64_t before = scalar(assigned);
    auto &checks = m_db->prepare("SELECT count(*) FROM check_item WHERE labeler = ? "
                                 "AND (round, position, 1, id) < (?, ?, ?, ?)");
    checks.bindAll(labeler, key.round, key.position, key.check, key.key);
    return before + scalar(checks);
}

std::vector<Store::QueueKey> SqliteStore::assignmentKeys(Id labeler, Id image) const
{
    auto &st = m_db->prepare("SELECT round, position FROM assignment WHERE image = ? AND labeler = ? "
                             "ORDER BY round, position");
    st.bindAll(image, labeler);
    return collect<QueueKey>(st, [&](const Statement &r) {
        return QueueKey{r.integer(0), r.integer(1), 0, image, image};
    });
}

std::int64_t SqliteStore::queueLabeledCount(Id labeler) const
{
    auto &labeled = m_db->prepare("SELECT count(*) FROM assignment a "
                                  "JOIN label l ON l.image = a.image AND l.labeler = a.labeler "
                                  "WHERE a.labeler = ? AND (a.round = 0 OR a.state = 'done')"); // isAnswered()
    labeled.bind(1, labeler);
    const std::int64_t n = scalar(labeled);
    auto &answered = m_db->prepare("SELECT count(*) FROM check_item WHERE labeler = ? AND answer IS NOT NULL");
    answered.bind(1, labeler);
    return n + scalar(answered);
}

std::vector<Store::QueueKey> SqliteStore::unlabeledQueueKeys(Id labeler, bool skipped, std::int64_t limit) const
{
    auto &st =
        m_db->prepare("SELECT a.round AS round, a.position AS position, 0 AS chk, a.image AS k, a.image AS image "
                      "FROM assignment a WHERE a.labeler = ?1 AND (a.state = 'skipped') = ?2 "
                      // not isAnswered(): no label yet, or sent back in a relabel round
                      "AND (NOT EXISTS (SELECT 1 FROM label l WHERE l.image = a.image AND l.labeler = a.labeler) "
                      "OR (a.round > 0 AND a.state <> 'done')) "
                      "UNION ALL "
                      "SELECT c.round, c.position, 1, c.id, c.image FROM check_item c "
                      "WHERE c.labeler = ?1 AND (c.state = 'skipped') = ?2 AND c.answer IS NULL "
                      "ORDER BY round, position, chk, k LIMIT ?3");
    st.bindAll(labeler, skipped ? 1 : 0, limit);
    return collect<QueueKey>(st, [](const Statement &r) {
        return QueueKey{r.integer(0), r.integer(1), r.integer(2), r.int64(3), r.int64(4)};
    });
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
    return collect<std::pair<Id, int>>(st, [](const Statement &s) { return std::make_pair(s.int64(0), s.integer(1)); });
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

// --- consistency checks -------------------------------------------------------------------

namespace {

#define CHECK_COLS "c.id, c.image, c.labeler, c.kind, c.round, c.position, c.state, c.answer, c.answered_at"

CheckItem readCheckItem(const Statement &s)
{
    CheckItem c;
    c.id = s.int64(0);
    c.image = s.int64(1);
    c.labeler = s.int64(2);
    c.kind = parseCheckKind(s.text(3));
    c.round = s.integer(4);
    c.position = s.integer(5);
    c.state = parseAssignmentState(s.text(6));
    c.answer = s.optInt64(7);
    c.answeredAt = s.text(8);
    return c;
}

} // namespace

Id SqliteStore::addCheckItem(const CheckItem &item)
{
    Id id = 0;
    write([&] {
        auto &dup = m_db->prepare("SELECT count(*) FROM check_item WHERE image = ? AND labeler = ? AND kind = ?");
        dup.bindAll(item.image, item.labeler, toString(item.kind));
        if (scalar(dup) > 0)
            throw Error(ErrorCode::Invalid,
                        "the labeler has a " + std::string(toString(item.kind)) + " check of this image already", {}, 0,
                        "check_item");
        m_db->prepare("INSERT INTO check_item(image, labeler, kind, round, position, state, answer, answered_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .bindAll(item.image, item.labeler, toString(item.kind), item.round, item.position, toString(item.state),
                     item.answer, item.answeredAt)
            .exec();
        id = m_db->lastInsertId();
    });
    return id;
}

std::optional<CheckItem> SqliteStore::checkItem(Id id) const
{
    auto &st = m_db->prepare("SELECT " CHECK_COLS " FROM check_item c WHERE c.id = ?");
    st.bind(1, id);
    auto rows = collect<CheckItem>(st, readCheckItem);
    return rows.empty() ? std::nullopt : std::optional(rows.front());
}

std::vector<CheckItem> SqliteStore::checkItems() const
{
    auto &st = m_db->prepare("SELECT " CHECK_COLS " FROM check_item c ORDER BY c.labeler, c.round, c.position, c.id");
    return collect<CheckItem>(st, readCheckItem);
}

void SqliteStore::answerCheckItem(Id id, std::optional<Id> answer, AssignmentState state)
{
    write([&] {
        m_db->prepare("UPDATE check_item SET answer = ?, state = ?, answered_at = ? WHERE id = ?")
            .bindAll(answer, toString(state), answer ? utcNow() : std::string(), id)
            .exec();
    });
}

void SqliteStore::removeCheckItem(Id id)
{
    write([&] { m_db->prepare("DELETE FROM check_item WHERE id = ?").bind(1, id).exec(); });
}

void SqliteStore::replaceCheckAnnotations(Id item, const std::vector<Annotation> &annotations)
{
    write([&] {
        m_db->prepare("DELETE FROM check_annotation WHERE item = ?").bind(1, item).exec();
        for (const Annotation &a : annotations)
            m_db->prepare("INSERT INTO check_annotation(item, kind, geometry, length_px, length_mm, area, class) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, (SELECT id FROM label_class WHERE name = ?8), "
                          "(SELECT answer FROM check_item WHERE id = ?1)))")
                .bindAll(item, toString(a.kind), a.geometry, a.lengthPx, a.lengthMm, a.area,
                         store_detail::boundClass(a.classId), store_detail::geometryClassHint(a.geometry))
                .exec();
    });
}

std::vector<Annotation> SqliteStore::checkAnnotations(Id item) const
{
    auto &st = m_db->prepare("SELECT a.id, a.item, a.kind, a.geometry, a.length_px, a.length_mm, a.area, a.class "
                             "FROM check_annotation a WHERE a.item = ? ORDER BY a.id");
    st.bind(1, item);
    return collect<Annotation>(st, [](const Statement &s) { return readAnnotation(s); });
}

std::vector<std::pair<Id, Annotation>> SqliteStore::checkAnnotationsOfKind(AnnotationKind kind) const
{
    auto &st = m_db->prepare("SELECT a.id, a.item, a.kind, a.geometry, a.length_px, a.length_mm, a.area, a.class "
                             "FROM check_annotation a WHERE a.kind = ? ORDER BY a.item, a.id");
    st.bind(1, toString(kind));
    return collect<std::pair<Id, Annotation>>(st, [](const Statement &s) {
        Annotation a = readAnnotation(s);
        return std::make_pair(a.label, a);
    });
}

void SqliteStore::setGold(const GoldLabel &gold)
{
    if (gold.source != "decision" && gold.source != "import")
        throw Error(ErrorCode::Invalid, "a gold class comes from a decision or an import, not '" + gold.source + "'",
                    {}, 0, "source");
    write([&] {
        m_db->prepare("INSERT INTO gold(image, class, source, created_at) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT(image) DO UPDATE SET class = excluded.class, source = excluded.source, "
                      "created_at = excluded.created_at")
            .bindAll(gold.image, gold.labelClass, gold.source, gold.createdAt.empty() ? utcNow() : gold.createdAt)
            .exec();
    });
}

void SqliteStore::removeGold(Id image)
{
    write([&] { m_db->prepare("DELETE FROM gold WHERE image = ?").bind(1, image).exec(); });
}

std::optional<GoldLabel> SqliteStore::gold(Id image) const
{
    auto &st = m_db->prepare("SELECT image, class, source, created_at FROM gold WHERE image = ?");
    st.bind(1, image);
    auto rows = collect<GoldLabel>(st, [](const Statement &s) {
        return GoldLabel{s.int64(0), s.int64(1), s.text(2), s.text(3)};
    });
    return rows.empty() ? std::nullopt : std::optional(rows.front());
}

std::vector<GoldLabel> SqliteStore::goldLabels() const
{
    auto &st = m_db->prepare("SELECT image, class, source, created_at FROM gold ORDER BY image");
    return collect<GoldLabel>(st, [](const Statement &s) {
        return GoldLabel{s.int64(0), s.int64(1), s.text(2), s.text(3)};
    });
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
    write([&] { m_db->prepare("UPDATE standard SET status = ? WHERE id = ?").bindAll(toString(status), id).exec(); });
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
        m_db->prepare("DELETE FROM standard_example WHERE standard = ? AND image = ?").bindAll(standard, image).exec();
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

// --- object decisions ---------------------------------------------------------------------

Id SqliteStore::addObjectDecision(const ObjectDecision &d)
{
    Id id = 0;
    write([&] {
        m_db->prepare("INSERT INTO object_decision(image, kind, geometry, class, action, members, decided_by, "
                      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .bindAll(d.image, toString(d.kind), d.geometry, d.cls, toString(d.action), d.members, d.by,
                     d.createdAt.empty() ? utcNow() : d.createdAt)
            .exec();
        id = m_db->lastInsertId();
    });
    return id;
}

void SqliteStore::removeObjectDecision(Id id)
{
    write([&] { m_db->prepare("DELETE FROM object_decision WHERE id = ?").bind(1, id).exec(); });
}

std::optional<ObjectDecision> SqliteStore::objectDecision(Id id) const
{
    auto &st = m_db->prepare("SELECT " OBJECT_DECISION_COLS " FROM object_decision WHERE id = ?");
    st.bind(1, id);
    return first<ObjectDecision>(st, readObjectDecision);
}

std::vector<ObjectDecision> SqliteStore::objectDecisions() const
{
    auto &st = m_db->prepare("SELECT " OBJECT_DECISION_COLS " FROM object_decision ORDER BY id");
    return collect<ObjectDecision>(st, readObjectDecision);
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

Id SqliteStore::appendAudit(const std::string &actor, const std::string &action, const std::string &payload)
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
    auto &st = m_db->prepare("SELECT id, at, actor, action, payload, undone FROM audit ORDER BY id DESC LIMIT ?");
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
