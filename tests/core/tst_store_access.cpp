// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a project without write access (a folder or a mount that is not writable, another
// user's project in a shared folder) and writing to a full disk: viewing works and leaves no
// file behind that could block the owner, saved changes in a -wal are seen, and a full disk
// says so (docs/RELIABILITY.md "Viewing without write access").
//
// The suite runs as root in CI, and root may write any file: the viewer then runs in a
// forked child as "nobody" (uid 65534) and the project's owner as uid 1001. Run as another
// user, the test makes files and folders read-only with chmod and plays both parts itself.
#include "core/common/error.h"
#include "core/project/project_ops.h"
#include "core/store/sqlite_db.h"
#include "core/store/sqlite_store.h"
#include "test_printers.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>
#include <fstream>
#include <functional>
#include <string>

#include <grp.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace concord::core;
namespace fs = std::filesystem;

namespace {

constexpr uid_t kViewer = 65534; // nobody
constexpr uid_t kOwner = 1001;

bool isRoot()
{
    return ::geteuid() == 0;
}

struct Outcome
{
    bool ok = false;
    std::string text;
};

/// Runs `work` in a forked child, as `uid` when this process is root, and returns what it
/// returned (or the message of what it threw). The child never returns into the test.
Outcome runAs(uid_t uid, const std::function<std::string()> &work)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return {false, "pipe failed"};
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        std::string out;
        int code = 0;
        try {
            if (isRoot() && (::setgroups(0, nullptr) != 0 || ::setgid(uid) != 0 || ::setuid(uid) != 0))
                throw std::runtime_error("cannot become uid " + std::to_string(uid));
            out = work();
        } catch (const std::exception &e) {
            out = e.what();
            code = 1;
        }
        const char *p = out.data();
        std::size_t left = out.size();
        while (left > 0) {
            const auto n = ::write(fds[1], p, left);
            if (n <= 0)
                break;
            p += n;
            left -= static_cast<std::size_t>(n);
        }
        ::_exit(code);
    }
    ::close(fds[1]);
    Outcome r;
    char buf[4096];
    for (;;) {
        const auto n = ::read(fds[0], buf, sizeof buf);
        if (n <= 0)
            break;
        r.text.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return r;
}

fs::path withSuffix(const fs::path &file, const char *suffix)
{
    fs::path p = file;
    p += suffix;
    return p;
}

/// "-wal -shm" for the journal files that exist beside `file`, "" when none.
std::string journalFiles(const fs::path &file)
{
    std::string out;
    for (const char *s : {"-wal", "-shm", "-journal"})
        if (fs::exists(withSuffix(file, s)))
            out += (out.empty() ? "" : " ") + std::string(s);
    return out;
}

void setMode(const fs::path &p, fs::perms perms)
{
    fs::permissions(p, perms, fs::perm_options::replace);
}

constexpr auto kRwxrxrx = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                          fs::perms::others_read | fs::perms::others_exec;
constexpr auto kRxrxrx = fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read | fs::perms::group_exec |
                         fs::perms::others_read | fs::perms::others_exec;
constexpr auto kRwrr = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read;
constexpr auto kRrr = fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read;

/// What a viewer reports: read-only or not, the classes, the images.
std::string view(const fs::path &file)
{
    auto store = openProject(file, OpenMode::AutoReadOnly);
    std::string out = store->isReadOnly() ? "read-only" : "writable";
    for (const auto &c : store->classes())
        out += " " + c.name;
    out += " images=" + std::to_string(store->imageCount());
    return out;
}

ImageRecord image(const std::string &path)
{
    ImageRecord r;
    r.path = path;
    r.hash = "h-" + path;
    r.bytes = 1;
    r.width = 10;
    r.height = 10;
    return r;
}

} // namespace

