// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/exportdataset.h"

#include "core/adjudication/objectqueue.h"
#include "core/agreement/consensus.h"
#include "core/agreement/dawidskene.h"
#include "core/agreement/itemagreement.h"
#include "core/agreement/itemcounts.h"
#include "core/agreement/ratingtable.h"
#include "core/common/error.h"
#include "core/geometry/geometry.h"
#include "core/io/exportnames.h"
#include "core/project/project_objects.h"
#include "core/project/project_ratings.h"
#include "core/store/store.h"

#include <algorithm>
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

/// The points of a stored shape in the order objectTableFromStore() gives them, to find which
/// annotation a consensus member is.
std::vector<std::pair<double, double>> pointsOf(const Shape &shape)
{
    if (const auto *b = std::get_if<BoxShape>(&shape))
        return {{b->corners.x1, b->corners.y1}, {b->corners.x2, b->corners.y2}};
    if (const auto *l = std::get_if<LineShape>(&shape))
        return {{l->ends.x1, l->ends.y1}, {l->ends.x2, l->ends.y2}};
    if (const auto *p = std::get_if<PointShape>(&shape))
        return {{p->at.x, p->at.y}};
    std::vector<std::pair<double, double>> out;
    for (const ShapePoint &v : std::get<PolygonShape>(shape).points)
        out.emplace_back(v.x, v.y);
    return out;
}

/// The annotation of `labeler`'s human label on the image whose geometry is `shape`, not
/// already claimed by another member.
std::optional<Id> annotationOf(const ExportItem &item, const std::string &labeler, const ObjectShape &shape,
                               std::vector<Id> &claimed)
{
    const auto kind = annotationKind(shape.kind);
    const auto points = objectPoints(shape);
    for (const auto &l : item.labels) {
        if (l.labeler != labeler || l.source == LabelSource::Standard) // as isHumanLabel()
            continue;
        for (const auto &a : l.annotations) {
            if (a.kind != kind || std::find(claimed.begin(), claimed.end(), a.id) != claimed.end())
                continue;
            try {
                if (pointsOf(decodeGeometry(a.kind, a.geometry)) != points)
                    continue;
            } catch (const Error &) {
                continue; // objectTableFromStore() already refused malformed geometry
            }
            claimed.push_back(a.id);
            return a.id;
        }
    }
    return std::nullopt;
}

ExportObject exportObject(const ObjectTable &table, const ObjectConsensus &consensus, const ConsensusObject &c,
                          const ExportItem &item, std::vector<Id> &claimed)
{
    ExportObject o;
    static_cast<ObjectProposal &>(o) = objectProposal(consensus, c);
    for (const auto &m : c.members) {
        ExportObjectMember e = objectProposalMember(consensus, m);
        if (const ObjectShape *shape = memberShape(table, c, m))
            e.annotation = annotationOf(item, e.labeler, *shape, claimed);
        o.members.push_back(std::move(e));
    }
    for (const auto &p : c.pairs)
        o.pairs.push_back({p.a, p.b, p.iou, p.distance});
    return o;
}

/// The unresolved object `o` as the lead accepted it: the decision's class and geometry.
void adjudicate(ExportObject &o, const ObjectDecision &d, const std::unordered_map<Id, std::string> &classNames,
                const std::unordered_map<Id, std::string> &labelerNames)
{
    o.className = d.cls && classNames.count(*d.cls) ? classNames.at(*d.cls) : std::string();
    o.points = pointsOf(decodeGeometry(d.kind, d.geometry));
    o.method = "adjudicated";
    o.classTie = false;
    const auto same = std::count_if(o.members.begin(), o.members.end(),
                                    [&](const ExportObjectMember &m) { return m.className == o.className; });
    o.classShare = o.members.empty() ? 0.0 : static_cast<double>(same) / static_cast<double>(o.members.size());
    o.adjudication = std::string(toString(d.action));
    o.decidedBy = d.by && labelerNames.count(*d.by) ? labelerNames.at(*d.by) : std::string();
    o.decidedAt = d.createdAt;
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
    }

    // Objects: the consensus of every image's human shapes (docs/AGREEMENT.md, "Consensus
    // objects"), the same whatever the image's final class, and the unresolved ones the lead
    // decided ("Adjudicating objects"): accepted ones are exported as the decision says,
    // dropped ones not at all; a decision whose cluster changed since is not applied.
    const ObjectTable objects = objectTableFromStore(store);
    const ObjectConsensus consensus = computeObjectConsensus(objects, options.objects);
    const auto decided = objectDecisionsByKey(store);
    std::vector<std::vector<Id>> claimed(ds.items.size());
    for (const bool resolved : {true, false}) {
        for (const auto &c : resolved ? consensus.objects : consensus.unresolved) {
            const std::size_t i = itemOfPath.at(consensus.itemNames[static_cast<std::size_t>(c.item)]);
            ExportItem &item = ds.items[i];
            ExportObject o = exportObject(objects, consensus, c, item, claimed[i]);
            if (!resolved) {
                const auto d = decided.find({item.image.id, objectMembersKey(objects, c)});
                if (d == decided.end()) {
                    item.unresolvedObjects.push_back(std::move(o));
                    continue;
                }
                if (d->second.action == ObjectAction::Drop)
                    continue;
                adjudicate(o, d->second, className, labelerName);
            }
            if (o.kind == AnnotationKind::Box)
                item.boxes.push_back(
                    {o.className, o.points[0].first, o.points[0].second, o.points[1].first, o.points[1].second});
            else if (o.kind == AnnotationKind::Polygon)
                item.polygons.push_back({o.className, o.points});
            item.objects.push_back(std::move(o));
        }
    }
    return ds;
}

} // namespace concord::core
