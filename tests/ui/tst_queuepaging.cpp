// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #10: a labeler's queue is never read whole. A project of a few thousand images, built
// through core Store calls (no image files), opened as a labeler: the document holds only the
// pages asked for, the queue model starts with one page and grows by fetchMore, the view jumps
// to the first unlabeled image far down, and the counts equal the ones worked out here from
// how the project was built (not from the code under test).
#include "uitestsupport.h"

#include "core/project/project_ops.h"
#include "core/store/store.h"
#include "ui/document/projectdocument.h"
#include "ui/labeling/labelingview.h"
#include "ui/models/queuemodel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QListView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <algorithm>
#include <set>
#include <tuple>

using namespace concord;

namespace {

constexpr int kImages = 3000;
constexpr int kLabeledRows = 2500; ///< the first rows of round 0 that ana labeled
constexpr int kSkippedRows = 10;   ///< the round-0 rows after them that ana skipped

struct Row
{
    int round = 0;
    int position = 0;
    core::Id image = 0;
};

} // namespace

class TestQueuePaging : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void documentReadsOnlyPages();
    void countsMatchTheConstruction();
    void modelFetchesInPages();
    void viewJumpsToFirstUnlabeled();
    void savedAndUnsavedInputShown();

private:
    std::unique_ptr<ui::ProjectDocument> openAsAna() const;
    /// The first row without ana's label, skipped rows last, worked out from the construction.
    int expectedFirst(const std::set<core::Id> &labeled, const std::set<std::pair<int, core::Id>> &skipped) const;
    int expectedLabeled(const std::set<core::Id> &labeled) const;
    int rowsOf(core::Id image) const;

    QTemporaryDir m_dir;
    QString m_file;
    std::vector<Row> m_order; ///< ana's queue in the documented order: round, position, image
    std::set<core::Id> m_labeled;
    std::set<std::pair<int, core::Id>> m_skipped; ///< (round, image)
    core::Id m_ok = 0;
    core::Id m_bad = 0;
};

void TestQueuePaging::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.path());
    m_file = m_dir.filePath(QStringLiteral("paging.concord"));
    auto store = core::initProject(m_file.toStdString(), core::ProjectSettings{"paging", 0.0, 2, false}, {"ok", "bad"});
    m_ok = store->classByName("ok")->id;
    m_bad = store->classByName("bad")->id;
    store->transaction([&] {
        const core::Id ana = store->addLabeler("ana", core::Role::Labeler);
        const core::Id ben = store->addLabeler("ben", core::Role::Labeler);
        std::vector<core::Id> ids;
        for (int i = 0; i < kImages; ++i) {
            core::ImageRecord r;
            r.path = QStringLiteral("img/%1.png").arg(i, 5, 10, QLatin1Char('0')).toStdString();
            r.hash = QStringLiteral("%1").arg(i, 32, 16, QLatin1Char('0')).toStdString();
            r.width = r.height = 8;
            ids.push_back(store->addImage(r));
        }
        for (int i = 0; i < kImages; ++i) {
            // Positions scattered, and each shared by two images (i and i + kImages/2): the
            // image id breaks the tie.
            const int position = (i * 7) % (kImages / 2);
            store->assign(core::Assignment{ids[std::size_t(i)], ana, 0, position, core::AssignmentState::Pending});
            m_order.push_back(Row{0, position, ids[std::size_t(i)]});
            store->assign(core::Assignment{ids[std::size_t(i)], ben, 0, i, core::AssignmentState::Pending});
            // A relabel round for every hundredth image: a second row of the same image.
            if (i % 100 == 0) {
                store->assign(
                    core::Assignment{ids[std::size_t(i)], ana, 1, kImages - i, core::AssignmentState::Pending});
                m_order.push_back(Row{1, kImages - i, ids[std::size_t(i)]});
            }
        }
        std::sort(m_order.begin(), m_order.end(), [](const Row &a, const Row &b) {
            return std::tie(a.round, a.position, a.image) < std::tie(b.round, b.position, b.image);
        });
        // Round 0 comes first, so its first rows are the queue's first rows.
        for (int row = 0; row < kLabeledRows; ++row) {
            core::saveLabel(*store, m_order[std::size_t(row)].image, ana, m_ok);
            m_labeled.insert(m_order[std::size_t(row)].image);
        }
        for (int row = kLabeledRows; row < kLabeledRows + kSkippedRows; ++row) {
            store->setAssignmentState(m_order[std::size_t(row)].image, ana, 0, core::AssignmentState::Skipped);
            m_skipped.insert({0, m_order[std::size_t(row)].image});
        }
        // Ben labels everything: none of it may count for ana (blind).
        for (core::Id id : ids)
            core::saveLabel(*store, id, ben, m_bad);
    });
    QCOMPARE(int(m_order.size()), kImages + kImages / 100);
}

