// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/taughtexample.h"

#include "core/common/error.h"
#include "core/project/session.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace concord::core {

std::optional<double> medianLongestLineMm(const std::vector<std::vector<Annotation>> &shapesPerLabel)
{
    std::vector<double> longest;
    for (const auto &shapes : shapesPerLabel) {
        std::optional<double> best;
        for (const auto &a : shapes)
            if (a.kind == AnnotationKind::Line && a.lengthMm && std::isfinite(*a.lengthMm))
                best = best ? std::max(*best, *a.lengthMm) : *a.lengthMm;
        if (best)
            longest.push_back(*best);
    }
    if (longest.empty())
        return std::nullopt;
    std::sort(longest.begin(), longest.end());
    const std::size_t k = longest.size();
    return k % 2 ? longest[k / 2] : (longest[k / 2 - 1] + longest[k / 2]) / 2.0;
}

std::vector<TaughtExample> Session::taughtExamples(Id standard) const
{
    const auto s = m_store->standard(standard);
    if (!s)
        throw Error(ErrorCode::NotFound, "no standard " + std::to_string(standard));
    if (!isLead() && s->status != StandardStatus::Active)
        throw Error(ErrorCode::Denied, "only the examples of an active standard are shown to labelers", {}, 0,
                    s->title);
    std::vector<TaughtExample> out;
    for (const auto &e : m_store->examples(standard)) {
        TaughtExample t;
        t.example = e;
        const auto labels = m_store->labelsOfImage(e.image);
        std::vector<std::vector<Annotation>> shapes;
        shapes.reserve(labels.size());
        for (const auto &label : labels)
            shapes.push_back(m_store->annotationsOfLabel(label.id));
        t.lengthMm = medianLongestLineMm(shapes);
        if (const auto decision = m_store->decision(e.image)) {
            t.expectedClass = decision->labelClass;
        } else {
            std::map<Id, int> votes;
            for (const auto &label : labels)
                ++votes[label.labelClass];
            int most = 0;
            for (const auto &[cls, n] : votes) {
                if (n > most) {
                    most = n;
                    t.expectedClass = cls;
                } else if (n == most) {
                    t.expectedClass.reset(); // a tie teaches nothing
                }
            }
        }
        for (std::size_t i = 0; i < labels.size(); ++i) {
            for (auto &a : shapes[i]) {
                a.label = 0; // the shape, not whose label it was
                t.shapes.push_back(std::move(a));
            }
        }
        out.push_back(std::move(t));
    }
    return out;
}

} // namespace concord::core
