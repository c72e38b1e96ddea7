// SPDX-License-Identifier: GPL-3.0-or-later
// The polygon and point tools and each shape's own class (issue #17), driven by keys and clicks
// on the labeling view as a labeler would. What is checked is read back from the project
// through a fresh core connection; vertices and areas are worked out by hand in comments. The
// canvas is at 1:1 (Ctrl+1), so a click N screen pixels from another lands N image pixels from
// it: the test knows each vertex up to the one offset Qt's view mapping gives the first click.
#include "uitestsupport.h"

#include "core/geometry/geometry.h"
#include "core/store/store.h"
#include "ui/canvas/annotationitem.h"
#include "ui/canvas/imagecanvas.h"
#include "ui/document/projectdocument.h"
#include "ui/labeling/labelingview.h"
#include "ui/shell/mainwindow.h"

#include <QAction>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <vector>

using namespace concord;

namespace {

struct Stored
{
    std::optional<core::Label> label;
    std::vector<core::Annotation> shapes;
};

/// The labeler's label on the image and its shapes, as the project file holds them now.
Stored storedOf(const std::filesystem::path &project, const std::string &labeler, core::Id image)
{
    auto store = core::openProject(project, core::OpenMode::ReadOnly);
    Stored out;
    const auto who = store->labelerByName(labeler);
    if (!who)
        return out;
    out.label = store->label(image, who->id);
    if (out.label)
        out.shapes = store->annotationsOfLabel(out.label->id);
    return out;
}

core::Id classNamed(const std::filesystem::path &project, const std::string &name)
{
    auto store = core::openProject(project, core::OpenMode::ReadOnly);
    const auto c = store->classByName(name);
    return c ? c->id : 0;
}

std::vector<core::ShapePoint> verticesOf(const core::Annotation &a)
{
    return std::get<core::PolygonShape>(core::decodeGeometry(a.kind, a.geometry)).points;
}

} // namespace

class TestShapeTools final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void polygonByClicksAndEnter();
    void clickOnFirstPointCloses();
    void escapeCancelsAndBackspaceRemovesAPoint();
    void pointByOneClick();
    void classKeyOnASelectedShapeIsUndoable();
    void shapeClassSurvivesTheDraft();
    void polygonVerticesAndWholeMove();
    void guideScreenshot();

private:
    /// Opens the demo as `labeler` at 1:1 on their first image, without auto-advance.
    void open(ui::MainWindow &window, const QString &labeler);
    ui::ImageCanvas *canvas(ui::MainWindow &window) { return window.labelingView()->canvas(); }
    void click(ui::MainWindow &window, QPoint at)
    {
        QTest::mouseClick(canvas(window)->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    }
    QPoint origin(ui::MainWindow &window) { return canvas(window)->viewport()->rect().center() - QPoint(60, 50); }

    QTemporaryDir m_dir;
    std::filesystem::path m_project;
    core::Id m_ok = 0;
    core::Id m_scratch = 0;
    core::Id m_dent = 0;
};

void TestShapeTools::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.filePath(QStringLiteral("settings")));
    m_project = uitest::makeDemo(m_dir.path(), 24, 2, 1);
    // The demo's classes, keys 1, 2, 3, each of scope Both.
    m_ok = classNamed(m_project, "ok");
    m_scratch = classNamed(m_project, "scratch");
    m_dent = classNamed(m_project, "dent");
    QVERIFY(m_ok && m_scratch && m_dent);
}

void TestShapeTools::open(ui::MainWindow &window, const QString &labeler)
{
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), labeler));
    window.resize(1100, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.labelingView()->setAutoAdvance(false);
    QTRY_VERIFY_WITH_TIMEOUT(canvas(window)->hasImage(), 10000);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(canvas(window)->viewScale(), 1.0);
}

