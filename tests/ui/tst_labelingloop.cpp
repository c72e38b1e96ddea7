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
#include "ui/labelingview.h"
#include "ui/mainwindow.h"
#include "ui/projectdocument.h"

#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace concord;

class TestLabelingLoop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void keyboardLoop();

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

    QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_0 + keys[19]));
    QCOMPARE(progress->text(), QStringLiteral("20 / 30"));
    QCOMPARE(view->currentIndex(), 20);
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

QTEST_MAIN(TestLabelingLoop)
#include "tst_labelingloop.moc"
