// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/exportdataset.h"

#include "core/agreement/consensus.h"
#include "core/agreement/dawidskene.h"
#include "core/agreement/itemagreement.h"
#include "core/agreement/itemcounts.h"
#include "core/agreement/ratingtable.h"
#include "core/common/error.h"
#include "core/geometry/geometry.h"
#include "core/io/exportnames.h"
#include "core/project/project_ratings.h"
#include "core/store/store.h"

#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

namespace concord::core {

std::string_view toString(ConsensusMethod m)
{
    return m == ConsensusMethod::Majority ? "majority" : "dawid-skene";
}

std::string_view toString(FinalSource s)
{
    switch (s) {
    case FinalSource::Decision: return "decision";
    case FinalSource::Standard: return "standard";
    case FinalSource::Consensus: return "consensus";
    case FinalSource::Unresolved: return "unresolved";
    }
    return "unresolved";
}

ConsensusMethod parseConsensusMethod(std::string_view s)
{
    if (s == "majority")
        return ConsensusMethod::Majority;
    if (s == "dawid-skene")
        return ConsensusMethod::DawidSkene;
    throw Error(ErrorCode::Invalid, "unknown consensus method (expected majority or dawid-skene)", {}, 0,
                std::string(s));
}

namespace {

/// Boxes of one label, with each box's own class when it has one.
std::vector<ExportBox> boxesOf(const ExportLabel &label)
{
    std::vector<ExportBox> out;
    for (const auto &a : label.annotations) {
        if (a.kind != AnnotationKind::Box)
            continue;
        Segment c;
        try {
            c = std::get<BoxShape>(decodeGeometry(a.kind, a.geometry)).corners;
        } catch (const Error &e) {
            throw Error(ErrorCode::Invalid, e.detail() + ": " + a.geometry, {}, 0,
                        "annotation " + std::to_string(a.id));
        }
        ExportBox b;
        b.className = ownClassOf(a).value_or(label.className);
        b.x1 = c.x1;
        b.y1 = c.y1;
        b.x2 = c.x2;
        b.y2 = c.y2;
        out.push_back(b);
    }
    return out;
}

} // namespace

ExportDataset buildExportDataset(const Store &store, const ExportOptions &options)
{
    ExportDataset ds;
    ds.projectName = store.settings().name;
    ds.createdAt = utcNow();
    ds.options = options;
    std::unordered_map<Id, std::string> className;
    for (const auto &c : store.classes()) {
        ds.classes.push_back(c.name);
        className[c.id] = c.name;
    }
    std::unordered_map<Id, std::string> labelerName;
    for (const auto &l : store.labelers())
        labelerName[l.id] = l.name;
    std::unordered_map<Id, Standard> standards;
    for (const auto &s : store.standards())
        standards[s.id] = s;

    std::unordered_map<Id, std::size_t> itemOf;
    for (const auto &img : store.images()) {
        itemOf[img.id] = ds.items.size();
        ExportItem item;
        item.image = img;
        item.agreement = std::numeric_limits<double>::quiet_NaN();
        ds.items.push_back(std::move(item));
    }
    std::vector<std::string> paths;
    for (const auto &item : ds.items)
        paths.push_back(item.image.path);
    const auto names = uniqueExportPaths(paths);
    for (std::size_t i = 0; i < ds.items.size(); ++i)
        ds.items[i].exportName = names[i];
    const auto folders = uniqueClassFolders(ds.classes);
    for (std::size_t i = 0; i < ds.classes.size(); ++i)
        ds.classFolders[ds.classes[i]] = folders[i];

    // Labels, and the agreement engine's view of them (items are image paths).
    std::unordered_map<std::string, std::size_t> itemOfPath;
    for (std::size_t i = 0; i < ds.items.size(); ++i)
        itemOfPath[ds.items[i].image.path] = i;
    const auto rows = store.labelRows();
    for (const auto &row : rows) {
        const auto it = itemOf.find(row.label.image);
        if (it == itemOf.end())
            continue;
        ExportLabel l;
        l.labeler = row.labelerName;
        l.className = row.className;
        l.source = row.label.source;
        l.standard = row.label.standard;
        l.round = row.label.round;
        l.updatedAt = row.label.updatedAt;
        l.annotations = store.annotationsOfLabel(row.label.id);
        ds.items[it->second].labels.push_back(std::move(l));
    }
    const RatingTable table = ratingTableFromRows(store, rows);

    if (table.itemCount() > 0) {
        const ItemCounts counts(table);
        const Consensus consensus =
            options.consensus == ConsensusMethod::Majority ? majorityVote(counts) : dawidSkene(counts).consensus;
        const auto agreement = itemAgreement(counts);
        for (std::int32_t i = 0; i < table.itemCount(); ++i) {
            auto &item = ds.items[itemOfPath.at(table.itemNames()[static_cast<std::size_t>(i)])];
            const auto k = static_cast<std::size_t>(i);
            item.agreement = agreement[k].agreement;
            if (consensus.label[k] >= 0)
                item.consensusClass = table.classNames()[static_cast<std::size_t>(consensus.label[k])];
            item.consensusConfidence = consensus.confidence[k];
        }
    }

    std::unordered_map<Id, Decision> decisions;
    for (const auto &d : store.decisions())
        decisions[d.image] = d;

    for (auto &item : ds.items) {
        if (const auto d = decisions.find(item.image.id); d != decisions.end()) {
            item.decision = d->second;
            if (d->second.labelClass)
                item.decisionClass = className[*d->second.labelClass];
            if (d->second.by)
                item.decidedBy = labelerName[*d->second.by];
            if (d->second.standard && standards.count(*d->second.standard))
                item.standard = standards[*d->second.standard];
        }
        // Standard-derived: every label the standard wrote agrees.
        std::string standardClass;
        bool standardAgrees = true;
        std::optional<Id> standardId;
        for (const auto &l : item.labels) {
            if (l.source != LabelSource::Standard)
                continue;
            if (!standardClass.empty() && standardClass != l.className)
                standardAgrees = false;
            standardClass = l.className;
            if (l.standard)
                standardId = l.standard;
        }

        if (item.decision && !item.decisionClass.empty()) {
            item.finalClass = item.decisionClass;
            item.source = FinalSource::Decision;
        } else if (item.decision) {
            item.unresolvedReason = "excluded by a decision" + (item.decidedBy.empty() ? "" : " of " + item.decidedBy);
        } else if (!standardClass.empty() && standardAgrees) {
            item.finalClass = standardClass;
            item.source = FinalSource::Standard;
            if (standardId && standards.count(*standardId))
                item.standard = standards[*standardId];
        } else if (item.labels.empty()) {
            item.unresolvedReason = "no labels";
        } else if (item.consensusClass.empty()) {
            item.unresolvedReason = "tie between labelers";
        } else if (options.minAgreement > 0.0 &&
                   (std::isnan(item.agreement) || item.agreement < options.minAgreement)) {
            item.unresolvedReason =
                std::isnan(item.agreement) ? "fewer than two labels, agreement unknown" : "agreement below the minimum";
        } else {
            item.finalClass = item.consensusClass;
            item.source = FinalSource::Consensus;
        }
        item.included = item.source != FinalSource::Unresolved || (options.includeUnresolved && !item.decision);

        if (!item.finalClass.empty()) {
            for (const auto &l : item.labels) {
                if (l.className != item.finalClass)
                    continue;
                auto boxes = boxesOf(l);
                if (!boxes.empty()) {
                    item.boxes = std::move(boxes);
                    break;
                }
            }
        }
    }
    return ds;
}

} // namespace concord::core