void TestShapeTools::polygonByClicksAndEnter()
{
    ui::MainWindow window;
    open(window, QStringLiteral("polly"));
    const core::Id image = window.labelingView()->currentImage();
    QTest::keyClick(&window, Qt::Key_1); // the image is "ok"
    const auto label = storedOf(m_project, "polly", image).label;
    QVERIFY(label);
    QCOMPARE(label->labelClass, m_ok);

    // An L: (0,0) (120,0) (120,40) (60,40) (60,100) (0,100). Its area by hand: the 120 × 40
    // bar plus the 60 × 60 leg below it, 4800 + 3600 = 8400 px².
    const QPoint o = origin(window);
    const QPointF base = canvas(window)->mapToScene(o);
    const QList<QPoint> l{{0, 0}, {120, 0}, {120, 40}, {60, 40}, {60, 100}, {0, 100}};
    auto *finish = window.findChild<QAction *>(QStringLiteral("actionFinishShape"));
    QVERIFY(finish);
    QVERIFY(!finish->isEnabled()); // Enter is free while nothing is drawn
    QTest::keyClick(&window, Qt::Key_P);
    QCOMPARE(canvas(window)->toolKind(), ui::ImageCanvas::ToolKind::Polygon);
    for (const QPoint &v : l)
        click(window, o + v);
    QVERIFY(canvas(window)->isDrawing());
    QVERIFY(finish->isEnabled());
    QVERIFY(canvas(window)->annotationItems().isEmpty()); // nothing stored before Enter
    QTest::keyClick(&window, Qt::Key_Return);
    QVERIFY(!canvas(window)->isDrawing());
    QVERIFY(!finish->isEnabled());
    QCOMPARE(canvas(window)->annotationItems().size(), 1);

    const Stored s = storedOf(m_project, "polly", image);
    QVERIFY(s.label);
    QCOMPARE(s.label->labelClass, m_ok); // drawing never changes the image's class
    QCOMPARE(int(s.shapes.size()), 1);
    const core::Annotation &polygon = s.shapes.front();
    QVERIFY(polygon.kind == core::AnnotationKind::Polygon);
    const auto vertices = verticesOf(polygon);
    QCOMPARE(int(vertices.size()), 6);
    for (int i = 0; i < l.size(); ++i) {
        QCOMPARE(vertices[std::size_t(i)].x, base.x() + l[i].x());
        QCOMPARE(vertices[std::size_t(i)].y, base.y() + l[i].y());
    }
    QCOMPARE(polygon.area, 8400.0);
    // Its own class: no object class used yet, so the first object class that is not "ok".
    QCOMPARE(polygon.classId, m_scratch);
    QCOMPARE(ui::LabelingView::defaultObjectClass(window.document()->classes()), m_scratch);
    // Drawn in its class's colour, its class named in its tag.
    const ui::AnnotationItem *item = canvas(window)->annotationItems().front();
    QCOMPARE(item->color(), QColor(QString::fromStdString(window.document()->labelClass(m_scratch)->color)));
    QVERIFY2(item->tagText().startsWith(QStringLiteral("scratch · ")), qPrintable(item->tagText()));
    QVERIFY2(item->tagText().endsWith(QStringLiteral("px²")) || item->tagText().endsWith(QStringLiteral("mm²")),
             qPrintable(item->tagText()));
    window.closeProject();
}

void TestShapeTools::clickOnFirstPointCloses()
{
    ui::MainWindow window;
    open(window, QStringLiteral("tria"));
    const core::Id image = window.labelingView()->currentImage();
    const QPoint o = origin(window);
    const QPointF base = canvas(window)->mapToScene(o);
    QTest::keyClick(&window, Qt::Key_P);
    click(window, o);
    click(window, o + QPoint(100, 0));
    click(window, o + QPoint(0, 60));
    // A click 2 px beside the first vertex closes the polygon (within 8 screen px).
    click(window, o + QPoint(2, -2));
    QVERIFY(!canvas(window)->isDrawing());
    QCOMPARE(canvas(window)->annotationItems().size(), 1);
    // No class chosen yet: a draft. Esc, then 3 gives the image "dent"; the triangle keeps
    // its own class.
    QTest::keyClick(&window, Qt::Key_Escape);
    QTest::keyClick(&window, Qt::Key_3);
    const Stored s = storedOf(m_project, "tria", image);
    QVERIFY(s.label);
    QCOMPARE(s.label->labelClass, m_dent);
    QCOMPARE(int(s.shapes.size()), 1);
    const auto vertices = verticesOf(s.shapes.front());
    QCOMPARE(int(vertices.size()), 3); // the closing click adds no vertex
    QCOMPARE(vertices[1].x, base.x() + 100);
    QCOMPARE(vertices[2].y, base.y() + 60);
    QCOMPARE(s.shapes.front().area, 3000.0); // ½ · 100 · 60
    QCOMPARE(s.shapes.front().classId, m_scratch);
    window.closeProject();
}