std::unique_ptr<ui::ProjectDocument> TestQueuePaging::openAsAna() const
{
    auto doc = ui::ProjectDocument::open(m_file);
    doc->startSession(QStringLiteral("ana"));
    return doc;
}

int TestQueuePaging::expectedFirst(const std::set<core::Id> &labeled,
                                   const std::set<std::pair<int, core::Id>> &skipped) const
{
    int firstSkipped = -1;
    for (std::size_t row = 0; row < m_order.size(); ++row) {
        const Row &r = m_order[row];
        if (labeled.count(r.image))
            continue;
        if (!skipped.count({r.round, r.image}))
            return int(row);
        if (firstSkipped < 0)
            firstSkipped = int(row);
    }
    return firstSkipped;
}

int TestQueuePaging::expectedLabeled(const std::set<core::Id> &labeled) const
{
    return int(std::count_if(m_order.begin(), m_order.end(), [&](const Row &r) { return labeled.count(r.image) > 0; }));
}

int TestQueuePaging::rowsOf(core::Id image) const
{
    return int(std::count_if(m_order.begin(), m_order.end(), [&](const Row &r) { return r.image == image; }));
}

void TestQueuePaging::documentReadsOnlyPages()
{
    auto doc = openAsAna();
    const int size = int(m_order.size());
    QCOMPARE(doc->queueSize(), size);
    QCOMPARE(doc->cachedQueueEntries(), 0); // signing in reads no page of the queue
    QCOMPARE(doc->queueEntry(0).image, m_order[0].image);
    QCOMPARE(doc->cachedQueueEntries(), ui::ProjectDocument::kQueuePageSize);

    // Every row in the documented order, while at most kQueuePagesKept pages stay in memory.
    const int kept = ui::ProjectDocument::kQueuePagesKept * ui::ProjectDocument::kQueuePageSize;
    QVERIFY(kept < size);
    for (int row = 0; row < size; ++row) {
        const core::QueueEntry e = doc->queueEntry(row);
        const Row &r = m_order[std::size_t(row)];
        QCOMPARE(e.image, r.image);
        QCOMPARE(e.round, r.round);
        QCOMPARE(e.position, r.position);
        QCOMPARE(e.myLabelClass.has_value(), m_labeled.count(r.image) > 0);
        if (e.myLabelClass)
            QCOMPARE(*e.myLabelClass, m_ok); // ana's class, never ben's
        QCOMPARE(e.state == core::AssignmentState::Skipped, m_skipped.count({r.round, r.image}) > 0);
        QVERIFY(doc->cachedQueueEntries() <= kept);
    }
    QCOMPARE(doc->queueEntry(size).image, core::Id(0));
    QCOMPARE(doc->queueEntry(-1).image, core::Id(0));

    // queueIndexOf: the latest round's row, found without reading pages.
    for (const std::size_t row : {std::size_t(0), std::size_t(1), std::size_t(777), m_order.size() - 1}) {
        const core::Id image = m_order[row].image;
        int expected = -1;
        for (std::size_t i = 0; i < m_order.size(); ++i)
            if (m_order[i].image == image)
                expected = int(i);
        QCOMPARE(doc->queueIndexOf(image), expected);
    }
    QCOMPARE(doc->queueIndexOf(core::Id(kImages * 10)), -1);
}

void TestQueuePaging::countsMatchTheConstruction()
{
    auto doc = openAsAna();
    QCOMPARE(doc->labeledCount(), expectedLabeled(m_labeled));
    // The first row that is neither labeled nor skipped: right after the skipped ones.
    QCOMPARE(doc->firstUnlabeledIndex(), expectedFirst(m_labeled, m_skipped));
    QCOMPARE(doc->firstUnlabeledIndex(), kLabeledRows + kSkippedRows);
    QCOMPARE(doc->cachedQueueEntries(), 0); // counted in SQL, no page read
}

