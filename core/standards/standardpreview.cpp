// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/standards/standardpreview.h"

#include "core/clusters/imageattributes.h"
#include "core/common/error.h"
#include "core/standards/rule.h"
#include "core/standards/standardbook.h"

#include <map>
#include <set>
#include <unordered_map>

namespace concord::core {

StandardPreview previewStandard(const Store &store, Id standardId)
{
    StandardPreview p;
    p.standard = findStandard(store, standardId);
    auto rows = store.labelRows();
    p.before = agreementFigures(store, rows);
    if (p.standard.rule.empty()) {
        p.after = p.before;
        p.afterRows = std::move(rows);
        return p;
    }
    const Rule rule = checkRule(p.standard.rule, store);
    if (rule.forObjects) {
        previewObjectRule(store, rule, p);
        p.after = p.before;
        p.afterRows = std::move(rows);
        return p;
    }

    std::map<std::string, Id, std::less<>> classIds;
    std::unordered_map<Id, std::string> classNames;
    for (const auto &c : store.classes()) {
        classIds.emplace(c.name, c.id);
        classNames.emplace(c.id, c.name);
    }
    // Only the attributes the rule reads, one query per key.
    std::unordered_map<Id, AttributeValues> attrs;
    for (const auto &a : rule.attributes())
        for (auto &v : attributeValues(store, a.text)) // the engines' values (length_mm from current lines)
            attrs[v.image].insert_or_assign(v.key, std::move(v.value));
    const AttributeValues none;
    auto attributesOf = [&](Id image) -> const AttributeValues & {
        const auto it = attrs.find(image);
        return it == attrs.end() ? none : it->second;
    };

    struct ItemState
    {
        bool allDecided = true;
        bool anyUndecided = false;
        std::vector<std::string> missing;
    };
    std::map<Id, ItemState> items; // ordered by image id
    for (auto &row : rows) {
        auto &item = items[row.label.image];
        const auto outcome = evaluateRule(rule, row.className, attributesOf(row.label.image));
        if (outcome.verdict != RuleVerdict::OutOfScope)
            ++p.labelsInScope;
        if (outcome.verdict != RuleVerdict::Decided)
            item.allDecided = false;
        if (outcome.verdict == RuleVerdict::Undecided) {
            ++p.labelsUndecided;
            item.anyUndecided = true;
            if (item.missing.empty())
                item.missing = outcome.missing;
        }
        if (outcome.verdict != RuleVerdict::Decided)
            continue;
        ++p.labelsDecided;
        if (outcome.resultClass == row.className)
            continue;
        LabelChange ch;
        ch.labelId = row.label.id;
        ch.image = row.label.image;
        ch.imagePath = row.imagePath;
        ch.labeler = row.label.labeler;
        ch.labelerName = row.labelerName;
        ch.fromClass = row.label.labelClass;
        ch.toClass = classIds.at(outcome.resultClass); // validated: the class exists
        ch.from = row.className;
        ch.to = outcome.resultClass;
        ch.decidedBy = outcome.decidedBy;
        p.changes.push_back(ch);
        row.className = ch.to;
        row.label.labelClass = ch.toClass;
    }

    // A labeler who still has the image pending (e.g. from an earlier apply's relabel round)
    // is not given it twice.
    std::map<Id, std::set<Id>> pending;
    auto pendingFor = [&](Id labeler) -> const std::set<Id> & {
        auto it = pending.find(labeler);
        if (it == pending.end()) {
            it = pending.emplace(labeler, std::set<Id>{}).first;
            for (const auto &q : store.queue(labeler))
                if (q.state == AssignmentState::Pending && !q.checkItem)
                    it->second.insert(q.image);
        }
        return it->second;
    };

    // Disputes are judged on the labels as they would be after the rule.
    std::map<Id, std::vector<const LabelRow *>> rowsOf;
    for (const auto &row : rows)
        rowsOf[row.label.image].push_back(&row);
    for (const auto &[image, state] : items) {
        const auto &labels = rowsOf[image];
        if (state.allDecided)
            p.decidedItems.push_back(image);
        if (!state.anyUndecided)
            continue;
        std::set<Id> classes;
        for (const auto *r : labels)
            classes.insert(r->label.labelClass);
        UndecidedItem u{image, labels.front()->imagePath, state.missing, classes.size() > 1};
        if (u.disputed)
            for (const auto *r : labels)
                if (!pendingFor(r->label.labeler).count(image))
                    p.relabel.push_back({image, r->imagePath, r->label.labeler, r->labelerName});
        p.undecided.push_back(std::move(u));
    }

    for (const auto &d : store.decisions()) {
        if (!d.labelClass)
            continue; // excluded items have no class for the rule to read
        const auto name = classNames.at(*d.labelClass);
        const auto outcome = evaluateRule(rule, name, attributesOf(d.image));
        if (outcome.verdict != RuleVerdict::Decided || outcome.resultClass == name)
            continue;
        const auto img = store.image(d.image);
        p.decisionChanges.push_back({d.image, img ? img->path : std::string(), *d.labelClass,
                                     classIds.at(outcome.resultClass), name, outcome.resultClass, outcome.decidedBy});
    }

    p.after = agreementFigures(store, rows);
    p.afterRows = std::move(rows);
    return p;
}

} // namespace concord::core