void TestShapeTools::escapeCancelsAndBackspaceRemovesAPoint()
{
    ui::MainWindow window;
    open(window, QStringLiteral("esme"));
    const core::Id image = window.labelingView()->currentImage();
    QTest::keyClick(&window, Qt::Key_1);
    const QPoint o = origin(window);
    const QPointF base = canvas(window)->mapToScene(o);
    QTest::keyClick(&window, Qt::Key_P);
    click(window, o);
    click(window, o + QPoint(80, 0));
    QVERIFY(canvas(window)->isDrawing());
    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(!canvas(window)->isDrawing());
    QCOMPARE(canvas(window)->toolKind(), ui::ImageCanvas::ToolKind::Select);
    QVERIFY(canvas(window)->annotationItems().isEmpty());
    QVERIFY(storedOf(m_project, "esme", image).shapes.empty());

    // Four clicks, Backspace drops the fourth: (0,0) (80,0) (80,80), area ½ · 80 · 80 = 3200.
    QTest::keyClick(&window, Qt::Key_P);
    click(window, o);
    click(window, o + QPoint(80, 0));
    click(window, o + QPoint(80, 80));
    click(window, o + QPoint(10, 120));
    QTest::keyClick(&window, Qt::Key_Backspace);
    QVERIFY(canvas(window)->isDrawing());
    QTest::keyClick(&window, Qt::Key_Enter); // the keypad's Enter finishes too
    const Stored s = storedOf(m_project, "esme", image);
    QCOMPARE(int(s.shapes.size()), 1);
    const auto vertices = verticesOf(s.shapes.front());
    QCOMPARE(int(vertices.size()), 3);
    QCOMPARE(vertices[2].x, base.x() + 80);
    QCOMPARE(vertices[2].y, base.y() + 80);
    QCOMPARE(s.shapes.front().area, 3200.0);
    // Fewer than three points: Enter finishes nothing.
    QTest::keyClick(&window, Qt::Key_P);
    click(window, o + QPoint(200, 0));
    click(window, o + QPoint(240, 0));
    QTest::keyClick(&window, Qt::Key_Return);
    QVERIFY(canvas(window)->isDrawing());
    QTest::keyClick(&window, Qt::Key_Escape);
    QCOMPARE(int(storedOf(m_project, "esme", image).shapes.size()), 1);
    window.closeProject();
}

void TestShapeTools::pointByOneClick()
{
    ui::MainWindow window;
    open(window, QStringLiteral("pia"));
    const core::Id image = window.labelingView()->currentImage();
    QTest::keyClick(&window, Qt::Key_1);
    const QPoint at = origin(window) + QPoint(33, 21);
    const QPointF expected = canvas(window)->mapToScene(at);
    QTest::keyClick(&window, Qt::Key_O);
    QCOMPARE(canvas(window)->toolKind(), ui::ImageCanvas::ToolKind::Point);
    click(window, at);
    const Stored s = storedOf(m_project, "pia", image);
    QCOMPARE(int(s.shapes.size()), 1);
    const core::Annotation &p = s.shapes.front();
    QVERIFY(p.kind == core::AnnotationKind::Point);
    const auto shape = std::get<core::PointShape>(core::decodeGeometry(p.kind, p.geometry));
    QCOMPARE(shape.at.x, expected.x());
    QCOMPARE(shape.at.y, expected.y());
    QCOMPARE(p.area, 0.0); // a point has neither area nor length
    QCOMPARE(p.lengthPx, 0.0);
    QCOMPARE(p.classId, m_scratch);
    window.closeProject();
}

