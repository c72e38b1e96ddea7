// SPDX-License-Identifier: GPL-3.0-or-later
// The adjudication queue (issue 6) is ordered by disagreement cluster, then by lowest
// agreement. Expected: the clusters as core ranks them (the clusters page and concord-cli
// show the same list) and each conflict's agreement counted here from its labels; and
// `concord-cli conflicts --json` gives the window's order row for row.
#include "uitestsupport.h"

#include "core/clusters/clusterfinder.h"
#include "core/clusters/clusterinput.h"
#include "core/project/project_ops.h"
#include "core/store/store.h"
#include "ui/lead/adjudicationpage.h"
#include "ui/lead/adjudicationqueuemodel.h"
#include "ui/shell/keybindings.h"
#include "ui/shell/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QListView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <set>

using namespace concord;

class TestAdjudicationOrder final : public QObject
{
    Q_OBJECT

private slots:
    void clustersFirstThenLowestAgreement();
    void decideKeysBeyondNine();
};

/// Eleven classes get the keys 1…9, 0 and Shift+A (core::defaultClassKeys); on the
/// adjudication page the same keys decide them, so the tenth and eleventh classes can be
/// decided by key, as they are labeled (issue #19).
void TestAdjudicationOrder::decideKeysBeyondNine()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    uitest::isolateSettings(dir.filePath(QStringLiteral("settings")));
    const std::string file = dir.filePath(QStringLiteral("k.concord")).toStdString();
    std::vector<std::string> names;
    for (int i = 1; i <= 11; ++i)
        names.push_back("c" + std::to_string(i));
    core::Id image = 0;
    {
        auto store = core::initProject(file, core::ProjectSettings{std::string("k"), 0.0, 2, false}, names);
        QCOMPARE(store->classByName("c10")->shortcut, std::string("0"));
        QCOMPARE(store->classByName("c11")->shortcut, std::string("Shift+A"));
        core::ImageRecord r;
        r.path = "a.png";
        r.hash = "a";
        r.width = r.height = 8;
        image = store->addImage(r);
        store->addLabeler("lead", core::Role::Lead);
        const core::Id ana = store->addLabeler("ana", core::Role::Labeler);
        const core::Id ben = store->addLabeler("ben", core::Role::Labeler);
        core::saveLabel(*store, image, ana, store->classByName("c1")->id);
        core::saveLabel(*store, image, ben, store->classByName("c2")->id);
    }
    ui::MainWindow window;
    window.show();
    QVERIFY(window.openProject(QString::fromStdString(file), QStringLiteral("lead")));
    QVERIFY(window.showPageNamed(QStringLiteral("adjudication")));
    auto *page = window.findChild<ui::AdjudicationPage *>();
    auto *view = window.findChild<QListView *>(QStringLiteral("adjudicationQueue"));
    QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && view->model()->rowCount() == 1, 30000);
    QCOMPARE(page->findChild<QAction *>(QStringLiteral("actionDecideShiftA"))->text(), QStringLiteral("Decide: c11"));
    QCOMPARE(page->findChild<QAction *>(QStringLiteral("actionDecide0"))->text(), QStringLiteral("Decide: c10"));
    QCOMPARE(page->findChild<QAction *>(QStringLiteral("actionDecide1"))->text(), QStringLiteral("Decide: c1"));
    // Keys no class has are not offered (the Lead menu lists 11 decisions, not 36), and the
    // decide keys follow the classes' keys rather than being bound in Preferences.
    QVERIFY(!page->findChild<QAction *>(QStringLiteral("actionDecideShiftB"))->isVisible());
    QVERIFY(page->findChild<QAction *>(QStringLiteral("actionDecideShiftA"))->isVisible());
    QVERIFY(!ui::bindableActions(&window).contains(page->findChild<QAction *>(QStringLiteral("actionDecide1"))));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_A, Qt::ShiftModifier);
    auto store = core::openProject(file, core::OpenMode::ReadOnly);
    QTRY_VERIFY(store->decision(image).has_value());
    QCOMPARE(store->decision(image)->labelClass, store->classByName("c11")->id);
}

