// SPDX-License-Identifier: GPL-3.0-or-later
// A labeler's whole loop by keyboard (issue 5): open the demo as a new labeler, label 20 images
// with number keys, measure one scratch with the line tool, undo a label and redo it. The
// database, read back through a fresh core connection, must then hold exactly what was typed
// and the length that was dragged.
#include "uitestsupport.h"

#include "core/project/project_ops.h"
#include "core/store/store.h"
#include "ui/canvas/annotationitem.h"
#include "ui/canvas/imagecanvas.h"
#include "ui/document/projectdocument.h"
#include "ui/labeling/classbar.h"
#include "ui/labeling/labelingview.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/shortcutsheet.h"

#include <QComboBox>
#include <QDialog>
#include <QFileInfo>
#include <QMenu>
#include <QAction>
#include <QTimer>
#include <QInputDialog>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <algorithm>
#include <cmath>

using namespace concord;

class TestLabelingLoop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void keyboardLoop();
    void leadLabelingTabSaysWhyItIsEmpty();
    void autoAdvanceSkipsLabeledImages();
    void manyClassesStayUsable();
    void shortcutSheetListsEveryKey();
    void goToImageNumber();
    void recentMenuOpensAProject();
    void keepZoomFromImageToImage();
    void sizeTagStaysInsideTheView_data();
    void sizeTagStaysInsideTheView();

private:
    QTemporaryDir m_dir;
    std::filesystem::path m_project;
};

void TestLabelingLoop::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.filePath(QStringLiteral("settings")));
    // 60 images, 3 simulated labelers, 2 labels per image: a fourth labeler gets 60*2/4 = 30.
    m_project = uitest::makeDemo(m_dir.path(), 60, 3, 2);
}

namespace {

core::Id classWithKey(const core::Store &store, int key)
{
    for (const auto &c : store.classes())
        if (c.shortcut == std::to_string(key))
            return c.id;
    return 0;
}

std::int64_t labelsOf(const std::filesystem::path &project, const std::string &name)
{
    auto store = core::openProject(project, core::OpenMode::ReadOnly);
    const auto who = store->labelerByName(name);
    return who ? static_cast<std::int64_t>(store->labelsOfLabeler(who->id).size()) : 0;
}

} // namespace

