// SPDX-License-Identifier: GPL-3.0-or-later
// Blind labeling and lead rights are enforced at the core API, not only in the UI.
#include "core/common/error.h"
#include "core/project/project_ops.h"
#include "core/project/session.h"
#include "core/standards/standardbook.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace concord::core;

class TestSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    Id m_img[2] = {0, 0};
    Id m_ok = 0, m_scratch = 0;

    static bool denied(const std::function<void()> &f)
    {
        try {
            f();
        } catch (const Error &e) {
            return e.code() == ErrorCode::Denied;
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        m_store = initProject(m_dir.path().toStdString() + "/s.concord", {"s", 0, 2, false}, {"ok", "scratch"});
        for (int i = 0; i < 2; ++i) {
            ImageRecord r;
            r.path = "i" + std::to_string(i) + ".png";
            r.hash = r.path;
            r.width = r.height = 8;
            m_img[i] = m_store->addImage(r);
        }
        m_ok = m_store->classByName("ok")->id;
        m_scratch = m_store->classByName("scratch")->id;
        // ana and ben label the same image differently.
        auto ana = Session::labeler(*m_store, "ana");
        auto ben = Session::labeler(*m_store, "ben");
        ana.saveLabel(m_img[0], m_ok);
        ben.saveLabel(m_img[0], m_scratch);
    }

    void labelerSeesOnlyOwnLabels()
    {
        auto ana = Session::labeler(*m_store, "ana");
        QCOMPARE(ana.myLabel(m_img[0])->labelClass, m_ok);
        QVERIFY(!ana.myLabel(m_img[1]));
        QVERIFY(denied([&] { ana.allLabels(); }));
        QVERIFY(denied([&] { ana.labelsOfImage(m_img[0]); }));
        QVERIFY(denied([&] { ana.recordDecision({m_img[0], m_ok, DecisionMethod::Adjudicated, {}, {}, {}, {}}); }));
        QVERIFY(denied([&] { ana.leadStore(); }));
        // ben's label is untouched by ana's session.
        auto ben = Session::labeler(*m_store, "ben");
        QCOMPARE(ben.myLabel(m_img[0])->labelClass, m_scratch);
    }

    void leadReadsAllAndIsAudited()
    {
        auto lead = Session::lead(*m_store, "lea");
        QCOMPARE(lead.allLabels().size(), std::size_t(2));
        lead.recordDecision({m_img[0], m_scratch, DecisionMethod::Adjudicated, {}, {}, "long", {}});
        const auto d = m_store->decision(m_img[0]);
        QCOMPARE(d->by.value_or(0), lead.who().id); // the session, not the caller, says who
        const auto log = m_store->auditLog(1).front();
        QCOMPARE(log.action, std::string("decision"));
        QCOMPARE(log.actor, std::string("lea"));
        QVERIFY(!log.at.empty());
        // A labeler name cannot sign in as lead, nor a lead as labeler.
        QVERIFY(denied([&] { Session::lead(*m_store, "ana"); }));
        QVERIFY(denied([&] { Session::labeler(*m_store, "lea"); }));
    }

    void passphraseProtectsLeadActions()
    {
        setLeadPassphrase(*m_store, "", "correct horse", "lea");
        QVERIFY(hasLeadPassphrase(*m_store));
        const auto stored = *m_store->meta("lead_passphrase_hash");
        QVERIFY(stored.rfind("$argon2id$", 0) == 0);                // a slow salted hash,
        QVERIFY(stored.find("correct horse") == std::string::npos); // never the text
        QVERIFY(denied([&] { Session::lead(*m_store, "lea", "wrong"); }));
        QVERIFY(denied([&] { Session::lead(*m_store, "lea"); }));
        QVERIFY(denied([&] { Session::lead(*m_store, "newlead", "correct horse"); }));
        QCOMPARE(Session::lead(*m_store, "lea", "correct horse").who().name, std::string("lea"));
        QVERIFY(denied([&] { setLeadPassphrase(*m_store, "wrong", "x", "lea"); }));
        setLeadPassphrase(*m_store, "correct horse", "", "lea");
        QVERIFY(!hasLeadPassphrase(*m_store));
    }

    /// concord-cli sets the passphrase and asks it for the commands that change standards or
    /// import labels; without it (no terminal here) or with a wrong one nothing is written.
    void commandLineNeedsThePassphrase()
    {
        const QString project = m_dir.filePath(QStringLiteral("s.concord"));
        auto run = [&](const QStringList &args, const QString &current, const QString &next = {}) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.remove(QStringLiteral("CONCORD_LEAD_PASSPHRASE"));
            env.remove(QStringLiteral("CONCORD_NEW_LEAD_PASSPHRASE"));
            if (!current.isNull())
                env.insert(QStringLiteral("CONCORD_LEAD_PASSPHRASE"), current);
            if (!next.isNull())
                env.insert(QStringLiteral("CONCORD_NEW_LEAD_PASSPHRASE"), next);
            p.setProcessEnvironment(env);
            p.setStandardInputFile(QProcess::nullDevice());
            p.start(QStringLiteral(CONCORD_CLI), args);
            p.waitForFinished(60000);
            return p.exitCode();
        };
        const QStringList add{QStringLiteral("standard"), QStringLiteral("add"),     project,
                              QStringLiteral("--title"),  QStringLiteral("Scratch"), QStringLiteral("--body"),
                              QStringLiteral("b")};
        const auto standards = [&] {
            return openProject(project.toStdString(), OpenMode::ReadOnly)->standards().size();
        };
        m_store.reset(); // the CLI is the writer now
        QCOMPARE(run({QStringLiteral("lead-passphrase"), project}, QString(), QStringLiteral("s3cret")), 0);
        QVERIFY(verifyLeadPassphrase(*openProject(project.toStdString(), OpenMode::ReadOnly), "s3cret"));
        const auto before = standards();
        QCOMPARE(run(add, QString()), 1);
        QCOMPARE(run(add, QStringLiteral("wrong")), 1);
        QCOMPARE(standards(), before);
        QCOMPARE(run(add, QStringLiteral("s3cret")), 0);
        QCOMPARE(standards(), before + 1);
        // Changing it needs the current one.
        QCOMPARE(run({QStringLiteral("lead-passphrase"), project, QStringLiteral("--remove")}, QStringLiteral("nope")),
                 1);
        QCOMPARE(
            run({QStringLiteral("lead-passphrase"), project, QStringLiteral("--remove")}, QStringLiteral("s3cret")), 0);
        QCOMPARE(run(add, QString()), 0);
        m_store = openProject(project.toStdString());
    }

    /// Issue #21: with a lead passphrase set, every command that reads every labeler's labels,
    /// or changes the project for everyone, needs it too, and changes nothing without it.
    void leadCommandsNeedThePassphrase_data()
    {
        QTest::addColumn<QStringList>("args"); // %P = project, %D = a temporary folder
        QTest::newRow("agreement") << QStringList{"agreement", "%P", "--json"};
        QTest::newRow("agreement --per-item") << QStringList{"agreement", "%P", "--per-item"};
        QTest::newRow("consensus") << QStringList{"consensus", "%P", "--method", "majority"};
        QTest::newRow("clusters") << QStringList{"clusters", "%P", "--no-visual"};
        QTest::newRow("clusters --suggest-rule") << QStringList{"clusters", "%P", "--no-visual", "--suggest-rule"};
        QTest::newRow("conflicts") << QStringList{"conflicts", "%P", "--json"};
        QTest::newRow("adjudicate") << QStringList{"adjudicate", "%P", "a.png", "ok", "--note", "n"};
        QTest::newRow("adjudicate --exclude") << QStringList{"adjudicate", "%P", "b.png", "--exclude"};
        QTest::newRow("export") << QStringList{"export", "%P", "%D/out", "--format", "csv"};
        QTest::newRow("report") << QStringList{"report", "%P", "%D/r.html", "--no-visual", "--resamples", "10"};
        QTest::newRow("standard preview") << QStringList{"standard", "preview", "%P", "1"};
        QTest::newRow("standard agreement") << QStringList{"standard", "agreement", "%P"};
        QTest::newRow("import-images") << QStringList{"import-images", "%P", "%D/imgs"};
        QTest::newRow("import-attributes") << QStringList{"import-attributes", "%P", "%D/attrs.csv"};
        QTest::newRow("relink") << QStringList{"relink", "%P", "old", "new"};
    }
    void leadCommandsNeedThePassphrase()
    {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("p.concord"));
        {
            auto store = initProject(project.toStdString(), {"p", 0, 2, false}, {"ok", "scratch"});
            const Id ana = store->addLabeler("ana", Role::Labeler), ben = store->addLabeler("ben", Role::Labeler);
            for (const char *path : {"a.png", "b.png"}) {
                ImageRecord r;
                r.path = path;
                r.hash = path;
                r.width = r.height = 10;
                const Id img = store->addImage(r);
                saveLabel(*store, img, ana, store->classByName("ok")->id);
                saveLabel(*store, img, ben, store->classByName("scratch")->id);
            }
            createStandard(*store, {"S", "b", "", StandardStatus::Draft});
            setLeadPassphrase(*store, {}, "s3cret", "lead");
        }
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("imgs")));
        {
            QFile csv(dir.filePath(QStringLiteral("attrs.csv")));
            QVERIFY(csv.open(QIODevice::WriteOnly));
            csv.write("image,camera\na.png,cam-A\n");
        }
        for (QString &a : args)
            a.replace(QStringLiteral("%P"), project).replace(QStringLiteral("%D"), dir.path());
        auto run = [&](const QString &passphrase, QString *err) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.remove(QStringLiteral("CONCORD_LEAD_PASSPHRASE"));
            if (!passphrase.isNull())
                env.insert(QStringLiteral("CONCORD_LEAD_PASSPHRASE"), passphrase);
            p.setProcessEnvironment(env);
            p.setStandardInputFile(QProcess::nullDevice());
            p.start(QStringLiteral(CONCORD_CLI), args);
            p.waitForFinished(120000);
            *err = QString::fromUtf8(p.readAllStandardError());
            return p.exitCode();
        };
        const auto auditSize = [&] {
            return openProject(project.toStdString(), OpenMode::ReadOnly)->auditLog().size();
        };
        const auto before = auditSize();
        QString err;
        QCOMPARE(run(QString(), &err), 1);
        QVERIFY2(err.contains(QStringLiteral("lead passphrase")), qPrintable(err));
        QCOMPARE(run(QStringLiteral("wrong"), &err), 1);
        QVERIFY2(err.contains(QStringLiteral("wrong lead passphrase")), qPrintable(err));
        QCOMPARE(auditSize(), before); // nothing was written
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("out"))));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("r.html"))));
        QCOMPARE(run(QStringLiteral("s3cret"), &err), 0);
    }

    /// Issue #21: a label set from the command line and an import of labels are in the audit
    /// log like every other change.
    void labelAndImportLabelsAreAudited()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("a.concord"));
        {
            auto store = initProject(project.toStdString(), {"a", 0, 1, false}, {"ok", "scratch"});
            ImageRecord r;
            r.path = "a.png";
            r.hash = "a";
            r.width = r.height = 10;
            store->addImage(r);
        }
        const auto last = [&] { return openProject(project.toStdString(), OpenMode::ReadOnly)->auditLog(1).front(); };
        QCOMPARE(QProcess::execute(QStringLiteral(CONCORD_CLI),
                                   {QStringLiteral("label"), project, QStringLiteral("--labeler"),
                                    QStringLiteral("ana"), QStringLiteral("a.png"), QStringLiteral("scratch")}),
                 0);
        AuditEntry e = last();
        QCOMPARE(e.action, std::string("label"));
        QCOMPARE(e.actor, std::string("ana"));
        QVERIFY2(e.payload.find("\"class\":\"scratch\"") != std::string::npos, e.payload.c_str());
        {
            QFile csv(dir.filePath(QStringLiteral("l.csv")));
            QVERIFY(csv.open(QIODevice::WriteOnly));
            csv.write("image,label\na.png,ok\n");
        }
        QCOMPARE(QProcess::execute(QStringLiteral(CONCORD_CLI),
                                   {QStringLiteral("import-labels"), project, dir.filePath(QStringLiteral("l.csv")),
                                    QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--labeler"),
                                    QStringLiteral("ben")}),
                 0);
        e = last();
        QCOMPARE(e.action, std::string("import-labels"));
        QVERIFY2(e.payload.find("\"labels\":1") != std::string::npos, e.payload.c_str());
    }

    /// Issue 15 §3: switching to a labeler who has labels needs that labeler's own passphrase
    /// or the lead's. Expected values follow the rule written in SignInProtection, case by case.
    void labelerPassphraseProtectsSignIn()
    {
        QTemporaryDir dir;
        auto store = initProject(dir.path().toStdString() + "/p.concord", {"p", 0, 2, false}, {"ok", "scratch"});
        ImageRecord r;
        r.path = "a.png";
        r.hash = r.path;
        r.width = r.height = 8;
        const Id img = store->addImage(r);
        const Id ok = store->classByName("ok")->id;
        Session::labeler(*store, "ana").saveLabel(img, ok);
        Session::labeler(*store, "ben").saveLabel(img, ok);
        Session::labeler(*store, "cid"); // no labels
        Session::lead(*store, "lea");
        const auto prot = [&](const char *name) { return signInProtection(*store, name); };

        // Nothing set: nothing protected, and the project says so.
        QVERIFY(!prot("ana").passphraseNeeded);
        QVERIFY(!prot("ana").projectProtected);
        QVERIFY(!denied([&] { Session::labeler(*store, "ana"); }));

        setLabelerPassphrase(*store, "ana", "", "ana-pw", "ana");
        const Id anaId = store->labelerByName("ana")->id;
        const auto stored = *store->meta("labeler_passphrase_hash:" + std::to_string(anaId));
        QVERIFY(stored.rfind("$argon2id$", 0) == 0);         // the lead's slow salted hash,
        QVERIFY(stored.find("ana-pw") == std::string::npos); // never the text
        QVERIFY(hasLabelerPassphrase(*store, anaId));
        QCOMPARE(store->auditLog(1).front().action, std::string("set-labeler-passphrase"));
        QVERIFY(prot("ana").passphraseNeeded && prot("ana").ownPassphrase && prot("ana").projectProtected);
        QVERIFY(!prot("ben").passphraseNeeded); // no lead passphrase, none of his own
        QVERIFY(prot("ben").projectProtected);
        QVERIFY(denied([&] { Session::labeler(*store, "ana"); }));
        QVERIFY(denied([&] { Session::labeler(*store, "ana", "wrong"); }));
        QCOMPARE(Session::labeler(*store, "ana", "ana-pw").who().name, std::string("ana"));

        // A lead passphrase opens every protected labeler and protects every labeler with labels.
        setLeadPassphrase(*store, "", "lead-pw", "lea");
        QCOMPARE(Session::labeler(*store, "ana", "lead-pw").who().name, std::string("ana"));
        QVERIFY(prot("ben").passphraseNeeded && !prot("ben").ownPassphrase);
        QVERIFY(denied([&] { Session::labeler(*store, "ben"); }));
        QVERIFY(denied([&] { Session::labeler(*store, "ben", "ana-pw"); })); // not another labeler's
        QCOMPARE(Session::labeler(*store, "ben", "lead-pw").who().name, std::string("ben"));
        QVERIFY(!prot("cid").passphraseNeeded); // no labels: nothing to read
        QVERIFY(!denied([&] { Session::labeler(*store, "cid"); }));
        QVERIFY(!prot("dora").passphraseNeeded); // a new name
        QVERIFY(prot("lea").passphraseNeeded);   // a lead's name: the lead passphrase
        QVERIFY(Session::signIn(*store, "lea", Role::Labeler, "lead-pw").isLead());
        QVERIFY(denied([&] { Session::signIn(*store, "ben", Role::Labeler); }));

        // Changing a labeler's passphrase needs what signing in needs; the lead can reset it.
        QVERIFY(denied([&] { setLabelerPassphrase(*store, "ana", "wrong", "x", "ana"); }));
        QVERIFY(denied([&] { setLabelerPassphrase(*store, "ben", "", "x", "mallory"); }));
        setLabelerPassphrase(*store, "ana", "lead-pw", "ana-new", "lea");
        QVERIFY(denied([&] { Session::labeler(*store, "ana", "ana-pw"); }));
        QVERIFY(!denied([&] { Session::labeler(*store, "ana", "ana-new"); }));
        QVERIFY(denied([&] { setLabelerPassphrase(*store, "lea", "lead-pw", "x", "lea"); }));
        try {
            setLabelerPassphrase(*store, "nobody", "", "x", "lea");
            QFAIL("set a passphrase for an unknown name");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::NotFound);
        }
        setLabelerPassphrase(*store, "ana", "ana-new", "", "ana");
        QVERIFY(!hasLabelerPassphrase(*store, anaId));
        QVERIFY(prot("ana").passphraseNeeded); // still: she has labels and there is a lead passphrase
        setLeadPassphrase(*store, "lead-pw", "", "lea");
        QVERIFY(!prot("ana").passphraseNeeded);
        QVERIFY(!prot("ana").projectProtected);
    }

    void shownImageName_data()
    {
        QTest::addColumn<bool>("hide");
        QTest::addColumn<bool>("lead");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<int>("number");
        QTest::newRow("labeler, hidden") << true << false << "defects/scratches_91.jpg" << 11 << "" << 12;
        QTest::newRow("lead, hidden") << true << true << "defects/scratches_91.jpg" << 11 << "scratches_91.jpg" << 12;
        QTest::newRow("labeler, shown") << false << false << "defects/scratches_91.jpg" << 0 << "scratches_91.jpg" << 1;
        QTest::newRow("backslashes") << false << false << "a\\b\\c.png" << 4 << "c.png" << 5;
        QTest::newRow("no folder") << false << false << "c.png" << 4 << "c.png" << 5;
    }

    /// The one decision "what name does this person see" (core, used by the window and the CLI).
    void shownImageName()
    {
        QFETCH(bool, hide);
        QFETCH(bool, lead);
        QFETCH(QString, path);
        QFETCH(int, row);
        const auto shown =
            concord::core::shownImageName(hide, lead ? Role::Lead : Role::Labeler, path.toStdString(), row);
        QTEST(QString::fromStdString(shown.fileName), "fileName");
        QTEST(int(shown.queueNumber), "number");
        QCOMPARE(shown.hidden(), hide && !lead);
    }

    /// New projects hide file names; the lead may show them; a labeler's session follows the
    /// setting as it was at sign-in.
    void sessionsFollowTheFileNameSetting()
    {
        QTemporaryDir dir;
        auto store = initProject(dir.path().toStdString() + "/f.concord", {"f", 0, 2, false}, {"ok"});
        QVERIFY(store->settings().hideFileNames);
        auto ana = Session::labeler(*store, "ana");
        QVERIFY(ana.shownImageName("x/scratches_91.jpg", 0).hidden());
        auto lea = Session::lead(*store, "lea");
        QCOMPARE(lea.shownImageName("x/scratches_91.jpg", 0).fileName, std::string("scratches_91.jpg"));
        QVERIFY(denied([&] { ana.setFileNamesHidden(false); }));
        QVERIFY(store->settings().hideFileNames);
        lea.setFileNamesHidden(false);
        QVERIFY(!store->settings().hideFileNames);
        QCOMPARE(store->auditLog(1).front().action, std::string("show-file-names"));
        QCOMPARE(Session::labeler(*store, "ana").shownImageName("x/scratches_91.jpg", 0).fileName,
                 std::string("scratches_91.jpg"));
        ProjectSettings shown{"g", 0, 2, false, false};
        QVERIFY(!initProject(dir.path().toStdString() + "/g.concord", shown, {"ok"})->settings().hideFileNames);
    }

    /// A search of the queue finds what the person is shown (issue #19): with file names
    /// hidden, a name finds nothing (it would tell which files hold it) and numbers still work.
    void searchQueueKeepsHiddenNamesHidden()
    {
        QTemporaryDir dir;
        auto store = initProject(dir.path().toStdString() + "/q.concord", {"q", 0, 1, false}, {"ok", "scratch"});
        for (const char *name : {"line/scratches_1.png", "ok_2.png", "scratches_3.png"}) {
            ImageRecord r;
            r.path = name;
            r.hash = name;
            r.width = r.height = 8;
            store->addImage(r);
        }
        auto ana = Session::labeler(*store, "ana");
        assignImages(*store, 1, 7);
        const auto queue = ana.queue();
        QCOMPARE(queue.size(), std::size_t(3));
        std::vector<std::int64_t> scratchRows; // worked out from the queue's paths
        for (std::size_t i = 0; i < queue.size(); ++i)
            if (queue[i].path.find("scratches") != std::string::npos)
                scratchRows.push_back(static_cast<std::int64_t>(i));
        const auto rowsOf = [](const std::vector<std::pair<std::int64_t, Id>> &hits) {
            std::vector<std::int64_t> rows;
            for (const auto &h : hits)
                rows.push_back(h.first);
            return rows;
        };
        using S = QueueFilter::Status;
        using R = std::vector<std::int64_t>;
        QVERIFY(store->settings().hideFileNames);
        QCOMPARE(rowsOf(ana.searchQueue("scratch", S::Any)), R{});
        QCOMPARE(rowsOf(ana.searchQueue("2", S::Any)), (R{1}));
        QCOMPARE(rowsOf(ana.searchQueue(" Image 3 ", S::Any)), (R{2}));
        QCOMPARE(rowsOf(ana.searchQueue("#1", S::Any)), (R{0}));
        QCOMPARE(rowsOf(ana.searchQueue("", S::Any)), (R{0, 1, 2}));
        QCOMPARE(ana.searchQueue("2", S::Any).front().second, queue[1].image);
        ana.saveLabel(queue[2].image, store->classByName("scratch")->id);
        QCOMPARE(rowsOf(ana.searchQueue("", S::Labeled)), (R{2}));
        QCOMPARE(rowsOf(ana.searchQueue("", S::Unlabeled)), (R{0, 1}));
        QCOMPARE(rowsOf(ana.searchQueue("", S::Any, store->classByName("scratch")->id)), (R{2}));
        QCOMPARE(rowsOf(ana.searchQueue("", S::Any, store->classByName("ok")->id)), R{});

        Session::lead(*store, "lea").setFileNamesHidden(false);
        auto shown = Session::labeler(*store, "ana");
        QCOMPARE(rowsOf(shown.searchQueue("SCRATCH", S::Any)), scratchRows);
        QCOMPARE(rowsOf(shown.searchQueue("line", S::Any)), R{}); // a folder is not shown
        QCOMPARE(rowsOf(shown.searchQueue("scratch", S::Unlabeled)).size(), scratchRows.size() - 1);
    }

    /// concord-cli: `init` hides file names unless --show-file-names; `labeler-passphrase` sets
    /// a labeler's passphrase; `label --labeler NAME` then needs it (or the lead's); a wrong or
    /// missing one writes nothing.
    void commandLineLabelNeedsTheLabelersPassphrase()
    {
        QTemporaryDir dir;
        auto run = [&](const QStringList &args, const QString &current, const QString &next = {}) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            for (const char *v : {"CONCORD_LEAD_PASSPHRASE", "CONCORD_LABELER_PASSPHRASE",
                                  "CONCORD_NEW_LABELER_PASSPHRASE", "CONCORD_NEW_LEAD_PASSPHRASE"})
                env.remove(QString::fromLatin1(v));
            if (!current.isNull())
                env.insert(QStringLiteral("CONCORD_LABELER_PASSPHRASE"), current);
            if (!next.isNull())
                env.insert(QStringLiteral("CONCORD_NEW_LABELER_PASSPHRASE"), next);
            p.setProcessEnvironment(env);
            p.setStandardInputFile(QProcess::nullDevice());
            p.start(QStringLiteral(CONCORD_CLI), args);
            p.waitForFinished(60000);
            return p.exitCode();
        };
        const QString hidden = dir.filePath(QStringLiteral("h.concord"));
        const QString shown = dir.filePath(QStringLiteral("s.concord"));
        QCOMPARE(run({QStringLiteral("init"), hidden, QStringLiteral("--classes"), QStringLiteral("ok,bad")}, {}), 0);
        QCOMPARE(run({QStringLiteral("init"), shown, QStringLiteral("--classes"), QStringLiteral("ok,bad"),
                      QStringLiteral("--show-file-names")},
                     {}),
                 0);
        QVERIFY(openProject(hidden.toStdString(), OpenMode::ReadOnly)->settings().hideFileNames);
        QVERIFY(!openProject(shown.toStdString(), OpenMode::ReadOnly)->settings().hideFileNames);
        {
            auto store = openProject(hidden.toStdString());
            ImageRecord r;
            r.path = "imgs/a.png";
            r.hash = r.path;
            r.width = r.height = 8;
            store->addImage(r);
            r.path = "imgs/b.png";
            r.hash = r.path;
            store->addImage(r);
        }
        const auto label = [&](const char *image, const QString &passphrase) {
            return run({QStringLiteral("label"), hidden, QStringLiteral("--labeler"), QStringLiteral("ana"),
                        QString::fromLatin1(image), QStringLiteral("bad")},
                       passphrase);
        };
        const auto labels = [&] { return openProject(hidden.toStdString(), OpenMode::ReadOnly)->labelCount(); };
        QCOMPARE(label("a.png", QString()), 0); // nothing protects ana yet
        QCOMPARE(run({QStringLiteral("labeler-passphrase"), hidden, QStringLiteral("ana")}, QString(),
                     QStringLiteral("ana-pw")),
                 0);
        QVERIFY(verifySignIn(*openProject(hidden.toStdString(), OpenMode::ReadOnly), "ana", "ana-pw"));
        QVERIFY(!verifySignIn(*openProject(hidden.toStdString(), OpenMode::ReadOnly), "ana", ""));
        QCOMPARE(label("b.png", QString()), 1);
        QCOMPARE(label("b.png", QStringLiteral("wrong")), 1);
        QCOMPARE(labels(), 1);
        QCOMPARE(label("b.png", QStringLiteral("ana-pw")), 0);
        QCOMPARE(labels(), 2);
        // Removing it needs the current one.
        QCOMPARE(run({QStringLiteral("labeler-passphrase"), hidden, QStringLiteral("ana"), QStringLiteral("--remove")},
                     QStringLiteral("nope")),
                 1);
        QCOMPARE(run({QStringLiteral("labeler-passphrase"), hidden, QStringLiteral("ana"), QStringLiteral("--remove")},
                     QStringLiteral("ana-pw")),
                 0);
        QCOMPARE(label("a.png", QString()), 0);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
