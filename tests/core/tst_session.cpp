// SPDX-License-Identifier: GPL-3.0-or-later
// Blind labeling and lead rights are enforced at the core API, not only in the UI.
#include "core/common/error.h"
#include "core/project/project_ops.h"
#include "core/project/session.h"

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
        QVERIFY(stored.rfind("$argon2id$", 0) == 0);                 // a slow salted hash,
        QVERIFY(stored.find("correct horse") == std::string::npos);  // never the text
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
        const QStringList add{QStringLiteral("standard"), QStringLiteral("add"), project, QStringLiteral("--title"),
                              QStringLiteral("Scratch"), QStringLiteral("--body"), QStringLiteral("b")};
        const auto standards = [&] { return openProject(project.toStdString(), OpenMode::ReadOnly)->standards().size(); };
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
        QCOMPARE(run({QStringLiteral("lead-passphrase"), project, QStringLiteral("--remove")}, QStringLiteral("nope")), 1);
        QCOMPARE(run({QStringLiteral("lead-passphrase"), project, QStringLiteral("--remove")}, QStringLiteral("s3cret")), 0);
        QCOMPARE(run(add, QString()), 0);
        m_store = openProject(project.toStdString());
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