void TestLabelingLoop::keyboardLoop()
{
    // What the other labelers said, before the GUI touches the file.
    std::vector<core::LabelRow> othersBefore;
    {
        auto store = core::openProject(m_project, core::OpenMode::ReadOnly);
        othersBefore = store->labelRows();
    }

    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("zoe")));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    ui::LabelingView *view = window.labelingView();
    ui::ImageCanvas *canvas = view->canvas();

    // zoe's queue as core sees it: the order the keys below apply to.
    std::vector<core::Id> queue;
    core::Id zoe = 0;
    double pxPerMmOf20th = 0.0;
    {
        auto store = core::openProject(m_project, core::OpenMode::ReadOnly);
        zoe = store->labelerByName("zoe")->id;
        for (const auto &q : store->queue(zoe))
            queue.push_back(q.image);
        const auto img = *store->image(queue.at(19));
        pxPerMmOf20th = img.pxPerMm > 0 ? img.pxPerMm : store->settings().pxPerMm;
    }
    QCOMPARE(int(queue.size()), 30);
    QCOMPARE(view->currentIndex(), 0);
    auto *progress = view->findChild<QLabel *>(QStringLiteral("progressLabel"));
    QVERIFY(progress);
    QCOMPARE(progress->text(), QStringLiteral("0 / 30"));

    const int keys[20] = {1, 2, 1, 3, 1, 1, 2, 2, 3, 1, 2, 1, 1, 3, 2, 1, 2, 2, 1, 2};
    for (int i = 0; i < 19; ++i) {
        QCOMPARE(view->currentIndex(), i);
        QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_0 + keys[i]));
        if (i == 9) {
            // Step back and forth with both key sets: A/D and the arrows.
            QTest::keyClick(&window, Qt::Key_A);
            QTest::keyClick(&window, Qt::Key_Left);
            QCOMPARE(view->currentIndex(), 8);
            QTest::keyClick(&window, Qt::Key_D);
            QTest::keyClick(&window, Qt::Key_Right);
        }
    }
    QCOMPARE(view->currentIndex(), 19);
    QCOMPARE(progress->text(), QStringLiteral("19 / 30"));

    // Measure on the 20th image at 1:1, so a drag of (120, 50) screen pixels is 130 image pixels.
    QTRY_VERIFY_WITH_TIMEOUT(canvas->hasImage(), 10000);
    QTest::keyClick(&window, Qt::Key_L);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(canvas->viewScale(), 1.0);
    const QPoint from = canvas->viewport()->rect().center();
    const QPoint to = from + QPoint(120, 50);
    uitest::drag(canvas->viewport(), from, to);
    QCOMPARE(canvas->annotationItems().size(), 1);
    const double expectedMm = 130.0 / pxPerMmOf20th;
    auto *measure = window.findChild<QLabel *>(QStringLiteral("measureLabel"));
    QVERIFY(measure);
    QCOMPARE(measure->text(), QStringLiteral("%1 mm").arg(expectedMm, 0, 'f', 2));
    // The drawn line is the selected shape; Escape and a click on empty image deselect it and
    // the status bar measures nothing (issue 19).
    QVERIFY(canvas->annotationItems().front()->isSelected());
    QTest::keyClick(&window, Qt::Key_V);
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, from + QPoint(-60, -60));
    QVERIFY(!canvas->annotationItems().front()->isSelected());
    QCOMPARE(measure->text(), QString());
    // Clicking the line selects it again: its length is back.
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, from + QPoint(60, 25));
    QVERIFY(canvas->annotationItems().front()->isSelected());
    QCOMPARE(measure->text(), QStringLiteral("%1 mm").arg(expectedMm, 0, 'f', 2));
    // With a shape selected a class key names the shape (issue #17): Esc deselects, and the
    // key names the image again.
    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(!canvas->annotationItems().front()->isSelected());

    QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_0 + keys[19]));
    QCOMPARE(progress->text(), QStringLiteral("20 / 30"));
    QCOMPARE(view->currentIndex(), 20);
    // The next image has no shape: the 20th image's length is not shown for it.
    QCOMPARE(measure->text(), QString());
    QCOMPARE(labelsOf(m_project, "zoe"), 20);

    // Undo the last label: the view goes back to that image, the line stays as a draft.
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(view->currentIndex(), 19);
    QCOMPARE(labelsOf(m_project, "zoe"), 19);
    QCOMPARE(canvas->annotationItems().size(), 1);
    QCOMPARE(progress->text(), QStringLiteral("19 / 30"));
    // Redo it.
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(labelsOf(m_project, "zoe"), 20);
    QCOMPARE(progress->text(), QStringLiteral("20 / 30"));

    window.closeProject();

    auto store = core::openProject(m_project, core::OpenMode::ReadOnly);
    QCOMPARE(int(store->labelsOfLabeler(zoe).size()), 20);
    for (int i = 0; i < 20; ++i) {
        const auto label = store->label(queue[static_cast<std::size_t>(i)], zoe);
        QVERIFY2(label, qPrintable(QStringLiteral("no label on queue position %1").arg(i)));
        QCOMPARE(label->labelClass, classWithKey(*store, keys[i]));
        const auto annotations = store->annotationsOfLabel(label->id);
        QCOMPARE(int(annotations.size()), i == 19 ? 1 : 0);
    }
    const auto line = store->annotationsOfLabel(store->label(queue[19], zoe)->id).front();
    QVERIFY(line.kind == core::AnnotationKind::Line);
    QVERIFY(std::abs(line.lengthPx - 130.0) < 1e-9);
    QVERIFY(line.lengthMm.has_value());
    QVERIFY2(std::abs(*line.lengthMm - expectedMm) < 1e-9,
             qPrintable(QStringLiteral("stored %1 mm, dragged %2 mm").arg(*line.lengthMm).arg(expectedMm)));

    // Nobody else's labels changed.
    std::vector<core::LabelRow> othersAfter;
    for (const auto &row : store->labelRows())
        if (row.label.labeler != zoe)
            othersAfter.push_back(row);
    QCOMPARE(othersAfter.size(), othersBefore.size());
    for (std::size_t i = 0; i < othersAfter.size(); ++i) {
        QCOMPARE(othersAfter[i].label.image, othersBefore[i].label.image);
        QCOMPARE(othersAfter[i].label.labelClass, othersBefore[i].label.labelClass);
    }
}

