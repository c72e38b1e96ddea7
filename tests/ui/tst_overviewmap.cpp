// SPDX-License-Identifier: GPL-3.0-or-later
// The canvas's overview when zoomed (issue #19, "a minimap/overview when zoomed"): hidden while
// the whole image is in view, shown at 1:1 with the visible part outlined, and a click on it
// centres the view on that spot. The expected rectangles are worked out by hand from the
// viewport's size at 1:1 (one image pixel per device pixel).
#include "ui/canvas/imagecanvas.h"
#include "ui/canvas/overviewmap.h"
#include "ui/image/decodedimage.h"

#include <QScrollBar>
#include <QTest>

#include <cmath>
#include <memory>

using namespace concord;

class TestOverviewMap final : public QObject
{
    Q_OBJECT

private slots:
    void shownWhenZoomedAndMovesTheView();
};

void TestOverviewMap::shownWhenZoomedAndMovesTheView()
{
    // A 2000 × 1000 image, left half dark, right half light.
    QImage picture(2000, 1000, QImage::Format_RGB32);
    picture.fill(QColor(40, 40, 40));
    for (int y = 0; y < 1000; ++y)
        for (int x = 1000; x < 2000; ++x)
            picture.setPixel(x, y, qRgb(220, 220, 220));
    auto decoded = std::make_shared<ui::DecodedImage>();
    decoded->path = QStringLiteral("overview.png");
    decoded->size = picture.size();
    decoded->levels = {picture, picture.scaled(1000, 500)};

    ui::ImageCanvas canvas;
    canvas.resize(600, 400);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    canvas.setImage(decoded, picture.size());
    ui::OverviewMap *map = canvas.overview();
    QVERIFY(map);
    QVERIFY2(!map->isVisible(), "the whole image is in view");

    canvas.zoomOneToOne();
    QVERIFY(map->isVisible());
    // The map keeps the image's 2:1 shape in at most 160 px (plus its 2 px frame).
    QCOMPARE(map->size(), QSize(164, 84));
    // At 1:1 the view shows the viewport's own size in image pixels, centred on the image.
    const QSize vp = canvas.viewport()->size() * canvas.devicePixelRatioF();
    const QRectF shown = map->visibleRect();
    QCOMPARE_LE(std::abs(shown.width() - vp.width()), 1.0);
    QCOMPARE_LE(std::abs(shown.height() - vp.height()), 1.0);
    QCOMPARE_LE(std::abs(shown.center().x() - 1000.0), 1.0);
    QCOMPARE_LE(std::abs(shown.center().y() - 500.0), 1.0);
    // It sits inside the viewport's bottom-right corner.
    QVERIFY(canvas.viewport()->geometry().contains(map->geometry()));

    // A click on the map where image x = 1700, y = 300 lies centres the view there.
    const QPointF target(1700.0, 300.0);
    const QPointF on = map->mapPointOf(target);
    QCOMPARE_LE(std::abs(map->imagePointAt(on).x() - target.x()), 1e-9);
    QTest::mouseClick(map, Qt::LeftButton, {}, on.toPoint());
    const QPointF centre = canvas.mapToScene(canvas.viewport()->rect().center());
    // The click lands on a whole map pixel: one map pixel is 2000 / 160 = 12.5 image pixels.
    QCOMPARE_LE(std::abs(centre.x() - target.x()), 13.0);
    QCOMPARE_LE(std::abs(centre.y() - target.y()), 13.0);
    QCOMPARE_LE(std::abs(map->visibleRect().center().x() - centre.x()), 1.0);

    // Back to fit: hidden again.
    canvas.fitToWindow();
    QVERIFY(!map->isVisible());
}

QTEST_MAIN(TestOverviewMap)
#include "tst_overviewmap.moc"
