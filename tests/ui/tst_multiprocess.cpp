// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #15 §1: nothing the lead saves in the window is lost while other Concord processes use
// the same project. The window runs in a child process (this executable with --child), so it
// can be SIGKILLed and its commits checked by fresh processes afterwards.
//
//   windowKeepsItsLocks  the window as lead (its dashboard and clusters workers open and close
//                        their own connections), then `concord-cli label` writes and exits,
//                        then the window saves a standard: a fresh concord-cli sees it, also
//                        after kill -9 of the window.
//   soak                 the window as lead, two labelers' windows and a CLI loop of label,
//                        attributes --compute, standard apply/undo and export on one project
//                        for about a minute; every write a process reported committed is in
//                        the file afterwards and PRAGMA integrity_check is ok.
#include "uitestsupport.h"

#include "core/store/sqlite_db.h"
#include "core/store/store.h"
#include "ui/document/projectdocument.h"
#include "ui/lead/dashboardpage.h"
#include "ui/lead/leadview.h"
#include "ui/shell/filedialogs.h"
#include "ui/shell/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileSystemModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <iostream>
#include <map>
#include <set>
#include <string>

using namespace concord;

namespace {

const QString kRule =
    QStringLiteral("when label in {ok, scratch} and length_mm is known: scratch if length_mm >= 1.5 else ok");

/// Words in a process's error output that mean the store itself failed, never a refusal.
const QStringList kStoreFailures{QStringLiteral("disk I/O"), QStringLiteral("malformed"),
                                 QStringLiteral("locked"),   QStringLiteral("busy"),
                                 QStringLiteral("readonly"), QStringLiteral("no such table")};

void say(const std::string &line)
{
    std::cout << line << std::endl; // flushed: the parent reads it as soon as it is written
}

void pump(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

/// The child: the real window on PROJECT as NAME. Modes:
///   hold   (lead) waits for the dashboard's worker, says READY, waits for a line on stdin,
///          saves a standard "held" and says "S held"; then runs until killed.
///   lead   saves a decision on an image, in turn, and every fifth step a standard, for MS
///          milliseconds, saying "D image class" / "S title" after each commit; then DONE.
///   label  sets a label on each row of its queue, in turn with a changing class, for MS
///          milliseconds, saying "L image class" once the store has it; then DONE.
int runChild(const QStringList &args)
{
    const QString mode = args.value(0), file = args.value(1), name = args.value(2);
    const int ms = args.value(3).toInt();
    QTemporaryDir settings;
    uitest::isolateSettings(settings.path());
    ui::MainWindow window;
    if (!window.openProject(file, name)) {
        std::cerr << "child: cannot open " << file.toStdString() << '\n';
        return 3;
    }
    window.show();
    ui::ProjectDocument *doc = window.document();
    std::vector<core::Id> classes;
    for (const auto &c : doc->classes())
        classes.push_back(c.id);
    bool leadFailed = false;
    QObject::connect(doc, &ui::ProjectDocument::leadActionFailed, [&](const QString &message) {
        std::cerr << "child: " << message.toStdString() << '\n';
        leadFailed = true;
    });

    if (mode == QLatin1String("hold")) {
        // The dashboard and the clusters page compute on workers with their own connections.
        auto *page = window.leadView()->page<ui::DashboardPage>();
        QElapsedTimer t;
        t.start();
        while (!(page->report() && !page->isComputing()) && t.elapsed() < 240000)
            pump(50);
        window.showPageNamed(QStringLiteral("clusters"));
        pump(2000);
        say("READY");
        std::string line;
        std::getline(std::cin, line);
        doc->createStandard({"held", "Saved after another process wrote and closed.", "", core::StandardStatus::Draft},
                            0, {});
        say("S held");
        while (true)
            pump(1000);
    }

    QElapsedTimer t;
    t.start();
    int step = 0;
    const auto images = core::openProject(file.toStdString(), core::OpenMode::ReadOnly)->images();
    while (t.elapsed() < ms) {
        if (mode == QLatin1String("lead")) {
            const auto &image = images[static_cast<std::size_t>(step) % images.size()];
            if (step % 5 == 4) {
                const std::string title = "soak " + std::to_string(step);
                doc->createStandard({title, "A standard saved during the soak.", "", core::StandardStatus::Draft}, 0,
                                    {});
                say("S " + title);
            } else {
                const core::Id cls = classes[static_cast<std::size_t>(step) % classes.size()];
                core::Decision d;
                d.image = image.id;
                d.labelClass = cls;
                d.note = "soak";
                leadFailed = false;
                doc->recordDecision(d);
                if (leadFailed)
                    return 4;
                say("D " + std::to_string(image.id) + ' ' + std::to_string(cls));
            }
        } else {
            const int rows = doc->queueSize();
            if (rows == 0)
                return 5;
            const core::QueueEntry entry = doc->queueEntry(step % rows);
            const core::Id cls = classes[static_cast<std::size_t>(step / rows + step) % classes.size()];
            doc->setLabel(entry.image, cls);
            // A save that met a lock is kept and retried: report it only once it is written.
            while (doc->hasUnsavedInput())
                pump(50);
            say("L " + std::to_string(entry.image) + ' ' + std::to_string(cls));
        }
        ++step;
        QCoreApplication::processEvents();
    }
    say("DONE");
    while (true)
        pump(1000);
}

} // namespace

class TestMultiProcess final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void windowKeepsItsLocks();
    void fileDialogNeverDropsTheLocks();
    void soak();

private:
    QJsonObject cliJson(const QStringList &args) const;
    /// Runs concord-cli; fails the test when its error output shows a store failure.
    int cli(const QStringList &args, QString *err = nullptr) const;
    QProcess *startChild(const QStringList &args);
    static QString waitForLine(QProcess &p, const QString &prefix, int ms);
    bool standardExists(const QString &file, const QString &title) const;
    /// The titles of every standard, as a fresh `concord-cli standard list` reads them.
    QSet<QString> standardTitles(const QString &file) const;

    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<QProcess>> m_children;
};