/// A lead is assigned no images, so the lead's Labeling tab is empty; it used to be a blank
/// canvas (a toast said "Your queue is empty" while the dashboard was in front). The tab says
/// why and what to do for as long as it is empty (issue 19).
void TestLabelingLoop::leadLabelingTabSaysWhyItIsEmpty()
{
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("lead")));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.document()->isLead());
    QCOMPARE(window.document()->queueSize(), 0); // the demo assigns images to its labelers only
    ui::LabelingView *view = window.labelingView();
    QVERIFY(!view->isVisible()); // the lead starts on the dashboard
    QTest::keyClick(&window, Qt::Key_1, Qt::AltModifier);
    QTRY_VERIFY(view->isVisible());
    auto *note = view->findChild<QLabel *>(QStringLiteral("emptyQueueNote"));
    QVERIFY(note);
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("The lead has no labeling queue.")), qPrintable(note->text()));
    QVERIFY2(note->text().contains(QStringLiteral("Switch labeler")), qPrintable(note->text()));
    // Signed in as a labeler with a queue, the note is gone.
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("zoe")));
    QVERIFY(window.document()->queueSize() > 0);
    QVERIFY(!note->isVisible());
}

/// Auto-advance went to the next row even when it was labeled already (issue 19). With rows 1
/// and 2 of a new labeler's queue labeled (through core, as another session would), a key on
/// row 0 goes to row 3; on the last row it wraps to the first row still unlabeled.
void TestLabelingLoop::autoAdvanceSkipsLabeledImages()
{
    const QString project = QString::fromStdString(m_project.string());
    std::vector<core::QueueEntry> queue;
    {
        ui::MainWindow window; // signing in creates the labeler and fills their queue
        QVERIFY(window.openProject(project, QStringLiteral("yuri")));
    }
    {
        auto store = core::openProject(m_project);
        const core::Id yuri = store->labelerByName("yuri")->id;
        queue = store->queue(yuri);
        QVERIFY(queue.size() >= 6);
        for (const std::size_t row : {std::size_t(1), std::size_t(2), queue.size() - 2}) {
            core::Label l;
            l.image = queue[row].image;
            l.labeler = yuri;
            l.labelClass = classWithKey(*store, 2);
            l.createdAt = l.updatedAt = core::utcNow();
            store->setLabel(l);
        }
    }
    ui::MainWindow window;
    QVERIFY(window.openProject(project, QStringLiteral("yuri")));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    ui::LabelingView *view = window.labelingView();
    QVERIFY(view->autoAdvance());
    QCOMPARE(view->currentIndex(), 0);
    QTest::keyClick(&window, Qt::Key_1);
    QCOMPARE(view->currentIndex(), 3); // rows 1 and 2 are labeled
    // The row before the last is labeled: from the third-last, the last.
    const int last = int(queue.size()) - 1;
    view->goTo(last - 2);
    QTest::keyClick(&window, Qt::Key_1);
    QCOMPARE(view->currentIndex(), last);
    // Nothing after the last: back to the first row still unlabeled, 3 (shown, never labeled).
    QTest::keyClick(&window, Qt::Key_1);
    QCOMPARE(view->currentIndex(), 3);
}

void TestLabelingLoop::manyClassesStayUsable()
{
    // Issue #21: 200,000 classes made 200,000 buttons and the window showed nothing for ten
    // minutes. The bar keeps kMaxButtons buttons; every class is in one searchable list.
    QTemporaryDir dir;
    const auto project = uitest::makeDemo(dir.path(), 6, 2, 1);
    constexpr int kExtra = 20000;
    {
        auto store = core::openProject(project);
        store->transaction([&] {
            for (int i = 0; i < kExtra; ++i) {
                core::LabelClass c;
                c.name = "kind-" + std::to_string(i);
                c.color = "#808080";
                c.order = 100 + i;
                store->addClass(c);
            }
        });
    }
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(project.string()), QStringLiteral("uma")));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    ui::LabelingView *view = window.labelingView();
    auto *bar = view->findChild<ui::ClassBar *>();
    QVERIFY(bar);
    QCOMPARE(int(bar->findChildren<QToolButton *>().size()), ui::ClassBar::kMaxButtons);
    QComboBox *picker = bar->picker();
    QVERIFY(picker);
    QCOMPARE(picker->count(), 3 + kExtra);
    const int row = picker->findText(QStringLiteral("kind-15000"));
    QVERIFY(row >= 0);

    // Chosen from the list, saved like a key press, and shown as the current class.
    QTRY_VERIFY_WITH_TIMEOUT(view->canvas()->hasImage(), 20000);
    const core::Id image = window.document()->queueEntry(view->currentIndex()).image;
    emit picker->activated(row);
    auto store = core::openProject(project, core::OpenMode::ReadOnly);
    const auto label = store->label(image, store->labelerByName("uma")->id);
    QVERIFY(label.has_value());
    QCOMPARE(label->labelClass, store->classByName("kind-15000")->id);
    view->goTo(window.document()->queueIndexOf(image)); // back to it: the list names the saved class
    QCOMPARE(picker->currentIndex(), row);
}