class TestStoreAccess : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

    /// A fresh folder (0755, so the viewer can enter it) holding a closed project with the
    /// classes ok and scratch and one image.
    fs::path makeProject(const char *name)
    {
        const fs::path root(m_tmp.path().toStdString());
        setMode(root, kRwxrxrx);
        const fs::path dir = root / name;
        fs::create_directories(dir);
        setMode(dir, kRwxrxrx);
        const fs::path file = dir / "p.concord";
        auto store = initProject(file, {"shared", 0, 1, false}, {"ok", "scratch"});
        store->addImage(image("a.png"));
        return file;
    }

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    /// A project that is writable itself but lies in a folder the viewer cannot write: SQLite
    /// cannot create the -wal/-shm a WAL database needs, which used to fail with "attempt to
    /// write a readonly database". It opens read-only (an immutable snapshot) and creates
    /// nothing.
    void viewsInUnwritableFolder()
    {
        const fs::path file = makeProject("unwritable");
        const fs::path dir = file.parent_path();
        if (isRoot())
            setMode(file, kRwrr | fs::perms::group_write | fs::perms::others_write); // 0666; folder root's 0755
        else
            setMode(dir, kRxrxrx);
        const Outcome seen = runAs(kViewer, [&] {
            std::string refused;
            try {
                openProject(file, OpenMode::ReadWrite);
            } catch (const Error &e) {
                refused = e.code() == ErrorCode::ReadOnly ? " (read-write refused)" : " (wrong error)";
            }
            return view(file) + refused;
        });
        setMode(dir, kRwxrxrx);
        QVERIFY2(seen.ok, seen.text.c_str());
        QCOMPARE(seen.text, std::string("read-only ok scratch images=1 (read-write refused)"));
        QCOMPARE(journalFiles(file), std::string());
    }

    /// Another user's project in a folder everybody may write: a read-only viewer used to
    /// create the -wal/-shm itself (owned by the viewer, with the project's mode) and leave
    /// them, so the owner's next write failed with "attempt to write a readonly database".
    void viewerLeavesNothingForTheOwner()
    {
        const fs::path file = makeProject("shared");
        const fs::path dir = file.parent_path();
        if (isRoot()) {
            setMode(dir, fs::perms::all); // 0777
            QCOMPARE(::chown(file.c_str(), kOwner, kOwner), 0);
            setMode(file, kRwrr);
        } else {
            setMode(file, kRrr); // the viewer may read, not write
        }
        const Outcome seen = runAs(kViewer, [&] { return view(file); });
        QVERIFY2(seen.ok, seen.text.c_str());
        QCOMPARE(seen.text, std::string("read-only ok scratch images=1"));
        QCOMPARE(journalFiles(file), std::string());

        if (!isRoot())
            setMode(file, kRwrr);
        const Outcome wrote = runAs(kOwner, [&] {
            auto store = openProject(file, OpenMode::ReadWrite);
            store->addClass({0, "dent", "#ff0000", "", "", 3});
            return view(file);
        });
        QVERIFY2(wrote.ok, wrote.text.c_str());
        QCOMPARE(wrote.text, std::string("writable ok scratch dent images=1"));
        QCOMPARE(journalFiles(file), std::string());
    }

    /// Saved changes can sit in the -wal (a writer that was killed, or one still at work):
    /// a snapshot of the main file alone would miss them, so the viewer reads them through
    /// SQLite. A -wal without its -shm cannot be read without creating the -shm, which a
    /// viewer who cannot write must not do: a clear error, and still nothing created.
    void viewerReadsWhatTheWalHolds()
    {
        const fs::path file = makeProject("wal");
        const fs::path dir = file.parent_path();
        // A writer commits, then dies without closing: the commit is in the -wal only.
        const Outcome killed = runAs(::geteuid(), [&]() -> std::string {
            auto store = openProject(file, OpenMode::ReadWrite);
            store->addClass({0, "late", "#00ff00", "", "", 3});
            ::_exit(0);
        });
        QVERIFY(killed.ok);
        QCOMPARE(journalFiles(file), std::string("-wal -shm"));
        QVERIFY(fs::file_size(withSuffix(file, "-wal")) > 0);
        if (!isRoot())
            setMode(dir, kRxrxrx);
        const Outcome seen = runAs(kViewer, [&] { return view(file); });
        QVERIFY2(seen.ok, seen.text.c_str());
        QCOMPARE(seen.text, std::string("read-only ok scratch late images=1"));

        setMode(dir, kRwxrxrx);
        fs::remove(withSuffix(file, "-shm"));
        if (!isRoot())
            setMode(dir, kRxrxrx);
        const Outcome refused = runAs(kViewer, [&] { return view(file); });
        setMode(dir, kRwxrxrx);
        QVERIFY2(!refused.ok, refused.text.c_str());
        QVERIFY2(refused.text.find("p.concord-shm") != std::string::npos, refused.text.c_str());
        QVERIFY2(refused.text.find("write") != std::string::npos, refused.text.c_str());
        QCOMPARE(journalFiles(file), std::string("-wal"));
        // The owner opens it again and nothing was lost.
        QCOMPARE(view(file), std::string("writable ok scratch late images=1"));
        QCOMPARE(journalFiles(file), std::string());
    }

    /// A read-only mount (root only: a read-only bind mount of the project's folder). It used
    /// to fail with "unable to open database file".
    void viewsOnReadOnlyMount()
    {
        if (!isRoot())
            QSKIP("a read-only mount needs root; viewsInUnwritableFolder covers the same ladder");
        const fs::path file = makeProject("mounted");
        const fs::path mnt = file.parent_path().parent_path() / "mnt";
        fs::create_directories(mnt);
        if (::mount(file.parent_path().c_str(), mnt.c_str(), nullptr, MS_BIND, nullptr) != 0)
            QSKIP("bind mounts are not permitted here");
        const bool ro = ::mount(nullptr, mnt.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) == 0;
        std::string seen;
        try {
            if (ro)
                seen = view(mnt / "p.concord");
        } catch (const Error &e) {
            seen = e.what();
        }
        ::umount(mnt.c_str());
        if (!ro)
            QSKIP("a read-only remount is not permitted here");
        QCOMPARE(seen, std::string("read-only ok scratch images=1"));
        QCOMPARE(journalFiles(file), std::string());
    }

    /// A snapshot reads without locks, so SQLite would go on answering from its stale pages
    /// once a writer changed the file (a hand test with immutable=1: count(*) gave 2002 rows
    /// of a table the writer had emptied). The snapshot notices the writer's -wal, and the
    /// changed file, and opens the project again by the same ladder, so reads show the
    /// change and dataVersion() tells the window to reload. A bare Database snapshot, which
    /// has no way to reopen, refuses instead.
    void snapshotNoticesAWriter()
    {
        const fs::path file = makeProject("snapshot");
        const fs::path dir = file.parent_path();
        fs::path viewPath = file;
        const fs::path mnt = dir.parent_path() / "snapshot-mnt";
        if (isRoot()) {
            fs::create_directories(mnt);
            if (::mount(dir.c_str(), mnt.c_str(), nullptr, MS_BIND, nullptr) != 0)
                QSKIP("bind mounts are not permitted here");
            if (::mount(nullptr, mnt.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0) {
                ::umount(mnt.c_str());
                QSKIP("a read-only remount is not permitted here");
            }
            viewPath = mnt / "p.concord";
        } else {
            setMode(dir, kRxrxrx);
        }
        std::string before, whileWriting, afterWriting, bare;
        bool versionChanged = false;
        {
            auto viewer = openProject(viewPath, OpenMode::AutoReadOnly);
            sqlite::Database raw(viewPath, sqlite::Database::Access::Snapshot);
            setMode(dir, kRwxrxrx);
            before = std::to_string(viewer->classes().size());
            const auto v0 = viewer->dataVersion();
            const auto count = [&] {
                try {
                    return std::to_string(viewer->classes().size());
                } catch (const Error &e) {
                    return std::string(e.what());
                }
            };
            {
                auto writer = openProject(file, OpenMode::ReadWrite);
                writer->addClass({0, "late", "#00ff00", "", "", 3});
                whileWriting = count(); // the writer's -wal is there: a live read-only connection
            }
            afterWriting = count();
            versionChanged = viewer->dataVersion() != v0;
            try {
                raw.prepare("SELECT count(*) FROM label_class");
                bare = "answered";
            } catch (const Error &e) {
                bare = e.what();
            }
        }
        if (isRoot())
            ::umount(mnt.c_str());
        QCOMPARE(before, std::string("2"));
        QCOMPARE(whileWriting, std::string("3"));
        QCOMPARE(afterWriting, std::string("3"));
        QVERIFY(versionChanged);
        QVERIFY2(bare.find("changed while Concord read it as a snapshot, or another program opened it") !=
                     std::string::npos,
                 bare.c_str());
        // The writer's -wal/-shm may still be there (as root the viewer's read lock kept the
        // writer from removing them, and a viewer that cannot write does not checkpoint):
        // they are the writer's, and its next open and close removes them.
        QCOMPARE(view(file), std::string("writable ok scratch late images=1"));
        QCOMPARE(journalFiles(file), std::string());
    }

    void fullDiskSaysSo_data()
    {
        QTest::addColumn<bool>("tmpfs");
        QTest::newRow("size limit (max_page_count)") << false;
        QTest::newRow("full tmpfs") << true;
    }

    /// SQLITE_FULL ends the transaction itself; the ROLLBACK that followed then failed with
    /// "cannot rollback - no transaction is active", and that was the message shown.
    void fullDiskSaysSo()
    {
        QFETCH(bool, tmpfs);
        const fs::path root(m_tmp.path().toStdString());
        fs::path dir = root / (tmpfs ? "tmpfs" : "limit");
        fs::create_directories(dir);
        if (tmpfs) {
            if (!isRoot())
                QSKIP("mounting a tmpfs needs root; the max_page_count row covers SQLITE_FULL");
            if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, "size=1m") != 0)
                QSKIP("mounting a tmpfs is not permitted here");
        }
        const fs::path file = dir / "p.concord";
        std::string message;
        ErrorCode code = ErrorCode::Cancelled;
        std::int64_t imagesAfter = -1;
        {
            auto store = initProject(file, {"full", 0, 1, false}, {"ok"});
            auto &db = dynamic_cast<SqliteStore &>(*store).database();
            if (tmpfs) {
                // Leave 48 KiB: the -wal and -shm exist already, the next big commit fails.
                std::ofstream filler(dir / "filler", std::ios::binary);
                const std::string chunk(4096, 'f');
                while (filler.write(chunk.data(), static_cast<std::streamsize>(chunk.size())) &&
                       fs::space(dir).available > 48 * 1024) {
                    filler.flush();
                }
            } else {
                // 2 pages more than it has: the next big commit needs more.
                sqlite::Statement &st = db.prepare("PRAGMA page_count");
                st.step();
                const auto pages = st.int64(0);
                st.reset();
                db.execScript(("PRAGMA max_page_count = " + std::to_string(pages + 2)).c_str());
            }
            try {
                store->transaction([&] {
                    for (int i = 0; i < 3000; ++i)
                        store->addImage(image(std::string(200, 'x') + std::to_string(i) + ".png"));
                });
            } catch (const Error &e) {
                message = e.what();
                code = e.code();
            }
            fs::remove(dir / "filler");
            imagesAfter = store->imageCount(); // the connection still works
        }
        const std::string reopened = journalFiles(file);
        const auto images = openProject(file, OpenMode::ReadOnly)->imageCount();
        if (tmpfs)
            ::umount(dir.c_str());
        QVERIFY2(message.find("disk is full") != std::string::npos, message.c_str());
        QVERIFY2(message.find("no transaction") == std::string::npos, message.c_str());
        QCOMPARE(code, ErrorCode::Io);
        QCOMPARE(imagesAfter, std::int64_t(0)); // all or nothing
        QCOMPARE(images, std::int64_t(0));
        QCOMPARE(reopened, std::string());
    }
};

QTEST_GUILESS_MAIN(TestStoreAccess)
#include "tst_store_access.moc"
