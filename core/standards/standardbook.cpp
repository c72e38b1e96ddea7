// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/standards/standardbook.h"

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/standards/rule.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace concord::core {

namespace {

void checkDraft(const Store &store, const StandardDraft &draft)
{
    if (draft.title.empty())
        throw Error(ErrorCode::Invalid, "a standard needs a title", {}, 0, "title");
    checkName(draft.title, "the standard's title", {}, 0, "title");
    checkText(draft.body, "body");
    checkText(draft.rule, "rule");
    if (draft.status == StandardStatus::Retired)
        throw Error(ErrorCode::Invalid, "a new standard cannot start retired", {}, 0, "status");
    if (!draft.rule.empty())
        checkRule(draft.rule, store);
}

void logAdd(Store &store, const std::string &actor, Id id, const Standard &s, const std::vector<Id> &retired)
{
    nlohmann::json j;
    j["standard"] = id;
    j["family"] = s.family == 0 ? id : s.family;
    j["version"] = s.version;
    j["title"] = s.title;
    j["status"] = std::string(toString(s.status));
    j["retired"] = retired;
    store.appendAudit(actor, "standard.add", j.dump());
}

} // namespace

Standard findStandard(const Store &store, Id id)
{
    if (auto s = store.standard(id))
        return *s;
    throw Error(ErrorCode::NotFound,
                "no standard with id " + std::to_string(id) + " (concord-cli standard list shows them)", {}, 0,
                "standard");
}

Id createStandard(Store &store, const StandardDraft &draft, const std::string &actor)
{
    checkDraft(store, draft);
    Id id = 0;
    store.transaction([&] {
        Standard s;
        s.title = draft.title;
        s.body = draft.body;
        s.rule = draft.rule;
        s.status = draft.status;
        id = store.addStandard(s);
        logAdd(store, actor, id, s, {});
    });
    return id;
}

Id createStandardVersion(Store &store, Id anyVersion, const StandardDraft &draft, const std::string &actor)
{
    const Standard base = findStandard(store, anyVersion);
    checkDraft(store, draft);
    Id id = 0;
    store.transaction([&] {
        int highest = 0;
        std::vector<Id> retired;
        for (const auto &s : store.standards())
            if (s.family == base.family) {
                highest = std::max(highest, s.version);
                if (draft.status == StandardStatus::Active && s.status == StandardStatus::Active)
                    retired.push_back(s.id);
            }
        Standard s;
        s.family = base.family;
        s.version = highest + 1;
        s.title = draft.title;
        s.body = draft.body;
        s.rule = draft.rule;
        s.status = draft.status;
        id = store.addStandard(s);
        for (Id r : retired)
            store.setStandardStatus(r, StandardStatus::Retired);
        logAdd(store, actor, id, s, retired);
    });
    return id;
}

void setStandardExample(Store &store, Id standard, Id image, ExampleRole role, const std::string &note)
{
    findStandard(store, standard);
    checkText(note, "note");
    if (!store.image(image))
        throw Error(ErrorCode::NotFound, "no image with id " + std::to_string(image), {}, 0, "image");
    store.setExample({standard, image, role, note});
}

std::vector<StandardSummary> standardSummaries(const Store &store)
{
    const auto all = store.standards();
    std::map<Id, int> highest;
    for (const auto &s : all)
        highest[s.family] = std::max(highest[s.family], s.version);
    std::vector<StandardSummary> out;
    for (const auto &s : all) {
        StandardSummary sum;
        sum.standard = s;
        sum.latest = highest[s.family] == s.version;
        for (const auto &e : store.examples(s.id)) {
            switch (e.role) {
            case ExampleRole::Example: ++sum.examples; break;
            case ExampleRole::Counterexample: ++sum.counterexamples; break;
            case ExampleRole::Borderline: ++sum.borderline; break;
            }
        }
        auto need = [&](int have, int want, const char *what) {
            if (have < want)
                sum.exampleHint +=
                    (sum.exampleHint.empty() ? "needs " : ", ") + std::to_string(want - have) + " more " + what;
        };
        need(sum.examples, kRecommendedExamples, "examples");
        need(sum.counterexamples, kRecommendedCounterexamples, "counterexamples");
        need(sum.borderline, kRecommendedBorderline, "borderline");
        out.push_back(std::move(sum));
    }
    return out;
}

} // namespace concord::core
