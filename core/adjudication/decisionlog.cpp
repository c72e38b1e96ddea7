// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/adjudication/decisionlog.h"

#include "core/common/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace concord::core {

namespace {

using nlohmann::json;

std::string imageName(const Store &store, Id image)
{
    const auto rec = store.image(image);
    return rec ? rec->path : "image " + std::to_string(image);
}

/// Writes `next` (none: removes) and logs the change from the current state, inside the
/// caller's transaction.
DecisionEdit write(Store &store, Id image, const std::optional<Decision> &next, const std::string &actor,
                   const char *action, std::optional<Id> undoes)
{
    DecisionEdit change;
    change.image = image;
    change.before = store.decision(image);
    if (next)
        store.setDecision(*next);
    else if (change.before)
        store.removeDecision(image);
    change.after = store.decision(image); // as stored (createdAt filled in)
    json payload{
        {"image", image}, {"before", decisionStateJson(change.before)}, {"after", decisionStateJson(change.after)}};
    if (undoes)
        payload["undoes"] = *undoes;
    change.auditId = store.appendAudit(actor, action, payload.dump());
    return change;
}

} // namespace

json optionalIdJson(const std::optional<Id> &id)
{
    return id ? json(*id) : json(nullptr);
}

std::optional<Id> optionalIdFromJson(const json &j)
{
    return j.is_null() ? std::nullopt : std::optional<Id>(j.get<Id>());
}

json decisionStateJson(const std::optional<Decision> &d)
{
    if (!d)
        return nullptr;
    return {{"class", optionalIdJson(d->labelClass)},
            {"method", std::string(toString(d->method))},
            {"standard", optionalIdJson(d->standard)},
            {"by", optionalIdJson(d->by)},
            {"note", d->note},
            {"created_at", d->createdAt}};
}

std::optional<Decision> decisionFromJson(Id image, const json &j)
{
    if (j.is_null())
        return std::nullopt;
    Decision d;
    d.image = image;
    d.labelClass = optionalIdFromJson(j.at("class"));
    d.method = parseDecisionMethod(j.at("method").get<std::string>());
    d.standard = optionalIdFromJson(j.at("standard"));
    d.by = optionalIdFromJson(j.at("by"));
    d.note = j.at("note").get<std::string>();
    d.createdAt = j.at("created_at").get<std::string>();
    return d;
}

DecisionEdit recordDecision(Store &store, const Decision &decision, const std::string &actor)
{
    DecisionEdit change;
    store.transaction([&] {
        if (!store.image(decision.image))
            throw Error(ErrorCode::NotFound, "no image with id " + std::to_string(decision.image), {}, 0, "image");
        if (decision.labelClass) {
            const auto classes = store.classes();
            if (std::none_of(classes.begin(), classes.end(),
                             [&](const LabelClass &c) { return c.id == *decision.labelClass; }))
                throw Error(ErrorCode::NotFound, "no class with id " + std::to_string(*decision.labelClass), {}, 0,
                            "class");
        }
        change = write(store, decision.image, decision, actor, kAuditDecision, std::nullopt);
    });
    return change;
}

DecisionEdit removeDecision(Store &store, Id image, const std::string &actor)
{
    DecisionEdit change;
    store.transaction([&] { change = write(store, image, std::nullopt, actor, kAuditDecision, std::nullopt); });
    return change;
}

DecisionEdit undoDecision(Store &store, const DecisionEdit &change, const std::string &actor)
{
    DecisionEdit result;
    store.transaction([&] {
        const auto current = store.decision(change.image);
        if (decisionStateJson(current) != decisionStateJson(change.after)) {
            std::string since = "removed";
            if (current) {
                const auto who = current->by ? store.labeler(*current->by) : std::nullopt;
                since = "changed";
                if (who)
                    since += " by " + who->name;
                if (!current->createdAt.empty())
                    since += " at " + current->createdAt;
            }
            throw Error(ErrorCode::Invalid,
                        "the decision on " + imageName(store, change.image) + " was " + since +
                            " after this change; undoing it would discard that, so nothing was undone",
                        {}, 0, "decision");
        }
        store.markAuditUndone(change.auditId);
        result = write(store, change.image, change.before, actor, kAuditDecisionUndo, change.auditId);
    });
    return result;
}

DecisionEdit readDecisionEntry(const AuditEntry &entry)
{
    if (entry.action != kAuditDecision && entry.action != kAuditDecisionUndo)
        throw Error(ErrorCode::Invalid,
                    "audit entry " + std::to_string(entry.id) + " is a \"" + entry.action + "\", not a decision", {}, 0,
                    "action");
    const json payload = json::parse(entry.payload, nullptr, false);
    try {
        if (payload.is_discarded() || !payload.contains("before") || !payload.contains("after"))
            throw Error(ErrorCode::Invalid, "no before and after", {}, 0, "payload");
        DecisionEdit change;
        change.auditId = entry.id;
        change.image = payload.at("image").get<Id>();
        change.before = decisionFromJson(change.image, payload.at("before"));
        change.after = decisionFromJson(change.image, payload.at("after"));
        return change;
    } catch (const std::exception &e) {
        throw Error(ErrorCode::Invalid,
                    "audit entry " + std::to_string(entry.id) +
                        " is not a decision change in the current schema: " + e.what(),
                    {}, 0, "payload");
    }
}

} // namespace concord::core
