// SPDX-License-Identifier: GPL-3.0-or-later
// Saving a label on a server in one round trip (issue #18, "Speed"): PgStore::saveLabel sends
// BEGIN, the label, its shapes, the queue row's state and COMMIT together (libpq pipeline
// mode). It must write exactly what the step-by-step save writes, under the same row-level
// security, and fail, roll back and retry the same way.
#include "core/common/error.h"
#include "core/project/project_ops.h"
#include "core/store/pg_db.h"
#include "core/store/pg_store.h"
#include "core/store/server.h"
#include "store_backends.h"
#include "test_printers.h"

#include <QDeadlineTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace concord::core;

namespace {

/// What a save left for `labeler` on `image`, by names: the label's class, round, standard
/// and source, its shapes and the labeler's queue rows of the image (ids and times differ
/// between a server and a file).
QString describe(const Store &store, Id image, Id labeler)
{
    const auto l = store.label(image, labeler);
    if (!l)
        return QStringLiteral("no label");
    auto className = [&](Id id) {
        for (const auto &c : store.classes())
            if (c.id == id)
                return c.name;
        return std::string("?");
    };
    std::ostringstream out;
    out << className(l->labelClass) << " round " << l->round << " standard "
        << (l->standard ? store.standard(*l->standard)->title : "none") << ' ' << toString(l->source) << " created "
        << !l->createdAt.empty() << " updated " << (l->updatedAt >= l->createdAt) << '\n';
    for (const auto &a : store.annotationsOfLabel(l->id))
        out << toString(a.kind) << ' ' << a.geometry << ' ' << a.lengthPx << ' ' << a.lengthMm.value_or(-1) << ' '
            << a.area << ' ' << className(a.classId) << " of label " << (a.label == l->id) << '\n';
    for (const auto &e : store.queue(labeler))
        if (e.image == image)
            out << "queue round " << e.round << ' ' << toString(e.state) << '\n';
    return QString::fromStdString(out.str());
}

/// Counts the round trips a piece of work makes on `db`: every Sync (extended protocol) and
/// every simple Query the client sends is one wait for the server (libpq's protocol trace).
class RoundTrips
{
public:
    explicit RoundTrips(pg::Connection &db)
        : m_db(db)
    {
        m_file = open_memstream(&m_text, &m_size);
        PQtrace(m_db.handle(), m_file);
        PQsetTraceFlags(m_db.handle(), PQTRACE_SUPPRESS_TIMESTAMPS);
    }
    ~RoundTrips()
    {
        stop();
        std::free(m_text);
    }
    RoundTrips(const RoundTrips &) = delete;
    RoundTrips &operator=(const RoundTrips &) = delete;

    int stop()
    {
        if (m_file) {
            PQuntrace(m_db.handle());
            std::fclose(m_file);
            m_file = nullptr;
        }
        int n = 0;
        std::istringstream lines(m_text ? std::string(m_text, m_size) : std::string());
        for (std::string line; std::getline(lines, line);) {
            // "F\t4\tSync", "F\t30\tQuery\t\"BEGIN\"": F is what the client sends.
            std::istringstream fields(line);
            std::string from, length, type;
            fields >> from >> length >> type;
            if (from == "F" && (type == "Sync" || type == "Query"))
                ++n;
        }
        return n;
    }

private:
    pg::Connection &m_db;
    char *m_text = nullptr;
    std::size_t m_size = 0;
    FILE *m_file = nullptr;
};

ImageRecord makeImage(int i)
{
    ImageRecord r;
    r.path = "img/" + std::to_string(i) + ".jpg";
    r.hash = "hash" + std::to_string(i);
    r.width = 640;
    r.height = 480;
    return r;
}

} // namespace