void TestQueuePaging::modelFetchesInPages()
{
    auto doc = openAsAna();
    const int page = ui::ProjectDocument::kQueuePageSize;
    ui::QueueModel model(doc.get());
    QCOMPARE(model.rowCount(), page);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 2 * page);

    const int first = expectedFirst(m_labeled, m_skipped);
    QVERIFY(first >= 2 * page);
    model.ensureFetched(first);
    QVERIFY(model.rowCount() > first);
    QVERIFY(model.rowCount() < doc->queueSize());
    QCOMPARE(model.index(first).data(ui::QueueModel::ImageIdRole).toLongLong(), m_order[std::size_t(first)].image);
    QCOMPARE(model.index(first).data(ui::QueueModel::StateRole).toString(), QStringLiteral("pending"));
    QCOMPARE(model.index(first - 1).data(ui::QueueModel::StateRole).toString(), QStringLiteral("skipped"));
    QCOMPARE(model.index(0).data(ui::QueueModel::LabelClassRole).toLongLong(), m_ok);

    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), doc->queueSize());
    QCOMPARE(model.index(model.rowCount() - 1).data(ui::QueueModel::ImageIdRole).toLongLong(), m_order.back().image);
    QVERIFY(doc->cachedQueueEntries() <= ui::ProjectDocument::kQueuePagesKept * page);

    // A second model under QAbstractItemModelTester (which fetches a page itself each time it
    // runs its checks): a jump far down, a change of state, a new session (reset), the end.
    ui::QueueModel checked(doc.get());
    QAbstractItemModelTester tester(&checked, QAbstractItemModelTester::FailureReportingMode::QtTest);
    checked.ensureFetched(first);
    QVERIFY(checked.rowCount() > first);
    doc->skip(m_order[std::size_t(first)].image);
    QCOMPARE(checked.index(first).data(ui::QueueModel::StateRole).toString(), QStringLiteral("skipped"));
    doc->undoStack()->undo();
    QCOMPARE(checked.index(first).data(ui::QueueModel::StateRole).toString(), QStringLiteral("pending"));
    // An image with a relabel round has two rows: a change repaints both (when fetched).
    const core::Id twice = m_order.back().image; // the last row is a round-1 row
    std::vector<int> rows;
    for (std::size_t i = 0; i < m_order.size(); ++i)
        if (m_order[i].image == twice)
            rows.push_back(int(i));
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(doc->queueRowsOf(twice), rows);
    checked.ensureFetched(rows.back());
    QSignalSpy changed(&checked, &QAbstractItemModel::dataChanged);
    const bool wasLabeled = m_labeled.count(twice) > 0;
    doc->setLabel(twice, wasLabeled ? m_bad : m_ok);
    std::set<int> repainted;
    for (const auto &args : changed)
        repainted.insert(args.at(0).toModelIndex().row());
    QCOMPARE(repainted, (std::set<int>{rows.front(), rows.back()}));
    QCOMPARE(checked.index(rows.front()).data(ui::QueueModel::LabelClassRole).toLongLong(), wasLabeled ? m_bad : m_ok);
    QCOMPARE(checked.index(rows.back()).data(ui::QueueModel::LabelClassRole).toLongLong(), wasLabeled ? m_bad : m_ok);
    doc->undoStack()->undo();

    doc->startSession(QStringLiteral("ana"));
    QVERIFY(checked.rowCount() < doc->queueSize());
    while (checked.canFetchMore({}))
        checked.fetchMore({});
    QCOMPARE(checked.rowCount(), doc->queueSize());
}

