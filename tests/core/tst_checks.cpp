// SPDX-License-Identifier: GPL-3.0-or-later
// Consistency checks (issue #20): where repeats and gold images go in a labeler's queue, that
// the labeler cannot tell them from new images, and that their answers never become labels.
#include "core/common/error.h"
#include "core/project/checks.h"
#include "core/project/project_ops.h"
#include "core/project/session.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <map>
#include <set>

using namespace concord::core;

class TestChecks : public QObject
{
    Q_OBJECT

    static std::unique_ptr<Store> makeProject(const QTemporaryDir &dir, const std::string &name, int images,
                                              const ProjectSettings &settings)
    {
        auto store = initProject(dir.path().toStdString() + "/" + name, settings, {"ok", "scratch", "dent"});
        for (int i = 0; i < images; ++i) {
            ImageRecord r;
            r.path = "img" + std::to_string(i) + ".png";
            r.hash = r.path;
            r.width = r.height = 8;
            store->addImage(r);
        }
        return store;
    }

    static ProjectSettings settingsWith(double repeatShare, int gap, double goldShare = 0.0)
    {
        ProjectSettings s;
        s.name = "checks";
        s.overlap = 2;
        s.hideFileNames = true;
        s.repeatShare = repeatShare;
        s.repeatGap = gap;
        s.goldShare = goldShare;
        return s;
    }

private slots:
    void repeatsHaveTheirShareAndSpacing()
    {
        QTemporaryDir dir;
        auto store = makeProject(dir, "a.concord", 200, settingsWith(0.1, 50));
        const Id ana = store->addLabeler("ana", Role::Labeler);
        store->addLabeler("ben", Role::Labeler);
        assignImages(*store, 2, 7);
        for (const auto &l : store->labelers()) {
            const auto queue = store->queue(l.id);
            // 200 assignments and round(0.1 · 200) = 20 repeats.
            QCOMPARE(queue.size(), std::size_t(220));
            std::map<Id, std::int64_t> firstRow;
            int repeats = 0;
            for (std::size_t row = 0; row < queue.size(); ++row) {
                const auto &e = queue[row];
                if (!e.checkItem) {
                    QVERIFY(firstRow.emplace(e.image, row).second);
                    continue;
                }
                ++repeats;
                const auto c = store->checkItem(*e.checkItem);
                QVERIFY(c && c->kind == CheckKind::Repeat && c->labeler == l.id && c->image == e.image);
                // The original came first, at least 50 rows earlier (rows of assignments only
                // can be fewer than all rows between, so count every row).
                QVERIFY(firstRow.count(e.image));
                QVERIFY2(static_cast<std::int64_t>(row) - firstRow[e.image] > 50,
                         qPrintable(QString::number(row) + " vs " + QString::number(firstRow[e.image])));
            }
            QCOMPARE(repeats, 20);
        }
        // Scheduling again adds nothing: the share is met.
        const CheckSchedule again = scheduleChecks(*store, 99);
        QCOMPARE(again.repeats, std::int64_t(0));
        QCOMPARE(store->queueSize(ana), std::int64_t(220));
    }

    void shortQueuesGetNoRepeats()
    {
        QTemporaryDir dir;
        auto store = makeProject(dir, "b.concord", 40, settingsWith(0.05, 50));
        store->addLabeler("ana", Role::Labeler);
        store->addLabeler("ben", Role::Labeler);
        assignImages(*store, 2, 7);
        QVERIFY(store->checkItems().empty());
    }

    void repeatsComeAfterWhatIsDone()
    {
        QTemporaryDir dir;
        auto store = makeProject(dir, "c.concord", 120, settingsWith(0.0, 10));
        const Id ana = store->addLabeler("ana", Role::Labeler);
        assignImages(*store, 1, 3);
        auto session = Session::labeler(*store, "ana");
        const auto queue = store->queue(ana);
        const Id ok = store->classByName("ok")->id;
        for (std::size_t row = 0; row < 80; ++row)
            session.saveLabel(queue[row].image, ok);
        auto s = store->settings();
        s.repeatShare = 0.25;
        store->setSettings(s);
        const CheckSchedule added = scheduleChecks(*store, 5);
        QCOMPARE(added.repeats, std::int64_t(30)); // round(0.25 · 120)
        const auto after = store->queue(ana);
        for (std::size_t row = 0; row < after.size(); ++row)
            if (after[row].checkItem)
                QVERIFY2(row > 80, qPrintable(QString::number(row))); // never among rows done
    }

