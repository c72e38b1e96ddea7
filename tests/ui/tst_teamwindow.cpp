// SPDX-License-Identifier: GPL-3.0-or-later
// The window on a team server (issue #18): a labeler signs in through their own login and
// labels in the same window as on a file, sees nothing of the others, and the lead's document
// learns of a labeler's save without doing anything (LISTEN/NOTIFY behind dataVersion). The
// expected values are read from the server through core, as the lead.
#include "../core/store_backends.h"
#include "uitestsupport.h"

#include "core/common/error.h"
#include "core/common/hash.h"
#include "core/project/project_copy.h"
#include "core/project/project_ops.h"
#include "core/store/server.h"
#include "ui/document/projectdocument.h"
#include "ui/image/imagecache.h"
#include "ui/image/scaledimage.h"
#include "ui/labeling/labelingview.h"
#include "ui/models/queuemodel.h"
#include "ui/models/recentprojectsmodel.h"
#include "ui/shell/connectdialog.h"
#include "ui/shell/mainwindow.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace concord;

class TestTeamWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void connectDialogBuildsTheConnectionString();
    void labelerLabelsThroughTheirOwnLogin();
    void leadSeesALabelersSaveWithoutAsking();
    void recentServersKeepNoPassword();
    void serverGoingAwayKeepsTheWindowUsable();
    void imagesComeFromTheServerOffTheGuiThread();

private:
    QTemporaryDir m_dir;
    std::string m_server;     ///< the project as the lead (the test server's superuser)
    std::string m_labelerUri; ///< the project as ben, password included
    QString m_cache;
};

void TestTeamWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.filePath(QStringLiteral("settings")));
    m_cache = m_dir.filePath(QStringLiteral("cache"));
    qputenv("CONCORD_IMAGE_CACHE", m_cache.toUtf8());
    // A demo file project pushed to a fresh server database; ben gets a login of his own.
    const auto file = uitest::makeDemo(m_dir.path(), 24, 3, 2);
    m_server = concord_test::freshServerDatabase("teamwindow");
    auto from = core::openProject(file, core::OpenMode::ReadOnly);
    auto to = core::createServerProject(m_server, from->settings());
    core::copyProject(*from, *to);
    QVERIFY(to->labelerByName("ben"));
    core::addServerUser(*to, "ben", core::Role::Labeler, std::string("ben-pw"));
    m_labelerUri = concord_test::withLogin(m_server, "ben", "ben-pw");
}

void TestTeamWindow::connectDialogBuildsTheConnectionString()
{
    ui::ConnectDialog dialog(QStringLiteral("postgresql://ana@labels.example:6543/line3?sslmode=require"));
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("serverHost"))->text(), QStringLiteral("labels.example"));
    QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("serverPort"))->value(), 6543);
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("serverDatabase"))->text(), QStringLiteral("line3"));
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("serverUser"))->text(), QStringLiteral("ana"));
    QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("serverTls"))->currentData().toString(),
             QStringLiteral("require"));
    // A password with a quote and a backslash survives libpq's quoting.
    dialog.findChild<QLineEdit *>(QStringLiteral("serverPassword"))->setText(QStringLiteral("it's a \\secret"));
    const auto parts = core::pg::parseConnectionString(dialog.location().toStdString());
    const auto value = [&](const std::string &key) {
        for (const auto &[k, v] : parts)
            if (k == key)
                return v;
        return std::string();
    };
    QCOMPARE(value("host"), std::string("labels.example"));
    QCOMPARE(value("port"), std::string("6543"));
    QCOMPARE(value("dbname"), std::string("line3"));
    QCOMPARE(value("user"), std::string("ana"));
    QCOMPARE(value("password"), std::string("it's a \\secret"));
    QCOMPARE(value("sslmode"), std::string("require"));
}