void TestLabelingLoop::sizeTagStaysInsideTheView_data()
{
    // A 400 × 300 px view, an 80 × 20 px tag. Expected corners by hand: below a box means
    // bottom + 4, above means top − 4 − 20; beside a line means right + 8, left of it means
    // left − 8 − 80, vertically centred (y = middle − 10).
    QTest::addColumn<int>("kind");
    QTest::addColumn<QPointF>("a");
    QTest::addColumn<QPointF>("b");
    QTest::addColumn<QRectF>("expected");
    const int box = int(core::AnnotationKind::Box), line = int(core::AnnotationKind::Line);
    QTest::newRow("box in the middle: below")
        << box << QPointF(100, 100) << QPointF(200, 150) << QRectF(100, 154, 80, 20);
    // Below would be y 299..319: above instead (246); x 350..430 is moved left to 320..400.
    QTest::newRow("box at the bottom right corner")
        << box << QPointF(390, 295) << QPointF(350, 270) << QRectF(320, 246, 80, 20);
    // Neither below (304) nor above (−24) fits: inside the box, at the view's top left.
    QTest::newRow("box filling the view: inside it")
        << box << QPointF(0, 0) << QPointF(400, 300) << QRectF(0, 0, 80, 20);
    QTest::newRow("line in the middle: beside its right end")
        << line << QPointF(100, 100) << QPointF(200, 120) << QRectF(208, 100, 80, 20);
    // Beside would be x 403..483: left of the line instead, 300 − 8 − 80 = 212.
    QTest::newRow("line at the right edge")
        << line << QPointF(300, 100) << QPointF(395, 120) << QRectF(212, 100, 80, 20);
    QTest::newRow("line at the bottom edge")
        << line << QPointF(100, 295) << QPointF(200, 299) << QRectF(208, 280, 80, 20);
}

/// The size tag was drawn beside or below its shape whatever the view, so a box at the right
/// or bottom edge had its size off screen (issue 19).
void TestLabelingLoop::sizeTagStaysInsideTheView()
{
    QFETCH(int, kind);
    QFETCH(QPointF, a);
    QFETCH(QPointF, b);
    QFETCH(QRectF, expected);
    const QRectF view(0, 0, 400, 300);
    const QRectF tag = ui::AnnotationItem::tagRect(core::AnnotationKind(kind), a, b, QSizeF(80, 20), view);
    QCOMPARE(tag, expected);
    QVERIFY(view.contains(tag));
}

