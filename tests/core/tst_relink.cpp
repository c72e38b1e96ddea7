// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #15 §2: the relink shared by `concord-cli relink` and File → Relink images…: which
// prefix a folder replaces, how many images it finds there, and nothing that breaks paths.
// Also the draft shapes a labeler drew before choosing a class (kept in the project).
#include "core/common/error.h"
#include "core/project/drafts.h"
#include "core/project/project_ops.h"
#include "core/project/relink.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace concord::core;
namespace fs = std::filesystem;

class TestRelink : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    fs::path base() const { return fs::path(m_dir.path().toStdString()); }

    void touch(const fs::path &p)
    {
        fs::create_directories(p.parent_path());
        std::ofstream(p) << "x";
    }

    std::unique_ptr<Store> project(const char *name)
    {
        auto store = initProject(base() / name, {"r", 0, 1, false}, {"ok"});
        for (const char *p : {"shots/a.jpg", "shots/day2/b.jpg", "other/c.jpg"}) {
            ImageRecord r;
            r.path = p;
            r.hash = p;
            r.width = r.height = 4;
            store->addImage(r);
        }
        return store;
    }

private slots:
    void folderMovedIsFoundAndRelinked()
    {
        auto store = project("moved.concord");
        // The files now live in moved/ (shots/ is gone); other/c.jpg is where it was.
        touch(base() / "moved/a.jpg");
        touch(base() / "moved/day2/b.jpg");
        touch(base() / "other/c.jpg");
        const RelinkPlan plan = planRelinkToFolder(*store, base() / "moved");
        QCOMPARE(plan.oldPrefix, std::string("shots/"));
        QCOMPARE(plan.newPrefix, std::string("moved/")); // inside the project folder: relative
        QCOMPARE(plan.images, std::int64_t(2));
        QCOMPARE(plan.found, std::int64_t(2));
        QCOMPARE(plan.missingNow, std::int64_t(2));
        QCOMPARE(plan.missingInProject, std::int64_t(2));
        // The CLI's --dry-run counts the same through previewRelink.
        const RelinkPlan same = previewRelink(*store, "shots/", "moved/");
        QCOMPARE(same.found, plan.found);
        QCOMPARE(same.images, plan.images);
        QCOMPARE(relinkImages(*store, plan.oldPrefix, plan.newPrefix), std::int64_t(2));
        QVERIFY(store->imageByPath("moved/day2/b.jpg"));
        QVERIFY(store->imageByPath("other/c.jpg"));
        QCOMPARE(previewRelink(*store, "moved/", "moved/").missingInProject, std::int64_t(0));
        // Nothing missing any more: nothing to propose.
        QCOMPARE(planRelinkToFolder(*store, base() / "moved").found, std::int64_t(0));
    }

    void folderOutsideTheProjectIsAbsolute()
    {
        QTemporaryDir elsewhere;
        auto store = project("outside.concord");
        const fs::path out(elsewhere.path().toStdString());
        touch(out / "shots/a.jpg"); // the whole tree moved: "" is replaced, shots/ kept
        touch(out / "shots/day2/b.jpg");
        touch(out / "other/c.jpg");
        const RelinkPlan plan = planRelinkToFolder(*store, out);
        QCOMPARE(plan.oldPrefix, std::string());
        QCOMPARE(plan.newPrefix, fs::weakly_canonical(out).generic_string() + "/");
        QCOMPARE(plan.images, std::int64_t(3));
        QCOMPARE(plan.found, std::int64_t(3));
    }

    void nothingFoundChangesNothing()
    {
        auto store = project("none.concord");
        fs::create_directories(base() / "empty");
        QCOMPARE(planRelinkToFolder(*store, base() / "empty").found, std::int64_t(0));
        QCOMPARE(previewRelink(*store, "shots/", "nowhere/").found, std::int64_t(0));
        QCOMPARE(previewRelink(*store, "shots/", "nowhere/").images, std::int64_t(2));
        QVERIFY_THROWS_EXCEPTION(Error, relinkImages(*store, "shots/", ""));
        QVERIFY(store->imageByPath("shots/a.jpg"));
    }

    void emptyPrefixNeverTouchesAbsolutePaths()
    {
        auto store = project("abs.concord");
        ImageRecord r;
        r.path = "/data/abs.jpg";
        r.hash = r.path;
        store->addImage(r);
        try {
            relinkImages(*store, "", "new/");
            QFAIL("an empty old prefix beside absolute paths was accepted");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Invalid);
        }
        QVERIFY(store->imageByPath("/data/abs.jpg"));
        QVERIFY(store->imageByPath("shots/a.jpg"));
    }

    void commandLineDryRunCountsAndWritesNothing()
    {
        {
            auto store = project("cli.concord");
            touch(base() / "cli-moved/a.jpg");
        }
        const QString file = QString::fromStdString((base() / "cli.concord").string());
        const auto hash = [&] {
            QFile f(file);
            return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256)
                                               : QByteArray();
        };
        const QByteArray before = hash();
        QProcess p;
        p.start(QStringLiteral(CONCORD_CLI),
                {QStringLiteral("relink"), file, QStringLiteral("shots/"), QStringLiteral("cli-moved/"),
                 QStringLiteral("--dry-run"), QStringLiteral("--json")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject j = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        // shots/a.jpg and shots/day2/b.jpg start with the prefix; only a.jpg is at the new place.
        QCOMPARE(j.value(QStringLiteral("images")).toInt(), 2);
        QCOMPARE(j.value(QStringLiteral("found")).toInt(), 1);
        QCOMPARE(j.value(QStringLiteral("relinked")).toInt(), 0);
        QCOMPARE(hash(), before); // a dry run writes nothing
    }

    void draftsRoundTripPerLabeler()
    {
        auto store = project("drafts.concord");
        const Id ana = ensureLabeler(*store, "ana").id;
        const Id ben = ensureLabeler(*store, "ben").id;
        const Id img = store->imageByPath("shots/a.jpg")->id;
        Annotation box;
        box.kind = AnnotationKind::Box;
        box.geometry = R"({"x1":1,"y1":2,"x2":30,"y2":40})";
        box.area = 29.0 * 38.0;
        Annotation line;
        line.kind = AnnotationKind::Line;
        line.geometry = R"({"x1":0,"y1":0,"x2":3,"y2":4})";
        line.lengthPx = 5.0;
        line.lengthMm = 0.5;
        line.classId = 2; // a shape's own class (issue #17); the box has none yet (0)
        saveDraft(*store, ana, img, {box, line});
        const auto back = draftOf(*store, ana, img);
        QCOMPARE(back.size(), std::size_t(2));
        QCOMPARE(back[0].geometry, box.geometry);
        QCOMPARE(back[0].area, 1102.0);
        QVERIFY(back[1].kind == AnnotationKind::Line);
        QCOMPARE(back[1].lengthPx, 5.0);
        QCOMPARE(*back[1].lengthMm, 0.5);
        QCOMPARE(back[1].classId, Id{2});
        QCOMPARE(back[0].classId, Id{0});
        QVERIFY(draftOf(*store, ben, img).empty()); // another labeler's draft is theirs
        saveDraft(*store, ana, img, {});
        QVERIFY(draftOf(*store, ana, img).empty());
    }
};

QTEST_GUILESS_MAIN(TestRelink)
#include "tst_relink.moc"
