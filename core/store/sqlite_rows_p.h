// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to core/store: column lists and row readers shared by the SqliteStore source files.

#include "core/store/sqlite_db.h"
#include "core/store/types.h"

#include <optional>
#include <string>
#include <vector>

namespace concord::core::sqlite_rows {

using sqlite::Statement;

inline Label readLabel(const Statement &st, int c = 0)
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

inline ImageRecord readImage(const Statement &st)
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

inline Annotation readAnnotation(const Statement &st, int c = 0)
{
    Annotation a;
    a.id = st.int64(c + 0);
    a.label = st.int64(c + 1);
    a.kind = parseAnnotationKind(st.text(c + 2));
    a.geometry = st.text(c + 3);
    a.lengthPx = st.real(c + 4);
    a.lengthMm = st.optReal(c + 5);
    a.area = st.real(c + 6);
    a.classId = st.isNull(c + 7) ? 0 : st.int64(c + 7);
    return a;
}
#define ANNOTATION_COLS "a.id, a.label, a.kind, a.geometry, a.length_px, a.length_mm, a.area, a.class"

inline LabelClass readClass(const Statement &st)
{
    return LabelClass{
        st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.integer(5), parseClassScope(st.text(6))};
}
#define CLASS_COLS "id, name, color, shortcut, description, ord, scope"

inline Standard readStandard(const Statement &st)
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

inline Decision readDecision(const Statement &st)
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

inline ObjectDecision readObjectDecision(const Statement &st)
{
    ObjectDecision d;
    d.id = st.int64(0);
    d.image = st.int64(1);
    d.kind = parseAnnotationKind(st.text(2));
    d.geometry = st.text(3);
    d.cls = st.optInt64(4);
    d.action = parseObjectAction(st.text(5));
    d.members = st.text(6);
    d.by = st.optInt64(7);
    d.createdAt = st.text(8);
    return d;
}
#define OBJECT_DECISION_COLS "id, image, kind, geometry, class, action, members, decided_by, created_at"

inline ImageAttribute readAttribute(const Statement &st)
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

inline std::int64_t scalar(Statement &st)
{
    std::int64_t v = 0;
    if (st.step())
        v = st.int64(0);
    st.reset();
    return v;
}

} // namespace concord::core::sqlite_rows
