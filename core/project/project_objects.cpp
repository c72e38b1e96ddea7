// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/project_objects.h"

#include "core/common/error.h"
#include "core/geometry/geometry.h"
#include "core/project/project_ratings.h"

#include <unordered_map>

namespace concord::core {

namespace {

struct LabelPlace
{
    std::int32_t item = 0;
    std::int32_t labeler = 0;
    std::int32_t cls = 0;
    const LabelRow *row = nullptr;
};

ObjectVertex vertex(double x, double y)
{
    return {x, y};
}

ObjectShape objectShape(const Shape &shape, std::int32_t cls)
{
    if (const auto *b = std::get_if<BoxShape>(&shape))
        return ObjectShape::box(cls, b->corners.x1, b->corners.y1, b->corners.x2, b->corners.y2);
    if (const auto *l = std::get_if<LineShape>(&shape))
        return ObjectShape::line(cls, l->ends.x1, l->ends.y1, l->ends.x2, l->ends.y2);
    if (const auto *p = std::get_if<PointShape>(&shape))
        return ObjectShape::point(cls, p->at.x, p->at.y);
    std::vector<ObjectVertex> points;
    for (const ShapePoint &v : std::get<PolygonShape>(shape).points)
        points.push_back(vertex(v.x, v.y));
    return ObjectShape::polygon(cls, std::move(points));
}

} // namespace

AnnotationKind annotationKind(ObjectKind k)
{
    switch (k) {
    case ObjectKind::Box: return AnnotationKind::Box;
    case ObjectKind::Line: return AnnotationKind::Line;
    case ObjectKind::Polygon: return AnnotationKind::Polygon;
    case ObjectKind::Point: return AnnotationKind::Point;
    }
    return AnnotationKind::Box;
}

ObjectTable objectTableFromStore(const Store &store)
{
    return objectTableFromStore(store, {});
}

ObjectTable objectTableFromStore(const Store &store, const std::unordered_map<Id, ShapeOverride> &overrides)
{
    return objectTableFromStore(store, overrides, nullptr);
}

ObjectTable objectTableFromStore(const Store &store, const std::unordered_map<Id, ShapeOverride> &overrides,
                                 ShapeAnnotations *annotations)
{
    ObjectTable table;
    std::unordered_map<Id, std::int32_t> classIndex; // class id → index in the table
    for (const auto &c : store.classes())
        classIndex.emplace(c.id, table.cls(c.name));
    const std::vector<LabelRow> rows = store.labelRows();
    std::unordered_map<Id, LabelPlace> places;
    for (const LabelRow &r : rows) {
        if (!isHumanLabel(r.label))
            continue;
        const LabelPlace place{table.item(r.imagePath), table.labeler(r.labelerName), table.cls(r.className), &r};
        table.markLabeled(place.item, place.labeler);
        places.emplace(r.label.id, place);
    }
    for (const AnnotationKind kind :
         {AnnotationKind::Box, AnnotationKind::Line, AnnotationKind::Polygon, AnnotationKind::Point}) {
        for (const auto &[label, annotation] : store.annotationsOfKind(kind)) {
            const auto it = places.find(label.id);
            if (it == places.end())
                continue; // a label a standard wrote
            const LabelPlace &place = it->second;
            Shape shape;
            try {
                shape = decodeGeometry(kind, annotation.geometry);
            } catch (const Error &e) {
                throw Error(ErrorCode::Invalid,
                            e.detail() + " (image " + place.row->imagePath + ", labeler " + place.row->labelerName +
                                "): " + annotation.geometry,
                            {}, 0, "annotation " + std::to_string(annotation.id));
            }
            Id classId = annotation.classId; // the shape's own class (schema 4)
            if (const auto o = overrides.find(annotation.id); o != overrides.end()) {
                if (o->second.drop)
                    continue;
                classId = o->second.classId;
            }
            const auto own = classIndex.find(classId);
            table.add(place.item, place.labeler, objectShape(shape, own != classIndex.end() ? own->second : place.cls));
            if (annotations)
                (*annotations)[{place.item, place.labeler}].push_back(annotation.id);
        }
    }
    return table;
}

ObjectAgreement computeProjectObjectAgreement(const Store &store, const ObjectAgreementOptions &options)
{
    ObjectAgreementOptions o = options;
    o.totalItems = store.imageCount();
    return computeObjectAgreement(objectTableFromStore(store), o);
}

} // namespace concord::core
