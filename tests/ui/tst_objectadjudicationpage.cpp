// SPDX-License-Identifier: GPL-3.0-or-later
// The Objects mode of the adjudication page (issue #17), end to end: a project whose three
// labelers leave three objects below the quorum, the lead switches the page to Objects (O),
// and decides them by keyboard: Enter accepts with the voted class, a class key accepts as
// that class, Delete drops, Ctrl+Z takes the last decision back. Every decision is read back
// through a second core connection; the queue is compared with a hand count and with
// core::objectQueue() on that connection.
#include "uitestsupport.h"

#include "core/adjudication/objectqueue.h"
#include "core/project/project_ops.h"
#include "core/store/store.h"
#include "ui/lead/adjudicationpage.h"
#include "ui/lead/labelercolors.h"
#include "ui/lead/leadview.h"
#include "ui/lead/objectadjudicationview.h"
#include "ui/lead/objectcanvas.h"
#include "ui/shell/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QTemporaryDir>
#include <QTest>

#include <string>

using namespace concord;

namespace {

core::Annotation box(double x1, double y1, double x2, double y2, core::Id cls)
{
    core::Annotation a;
    a.kind = core::AnnotationKind::Box;
    // core/geometry's JSON of two points (geometry.h), written out by hand.
    a.geometry = "{\"x1\":" + std::to_string(x1) + ",\"y1\":" + std::to_string(y1) + ",\"x2\":" + std::to_string(x2) +
                 ",\"y2\":" + std::to_string(y2) + "}";
    a.classId = cls;
    return a;
}

core::Annotation line(double x1, double y1, double x2, double y2, core::Id cls)
{
    core::Annotation a = box(x1, y1, x2, y2, cls);
    a.kind = core::AnnotationKind::Line;
    return a;
}

} // namespace

class TestObjectAdjudicationPage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void decideObjectsByKeyboard();

private:
    QTemporaryDir m_dir;
    std::filesystem::path m_project;
    core::Id m_ok = 0, m_scratch = 0, m_dent = 0, m_a = 0, m_b = 0;
};

void TestObjectAdjudicationPage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.filePath(QStringLiteral("settings")));
    m_project = std::filesystem::path(m_dir.filePath(QStringLiteral("objects.concord")).toStdString());
    core::ProjectSettings settings;
    settings.name = "objects";
    auto store = core::initProject(m_project.string(), settings, {"ok", "scratch", "dent"});
    m_ok = store->classByName("ok")->id; // key 1
    m_scratch = store->classByName("scratch")->id;
    m_dent = store->classByName("dent")->id;
    store->addLabeler("lead", core::Role::Lead);
    const auto image = [&](const QString &name) {
        return uitest::addPlainImage(*store, m_dir.path(), name, QSize(1000, 1000), QColor(0x80, 0x80, 0x80));
    };
    m_a = image(QStringLiteral("a.png"));
    m_b = image(QStringLiteral("b.png"));
    QVERIFY(m_a && m_b);
    const core::Id ana = store->addLabeler("ana", core::Role::Labeler);
    const core::Id ben = store->addLabeler("ben", core::Role::Labeler);
    const core::Id cy = store->addLabeler("cy", core::Role::Labeler);
    // By hand, with 3 labelers the majority quorum is 2 members:
    // - a.png: a box all three drew (IoU ≥ 0.8 pairwise: resolved); cy's lone 20 px dent box
    //   at (100,100)-(120,120) and ana's lone scratch line (700,800)-(760,800): 2 unresolved.
    // - b.png: a line all three drew (resolved); ben's lone scratch box (300,300)-(340,330):
    //   1 unresolved.
    // Three unresolved objects, in the engine's order: a.png box (cy), a.png line (ana),
    // b.png box (ben).
    core::saveLabel(*store, m_a, ana, m_scratch,
                    {box(400, 400, 460, 440, m_scratch), line(700, 800, 760, 800, m_scratch)});
    core::saveLabel(*store, m_a, ben, m_scratch, {box(401, 400, 460, 441, m_scratch)});
    core::saveLabel(*store, m_a, cy, m_scratch, {box(400, 402, 459, 440, m_scratch), box(100, 100, 120, 120, m_dent)});
    core::saveLabel(*store, m_b, ana, m_scratch, {line(50, 50, 250, 60, m_scratch)});
    core::saveLabel(*store, m_b, ben, m_scratch,
                    {line(52, 50, 250, 62, m_scratch), box(300, 300, 340, 330, m_scratch)});
    core::saveLabel(*store, m_b, cy, m_scratch, {line(50, 52, 248, 60, m_scratch)});
}

