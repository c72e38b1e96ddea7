// SPDX-License-Identifier: GPL-3.0-or-later
// The hot queries (a labeler's queue, the next image, an image's labels, the conflicts) must use
// indexes, so they stay instant at 100 000 images: we capture the SQL the store really runs
// and ask SQLite's EXPLAIN QUERY PLAN about each statement.
#include "core/project/project_ops.h"
#include "core/store/sqlite_db.h"
#include "core/store/sqlite_store.h"

#include <sqlite3.h>

#include <QTemporaryDir>
#include <QtTest>

using namespace concord::core;

namespace {

int capture(unsigned, void *ctx, void *p, void *)
{
    auto *out = static_cast<std::vector<std::string> *>(ctx);
    const char *sql = sqlite3_sql(static_cast<sqlite3_stmt *>(p));
    if (sql)
        out->emplace_back(sql);
    return 0;
}

/// The plan's detail lines, e.g. "SEARCH a USING INDEX assignment_queue (labeler=? AND round>?)".
QStringList plan(sqlite::Database &db, const std::string &sql)
{
    QStringList lines;
    sqlite3_stmt *st = nullptr;
    const std::string explain = "EXPLAIN QUERY PLAN " + sql;
    if (sqlite3_prepare_v2(db.handle(), explain.c_str(), -1, &st, nullptr) != SQLITE_OK)
        return {QStringLiteral("prepare failed: ") + QString::fromUtf8(sqlite3_errmsg(db.handle()))};
    // Bind 1 to every parameter so LIMIT/OFFSET and ids are valid.
    for (int i = 1; i <= sqlite3_bind_parameter_count(st); ++i)
        sqlite3_bind_int64(st, i, 1);
    while (sqlite3_step(st) == SQLITE_ROW)
        lines << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 3)));
    sqlite3_finalize(st);
    return lines;
}

} // namespace

class TestQueryPlans : public QObject
{
    Q_OBJECT

private slots:
    void hotQueriesUseIndexes_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *n : {"queue", "labels of image", "label of image and labeler", "conflicts", "image by path",
                              "images by file name", "thumbnail", "attribute", "queue rows of image",
                              "queue labeled count", "queue first unlabeled", "queue first skipped"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }
    void hotQueriesUseIndexes()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        auto store = initProject(dir.path().toStdString() + "/q.concord", {"q", 0, 1, false}, {"ok", "bad"});
        auto *sqliteStore = dynamic_cast<SqliteStore *>(store.get());
        QVERIFY(sqliteStore);
        auto &db = sqliteStore->database();
        // One assigned image, so the queue calls run every statement they have (the row index
        // of a found row is a second query).
        const Id labeler = store->addLabeler("a", Role::Labeler);
        const Id image = store->addImage(ImageRecord{0, "a.jpg", "h", 1, 8, 8, 0.0});
        store->assign(Assignment{image, labeler, 0, 0, AssignmentState::Pending});
        QCOMPARE(labeler, Id(1));
        QCOMPARE(image, Id(1));

        std::vector<std::string> sql;
        sqlite3_trace_v2(db.handle(), SQLITE_TRACE_STMT, capture, &sql);
        if (name == QLatin1String("queue"))
            store->queue(1, 0, 50);
        else if (name == QLatin1String("labels of image"))
            store->labelsOfImage(1);
        else if (name == QLatin1String("label of image and labeler"))
            store->label(1, 1);
        else if (name == QLatin1String("conflicts"))
            store->conflictImages(0, 50);
        else if (name == QLatin1String("image by path"))
            store->imageByPath("a.jpg");
        else if (name == QLatin1String("images by file name"))
            store->imagesByFileName("a.jpg");
        else if (name == QLatin1String("thumbnail"))
            store->thumbnail("h", 256);
        else if (name == QLatin1String("attribute"))
            store->attributes("length_mm");
        else if (name == QLatin1String("queue rows of image"))
            store->queueRowsOf(1, 1);
        else if (name == QLatin1String("queue labeled count"))
            store->queueLabeledCount(1);
        else if (name == QLatin1String("queue first unlabeled"))
            store->unlabeledQueueRows(1, false, 1);
        else if (name == QLatin1String("queue first skipped"))
            store->unlabeledQueueRows(1, true, 1);
        sqlite3_trace_v2(db.handle(), 0, nullptr, nullptr);
        QVERIFY(!sql.empty());

        for (const auto &s : sql) {
            const QStringList lines = plan(db, s);
            QVERIFY(!lines.isEmpty());
            for (const QString &line : lines) {
                // A full scan of a table is what makes peers slow at 10^5 rows; a scan of an
                // index (covering, in order) is fine, as is a search.
                const bool tableScan =
                    line.startsWith(QLatin1String("SCAN ")) && !line.contains(QLatin1String("INDEX"));
                QVERIFY2(!tableScan, qPrintable(QString::fromStdString(s) + QStringLiteral("\n  → ") + line));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestQueryPlans)
#include "tst_query_plans.moc"