    void aRepeatLooksLikeANewImageAndKeepsItsOwnAnswer()
    {
        QTemporaryDir dir;
        auto store = makeProject(dir, "d.concord", 60, settingsWith(0.0, 5));
        const Id ana = store->addLabeler("ana", Role::Labeler);
        assignImages(*store, 1, 3);
        const Id ok = store->classByName("ok")->id;
        const Id scratch = store->classByName("scratch")->id;
        auto session = Session::labeler(*store, "ana");
        const Id original = store->queue(ana)[0].image;
        session.saveLabel(original, ok);
        CheckItem check;
        check.image = original;
        check.labeler = ana;
        check.position = 30;
        const Id item = store->addCheckItem(check);

        const std::int64_t labeledBefore = session.queueLabeledCount();
        const auto entries = session.queue();
        QCOMPARE(entries.size(), std::size_t(61));
        const auto it = std::find_if(entries.begin(), entries.end(), [](const QueueEntry &e) { return e.image < 0; });
        QVERIFY(it != entries.end());
        const auto row = static_cast<std::int64_t>(it - entries.begin());
        const Id shown = it->image;
        QCOMPARE(shown, shownIdOfCheck(item));
        // Nothing in the entry differs from a new image: no class, pending, no check id.
        QVERIFY(!it->myLabelClass);
        QVERIFY(it->state == AssignmentState::Pending);
        QVERIFY(!it->checkItem);
        QVERIFY(!session.myLabel(shown)); // the first answer is never shown
        QVERIFY(session.myAnnotations(shown).empty());
        QCOMPARE(session.queueRowsOf(shown), std::vector<std::int64_t>{row});
        // Names are hidden: the alias is the queue number, like any row's.
        const auto name = session.shownImageName(it->path, row);
        QVERIFY(name.hidden());
        QCOMPARE(name.queueNumber, row + 1);
        QCOMPARE(session.image(shown)->path, store->image(original)->path);
        const auto unlabeled = session.unlabeledQueueRows(false, 100);
        QVERIFY(std::find(unlabeled.begin(), unlabeled.end(), std::make_pair(row, shown)) != unlabeled.end());

        // Answering stores a repeat answer; the label stays the first answer.
        session.saveLabel(shown, scratch);
        QCOMPARE(store->label(original, ana)->labelClass, ok);
        QCOMPARE(store->checkItem(item)->answer, std::optional<Id>(scratch));
        QCOMPARE(session.myLabel(shown)->labelClass, scratch);
        QCOMPARE(session.queueLabeledCount(), labeledBefore + 1);
        QCOMPARE(store->labelCount(), std::int64_t(1));
        // Taking it back clears only the answer.
        session.removeMyLabel(shown);
        QVERIFY(!store->checkItem(item)->answer);
        QCOMPARE(store->label(original, ana)->labelClass, ok);
        // Skipping works like on any row.
        session.setUnlabeledState(shown, true);
        QVERIFY(store->checkItem(item)->state == AssignmentState::Skipped);
        QCOMPARE(session.unlabeledQueueRows(true, 10), (std::vector<std::pair<std::int64_t, Id>>{{row, shown}}));

        // Another labeler cannot reach ana's check.
        auto ben = Session::labeler(*store, "ben");
        QVERIFY_THROWS_EXCEPTION(Error, ben.saveLabel(shown, ok));
        QVERIFY(!store->checkItem(item)->answer);
    }

    void goldGoesToLabelersWhoNeverSawTheImage()
    {
        QTemporaryDir dir;
        auto store = makeProject(dir, "e.concord", 100, settingsWith(0.0, 50, 0.1));
        const Id ana = store->addLabeler("ana", Role::Labeler);
        const Id ben = store->addLabeler("ben", Role::Labeler);
        store->addLabeler("cy", Role::Labeler);
        // The lead decided 30 images before the queues were made.
        const Id dent = store->classByName("dent")->id;
        for (const auto &img : store->images(0, 30))
            store->setDecision({img.id, dent, DecisionMethod::Adjudicated, {}, {}, {}, {}});
        QCOMPARE(markDecisionsGold(*store, {}, "lead"), std::int64_t(30));
        assignImages(*store, 2, 11);
        for (const Id l : {ana, ben}) {
            std::set<Id> assigned;
            std::vector<Id> gold;
            for (const auto &e : store->queue(l)) {
                if (!e.checkItem) {
                    assigned.insert(e.image);
                    continue;
                }
                const auto c = store->checkItem(*e.checkItem);
                QVERIFY(c->kind == CheckKind::Gold);
                gold.push_back(c->image);
            }
            // round(0.1 · queue) gold images, none of them in the labeler's own queue.
            QCOMPARE(static_cast<std::int64_t>(gold.size()), std::llround(0.1 * static_cast<double>(assigned.size())));
            for (const Id g : gold) {
                QVERIFY(!assigned.count(g));
                QVERIFY(store->gold(g));
            }
        }
    }

    /// Twenty classes get twenty colours (issue #19): Okabe & Ito's eight first, as published.
    void classColoursAreDistinct()
    {
        const std::set<std::string> okabeIto{"#e69f00", "#56b4e9", "#009e73", "#f0e442",
                                             "#0072b2", "#d55e00", "#cc79a7", "#000000"};
        std::set<std::string> seen;
        for (std::size_t i = 0; i < kDistinctClassColors; ++i) {
            const std::string c = defaultClassColor(i);
            QVERIFY2(seen.insert(c).second, c.c_str());
            if (i < 8)
                QVERIFY(okabeIto.count(c));
        }
        QCOMPARE(seen.size(), std::size_t(20));
        QCOMPARE(defaultClassColor(20), defaultClassColor(0));
    }

    void goldCsvErrorsNameFileLineAndField()
    {
        QTemporaryDir dir;
        auto store = makeProject(dir, "f.concord", 5, settingsWith(0.0, 50));
        const std::string csv = dir.path().toStdString() + "/gold.csv";
        std::ofstream(csv) << "image,class\nimg0.png,ok\nimg1.png,rust\n";
        try {
            importGoldCsv(*store, csv, "lead");
            QFAIL("an unknown class was accepted");
        } catch (const Error &e) {
            QCOMPARE(e.file(), csv);
            QCOMPARE(e.line(), std::int64_t(3));
            QCOMPARE(e.field(), std::string("class"));
        }
        QVERIFY(store->goldLabels().empty()); // nothing was set
        std::ofstream(csv) << "image,class\nimg0.png,ok\nimg1.png,dent\n";
        QCOMPARE(importGoldCsv(*store, csv, "lead"), std::int64_t(2));
        QCOMPARE(store->gold(store->imageByPath("img1.png")->id)->labelClass, store->classByName("dent")->id);
    }
};

QTEST_GUILESS_MAIN(TestChecks)
#include "tst_checks.moc"