void TestObjectAdjudicationPage::decideObjectsByKeyboard()
{
    auto reader = core::openProject(m_project, core::OpenMode::ReadOnly);
    const auto expected = core::objectQueue(*reader);
    QCOMPARE(int(expected.objects.size()), 3); // the hand count above

    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("lead")));
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *page = window.leadView()->page<ui::AdjudicationPage>();
    QVERIFY(page);
    window.leadView()->showPage(page);
    QTRY_VERIFY(!page->isLoading());

    // Keys go where a person's would: to the focused widget (the queue), so that the page
    // sees them before the window's shortcuts do (the labeling view's menus use O, D, F, +, −).
    const auto press = [&window](Qt::Key key, Qt::KeyboardModifiers mods = Qt::NoModifier) {
        QWidget *focus = QApplication::focusWidget();
        QTest::keyClick(focus ? focus : &window, key, mods);
    };
    // O switches the page to its Objects mode, which reads the queue on a worker.
    QCOMPARE(int(page->mode()), int(ui::AdjudicationPage::Mode::Images));
    press(Qt::Key_O);
    QCOMPARE(int(page->mode()), int(ui::AdjudicationPage::Mode::Objects));
    ui::ObjectAdjudicationView *view = page->objectsView();
    QVERIFY(view->isVisible());
    QCOMPARE(QApplication::focusWidget(), view->focusTarget());
    QTRY_VERIFY(!view->isLoading() && !view->objects().empty());
    QCOMPARE(int(view->objects().size()), 3);
    for (std::size_t i = 0; i < expected.objects.size(); ++i) {
        QCOMPARE(view->objects()[i].image, expected.objects[i].image);
        QCOMPARE(view->objects()[i].points, expected.objects[i].points);
    }
    auto *queue = view->findChild<QListView *>(QStringLiteral("objectQueue"));
    QVERIFY(queue);
    QAbstractItemModelTester tester(queue->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(queue->model()->rowCount(), 3);
    auto *count = view->findChild<QLabel *>(QStringLiteral("objectCount"));
    QVERIFY2(count->text().contains(QStringLiteral("3 unresolved objects")), qPrintable(count->text()));

    // The first object: cy's 20 px dent box on a 1000 px image, framed large enough to judge
    // and drawn in cy's colour, which is no class's colour.
    auto current = view->currentObject();
    QVERIFY(current);
    QCOMPARE(current->image, m_a);
    QCOMPARE(current->classId, m_dent);
    ui::ObjectCanvas *canvas = view->canvas();
    QCOMPARE(int(canvas->members().size()), 1);
    const QRectF shown = canvas->objectOnScreen();
    QVERIFY2(shown.width() >= 60 && QRectF(canvas->rect()).contains(shown),
             qPrintable(QStringLiteral("%1 x %2 at %3,%4 in %5 x %6")
                            .arg(shown.width())
                            .arg(shown.height())
                            .arg(shown.left())
                            .arg(shown.top())
                            .arg(canvas->width())
                            .arg(canvas->height())));
    for (const auto &c : reader->classes())
        QVERIFY(ui::colorDistance(canvas->members()[0].color, QColor(QString::fromStdString(c.color))) >=
                ui::kMinLabelerClassDistance);
    // + zooms in by a step, − back; a drag pans the object by the drag.
    const double scale = canvas->scale();
    press(Qt::Key_Plus);
    QCOMPARE(canvas->scale(), scale * 1.25);
    press(Qt::Key_Minus);
    QCOMPARE(canvas->scale(), scale);
    const QPointF before = canvas->objectOnScreen().center();
    uitest::drag(canvas, QPoint(300, 300), QPoint(340, 320));
    QCOMPARE(canvas->objectOnScreen().center(), before + QPointF(40, 20));

    // I inverts this picture as it does the images' (the page's adjustment keys), I again not.
    press(Qt::Key_I);
    QVERIFY(canvas->adjustment().invert);
    press(Qt::Key_I);
    QVERIFY(canvas->adjustment().isIdentity());

    // Enter: accepted with the voted class (dent), by the lead; the next object is shown.
    const core::Id lead = reader->labelerByName("lead")->id;
    press(Qt::Key_Return);
    auto decisions = reader->objectDecisions();
    QCOMPARE(int(decisions.size()), 1);
    QCOMPARE(int(decisions[0].action), int(core::ObjectAction::Accept));
    QVERIFY(decisions[0].cls == std::optional<core::Id>(m_dent));
    QVERIFY(decisions[0].by == std::optional<core::Id>(lead));
    QCOMPARE(decisions[0].image, m_a);
    current = view->currentObject();
    QVERIFY(current);
    QCOMPARE(int(current->kind), int(core::AnnotationKind::Line)); // ana's line

    // 1: accepted as class "ok" (key 1), not the voted scratch.
    press(Qt::Key_1);
    decisions = reader->objectDecisions();
    QCOMPARE(int(decisions.size()), 2);
    QCOMPARE(int(decisions[1].action), int(core::ObjectAction::Class));
    QVERIFY(decisions[1].cls == std::optional<core::Id>(m_ok));
    QCOMPARE(int(decisions[1].kind), int(core::AnnotationKind::Line));

    // Delete: dropped, no class.
    current = view->currentObject();
    QVERIFY(current);
    QCOMPARE(current->image, m_b);
    press(Qt::Key_Delete);
    decisions = reader->objectDecisions();
    QCOMPARE(int(decisions.size()), 3);
    QCOMPARE(int(decisions[2].action), int(core::ObjectAction::Drop));
    QVERIFY(!decisions[2].cls);
    QCOMPARE(decisions[2].image, m_b);
    QTRY_VERIFY(!view->isLoading());
    QVERIFY(view->objects().empty());
    QVERIFY2(count->text().contains(QStringLiteral("No unresolved objects")), qPrintable(count->text()));
    QCOMPARE(view->acceptedCount(), std::int64_t(2));
    QCOMPARE(view->droppedCount(), std::int64_t(1));
    QCOMPARE(core::objectQueue(*reader).objects.size(), std::size_t(0));

    // Ctrl+Z: the drop is taken back; the object is listed and shown again.
    press(Qt::Key_Z, Qt::ControlModifier);
    decisions = reader->objectDecisions();
    QCOMPARE(int(decisions.size()), 2);
    QCOMPARE(int(decisions[1].action), int(core::ObjectAction::Class));
    QTRY_VERIFY(!view->isLoading() && view->objects().size() == 1);
    current = view->currentObject();
    QVERIFY(current);
    QCOMPARE(current->image, m_b);
    QCOMPARE(view->droppedCount(), std::int64_t(0));
    QCOMPARE(core::objectQueue(*reader).objects.size(), std::size_t(1));

    // D drops too; O goes back to the images, whose keys work again there.
    press(Qt::Key_D);
    QCOMPARE(int(reader->objectDecisions().size()), 3);
    press(Qt::Key_O);
    QCOMPARE(int(page->mode()), int(ui::AdjudicationPage::Mode::Images));
    press(Qt::Key_Return); // Images mode: "next", no object decision
    QCOMPARE(int(reader->objectDecisions().size()), 3);
}

QTEST_MAIN(TestObjectAdjudicationPage)
#include "tst_objectadjudicationpage.moc"
