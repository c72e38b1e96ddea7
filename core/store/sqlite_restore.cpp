// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteStore: the whole project's rows at once, for push and pull (core/project/project_copy.h,
// issue #18). Explicit-id INSERTs with bound values, one transaction.
#include "core/store/restore_p.h"
#include "core/store/shapeclass_p.h"
#include "core/store/sqlite_rows_p.h"
#include "core/store/sqlite_store.h"

namespace concord::core {

using sqlite::Statement;
using namespace sqlite_rows;

std::vector<std::pair<std::string, std::string>> SqliteStore::metaRows() const
{
    auto &st = m_db->prepare("SELECT key, value FROM project_meta ORDER BY key");
    return collect<std::pair<std::string, std::string>>(
        st, [](const Statement &s) { return std::make_pair(s.text(0), s.text(1)); });
}

void SqliteStore::restoreRows(const ProjectRows &rows)
{
    requireWritable();
    write([&] {
        restore::requireEmpty(scalar(m_db->prepare("SELECT (SELECT count(*) FROM label_class) + "
                                                   "(SELECT count(*) FROM labeler) + (SELECT count(*) FROM image) + "
                                                   "(SELECT count(*) FROM standard) + (SELECT count(*) FROM audit)")),
                              m_db->file().string());

        const std::string now = utcNow();
        for (const auto &[key, value] : rows.meta) {
            if (restore::isTargetsOwnMetaKey(key))
                continue;
            m_db->prepare("INSERT INTO project_meta(key, value) VALUES (?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                .bindAll(key, value)
                .exec();
        }
        for (const LabelClass &c : rows.classes)
            m_db->prepare("INSERT INTO label_class(id, name, color, shortcut, description, ord, scope) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bindAll(c.id, c.name, c.color, c.shortcut, c.description, c.order, toString(c.scope))
                .exec();
        for (const Labeler &l : rows.labelers)
            m_db->prepare("INSERT INTO labeler(id, name, role, created_at) VALUES (?, ?, ?, ?)")
                .bindAll(l.id, l.name, toString(l.role), now)
                .exec();
        for (const ImageRecord &r : rows.images) {
            auto &st = m_db->prepare("INSERT INTO image(id, path, hash, bytes, width, height, px_per_mm, file_name, "
                                     "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            st.bindAll(r.id, r.path, r.hash, r.bytes, r.width, r.height);
            if (r.pxPerMm > 0)
                st.bind(7, r.pxPerMm);
            else
                st.bindNull(7);
            st.bind(8, restore::fileNameOf(r.path)).bind(9, now);
            st.exec();
        }
        for (const ImageAttribute &a : rows.attributes) {
            auto &st = m_db->prepare("INSERT INTO image_attr(image, key, num, text, source) VALUES (?, ?, ?, ?, ?)");
            st.bind(1, a.image).bind(2, a.key);
            if (const auto *d = std::get_if<double>(&a.value))
                st.bind(3, *d).bindNull(4);
            else
                st.bindNull(3).bind(4, std::get<std::string>(a.value));
            st.bind(5, toString(a.source));
            st.exec();
        }
        for (const Standard &s : rows.standards)
            m_db->prepare("INSERT INTO standard(id, family, version, title, body, rule, status, created_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .bindAll(s.id, s.family, s.version, s.title, s.body, s.rule, toString(s.status), s.createdAt)
                .exec();
        for (const StandardExample &e : rows.examples)
            m_db->prepare("INSERT INTO standard_example(standard, image, role, note) VALUES (?, ?, ?, ?)")
                .bindAll(e.standard, e.image, toString(e.role), e.note)
                .exec();
        for (const Assignment &a : rows.assignments)
            m_db->prepare("INSERT INTO assignment(image, labeler, round, position, state) VALUES (?, ?, ?, ?, ?)")
                .bindAll(a.image, a.labeler, a.round, a.position, toString(a.state))
                .exec();
        for (const Label &l : rows.labels)
            m_db->prepare("INSERT INTO label(id, image, labeler, class, round, standard, source, created_at, "
                          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bindAll(l.id, l.image, l.labeler, l.labelClass, l.round, l.standard, toString(l.source), l.createdAt,
                         l.updatedAt)
                .exec();
        for (const Annotation &a : rows.annotations)
            m_db->prepare("INSERT INTO annotation(id, label, kind, geometry, length_px, length_mm, area, class) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .bindAll(a.id, a.label, toString(a.kind), a.geometry, a.lengthPx, a.lengthMm, a.area,
                         store_detail::boundClass(a.classId))
                .exec();
        for (const CheckItem &c : rows.checkItems)
            m_db->prepare("INSERT INTO check_item(id, image, labeler, kind, round, position, state, answer, "
                          "answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bindAll(c.id, c.image, c.labeler, toString(c.kind), c.round, c.position, toString(c.state), c.answer,
                         c.answeredAt)
                .exec();
        for (const Annotation &a : rows.checkAnnotations)
            m_db->prepare("INSERT INTO check_annotation(id, item, kind, geometry, length_px, length_mm, area, class) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .bindAll(a.id, a.label, toString(a.kind), a.geometry, a.lengthPx, a.lengthMm, a.area,
                         store_detail::boundClass(a.classId))
                .exec();
        for (const GoldLabel &g : rows.gold)
            m_db->prepare("INSERT INTO gold(image, class, source, created_at) VALUES (?, ?, ?, ?)")
                .bindAll(g.image, g.labelClass, g.source, g.createdAt)
                .exec();
        for (const Decision &d : rows.decisions)
            m_db->prepare("INSERT INTO decision(image, class, method, standard, decided_by, note, created_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bindAll(d.image, d.labelClass, toString(d.method), d.standard, d.by, d.note, d.createdAt)
                .exec();
        for (const ObjectDecision &d : rows.objectDecisions)
            m_db->prepare("INSERT INTO object_decision(id, image, kind, geometry, class, action, members, decided_by, "
                          "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bindAll(d.id, d.image, toString(d.kind), d.geometry, d.cls, toString(d.action), d.members, d.by,
                         d.createdAt)
                .exec();
        for (const AuditEntry &e : rows.audit)
            m_db->prepare("INSERT INTO audit(id, at, actor, action, payload, undone) VALUES (?, ?, ?, ?, ?, ?)")
                .bindAll(e.id, e.at, e.actor, e.action, e.payload, e.undone ? 1 : 0)
                .exec();
    });
}

} // namespace concord::core
