// SPDX-License-Identifier: GPL-3.0-or-later
// First run (issue 9): the start page offers the tour; the tour walks the six steps of the
// raise-HLP loop by keyboard, each with its picture, and ends on "try it on the demo".
#include "uitestsupport.h"

#include "ui/shell/datafolder.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/startpage.h"
#include "ui/shell/tourdialog.h"

#include <QCommandLinkButton>
#include <QDir>
#include <QFile>
#include <QFileInfo>
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
        const QStringList steps{QStringLiteral("Label"),    QStringLiteral("disagree"),   QStringLiteral("cause"),
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

    /// The demo's folder was ~/.local/share/Concord/Concord: Qt's AppDataLocation appends the
    /// organisation and the application name, both "Concord" (issue 19). It is now
    /// ~/.local/share/Concord (XDG_DATA_HOME here), and a demo in the old folder moves there.
    void dataFolderIsNotDoubled()
    {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        const QByteArray savedHome = qgetenv("XDG_DATA_HOME");
        const QString org = QCoreApplication::organizationName(), app = QCoreApplication::applicationName();
        qputenv("XDG_DATA_HOME", QFile::encodeName(data.path()));
        QCoreApplication::setOrganizationName(QStringLiteral("Concord")); // as app/gui/main.cpp
        QCoreApplication::setApplicationName(QStringLiteral("Concord"));
        auto write = [](const QString &file, const QByteArray &bytes) {
            QDir().mkpath(QFileInfo(file).absolutePath());
            QFile f(file);
            return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
        };
        auto read = [](const QString &file) {
            QFile f(file);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const QString oldDemo = data.filePath(QStringLiteral("Concord/Concord/demo/demo.concord"));
        const QString newDemo = data.filePath(QStringLiteral("Concord/demo/demo.concord"));
        QVERIFY(write(oldDemo, "demo of an earlier version"));

        QCOMPARE(ui::dataFolder(), data.filePath(QStringLiteral("Concord")));
        QCOMPARE(read(newDemo), QByteArray("demo of an earlier version"));
        QVERIFY(!QFileInfo::exists(data.filePath(QStringLiteral("Concord/Concord"))));
        QCOMPARE(ui::dataFolder(), data.filePath(QStringLiteral("Concord"))); // nothing left to move

        // A demo in both places: the new one stays, the old one is not thrown away.
        QVERIFY(write(oldDemo, "another old demo"));
        QCOMPARE(ui::dataFolder(), data.filePath(QStringLiteral("Concord")));
        QCOMPARE(read(newDemo), QByteArray("demo of an earlier version"));
        QCOMPARE(read(oldDemo), QByteArray("another old demo"));

        QCoreApplication::setOrganizationName(org);
        QCoreApplication::setApplicationName(app);
        if (savedHome.isNull())
            qunsetenv("XDG_DATA_HOME");
        else
            qputenv("XDG_DATA_HOME", savedHome);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestTour)
#include "tst_tour.moc"