void TestAdjudicationOrder::clustersFirstThenLowestAgreement()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    uitest::isolateSettings(dir.filePath(QStringLiteral("settings")));
    const auto project = uitest::makeDemo(dir.path(), 150, 5, 3);

    // Expected ranks and agreements, from core and by hand.
    std::map<core::Id, int> rank; // 1 = top cluster; absent = none
    std::map<core::Id, double> agreement;
    std::set<core::Id> conflicts;
    {
        auto store = core::openProject(project, core::OpenMode::ReadOnly);
        const auto input = core::clusterInputFromStore(*store);
        const auto report = core::findClusters(input);
        QVERIFY(!report.clusters.empty());
        for (std::size_t r = report.clusters.size(); r-- > 0;)
            for (std::size_t m : report.clusters[r].members)
                rank[input.items[m].image] = int(r) + 1;
        for (core::Id id : store->conflictImages()) {
            conflicts.insert(id);
            const auto labels = store->labelsOfImage(id);
            int pairs = 0, agree = 0;
            for (std::size_t a = 0; a < labels.size(); ++a)
                for (std::size_t b = a + 1; b < labels.size(); ++b) {
                    ++pairs;
                    agree += labels[a].labelClass == labels[b].labelClass;
                }
            agreement[id] = pairs ? double(agree) / pairs : 0.0;
        }
    }
    QVERIFY(conflicts.size() > 10);

    ui::MainWindow window;
    window.show();
    QVERIFY(window.openProject(QString::fromStdString(project.string()), QStringLiteral("lead")));
    QVERIFY(window.showPageNamed(QStringLiteral("adjudication")));
    auto *view = window.findChild<QListView *>(QStringLiteral("adjudicationQueue"));
    QVERIFY(view);
    auto *page = window.findChild<ui::AdjudicationPage *>();
    QVERIFY(page);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && view->model()->rowCount() > 0, 60000);
    QAbstractItemModel *queue = view->model();
    QAbstractItemModelTester tester(queue, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // One page of rows at first (issue #10), every conflict once fetched to the end.
    QCOMPARE(queue->rowCount(), std::min(int(conflicts.size()), ui::AdjudicationQueueModel::kPageSize));
    while (queue->canFetchMore({}))
        queue->fetchMore({});
    QCOMPARE(queue->rowCount(), int(conflicts.size()));

    // `concord-cli conflicts --json` lists the same conflicts in the same order.
    {
        QProcess cli;
        cli.start(QStringLiteral(CONCORD_CLI),
                  {QStringLiteral("conflicts"), QString::fromStdString(project.string()), QStringLiteral("--json")});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonArray rows = QJsonDocument::fromJson(cli.readAllStandardOutput()).array();
        QCOMPARE(rows.size(), queue->rowCount());
        for (int row = 0; row < queue->rowCount(); ++row) {
            const QJsonObject o = rows.at(row).toObject();
            QCOMPARE(o.value(QStringLiteral("image")).toInteger(),
                     queue->index(row, 0).data(ui::AdjudicationQueueModel::ImageIdRole).toLongLong());
            const int r = o.value(QStringLiteral("cluster")).isNull() ? 0 : o.value(QStringLiteral("cluster")).toInt();
            QCOMPARE(r, rank.count(o.value(QStringLiteral("image")).toInteger())
                            ? rank.at(o.value(QStringLiteral("image")).toInteger())
                            : 0);
        }
    }

    int lastRank = 1;
    double lastAgreement = -1.0;
    bool sawClustered = false;
    for (int row = 0; row < queue->rowCount(); ++row) {
        const QModelIndex item = queue->index(row, 0);
        const auto image = item.data(ui::AdjudicationQueueModel::ImageIdRole).toLongLong();
        QVERIFY(conflicts.count(image));
        const int r = rank.count(image) ? rank.at(image) : 1000;
        sawClustered = sawClustered || r < 1000;
        QVERIFY2(r >= lastRank,
                 qPrintable(QStringLiteral("row %1: cluster %2 after %3").arg(row).arg(r).arg(lastRank)));
        if (r != lastRank)
            lastAgreement = -1.0;
        // Within a cluster, lowest agreement first (outside clusters the page groups by the
        // classes in dispute first, so only the clustered rows are checked for this).
        if (r < 1000) {
            QVERIFY2(agreement.at(image) >= lastAgreement - 1e-12, qPrintable(item.data().toString()));
            lastAgreement = agreement.at(image);
            QVERIFY(item.data().toString().startsWith(QStringLiteral("cluster %1").arg(r)));
        }
        lastRank = r;
    }
    QVERIFY(sawClustered);
}

QTEST_MAIN(TestAdjudicationOrder)
#include "tst_adjudicationorder.moc"