void TestTeamWindow::labelerLabelsThroughTheirOwnLogin()
{
    // An empty desk cache: the first image is fetched by the decoder's worker, and a key pressed
    // before it is there still labels (the file is on its way, not missing).
    QDir(m_cache).removeRecursively();
    auto lead = core::openStore(m_server);
    const core::Id ben = lead->labelerByName("ben")->id;
    const auto queue = lead->queue(ben);
    QVERIFY(queue.size() >= 4);

    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_labelerUri), QStringLiteral("ben")));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    ui::QueueModel *model = window.labelingView()->queueModel();
    while (model->canFetchMore({}))
        model->fetchMore({});
    QCOMPARE(model->rowCount(), int(lead->queueSize(ben)));
    // Nothing in the window names another labeler.
    QStringList texts = uitest::visibleTexts(&window);
    for (const QAbstractItemModel *m : window.findChildren<QAbstractItemModel *>())
        texts << uitest::modelTexts(*m);
    for (const auto &l : lead->labelers())
        if (l.name != "ben" && l.role == core::Role::Labeler)
            for (const QString &t : std::as_const(texts)) {
                const QRegularExpression name(QStringLiteral("\\b%1\\b").arg(QString::fromStdString(l.name)));
                QVERIFY2(!name.match(t).hasMatch(), qPrintable(t));
            }

    // The current image gets a class other than ben's (the demo labeled his queue), by its
    // key: the server has the new class.
    const int row = window.labelingView()->currentIndex();
    QVERIFY(row >= 0);
    const core::Id image = model->index(row).data(ui::QueueModel::ImageIdRole).toLongLong();
    const auto before = lead->label(image, ben);
    core::LabelClass cls;
    for (const auto &c : lead->classes())
        if (!before || c.id != before->labelClass)
            cls = c;
    QCOMPARE(cls.shortcut.size(), std::size_t(1));
    QTest::keyClick(&window, cls.shortcut.front());
    QTRY_VERIFY_WITH_TIMEOUT(lead->label(image, ben) && lead->label(image, ben)->labelClass == cls.id, 5000);
    // The image came from the server through the desk's cache.
    QVERIFY(QDir(m_cache).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size() > 0);
}

void TestTeamWindow::leadSeesALabelersSaveWithoutAsking()
{
    auto doc = ui::ProjectDocument::open(QString::fromStdString(m_server));
    QSignalSpy reloaded(doc.get(), &ui::ProjectDocument::reloaded);
    auto ben = core::openStore(m_labelerUri);
    const core::Id me = ben->labelerByName("ben")->id;
    // ben changes his mind on his first image (the demo labeled his whole queue).
    const auto first = ben->queue(me, 0, 1).front();
    const auto classes = ben->classes();
    const core::Id other = first.myLabelClass == classes.front().id ? classes.back().id : classes.front().id;
    core::saveLabel(*ben, first.image, me, other);
    // The lead's window polls; the server's notification makes the poll see the change.
    QTRY_VERIFY_WITH_TIMEOUT(reloaded.count() > 0, 5000);
}

void TestTeamWindow::recentServersKeepNoPassword()
{
    ui::RecentProjectsModel recent;
    recent.add(QString::fromStdString(m_labelerUri), QStringLiteral("Line 3"));
    const QModelIndex first = recent.index(0);
    const QString kept = first.data(ui::RecentProjectsModel::PathRole).toString();
    QVERIFY(!kept.contains(QStringLiteral("ben-pw")));
    QVERIFY(kept.contains(QStringLiteral("user=ben")));
    QVERIFY(!first.data(ui::RecentProjectsModel::MissingRole).toBool());
    QVERIFY(first.data(Qt::DisplayRole).toString().startsWith(QStringLiteral("Line 3 — ")));
}