QTEST_MAIN(TestLabelingLoop)
/// Help → Keyboard shortcuts lists the window's keyed actions, from the actions themselves
/// (issue #19): the class keys of the project, Ctrl+K, the sheet's own key; and filters.
void TestLabelingLoop::shortcutSheetListsEveryKey()
{
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("sheet")));
    window.show();
    const ui::ShortcutSheet sheet(&window);
    const auto rows = sheet.rows();
    auto has = [&rows](const QString &action, const QString &keys) {
        return std::any_of(rows.begin(), rows.end(),
                           [&](const QStringList &r) { return r[1].contains(action) && r[2] == keys; });
    };
    auto store = core::openProject(m_project, core::OpenMode::ReadOnly);
    for (const auto &c : store->classes()) // the demo's classes have keys 1, 2, 3
        QVERIFY2(has(QString::fromStdString(c.name), QString::fromStdString(c.shortcut)), c.name.c_str());
    QVERIFY(has(QStringLiteral("Next image"), QStringLiteral("D, Right")));
    // Actions outside the menus are grouped by the view that holds them.
    QVERIFY(std::any_of(rows.begin(), rows.end(), [](const QStringList &r) {
        return r[1] == QStringLiteral("Next image") && r[0] == QStringLiteral("Labeling");
    }));
    QVERIFY(has(QStringLiteral("Go to image"), QKeySequence(Qt::CTRL | Qt::Key_G).toString(QKeySequence::NativeText)));
    QVERIFY(has(QStringLiteral("Keyboard shortcuts"),
                QKeySequence(Qt::CTRL | Qt::Key_F1).toString(QKeySequence::NativeText)));
    QVERIFY(std::any_of(rows.begin(), rows.end(),
                        [](const QStringList &r) { return r[0].startsWith(QStringLiteral("Help")); }));
    // Every row has a key; no two rows are the same.
    for (const auto &r : rows)
        QVERIFY(!r[2].isEmpty());
    QCOMPARE(QSet<QStringList>(rows.begin(), rows.end()).size(), rows.size());
    // The filter keeps the rows that mention what is typed.
    ui::ShortcutSheet filtered(&window);
    filtered.findChild<QLineEdit *>()->setText(QStringLiteral("next image"));
    QCOMPARE(filtered.rows().size(), 1);
    window.closeProject();
}

/// Ctrl+G asks for the number the queue shows and goes there (issue #19).
void TestLabelingLoop::goToImageNumber()
{
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("goto")));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *action = window.findChild<QAction *>(QStringLiteral("actionGoToImage"));
    QVERIFY(action);
    int shownMaximum = 0;
    QTimer::singleShot(0, &window, [&shownMaximum] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        shownMaximum = dialog->intMaximum();
        dialog->setIntValue(5);
        dialog->accept();
    });
    action->trigger();
    QCOMPARE(shownMaximum, window.document()->queueSize());
    QCOMPARE(window.labelingView()->currentIndex(), 4); // "Image 5"
    window.closeProject();
}

/// File → Open recent lists the projects with their names; choosing one opens it (issue #19).
void TestLabelingLoop::recentMenuOpensAProject()
{
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("recent")));
    const QString name = window.document()->displayName();
    window.closeProject();
    QVERIFY(!window.document());
    auto *menu = window.findChild<QMenu *>(QStringLiteral("recentMenu"));
    QVERIFY(menu);
    emit menu->aboutToShow();
    const auto actions = menu->actions();
    QVERIFY(!actions.isEmpty());
    QVERIFY2(actions.front()->text().startsWith(name + QStringLiteral(" — ")), qPrintable(actions.front()->text()));
    QVERIFY(actions.front()->isEnabled());
    QTimer::singleShot(0, &window, [] {
        // Opening asks who is labeling, suggesting the last name used on this file: accept it.
        if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget()))
            dialog->accept();
    });
    actions.front()->trigger();
    QVERIFY(window.document());
    QCOMPARE(QFileInfo(window.document()->filePath()).canonicalFilePath(),
             QFileInfo(QString::fromStdString(m_project.string())).canonicalFilePath());
    window.closeProject();
}

/// View → Fit every new image (on by default) fits the next image; off, the zoom is kept, so
/// like images can be compared at the same spot (issue #19).
void TestLabelingLoop::keepZoomFromImageToImage()
{
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("zoomer")));
    window.resize(900, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *canvas = window.findChild<ui::ImageCanvas *>();
    auto *fitNew = window.findChild<QAction *>(QStringLiteral("actionFitNewImages"));
    QVERIFY(canvas && fitNew);
    QVERIFY(fitNew->isChecked()); // the default
    QTRY_VERIFY(canvas->hasImage());
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier); // actual pixels
    QCOMPARE(canvas->viewScale(), 1.0);
    QTest::keyClick(&window, Qt::Key_D);
    QTRY_VERIFY(canvas->hasImage());
    QVERIFY(canvas->isFitting()); // fitted again: an 800×600 image in a smaller view
    QVERIFY(canvas->viewScale() < 1.0);

    fitNew->setChecked(false);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QTest::keyClick(&window, Qt::Key_D);
    QTRY_VERIFY(canvas->hasImage());
    QCOMPARE(canvas->viewScale(), 1.0); // kept
    fitNew->setChecked(true);
    window.closeProject();
}

#include "tst_labelingloop.moc"
