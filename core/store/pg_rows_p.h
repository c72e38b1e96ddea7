// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to core/store: column lists and row readers shared by the PgStore source files
// (the same columns, in the same order, as sqlite_rows_p.h).

#include "core/store/pg_db.h"
#include "core/store/types.h"

#include <optional>
#include <string>
#include <vector>

namespace concord::core::pg_rows {

using pg::Result;

inline Label readLabel(const Result &r, int row, int c = 0)
{
    Label l;
    l.id = r.int64(row, c + 0);
    l.image = r.int64(row, c + 1);
    l.labeler = r.int64(row, c + 2);
    l.labelClass = r.int64(row, c + 3);
    l.round = r.integer(row, c + 4);
    l.standard = r.optInt64(row, c + 5);
    l.source = parseLabelSource(r.text(row, c + 6));
    l.createdAt = r.text(row, c + 7);
    l.updatedAt = r.text(row, c + 8);
    return l;
}
#define PG_LABEL_COLS "l.id, l.image, l.labeler, l.class, l.round, l.standard, l.source, l.created_at, l.updated_at"

inline ImageRecord readImage(const Result &r, int row)
{
    ImageRecord i;
    i.id = r.int64(row, 0);
    i.path = r.text(row, 1);
    i.hash = r.text(row, 2);
    i.bytes = r.int64(row, 3);
    i.width = r.integer(row, 4);
    i.height = r.integer(row, 5);
    i.pxPerMm = r.optReal(row, 6).value_or(0.0);
    return i;
}
#define PG_IMAGE_COLS "id, path, hash, bytes, width, height, px_per_mm"

inline Annotation readAnnotation(const Result &r, int row, int c = 0)
{
    Annotation a;
    a.id = r.int64(row, c + 0);
    a.label = r.int64(row, c + 1);
    a.kind = parseAnnotationKind(r.text(row, c + 2));
    a.geometry = r.text(row, c + 3);
    a.lengthPx = r.real(row, c + 4);
    a.lengthMm = r.optReal(row, c + 5);
    a.area = r.real(row, c + 6);
    a.classId = r.isNull(row, c + 7) ? 0 : r.int64(row, c + 7);
    return a;
}
#define PG_CLASS_COLS "id, name, color, shortcut, description, ord, scope"
#define PG_ANNOTATION_COLS "a.id, a.label, a.kind, a.geometry, a.length_px, a.length_mm, a.area, a.class"

inline Standard readStandard(const Result &r, int row)
{
    Standard s;
    s.id = r.int64(row, 0);
    s.family = r.int64(row, 1);
    s.version = r.integer(row, 2);
    s.title = r.text(row, 3);
    s.body = r.text(row, 4);
    s.rule = r.text(row, 5);
    s.status = parseStandardStatus(r.text(row, 6));
    s.createdAt = r.text(row, 7);
    return s;
}
#define PG_STANDARD_COLS "id, family, version, title, body, rule, status, created_at"

inline Decision readDecision(const Result &r, int row)
{
    Decision d;
    d.image = r.int64(row, 0);
    d.labelClass = r.optInt64(row, 1);
    d.method = parseDecisionMethod(r.text(row, 2));
    d.standard = r.optInt64(row, 3);
    d.by = r.optInt64(row, 4);
    d.note = r.text(row, 5);
    d.createdAt = r.text(row, 6);
    return d;
}
#define PG_DECISION_COLS "image, class, method, standard, decided_by, note, created_at"

inline ObjectDecision readObjectDecision(const Result &r, int row)
{
    ObjectDecision d;
    d.id = r.int64(row, 0);
    d.image = r.int64(row, 1);
    d.kind = parseAnnotationKind(r.text(row, 2));
    d.geometry = r.text(row, 3);
    d.cls = r.optInt64(row, 4);
    d.action = parseObjectAction(r.text(row, 5));
    d.members = r.text(row, 6);
    d.by = r.optInt64(row, 7);
    d.createdAt = r.text(row, 8);
    return d;
}
#define PG_OBJECT_DECISION_COLS "id, image, kind, geometry, class, action, members, decided_by, created_at"

inline ImageAttribute readAttribute(const Result &r, int row)
{
    ImageAttribute a;
    a.image = r.int64(row, 0);
    a.key = r.text(row, 1);
    if (!r.isNull(row, 2))
        a.value = r.real(row, 2);
    else
        a.value = r.text(row, 3);
    a.source = parseAttrSource(r.text(row, 4));
    return a;
}

inline LabelClass readClass(const Result &r, int row)
{
    return LabelClass{r.int64(row, 0),
                      r.text(row, 1),
                      r.text(row, 2),
                      r.text(row, 3),
                      r.text(row, 4),
                      r.integer(row, 5),
                      parseClassScope(r.text(row, 6))};
}

inline Labeler readLabeler(const Result &r, int row)
{
    return Labeler{r.int64(row, 0), r.text(row, 1), parseRole(r.text(row, 2))};
}

template <typename T, typename Reader>
std::vector<T> collect(const Result &r, Reader read)
{
    std::vector<T> out;
    const int n = r.rows();
    out.reserve(static_cast<std::size_t>(n));
    for (int row = 0; row < n; ++row)
        out.push_back(read(r, row));
    return out;
}

template <typename T, typename Reader>
std::optional<T> first(const Result &r, Reader read)
{
    if (r.rows() == 0)
        return std::nullopt;
    return read(r, 0);
}

/// SQLite's LIMIT -1 ("all") is PostgreSQL's LIMIT NULL.
inline std::optional<std::int64_t> limitOf(std::int64_t limit)
{
    return limit < 0 ? std::nullopt : std::optional<std::int64_t>(limit);
}

} // namespace concord::core::pg_rows