class TestPgSave : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_conninfo;
    std::unique_ptr<Store> m_store; ///< the lead's (the server's superuser)
    std::vector<Id> m_images;
    Id m_ana = 0;
    Id m_ben = 0;
    /// The same project in a file, saved on by the step-by-step save: the reference.
    std::unique_ptr<Store> m_file;
    std::vector<Id> m_fileImages;
    Id m_fileAna = 0;
    std::string m_anaLogin;
    std::vector<std::string> m_roles;
    LabelClass m_ok, m_scratch, m_dent;

    PgStore &lead() { return dynamic_cast<PgStore &>(*m_store); }
    Id image(int i) const { return m_images.at(static_cast<std::size_t>(i)); }

    static std::vector<Annotation> shapes(Id dent)
    {
        const std::string box = R"({"x1":1,"y1":2,"x2":30,"y2":40})";
        Annotation own{0, 0, AnnotationKind::Box, box, 0.0, {}, 1102.0};
        own.classId = dent;
        Annotation hinted{0, 0, AnnotationKind::Box, R"({"x1":5,"y1":5,"x2":9,"y2":9,"class":"scratch"})", 0, {}, 16};
        Annotation line{0, 0, AnnotationKind::Line, R"({"x1":0,"y1":0,"x2":80,"y2":0})", 80.0, 2.0, 0.0};
        return {own, hinted, line};
    }

    /// Images, assignments: Ana has images 0–9 in round 0 and images 4–5 again in round 1;
    /// Ben has 10–11.
    static std::vector<Id> fillProject(Store &store, Id ana, Id ben)
    {
        std::vector<Id> images;
        store.transaction([&] {
            for (int i = 0; i < 12; ++i)
                images.push_back(store.addImage(makeImage(i)));
            auto at = [&](int i) { return images.at(static_cast<std::size_t>(i)); };
            for (int i = 0; i < 10; ++i)
                store.assign({at(i), ana, 0, i, AssignmentState::Pending});
            for (int i = 4; i < 6; ++i)
                store.assign({at(i), ana, 1, 10 + i, AssignmentState::Pending});
            for (int i = 10; i < 12; ++i)
                store.assign({at(i), ben, 0, i, AssignmentState::Pending});
        });
        return images;
    }