void TestTeamWindow::serverGoingAwayKeepsTheWindowUsable()
{
    // A server of this test's own, stopped while ben labels: the window stays usable, says once
    // that the label is not saved yet, and saves it when the server is back (issue #18 "faults").
    const QString script = QStringLiteral(CONCORD_TEST_DATA "/../server/pg_server.sh");
    const QString dir = QStringLiteral("/tmp/concord-away-%1").arg(QCoreApplication::applicationPid());
    const auto server = [&](const QStringList &args) {
        QProcess p;
        p.start(QStringLiteral("bash"), QStringList{script} + args);
        return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    };
    QVERIFY(server({QStringLiteral("start"), dir, QStringLiteral("54342")}));
    const auto stop = qScopeGuard([&] { server({QStringLiteral("stop"), dir}); });
    const std::string admin =
        "host=" + dir.toStdString() + " port=54342 user=" + qEnvironmentVariable("PGUSER").toStdString();
    core::pg::Connection(admin + " dbname=postgres").execScript("CREATE DATABASE away");
    const std::string location = admin + " dbname=away";
    {
        auto store = core::initProject(location, {"away", 0, 1, false}, {"ok", "scratch"});
        const QDir images(QStringLiteral(CONCORD_TEST_DATA "/io/neu-det/images"));
        for (const QString &name : images.entryList({QStringLiteral("*.jpg")})) {
            QFile f(images.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const std::string bytes = f.readAll().toStdString();
            core::ImageRecord r;
            r.path = "shots/" + name.toStdString();
            r.hash = core::contentHash(bytes);
            r.bytes = static_cast<std::int64_t>(bytes.size());
            r.width = 200;
            r.height = 200;
            store->addImage(r);
            store->putImageContent(r.hash, bytes);
        }
    }

    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(location), QStringLiteral("ben")));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const int row = window.labelingView()->currentIndex();
    QVERIFY(row >= 0);
    const core::Id image =
        window.labelingView()->queueModel()->index(row).data(ui::QueueModel::ImageIdRole).toLongLong();

    QVERIFY(server({QStringLiteral("halt"), dir}));
    QTest::keyClick(&window, Qt::Key_2); // scratch, while the server is away
    QTest::qWait(300);
    QTest::keyClick(&window, Qt::Key_Right); // and the window goes on
    QTest::keyClick(&window, Qt::Key_Left);
    QTest::qWait(300);
    QVERIFY(window.isVisible());
    const QStringList texts = uitest::visibleTexts(&window);
    // One banner says so (not a storm of dialogs or messages), and goes when the server is back.
    const QStringList said = texts.filter(QRegularExpression(QStringLiteral("Not saved yet|cannot be reached")));
    QVERIFY2(said.size() == 1, qPrintable(said.join(QLatin1Char('|'))));
    auto *banner = window.findChild<QLabel *>(QStringLiteral("serverAwayBanner"));
    QVERIFY(banner && banner->isVisible());
    QVERIFY(QApplication::topLevelWidgets().size() >= 1);
    for (QWidget *w : QApplication::topLevelWidgets())
        QVERIFY2(!(w->isVisible() && qobject_cast<QDialog *>(w)), "a dialog popped up");

    QVERIFY(server({QStringLiteral("resume"), dir}));
    const auto savedOnServer = [&] {
        try {
            auto lead = core::openStore(location);
            const auto ben = lead->labelerByName("ben");
            const auto label = ben ? lead->label(image, ben->id) : std::nullopt;
            return label && label->labelClass == lead->classByName("scratch")->id;
        } catch (const core::Error &) {
            return false;
        }
    };
    QTRY_VERIFY_WITH_TIMEOUT(savedOnServer(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 5000);
}

void TestTeamWindow::imagesComeFromTheServerOffTheGuiThread()
{
    // With an empty desk cache the document answers with the cache file at once, without a
    // round trip on the GUI thread (the file is not there yet); the decoder's worker fetches
    // it, and the bytes are the server's (their hash is the one the project stores).
    QVERIFY(QDir(m_cache).removeRecursively());
    auto lead = core::openStore(m_server);
    const auto images = lead->images();
    QVERIFY(images.size() >= 2);
    auto doc = ui::ProjectDocument::open(QString::fromStdString(m_labelerUri));
    const QString first = doc->imageFilePath(images[0].id);
    const QString second = doc->imageFilePath(images[1].id);
    QVERIFY(first.startsWith(m_cache));
    QVERIFY(!QFileInfo::exists(first));
    QVERIFY(!QFileInfo::exists(second));

    ui::ImageCache cache;
    QSignalSpy ready(&cache, &ui::ImageCache::ready);
    cache.request(first);
    QTRY_VERIFY_WITH_TIMEOUT(cache.get(first) != nullptr, 20000);
    const auto decoded = cache.get(first);
    QVERIFY2(decoded->error.isEmpty(), qPrintable(decoded->error));
    QCOMPARE(decoded->size, QSize(images[0].width, images[0].height));
    QFile file(first);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(core::contentHash(file.readAll().toStdString()), images[0].hash);

    // The thumbnails' reader fetches the same way, on its worker.
    QSize full;
    QString error;
    const QImage thumb = QtConcurrent::run([&] { return ui::readScaledImage(second, 64, &full, &error); }).result();
    QVERIFY2(!thumb.isNull(), qPrintable(error));
    QCOMPARE(full, QSize(images[1].width, images[1].height));
    QVERIFY(QFileInfo::exists(second));

    // An image the server holds no bytes for is missing, with the server's reason (it stays in
    // the test database: this test runs last).
    core::ImageRecord ghost = images[0];
    ghost.path = "ghost.jpg";
    ghost.hash = std::string(images[0].hash.size(), '0');
    ghost.id = lead->addImage(ghost);
    const QString missing = doc->imageFilePath(ghost.id);
    cache.request(missing);
    QTRY_VERIFY_WITH_TIMEOUT(cache.get(missing) != nullptr, 20000);
    QVERIFY(cache.get(missing)->check.health == core::ImageHealth::Missing);
    QVERIFY2(cache.get(missing)->error.contains(QStringLiteral("no bytes")), qPrintable(cache.get(missing)->error));
}

QTEST_MAIN(TestTeamWindow)
#include "tst_teamwindow.moc"
