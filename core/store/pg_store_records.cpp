// SPDX-License-Identifier: GPL-3.0-or-later
// PgStore, second half: labels, annotations, assignments, checks, standards, decisions,
// thumbnails and the audit log. Each statement is the SQLite backend's
// (sqlite_store_records.cpp) in PostgreSQL's dialect, so both give the same rows in the same
// order.
#include "core/store/pg_store.h"

#include "core/common/error.h"
#include "core/store/pg_rows_p.h"
#include "core/store/shapeclass_p.h"

#include <algorithm>

namespace concord::core {

using namespace pg_rows;

// --- labels -------------------------------------------------------------------------------

Id PgStore::setLabel(const Label &l)
{
    Id id = 0;
    write([&] {
        const std::string now = utcNow();
        const auto r = m_db->run("INSERT INTO label(image, labeler, class, round, standard, source, created_at, "
                                 "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                                 "ON CONFLICT(image, labeler) DO UPDATE SET class = excluded.class, "
                                 "round = excluded.round, standard = excluded.standard, source = excluded.source, "
                                 "updated_at = excluded.updated_at RETURNING id",
                                 l.image, l.labeler, l.labelClass, l.round, l.standard, toString(l.source),
                                 l.createdAt.empty() ? now : l.createdAt, l.updatedAt.empty() ? now : l.updatedAt);
        if (r.rows() > 0)
            id = r.int64(0, 0);
    });
    return id;
}

void PgStore::removeLabel(Id image, Id labeler)
{
    write([&] { m_db->run("DELETE FROM label WHERE image = $1 AND labeler = $2", image, labeler); });
}

std::optional<Label> PgStore::label(Id image, Id labeler) const
{
    return first<Label>(
        m_db->run("SELECT " PG_LABEL_COLS " FROM label l WHERE l.image = $1 AND l.labeler = $2", image, labeler),
        [](const pg::Result &r, int row) { return readLabel(r, row); });
}

std::optional<Label> PgStore::labelById(Id id) const
{
    return first<Label>(m_db->run("SELECT " PG_LABEL_COLS " FROM label l WHERE l.id = $1", id),
                        [](const pg::Result &r, int row) { return readLabel(r, row); });
}

std::vector<Label> PgStore::labelsOfImage(Id image) const
{
    return collect<Label>(
        m_db->run("SELECT " PG_LABEL_COLS " FROM label l WHERE l.image = $1 ORDER BY l.labeler", image),
        [](const pg::Result &r, int row) { return readLabel(r, row); });
}

std::vector<Label> PgStore::labelsOfLabeler(Id labeler) const
{
    return collect<Label>(
        m_db->run("SELECT " PG_LABEL_COLS " FROM label l WHERE l.labeler = $1 ORDER BY l.image", labeler),
        [](const pg::Result &r, int row) { return readLabel(r, row); });
}

std::vector<LabelRow> PgStore::labelRows() const
{
    return collect<LabelRow>(m_db->run("SELECT " PG_LABEL_COLS ", i.path, p.name, c.name FROM label l "
                                       "JOIN image i ON i.id = l.image JOIN labeler p ON p.id = l.labeler "
                                       "JOIN label_class c ON c.id = l.class ORDER BY l.image, l.labeler"),
                             [](const pg::Result &r, int row) {
                                 return LabelRow{readLabel(r, row), r.text(row, 9), r.text(row, 10), r.text(row, 11)};
                             });
}

std::int64_t PgStore::labelCount() const
{
    return m_db->run("SELECT count(*) FROM label").int64(0, 0);
}

std::vector<Id> PgStore::conflictImages(std::int64_t offset, std::int64_t limit) const
{
    return collect<Id>(
        m_db->run("SELECT l.image FROM label l WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.image = l.image) "
                  "GROUP BY l.image HAVING count(DISTINCT l.class) > 1 ORDER BY l.image LIMIT $1 OFFSET $2",
                  limitOf(limit), offset),
        [](const pg::Result &r, int row) { return r.int64(row, 0); });
}

// --- annotations --------------------------------------------------------------------------

Id PgStore::addAnnotation(const Annotation &a)
{
    Id id = 0;
    write([&] {
        id = m_db->run("INSERT INTO annotation(label, kind, geometry, length_px, length_mm, area, class) "
                       "VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::bigint, (SELECT id FROM label_class WHERE name = "
                       "$8::text), (SELECT class FROM label WHERE id = $1))) RETURNING id",
                       a.label, toString(a.kind), a.geometry, a.lengthPx, a.lengthMm, a.area,
                       store_detail::boundClass(a.classId), store_detail::geometryClassHint(a.geometry))
                 .int64(0, 0);
    });
    return id;
}

void PgStore::removeAnnotation(Id id)
{
    write([&] { m_db->run("DELETE FROM annotation WHERE id = $1", id); });
}

void PgStore::setAnnotationClass(Id annotation, Id cls)
{
    write([&] {
        if (m_db->run("UPDATE annotation SET class = $1 WHERE id = $2 RETURNING id", cls, annotation).rows() == 0)
            throw Error(ErrorCode::NotFound, "no shape has the id " + std::to_string(annotation));
    });
}

void PgStore::restoreAnnotation(const Annotation &a)
{
    write([&] {
        m_db->run("INSERT INTO annotation(id, label, kind, geometry, length_px, length_mm, area, class) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                  a.id, a.label, toString(a.kind), a.geometry, a.lengthPx, a.lengthMm, a.area,
                  store_detail::boundClass(a.classId));
    });
}

void PgStore::replaceAnnotations(Id label, const std::vector<Annotation> &annotations)
{
    write([&] {
        m_db->run("DELETE FROM annotation WHERE label = $1", label);
        for (Annotation a : annotations) {
            a.label = label;
            addAnnotation(a);
        }
    });
}

std::vector<Annotation> PgStore::annotationsOfLabel(Id label) const
{
    return collect<Annotation>(
        m_db->run("SELECT " PG_ANNOTATION_COLS " FROM annotation a WHERE a.label = $1 ORDER BY a.id", label),
        [](const pg::Result &r, int row) { return readAnnotation(r, row); });
}

std::vector<std::pair<Label, Annotation>> PgStore::annotationsOfKind(AnnotationKind kind) const
{
    return collect<std::pair<Label, Annotation>>(
        m_db->run("SELECT " PG_LABEL_COLS ", " PG_ANNOTATION_COLS " FROM annotation a JOIN label l ON l.id = a.label "
                  "WHERE a.kind = $1 ORDER BY l.image, l.labeler, a.id",
                  toString(kind)),
        [](const pg::Result &r, int row) { return std::make_pair(readLabel(r, row, 0), readAnnotation(r, row, 9)); });
}

// --- assignments --------------------------------------------------------------------------

void PgStore::assign(const Assignment &a)
{
    write([&] {
        m_db->run("INSERT INTO assignment(image, labeler, round, position, state) "
                  "VALUES ($1, $2, $3, $4, $5) ON CONFLICT(image, labeler, round) DO UPDATE SET "
                  "position = excluded.position, state = excluded.state",
                  a.image, a.labeler, a.round, a.position, toString(a.state));
    });
}

// The queue order is the SQLite backend's: (round, position, check, key), check 0 for an
// assignment (key: its image) and 1 for a check item (key: its id).

std::vector<QueueEntry> PgStore::queue(Id labeler, std::int64_t offset, std::int64_t limit) const
{
    // Each half is read in its own index order and cut at offset + limit rows before the two
    // are merged, so a page costs a page's worth of index rows, not the whole queue.
    const std::optional<std::int64_t> upTo =
        limit < 0 ? std::nullopt : std::optional<std::int64_t>(std::max<std::int64_t>(offset, 0) + limit);
    const auto r = m_db->run(
        "SELECT * FROM ("
        "(SELECT a.image AS image, i.path AS path, a.round AS round, a.position AS position, a.state AS state, "
        "l.class AS class, NULL::bigint AS item, 0 AS chk, a.image AS k, coalesce(l.source = 'standard', false) AS "
        "bystd FROM assignment a JOIN image i ON i.id = a.image "
        "LEFT JOIN label l ON l.image = a.image AND l.labeler = a.labeler WHERE a.labeler = $1 "
        "ORDER BY a.round, a.position, a.image LIMIT $4) "
        "UNION ALL "
        "(SELECT c.image, i.path, c.round, c.position, c.state, c.answer, c.id, 1, c.id, false FROM check_item c "
        "JOIN image i ON i.id = c.image WHERE c.labeler = $1 ORDER BY c.round, c.position, c.id LIMIT $4)"
        ") q ORDER BY round, position, chk, k LIMIT $2 OFFSET $3",
        labeler, limitOf(limit), offset, upTo);
    return collect<QueueEntry>(r, [](const pg::Result &q, int row) {
        QueueEntry e{q.int64(row, 0),
                     q.text(row, 1),
                     q.integer(row, 2),
                     q.integer(row, 3),
                     parseAssignmentState(q.text(row, 4)),
                     q.optInt64(row, 5),
                     q.optInt64(row, 6)};
        e.labelByStandard = q.boolean(row, 9);
        return e;
    });
}

std::int64_t PgStore::queueSize(Id labeler) const
{
    return m_db
        ->run("SELECT (SELECT count(*) FROM assignment WHERE labeler = $1) + "
              "(SELECT count(*) FROM check_item WHERE labeler = $1)",
              labeler)
        .int64(0, 0);
}

std::int64_t PgStore::queueRowIndex(Id labeler, const QueueKey &key) const
{
    return m_db
        ->run("SELECT (SELECT count(*) FROM assignment WHERE labeler = $1 "
              "AND (round, position, 0, image) < ($2::integer, $3::integer, $4::integer, $5::bigint)) + "
              "(SELECT count(*) FROM check_item WHERE labeler = $1 "
              "AND (round, position, 1, id) < ($2::integer, $3::integer, $4::integer, $5::bigint))",
              labeler, key.round, key.position, key.check, key.key)
        .int64(0, 0);
}

std::vector<Store::QueueKey> PgStore::assignmentKeys(Id labeler, Id image) const
{
    return collect<QueueKey>(
        m_db->run("SELECT round, position FROM assignment WHERE image = $1 AND labeler = $2 ORDER BY round, position",
                  image, labeler),
        [&](const pg::Result &r, int row) {
            return QueueKey{r.integer(row, 0), r.integer(row, 1), 0, image, image};
        });
}

std::int64_t PgStore::queueLabeledCount(Id labeler) const
{
    return m_db
        ->run("SELECT (SELECT count(*) FROM assignment a JOIN label l ON l.image = a.image AND l.labeler = a.labeler "
              "WHERE a.labeler = $1 AND (a.round = 0 OR a.state = 'done')) + " // isAnswered()
              "(SELECT count(*) FROM check_item WHERE labeler = $1 AND answer IS NOT NULL)",
              labeler)
        .int64(0, 0);
}

std::vector<Store::QueueKey> PgStore::unlabeledQueueKeys(Id labeler, bool skipped, std::int64_t limit) const
{
    return collect<QueueKey>(
        m_db->run("SELECT * FROM ("
                  "(SELECT a.round AS round, a.position AS position, 0 AS chk, a.image AS k, a.image AS image "
                  "FROM assignment a WHERE a.labeler = $1 AND (a.state = 'skipped') = $2 "
                  "AND (NOT EXISTS (SELECT 1 FROM label l WHERE l.image = a.image AND l.labeler = a.labeler) "
                  "OR (a.round > 0 AND a.state <> 'done')) ORDER BY a.round, a.position, a.image LIMIT $3) "
                  "UNION ALL "
                  "(SELECT c.round, c.position, 1, c.id, c.image FROM check_item c "
                  "WHERE c.labeler = $1 AND (c.state = 'skipped') = $2 AND c.answer IS NULL "
                  "ORDER BY c.round, c.position, c.id LIMIT $3)"
                  ") q ORDER BY round, position, chk, k LIMIT $3",
                  labeler, skipped, limitOf(limit)),
        [](const pg::Result &r, int row) {
            return QueueKey{r.integer(row, 0), r.integer(row, 1), r.integer(row, 2), r.int64(row, 3), r.int64(row, 4)};
        });
}

void PgStore::setAssignmentState(Id image, Id labeler, int round, AssignmentState state)
{
    write([&] {
        m_db->run("UPDATE assignment SET state = $1 WHERE image = $2 AND labeler = $3 AND round = $4", toString(state),
                  image, labeler, round);
    });
}

void PgStore::unassign(Id image, Id labeler, int round)
{
    write([&] {
        m_db->run("DELETE FROM assignment WHERE image = $1 AND labeler = $2 AND round = $3", image, labeler, round);
    });
}

std::vector<std::pair<Id, int>> PgStore::assignmentCounts() const
{
    return collect<std::pair<Id, int>>(
        m_db->run("SELECT image, count(*) FROM assignment GROUP BY image ORDER BY image"),
        [](const pg::Result &r, int row) { return std::make_pair(r.int64(row, 0), r.integer(row, 1)); });
}

std::optional<int> PgStore::assignmentRound(Id image, Id labeler) const
{
    const auto r = m_db->run("SELECT max(round) FROM assignment WHERE image = $1 AND labeler = $2", image, labeler);
    if (r.rows() == 0 || r.isNull(0, 0))
        return std::nullopt;
    return r.integer(0, 0);
}

void PgStore::markAssignmentsDone(Id image, Id labeler)
{
    write([&] {
        m_db->run("UPDATE assignment SET state = 'done' WHERE image = $1 AND labeler = $2 AND state <> 'done'", image,
                  labeler);
    });
}

int PgStore::maxRound() const
{
    return m_db->run("SELECT coalesce(max(round), 0) FROM assignment").integer(0, 0);
}

// --- consistency checks -------------------------------------------------------------------

namespace {

#define PG_CHECK_COLS "c.id, c.image, c.labeler, c.kind, c.round, c.position, c.state, c.answer, c.answered_at"

CheckItem readCheckItem(const pg::Result &r, int row)
{
    CheckItem c;
    c.id = r.int64(row, 0);
    c.image = r.int64(row, 1);
    c.labeler = r.int64(row, 2);
    c.kind = parseCheckKind(r.text(row, 3));
    c.round = r.integer(row, 4);
    c.position = r.integer(row, 5);
    c.state = parseAssignmentState(r.text(row, 6));
    c.answer = r.optInt64(row, 7);
    c.answeredAt = r.text(row, 8);
    return c;
}

GoldLabel readGold(const pg::Result &r, int row)
{
    return GoldLabel{r.int64(row, 0), r.int64(row, 1), r.text(row, 2), r.text(row, 3)};
}

} // namespace

Id PgStore::addCheckItem(const CheckItem &item)
{
    Id id = 0;
    write([&] {
        const auto dup = m_db->run("SELECT count(*) FROM check_item WHERE image = $1 AND labeler = $2 AND kind = $3",
                                   item.image, item.labeler, toString(item.kind));
        if (dup.int64(0, 0) > 0)
            throw Error(ErrorCode::Invalid,
                        "the labeler has a " + std::string(toString(item.kind)) + " check of this image already", {}, 0,
                        "check_item");
        id = m_db->run("INSERT INTO check_item(image, labeler, kind, round, position, state, answer, answered_at) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                       item.image, item.labeler, toString(item.kind), item.round, item.position, toString(item.state),
                       item.answer, item.answeredAt)
                 .int64(0, 0);
    });
    return id;
}

std::optional<CheckItem> PgStore::checkItem(Id id) const
{
    return first<CheckItem>(m_db->run("SELECT " PG_CHECK_COLS " FROM check_item c WHERE c.id = $1", id), readCheckItem);
}

std::vector<CheckItem> PgStore::checkItems() const
{
    return collect<CheckItem>(
        m_db->run("SELECT " PG_CHECK_COLS " FROM check_item c ORDER BY c.labeler, c.round, c.position, c.id"),
        readCheckItem);
}

void PgStore::answerCheckItem(Id id, std::optional<Id> answer, AssignmentState state)
{
    write([&] {
        m_db->run("UPDATE check_item SET answer = $1, state = $2, answered_at = $3 WHERE id = $4", answer,
                  toString(state), answer ? utcNow() : std::string(), id);
    });
}

void PgStore::removeCheckItem(Id id)
{
    write([&] { m_db->run("DELETE FROM check_item WHERE id = $1", id); });
}

void PgStore::replaceCheckAnnotations(Id item, const std::vector<Annotation> &annotations)
{
    write([&] {
        m_db->run("DELETE FROM check_annotation WHERE item = $1", item);
        for (const Annotation &a : annotations)
            m_db->run("INSERT INTO check_annotation(item, kind, geometry, length_px, length_mm, area, class) "
                      "VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::bigint, (SELECT id FROM label_class WHERE name = "
                      "$8::text), (SELECT answer FROM check_item WHERE id = $1)))",
                      item, toString(a.kind), a.geometry, a.lengthPx, a.lengthMm, a.area,
                      store_detail::boundClass(a.classId), store_detail::geometryClassHint(a.geometry));
    });
}

std::vector<Annotation> PgStore::checkAnnotations(Id item) const
{
    return collect<Annotation>(
        m_db->run("SELECT a.id, a.item, a.kind, a.geometry, a.length_px, a.length_mm, a.area, a.class "
                  "FROM check_annotation a WHERE a.item = $1 ORDER BY a.id",
                  item),
        [](const pg::Result &r, int row) { return readAnnotation(r, row); });
}

std::vector<std::pair<Id, Annotation>> PgStore::checkAnnotationsOfKind(AnnotationKind kind) const
{
    return collect<std::pair<Id, Annotation>>(
        m_db->run("SELECT a.id, a.item, a.kind, a.geometry, a.length_px, a.length_mm, a.area, a.class "
                  "FROM check_annotation a WHERE a.kind = $1 ORDER BY a.item, a.id",
                  toString(kind)),
        [](const pg::Result &r, int row) {
            Annotation a = readAnnotation(r, row);
            return std::make_pair(a.label, a);
        });
}

void PgStore::setGold(const GoldLabel &gold)
{
    if (gold.source != "decision" && gold.source != "import")
        throw Error(ErrorCode::Invalid, "a gold class comes from a decision or an import, not '" + gold.source + "'",
                    {}, 0, "source");
    write([&] {
        m_db->run("INSERT INTO gold(image, class, source, created_at) VALUES ($1, $2, $3, $4) "
                  "ON CONFLICT(image) DO UPDATE SET class = excluded.class, source = excluded.source, "
                  "created_at = excluded.created_at",
                  gold.image, gold.labelClass, gold.source, gold.createdAt.empty() ? utcNow() : gold.createdAt);
    });
}

void PgStore::removeGold(Id image)
{
    write([&] { m_db->run("DELETE FROM gold WHERE image = $1", image); });
}

std::optional<GoldLabel> PgStore::gold(Id image) const
{
    return first<GoldLabel>(m_db->run("SELECT image, class, source, created_at FROM gold WHERE image = $1", image),
                            readGold);
}

std::vector<GoldLabel> PgStore::goldLabels() const
{
    return collect<GoldLabel>(m_db->run("SELECT image, class, source, created_at FROM gold ORDER BY image"), readGold);
}

// --- standards ----------------------------------------------------------------------------

Id PgStore::addStandard(const Standard &s)
{
    if (s.title.empty())
        throw Error(ErrorCode::Invalid, "a standard needs a title", {}, 0, "title");
    Id id = 0;
    write([&] {
        // Version 1 of a family is its own family: the id is drawn first so one INSERT says so.
        id = s.family == 0 ? m_db->run("SELECT nextval(pg_get_serial_sequence('standard', 'id'))").int64(0, 0) : 0;
        if (id != 0)
            m_db->run("INSERT INTO standard(id, family, version, title, body, rule, status, created_at) "
                      "VALUES ($1, $1, $2, $3, $4, $5, $6, $7)",
                      id, s.version, s.title, s.body, s.rule, toString(s.status),
                      s.createdAt.empty() ? utcNow() : s.createdAt);
        else
            id = m_db->run("INSERT INTO standard(family, version, title, body, rule, status, created_at) "
                           "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                           s.family, s.version, s.title, s.body, s.rule, toString(s.status),
                           s.createdAt.empty() ? utcNow() : s.createdAt)
                     .int64(0, 0);
    });
    return id;
}

std::vector<Standard> PgStore::standards() const
{
    return collect<Standard>(m_db->run("SELECT " PG_STANDARD_COLS " FROM standard ORDER BY family, version"),
                             readStandard);
}

std::optional<Standard> PgStore::standard(Id id) const
{
    return first<Standard>(m_db->run("SELECT " PG_STANDARD_COLS " FROM standard WHERE id = $1", id), readStandard);
}

void PgStore::setStandardStatus(Id id, StandardStatus status)
{
    write([&] { m_db->run("UPDATE standard SET status = $1 WHERE id = $2", toString(status), id); });
}

void PgStore::setExample(const StandardExample &e)
{
    write([&] {
        m_db->run("INSERT INTO standard_example(standard, image, role, note) VALUES ($1, $2, $3, $4) "
                  "ON CONFLICT(standard, image) DO UPDATE SET role = excluded.role, note = excluded.note",
                  e.standard, e.image, toString(e.role), e.note);
    });
}

void PgStore::removeExample(Id standard, Id image)
{
    write([&] { m_db->run("DELETE FROM standard_example WHERE standard = $1 AND image = $2", standard, image); });
}

std::vector<StandardExample> PgStore::examples(Id standard) const
{
    return collect<StandardExample>(
        m_db->run("SELECT standard, image, role, note FROM standard_example WHERE standard = $1 ORDER BY role, image",
                  standard),
        [](const pg::Result &r, int row) {
            return StandardExample{r.int64(row, 0), r.int64(row, 1), parseExampleRole(r.text(row, 2)), r.text(row, 3)};
        });
}

// --- decisions ----------------------------------------------------------------------------

void PgStore::setDecision(const Decision &d)
{
    write([&] {
        m_db->run("INSERT INTO decision(image, class, method, standard, decided_by, note, created_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT(image) DO UPDATE SET "
                  "class = excluded.class, method = excluded.method, standard = excluded.standard, "
                  "decided_by = excluded.decided_by, note = excluded.note, created_at = excluded.created_at",
                  d.image, d.labelClass, toString(d.method), d.standard, d.by, d.note,
                  d.createdAt.empty() ? utcNow() : d.createdAt);
    });
}

void PgStore::removeDecision(Id image)
{
    write([&] { m_db->run("DELETE FROM decision WHERE image = $1", image); });
}

std::optional<Decision> PgStore::decision(Id image) const
{
    return first<Decision>(m_db->run("SELECT " PG_DECISION_COLS " FROM decision WHERE image = $1", image),
                           readDecision);
}

std::vector<Decision> PgStore::decisions() const
{
    return collect<Decision>(m_db->run("SELECT " PG_DECISION_COLS " FROM decision ORDER BY image"), readDecision);
}

// --- object decisions ---------------------------------------------------------------------

Id PgStore::addObjectDecision(const ObjectDecision &d)
{
    Id id = 0;
    write([&] {
        id = m_db->run("INSERT INTO object_decision(image, kind, geometry, class, action, members, decided_by, "
                       "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                       d.image, toString(d.kind), d.geometry, d.cls, toString(d.action), d.members, d.by,
                       d.createdAt.empty() ? utcNow() : d.createdAt)
                 .int64(0, 0);
    });
    return id;
}

void PgStore::removeObjectDecision(Id id)
{
    write([&] { m_db->run("DELETE FROM object_decision WHERE id = $1", id); });
}

std::optional<ObjectDecision> PgStore::objectDecision(Id id) const
{
    return first<ObjectDecision>(m_db->run("SELECT " PG_OBJECT_DECISION_COLS " FROM object_decision WHERE id = $1", id),
                                 readObjectDecision);
}

std::vector<ObjectDecision> PgStore::objectDecisions() const
{
    return collect<ObjectDecision>(m_db->run("SELECT " PG_OBJECT_DECISION_COLS " FROM object_decision ORDER BY id"),
                                   readObjectDecision);
}

// --- thumbnails ---------------------------------------------------------------------------

std::optional<std::string> PgStore::thumbnail(const std::string &hash, int size) const
{
    return first<std::string>(m_db->run("SELECT jpeg FROM thumbnail WHERE hash = $1 AND size = $2", hash, size),
                              [](const pg::Result &r, int row) { return r.bytes(row, 0); });
}

void PgStore::putThumbnail(const std::string &hash, int size, const std::string &jpeg)
{
    write([&] {
        pg::Params p;
        p.add(hash).add(size).addBytes(jpeg);
        m_db->query("INSERT INTO thumbnail(hash, size, jpeg) VALUES ($1, $2, $3) "
                    "ON CONFLICT(hash, size) DO UPDATE SET jpeg = excluded.jpeg",
                    p);
    });
}

// --- audit --------------------------------------------------------------------------------

Id PgStore::appendAudit(const std::string &actor, const std::string &action, const std::string &payload)
{
    Id id = 0;
    write([&] {
        id = m_db->run("INSERT INTO audit(at, actor, action, payload) VALUES ($1, $2, $3, $4) RETURNING id", utcNow(),
                       actor, action, payload)
                 .int64(0, 0);
    });
    return id;
}

std::vector<AuditEntry> PgStore::auditLog(std::int64_t limit) const
{
    return collect<AuditEntry>(
        m_db->run("SELECT id, at, actor, action, payload, undone FROM audit ORDER BY id DESC LIMIT $1", limitOf(limit)),
        [](const pg::Result &r, int row) {
            return AuditEntry{r.int64(row, 0), r.text(row, 1), r.text(row, 2),
                              r.text(row, 3),  r.text(row, 4), r.int64(row, 5) != 0};
        });
}

void PgStore::markAuditUndone(Id id)
{
    write([&] { m_db->run("UPDATE audit SET undone = 1 WHERE id = $1", id); });
}

} // namespace concord::core
