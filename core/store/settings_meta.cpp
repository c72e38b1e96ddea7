// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/settings_meta_p.h"

#include "core/common/error.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace concord::core::settings_meta {

namespace {

double storedNumber(const Store &store, const std::string &where, const std::string &key, const std::string &fallback,
                    double minimum)
{
    const std::string text = store.meta(key).value_or(fallback);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < minimum)
        throw Error(ErrorCode::Invalid,
                    "the stored project setting '" + text + "' is not a number of at least " +
                        std::to_string(static_cast<int>(minimum)) + " (was the file changed by another program?)",
                    where, 0, key);
    return value;
}

std::string number(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

} // namespace

ProjectSettings read(const Store &store, const std::string &where)
{
    ProjectSettings s;
    s.name = store.meta("name").value_or("");
    s.pxPerMm = storedNumber(store, where, "px_per_mm", "0", 0.0);
    const double overlap = storedNumber(store, where, "overlap", "3", 1.0);
    if (overlap != std::floor(overlap) || overlap > 1e6)
        throw Error(ErrorCode::Invalid, "the stored project setting is not a whole number of labels per image", where,
                    0, "overlap");
    s.overlap = static_cast<int>(overlap);
    s.classesOrdered = store.meta("classes_ordered").value_or("0") == "1";
    s.hideFileNames = store.meta("hide_file_names").value_or("0") == "1";
    s.repeatShare = storedNumber(store, where, "repeat_share", "0.05", 0.0);
    const double gap = storedNumber(store, where, "repeat_gap", "50", 1.0);
    s.goldShare = storedNumber(store, where, "gold_share", "0", 0.0);
    if (s.repeatShare > 0.5 || s.goldShare > 0.5 || gap != std::floor(gap) || gap > 1e6)
        throw Error(ErrorCode::Invalid, "the stored consistency-check settings are out of range", where, 0,
                    "repeat_share");
    s.repeatGap = static_cast<int>(gap);
    return s;
}

void write(Store &store, const ProjectSettings &s)
{
    if (s.overlap < 1)
        throw Error(ErrorCode::Invalid, "labels per image must be at least 1", {}, 0, "overlap");
    if (s.pxPerMm < 0)
        throw Error(ErrorCode::Invalid, "pixels per mm must not be negative", {}, 0, "px_per_mm");
    if (!(s.repeatShare >= 0.0 && s.repeatShare <= 0.5))
        throw Error(ErrorCode::Invalid, "the share of repeats must be between 0 and 0.5", {}, 0, "repeat_share");
    if (!(s.goldShare >= 0.0 && s.goldShare <= 0.5))
        throw Error(ErrorCode::Invalid, "the share of gold checks must be between 0 and 0.5", {}, 0, "gold_share");
    if (s.repeatGap < 1)
        throw Error(ErrorCode::Invalid, "repeats must come at least 1 image later", {}, 0, "repeat_gap");
    store.transaction([&] {
        store.setMeta("name", s.name);
        store.setMeta("px_per_mm", number(s.pxPerMm));
        store.setMeta("overlap", std::to_string(s.overlap));
        store.setMeta("classes_ordered", s.classesOrdered ? "1" : "0");
        store.setMeta("hide_file_names", s.hideFileNames ? "1" : "0");
        store.setMeta("repeat_share", number(s.repeatShare));
        store.setMeta("repeat_gap", std::to_string(s.repeatGap));
        store.setMeta("gold_share", number(s.goldShare));
    });
}

} // namespace concord::core::settings_meta