private slots:
    void initTestCase()
    {
        m_conninfo = concord_test::freshServerDatabase("pgsave");
        ProjectSettings settings;
        settings.name = "pgsave";
        settings.overlap = 2;
        settings.repeatShare = 0.0;
        m_store = initProject(m_conninfo, settings, {"ok", "scratch", "dent"});
        m_ok = *m_store->classByName("ok");
        m_scratch = *m_store->classByName("scratch");
        m_dent = *m_store->classByName("dent");
        // Server roles are cluster-wide: the pid keeps two runs on one server apart.
        const std::string ana = "pgsave" + std::to_string(::getpid()) + "_ana";
        const std::string ben = "pgsave" + std::to_string(::getpid()) + "_ben";
        addServerUser(*m_store, ana, Role::Labeler, "pw-ana");
        addServerUser(*m_store, ben, Role::Labeler, "pw-ben");
        m_roles = {ana, ben};
        m_anaLogin = concord_test::withLogin(m_conninfo, ana, "pw-ana");
        m_ana = m_store->labelerByName(ana)->id;
        m_ben = m_store->labelerByName(ben)->id;
        m_images = fillProject(*m_store, m_ana, m_ben);

        m_file = initProject((m_dir.path() + "/file.concord").toStdString(), settings, {"ok", "scratch", "dent"});
        m_fileAna = m_file->addLabeler("ana", Role::Labeler);
        m_fileImages = fillProject(*m_file, m_fileAna, m_file->addLabeler("ben", Role::Labeler));
    }

    void cleanupTestCase()
    {
        // The database and the logins go; the project's group roles stay, as in the other
        // server tests (the server is a throwaway one).
        m_store.reset();
        pg::Connection admin(concord_test::testServer() + " dbname=postgres");
        const std::string db = m_conninfo.substr(m_conninfo.rfind("dbname=") + 7);
        admin.execScript("DROP DATABASE " + admin.quoteIdentifier(db) + " WITH (FORCE)");
        for (const auto &r : m_roles)
            admin.execScript("DROP ROLE " + admin.quoteIdentifier(r));
    }

    void sameRowsAsTheFilesSave()
    {
        // Without a standard, then with two active ones (the newest is in force); a first save
        // and a save over it; an image with a round-1 assignment.
        for (int pass = 0; pass < 3; ++pass) {
            if (pass == 1) {
                for (Store *store : {m_store.get(), m_file.get()}) {
                    Standard s;
                    s.family = 101;
                    s.title = "first";
                    s.status = StandardStatus::Active;
                    store->addStandard(s);
                    s.family = 102;
                    s.title = "second";
                    const Id second = store->addStandard(s);
                    Standard draft = s;
                    draft.family = 103;
                    draft.title = "draft, newer, not in force";
                    draft.status = StandardStatus::Draft;
                    store->addStandard(draft);
                    QCOMPARE(standardInForce(*store)->id, second);
                }
            }
            const int i = pass == 2 ? 4 : pass;
            const auto dent = m_file->classByName("dent")->id;
            QCOMPARE(dent, m_dent.id);
            for (const char *name : {"ok", "scratch"}) {
                const Id onServer = saveLabel(*m_store, image(i), m_ana, m_store->classByName(name)->id, shapes(dent));
                const Id fileImage = m_fileImages.at(static_cast<std::size_t>(i));
                saveLabel(*m_file, fileImage, m_fileAna, m_file->classByName(name)->id, shapes(dent));
                QCOMPARE(onServer, m_store->label(image(i), m_ana)->id);
                QCOMPARE(describe(*m_store, image(i), m_ana), describe(*m_file, fileImage, m_fileAna));
            }
            QCOMPARE(m_store->label(image(i), m_ana)->round, pass == 2 ? 1 : 0);
            QCOMPARE(m_store->label(image(i), m_ana)->standard.has_value(), pass > 0);
        }
        // A save over an earlier one keeps the label's id and its creation time.
        const auto before = *m_store->label(image(0), m_ana);
        const Id again = saveLabel(*m_store, image(0), m_ana, m_dent.id, {});
        QCOMPARE(again, before.id);
        QCOMPARE(m_store->label(image(0), m_ana)->createdAt, before.createdAt);
        QVERIFY(m_store->annotationsOfLabel(again).empty());
    }

    void oneRoundTrip()
    {
        auto &db = lead().connection();
        saveLabel(*m_store, image(6), m_ana, m_ok.id, shapes(m_dent.id)); // statements prepared
        {
            RoundTrips trips(db);
            saveLabel(*m_store, image(6), m_ana, m_scratch.id, shapes(m_dent.id));
            QCOMPARE(trips.stop(), 1);
        }
        // The store's calls one by one (what core::saveLabel makes of a project file): a
        // round trip each, the first with BEGIN, then COMMIT.
        auto oneByOne = [&](Id cls) {
            m_store->transaction([&] {
                m_store->assignmentRound(image(7), m_ana);
                m_store->standards();
                m_store->label(image(7), m_ana);
                const Id id = m_store->setLabel({0, image(7), m_ana, cls, 0, {}, LabelSource::Manual, {}, {}});
                m_store->replaceAnnotations(id, shapes(m_dent.id));
                m_store->markAssignmentsDone(image(7), m_ana);
            });
        };
        oneByOne(m_ok.id); // statements prepared
        {
            RoundTrips trips(db);
            oneByOne(m_scratch.id);
            QCOMPARE(trips.stop(), 10); // 9 statements with 3 shapes (BEGIN rides with the first), COMMIT
        }
        QVERIFY(!db.inTransaction());
        QCOMPARE(m_store->label(image(6), m_ana)->labelClass, m_scratch.id);
    }

    void joinsAnEnclosingTransaction()
    {
        auto &db = lead().connection();
        // Rolled back with the unit around it.
        try {
            m_store->transaction([&] {
                saveLabel(*m_store, image(8), m_ana, m_ok.id, shapes(m_dent.id));
                QVERIFY(db.inTransaction()); // no COMMIT of its own
                QVERIFY(m_store->label(image(8), m_ana));
                throw Error(ErrorCode::Invalid, "boom");
            });
            QFAIL("no throw");
        } catch (const Error &e) {
            QCOMPARE(std::string(e.what()).find("boom") != std::string::npos, true);
        }
        QVERIFY(!m_store->label(image(8), m_ana));
        // Committed with it, together with what came before and after in the unit.
        {
            RoundTrips trips(db);
            m_store->transaction([&] {
                m_store->setMeta("before", "1");
                saveLabel(*m_store, image(8), m_ana, m_ok.id, shapes(m_dent.id));
                m_store->setMeta("after", "1");
            });
            QCOMPARE(trips.stop(), 4); // BEGIN + meta, the save, meta, COMMIT
        }
        QCOMPARE(m_store->label(image(8), m_ana)->labelClass, m_ok.id);
        QCOMPARE(m_store->annotationsOfLabel(m_store->label(image(8), m_ana)->id).size(), std::size_t(3));
        QCOMPARE(m_store->meta("after").value_or(""), std::string("1"));
        // A unit that sends nothing commits nothing and leaves no transaction open.
        m_store->transaction([] {});
        QVERIFY(!db.inTransaction());
    }

    void failedShapeRollsBackTheLabel()
    {
        // A shape with a class that does not exist fails on the server after the label's
        // statement ran: nothing of the save stays, and the connection goes on.
        auto bad = shapes(m_dent.id);
        bad[1].classId = 999999;
        const Id img = image(9);
        try {
            saveLabel(*m_store, img, m_ana, m_ok.id, bad);
            QFAIL("no throw");
        } catch (const Error &e) {
            QVERIFY(e.code() == ErrorCode::Invalid); // a foreign key
        }
        QVERIFY(!lead().connection().inTransaction());
        QVERIFY(!m_store->label(img, m_ana));
        for (const auto &e : m_store->queue(m_ana))
            if (e.image == img)
                QCOMPARE_ENUM(e.state, AssignmentState::Pending);
        // Many shapes: more than one sync point's worth of statements, still one unit.
        std::vector<Annotation> many(300, shapes(m_dent.id)[2]);
        const Id id = saveLabel(*m_store, img, m_ana, m_ok.id, many);
        QCOMPARE(m_store->annotationsOfLabel(id).size(), many.size());
        many[250].classId = 999999;
        QVERIFY_THROWS_EXCEPTION(Error, saveLabel(*m_store, img, m_ana, m_scratch.id, many));
        QCOMPARE(m_store->label(img, m_ana)->labelClass, m_ok.id);
        QCOMPARE(m_store->annotationsOfLabel(id).size(), many.size());
    }

    void rowLevelSecurityStillDecides()
    {
        auto desk = openStore(m_anaLogin);
        auto &pgDesk = dynamic_cast<PgStore &>(*desk);
        // Her own queue: saved, with her shapes, through her login.
        const Id id = saveLabel(*desk, image(3), m_ana, m_scratch.id, shapes(m_dent.id));
        QCOMPARE(desk->label(image(3), m_ana)->id, id);
        QCOMPARE(desk->annotationsOfLabel(id).size(), std::size_t(3));
        QCOMPARE(m_store->label(image(3), m_ana)->labelClass, m_scratch.id);
        // Not her image, and not her label: refused, nothing written, the connection goes on.
        for (const auto &[img, labeler] : {std::pair{image(10), m_ana}, std::pair{image(10), m_ben}}) {
            try {
                saveLabel(*desk, img, labeler, m_ok.id, shapes(m_dent.id));
                QFAIL("no throw");
            } catch (const Error &e) {
                QVERIFY(e.code() == ErrorCode::Denied);
            }
            QVERIFY(!pgDesk.connection().inTransaction());
            QVERIFY(!m_store->label(img, labeler));
        }
        // Ben's saved label stays his: Ana's save cannot reach it.
        saveLabel(*m_store, image(11), m_ben, m_ok.id, shapes(m_dent.id));
        QVERIFY_THROWS_EXCEPTION(Error, saveLabel(*desk, image(11), m_ben, m_scratch.id, {}));
        QCOMPARE(m_store->label(image(11), m_ben)->labelClass, m_ok.id);
        QCOMPARE(m_store->annotationsOfLabel(m_store->label(image(11), m_ben)->id).size(), std::size_t(3));
        // And she saves on as before.
        saveLabel(*desk, image(3), m_ana, m_ok.id, {});
        QCOMPARE(m_store->label(image(3), m_ana)->labelClass, m_ok.id);
    }

    void pingsTheOthersOnceAfterItsCommit()
    {
        // The lead's window learns of a save from one notification sent after the save's
        // COMMIT, in its own transaction, not from the change trigger inside it (whose lock
        // PostgreSQL holds through the commit's flush): once per unit of work, however many
        // tables it wrote (the trigger alone sends three: label, annotation, assignment).
        pg::Connection listener(m_conninfo);
        listener.execScript("LISTEN concord_changes");
        int pings = 0;
        const auto waitForPings = [&](int expected) {
            QDeadlineTimer deadline(5000);
            while ((pings += listener.drainNotifications()) < expected && !deadline.hasExpired())
                QTest::qWait(10);
            QTest::qWait(300); // any more on their way
            return pings += listener.drainNotifications();
        };
        auto desk = openStore(m_anaLogin);
        const Id id = saveLabel(*desk, image(9), m_ana, m_scratch.id, shapes(m_dent.id));
        QCOMPARE(waitForPings(1), 1);
        // Sent after the commit: what it announces is there for the one who reads.
        QCOMPARE(listener.run("SELECT class FROM label WHERE id = $1", id).int64(0, 0), m_scratch.id);
        // The window's unit (the save and the labeler's draft together): one ping too.
        pings = 0;
        desk->transaction([&] {
            saveLabel(*desk, image(5), m_ana, m_ok.id, shapes(m_dent.id));
            desk->setMeta("draft:" + std::to_string(m_ana) + ":" + std::to_string(image(5)), "{}");
        });
        QCOMPARE(waitForPings(1), 1);
        // A unit that fails sends none; a writer other than Concord is still heard (trigger).
        pings = 0;
        QVERIFY_THROWS_EXCEPTION(Error, saveLabel(*desk, image(10), m_ana, m_ok.id, {}));
        lead().connection().run("UPDATE label SET updated_at = updated_at WHERE id = $1", id);
        QCOMPARE(waitForPings(1), 1);
    }

    void reconnectsBeforeTheFirstStatement()
    {
        // A connection the server dropped between two saves: the next save opens it again
        // (its BEGIN had not gone out), as the separate BEGIN did before.
        auto desk = openStore(m_anaLogin);
        auto &db = dynamic_cast<PgStore &>(*desk).connection();
        saveLabel(*desk, image(2), m_ana, m_ok.id, {});
        const int pid = db.backendPid();
        lead().connection().run("SELECT pg_terminate_backend($1)", static_cast<std::int64_t>(pid));
        for (int i = 0;
             i < 50 && lead().connection()
                               .run("SELECT 1 FROM pg_stat_activity WHERE pid = $1", static_cast<std::int64_t>(pid))
                               .rows() > 0;
             ++i)
            QTest::qWait(20);
        saveLabel(*desk, image(2), m_ana, m_dent.id, shapes(m_dent.id));
        QVERIFY(db.backendPid() != pid);
        QCOMPARE(m_store->label(image(2), m_ana)->labelClass, m_dent.id);
    }
};

QTEST_GUILESS_MAIN(TestPgSave)
#include "tst_pg_save.moc"