void TestShapeTools::classKeyOnASelectedShapeIsUndoable()
{
    ui::MainWindow window;
    open(window, QStringLiteral("cleo"));
    const core::Id image = window.labelingView()->currentImage();
    QTest::keyClick(&window, Qt::Key_1); // the image is "ok"
    QTest::keyClick(&window, Qt::Key_B);
    const QPoint c = canvas(window)->viewport()->rect().center();
    uitest::drag(canvas(window)->viewport(), c - QPoint(40, 30), c + QPoint(40, 30));
    QCOMPARE(canvas(window)->annotationItems().size(), 1);
    QVERIFY(canvas(window)->annotationItems().front()->isSelected()); // a new shape comes back selected
    QCOMPARE(storedOf(m_project, "cleo", image).shapes.front().classId, m_scratch);

    // 3 with the box selected: the box is a dent, the image stays "ok".
    QTest::keyClick(&window, Qt::Key_3);
    Stored s = storedOf(m_project, "cleo", image);
    QVERIFY(s.label);
    QCOMPARE(s.label->labelClass, m_ok);
    QCOMPARE(int(s.shapes.size()), 1);
    QCOMPARE(s.shapes.front().classId, m_dent);
    QCOMPARE(window.labelingView()->currentImage(), image); // a shape's class never moves on
    QCOMPARE(window.document()->undoStack()->undoText(), QStringLiteral("Set shape class to dent"));
    const ui::AnnotationItem *item = canvas(window)->annotationItems().front();
    QVERIFY2(item->tagText().startsWith(QStringLiteral("dent · ")), qPrintable(item->tagText()));
    QCOMPARE(item->color(), QColor(QString::fromStdString(window.document()->labelClass(m_dent)->color)));

    // Undo gives the box its class back; redo makes it a dent again.
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    s = storedOf(m_project, "cleo", image);
    QCOMPARE(s.shapes.front().classId, m_scratch);
    QCOMPARE(s.label->labelClass, m_ok);
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(storedOf(m_project, "cleo", image).shapes.front().classId, m_dent);

    // The next shape drawn gets the class used last (dent).
    QTest::keyClick(&window, Qt::Key_O);
    click(window, c + QPoint(100, 0));
    s = storedOf(m_project, "cleo", image);
    QCOMPARE(int(s.shapes.size()), 2);
    QCOMPARE(s.shapes.back().classId, m_dent);

    // No shape selected: the key names the image, and no shape's class changes.
    QTest::keyClick(&window, Qt::Key_Escape);
    QCOMPARE(canvas(window)->selectedAnnotation(), -1);
    QTest::keyClick(&window, Qt::Key_2);
    s = storedOf(m_project, "cleo", image);
    QCOMPARE(s.label->labelClass, m_scratch);
    QCOMPARE(s.shapes.front().classId, m_dent);
    QCOMPARE(s.shapes.back().classId, m_dent);
    window.closeProject();
}

void TestShapeTools::shapeClassSurvivesTheDraft()
{
    core::Id image = 0;
    {
        ui::MainWindow window;
        open(window, QStringLiteral("dora"));
        image = window.labelingView()->currentImage();
        QTest::keyClick(&window, Qt::Key_B);
        const QPoint c = canvas(window)->viewport()->rect().center();
        uitest::drag(canvas(window)->viewport(), c - QPoint(30, 30), c + QPoint(30, 30));
        QTest::keyClick(&window, Qt::Key_3);                // the new box is selected: it becomes a dent
        QVERIFY(!storedOf(m_project, "dora", image).label); // still no label: a draft
        QVERIFY(window.close());
    }
    ui::MainWindow window;
    open(window, QStringLiteral("dora"));
    QCOMPARE(window.labelingView()->currentImage(), image);
    QCOMPARE(canvas(window)->annotationItems().size(), 1);
    QVERIFY(canvas(window)->annotationItems().front()->tagText().startsWith(QStringLiteral("dent · ")));
    QTest::keyClick(&window, Qt::Key_1); // nothing selected after reopening: the image is "ok"
    const Stored s = storedOf(m_project, "dora", image);
    QVERIFY(s.label);
    QCOMPARE(s.label->labelClass, m_ok);
    QCOMPARE(int(s.shapes.size()), 1);
    QCOMPARE(s.shapes.front().classId, m_dent);
    window.closeProject();
}

