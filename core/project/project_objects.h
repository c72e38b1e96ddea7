// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/objectagreement.h"
#include "core/store/store.h"

#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

namespace concord::core {

/// The shapes of the project's human labels (source manual or import; labels a standard wrote
/// are left out, as for the image figures) as an ObjectTable for the object agreement: items
/// are image paths, labelers their names, classes every project class in display order. A
/// human label is its labeler's "labeled this image", with or without shapes. A shape's class
/// is its own (Annotation::classId).
/// Geometry is decoded by core/geometry; malformed geometry throws Error(Invalid) naming the
/// annotation, its image and its labeler.
ObjectTable objectTableFromStore(const Store &store);

/// The stored kind of an object table's shape kind (they name the same four kinds).
AnnotationKind annotationKind(ObjectKind kind);

/// A what-if change to one stored shape (an object standard's preview): dropped, or another
/// class.
struct ShapeOverride
{
    bool drop = false;
    Id classId = 0; ///< when not dropped
};

/// objectTableFromStore() with the shapes of `overrides` (by annotation id) dropped or
/// reclassed, as an object standard would leave them.
ObjectTable objectTableFromStore(const Store &store, const std::unordered_map<Id, ShapeOverride> &overrides);

/// Which stored annotation each shape of an ObjectTable is: (item, labeler) → the annotation
/// ids in the order of that labeler's Drawing::shapes on the item.
using ShapeAnnotations = std::map<std::pair<std::int32_t, std::int32_t>, std::vector<Id>>;

/// objectTableFromStore() that also says which annotation every shape is (the adjudication of
/// objects names a cluster's members by their annotations).
ObjectTable objectTableFromStore(const Store &store, const std::unordered_map<Id, ShapeOverride> &overrides,
                                 ShapeAnnotations *annotations);

/// computeObjectAgreement() on objectTableFromStore(), with the project's image count as the
/// total of the "too few compared" test.
ObjectAgreement computeProjectObjectAgreement(const Store &store, const ObjectAgreementOptions &options = {});

} // namespace concord::core