void TestQueuePaging::viewJumpsToFirstUnlabeled()
{
    auto doc = openAsAna();
    ui::LabelingView view;
    view.resize(1000, 700);
    view.setDocument(doc.get());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const int first = expectedFirst(m_labeled, m_skipped);
    QCOMPARE(view.currentIndex(), first);
    QCOMPARE(view.currentImage(), m_order[std::size_t(first)].image);
    auto *list = view.findChild<QListView *>(QStringLiteral("queueView"));
    QVERIFY(list);
    QCOMPARE(list->currentIndex().row(), first);
    QCOMPARE(list->currentIndex().data(ui::QueueModel::ImageIdRole).toLongLong(), m_order[std::size_t(first)].image);
    // The model holds rows up to it, not the whole queue; the document a few pages.
    QVERIFY(view.queueModel()->rowCount() > first);
    QVERIFY(view.queueModel()->rowCount() < doc->queueSize());
    QVERIFY(doc->cachedQueueEntries() <= ui::ProjectDocument::kQueuePagesKept * ui::ProjectDocument::kQueuePageSize);
    // Progress: done / total as counted here.
    auto *progress = view.findChild<QLabel *>(QStringLiteral("progressLabel"));
    QVERIFY(progress);
    QCOMPARE(progress->text(), QStringLiteral("%1 / %2").arg(expectedLabeled(m_labeled)).arg(m_order.size()));

    // Back to the first image and on again: the jump still lands on the same row.
    view.goTo(0);
    QCOMPARE(view.currentImage(), m_order[0].image);
    view.firstUnlabeled();
    QCOMPARE(view.currentIndex(), first);

    // goToImageNamed finds a far row through the store.
    const core::Id far = m_order[std::size_t(doc->queueSize() - 5)].image;
    const QString name = QString::fromStdString(doc->image(far).path).section(QLatin1Char('/'), -1);
    QVERIFY(view.goToImageNamed(name));
    QCOMPARE(view.currentImage(), far);
    QCOMPARE(list->currentIndex().data(ui::QueueModel::ImageIdRole).toLongLong(), far);
}

void TestQueuePaging::savedAndUnsavedInputShown()
{
    const int first = expectedFirst(m_labeled, m_skipped);
    const core::Id image = m_order[std::size_t(first)].image;
    std::set<core::Id> labeled = m_labeled;
    labeled.insert(image);
    {
        auto doc = openAsAna();
        QCOMPARE(doc->queueEntry(first).myLabelClass.has_value(), false);
        doc->setLabel(image, m_bad);
        QVERIFY(!doc->hasUnsavedInput());
        QCOMPARE(doc->labeledCount(), expectedLabeled(m_labeled) + rowsOf(image));
        QCOMPARE(doc->labeledCount(), expectedLabeled(labeled));
        QCOMPARE(doc->queueEntry(first).myLabelClass, std::optional<core::Id>(m_bad));
        QVERIFY(doc->queueEntry(first).state == core::AssignmentState::Done);
        QCOMPARE(doc->firstUnlabeledIndex(), expectedFirst(labeled, m_skipped));
        // A fresh document counts the same from the file.
        {
            auto again = openAsAna();
            QCOMPARE(again->labeledCount(), expectedLabeled(labeled));
            QCOMPARE(again->firstUnlabeledIndex(), expectedFirst(labeled, m_skipped));
        }
        doc->undoStack()->undo();
        QCOMPARE(doc->labeledCount(), expectedLabeled(m_labeled));
        QCOMPARE(doc->queueEntry(first).myLabelClass.has_value(), false);
        QCOMPARE(doc->firstUnlabeledIndex(), first);
    }
    {
        // Saves fail on a read-only connection (as on a locked file): the input is shown from
        // memory, in the rows, the count and the first unlabeled row.
        ui::ProjectDocument doc(core::openProject(m_file.toStdString(), core::OpenMode::ReadOnly));
        doc.startSession(QStringLiteral("ana"));
        doc.setRetryInterval(60000);
        doc.setLabel(image, m_bad);
        QVERIFY(doc.hasUnsavedInput());
        QCOMPARE(doc.queueEntry(first).myLabelClass, std::optional<core::Id>(m_bad));
        QCOMPARE(doc.labeledCount(), expectedLabeled(labeled));
        QCOMPARE(doc.firstUnlabeledIndex(), expectedFirst(labeled, m_skipped));
        // Skip the next one too, unsaved: the first unlabeled row moves past it.
        const int next = expectedFirst(labeled, m_skipped);
        const core::Id nextImage = m_order[std::size_t(next)].image;
        doc.skip(nextImage);
        auto skipped = m_skipped;
        for (const Row &r : m_order)
            if (r.image == nextImage)
                skipped.insert({r.round, r.image});
        QVERIFY(doc.queueEntry(next).state == core::AssignmentState::Skipped);
        QCOMPARE(doc.firstUnlabeledIndex(), expectedFirst(labeled, skipped));
        QVERIFY(doc.firstUnlabeledIndex() > next);
    }
}

QTEST_MAIN(TestQueuePaging)
#include "tst_queuepaging.moc"
