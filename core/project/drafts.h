// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/store.h"

#include <vector>

/// \file
/// Shapes a labeler drew on an image before choosing its class. Without a class there is no
/// label to hang them on, yet they are work: they are kept in the project (one project_meta
/// entry per labeler and image, no schema change) so that leaving the image, quitting or a
/// crash never drops them. Choosing a class turns the draft into the label's annotations.

namespace concord::core {

/// The labeler's draft shapes on the image; empty when there are none.
std::vector<Annotation> draftOf(const Store &store, Id labeler, Id image);

/// Replaces the labeler's draft on the image (an empty list removes it). Annotation ids and
/// label ids are not kept: a draft belongs to no label yet. Each shape's own class
/// (Annotation::classId) is kept, so the class a labeler gave a shape before choosing the
/// image's class survives until the label is saved.
void saveDraft(Store &store, Id labeler, Id image, const std::vector<Annotation> &shapes);

} // namespace concord::core
