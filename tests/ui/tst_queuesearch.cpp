// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #19, "a queue you can work with": the labeler searches and filters the queue, steps
// and auto-advances among what the search shows, and sees the queue as thumbnails. The project
// is built through core with states chosen here, so every expected row is worked out from the
// construction, not from the code under test.
#include "uitestsupport.h"

#include "core/project/project_ops.h"
#include "core/store/store.h"
#include "ui/document/projectdocument.h"
#include "ui/image/thumbnails.h"
#include "ui/labeling/labelingview.h"
#include "ui/labeling/queuegriddelegate.h"
#include "ui/labeling/queuepanel.h"
#include "ui/models/queuemodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

namespace {

constexpr int kImages = 30;

/// Image i is "scratch_i.png" when i % 3 == 0, else "plain_i.png"; ana's queue is the images
/// in order (position i), rows 0-9 labeled "ok", rows 10-12 skipped, and image 20 sent back in
/// a relabel round after ana labeled it (queue row 30, the last).
QString nameOf(int i)
{
    return QStringLiteral("%1_%2.png").arg(i % 3 == 0 ? QStringLiteral("scratch") : QStringLiteral("plain")).arg(i);
}

} // namespace

class TestQueueSearch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void filtersShowTheRowsWorkedOutByHand();
    void searchByNameAndNumber();
    void stepsStayAmongTheFound();
    void autoAdvanceStaysAmongTheFound();
    void escapeClearsAndEnterJumps();
    void hiddenNamesAreNotSearched();
    void thumbnailGrid();
    void plainLettersBesideShiftLetterClasses();

private:
    std::vector<int> shownRows() const;
    void setFilter(const QString &text);
    void type(const QString &text);

    QTemporaryDir m_dir;
    QString m_file;
    QString m_hiddenFile;
    std::unique_ptr<ui::ProjectDocument> m_doc;
    std::unique_ptr<ui::LabelingView> m_view;
    ui::QueuePanel *m_panel = nullptr;
};

void TestQueueSearch::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.path());
    QDir(m_dir.path()).mkpath(QStringLiteral("img"));
    for (int i = 0; i < kImages; ++i) {
        QImage image(16, 16, QImage::Format_RGB32);
        image.fill(QColor(i * 8, 100, 200 - i * 5));
        QVERIFY(image.save(m_dir.filePath(QStringLiteral("img/") + nameOf(i))));
    }
    for (const bool hidden : {false, true}) {
        const QString file = m_dir.filePath(hidden ? QStringLiteral("hidden.concord") : QStringLiteral("q.concord"));
        (hidden ? m_hiddenFile : m_file) = file;
        auto store = core::initProject(
            file.toStdString(), core::ProjectSettings{std::string("q"), 0.0, 1, false, hidden}, {"ok", "scratch"});
        const core::Id ok = store->classByName("ok")->id;
        const core::Id ana = store->addLabeler("ana", core::Role::Labeler);
        std::vector<core::Id> ids;
        for (int i = 0; i < kImages; ++i) {
            core::ImageRecord r;
            r.path = (QStringLiteral("img/") + nameOf(i)).toStdString();
            r.hash = QStringLiteral("%1").arg(i, 32, 16, QLatin1Char('0')).toStdString();
            r.width = r.height = 16;
            ids.push_back(store->addImage(r));
            store->assign(core::Assignment{ids.back(), ana, 0, i, core::AssignmentState::Pending});
        }
        for (int i = 0; i < 10; ++i)
            core::saveLabel(*store, ids[std::size_t(i)], ana, ok);
        for (int i = 10; i < 13; ++i)
            store->setAssignmentState(ids[std::size_t(i)], ana, 0, core::AssignmentState::Skipped);
        core::saveLabel(*store, ids[20], ana, ok);
        store->assign(core::Assignment{ids[20], ana, 1, 0, core::AssignmentState::Pending});
    }
}