void TestMultiProcess::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.filePath(QStringLiteral("settings")));
}

int TestMultiProcess::cli(const QStringList &args, QString *err) const
{
    QProcess p;
    p.start(QStringLiteral(CONCORD_CLI), args);
    if (!p.waitForFinished(120000))
        return -1;
    const QString stderrText = QString::fromUtf8(p.readAllStandardError());
    for (const QString &word : kStoreFailures)
        if (stderrText.contains(word, Qt::CaseInsensitive))
            qWarning("concord-cli %s: %s", qPrintable(args.join(QLatin1Char(' '))), qPrintable(stderrText));
    if (err)
        *err = stderrText;
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

QJsonObject TestMultiProcess::cliJson(const QStringList &args) const
{
    QProcess p;
    p.start(QStringLiteral(CONCORD_CLI), args);
    p.waitForFinished(120000);
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

QProcess *TestMultiProcess::startChild(const QStringList &args)
{
    auto p = std::make_unique<QProcess>();
    p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p->start(QCoreApplication::applicationFilePath(), QStringList{QStringLiteral("--child")} + args);
    m_children.push_back(std::move(p));
    return m_children.back().get();
}

QString TestMultiProcess::waitForLine(QProcess &p, const QString &prefix, int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        while (p.canReadLine()) {
            const QString line = QString::fromUtf8(p.readLine()).trimmed();
            if (line.startsWith(prefix))
                return line;
        }
        if (p.state() == QProcess::NotRunning)
            return {};
        p.waitForReadyRead(200);
    }
    return {};
}

bool TestMultiProcess::standardExists(const QString &file, const QString &title) const
{
    return standardTitles(file).contains(title);
}

QSet<QString> TestMultiProcess::standardTitles(const QString &file) const
{
    const QJsonObject list =
        cliJson({QStringLiteral("standard"), QStringLiteral("list"), file, QStringLiteral("--json")});
    QSet<QString> titles;
    for (const auto &s : list[QStringLiteral("standards")].toArray())
        titles.insert(s.toObject()[QStringLiteral("title")].toString());
    return titles;
}

void TestMultiProcess::windowKeepsItsLocks()
{
    QTemporaryDir dir;
    const QString file = QString::fromStdString(uitest::makeDemo(dir.path(), 40, 3, 2).string());
    QProcess *window = startChild({QStringLiteral("hold"), file, QStringLiteral("lead")});
    QVERIFY(!waitForLine(*window, QStringLiteral("READY"), 280000).isEmpty());

    // Process B writes and exits: closing its last connection must not take the WAL away from
    // the window, which still has the project open.
    const auto store = core::openProject(file.toStdString(), core::OpenMode::ReadOnly);
    const std::string image = store->images().front().path;
    QCOMPARE(cli({QStringLiteral("label"), file, QStringLiteral("--labeler"), QStringLiteral("x"),
                  QString::fromStdString(image), QStringLiteral("ok")}),
             0);
    QVERIFY(QFileInfo::exists(file + QStringLiteral("-wal")));
    QVERIFY(QFileInfo::exists(file + QStringLiteral("-shm")));

    window->write("GO\n");
    QCOMPARE(waitForLine(*window, QStringLiteral("S "), 60000), QStringLiteral("S held"));
    QVERIFY2(standardExists(file, QStringLiteral("held")), "a fresh process does not see the window's save");
    window->kill();
    QVERIFY(window->waitForFinished(10000));
    QVERIFY2(standardExists(file, QStringLiteral("held")), "the window's save is lost after kill -9");
}

void TestMultiProcess::fileDialogNeverDropsTheLocks()
{
    // Qt's file dialog reads the first bytes of files whose name does not tell their type
    // (QMimeDatabase, for the Type column): it opened and closed demo.concord, -wal and -shm,
    // which dropped this process's locks (strace showed it). The window's dialogs must list
    // the project's folder without that.
    QTemporaryDir dir;
    const QString file = QString::fromStdString(uitest::makeDemo(dir.path(), 12, 3, 2).string());
    const auto store = core::openProject(file.toStdString()); // this process holds the locks
    QVERIFY(!store->images().empty());

    bool listed = false;
    QTimer poll;
    QElapsedTimer shown;
    shown.start();
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        auto *model = dialog ? dialog->findChild<QFileSystemModel *>() : nullptr;
        if (!model)
            return;
        // The type column is filled by the model's gatherer thread: once it shows the
        // project's type, every file of the folder has been looked at.
        const QModelIndex type = model->index(file, 2);
        if (type.isValid() && !type.data().toString().isEmpty() && !listed) {
            listed = true;
            shown.restart();
        }
        if ((listed && shown.elapsed() > 500) || shown.elapsed() > 20000)
            dialog->reject();
    });
    poll.start(100);
    QVERIFY(ui::openFileName(nullptr, QStringLiteral("Open project"), dir.path(),
                             QStringLiteral("Concord projects (*.concord);;All files (*)"))
                .isEmpty());
    poll.stop();
    QVERIFY(listed);

    QCOMPARE(cli({QStringLiteral("label"), file, QStringLiteral("--labeler"), QStringLiteral("x"),
                  QString::fromStdString(store->images().front().path), QStringLiteral("ok")}),
             0);
    QVERIFY2(QFileInfo::exists(file + QStringLiteral("-wal")) && QFileInfo::exists(file + QStringLiteral("-shm")),
             "the other process deleted the WAL this process still uses: the dialog dropped its locks");
}

