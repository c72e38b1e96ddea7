// SPDX-License-Identifier: GPL-3.0-or-later
// One store suite, two backends (issue #18): every test here runs on a project file and on a
// database of the throwaway PostgreSQL server, so the backends cannot drift apart.
#include "core/common/error.h"
#include "core/project/checks.h"
#include "core/project/project_ops.h"
#include "core/store/pg_db.h"
#include "core/store/server.h"
#include "store_backends.h"
#include "test_printers.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace concord::core;
using concord_test::addBackendRows;
using concord_test::freshLocation;

class TestStoreBackends : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static ImageRecord makeImage(const std::string &path, const std::string &hash)
    {
        ImageRecord r;
        r.path = path;
        r.hash = hash;
        r.bytes = 1234;
        r.width = 640;
        r.height = 480;
        r.pxPerMm = 40.0;
        return r;
    }

private slots:
    void settingsAndMeta_data() { addBackendRows(); }
    void settingsAndMeta()
    {
        QFETCH(QString, backend);
        const auto location = freshLocation(backend, m_dir, "settings");
        ProjectSettings s{"phones", 12.5, 2, true};
        s.repeatShare = 0.1;
        s.repeatGap = 7;
        initProject(location, s, {"ok"}).reset();
        auto again = openStore(location);
        QCOMPARE(again->schemaVersion(), kSchemaVersion);
        const auto back = again->settings();
        QCOMPARE(QString::fromStdString(back.name), QStringLiteral("phones"));
        QCOMPARE(back.pxPerMm, 12.5);
        QCOMPARE(back.overlap, 2);
        QVERIFY(back.classesOrdered);
        QCOMPARE(back.repeatShare, 0.1);
        QCOMPARE(back.repeatGap, 7);
        QVERIFY(again->meta("created_at").has_value());
        QVERIFY(!again->meta("no such key").has_value());
    }

    void roundTripEveryTable_data() { addBackendRows(); }
    void roundTripEveryTable()
    {
        QFETCH(QString, backend);
        const auto path = freshLocation(backend, m_dir, "rt");
        {
            auto store = initProject(path, {"rt", 40.0, 3, false}, {"ok", "scratch", "dent"});
            const Id img = store->addImage(makeImage("imgs/a.jpg", "h1"));
            const Id img2 = store->addImage(makeImage("imgs/sub/b.jpg", "h2"));
            const Id ana = store->addLabeler("ana", Role::Labeler);
            const Id lead = store->addLabeler("lead", Role::Lead);
            const auto scratch = *store->classByName("scratch");
            store->setAttribute({img, "length_mm", 2.25, AttrSource::Measured});
            store->setAttribute({img, "camera", std::string("cam-A"), AttrSource::Imported});
            store->assign({img, ana, 0, 7, AssignmentState::Pending});
            store->assign({img2, ana, 1, 0, AssignmentState::Pending});
            store->unassign(img2, ana, 1); // gone again: the queue read back below holds one entry
            Standard st;
            st.title = "Scratch length";
            st.body = "A scratch of 1.5 mm or longer is a defect.";
            st.rule = "when label in {ok, scratch}: scratch if length_mm >= 1.5 else ok";
            st.status = StandardStatus::Active;
            const Id sid = store->addStandard(st);
            store->setExample({sid, img2, ExampleRole::Borderline, "1.4 mm"});
            const Id lid = saveLabel(
                *store, img, ana, scratch.id,
                {Annotation{0, 0, AnnotationKind::Line, R"({"x1":1,"y1":2,"x2":3,"y2":4})", 90.0, 2.25, 0.0}});
            store->setDecision({img, scratch.id, DecisionMethod::Adjudicated, sid, lead, "clear", {}});
            store->appendAudit("lead", "test", R"({"k":1})");
            store->putThumbnail("h1", 256, std::string("\xff\xd8jpeg\0bytes", 12));
            QVERIFY(lid > 0);
        }
        auto store = openStore(path, OpenMode::ReadOnly);
        QVERIFY(store->isReadOnly());
        const auto img = *store->imageByPath("imgs/a.jpg");
        QCOMPARE(img.width, 640);
        QCOMPARE(img.height, 480);
        QCOMPARE(img.pxPerMm, 40.0);
        QCOMPARE(img.bytes, std::int64_t(1234));
        QCOMPARE(store->imagesByFileName("b.jpg").size(), std::size_t(1));
        QCOMPARE(store->imagesByHash("h2").front().path, std::string("imgs/sub/b.jpg"));
        QCOMPARE(store->classes().size(), std::size_t(3));
        QCOMPARE(store->classes()[1].shortcut, std::string("2"));
        const auto ana = *store->labelerByName("ana");
        QCOMPARE_ENUM(store->labelerByName("lead")->role, Role::Lead);
        const auto label = *store->label(img.id, ana.id);
        QCOMPARE(label.labelClass, store->classByName("scratch")->id);
        QCOMPARE_ENUM(label.source, LabelSource::Manual);
        QVERIFY(label.standard.has_value()); // the active standard was in force
        const auto anns = store->annotationsOfLabel(label.id);
        QCOMPARE(anns.size(), std::size_t(1));
        QCOMPARE_ENUM(anns[0].kind, AnnotationKind::Line);
        QCOMPARE(anns[0].lengthMm.value_or(0), 2.25);
        QCOMPARE(store->annotationsOfKind(AnnotationKind::Line).size(), std::size_t(1));
        const auto attrs = store->imageAttributes(img.id);
        QCOMPARE(attrs.size(), std::size_t(2));
        QCOMPARE(std::get<std::string>(attrs[0].value), std::string("cam-A"));
        QCOMPARE(std::get<double>(attrs[1].value), 2.25);
        QCOMPARE_ENUM(attrs[1].source, AttrSource::Measured);
        const auto q = store->queue(ana.id);
        QCOMPARE(q.size(), std::size_t(1));
        QCOMPARE(q[0].position, 7);
        QCOMPARE_ENUM(q[0].state, AssignmentState::Done); // saveLabel marks it done
        QCOMPARE(q[0].myLabelClass.value_or(0), label.labelClass);
        const auto standards = store->standards();
        QCOMPARE(standards.size(), std::size_t(1));
        QCOMPARE(standards[0].family, standards[0].id);
        QCOMPARE_ENUM(standards[0].status, StandardStatus::Active);
        QCOMPARE_ENUM(store->examples(standards[0].id).front().role, ExampleRole::Borderline);
        const auto d = *store->decision(img.id);
        QCOMPARE_ENUM(d.method, DecisionMethod::Adjudicated);
        QCOMPARE(d.note, std::string("clear"));
        QCOMPARE(store->auditLog(1).front().action, std::string("test"));
        QCOMPARE(store->thumbnail("h1", 256)->size(), std::size_t(12));
        QCOMPARE(store->labelRows().front().className, std::string("scratch"));
        // Read-only really refuses changes.
        QVERIFY_THROWS_EXCEPTION(Error, store->addLabeler("eve", Role::Labeler));
    }

    void transactionRollsBackOnError_data() { addBackendRows(); }
    void transactionRollsBackOnError()
    {
        QFETCH(QString, backend);
        auto store = initProject(freshLocation(backend, m_dir, "tx"), {"tx", 0, 1, false}, {"ok"});
        try {
            store->transaction([&] {
                store->addLabeler("ana", Role::Labeler);
                throw Error(ErrorCode::Invalid, "boom");
            });
            QFAIL("no throw");
        } catch (const Error &) {
        }
        QVERIFY(!store->labelerByName("ana"));
    }

    void findImageByPathThenName_data() { addBackendRows(); }
    void findImageByPathThenName()
    {
        QFETCH(QString, backend);
        auto store = initProject(freshLocation(backend, m_dir, "find"), {"f", 0, 1, false}, {"ok"});
        store->addImage(makeImage("a/x.jpg", "1"));
        store->addImage(makeImage("b/x.jpg", "2"));
        store->addImage(makeImage("b/y.jpg", "3"));
        QCOMPARE(findImage(*store, "b/x.jpg").hash, std::string("2"));
        QCOMPARE(findImage(*store, "./b/y.jpg").hash, std::string("3"));
        QCOMPARE(findImage(*store, "y.jpg").hash, std::string("3"));
        try {
            findImage(*store, "x.jpg");
            QFAIL("ambiguous name accepted");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Invalid);
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("a/x.jpg")));
        }
        QVERIFY_THROWS_EXCEPTION(Error, findImage(*store, "z.jpg"));
    }

    void relinkRepointsMovedFolder_data() { addBackendRows(); }
    void relinkRepointsMovedFolder()
    {
        QFETCH(QString, backend);
        auto store = initProject(freshLocation(backend, m_dir, "relink"), {"r", 0, 1, false}, {"ok"});
        store->addImage(makeImage("old/a.jpg", "1"));
        store->addImage(makeImage("old/sub/b.jpg", "2"));
        store->addImage(makeImage("older/c.jpg", "3")); // shares the text prefix "old" only
        QCOMPARE(store->relinkImages("old/", "new/"), std::int64_t(2));
        QVERIFY(store->imageByPath("new/a.jpg"));
        QVERIFY(store->imageByPath("new/sub/b.jpg"));
        QVERIFY(store->imageByPath("older/c.jpg"));
        QCOMPARE(store->imagesByFileName("b.jpg").size(), std::size_t(1));
        QCOMPARE(store->auditLog(1).front().action, std::string("relink"));
    }

    void assignmentSpreadsEvenly_data() { addBackendRows(); }
    void assignmentSpreadsEvenly()
    {
        QFETCH(QString, backend);
        // 10 images × k=3 over 5 labelers = 30 assignments: exactly 6 each, 3 per image.
        auto store = initProject(freshLocation(backend, m_dir, "assign"), {"a", 0, 3, false}, {"ok"});
        for (int i = 0; i < 10; ++i)
            store->addImage(makeImage("i" + std::to_string(i) + ".jpg", std::to_string(i)));
        for (const char *n : {"a", "b", "c", "d", "e"})
            store->addLabeler(n, Role::Labeler);
        store->addLabeler("boss", Role::Lead);
        QCOMPARE(assignImages(*store, 3, 42), std::int64_t(30));
        for (const auto &l : store->labelers())
            QCOMPARE(store->queueSize(l.id), std::int64_t(l.role == Role::Lead ? 0 : 6));
        for (const auto &[img, n] : store->assignmentCounts())
            QCOMPARE(n, 3);
        QCOMPARE(assignImages(*store, 3, 42), std::int64_t(0)); // idempotent
        // A labeler who joins later gets an even share at once: ceil(10*3/6) = 5.
        const Id late = store->addLabeler("late", Role::Labeler);
        QCOMPARE(assignNewLabeler(*store, late, 3, 1), std::int64_t(5));
        QCOMPARE(store->queueSize(late), std::int64_t(5));
    }

    void queuePagingQueries_data() { addBackendRows(); }
    void queuePagingQueries()
    {
        QFETCH(QString, backend);
        // A queue worked out by hand: positions tie (image id breaks the tie), one image comes
        // back in a relabel round, one row is skipped, and another labeler's label never counts.
        auto store = initProject(freshLocation(backend, m_dir, "paging"), {"p", 0, 2, false}, {"ok", "bad"});
        std::vector<Id> img;
        for (int i = 0; i < 6; ++i)
            img.push_back(store->addImage(makeImage("p" + std::to_string(i) + ".jpg", "p" + std::to_string(i))));
        const Id a = store->addLabeler("a", Role::Labeler);
        const Id b = store->addLabeler("b", Role::Labeler);
        const Id ok = store->classByName("ok")->id;
        store->assign({img[0], a, 0, 2, AssignmentState::Pending});
        store->assign({img[1], a, 0, 0, AssignmentState::Pending});
        store->assign({img[3], a, 0, 1, AssignmentState::Pending}); // ties with img[2], comes after it
        store->assign({img[2], a, 0, 1, AssignmentState::Pending});
        store->assign({img[4], a, 0, 5, AssignmentState::Pending});
        store->assign({img[0], a, 1, 0, AssignmentState::Pending});
        store->assign({img[2], b, 0, 0, AssignmentState::Pending});
        saveLabel(*store, img[1], a, ok);
        saveLabel(*store, img[0], a, ok);
        saveLabel(*store, img[2], b, ok);
        store->setAssignmentState(img[2], a, 0, AssignmentState::Skipped);

        // Order: (round, position, image): i1, i2, i3, i0, i4, then i0 of round 1.
        std::vector<Id> order;
        for (const auto &e : store->queue(a))
            order.push_back(e.image);
        QCOMPARE(order, (std::vector<Id>{img[1], img[2], img[3], img[0], img[4], img[0]}));
        QCOMPARE(store->queue(a, 2, 2).front().image, img[3]);

        QCOMPARE(store->queueRowsOf(a, img[0]), (std::vector<std::int64_t>{3, 5}));
        QCOMPARE(store->queueRowsOf(a, img[4]), (std::vector<std::int64_t>{4}));
        QCOMPARE(store->queueRowsOf(a, img[5]), std::vector<std::int64_t>{});
        QCOMPARE(store->queueRowsOf(b, img[2]), (std::vector<std::int64_t>{0}));
        // Rows 0, 3 and 5 carry a's label; b's label on img[2] is not a's.
        QCOMPARE(store->queueLabeledCount(a), std::int64_t(3));
        QCOMPARE(store->queueLabeledCount(b), std::int64_t(1));
        using Rows = std::vector<QueueRow>;
        QCOMPARE(store->unlabeledQueueRows(a, false, 10), (Rows{{2, img[3], {}}, {4, img[4], {}}}));
        QCOMPARE(store->unlabeledQueueRows(a, false, 1), (Rows{{2, img[3], {}}}));
        QCOMPARE(store->unlabeledQueueRows(a, true, 10), (Rows{{1, img[2], {}}}));
        QCOMPARE(store->unlabeledQueueRows(b, false, 10), Rows{});
    }

    void queueSearchFilters_data() { addBackendRows(); }
    void queueSearchFilters()
    {
        // The queue of queuePagingQueries, worked out by hand, searched (issue #19). a's rows:
        // 0 p1 labeled ok; 1 p2 skipped (b's label is not a's); 2 p3 unlabeled; 3 p0 labeled
        // ok; 4 p4 unlabeled; 5 p0 of relabel round 1, pending (its old label does not answer it).
        QFETCH(QString, backend);
        auto store = initProject(freshLocation(backend, m_dir, "search"), {"s", 0, 2, false}, {"ok", "bad"});
        std::vector<Id> img;
        for (int i = 0; i < 6; ++i)
            img.push_back(store->addImage(makeImage("P" + std::to_string(i) + ".jpg", "s" + std::to_string(i))));
        const Id folder = store->addImage(makeImage("scratch/q.jpg", "sq"));
        const Id a = store->addLabeler("a", Role::Labeler);
        const Id b = store->addLabeler("b", Role::Labeler);
        const Id ok = store->classByName("ok")->id;
        const Id bad = store->classByName("bad")->id;
        store->assign({img[0], a, 0, 2, AssignmentState::Pending});
        store->assign({img[1], a, 0, 0, AssignmentState::Pending});
        store->assign({img[3], a, 0, 1, AssignmentState::Pending});
        store->assign({img[2], a, 0, 1, AssignmentState::Pending});
        store->assign({img[4], a, 0, 5, AssignmentState::Pending});
        store->assign({img[2], b, 0, 0, AssignmentState::Pending});
        store->assign({folder, b, 0, 1, AssignmentState::Pending});
        saveLabel(*store, img[1], a, ok);
        saveLabel(*store, img[0], a, ok);
        saveLabel(*store, img[2], b, ok);
        store->setAssignmentState(img[2], a, 0, AssignmentState::Skipped);
        store->assign({img[0], a, 1, 0, AssignmentState::Pending}); // sent back after a's label

        const auto rows = [&](Id labeler, QueueFilter f) {
            std::vector<std::int64_t> out;
            for (const QueueRow &r : store->queueSearch(labeler, f))
                out.push_back(r.row);
            return out;
        };
        using R = std::vector<std::int64_t>;
        using S = QueueFilter::Status;
        QCOMPARE(rows(a, {}), (R{0, 1, 2, 3, 4, 5}));
        QCOMPARE(rows(a, {S::Unlabeled, {}, {}, {}}), (R{2, 4, 5}));
        QCOMPARE(rows(a, {S::Skipped, {}, {}, {}}), (R{1}));
        QCOMPARE(rows(a, {S::Relabel, {}, {}, {}}), (R{5}));
        QCOMPARE(rows(a, {S::Labeled, {}, {}, {}}), (R{0, 3}));
        QCOMPARE(rows(a, {S::Any, ok, {}, {}}), (R{0, 3}));
        QCOMPARE(rows(a, {S::Any, bad, {}, {}}), R{});
        QCOMPARE(rows(b, {S::Any, ok, {}, {}}), (R{0})); // b's own label
        // File names, without case; numbers are 1-based; name or number.
        QCOMPARE(rows(a, {S::Any, {}, "p0", {}}), (R{3, 5}));
        QCOMPARE(rows(a, {S::Any, {}, {}, 2}), (R{1}));
        QCOMPARE(rows(a, {S::Any, {}, "p0", 3}), (R{2, 3, 5}));
        QCOMPARE(rows(a, {S::Unlabeled, {}, "p0", {}}), (R{5}));
        QCOMPARE(rows(a, {S::Any, {}, {}, 99}), R{});
        // The folder is not part of the name a labeler is shown.
        QCOMPARE(rows(b, {S::Any, {}, "scratch", {}}), R{});
        QCOMPARE(rows(b, {S::Any, {}, "Q.JP", {}}), (R{1}));
        const auto hit = store->queueSearch(a, {S::Skipped, {}, {}, {}});
        QCOMPARE(hit.size(), std::size_t(1));
        QCOMPARE(hit.front(), (QueueRow{1, img[2], {}}));
    }

    void checksInTheQueue_data() { addBackendRows(); }
    void checksInTheQueue()
    {
        // A check item sorts after the assignment of the same round and position; its answer is
        // the row's class and never a label.
        QFETCH(QString, backend);
        auto store = initProject(freshLocation(backend, m_dir, "checks"), {"c", 0, 1, false}, {"ok", "bad"});
        const Id i0 = store->addImage(makeImage("c0.jpg", "c0"));
        const Id i1 = store->addImage(makeImage("c1.jpg", "c1"));
        const Id a = store->addLabeler("a", Role::Labeler);
        const Id bad = store->classByName("bad")->id;
        store->assign({i0, a, 0, 0, AssignmentState::Pending});
        store->assign({i1, a, 0, 1, AssignmentState::Pending});
        CheckItem c;
        c.image = i0;
        c.labeler = a;
        c.kind = CheckKind::Repeat;
        c.position = 1;
        const Id item = store->addCheckItem(c);
        QVERIFY_THROWS_EXCEPTION(Error, store->addCheckItem(c)); // one repeat of an image per labeler
        const auto q = store->queue(a);
        QCOMPARE(q.size(), std::size_t(3));
        QCOMPARE(q[1].image, i1);
        QCOMPARE(q[2].checkItem.value_or(0), item);
        QCOMPARE(store->checkItemRow(a, item).value_or(-1), std::int64_t(2));
        store->answerCheckItem(item, bad, AssignmentState::Done);
        QCOMPARE(store->queue(a)[2].myLabelClass.value_or(0), bad);
        QVERIFY(!store->label(i0, a));
        QCOMPARE(store->queueLabeledCount(a), std::int64_t(1));
        // A search sees the check's answer as the row's class, and says which item it is.
        QCOMPARE(store->queueSearch(a, {QueueFilter::Status::Any, bad, {}, {}}),
                 (std::vector<QueueRow>{{2, i0, item}}));
        QCOMPARE(store->queueSearch(a, {QueueFilter::Status::Unlabeled, {}, {}, {}}),
                 (std::vector<QueueRow>{{0, i0, {}}, {1, i1, {}}}));
        store->replaceCheckAnnotations(
            item, {Annotation{0, 0, AnnotationKind::Line, R"({"x1":0,"y1":0,"x2":3,"y2":4})", 5.0, 0.125, 0.0}});
        QCOMPARE(store->checkAnnotations(item).size(), std::size_t(1));
        QCOMPARE(store->checkAnnotationsOfKind(AnnotationKind::Line).front().first, item);
        store->setGold({i1, bad, "import", {}});
        QCOMPARE(store->gold(i1)->labelClass, bad);
        QCOMPARE(store->goldLabels().size(), std::size_t(1));
        QVERIFY_THROWS_EXCEPTION(Error, store->setGold({i1, bad, "guess", {}}));
        store->removeGold(i1);
        QVERIFY(!store->gold(i1));
        store->removeCheckItem(item);
        QCOMPARE(store->queueSize(a), std::int64_t(2));
    }

    void conflictsDecisionsAndAudit_data() { addBackendRows(); }
    void conflictsDecisionsAndAudit()
    {
        QFETCH(QString, backend);
        auto store = initProject(freshLocation(backend, m_dir, "conflicts"), {"c", 0, 2, false}, {"ok", "bad"});
        const Id ok = store->classByName("ok")->id;
        const Id bad = store->classByName("bad")->id;
        const Id a = store->addLabeler("a", Role::Labeler);
        const Id b = store->addLabeler("b", Role::Labeler);
        std::vector<Id> img;
        for (int i = 0; i < 4; ++i) {
            img.push_back(store->addImage(makeImage("k" + std::to_string(i) + ".jpg", "k" + std::to_string(i))));
            store->assign({img.back(), a, 0, i, AssignmentState::Pending});
            store->assign({img.back(), b, 0, i, AssignmentState::Pending});
        }
        saveLabel(*store, img[0], a, ok);
        saveLabel(*store, img[0], b, bad); // conflict
        saveLabel(*store, img[1], a, ok);
        saveLabel(*store, img[1], b, ok);
        saveLabel(*store, img[2], a, bad);
        saveLabel(*store, img[2], b, ok); // conflict
        QCOMPARE(store->conflictImages(), (std::vector<Id>{img[0], img[2]}));
        QCOMPARE(store->conflictImages(1, 1), (std::vector<Id>{img[2]}));
        store->setDecision({img[0], bad, DecisionMethod::Adjudicated, {}, {}, "", {}});
        QCOMPARE(store->conflictImages(), (std::vector<Id>{img[2]}));
        QCOMPARE(store->decisions().size(), std::size_t(1));
        store->removeDecision(img[0]);
        QVERIFY(!store->decision(img[0]));
        QCOMPARE(store->labelCount(), std::int64_t(6));
        store->removeLabel(img[2], b);
        QCOMPARE(store->labelsOfImage(img[2]).size(), std::size_t(1));
        QCOMPARE(store->labelsOfLabeler(a).size(), std::size_t(3));
        const Id first = store->appendAudit("lead", "one", "{}");
        store->appendAudit("lead", "two", "{}");
        store->markAuditUndone(first);
        const auto log = store->auditLog(-1);
        QCOMPARE(log[0].action, std::string("two")); // newest first
        QVERIFY(log[1].undone);
        // Standards: a new version joins its family.
        Standard v1;
        v1.title = "Scratch";
        const Id s1 = store->addStandard(v1);
        Standard v2 = v1;
        v2.family = s1;
        v2.version = 2;
        const Id s2 = store->addStandard(v2);
        QCOMPARE(store->standard(s2)->family, s1);
        store->setStandardStatus(s1, StandardStatus::Retired);
        QCOMPARE_ENUM(store->standard(s1)->status, StandardStatus::Retired);
        store->setExample({s2, img[1], ExampleRole::Example, "clear"});
        store->setExample({s2, img[0], ExampleRole::Counterexample, "no"});
        const auto ex = store->examples(s2);
        QCOMPARE_ENUM(ex.front().role, ExampleRole::Counterexample); // by role name, then image
        store->removeExample(s2, img[0]);
        QCOMPARE(store->examples(s2).size(), std::size_t(1));
    }

    void objectDecisions_data() { addBackendRows(); }
    void objectDecisions()
    {
        // The lead's decisions on unresolved objects (issue #17): stored as given, listed by
        // id, removed one by one; on a server a labeler's login reads none of them.
        QFETCH(QString, backend);
        const std::string location = freshLocation(backend, m_dir, "objdec");
        auto store = initProject(location, {"o", 0, 2, false}, {"ok", "scratch"});
        const Id scratch = store->classByName("scratch")->id;
        const Id lea = store->addLabeler("lea", Role::Lead);
        const Id img = store->addImage(makeImage("a.png", "h1"));
        ObjectDecision d;
        d.image = img;
        d.kind = AnnotationKind::Box;
        d.geometry = R"({"x1":1,"y1":2,"x2":3.5,"y2":4})";
        d.cls = scratch;
        d.action = ObjectAction::Class;
        d.members = R"([{"labeler":"ana","annotation":7,"class":"ok","points":[[1,2],[3.5,4]]}])";
        d.by = lea;
        d.createdAt = "2026-12-06T10:00:00.000Z";
        const Id first = store->addObjectDecision(d);
        ObjectDecision drop = d;
        drop.kind = AnnotationKind::Point;
        drop.geometry = R"({"x":5,"y":6})";
        drop.cls.reset();
        drop.action = ObjectAction::Drop;
        drop.by.reset();
        drop.createdAt.clear(); // becomes now
        const Id second = store->addObjectDecision(drop);
        QVERIFY(second > first);
        const auto all = store->objectDecisions();
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(all[0].id, first);
        QCOMPARE(all[0].image, img);
        QCOMPARE_ENUM(all[0].kind, AnnotationKind::Box);
        QCOMPARE(all[0].geometry, d.geometry);
        QCOMPARE(all[0].cls.value_or(0), scratch);
        QCOMPARE_ENUM(all[0].action, ObjectAction::Class);
        QCOMPARE(all[0].members, d.members);
        QCOMPARE(all[0].by.value_or(0), lea);
        QCOMPARE(all[0].createdAt, d.createdAt);
        QCOMPARE(all[1].id, second);
        QCOMPARE_ENUM(all[1].kind, AnnotationKind::Point);
        QVERIFY(!all[1].cls);
        QVERIFY(!all[1].by);
        QCOMPARE_ENUM(all[1].action, ObjectAction::Drop);
        QCOMPARE(all[1].createdAt.size(), std::string("2026-12-06T10:00:00.000Z").size());
        QCOMPARE(store->objectDecision(second)->geometry, drop.geometry);
        QVERIFY(!store->objectDecision(second + 100));
        store->removeObjectDecision(first);
        QVERIFY(!store->objectDecision(first));
        store->removeObjectDecision(first); // a no-op
        QCOMPARE(store->objectDecisions().size(), std::size_t(1));
        if (backend != QLatin1String("postgresql"))
            return;
        addServerUser(*store, "ana", Role::Labeler, std::string("ana-pw"));
        auto ana = openStore(concord_test::withLogin(location, "ana", "ana-pw"));
        QVERIFY(ana->objectDecisions().empty()); // blind: the lead's decisions are not hers to see
        QVERIFY(!ana->objectDecision(second));
        QVERIFY_THROWS_EXCEPTION(Error, ana->addObjectDecision(d));
        QVERIFY_THROWS_EXCEPTION(Error, ana->removeObjectDecision(second) /* denied, or no row */);
        QCOMPARE(store->objectDecisions().size(), std::size_t(1));
    }

    void anotherConnectionsCommitIsSeen_data() { addBackendRows(); }
    void anotherConnectionsCommitIsSeen()
    {
        // The window polls dataVersion() to show what others saved: it must move on another
        // connection's commit (a notification on the server) and not on its own.
        QFETCH(QString, backend);
        const auto location = freshLocation(backend, m_dir, "version");
        auto mine = initProject(location, {"v", 0, 1, false}, {"ok"});
        auto theirs = openStore(location);
        const auto before = mine->dataVersion();
        mine->addLabeler("me", Role::Labeler);
        QCOMPARE(mine->dataVersion(), before);
        theirs->addLabeler("them", Role::Labeler);
        // A notification travels through the server's socket: give it a moment.
        QTRY_VERIFY_WITH_TIMEOUT(mine->dataVersion() != before, 5000);
        QVERIFY(mine->labelerByName("them"));
    }

    void imageBytes_data() { addBackendRows(); }
    void imageBytes()
    {
        // A server project holds its images' bytes (a desk needs only the address) and hands
        // them out through a cache file; a project file points at files beside it.
        QFETCH(QString, backend);
        QTemporaryDir cache;
        qputenv("CONCORD_IMAGE_CACHE", cache.path().toUtf8());
        auto store = initProject(freshLocation(backend, m_dir, "bytes"), {"b", 0, 1, false}, {"ok"});
        const std::string bytes("\x89PNG\0\r\n with a NUL", 18);
        auto rec = makeImage("shots/a.png", "0123456789abcdef0123456789abcdef");
        rec.id = store->addImage(rec);
        store->putImageContent(rec.hash, bytes);
        store->putImageContent(rec.hash, bytes); // once per hash
        if (backend == QLatin1String("sqlite")) {
            QVERIFY(!store->holdsImageContent());
            QCOMPARE(
                QString::fromStdString(store->resolveImagePath(rec).string()),
                QString::fromStdString((std::filesystem::path(m_dir.path().toStdString()) / "shots/a.png").string()));
        } else {
            QVERIFY(store->holdsImageContent());
            QVERIFY(store->hasImageContent(rec.hash));
            const auto file = store->resolveImagePath(rec);
            QVERIFY(QString::fromStdString(file.string()).startsWith(cache.path()));
            QFile f(QString::fromStdString(file.string()));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll().toStdString(), bytes);
            auto missing = makeImage("shots/b.png", "ffff");
            QVERIFY_THROWS_EXCEPTION(Error, store->resolveImagePath(missing));
        }
        qunsetenv("CONCORD_IMAGE_CACHE");
    }

    void shapeClassesAndClassEdits_data() { addBackendRows(); }
    void shapeClassesAndClassEdits()
    {
        // Schema 4 (issue #17): every shape has its own class; a class names images, objects
        // or both, and can be renamed without touching what refers to it.
        QFETCH(QString, backend);
        const auto location = freshLocation(backend, m_dir, "shapeclass");
        auto store = initProject(location, {"sc", 10.0, 2, false}, {"ok", "scratch", "dent"});
        const Id img = store->addImage(makeImage("a.png", "h1"));
        const Id ana = store->addLabeler("ana", Role::Labeler);
        const auto ok = *store->classByName("ok");
        const auto scratch = *store->classByName("scratch");
        const auto dent = *store->classByName("dent");
        QCOMPARE_ENUM(scratch.scope, ClassScope::Both); // what every class was before
        LabelClass pit{0, "pit", "#112233", "4", "a small hole", 4, ClassScope::Object};
        const Id pitId = store->addClass(pit);
        QCOMPARE_ENUM(store->classByName("pit")->scope, ClassScope::Object);

        const std::string box = R"({"x1":1,"y1":2,"x2":30,"y2":40})";
        Annotation own{0, 0, AnnotationKind::Box, box, 0.0, {}, 1102.0};
        own.classId = dent.id; // set by its id
        Annotation hinted{0, 0, AnnotationKind::Box, R"({"x1":5,"y1":5,"x2":9,"y2":9,"class":"pit"})", 0, {}, 16};
        Annotation plain{0, 0, AnnotationKind::Box, box, 0.0, {}, 1102.0}; // takes the label's
        Annotation unknownHint{0, 0, AnnotationKind::Box, R"({"x1":1,"y1":1,"x2":2,"y2":2,"class":"nope"})", 0, {}, 1};
        const Id lid = saveLabel(*store, img, ana, ok.id, {own, hinted, plain, unknownHint});
        auto shapes = store->annotationsOfLabel(lid);
        QCOMPARE(shapes.size(), std::size_t(4));
        QCOMPARE(shapes[0].classId, dent.id);
        QCOMPARE(shapes[1].classId, pitId);
        QCOMPARE(shapes[2].classId, ok.id);
        QCOMPARE(shapes[3].classId, ok.id);
        QCOMPARE(store->annotationsOfKind(AnnotationKind::Box).at(1).second.classId, pitId);

        // The image's class changes; its shapes keep theirs.
        saveLabel(*store, img, ana, scratch.id, shapes);
        shapes = store->annotationsOfLabel(store->label(img, ana)->id);
        QCOMPARE(shapes[0].classId, dent.id);
        QCOMPARE(shapes[2].classId, ok.id);

        // Rename, recolour, re-key, reorder, rescope: the shapes and labels follow by id.
        LabelClass renamed = dent;
        renamed.name = "dent-deep";
        renamed.color = "#abcdef";
        renamed.shortcut = "9";
        renamed.order = -1;
        renamed.scope = ClassScope::Object;
        store->updateClass(renamed);
        const auto back = *store->classByName("dent-deep");
        QCOMPARE(back.id, dent.id);
        QCOMPARE(back.color, std::string("#abcdef"));
        QCOMPARE(back.shortcut, std::string("9"));
        QCOMPARE_ENUM(back.scope, ClassScope::Object);
        QVERIFY(!store->classByName("dent"));
        QCOMPARE(store->classes().front().name, std::string("dent-deep")); // the lowest order comes first
        QCOMPARE(store->annotationsOfLabel(store->label(img, ana)->id)[0].classId, dent.id);

        // A taken or empty name, or an unknown id, is refused and changes nothing.
        LabelClass clash = renamed;
        clash.name = "scratch";
        try {
            store->updateClass(clash);
            QFAIL("a second class named scratch");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Invalid);
            QCOMPARE(e.field(), std::string("scratch"));
        }
        clash.name.clear();
        QVERIFY_THROWS_EXCEPTION(Error, store->updateClass(clash));
        LabelClass ghost = renamed;
        ghost.id = 9999;
        ghost.name = "ghost";
        try {
            store->updateClass(ghost);
            QFAIL("updated a class that does not exist");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::NotFound);
        }
        QCOMPARE(store->classByName("dent-deep")->color, std::string("#abcdef"));
        QVERIFY(!store->classByName("ghost"));
    }

    void serverMigratesSchema3()
    {
        // A server project of schema 3 (before shapes had classes) is upgraded when its owner
        // opens it: each shape takes the class its geometry named, else its label's; classes
        // name both. Schema 3 is made from 4 by removing what 4 added, with psql's own SQL.
        const auto location = concord_test::freshServerDatabase("v3");
        {
            auto store = initProject(location, {"old", 0, 1, false}, {"ok", "scratch", "dent"});
            const Id img = store->addImage(makeImage("a.png", "h1"));
            const Id ana = store->addLabeler("ana", Role::Labeler);
            saveLabel(
                *store, img, ana, store->classByName("scratch")->id,
                {Annotation{0, 0, AnnotationKind::Line, R"({"x1":0,"y1":0,"x2":3,"y2":4})", 5, {}, 0},
                 Annotation{0, 0, AnnotationKind::Box, R"({"x1":0,"y1":0,"x2":3,"y2":4,"class":"dent"})", 0, {}, 12}});
        }
        {
            pg::Connection db(location);
            db.execScript("ALTER TABLE annotation DROP COLUMN class; ALTER TABLE check_annotation DROP COLUMN class;"
                          "ALTER TABLE label_class DROP COLUMN scope; DROP TABLE object_decision;"
                          "UPDATE project_meta SET value = '3' WHERE key = 'schema_version'");
        }
        try {
            openStore(location, OpenMode::ReadOnly);
            QFAIL("a read-only open upgraded the schema");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::ReadOnly);
        }
        auto store = openStore(location);
        QCOMPARE(store->schemaVersion(), kSchemaVersion);
        QCOMPARE(store->auditLog(1).front().action, std::string("migrate"));
        QCOMPARE_ENUM(store->classByName("dent")->scope, ClassScope::Both);
        const auto shapes = store->annotationsOfLabel(store->labelRows().front().label.id);
        QCOMPARE(shapes.size(), std::size_t(2));
        QCOMPARE(shapes[0].classId, store->classByName("scratch")->id);
        QCOMPARE(shapes[1].classId, store->classByName("dent")->id);
        // Schema 4's object decisions, with the lead's rights over them.
        ObjectDecision d;
        d.image = store->images().front().id;
        d.geometry = R"({"x1":0,"y1":0,"x2":3,"y2":4})";
        d.action = ObjectAction::Drop;
        d.members = "[]";
        const Id id = store->addObjectDecision(d);
        QCOMPARE(store->objectDecisions().size(), std::size_t(1));
        QCOMPARE(store->objectDecision(id)->geometry, d.geometry);
        store.reset();
        QCOMPARE(openStore(location)->schemaVersion(), kSchemaVersion); // once only
    }

    void serverRefusesANewerSchema()
    {
        // A client older than the server project's schema says so and changes nothing.
        const auto location = concord_test::freshServerDatabase("newer");
        initProject(location, {"n", 0, 1, false}, {"ok"})->setMeta("schema_version", "99");
        try {
            openStore(location);
            QFAIL("a newer schema was opened");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::NewerVersion);
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("schema 99")));
        }
        QVERIFY_THROWS_EXCEPTION(Error, openStore(concord_test::freshServerDatabase("empty"))); // no project there
    }
};

QTEST_GUILESS_MAIN(TestStoreBackends)
#include "tst_store_backends.moc"
