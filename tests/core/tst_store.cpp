// SPDX-License-Identifier: GPL-3.0-or-later
// Store round trips for every table, migration, and refusal of files Concord must not touch.
#include "core/common/error.h"
#include "core/common/hash.h"
#include "core/project/project_ops.h"
#include "core/store/schema.h"
#include "core/store/sqlite_db.h"
#include "core/store/sqlite_store.h"
#include "test_printers.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <unistd.h>

using namespace concord::core;
namespace fs = std::filesystem;

class TestStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path file(const char *name) const { return fs::path(m_dir.path().toStdString()) / name; }

    static ImageRecord makeImage(const std::string &path, const std::string &hash)
    {
        ImageRecord r;
        r.path = path;
        r.hash = hash;
        r.bytes = 1234;
        r.width = 640;
        r.height = 480;
        r.pxPerMm = 40.0;
        return r;
    }

private slots:
    void settingsAndMeta()
    {
        ProjectSettings s{"phones", 12.5, 2, true};
        auto store = createProject(file("settings.concord"), s);
        QCOMPARE(store->schemaVersion(), kSchemaVersion);
        store.reset();
        auto again = openProject(file("settings.concord"));
        const auto back = again->settings();
        QCOMPARE(QString::fromStdString(back.name), QStringLiteral("phones"));
        QCOMPARE(back.pxPerMm, 12.5);
        QCOMPARE(back.overlap, 2);
        QVERIFY(back.classesOrdered);
        QVERIFY(again->meta("created_at").has_value());
    }

    void roundTripEveryTable()
    {
        const auto path = file("rt.concord");
        {
            auto store = initProject(path, {"rt", 40.0, 3, false}, {"ok", "scratch", "dent"});
            const Id img = store->addImage(makeImage("imgs/a.jpg", "h1"));
            const Id img2 = store->addImage(makeImage("imgs/sub/b.jpg", "h2"));
            const Id ana = store->addLabeler("ana", Role::Labeler);
            const Id lead = store->addLabeler("lead", Role::Lead);
            const auto scratch = *store->classByName("scratch");
            store->setAttribute({img, "length_mm", 2.25, AttrSource::Measured});
            store->setAttribute({img, "camera", std::string("cam-A"), AttrSource::Imported});
            store->assign({img, ana, 0, 7, AssignmentState::Pending});
            store->assign({img2, ana, 1, 0, AssignmentState::Pending});
            store->unassign(img2, ana, 1); // gone again: the queue read back below holds one entry
            Standard st;
            st.title = "Scratch length";
            st.body = "A scratch of 1.5 mm or longer is a defect.";
            st.rule = "when label in {ok, scratch}: scratch if length_mm >= 1.5 else ok";
            st.status = StandardStatus::Active;
            const Id sid = store->addStandard(st);
            store->setExample({sid, img2, ExampleRole::Borderline, "1.4 mm"});
            const Id lid = saveLabel(
                *store, img, ana, scratch.id,
                {Annotation{0, 0, AnnotationKind::Line, R"({"x1":1,"y1":2,"x2":3,"y2":4})", 90.0, 2.25, 0.0}});
            store->setDecision({img, scratch.id, DecisionMethod::Adjudicated, sid, lead, "clear", {}});
            store->appendAudit("lead", "test", R"({"k":1})");
            store->putThumbnail("h1", 256, std::string("\xff\xd8jpeg\0bytes", 12));
            QVERIFY(lid > 0);
        }
        auto store = openProject(path, OpenMode::ReadOnly);
        QVERIFY(store->isReadOnly());
        const auto img = *store->imageByPath("imgs/a.jpg");
        QCOMPARE(img.width, 640);
        QCOMPARE(img.height, 480);
        QCOMPARE(img.pxPerMm, 40.0);
        QCOMPARE(img.bytes, std::int64_t(1234));
        QCOMPARE(store->imagesByFileName("b.jpg").size(), std::size_t(1));
        QCOMPARE(store->imagesByHash("h2").front().path, std::string("imgs/sub/b.jpg"));
        QCOMPARE(store->classes().size(), std::size_t(3));
        QCOMPARE(store->classes()[1].shortcut, std::string("2"));
        const auto ana = *store->labelerByName("ana");
        QCOMPARE_ENUM(store->labelerByName("lead")->role, Role::Lead);
        const auto label = *store->label(img.id, ana.id);
        QCOMPARE(label.labelClass, store->classByName("scratch")->id);
        QCOMPARE_ENUM(label.source, LabelSource::Manual);
        QVERIFY(label.standard.has_value()); // the active standard was in force
        const auto anns = store->annotationsOfLabel(label.id);
        QCOMPARE(anns.size(), std::size_t(1));
        QCOMPARE_ENUM(anns[0].kind, AnnotationKind::Line);
        QCOMPARE(anns[0].lengthMm.value_or(0), 2.25);
        QCOMPARE(store->annotationsOfKind(AnnotationKind::Line).size(), std::size_t(1));
        const auto attrs = store->imageAttributes(img.id);
        QCOMPARE(attrs.size(), std::size_t(2));
        QCOMPARE(std::get<std::string>(attrs[0].value), std::string("cam-A"));
        QCOMPARE(std::get<double>(attrs[1].value), 2.25);
        QCOMPARE_ENUM(attrs[1].source, AttrSource::Measured);
        const auto q = store->queue(ana.id);
        QCOMPARE(q.size(), std::size_t(1));
        QCOMPARE(q[0].position, 7);
        QCOMPARE_ENUM(q[0].state, AssignmentState::Done); // saveLabel marks it done
        QCOMPARE(q[0].myLabelClass.value_or(0), label.labelClass);
        const auto standards = store->standards();
        QCOMPARE(standards.size(), std::size_t(1));
        QCOMPARE(standards[0].family, standards[0].id);
        QCOMPARE_ENUM(standards[0].status, StandardStatus::Active);
        QCOMPARE_ENUM(store->examples(standards[0].id).front().role, ExampleRole::Borderline);
        const auto d = *store->decision(img.id);
        QCOMPARE_ENUM(d.method, DecisionMethod::Adjudicated);
        QCOMPARE(d.note, std::string("clear"));
        QCOMPARE(store->auditLog(1).front().action, std::string("test"));
        QCOMPARE(store->thumbnail("h1", 256)->size(), std::size_t(12));
        QCOMPARE(store->labelRows().front().className, std::string("scratch"));
        // Read-only really refuses changes.
        QVERIFY_THROWS_EXCEPTION(Error, store->addLabeler("eve", Role::Labeler));
    }

    void transactionRollsBackOnError()
    {
        auto store = initProject(file("tx.concord"), {"tx", 0, 1, false}, {"ok"});
        try {
            store->transaction([&] {
                store->addLabeler("ana", Role::Labeler);
                throw Error(ErrorCode::Invalid, "boom");
            });
            QFAIL("no throw");
        } catch (const Error &) {
        }
        QVERIFY(!store->labelerByName("ana"));
    }

    void migratesFromVersion1()
    {
        const auto path = file("v1.concord");
        {
            sqlite::Database db(path, sqlite::Database::Access::Create);
            db.execScript("BEGIN");
            sqlite::migrate(db, 0, 1);
            db.execScript("INSERT INTO project_meta VALUES ('name', 'old'), ('overlap', '2');"
                          "INSERT INTO label_class(name) VALUES ('ok');"
                          "COMMIT");
        }
        auto store = openProject(path);
        QCOMPARE(store->schemaVersion(), kSchemaVersion);
        QCOMPARE(QString::fromStdString(store->settings().name), QStringLiteral("old"));
        QCOMPARE(store->classes().size(), std::size_t(1));
        store->putThumbnail("x", 1, "y"); // the v2 table exists now
        QCOMPARE(store->auditLog(1).front().action, std::string("migrate"));
    }

    void refusesNewerVersionUnchanged()
    {
        const auto path = file("newer.concord");
        {
            auto store = initProject(path, {"n", 0, 1, false}, {"ok"});
        }
        {
            sqlite::Database db(path, sqlite::Database::Access::ReadWrite);
            db.execScript(("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1)).c_str());
            db.execScript("PRAGMA journal_mode = DELETE"); // fold the WAL into the main file
        }
        const auto before = fileContentHash(path.string());
        try {
            openProject(path);
            QFAIL("opened a newer project");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::NewerVersion);
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("newer Concord")));
        }
        QCOMPARE(fileContentHash(path.string()), before);
    }

    void refusesNonSqliteUnchanged_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("text") << QByteArray("image,label\na.jpg,ok\n");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("jpeg header") << QByteArray("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01", 16);
    }
    void refusesNonSqliteUnchanged()
    {
        QFETCH(QByteArray, content);
        const auto path = file("notdb.concord");
        {
            std::ofstream out(path, std::ios::binary | std::ios::trunc);
            out.write(content.constData(), content.size());
        }
        const auto before = fileContentHash(path.string());
        try {
            openProject(path);
            QFAIL("opened a non-project");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::NotAProject);
            QCOMPARE(QString::fromStdString(e.file()), QString::fromStdString(path.string()));
        }
        QCOMPARE(fileContentHash(path.string()), before);
        QVERIFY(!fs::exists(path.string() + "-wal"));
    }

    void refusesForeignSqlite()
    {
        const auto path = file("foreign.sqlite");
        {
            sqlite::Database db(path, sqlite::Database::Access::Create);
            db.execScript("CREATE TABLE t(x); PRAGMA user_version = 7;");
        }
        QVERIFY_THROWS_EXCEPTION(Error, openProject(path));
        try {
            openProject(path);
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::NotAProject);
        }
    }

    void findImageByPathThenName()
    {
        auto store = initProject(file("find.concord"), {"f", 0, 1, false}, {"ok"});
        store->addImage(makeImage("a/x.jpg", "1"));
        store->addImage(makeImage("b/x.jpg", "2"));
        store->addImage(makeImage("b/y.jpg", "3"));
        QCOMPARE(findImage(*store, "b/x.jpg").hash, std::string("2"));
        QCOMPARE(findImage(*store, "./b/y.jpg").hash, std::string("3"));
        QCOMPARE(findImage(*store, "y.jpg").hash, std::string("3"));
        try {
            findImage(*store, "x.jpg");
            QFAIL("ambiguous name accepted");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Invalid);
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("a/x.jpg")));
        }
        QVERIFY_THROWS_EXCEPTION(Error, findImage(*store, "z.jpg"));
    }

    void relinkRepointsMovedFolder()
    {
        auto store = initProject(file("relink.concord"), {"r", 0, 1, false}, {"ok"});
        store->addImage(makeImage("old/a.jpg", "1"));
        store->addImage(makeImage("old/sub/b.jpg", "2"));
        store->addImage(makeImage("older/c.jpg", "3")); // shares the text prefix "old" only
        QCOMPARE(store->relinkImages("old/", "new/"), std::int64_t(2));
        QVERIFY(store->imageByPath("new/a.jpg"));
        QVERIFY(store->imageByPath("new/sub/b.jpg"));
        QVERIFY(store->imageByPath("older/c.jpg"));
        QCOMPARE(store->imagesByFileName("b.jpg").size(), std::size_t(1));
        QCOMPARE(store->auditLog(1).front().action, std::string("relink"));
    }

    void tamperedSettingNamesItsKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("px_per_mm text") << "px_per_mm"
                                        << "abc";
        QTest::newRow("px_per_mm trailing") << "px_per_mm"
                                            << "12.5mm";
        QTest::newRow("px_per_mm beyond a double") << "px_per_mm"
                                                   << "1e999";
        QTest::newRow("px_per_mm nan") << "px_per_mm"
                                       << "nan";
        QTest::newRow("px_per_mm negative") << "px_per_mm"
                                            << "-3";
        QTest::newRow("overlap fraction") << "overlap"
                                          << "2.5";
        QTest::newRow("overlap zero") << "overlap"
                                      << "0";
        QTest::newRow("overlap empty") << "overlap"
                                       << "";
    }
    void tamperedSettingNamesItsKey()
    {
        // Issue #21: a value changed by another program ended the window with an uncaught
        // std::invalid_argument from std::stod; now it is an error naming the file and key.
        QFETCH(QString, key);
        QFETCH(QString, value);
        const auto path = file("tampered.concord");
        fs::remove(path);
        {
            auto store = initProject(path, {"t", 12.5, 3, false}, {"ok"});
            store->setMeta(key.toStdString(), value.toStdString()); // bypasses setSettings' checks
        }
        auto store = openProject(path);
        try {
            (void)store->settings();
            QFAIL("a tampered setting was accepted");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Invalid);
            QCOMPARE(QString::fromStdString(e.field()), key);
            QCOMPARE(QString::fromStdString(e.file()), QString::fromStdString(path.string()));
        }
    }

    void readOnlyFileOpensReadOnly()
    {
        if (::geteuid() == 0)
            QSKIP("root can write to any file: a read-only file cannot be simulated");
        const auto path = file("ro.concord");
        {
            auto store = initProject(path, {"ro", 0, 1, false}, {"ok"});
        }
        fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
        QVERIFY_THROWS_EXCEPTION(Error, openProject(path, OpenMode::ReadWrite));
        auto store = openProject(path, OpenMode::AutoReadOnly);
        QVERIFY(store->isReadOnly());
        QCOMPARE(store->classes().size(), std::size_t(1));
        fs::permissions(path, fs::perms::owner_write, fs::perm_options::add);
    }

    void assignmentSpreadsEvenly()
    {
        // 10 images × k=3 over 5 labelers = 30 assignments: exactly 6 each, 3 per image.
        auto store = initProject(file("assign.concord"), {"a", 0, 3, false}, {"ok"});
        for (int i = 0; i < 10; ++i)
            store->addImage(makeImage("i" + std::to_string(i) + ".jpg", std::to_string(i)));
        for (const char *n : {"a", "b", "c", "d", "e"})
            store->addLabeler(n, Role::Labeler);
        store->addLabeler("boss", Role::Lead);
        QCOMPARE(assignImages(*store, 3, 42), std::int64_t(30));
        for (const auto &l : store->labelers())
            QCOMPARE(store->queueSize(l.id), std::int64_t(l.role == Role::Lead ? 0 : 6));
        for (const auto &[img, n] : store->assignmentCounts())
            QCOMPARE(n, 3);
        QCOMPARE(assignImages(*store, 3, 42), std::int64_t(0)); // idempotent
        // A labeler who joins later gets an even share at once: ceil(10*3/6) = 5.
        const Id late = store->addLabeler("late", Role::Labeler);
        QCOMPARE(assignNewLabeler(*store, late, 3, 1), std::int64_t(5));
        QCOMPARE(store->queueSize(late), std::int64_t(5));
    }

    void queuePagingQueries()
    {
        // A queue worked out by hand: positions tie (image id breaks the tie), one image comes
        // back in a relabel round, one row is skipped, and another labeler's label never counts.
        auto store = initProject(file("paging.concord"), {"p", 0, 2, false}, {"ok", "bad"});
        std::vector<Id> img;
        for (int i = 0; i < 6; ++i)
            img.push_back(store->addImage(makeImage("p" + std::to_string(i) + ".jpg", "p" + std::to_string(i))));
        const Id a = store->addLabeler("a", Role::Labeler);
        const Id b = store->addLabeler("b", Role::Labeler);
        const Id ok = store->classByName("ok")->id;
        store->assign({img[0], a, 0, 2, AssignmentState::Pending});
        store->assign({img[1], a, 0, 0, AssignmentState::Pending});
        store->assign({img[3], a, 0, 1, AssignmentState::Pending}); // ties with img[2], comes after it
        store->assign({img[2], a, 0, 1, AssignmentState::Pending});
        store->assign({img[4], a, 0, 5, AssignmentState::Pending});
        store->assign({img[0], a, 1, 0, AssignmentState::Pending});
        store->assign({img[2], b, 0, 0, AssignmentState::Pending});
        saveLabel(*store, img[1], a, ok);
        saveLabel(*store, img[0], a, ok);
        saveLabel(*store, img[2], b, ok);
        store->setAssignmentState(img[2], a, 0, AssignmentState::Skipped);

        // Order: (round, position, image): i1, i2, i3, i0, i4, then i0 of round 1.
        std::vector<Id> order;
        for (const auto &e : store->queue(a))
            order.push_back(e.image);
        QCOMPARE(order, (std::vector<Id>{img[1], img[2], img[3], img[0], img[4], img[0]}));
        QCOMPARE(store->queue(a, 2, 2).front().image, img[3]);

        QCOMPARE(store->queueRowsOf(a, img[0]), (std::vector<std::int64_t>{3, 5}));
        QCOMPARE(store->queueRowsOf(a, img[4]), (std::vector<std::int64_t>{4}));
        QCOMPARE(store->queueRowsOf(a, img[5]), std::vector<std::int64_t>{});
        QCOMPARE(store->queueRowsOf(b, img[2]), (std::vector<std::int64_t>{0}));
        // Rows 0, 3 and 5 carry a's label; b's label on img[2] is not a's.
        QCOMPARE(store->queueLabeledCount(a), std::int64_t(3));
        QCOMPARE(store->queueLabeledCount(b), std::int64_t(1));
        using Rows = std::vector<QueueRow>;
        QCOMPARE(store->unlabeledQueueRows(a, false, 10), (Rows{{2, img[3], {}}, {4, img[4], {}}}));
        QCOMPARE(store->unlabeledQueueRows(a, false, 1), (Rows{{2, img[3], {}}}));
        QCOMPARE(store->unlabeledQueueRows(a, true, 10), (Rows{{1, img[2], {}}}));
        QCOMPARE(store->unlabeledQueueRows(b, false, 10), Rows{});
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