void TestQueueSearch::init()
{
    // Each test on a fresh copy: some of them label.
    static int run = 0;
    const QString copy = m_dir.filePath(QStringLiteral("run%1.concord").arg(++run));
    QVERIFY(QFile::copy(m_file, copy));
    m_doc = ui::ProjectDocument::open(copy);
    m_doc->startSession(QStringLiteral("ana"));
    m_view = std::make_unique<ui::LabelingView>();
    m_view->resize(1200, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->setDocument(m_doc.get());
    m_panel = m_view->queuePanel();
    QCOMPARE(m_doc->queueSize(), kImages + 1);
}

void TestQueueSearch::cleanup()
{
    m_view.reset();
    m_doc.reset();
}

std::vector<int> TestQueueSearch::shownRows() const
{
    std::vector<int> rows;
    const QAbstractItemModel *model = m_panel->view()->model();
    for (int i = 0; i < model->rowCount(); ++i)
        rows.push_back(model->index(i, 0).data(ui::QueueModel::QueueRowRole).toInt());
    return rows;
}

void TestQueueSearch::setFilter(const QString &text)
{
    const int at = m_panel->filterBox()->findText(text);
    QVERIFY2(at >= 0, qPrintable(text));
    m_panel->filterBox()->setCurrentIndex(at);
}

void TestQueueSearch::type(const QString &text)
{
    m_panel->searchField()->setFocus();
    QTest::keyClicks(m_panel->searchField(), text);
    QTRY_VERIFY(m_panel->isFiltered() || text.trimmed().isEmpty());
    QTest::qWait(300); // the search runs once typing pauses
}

void TestQueueSearch::filtersShowTheRowsWorkedOutByHand()
{
    using R = std::vector<int>;
    QCOMPARE(m_panel->shownCount(), -1); // the whole queue, paged
    setFilter(QStringLiteral("Unlabeled"));
    // Rows 13..29 except 20 (labeled in round 0), and the relabel row 30.
    R unlabeled;
    for (int r = 13; r < kImages; ++r)
        if (r != 20)
            unlabeled.push_back(r);
    unlabeled.push_back(30);
    QCOMPARE(shownRows(), unlabeled);
    QAbstractItemModelTester tester(m_panel->view()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(m_panel->matchLabel()->text().startsWith(QStringLiteral("17 images of 31")));
    setFilter(QStringLiteral("Skipped"));
    QCOMPARE(shownRows(), (R{10, 11, 12}));
    setFilter(QStringLiteral("Relabel (sent back)"));
    QCOMPARE(shownRows(), (R{30}));
    setFilter(QStringLiteral("Labeled"));
    QCOMPARE(shownRows(), (R{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20}));
    setFilter(QStringLiteral("My class: ok"));
    QCOMPARE(shownRows(), (R{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20}));
    setFilter(QStringLiteral("My class: scratch"));
    QCOMPARE(shownRows(), R{});
    QVERIFY(m_panel->matchLabel()->text().startsWith(QStringLiteral("0 images of 31")));
    setFilter(QStringLiteral("All images"));
    QCOMPARE(m_panel->shownCount(), -1);
    QCOMPARE(m_panel->view()->model(), static_cast<QAbstractItemModel *>(m_view->queueModel()));
}

void TestQueueSearch::searchByNameAndNumber()
{
    using R = std::vector<int>;
    type(QStringLiteral("SCRATCH"));
    R scratch;
    for (int i = 0; i < kImages; i += 3)
        scratch.push_back(i);
    QCOMPARE(shownRows(), scratch);
    // Name and filter together: the unlabeled scratch images.
    setFilter(QStringLiteral("Unlabeled"));
    QCOMPARE(shownRows(), (R{15, 18, 21, 24, 27}));
    setFilter(QStringLiteral("All images"));
    m_panel->searchField()->clear();
    // "17" is in the names plain_17.png and, as a number, queue row 16.
    type(QStringLiteral("17"));
    QCOMPARE(shownRows(), (R{16, 17}));
}

void TestQueueSearch::stepsStayAmongTheFound()
{
    setFilter(QStringLiteral("Skipped"));
    m_panel->view()->setCurrentIndex(m_panel->view()->model()->index(0, 0));
    QCOMPARE(m_view->currentIndex(), 10);
    m_view->setFocus();
    QTest::keyClick(m_view.get(), Qt::Key_D);
    QCOMPARE(m_view->currentIndex(), 11);
    QTest::keyClick(m_view.get(), Qt::Key_D);
    QCOMPARE(m_view->currentIndex(), 12);
    QTest::keyClick(m_view.get(), Qt::Key_D); // the last one found: stays
    QCOMPARE(m_view->currentIndex(), 12);
    QTest::keyClick(m_view.get(), Qt::Key_A);
    QCOMPARE(m_view->currentIndex(), 11);
    QCOMPARE(m_panel->view()->currentIndex().row(), 1);
}

void TestQueueSearch::autoAdvanceStaysAmongTheFound()
{
    setFilter(QStringLiteral("Skipped"));
    m_panel->view()->setCurrentIndex(m_panel->view()->model()->index(0, 0));
    QCOMPARE(m_view->currentIndex(), 10);
    m_view->setFocus();
    QTest::keyClick(m_view.get(), Qt::Key_1); // ok: saved, and on to the next skipped one
    QCOMPARE(m_view->currentIndex(), 11);
    QVERIFY(m_doc->queueEntry(10).myLabelClass.has_value());
    // The labeled row stays in the list, shown with its class.
    QCOMPARE(shownRows(), (std::vector<int>{10, 11, 12}));
    QVERIFY(m_panel->view()->model()->index(0, 0).data().toString().contains(QStringLiteral("ok")));
    QTest::keyClick(m_view.get(), Qt::Key_1);
    QCOMPARE(m_view->currentIndex(), 12);
    QTest::keyClick(m_view.get(), Qt::Key_1); // nothing found needs ana any more: stays
    QCOMPARE(m_view->currentIndex(), 12);
    for (int row : {10, 11, 12})
        QVERIFY(m_doc->queueEntry(row).myLabelClass.has_value());
}

void TestQueueSearch::escapeClearsAndEnterJumps()
{
    type(QStringLiteral("plain_25"));
    QCOMPARE(shownRows(), std::vector<int>{25});
    QTest::keyClick(m_panel->searchField(), Qt::Key_Return);
    QCOMPARE(m_view->currentIndex(), 25);
    QVERIFY(!m_panel->searchField()->hasFocus());
    m_panel->searchField()->setFocus();
    QTest::keyClick(m_panel->searchField(), Qt::Key_Escape);
    QVERIFY(m_panel->searchField()->text().isEmpty());
    QCOMPARE(m_panel->shownCount(), -1);
    QCOMPARE(m_view->currentIndex(), 25); // Esc left the image alone
    QCOMPARE(m_panel->view()->currentIndex().row(), 25);
    // Ctrl+F finds the field again.
    m_view->setFocus();
    QTest::keyClick(m_view.get(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(m_panel->searchField()->hasFocus());
}

void TestQueueSearch::hiddenNamesAreNotSearched()
{
    m_view->setDocument(nullptr);
    m_doc = ui::ProjectDocument::open(m_hiddenFile);
    m_doc->startSession(QStringLiteral("ana"));
    m_view->setDocument(m_doc.get());
    type(QStringLiteral("scratch"));
    QCOMPARE(shownRows(), std::vector<int>{});
    QVERIFY(m_panel->matchLabel()->text().contains(QStringLiteral("search by image number")));
    m_panel->searchField()->clear();
    type(QStringLiteral("Image 17"));
    QCOMPARE(shownRows(), std::vector<int>{16});
    // No text the labeler can read names a file.
    for (const QString &t : uitest::visibleTexts(m_view.get()))
        QVERIFY2(!t.contains(QStringLiteral(".png")), qPrintable(t));
}

void TestQueueSearch::thumbnailGrid()
{
    QListView *list = m_panel->view();
    QCOMPARE(list->viewMode(), QListView::ListMode);
    m_view->setFocus();
    QTest::keyClick(m_view.get(), Qt::Key_T, Qt::ControlModifier);
    QVERIFY(m_panel->gridAction()->isChecked());
    QCOMPARE(list->viewMode(), QListView::IconMode);
    QCOMPARE(list->itemDelegate(), static_cast<QAbstractItemDelegate *>(m_panel->gridDelegate()));
    // Tiles side by side: the second row's tile is to the right of the first's.
    const QRect first = list->visualRect(list->model()->index(0, 0));
    const QRect second = list->visualRect(list->model()->index(1, 0));
    QCOMPARE(second.top(), first.top());
    QVERIFY(second.left() > first.left());
    // Thumbnails are decoded for the tiles on screen only, not for the whole queue.
    QTRY_VERIFY(m_panel->gridDelegate()->thumbnails()->requested() > 0);
    QVERIFY(m_panel->gridDelegate()->thumbnails()->requested() <= kImages + 1);
    // The grid shows what the search finds, too.
    setFilter(QStringLiteral("Skipped"));
    QCOMPARE(shownRows(), (std::vector<int>{10, 11, 12}));
    QCOMPARE(list->viewMode(), QListView::IconMode);
    QTest::keyClick(m_view.get(), Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(list->viewMode(), QListView::ListMode);
}

/// Eleven classes: the eleventh gets Shift+A (core::defaultClassKeys). A plain A still steps
/// back, and Shift+A gives the class.
void TestQueueSearch::plainLettersBesideShiftLetterClasses()
{
    const QString file = m_dir.filePath(QStringLiteral("eleven.concord"));
    std::vector<std::string> names;
    for (int i = 1; i <= 11; ++i)
        names.push_back("c" + std::to_string(i));
    {
        auto store =
            core::initProject(file.toStdString(), core::ProjectSettings{std::string("e"), 0.0, 1, false}, names);
        QCOMPARE(store->classByName("c11")->shortcut, std::string("Shift+A"));
        const core::Id ana = store->addLabeler("ana", core::Role::Labeler);
        for (int i = 0; i < 3; ++i) {
            core::ImageRecord r;
            r.path = (QStringLiteral("img/") + nameOf(i)).toStdString();
            r.hash = std::to_string(i);
            r.width = r.height = 16;
            store->assign(core::Assignment{store->addImage(r), ana, 0, i, core::AssignmentState::Pending});
        }
    }
    m_view->setDocument(nullptr);
    m_doc = ui::ProjectDocument::open(file);
    m_doc->startSession(QStringLiteral("ana"));
    m_view->setDocument(m_doc.get());
    m_view->setFocus();
    QTest::keyClick(m_view.get(), Qt::Key_D);
    QTest::keyClick(m_view.get(), Qt::Key_D);
    QCOMPARE(m_view->currentIndex(), 2);
    QTest::keyClick(m_view.get(), Qt::Key_A);
    QCOMPARE(m_view->currentIndex(), 1);
    QVERIFY(!m_doc->queueEntry(1).myLabelClass);
    QTest::keyClick(m_view.get(), Qt::Key_A, Qt::ShiftModifier);
    QCOMPARE(m_doc->queueEntry(1).myLabelClass.value_or(0), m_doc->classForShortcut(QStringLiteral("Shift+A"))->id);
}

QTEST_MAIN(TestQueueSearch)
#include "tst_queuesearch.moc"
