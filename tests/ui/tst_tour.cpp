// SPDX-License-Identifier: GPL-3.0-or-later
// First run (issue 9): the start page offers the tour; the tour walks the six steps of the
// raise-HLP loop by keyboard, each with its picture, and ends on "try it on the demo".
#include "uitestsupport.h"

#include "ui/mainwindow.h"
#include "ui/startpage.h"
#include "ui/tourdialog.h"

#include <QCommandLinkButton>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

class TestTour final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        Q_INIT_RESOURCE(concord);
        QVERIFY(m_dir.isValid());
        uitest::isolateSettings(m_dir.filePath(QStringLiteral("settings")));
    }

    void firstRunOffersTheTour()
    {
        ui::MainWindow window;
        window.show();
        auto *hint = window.startPage()->findChild<QLabel *>(QStringLiteral("firstRunHint"));
        QVERIFY(hint);
        QVERIFY(hint->isVisible()); // no recent project on a first run
        auto *tourButton = window.startPage()->findChild<QCommandLinkButton *>(QStringLiteral("tourButton"));
        QVERIFY(tourButton && tourButton->isVisible());
        tourButton->click();
        QTRY_VERIFY(window.findChild<ui::TourDialog *>());
        window.findChild<ui::TourDialog *>()->close();
    }

    void walksTheLoopByKeyboard()
    {
        ui::TourDialog tour;
        tour.show();
        QCOMPARE(tour.pageCount(), 6); // label, disagreement, clusters, standard, adjudicate, export
        const QStringList steps{QStringLiteral("Label"), QStringLiteral("disagree"), QStringLiteral("cause"),
                                QStringLiteral("standard"), QStringLiteral("Adjudicate"), QStringLiteral("Export")};
        auto *demo = tour.findChildren<QPushButton *>().at(0);
        for (auto *b : tour.findChildren<QPushButton *>())
            if (b->text().contains(QStringLiteral("demo")))
                demo = b;
        for (int page = 0; page < tour.pageCount(); ++page) {
            QCOMPARE(tour.currentPage(), page);
            QStringList texts = uitest::visibleTexts(&tour);
            QVERIFY2(texts.join(QLatin1Char(' ')).contains(steps[page]), qPrintable(texts.join(QLatin1Char('|'))));
            // Every page shows its picture of the real window (compiled into the resources).
            bool picture = false;
            for (auto *label : tour.findChildren<QLabel *>())
                picture = picture || !label->pixmap().isNull();
            QVERIFY2(picture, qPrintable(QStringLiteral("page %1 has no picture").arg(page + 1)));
            QCOMPARE(demo->isVisible(), page == tour.pageCount() - 1);
            QTest::keyClick(&tour, Qt::Key_Right);
        }
        QCOMPARE(tour.currentPage(), tour.pageCount() - 1); // stays on the last page
        QTest::keyClick(&tour, Qt::Key_Left);
        QCOMPARE(tour.currentPage(), tour.pageCount() - 2);
        QTest::keyClick(&tour, Qt::Key_PageDown);
        QSignalSpy demoRequested(&tour, &ui::TourDialog::demoRequested);
        demo->click();
        QCOMPARE(demoRequested.count(), 1);
        QVERIFY(!tour.isVisible());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestTour)
#include "tst_tour.moc"
