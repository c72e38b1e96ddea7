// SPDX-License-Identifier: GPL-3.0-or-later
// The preview of an object rule (issue #17, docs/RULES.md "Object rules"): every shape of every
// current label is evaluated on its own attributes (core/geometry/objectattributes.h) over its
// image's, and the object figures are computed before and after from the same what-if table.
// A rule that reads brightness or contrast gets them from the pixels (core/clusters/objectstats.h:
// each image decoded once, in parallel); apply calls this same preview, so both see one number.
#include "core/clusters/imageattributes.h"
#include "core/clusters/objectstats.h"
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
    const auto &objectKeys = allObjectAttributeNames();
    // The image attributes the rule reads that an object does not have itself. An object's
    // brightness and contrast are its own even when they cannot be measured (the image's of
    // those names are other quantities): then they are unknown.
    std::unordered_map<Id, AttributeValues> imageAttrs;
    bool readsPixels = false;
    for (const auto &a : rule.attributes()) {
        readsPixels = readsPixels || isObjectPixelAttribute(a.text);
        if (std::find(objectKeys.begin(), objectKeys.end(), a.text) == objectKeys.end())
            for (auto &v : attributeValues(store, a.text))
                imageAttrs[v.image].insert_or_assign(v.key, std::move(v.value));
    }

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

    // Every shape of every current label, with its own measurements (and its image's attributes
    // the rule reads); the pixel ones are added below when the rule reads them.
    struct Candidate
    {
        Label label;
        Annotation annotation;
        const std::string *cls = nullptr;
        AttributeValues values;
    };
    std::vector<Candidate> candidates;
    std::unordered_map<Id, std::size_t> slotOf; // image id -> index into pixelImages
    std::vector<ImageRecord> pixelImages;
    std::vector<std::vector<Shape>> pixelShapes;
    std::vector<std::vector<std::size_t>> pixelCandidates;
    for (const AnnotationKind kind :
         {AnnotationKind::Box, AnnotationKind::Line, AnnotationKind::Polygon, AnnotationKind::Point}) {
        for (auto &[label, annotation] : store.annotationsOfKind(kind)) {
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
            if (readsPixels) {
                const auto [slot, added] = slotOf.emplace(label.image, pixelImages.size());
                if (added) {
                    pixelImages.push_back(image);
                    pixelShapes.emplace_back();
                    pixelCandidates.emplace_back();
                }
                pixelShapes[slot->second].push_back(*shape);
                pixelCandidates[slot->second].push_back(candidates.size());
            }
            candidates.push_back({std::move(label), std::move(annotation), &own->second, std::move(values)});
        }
    }
    if (readsPixels) {
        const ObjectPixelMeasurements measured = measureObjectPixels(store, pixelImages, pixelShapes);
        for (std::size_t i = 0; i < pixelCandidates.size(); ++i)
            for (std::size_t k = 0; k < pixelCandidates[i].size(); ++k)
                for (auto &[key, value] : measured.stats[i][k].attributes())
                    candidates[pixelCandidates[i][k]].values.insert_or_assign(key, std::move(value));
    }

    std::unordered_map<Id, ShapeOverride> overrides;
    for (const Candidate &c : candidates) {
        const Label &label = c.label;
        const Annotation &annotation = c.annotation;
        const std::string &own = *c.cls;
        const RuleOutcome outcome = evaluateRule(rule, own, c.values);
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
        if (!outcome.drop && outcome.resultClass == own)
            continue; // confirmed
        ObjectChange ch;
        ch.annotation = annotation.id;
        ch.label = label.id;
        ch.image = label.image;
        ch.imagePath = imageOf(label.image).path;
        ch.labeler = label.labeler;
        const auto who = store.labeler(label.labeler);
        ch.labelerName = who ? who->name : std::to_string(label.labeler);
        ch.kind = annotation.kind;
        ch.fromClass = annotation.classId;
        ch.from = own;
        ch.drop = outcome.drop;
        if (!outcome.drop) {
            ch.to = outcome.resultClass;
            ch.toClass = classIds.at(outcome.resultClass); // validated: the class exists
        }
        ch.decidedBy = outcome.decidedBy;
        overrides.emplace(ch.annotation, ShapeOverride{ch.drop, ch.toClass});
        p.objectChanges.push_back(std::move(ch));
    }
    std::sort(p.objectChanges.begin(), p.objectChanges.end(), [](const ObjectChange &a, const ObjectChange &b) {
        return std::tie(a.image, a.labelerName, a.annotation) < std::tie(b.image, b.labelerName, b.annotation);
    });
    const std::int64_t total = store.imageCount();
    p.objectsBefore = figuresOf(objectTableFromStore(store), total);
    p.objectsAfter = overrides.empty() ? p.objectsBefore : figuresOf(objectTableFromStore(store, overrides), total);
}

} // namespace concord::core
