// SPDX-License-Identifier: GPL-3.0-or-later
// Adjudication per object (issue #17): the queue of unresolved objects, the lead's decisions
// and their undo, and what the export makes of them. Every expected value is worked out by
// hand below from the shapes drawn (docs/AGREEMENT.md, "Consensus objects").
#include "core/adjudication/objectqueue.h"
#include "core/common/error.h"
#include "core/geometry/geometry.h"
#include "core/io/datasetexporter.h"
#include "core/io/exportdataset.h"
#include "core/project/project_ops.h"
#include "test_printers.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

using namespace concord::core;

namespace {

Annotation box(double x1, double y1, double x2, double y2, Id cls)
{
    Annotation a;
    a.kind = AnnotationKind::Box;
    a.geometry = nlohmann::json{{"x1", x1}, {"y1", y1}, {"x2", x2}, {"y2", y2}}.dump();
    a.classId = cls;
    return a;
}

Annotation line(double x1, double y1, double x2, double y2, Id cls)
{
    Annotation a = box(x1, y1, x2, y2, cls);
    a.kind = AnnotationKind::Line;
    return a;
}

Annotation point(double x, double y, Id cls)
{
    Annotation a;
    a.kind = AnnotationKind::Point;
    a.geometry = nlohmann::json{{"x", x}, {"y", y}}.dump();
    a.classId = cls;
    return a;
}

using Points = std::vector<std::pair<double, double>>;

} // namespace

