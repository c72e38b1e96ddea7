// SPDX-License-Identifier: GPL-3.0-or-later
// Image adjustments (issue #19): the lookup table by hand, the keys in the labeling view and on
// the adjudication page, and that they change only what is shown.
#include "uitestsupport.h"

#include "core/store/store.h"
#include "ui/canvas/imagecanvas.h"
#include "ui/image/imageadjustment.h"
#include "ui/labeling/labelingview.h"
#include "ui/lead/adjudicationcanvas.h"
#include "ui/lead/adjudicationpage.h"
#include "ui/shell/mainwindow.h"

#include <QApplication>
#include <QGraphicsScene>
#include <QLabel>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;
using ui::ImageAdjustment;

class TestImageAdjustment : public QObject
{
    Q_OBJECT

private slots:
    void tableByHand()
    {
        const auto identity = ui::adjustmentTable({});
        for (int i = 0; i < 256; ++i)
            QCOMPARE(int(identity[std::size_t(i)]), i);

        ImageAdjustment a;
        a.brightness = 0.2; // + 0.2 · 255 = 51
        QCOMPARE(int(ui::adjustmentTable(a)[100]), 151);
        QCOMPARE(int(ui::adjustmentTable(a)[250]), 255); // clamped

        a = {};
        a.contrast = 1.5;                                // 1.5 · (i − 127.5) + 127.5 = 1.5 i − 63.75
        QCOMPARE(int(ui::adjustmentTable(a)[100]), 86);  // 86.25
        QCOMPARE(int(ui::adjustmentTable(a)[200]), 236); // 236.25
        QCOMPARE(int(ui::adjustmentTable(a)[20]), 0);    // −33.75, clamped

        a = {};
        a.gamma = 2.0; // 255 · √(64 / 255) = 127.75
        QCOMPARE(int(ui::adjustmentTable(a)[64]), 128);
        QCOMPARE(int(ui::adjustmentTable(a)[0]), 0);
        QCOMPARE(int(ui::adjustmentTable(a)[255]), 255);

        a = {};
        a.invert = true;
        for (int i = 0; i < 256; i += 17)
            QCOMPARE(int(ui::adjustmentTable(a)[std::size_t(i)]), 255 - i);

        // Equalisation: one pixel at 10, two at 20, one at 30: cdf 1, 3, 4, cdf_min 1, N 4.
        std::array<std::uint32_t, 256> h{};
        h[10] = 1;
        h[20] = 2;
        h[30] = 1;
        a = {};
        a.equalize = true;
        const auto eq = ui::adjustmentTable(a, &h);
        QCOMPARE(int(eq[10]), 0);   // (1 − 1) / 3
        QCOMPARE(int(eq[20]), 170); // (3 − 1) / 3 · 255
        QCOMPARE(int(eq[25]), 170);
        QCOMPARE(int(eq[30]), 255);
        // One value throughout: nothing to spread, so no equalisation.
        std::array<std::uint32_t, 256> flat{};
        flat[40] = 9;
        QCOMPARE(int(ui::adjustmentTable(a, &flat)[40]), 40);
    }

    void stepsComeBack()
    {
        const ImageAdjustment none;
        QVERIFY(none.brighter(3).brighter(-3).isIdentity());
        QVERIFY(none.moreContrast(4).moreContrast(-4).isIdentity());
        QVERIFY(none.moreGamma(-2).moreGamma(2).isIdentity());
        QCOMPARE(none.brighter(100).brightness, 1.0);
        QCOMPARE(none.brighter(2).describe(), QStringLiteral("brightness +0.10"));
    }

    void appliedToColourAndGrey()
    {
        ImageAdjustment a;
        a.invert = true;
        const auto table = ui::adjustmentTable(a);
        QImage rgb(2, 1, QImage::Format_ARGB32);
        rgb.setPixel(0, 0, qRgba(10, 200, 30, 128));
        rgb.setPixel(1, 0, qRgba(0, 0, 255, 255));
        const QImage out = ui::applyAdjustment(rgb, table);
        QCOMPARE(out.pixel(0, 0), qRgba(245, 55, 225, 128)); // alpha kept
        QCOMPARE(out.pixel(1, 0), qRgba(255, 255, 0, 255));
        QCOMPARE(rgb.pixel(0, 0), qRgba(10, 200, 30, 128)); // the source is not changed
        QImage grey(1, 1, QImage::Format_Grayscale8);
        grey.scanLine(0)[0] = 40;
        const QImage greyOut = ui::applyAdjustment(grey, table);
        QCOMPARE(greyOut.format(), QImage::Format_Grayscale8);
        QCOMPARE(int(greyOut.constScanLine(0)[0]), 215);
    }

