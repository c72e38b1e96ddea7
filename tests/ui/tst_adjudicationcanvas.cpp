// SPDX-License-Identifier: GPL-3.0-or-later
// The adjudication picture (issue #19, "Adjudication and example images zoom and pan like the
// labeling view; overlapping labeler tags are laid out so every one is readable"): fitted at
// first, zoomed about the cursor by the wheel, panned by a drag, fitted again by a double-click,
// and three labelers' tags on the same mark never overlap. Expected positions worked out by
// hand from the 1200 × 800 image in a 600 × 400 widget (scale 0.5).
#include "ui/lead/adjudicationcanvas.h"

#include <QApplication>
#include <QTest>
#include <QWheelEvent>

#include <cmath>

using namespace concord;

class TestAdjudicationCanvas final : public QObject
{
    Q_OBJECT

private slots:
    void zoomsPansAndFits();
    void tagsDoNotOverlap();
};

namespace {

bool near(QPointF a, QPointF b, double tolerance = 0.01)
{
    return std::abs(a.x() - b.x()) <= tolerance && std::abs(a.y() - b.y()) <= tolerance;
}

core::Annotation box(double x1, double y1, double x2, double y2)
{
    core::Annotation a;
    a.kind = core::AnnotationKind::Box;
    a.geometry = QStringLiteral(R"({"x1":%1,"y1":%2,"x2":%3,"y2":%4})").arg(x1).arg(y1).arg(x2).arg(y2).toStdString();
    return a;
}

} // namespace

void TestAdjudicationCanvas::zoomsPansAndFits()
{
    ui::AdjudicationCanvas canvas;
    canvas.resize(600, 400);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    QImage image(1200, 800, QImage::Format_RGB32);
    image.fill(Qt::gray);
    canvas.setImage(image, image.size());
    QVERIFY(canvas.isFitted());
    QCOMPARE(canvas.scale(), 0.5);
    QVERIFY(near(canvas.toWidget({600, 400}), {300, 200}));

    // One wheel notch at (450, 300): the image point there, (900, 600), stays under the cursor.
    QWheelEvent wheel(QPointF(450, 300), canvas.mapToGlobal(QPointF(450, 300)), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&canvas, &wheel);
    QVERIFY(!canvas.isFitted());
    QCOMPARE(canvas.scale(), 0.625);
    QVERIFY(near(canvas.toWidget({900, 600}), {450, 300}));

    // A drag of (50, −20) moves the picture with the mouse.
    QTest::mousePress(&canvas, Qt::LeftButton, {}, QPoint(100, 100));
    QTest::mouseMove(&canvas, QPoint(150, 80));
    QTest::mouseRelease(&canvas, Qt::LeftButton, {}, QPoint(150, 80));
    QVERIFY(near(canvas.toWidget({900, 600}), {500, 280}));

    // A double-click fits again, and a fitted picture follows the widget's size.
    QTest::mouseDClick(&canvas, Qt::LeftButton, {}, QPoint(200, 200));
    QVERIFY(canvas.isFitted());
    QCOMPARE(canvas.scale(), 0.5);
    canvas.resize(1200, 800);
    QCOMPARE(canvas.scale(), 1.0);
}

void TestAdjudicationCanvas::tagsDoNotOverlap()
{
    ui::AdjudicationCanvas canvas;
    canvas.resize(600, 400);
    QImage image(1200, 800, QImage::Format_RGB32);
    image.fill(Qt::gray);
    canvas.setImage(image, image.size());
    // Three labelers boxed the same mark, their corners a pixel or two apart.
    canvas.setLayers({{QStringLiteral("ana"), Qt::red, {box(500, 300, 600, 400)}, true},
                      {QStringLiteral("ben"), Qt::green, {box(501, 301, 601, 401)}, true},
                      {QStringLiteral("eli"), Qt::blue, {box(499, 302, 602, 399)}, true}});
    (void)canvas.grab(); // paints
    const auto &tags = canvas.tagRects();
    QCOMPARE(tags.size(), std::size_t(3));
    for (std::size_t i = 0; i < tags.size(); ++i)
        for (std::size_t j = i + 1; j < tags.size(); ++j)
            QVERIFY2(!tags[i].intersects(tags[j]), qPrintable(QStringLiteral("tags %1 and %2 overlap").arg(i).arg(j)));
}

QTEST_MAIN(TestAdjudicationCanvas)
#include "tst_adjudicationcanvas.moc"