class TestObjectAdjudication : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_projects = 0;
    Id m_ok = 0, m_scratch = 0, m_dent = 0, m_lea = 0, m_c = 0, m_d = 0;

    /// Three labelers on two images:
    /// - c.png: a box all three drew ((20,20)-(30,30), (20,20)-(30,32), (20,20)-(32,30)), one
    ///   alice and bob drew ((100,60)-(140,90) and (102,60)-(142,90), IoU 1140/1260 ≥ 0.5),
    ///   and carl's lone dent box (150,10)-(190,50). Quorum (majority of 3) is 2: carl's box is
    ///   the image's one unresolved object.
    /// - d.png: bob's scratch line (0,0)-(10,0) and alice's dent point (5,5); carl drew nothing.
    ///   A line and a point never cluster: two unresolved objects of one member each.
    /// The queue's order is the engine's: image, then kind (box, line, polygon, point).
    std::unique_ptr<Store> makeProject()
    {
        const auto file =
            std::filesystem::path(m_dir.path().toStdString()) / ("objects" + std::to_string(++m_projects) + ".concord");
        ProjectSettings s;
        s.name = "objects";
        auto store = initProject(file.string(), s, {"ok", "scratch", "dent"});
        m_ok = store->classByName("ok")->id;
        m_scratch = store->classByName("scratch")->id;
        m_dent = store->classByName("dent")->id;
        m_lea = store->addLabeler("lea", Role::Lead);
        const auto image = [&](const std::string &path) {
            std::ofstream(file.parent_path() / path) << "not decoded: the export copies the bytes";
            ImageRecord r;
            r.path = path;
            r.hash = path;
            r.width = 200;
            r.height = 100;
            return store->addImage(r);
        };
        m_c = image("c.png");
        m_d = image("d.png");
        const Id alice = store->addLabeler("alice", Role::Labeler);
        const Id bob = store->addLabeler("bob", Role::Labeler);
        const Id carl = store->addLabeler("carl", Role::Labeler);
        saveLabel(*store, m_c, alice, m_scratch, {box(20, 20, 30, 30, m_scratch), box(100, 60, 140, 90, m_scratch)});
        saveLabel(*store, m_c, bob, m_scratch, {box(20, 20, 30, 32, m_scratch), box(102, 60, 142, 90, m_scratch)});
        saveLabel(*store, m_c, carl, m_scratch, {box(20, 20, 32, 30, m_scratch), box(150, 10, 190, 50, m_dent)});
        saveLabel(*store, m_d, alice, m_dent, {point(5, 5, m_dent)});
        saveLabel(*store, m_d, bob, m_scratch, {line(0, 0, 10, 0, m_scratch)});
        saveLabel(*store, m_d, carl, m_ok);
        return store;
    }

    /// The id of the labeler's `index`-th shape on the image, in the order it was saved.
    static Id annotationAt(const Store &store, Id image, const std::string &labeler, std::size_t index)
    {
        const auto l = store.label(image, store.labelerByName(labeler)->id);
        return store.annotationsOfLabel(l->id).at(index).id;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void queueListsEveryUnresolvedObjectWithItsMembers()
    {
        auto store = makeProject();
        const ObjectQueue q = objectQueue(*store);
        QCOMPARE(q.unresolved, std::int64_t(3));
        QCOMPARE(q.objects.size(), std::size_t(3));
        QVERIFY(q.stale.empty());

        const auto &carl = q.objects[0];
        QCOMPARE(carl.image, m_c);
        QCOMPARE(carl.path, std::string("c.png"));
        QCOMPARE_ENUM(carl.kind, AnnotationKind::Box);
        QCOMPARE(carl.classId, m_dent);
        QCOMPARE(carl.points, (Points{{150, 10}, {190, 50}}));
        QCOMPARE(carl.method, std::string("single"));
        QCOMPARE(carl.labelers, 3);
        QCOMPARE(carl.quorum, 2);
        QCOMPARE(carl.members.size(), std::size_t(1));
        QCOMPARE(carl.members[0].labeler, std::string("carl"));
        QCOMPARE(carl.members[0].annotation.value_or(0), annotationAt(*store, m_c, "carl", 1));
        QCOMPARE(carl.members[0].className, std::string("dent"));

        QCOMPARE_ENUM(q.objects[1].kind, AnnotationKind::Line);
        QCOMPARE(q.objects[1].path, std::string("d.png"));
        QCOMPARE(q.objects[1].className, std::string("scratch"));
        QCOMPARE(q.objects[1].members[0].labeler, std::string("bob"));
        QCOMPARE(q.objects[1].points, (Points{{0, 0}, {10, 0}}));
        QCOMPARE_ENUM(q.objects[2].kind, AnnotationKind::Point);
        QCOMPARE(q.objects[2].members[0].labeler, std::string("alice"));
        QCOMPARE(q.objects[2].members[0].annotation.value_or(0), annotationAt(*store, m_d, "alice", 0));

        // With a quorum of all three, alice's and bob's box on c.png is unresolved too: two
        // members of equal weight fuse to the mean, (101,60)-(141,90).
        ObjectConsensusOptions all;
        all.quorum = ObjectQuorum::count(3);
        const ObjectQueue q3 = objectQueue(*store, all);
        QCOMPARE(q3.objects.size(), std::size_t(4));
        QCOMPARE(q3.objects[0].points, (Points{{101, 60}, {141, 90}}));
        QCOMPARE(q3.objects[0].method, std::string("weighted-box-fusion"));
        QCOMPARE(q3.objects[0].members.size(), std::size_t(2));
        QCOMPARE(q3.objects[0].members[0].points, (Points{{100, 60}, {140, 90}}));
        QCOMPARE(q3.objects[0].members[1].points, (Points{{102, 60}, {142, 90}}));
        QVERIFY(std::abs(q3.objects[0].members[0].agreement - 1140.0 / 1260.0) < 1e-12);
    }

    void decideAcceptPickAClassOrDrop()
    {
        auto store = makeProject();
        ObjectQueue q = objectQueue(*store);
        const auto carl = q.objects[0], bobLine = q.objects[1], alicePoint = q.objects[2];

        const auto accepted = decideObject(*store, carl, ObjectAction::Accept, std::nullopt, m_lea, "lea");
        QCOMPARE(accepted.decision.cls.value_or(0), m_dent); // the vote
        QCOMPARE_ENUM(accepted.decision.action, ObjectAction::Accept);
        QCOMPARE(accepted.decision.image, m_c);
        QCOMPARE(accepted.decision.by.value_or(0), m_lea);
        const Shape shape = decodeGeometry(AnnotationKind::Box, accepted.decision.geometry);
        QCOMPARE(std::get<BoxShape>(shape).corners.x1, 150.0);
        QCOMPARE(std::get<BoxShape>(shape).corners.y2, 50.0);
        const auto entry = store->auditLog(1).front();
        QCOMPARE(entry.id, accepted.auditId);
        QCOMPARE(entry.action, std::string(kAuditObjectDecision));
        QCOMPARE(entry.actor, std::string("lea"));
        QCOMPARE(nlohmann::json::parse(entry.payload)["object_decision"]["action"].get<std::string>(),
                 std::string("accept"));

        q = objectQueue(*store);
        QCOMPARE(q.objects.size(), std::size_t(2));
        QCOMPARE(q.accepted, std::int64_t(1));
        QCOMPARE(q.unresolved, std::int64_t(3));

        // Refused, writing nothing: the same cluster again; arguments that contradict the action.
        const auto before = store->auditLog(-1).size();
        QVERIFY_THROWS_EXCEPTION(Error, decideObject(*store, carl, ObjectAction::Drop, std::nullopt, m_lea, "lea"));
        QVERIFY_THROWS_EXCEPTION(Error, decideObject(*store, bobLine, ObjectAction::Accept, m_dent, m_lea, "lea"));
        QVERIFY_THROWS_EXCEPTION(Error, decideObject(*store, bobLine, ObjectAction::Class, std::nullopt, m_lea, "lea"));
        QVERIFY_THROWS_EXCEPTION(Error, decideObject(*store, bobLine, ObjectAction::Drop, m_dent, m_lea, "lea"));
        QVERIFY_THROWS_EXCEPTION(Error, decideObject(*store, bobLine, ObjectAction::Class, 999, m_lea, "lea"));
        QCOMPARE(store->auditLog(-1).size(), before);
        QCOMPARE(store->objectDecisions().size(), std::size_t(1));

        const auto picked = decideObject(*store, bobLine, ObjectAction::Class, m_dent, m_lea, "lea");
        QCOMPARE(picked.decision.cls.value_or(0), m_dent);
        const auto dropped = decideObject(*store, alicePoint, ObjectAction::Drop, std::nullopt, m_lea, "lea");
        QVERIFY(!dropped.decision.cls);
        q = objectQueue(*store);
        QVERIFY(q.objects.empty());
        QCOMPARE(q.accepted, std::int64_t(2));
        QCOMPARE(q.dropped, std::int64_t(1));
    }

    void undoTakesDecisionsBackExactly()
    {
        auto store = makeProject();
        const ObjectQueue original = objectQueue(*store);
        const auto first = decideObject(*store, original.objects[0], ObjectAction::Accept, std::nullopt, m_lea, "lea");
        const auto second = decideObject(*store, original.objects[2], ObjectAction::Drop, std::nullopt, m_lea, "lea");

        const auto undone = undoLastObjectDecision(*store, "lea");
        QVERIFY(undone);
        QCOMPARE(undone->decision.id, second.decision.id); // the newest
        const auto log = store->auditLog(-1);              // newest first
        QCOMPARE(log[0].action, std::string(kAuditObjectDecisionUndo));
        QCOMPARE(nlohmann::json::parse(log[0].payload)["undoes"].get<Id>(), second.auditId);
        QVERIFY(log[1].undone); // the drop's entry
        QVERIFY(!log[2].undone);
        QCOMPARE(objectQueue(*store).objects.size(), std::size_t(2));

        undoObjectDecision(*store, first.decision.id, "lea");
        QVERIFY(store->objectDecisions().empty());
        QVERIFY_THROWS_EXCEPTION(Error, undoObjectDecision(*store, first.decision.id, "lea"));
        QVERIFY(!undoLastObjectDecision(*store, "lea"));
        // The queue is as it was before any decision.
        const ObjectQueue again = objectQueue(*store);
        QCOMPARE(again.objects.size(), original.objects.size());
        for (std::size_t i = 0; i < again.objects.size(); ++i)
            QCOMPARE(objectMembersKey(again.objects[i].kind, again.objects[i].members),
                     objectMembersKey(original.objects[i].kind, original.objects[i].members));
    }

    void aDecisionHoldsWhileItsShapesDo()
    {
        auto store = makeProject();
        decideObject(*store, objectQueue(*store).objects[0], ObjectAction::Accept, std::nullopt, m_lea, "lea");
        const Id carl = store->labelerByName("carl")->id;
        // carl saves again with the same shapes: new annotation ids, the same cluster.
        saveLabel(*store, m_c, carl, m_scratch, {box(20, 20, 32, 30, m_scratch), box(150, 10, 190, 50, m_dent)});
        ObjectQueue q = objectQueue(*store);
        QCOMPARE(q.objects.size(), std::size_t(2));
        QCOMPARE(q.accepted, std::int64_t(1));
        QVERIFY(q.stale.empty());
        // carl moves his box: another cluster, back in the queue; the decision is stale.
        saveLabel(*store, m_c, carl, m_scratch, {box(20, 20, 32, 30, m_scratch), box(150, 10, 190, 52, m_dent)});
        q = objectQueue(*store);
        QCOMPARE(q.objects.size(), std::size_t(3));
        QCOMPARE(q.objects[0].points, (Points{{150, 10}, {190, 52}}));
        QCOMPARE(q.accepted, std::int64_t(0));
        QCOMPARE(q.stale.size(), std::size_t(1));
        const auto ds = buildExportDataset(*store, {});
        QCOMPARE(ds.items[0].objects.size(), std::size_t(2)); // the stale decision is not applied
        QCOMPARE(ds.items[0].unresolvedObjects.size(), std::size_t(1));
    }

    void exportWritesAcceptedObjectsAndLeavesDroppedOnesOut()
    {
        auto store = makeProject();
        const ObjectQueue q = objectQueue(*store);
        decideObject(*store, q.objects[0], ObjectAction::Accept, std::nullopt, m_lea, "lea");
        decideObject(*store, q.objects[1], ObjectAction::Class, m_dent, m_lea, "lea");
        decideObject(*store, q.objects[2], ObjectAction::Drop, std::nullopt, m_lea, "lea");

        const auto ds = buildExportDataset(*store, {});
        const auto &c = ds.items[0];
        QCOMPARE(c.image.path, std::string("c.png"));
        QCOMPARE(c.objects.size(), std::size_t(3)); // two consensus objects, then carl's box
        QVERIFY(c.unresolvedObjects.empty());
        QCOMPARE(c.objects[2].method, std::string("adjudicated"));
        QCOMPARE(c.objects[2].adjudication, std::string("accept"));
        QCOMPARE(c.objects[2].decidedBy, std::string("lea"));
        QCOMPARE(c.objects[2].className, std::string("dent"));
        QCOMPARE(c.objects[2].points, (Points{{150, 10}, {190, 50}}));
        QCOMPARE(c.objects[2].members.size(), std::size_t(1));
        QCOMPARE(c.boxes.size(), std::size_t(3));
        QCOMPARE(c.boxes[2].className, std::string("dent"));
        const auto &d = ds.items[1];
        QCOMPARE(d.objects.size(), std::size_t(1)); // bob's line as a dent; alice's point dropped
        QCOMPARE(d.objects[0].className, std::string("dent"));
        QCOMPARE(d.objects[0].adjudication, std::string("class"));
        QCOMPARE(d.objects[0].classShare, 0.0); // bob called it a scratch
        QVERIFY(d.unresolvedObjects.empty());

        // COCO writes carl's box; provenance.json says how each object came about. The counts
        // are of the exported images: d.png's image labels tie (dent, scratch, ok), so it is
        // left out, and bob's line with it.
        ExportRequest coco;
        coco.format = "coco";
        coco.outDir = std::filesystem::path(m_dir.path().toStdString()) / "coco";
        const auto rep = exportDataset(*store, coco);
        QCOMPARE(rep.consensusObjects, std::int64_t(2));
        QCOMPARE(rep.adjudicatedObjects, std::int64_t(1));
        QCOMPARE(rep.unresolvedObjects, std::int64_t(0));
        const auto read = [](const std::filesystem::path &p) {
            std::ifstream in(p);
            std::stringstream s;
            s << in.rdbuf();
            return nlohmann::json::parse(s.str());
        };
        const auto j = read(coco.outDir / "annotations.json");
        bool carlsBox = false;
        for (const auto &a : j["annotations"])
            if (a.contains("bbox") && a["bbox"].get<std::vector<double>>() == std::vector<double>{150, 10, 40, 40})
                carlsBox = a["category_id"].get<int>() == 3; // dent, the third class
        QVERIFY(carlsBox);
        const auto p = read(coco.outDir / "provenance.json");
        QCOMPARE(p["objects"]["consensus"].get<int>(), 2);
        QCOMPARE(p["objects"]["adjudicated"].get<int>(), 1);
        QCOMPARE(p["objects"]["unresolved"].get<int>(), 0);
        QVERIFY(p["unresolved_objects"].empty());
        const auto &adjudicated = p["images"][0]["objects"][2];
        QCOMPARE(adjudicated["method"].get<std::string>(), std::string("adjudicated"));
        QCOMPARE(adjudicated["adjudication"]["action"].get<std::string>(), std::string("accept"));
        QCOMPARE(adjudicated["adjudication"]["by"].get<std::string>(), std::string("lea"));
        QCOMPARE(adjudicated["labelers"].get<std::vector<std::string>>(), (std::vector<std::string>{"carl"}));
    }

    void aClusterThatReachesTheQuorumIsNotExportedTwice()
    {
        // Decided under a quorum of 3, alice's and bob's box on c.png is a consensus object
        // under the default quorum (2 of 3): the decision does not apply and adds no copy.
        auto store = makeProject();
        ObjectConsensusOptions all;
        all.quorum = ObjectQuorum::count(3);
        const auto q3 = objectQueue(*store, all);
        decideObject(*store, q3.objects[0], ObjectAction::Class, m_dent, m_lea, "lea");
        ExportOptions strict;
        strict.objects = all;
        const auto withDecision = buildExportDataset(*store, strict);
        QCOMPARE(withDecision.items[0].boxes.size(), std::size_t(2)); // the all-three box + the decided one
        QCOMPARE(withDecision.items[0].boxes[1].className, std::string("dent"));
        QCOMPARE(withDecision.items[0].boxes[1].x1, 101.0);
        const auto byMajority = buildExportDataset(*store, {});
        QCOMPARE(byMajority.items[0].boxes.size(), std::size_t(2)); // both consensus, no third
        QCOMPARE(byMajority.items[0].boxes[1].className, std::string("scratch"));
        QCOMPARE(objectQueue(*store).stale.size(), std::size_t(1));
    }

    void commandLine()
    {
        // concord-cli adjudicate --objects lists the same queue, decides by number, undoes.
        const std::string file = makeProject()->path().string();
        const auto cli = [&](QStringList args) {
            QProcess p;
            p.start(QStringLiteral(CONCORD_CLI), QStringList{QStringLiteral("adjudicate"), QString::fromStdString(file),
                                                             QStringLiteral("--objects")} +
                                                     args);
            if (!p.waitForFinished(60000) || p.exitCode() != 0)
                qWarning("%s", p.readAllStandardError().constData());
            return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()));
        };
        auto [code, out] = cli({QStringLiteral("--json")});
        QCOMPARE(code, 0);
        auto j = nlohmann::json::parse(out.toStdString());
        QCOMPARE(j["objects"].size(), std::size_t(3));
        QCOMPARE(j["objects"][0]["image"].get<std::string>(), std::string("c.png"));
        QCOMPARE(j["objects"][0]["members"][0]["labeler"].get<std::string>(), std::string("carl"));
        QCOMPARE(j["objects"][2]["kind"].get<std::string>(), std::string("point"));
        QCOMPARE(j["quorum"].get<std::string>(), std::string("majority"));

        std::tie(code, out) = cli({QStringLiteral("--accept"), QStringLiteral("2"), QStringLiteral("--as"),
                                   QStringLiteral("dent"), QStringLiteral("--json")});
        QCOMPARE(code, 0);
        j = nlohmann::json::parse(out.toStdString());
        QCOMPARE(j["decision"]["action"].get<std::string>(), std::string("class"));
        QCOMPARE(j["decision"]["kind"].get<std::string>(), std::string("line"));
        std::tie(code, out) = cli({QStringLiteral("--drop"), QStringLiteral("2")}); // alice's point, now second
        QCOMPARE(code, 0);
        QVERIFY2(out.contains(QStringLiteral("dropped")), qPrintable(out));
        std::tie(code, out) = cli({QStringLiteral("--drop"), QStringLiteral("2")}); // one left: no object 2
        QCOMPARE(code, 1);
        std::tie(code, out) = cli({});
        QCOMPARE(code, 0);
        QVERIFY2(out.startsWith(QStringLiteral("1 unresolved object to decide (quorum majority; decided: 1 accepted, "
                                               "1 dropped)")),
                 qPrintable(out));
        {
            auto store = openProject(file, OpenMode::ReadOnly);
            const auto decisions = store->objectDecisions();
            QCOMPARE(decisions.size(), std::size_t(2));
            QCOMPARE(decisions[0].cls.value_or(0), m_dent);
            QCOMPARE(decisions[0].by.value_or(0), m_lea); // the project's lead
        }
        std::tie(code, out) = cli({QStringLiteral("--undo")});
        QCOMPARE(code, 0);
        j = nlohmann::json::parse(cli({QStringLiteral("--json")}).second.toStdString());
        QCOMPARE(j["objects"].size(), std::size_t(2));
        QCOMPARE(j["dropped"].get<int>(), 0);
    }
};

QTEST_GUILESS_MAIN(TestObjectAdjudication)
#include "tst_objectadjudication.moc"
