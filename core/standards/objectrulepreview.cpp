// SPDX-License-Identifier: GPL-3.0-or-later
// The preview of an object rule (issue #17, docs/RULES.md "Object rules"): every shape of every
// current label is evaluated on its own attributes (core/geometry/objectattributes.h) over its
// image's, and the object figures are computed before and after from the same what-if table.
#include "core/clusters/imageattributes.h"
#include "core/common/error.h"
#include "core/geometry/geometry.h"
#include "core/geometry/objectattributes.h"
#include "core/project/project_objects.h"
#include "core/standards/rule.h"
#include "core/standards/standardpreview.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace concord::core {

namespace {

ObjectFigures figuresOf(const ObjectTable &table, std::int64_t totalImages)
{
    ObjectAgreementOptions options;
    options.totalItems = totalImages;
    const ObjectAgreement a = computeObjectAgreement(table, options);
    return {a.shapes, a.f1Iou50, a.f1Iou75, a.meanMatchedIou, a.classKappa};
}

} // namespace

void previewObjectRule(const Store &store, const Rule &rule, StandardPreview &p)
{
    p.objectRule = true;
    std::map<std::string, Id, std::less<>> classIds;
    std::unordered_map<Id, std::string> classNames;
    for (const auto &c : store.classes()) {
        classIds.emplace(c.name, c.id);
        classNames.emplace(c.id, c.name);
    }
    const auto &objectKeys = objectAttributeNames();
    // The image attributes the rule reads that an object does not have itself.
    std::unordered_map<Id, AttributeValues> imageAttrs;
    for (const auto &a : rule.attributes())
        if (std::find(objectKeys.begin(), objectKeys.end(), a.text) == objectKeys.end())
            for (auto &v : attributeValues(store, a.text))
                imageAttrs[v.image].insert_or_assign(v.key, std::move(v.value));

    const ProjectSettings settings = store.settings();
    std::unordered_map<Id, ImageRecord> images;
    auto imageOf = [&](Id id) -> const ImageRecord & {
        auto it = images.find(id);
        if (it == images.end()) {
            const auto img = store.image(id);
            if (!img)
                throw Error(ErrorCode::NotFound, "no image has the id " + std::to_string(id));
            it = images.emplace(id, *img).first;
        }
        return it->second;
    };

    std::unordered_map<Id, ShapeOverride> overrides;
    for (const AnnotationKind kind :
         {AnnotationKind::Box, AnnotationKind::Line, AnnotationKind::Polygon, AnnotationKind::Point}) {
        for (const auto &[label, annotation] : store.annotationsOfKind(kind)) {
            const auto own = classNames.find(annotation.classId);
            if (own == classNames.end())
                continue; // no class: cannot happen for a label's shape (schema 4)
            const ImageRecord &image = imageOf(label.image);
            const auto shape = shapeOf(annotation);
            if (!shape)
                throw Error(ErrorCode::Invalid, "the geometry of the shape cannot be read: " + annotation.geometry,
                            image.path, 0, "annotation " + std::to_string(annotation.id));
            AttributeValues values;
            if (const auto it = imageAttrs.find(label.image); it != imageAttrs.end())
                values = it->second;
            for (auto &[key, value] :
                 objectAttributes(*shape, image.width, image.height, effectivePxPerMm(image, settings)))
                values.insert_or_assign(key, std::move(value)); // the object's own value first
            const RuleOutcome outcome = evaluateRule(rule, own->second, values);
            if (outcome.verdict == RuleVerdict::OutOfScope)
                continue;
            ++p.objectsInScope;
            if (outcome.verdict == RuleVerdict::Undecided) {
                ++p.objectsUndecided;
                continue;
            }
            ++p.objectsDecided; // dropped, relabelled, confirmed or kept on purpose
            if (outcome.verdict != RuleVerdict::Decided)
                continue;
            if (!outcome.drop && outcome.resultClass == own->second)
                continue; // confirmed
            ObjectChange ch;
            ch.annotation = annotation.id;
            ch.label = label.id;
            ch.image = label.image;
            ch.imagePath = image.path;
            ch.labeler = label.labeler;
            const auto who = store.labeler(label.labeler);
            ch.labelerName = who ? who->name : std::to_string(label.labeler);
            ch.kind = annotation.kind;
            ch.fromClass = annotation.classId;
            ch.from = own->second;
            ch.drop = outcome.drop;
            if (!outcome.drop) {
                ch.to = outcome.resultClass;
                ch.toClass = classIds.at(outcome.resultClass); // validated: the class exists
            }
            ch.decidedBy = outcome.decidedBy;
            overrides.emplace(ch.annotation, ShapeOverride{ch.drop, ch.toClass});
            p.objectChanges.push_back(std::move(ch));
        }
    }
    std::sort(p.objectChanges.begin(), p.objectChanges.end(), [](const ObjectChange &a, const ObjectChange &b) {
        return std::tie(a.image, a.labelerName, a.annotation) < std::tie(b.image, b.labelerName, b.annotation);
    });
    const std::int64_t total = store.imageCount();
    p.objectsBefore = figuresOf(objectTableFromStore(store), total);
    p.objectsAfter = overrides.empty() ? p.objectsBefore : figuresOf(objectTableFromStore(store, overrides), total);
}

} // namespace concord::core
