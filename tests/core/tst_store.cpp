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

    void migratesFromVersion3GivingShapesTheirClass()
    {
        // Schema 4 (issue #17): a shape takes the class its geometry named when the project
        // has it, else its label's, as version 3's data implies; every class names both.
        const auto path = file("v3.concord");
        {
            sqlite::Database db(path, sqlite::Database::Access::Create);
            db.execScript("BEGIN");
            sqlite::migrate(db, 0, 3);
            db.execScript(R"sql(
INSERT INTO project_meta VALUES ('name', 'old'), ('overlap', '2');
INSERT INTO label_class(id, name) VALUES (1, 'ok'), (2, 'scratch'), (3, 'dent');
INSERT INTO labeler(id, name, role, created_at) VALUES (1, 'ana', 'labeler', 't');
INSERT INTO image(id, path, hash, width, height, file_name, added_at) VALUES (1, 'a.png', 'h', 9, 9, 'a.png', 't');
INSERT INTO label(id, image, labeler, class, source, created_at, updated_at) VALUES (1, 1, 1, 2, 'manual', 't', 't');
INSERT INTO annotation(id, label, kind, geometry) VALUES
  (1, 1, 'line', '{"x1":0,"y1":0,"x2":3,"y2":4}'),
  (2, 1, 'box', '{"x1":0,"y1":0,"x2":3,"y2":4,"class":"dent"}'),
  (3, 1, 'box', '{"x1":0,"y1":0,"x2":3,"y2":4,"class":"unknown"}'),
  (4, 1, 'box', 'not json');
COMMIT;
)sql");
        }
        auto store = openProject(path);
        QCOMPARE(store->schemaVersion(), kSchemaVersion);
        QCOMPARE(store->auditLog(1).front().action, std::string("migrate"));
        const auto shapes = store->annotationsOfLabel(1);
        QCOMPARE(shapes.size(), std::size_t(4));
        QCOMPARE(shapes[0].classId, Id(2)); // the label's
        QCOMPARE(shapes[1].classId, Id(3)); // the one its geometry named
        QCOMPARE(shapes[2].classId, Id(2)); // named a class the project lacks: the label's
        QCOMPARE(shapes[3].classId, Id(2)); // unreadable geometry: the label's
        for (const auto &c : store->classes())
            QCOMPARE_ENUM(c.scope, ClassScope::Both);
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
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