void TestMultiProcess::soak()
{
    QTemporaryDir dir;
    const QString file = QString::fromStdString(uitest::makeDemo(dir.path(), 60, 5, 3).string());
    QCOMPARE(cli({QStringLiteral("attributes"), file, QStringLiteral("--compute")}), 0);
    QCOMPARE(cli({QStringLiteral("standard"), QStringLiteral("add"), file, QStringLiteral("--title"),
                  QStringLiteral("Scratch length"), QStringLiteral("--body"), QStringLiteral("1.5 mm or longer."),
                  QStringLiteral("--rule"), kRule}),
             0);
    const QJsonArray standards = cliJson({QStringLiteral("standard"), QStringLiteral("list"), file,
                                          QStringLiteral("--json")})[QStringLiteral("standards")]
                                     .toArray();
    QVERIFY(!standards.isEmpty());
    const QString standardId = QString::number(standards.last().toObject()[QStringLiteral("id")].toInteger());

    const QString ms = QStringLiteral("60000");
    QProcess *lead = startChild({QStringLiteral("lead"), file, QStringLiteral("lead"), ms});
    QProcess *ana = startChild({QStringLiteral("label"), file, QStringLiteral("ana"), ms});
    QProcess *ben = startChild({QStringLiteral("label"), file, QStringLiteral("ben"), ms});

    // The command line, meanwhile: label, attributes --compute, standard apply/undo, export.
    std::map<std::pair<std::string, std::string>, std::string> cliLabels; // (labeler, image) -> class
    const auto store = core::openProject(file.toStdString(), core::OpenMode::ReadOnly);
    const auto images = store->images();
    const char *classes[] = {"ok", "scratch", "dent"};
    int failures = 0, iterations = 0, applied = 0;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 62000) {
        const std::string image = images[static_cast<std::size_t>(iterations) % images.size()].path;
        const char *cls = classes[iterations % 3];
        if (cli({QStringLiteral("label"), file, QStringLiteral("--labeler"), QStringLiteral("cli"),
                 QString::fromStdString(image), QString::fromLatin1(cls)}) == 0)
            cliLabels[{"cli", image}] = cls;
        else
            ++failures;
        if (cli({QStringLiteral("attributes"), file, QStringLiteral("--compute")}) != 0)
            ++failures;
        QString err;
        if (cli({QStringLiteral("standard"), QStringLiteral("apply"), file, standardId}, &err) == 0)
            ++applied;
        // The undo is refused (exit 1) when a labeler relabeled what the apply set: that is
        // the undo keeping their work, not a failure.
        cli({QStringLiteral("standard"), QStringLiteral("undo"), file}, &err);
        for (const QString &word : kStoreFailures)
            failures += err.contains(word, Qt::CaseInsensitive) ? 1 : 0;
        if (cli({QStringLiteral("export"), file, dir.filePath(QStringLiteral("out-%1").arg(iterations)),
                 QStringLiteral("--format"), QStringLiteral("csv")}) != 0)
            ++failures;
        ++iterations;
    }
    QCOMPARE(failures, 0);
    QVERIFY(iterations >= 2);
    QVERIFY(applied >= 1);

    // Every child must have finished its minute without an error, and each report is a commit.
    std::map<std::pair<std::string, core::Id>, core::Id> labels; // (labeler, image) -> class
    std::map<core::Id, core::Id> decisions;                      // image -> class
    std::set<std::string> titles;
    const std::pair<QProcess *, std::string> children[] = {{lead, "lead"}, {ana, "ana"}, {ben, "ben"}};
    for (const auto &[p, who] : children) {
        bool done = false;
        QElapsedTimer w;
        w.start();
        while (!done && w.elapsed() < 120000) {
            while (p->canReadLine()) {
                const QString line = QString::fromUtf8(p->readLine()).trimmed();
                const QStringList f = line.split(QLatin1Char(' '));
                if (line == QLatin1String("DONE"))
                    done = true;
                else if (f.value(0) == QLatin1String("L"))
                    labels[{who, f.value(1).toLongLong()}] = f.value(2).toLongLong();
                else if (f.value(0) == QLatin1String("D"))
                    decisions[f.value(1).toLongLong()] = f.value(2).toLongLong();
                else if (f.value(0) == QLatin1String("S"))
                    titles.insert(line.mid(2).toStdString());
            }
            if (!done && (p->state() == QProcess::NotRunning || !p->waitForReadyRead(500)))
                if (p->state() == QProcess::NotRunning)
                    break;
        }
        QVERIFY2(done, who.c_str());
        p->kill(); // SIGKILL: what a child committed must survive it
        p->waitForFinished(10000);
    }
    QVERIFY(!labels.empty() && !decisions.empty() && !titles.empty());

    {
        core::sqlite::Database db(file.toStdString(), core::sqlite::Database::Access::ReadOnly);
        auto &st = db.prepare("PRAGMA integrity_check");
        QVERIFY(st.step());
        QCOMPARE(QString::fromStdString(st.text(0)), QStringLiteral("ok"));
        st.reset();
    }
    // A reported label or decision is in the file, unless a standard apply rewrote it later
    // (its source or method then says so).
    const auto after = core::openProject(file.toStdString(), core::OpenMode::ReadOnly);
    std::size_t windowFound = 0, cliFound = 0;
    for (const auto &row : after->labelRows()) {
        const auto it = labels.find({row.labelerName, row.label.image});
        if (it != labels.end()) {
            ++windowFound;
            if (row.label.source != core::LabelSource::Standard)
                QCOMPARE(row.label.labelClass, it->second);
        }
        const auto c = cliLabels.find({row.labelerName, row.imagePath});
        if (c != cliLabels.end()) {
            ++cliFound;
            if (row.label.source != core::LabelSource::Standard)
                QCOMPARE(row.className, c->second);
        }
    }
    QCOMPARE(windowFound, labels.size());
    QCOMPARE(cliFound, cliLabels.size());
    for (const auto &[image, cls] : decisions) {
        const auto d = after->decision(image);
        QVERIFY(d.has_value());
        if (d->method != core::DecisionMethod::Standard)
            QCOMPARE(d->labelClass.value_or(0), cls);
    }
    // One listing for all of them: a process per title took minutes when the lead's window
    // wrote many standards, past the test function's time limit.
    const QSet<QString> stored = standardTitles(file);
    for (const auto &title : titles)
        QVERIFY2(stored.contains(QString::fromStdString(title)), title.c_str());
    qInfo("soak: %d CLI rounds (%d applies), %zu labels, %zu decisions and %zu standards from the windows", iterations,
          applied, labels.size(), decisions.size(), titles.size());
}

int main(int argc, char **argv)
{
    Q_INIT_RESOURCE(concord);
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() > 2 && args[1] == QLatin1String("--child"))
        return runChild(args.mid(2));
    TestMultiProcess test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_multiprocess.moc"