    void keysInTheLabelingView()
    {
        QTemporaryDir dir;
        uitest::isolateSettings(dir.filePath(QStringLiteral("settings")));
        const auto project = uitest::makeDemo(dir.path(), 6, 2, 1);
        ui::MainWindow window;
        QVERIFY(window.openProject(QString::fromStdString(project.string()), QStringLiteral("adjuster")));
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *canvas = window.findChild<ui::ImageCanvas *>();
        QVERIFY(canvas);
        QTRY_VERIFY(canvas->hasImage());
        const auto render = [canvas] {
            QImage picture(64, 48, QImage::Format_RGB32);
            picture.fill(Qt::black);
            QPainter p(&picture);
            canvas->scene()->render(&p, QRectF(0, 0, 64, 48), QRectF(QPointF(0, 0), QSizeF(canvas->imageSize())));
            return picture;
        };
        const QImage before = render();
        QTest::keyClick(&window, Qt::Key_I); // invert
        QVERIFY(canvas->adjustment().invert);
        const QImage inverted = render();
        const QRgb b = before.pixel(32, 24);
        const QRgb i = inverted.pixel(32, 24);
        QVERIFY2(std::abs(qRed(i) - (255 - qRed(b))) <= 2,
                 qPrintable(QString::number(qRed(b)) + QLatin1Char(' ') + QString::number(qRed(i))));
        QTest::keyClick(&window, Qt::Key_BracketRight);
        QTest::keyClick(&window, Qt::Key_BracketRight);
        QCOMPARE(canvas->adjustment().brightness, 0.1);
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("zoomLabel"))
                    ->text()
                    .contains(QStringLiteral("brightness +0.10")));
        // Kept on the next image, until reset.
        QTest::keyClick(&window, Qt::Key_D);
        QCOMPARE(canvas->adjustment().brightness, 0.1);
        QTest::keyClick(&window, Qt::Key_R);
        QVERIFY(canvas->adjustment().isIdentity());
        window.closeProject();
    }

    void keysOnTheAdjudicationPage()
    {
        QTemporaryDir dir;
        uitest::isolateSettings(dir.filePath(QStringLiteral("settings")));
        const auto project = uitest::makeDemo(dir.path(), 40, 3, 2);
        ui::MainWindow window;
        window.show();
        QVERIFY(window.openProject(QString::fromStdString(project.string()), QStringLiteral("lead")));
        QVERIFY(window.showPageNamed(QStringLiteral("adjudication")));
        auto *page = window.findChild<ui::AdjudicationPage *>();
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading(), 60000);
        auto *canvas = page->findChild<ui::AdjudicationCanvas *>();
        QVERIFY(canvas);
        QTRY_VERIFY_WITH_TIMEOUT(canvas->hasImage(), 60000);
        // The decision keys name their classes (the demo's 1 ok, 2 scratch, 3 dent).
        QCOMPARE(page->findChild<QAction *>(QStringLiteral("actionDecide2"))->text(),
                 QStringLiteral("Decide: scratch"));
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_VERIFY(page->isAncestorOf(QApplication::focusWidget()));
        QTest::keyClick(&window, Qt::Key_E);
        QVERIFY(canvas->adjustment().equalize);
        QTest::keyClick(&window, Qt::Key_BraceRight);
        QCOMPARE(canvas->adjustment().contrast, 1.1);
        QTest::keyClick(&window, Qt::Key_R);
        QVERIFY(canvas->adjustment().isIdentity());
        window.closeProject();
    }
};

QTEST_MAIN(TestImageAdjustment)
#include "tst_imageadjustment.moc"
