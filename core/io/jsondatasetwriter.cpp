// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/jsondatasetwriter_p.h"

#include "core/io/exportfiles.h"

#include <algorithm>
#include <cmath>

namespace concord::core {

namespace {

nlohmann::json numberOrNull(double v)
{
    return std::isnan(v) ? nlohmann::json() : nlohmann::json(v);
}

nlohmann::json standardJson(const Standard &s)
{
    return {{"id", s.id}, {"title", s.title}, {"version", s.version}, {"status", std::string(toString(s.status))}};
}

nlohmann::json objectJson(const ExportObject &o)
{
    nlohmann::json points = nlohmann::json::array();
    for (const auto &[x, y] : o.points)
        points.push_back({x, y});
    nlohmann::json members = nlohmann::json::array();
    for (const auto &m : o.members)
        members.push_back({{"labeler", m.labeler},
                           {"label", m.className},
                           {"annotation_id", m.annotation ? nlohmann::json(*m.annotation) : nlohmann::json()},
                           {"agreement", numberOrNull(m.agreement)}});
    nlohmann::json pairs = nlohmann::json::array();
    for (const auto &p : o.pairs)
        pairs.push_back({{"a", o.members[static_cast<std::size_t>(p.a)].labeler},
                         {"b", o.members[static_cast<std::size_t>(p.b)].labeler},
                         {"iou", numberOrNull(p.iou)},
                         {"distance", numberOrNull(p.distance)}});
    std::vector<std::string> labelers;
    for (const auto &m : o.members)
        labelers.push_back(m.labeler);
    nlohmann::json j{{"kind", std::string(toString(o.kind))},
                     {"label", o.className},
                     {"class_share", o.classShare},
                     {"class_tie", o.classTie},
                     {"points", points},
                     {"method", o.method},
                     {"labelers", labelers},
                     {"image_labelers", o.labelers},
                     {"quorum", o.quorum},
                     {"members", members},
                     {"pairs", pairs}};
    if (!o.adjudication.empty())
        j["adjudication"] = {{"action", o.adjudication},
                             {"by", o.decidedBy.empty() ? nlohmann::json() : nlohmann::json(o.decidedBy)},
                             {"at", o.decidedAt}};
    return j;
}

} // namespace

nlohmann::json provenanceJson(const ExportDataset &dataset, const std::vector<std::string> &files)
{
    nlohmann::json j;
    j["concord_export"] = 1;
    j["project"] = dataset.projectName;
    j["created_at"] = dataset.createdAt;
    j["classes"] = dataset.classes;
    j["options"] = {{"consensus", std::string(toString(dataset.options.consensus))},
                    {"min_agreement", dataset.options.minAgreement},
                    {"include_unresolved", dataset.options.includeUnresolved},
                    {"objects",
                     {{"iou", dataset.options.objects.iou},
                      {"distance_px", dataset.options.objects.distancePx},
                      {"quorum", dataset.options.objects.quorum.describe()},
                      {"class_aware", dataset.options.objects.classAware},
                      {"class_vote", std::string(toString(dataset.options.objects.classVote))},
                      {"fusion", "boxes: weighted-box-fusion; lines, polygons, points: medoid"}}}};
    j["unresolved_objects"] = nlohmann::json::array();
    std::int64_t consensusObjects = 0, adjudicatedObjects = 0, unresolvedObjects = 0;
    j["images"] = nlohmann::json::array();
    j["unresolved"] = nlohmann::json::array();
    for (const auto &item : dataset.items) {
        nlohmann::json im;
        im["path"] = item.image.path;
        im["hash"] = item.image.hash;
        im["width"] = item.image.width;
        im["height"] = item.image.height;
        im["included"] = item.included;
        im["final"] = {{"label", item.finalClass.empty() ? nlohmann::json() : nlohmann::json(item.finalClass)},
                       {"source", std::string(toString(item.source))}};
        if (!item.unresolvedReason.empty())
            im["final"]["unresolved_reason"] = item.unresolvedReason;
        im["labels"] = nlohmann::json::array();
        for (const auto &l : item.labels) {
            nlohmann::json lj{{"labeler", l.labeler},
                              {"label", l.className},
                              {"source", std::string(toString(l.source))},
                              {"round", l.round},
                              {"updated_at", l.updatedAt},
                              {"standard_id", l.standard ? nlohmann::json(*l.standard) : nlohmann::json()}};
            lj["annotations"] = nlohmann::json::array();
            for (const auto &a : l.annotations) {
                nlohmann::json aj{{"kind", std::string(toString(a.kind))},
                                  {"geometry", nlohmann::json::parse(a.geometry, nullptr, false)}};
                if (a.lengthPx > 0)
                    aj["length_px"] = a.lengthPx;
                if (a.lengthMm)
                    aj["length_mm"] = *a.lengthMm;
                lj["annotations"].push_back(std::move(aj));
            }
            im["labels"].push_back(std::move(lj));
        }
        im["agreement"] = numberOrNull(item.agreement);
        im["consensus"] = {
            {"method", std::string(toString(dataset.options.consensus))},
            {"label", item.consensusClass.empty() ? nlohmann::json() : nlohmann::json(item.consensusClass)},
            {"confidence", item.consensusConfidence}};
        if (item.decision) {
            im["decision"] = {
                {"label", item.decisionClass.empty() ? nlohmann::json() : nlohmann::json(item.decisionClass)},
                {"method", std::string(toString(item.decision->method))},
                {"by", item.decidedBy.empty() ? nlohmann::json() : nlohmann::json(item.decidedBy)},
                {"note", item.decision->note},
                {"at", item.decision->createdAt}};
        } else {
            im["decision"] = nullptr;
        }
        im["standard"] = item.standard ? standardJson(*item.standard) : nlohmann::json();
        im["boxes"] = nlohmann::json::array();
        for (const auto &b : item.boxes)
            im["boxes"].push_back({{"label", b.className}, {"x1", b.x1}, {"y1", b.y1}, {"x2", b.x2}, {"y2", b.y2}});
        // The objects the formats write: consensus objects with their members; unresolved ones
        // (below quorum) are listed for adjudication and written nowhere else.
        im["objects"] = nlohmann::json::array();
        for (const auto &o : item.objects)
            im["objects"].push_back(objectJson(o));
        im["unresolved_objects"] = nlohmann::json::array();
        for (const auto &o : item.unresolvedObjects) {
            im["unresolved_objects"].push_back(objectJson(o));
            nlohmann::json listed = objectJson(o);
            listed["path"] = item.image.path;
            j["unresolved_objects"].push_back(std::move(listed));
        }
        if (item.included) {
            for (const auto &o : item.objects)
                ++(o.adjudication.empty() ? consensusObjects : adjudicatedObjects);
            unresolvedObjects += static_cast<std::int64_t>(item.unresolvedObjects.size());
        }
        im["exported_image"] = item.outputImage.empty() ? nlohmann::json() : nlohmann::json(item.outputImage);
        im["faces_blurred"] = item.facesBlurred < 0 ? nlohmann::json() : nlohmann::json(item.facesBlurred);
        if (item.source == FinalSource::Unresolved)
            j["unresolved"].push_back({{"path", item.image.path}, {"reason", item.unresolvedReason}});
        j["images"].push_back(std::move(im));
    }
    j["objects"] = {
        {"consensus", consensusObjects}, {"adjudicated", adjudicatedObjects}, {"unresolved", unresolvedObjects}};
    std::vector<std::string> sorted = files;
    std::sort(sorted.begin(), sorted.end());
    j["files"] = sorted;
    return j;
}

std::string JsonDatasetWriter::imagePath(const ExportDataset &, const ExportItem &) const
{
    return {};
}

void JsonDatasetWriter::write(const ExportDataset &, ExportOutput &) const
{
    // provenance.json is the whole format, and the exporter writes it for every format, last,
    // once it knows every file of the data set (exportDataset).
}

} // namespace concord::core