void TestShapeTools::polygonVerticesAndWholeMove()
{
    ui::MainWindow window;
    open(window, QStringLiteral("vera"));
    const core::Id image = window.labelingView()->currentImage();
    QTest::keyClick(&window, Qt::Key_1);
    const QPoint o = origin(window);
    const QPointF base = canvas(window)->mapToScene(o);
    QTest::keyClick(&window, Qt::Key_P);
    for (const QPoint v : {QPoint(0, 0), QPoint(100, 0), QPoint(100, 100), QPoint(0, 100)})
        click(window, o + v);
    QTest::keyClick(&window, Qt::Key_Return);
    QCOMPARE(storedOf(m_project, "vera", image).shapes.front().area, 10000.0);

    // With the select tool, vertex 2 (100,100) dragged to (150,100): a trapezoid with parallel
    // sides 100 and 150, height 100: (100 + 150) / 2 · 100 = 12500 px².
    QTest::keyClick(&window, Qt::Key_V);
    QVERIFY(canvas(window)->annotationItems().front()->isSelected());
    uitest::drag(canvas(window)->viewport(), o + QPoint(100, 100), o + QPoint(150, 100));
    Stored s = storedOf(m_project, "vera", image);
    auto vertices = verticesOf(s.shapes.front());
    QCOMPARE(vertices[2].x, base.x() + 150);
    QCOMPARE(vertices[2].y, base.y() + 100);
    QCOMPARE(s.shapes.front().area, 12500.0);
    QCOMPARE(s.shapes.front().classId, m_scratch); // an edit keeps the class

    // A drag inside moves the whole polygon by (20, 30): same area.
    uitest::drag(canvas(window)->viewport(), o + QPoint(40, 50), o + QPoint(60, 80));
    s = storedOf(m_project, "vera", image);
    vertices = verticesOf(s.shapes.front());
    QCOMPARE(vertices[0].x, base.x() + 20);
    QCOMPARE(vertices[0].y, base.y() + 30);
    QCOMPARE(vertices[2].x, base.x() + 170);
    QCOMPARE(s.shapes.front().area, 12500.0);
    window.closeProject();
}

/// Not a test: with CONCORD_GUIDE_SCREENSHOT=FILE, draws boxes of two classes, a polygon and a
/// point on a demo image through the GUI and saves the window as the user guide's picture.
void TestShapeTools::guideScreenshot()
{
    const QString file = qEnvironmentVariable("CONCORD_GUIDE_SCREENSHOT");
    if (file.isEmpty())
        QSKIP("set CONCORD_GUIDE_SCREENSHOT=FILE to save the user guide's picture");
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("shots")));
    window.resize(1400, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    ui::LabelingView *view = window.labelingView();
    view->setAutoAdvance(false);
    QTRY_VERIFY_WITH_TIMEOUT(canvas(window)->hasImage(), 10000);
    ui::ImageCanvas *c = canvas(window);
    const auto at = [c](double fx, double fy) {
        const QSize s = c->imageSize();
        return c->mapFromScene(QPointF(fx * s.width(), fy * s.height()));
    };
    QTest::keyClick(&window, Qt::Key_2); // the image: scratch
    QTest::keyClick(&window, Qt::Key_B);
    uitest::drag(c->viewport(), at(0.10, 0.15), at(0.38, 0.32)); // a scratch box (the default class)
    uitest::drag(c->viewport(), at(0.62, 0.58), at(0.80, 0.80));
    QTest::keyClick(&window, Qt::Key_3); // this box: dent
    QTest::keyClick(&window, Qt::Key_P);
    for (const auto &[x, y] :
         std::vector<std::pair<double, double>>{{0.20, 0.55}, {0.34, 0.50}, {0.44, 0.62}, {0.38, 0.80}, {0.24, 0.78}})
        click(window, at(x, y));
    QTest::keyClick(&window, Qt::Key_Return); // a dent polygon (the class used last)
    QTest::keyClick(&window, Qt::Key_2);      // ... made a scratch
    QTest::keyClick(&window, Qt::Key_O);
    click(window, at(0.72, 0.25)); // a point
    QTest::keyClick(&window, Qt::Key_3);
    QTest::keyClick(&window, Qt::Key_V); // select the polygon: its vertices show handles
    click(window, at(0.32, 0.66));
    QTest::qWait(300);
    QVERIFY(window.grab().save(file));
    window.closeProject();
}

QTEST_MAIN(TestShapeTools)
#include "tst_shapetools.moc"
