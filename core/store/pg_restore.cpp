// SPDX-License-Identifier: GPL-3.0-or-later
// PgStore: the whole project's rows at once, for push and pull (core/project/project_copy.h,
// issue #18). Explicit-id INSERTs with bound values in one transaction, then every identity
// sequence moved past the highest id so the next ordinary INSERT does not collide.
#include "core/store/pg_rows_p.h"
#include "core/store/pg_store.h"
#include "core/store/restore_p.h"
#include "core/store/shapeclass_p.h"

namespace concord::core {

using namespace pg_rows;

namespace {

// One literal per table: Connection::query() caches prepared statements by the SQL's address.
// setval(…, max + 1, false) makes max + 1 the next id, and 1 for an empty table (setval to 0
// is out of the sequence's range).
constexpr const char *kSequenceResets[] = {
    "SELECT setval(pg_get_serial_sequence('label_class', 'id'), coalesce(max(id), 0) + 1, false) FROM label_class",
    "SELECT setval(pg_get_serial_sequence('labeler', 'id'), coalesce(max(id), 0) + 1, false) FROM labeler",
    "SELECT setval(pg_get_serial_sequence('image', 'id'), coalesce(max(id), 0) + 1, false) FROM image",
    "SELECT setval(pg_get_serial_sequence('standard', 'id'), coalesce(max(id), 0) + 1, false) FROM standard",
    "SELECT setval(pg_get_serial_sequence('label', 'id'), coalesce(max(id), 0) + 1, false) FROM label",
    "SELECT setval(pg_get_serial_sequence('annotation', 'id'), coalesce(max(id), 0) + 1, false) FROM annotation",
    "SELECT setval(pg_get_serial_sequence('check_item', 'id'), coalesce(max(id), 0) + 1, false) FROM check_item",
    "SELECT setval(pg_get_serial_sequence('check_annotation', 'id'), coalesce(max(id), 0) + 1, false) "
    "FROM check_annotation",
    "SELECT setval(pg_get_serial_sequence('object_decision', 'id'), coalesce(max(id), 0) + 1, false) "
    "FROM object_decision",
    "SELECT setval(pg_get_serial_sequence('audit', 'id'), coalesce(max(id), 0) + 1, false) FROM audit",
};

} // namespace

std::vector<std::pair<std::string, std::string>> PgStore::metaRows() const
{
    return collect<std::pair<std::string, std::string>>(
        m_db->run("SELECT key, value FROM project_meta ORDER BY key"),
        [](const pg::Result &r, int row) { return std::make_pair(r.text(row, 0), r.text(row, 1)); });
}

void PgStore::restoreRows(const ProjectRows &rows)
{
    requireWritable();
    write([&] {
        restore::requireEmpty(m_db->run("SELECT (SELECT count(*) FROM label_class) + (SELECT count(*) FROM labeler) + "
                                        "(SELECT count(*) FROM image) + (SELECT count(*) FROM standard) + "
                                        "(SELECT count(*) FROM audit)")
                                  .int64(0, 0),
                              m_db->displayName());

        const std::string now = utcNow();
        for (const auto &[key, value] : rows.meta) {
            if (restore::isTargetsOwnMetaKey(key))
                continue;
            m_db->run("INSERT INTO project_meta(key, value) VALUES ($1, $2) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                      key, value);
        }
        for (const LabelClass &c : rows.classes)
            m_db->run("INSERT INTO label_class(id, name, color, shortcut, description, ord, scope) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                      c.id, c.name, c.color, c.shortcut, c.description, c.order, toString(c.scope));
        for (const Labeler &l : rows.labelers)
            m_db->run("INSERT INTO labeler(id, name, role, created_at) VALUES ($1, $2, $3, $4)", l.id, l.name,
                      toString(l.role), now);
        for (const ImageRecord &r : rows.images)
            m_db->run("INSERT INTO image(id, path, hash, bytes, width, height, px_per_mm, file_name, added_at) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                      r.id, r.path, r.hash, r.bytes, r.width, r.height,
                      r.pxPerMm > 0 ? std::optional<double>(r.pxPerMm) : std::nullopt, restore::fileNameOf(r.path),
                      now);
        for (const ImageAttribute &a : rows.attributes) {
            const auto *d = std::get_if<double>(&a.value);
            m_db->run("INSERT INTO image_attr(image, key, num, text, source) VALUES ($1, $2, $3, $4, $5)", a.image,
                      a.key, d ? std::optional<double>(*d) : std::nullopt,
                      d ? std::nullopt : std::optional<std::string>(std::get<std::string>(a.value)),
                      toString(a.source));
        }
        for (const Standard &s : rows.standards)
            m_db->run("INSERT INTO standard(id, family, version, title, body, rule, status, created_at) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                      s.id, s.family, s.version, s.title, s.body, s.rule, toString(s.status), s.createdAt);
        for (const StandardExample &e : rows.examples)
            m_db->run("INSERT INTO standard_example(standard, image, role, note) VALUES ($1, $2, $3, $4)", e.standard,
                      e.image, toString(e.role), e.note);
        for (const Assignment &a : rows.assignments)
            m_db->run("INSERT INTO assignment(image, labeler, round, position, state) VALUES ($1, $2, $3, $4, $5)",
                      a.image, a.labeler, a.round, a.position, toString(a.state));
        for (const Label &l : rows.labels)
            m_db->run("INSERT INTO label(id, image, labeler, class, round, standard, source, created_at, updated_at) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                      l.id, l.image, l.labeler, l.labelClass, l.round, l.standard, toString(l.source), l.createdAt,
                      l.updatedAt);
        for (const Annotation &a : rows.annotations)
            m_db->run("INSERT INTO annotation(id, label, kind, geometry, length_px, length_mm, area, class) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                      a.id, a.label, toString(a.kind), a.geometry, a.lengthPx, a.lengthMm, a.area,
                      store_detail::boundClass(a.classId));
        for (const CheckItem &c : rows.checkItems)
            m_db->run("INSERT INTO check_item(id, image, labeler, kind, round, position, state, answer, answered_at) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                      c.id, c.image, c.labeler, toString(c.kind), c.round, c.position, toString(c.state), c.answer,
                      c.answeredAt);
        for (const Annotation &a : rows.checkAnnotations)
            m_db->run("INSERT INTO check_annotation(id, item, kind, geometry, length_px, length_mm, area, class) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                      a.id, a.label, toString(a.kind), a.geometry, a.lengthPx, a.lengthMm, a.area,
                      store_detail::boundClass(a.classId));
        for (const GoldLabel &g : rows.gold)
            m_db->run("INSERT INTO gold(image, class, source, created_at) VALUES ($1, $2, $3, $4)", g.image,
                      g.labelClass, g.source, g.createdAt);
        for (const Decision &d : rows.decisions)
            m_db->run("INSERT INTO decision(image, class, method, standard, decided_by, note, created_at) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                      d.image, d.labelClass, toString(d.method), d.standard, d.by, d.note, d.createdAt);
        for (const ObjectDecision &d : rows.objectDecisions)
            m_db->run("INSERT INTO object_decision(id, image, kind, geometry, class, action, members, decided_by, "
                      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                      d.id, d.image, toString(d.kind), d.geometry, d.cls, toString(d.action), d.members, d.by,
                      d.createdAt);
        for (const AuditEntry &e : rows.audit)
            m_db->run("INSERT INTO audit(id, at, actor, action, payload, undone) VALUES ($1, $2, $3, $4, $5, $6)", e.id,
                      e.at, e.actor, e.action, e.payload, e.undone ? 1 : 0);
        for (const char *reset : kSequenceResets)
            m_db->run(reset);
    });
}

} // namespace concord::core
