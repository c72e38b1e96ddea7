// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/drafts.h"

#include "core/common/error.h"

#include <nlohmann/json.hpp>

#include <string>

namespace concord::core {

namespace {

std::string draftKey(Id labeler, Id image)
{
    return "draft:" + std::to_string(labeler) + ":" + std::to_string(image);
}

} // namespace

std::vector<Annotation> draftOf(const Store &store, Id labeler, Id image)
{
    const auto text = store.meta(draftKey(labeler, image));
    std::vector<Annotation> out;
    if (!text || text->empty())
        return out;
    const auto j = nlohmann::json::parse(*text, nullptr, false);
    if (!j.is_array())
        throw Error(ErrorCode::Parse, "the draft shapes are not a JSON array", {}, 0, draftKey(labeler, image));
    try {
        for (const auto &e : j) {
            Annotation a;
            a.kind = parseAnnotationKind(e.at("kind").get<std::string>());
            a.geometry = e.at("geometry").get<std::string>();
            a.lengthPx = e.value("length_px", 0.0);
            if (e.contains("length_mm") && e["length_mm"].is_number())
                a.lengthMm = e["length_mm"].get<double>();
            a.area = e.value("area", 0.0);
            a.classId = e.value("class_id", Id{0}); // absent in drafts written before schema 4
            out.push_back(std::move(a));
        }
    } catch (const nlohmann::json::exception &ex) {
        throw Error(ErrorCode::Parse, std::string("malformed draft shape: ") + ex.what(), {}, 0,
                    draftKey(labeler, image));
    }
    return out;
}

void saveDraft(Store &store, Id labeler, Id image, const std::vector<Annotation> &shapes)
{
    const std::string key = draftKey(labeler, image);
    if (shapes.empty()) {
        // Nothing to write when there was no draft: labeling writes no meta row per image.
        if (const auto old = store.meta(key); old && !old->empty())
            store.setMeta(key, "");
        return;
    }
    auto j = nlohmann::json::array();
    for (const auto &a : shapes) {
        nlohmann::json e{{"kind", std::string(toString(a.kind))},
                         {"geometry", a.geometry},
                         {"length_px", a.lengthPx},
                         {"area", a.area}};
        if (a.lengthMm)
            e["length_mm"] = *a.lengthMm;
        if (a.classId != 0)
            e["class_id"] = a.classId;
        j.push_back(std::move(e));
    }
    store.setMeta(key, j.dump());
}

} // namespace concord::core
