// SPDX-License-Identifier: GPL-3.0-or-later
// Crash and concurrency safety of the project file (issue: nothing lost under crashes).
//
//   crash_test crash KILLS [DIR]        a child labels continuously through core (as the GUI
//                                       does) and reports each committed label on a pipe; the
//                                       parent SIGKILLs it at random moments. After every kill
//                                       the file must pass PRAGMA integrity_check and hold every
//                                       label the child reported committed.
//   crash_test lockdrop [DIR]         issue #15: process A keeps a connection open and opens and
//                                       closes further ones, as the window's workers do; process
//                                       B writes and exits; A commits. A fresh process C must see
//                                       A's commit, also after A is SIGKILLed. Fails when opening
//                                       a connection drops A's own SQLite locks (B, closing last,
//                                       then deletes the WAL A still writes to).
//   crash_test concurrent WRITERS N [DIR]
//                                       WRITERS processes label the same images at once (one
//                                       labeler each) while a "lead" process runs long
//                                       transactions; no write may be lost and no process may
//                                       see "database is locked".
// CTest runs both with small counts; by hand: `crash_test crash 100`.
#include "core/common/error.h"
#include "core/project/project_ops.h"
#include "core/store/sqlite_db.h"
#include "core/store/sqlite_store.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace concord::core;
namespace fs = std::filesystem;

namespace {

constexpr int kImages = 4000;
const char *kClasses[] = {"ok", "scratch", "dent"};

fs::path makeProject(const fs::path &dir)
{
    fs::create_directories(dir);
    const fs::path file = dir / "crash.concord";
    fs::remove(file);
    fs::remove(file.string() + "-wal");
    fs::remove(file.string() + "-shm");
    auto store = initProject(file, {"crash", 40.0, 3, false}, {kClasses[0], kClasses[1], kClasses[2]});
    store->transaction([&] {
        for (int i = 0; i < kImages; ++i) {
            ImageRecord r;
            r.path = "img/" + std::to_string(i) + ".jpg";
            r.hash = std::to_string(i);
            r.width = 640;
            r.height = 480;
            store->addImage(r);
        }
    });
    return file;
}

pid_t spawnSelf(const char *self, std::vector<std::string> args, int stdoutFd, int stdinFd = -1)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (stdoutFd >= 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutFd, 1);
    if (stdinFd >= 0)
        posix_spawn_file_actions_adddup2(&actions, stdinFd, 0);
    std::vector<char *> argv{const_cast<char *>(self)};
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, self, &actions, nullptr, argv.data(), environ) != 0) {
        std::perror("posix_spawn");
        std::exit(2);
    }
    posix_spawn_file_actions_destroy(&actions);
    return pid;
}

/// Child: labels images from `start` on as `labeler`, printing "image class" after each commit.
int childLabel(const fs::path &file, const std::string &labeler, int start, int count, int classShift)
{
    try {
        auto store = openProject(file);
        const Id who = ensureLabeler(*store, labeler).id;
        std::vector<Id> classIds;
        for (const char *c : kClasses)
            classIds.push_back(store->classByName(c)->id);
        const auto images = store->images();
        for (int n = 0; n < count; ++n) {
            const int i = (start + n) % kImages;
            const int c = (i + classShift) % 3;
            Annotation line{0, 0, AnnotationKind::Line, R"({"x1":0,"y1":0,"x2":10,"y2":0})", 10.0, 0.25, 0.0};
            saveLabel(*store, images[static_cast<std::size_t>(i)].id, who, classIds[static_cast<std::size_t>(c)],
                      {line});
            std::printf("%d %d\n", i, c); // reported only after the commit returned
            std::fflush(stdout);
        }
    } catch (const Error &e) {
        std::fprintf(stderr, "child %s: %s\n", labeler.c_str(), e.what());
        return 3;
    }
    return 0;
}

/// Reads "image class" lines from a pipe until EOF.
std::map<int, int> readReports(int fd)
{
    std::map<int, int> reported;
    std::string buf;
    char chunk[4096];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0)
        buf.append(chunk, static_cast<std::size_t>(n));
    std::size_t pos = 0;
    while (true) {
        const auto nl = buf.find('\n', pos);
        if (nl == std::string::npos)
            break; // a torn last line was never fully reported
        int i = 0, c = 0;
        if (std::sscanf(buf.c_str() + pos, "%d %d", &i, &c) == 2)
            reported[i] = c;
        pos = nl + 1;
    }
    return reported;
}

bool integrityOk(const fs::path &file)
{
    sqlite::Database db(file, sqlite::Database::Access::ReadOnly);
    auto &st = db.prepare("PRAGMA integrity_check");
    st.step();
    const std::string result = st.text(0);
    st.reset();
    if (result != "ok")
        std::cerr << "integrity_check: " << result << '\n';
    return result == "ok";
}

/// Labels of `labeler` in the project: image index -> class index.
std::map<int, int> storedLabels(const fs::path &file, const std::string &labeler)
{
    std::map<int, int> out;
    auto store = openProject(file, OpenMode::ReadOnly);
    for (const auto &row : store->labelRows()) {
        if (row.labelerName != labeler)
            continue;
        const int i = std::stoi(row.imagePath.substr(4));
        for (int c = 0; c < 3; ++c)
            if (row.className == kClasses[c])
                out[i] = c;
        if (store->annotationsOfLabel(row.label.id).size() != 1)
            out[i] = -1; // the label and its annotation must commit together
    }
    return out;
}

int runCrash(const char *self, int kills, const fs::path &dir)
{
    const fs::path file = makeProject(dir);
    std::mt19937 rng(12345);
    int lost = 0, corrupt = 0, torn = 0;
    std::size_t totalReported = 0;
    int start = 0;
    for (int k = 0; k < kills; ++k) {
        int fds[2];
        if (pipe(fds) != 0)
            return 2;
        const pid_t pid =
            spawnSelf(self, {"child", file.string(), "ana", std::to_string(start), "100000", "0"}, fds[1]);
        close(fds[1]);
        // Wait until the child is writing (its first report), then kill it at a random moment
        // a little later, so kills land inside transactions rather than during start-up.
        std::string early;
        char ch = 0;
        while (early.find('\n') == std::string::npos && read(fds[0], &ch, 1) == 1)
            early += ch;
        std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 250));
        kill(pid, SIGKILL);
        auto reported = readReports(fds[0]);
        int i0 = 0, c0 = 0;
        if (std::sscanf(early.c_str(), "%d %d", &i0, &c0) == 2)
            reported[i0] = c0;
        close(fds[0]);
        int status = 0;
        waitpid(pid, &status, 0);
        if (!integrityOk(file))
            ++corrupt;
        const auto stored = storedLabels(file, "ana");
        for (const auto &[i, c] : reported) {
            const auto it = stored.find(i);
            if (it == stored.end() || it->second != c)
                ++lost;
        }
        for (const auto &[i, c] : stored)
            if (c < 0)
                ++torn;
        totalReported += reported.size();
        start = (start + static_cast<int>(reported.size()) + 1) % kImages;
    }
    std::cout << "crash: " << kills << " kills, " << totalReported << " labels reported committed, " << lost
              << " lost, " << corrupt << " corrupt, " << torn << " labels without their annotation\n";
    const bool ok = lost == 0 && corrupt == 0 && torn == 0 && totalReported > 0;
    std::cout << (ok ? 1 : 0) << " passed, " << (ok ? 0 : 1) << " failed\n";
    return ok ? 0 : 1;
}

int runConcurrent(const char *self, int writers, int perWriter, const fs::path &dir)
{
    const fs::path file = makeProject(dir);
    struct Child
    {
        pid_t pid;
        int fd;
        std::string name;
        int shift;
    };
    std::vector<Child> children;
    for (int w = 0; w < writers; ++w) {
        int fds[2];
        if (pipe(fds) != 0)
            return 2;
        Child c{0, fds[0], "writer" + std::to_string(w), w};
        c.pid = spawnSelf(self, {"child", file.string(), c.name, "0", std::to_string(perWriter), std::to_string(w)},
                          fds[1]);
        close(fds[1]);
        children.push_back(c);
    }
    // The lead: long transactions touching every image's attribute while the labelers write.
    const pid_t lead = spawnSelf(self, {"lead", file.string()}, -1);

    int failures = 0;
    for (auto &c : children) {
        const auto reported = readReports(c.fd);
        close(c.fd);
        int status = 0;
        waitpid(c.pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::cerr << c.name << " failed (status " << status << ")\n";
            ++failures;
        }
        const auto stored = storedLabels(file, c.name);
        if (static_cast<int>(reported.size()) != perWriter || stored != reported) {
            std::cerr << c.name << ": reported " << reported.size() << ", stored " << stored.size() << '\n';
            ++failures;
        }
    }
    int status = 0;
    waitpid(lead, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::cerr << "lead failed (status " << status << ")\n";
        ++failures;
    }
    if (!integrityOk(file))
        ++failures;
    std::cout << "concurrent: " << writers << " writers × " << perWriter << " labels + a lead; " << failures
              << " failures\n";
    std::cout << (failures == 0 ? 1 : 0) << " passed, " << (failures == 0 ? 0 : 1) << " failed\n";
    return failures == 0 ? 0 : 1;
}

/// Reads one line from `fd` (without the newline); empty at EOF.
std::string readLine(int fd)
{
    std::string line;
    char ch = 0;
    while (read(fd, &ch, 1) == 1 && ch != '\n')
        line += ch;
    return line;
}

/// Process A of the lockdrop test: one connection stays open, then further connections are
/// opened and closed (read-only and read-write, on this thread and on a worker thread, as the
/// window's dashboard, clusters and preview workers do). "READY" once that is done; after a
/// line on stdin, a label is committed through the first connection and "COMMITTED" printed;
/// then A waits to be killed.
int childHolder(const fs::path &file)
{
    try {
        auto store = openProject(file);
        const Id who = ensureLabeler(*store, "holder").id;
        const auto images = store->images();
        saveLabel(*store, images[0].id, who, store->classByName("ok")->id);
        for (int k = 0; k < 3; ++k) {
            auto reader = openProject(file, OpenMode::ReadOnly);
            (void)reader->images();
        }
        std::thread worker([&] {
            auto reader = openProject(file, OpenMode::ReadOnly);
            (void)reader->labelRows();
        });
        worker.join();
        {
            auto writer = openProject(file);
        }
        std::printf("READY\n");
        std::fflush(stdout);
        (void)readLine(0);
        saveLabel(*store, images[1].id, who, store->classByName("scratch")->id);
        std::printf("COMMITTED\n");
        std::fflush(stdout);
        while (true)
            std::this_thread::sleep_for(std::chrono::seconds(1));
    } catch (const Error &e) {
        std::fprintf(stderr, "holder: %s\n", e.what());
        return 3;
    }
}

/// Process B: a short-lived writer (concord-cli label) that closes the last connection it has.
int childWriter(const fs::path &file)
{
    try {
        auto store = openProject(file);
        const Id who = ensureLabeler(*store, "writer").id;
        saveLabel(*store, store->images()[2].id, who, store->classByName("dent")->id);
    } catch (const Error &e) {
        std::fprintf(stderr, "writer: %s\n", e.what());
        return 3;
    }
    return 0;
}

/// Process C: exit 0 when the holder's second label (image 1, scratch) is in the file.
int childCheck(const fs::path &file)
{
    try {
        auto store = openProject(file, OpenMode::ReadOnly);
        for (const auto &row : store->labelRows())
            if (row.labelerName == "holder" && row.imagePath == "img/1.jpg" && row.className == "scratch")
                return 0;
        std::fprintf(stderr, "check: the holder's committed label is missing\n");
    } catch (const Error &e) {
        std::fprintf(stderr, "check: %s\n", e.what());
    }
    return 1;
}

int waitExit(pid_t pid)
{
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int runLockDrop(const char *self, const fs::path &dir)
{
    const fs::path file = makeProject(dir);
    int out[2], in[2];
    if (pipe(out) != 0 || pipe(in) != 0)
        return 2;
    const pid_t holder = spawnSelf(self, {"holder", file.string()}, out[1], in[0]);
    close(out[1]);
    close(in[0]);
    int failures = 0;
    if (readLine(out[0]) != "READY") {
        std::cerr << "holder did not get ready\n";
        return 1;
    }
    if (waitExit(spawnSelf(self, {"writer", file.string()}, -1)) != 0) {
        std::cerr << "writer failed\n";
        ++failures;
    }
    const bool walKept = fs::exists(file.string() + "-wal") && fs::exists(file.string() + "-shm");
    if (!walKept) {
        std::cerr << "the writer deleted the -wal/-shm files the holder still uses\n";
        ++failures;
    }
    if (write(in[1], "GO\n", 3) != 3 || readLine(out[0]) != "COMMITTED") {
        std::cerr << "holder did not commit\n";
        ++failures;
    }
    if (waitExit(spawnSelf(self, {"check", file.string()}, -1)) != 0) {
        std::cerr << "a fresh process does not see the holder's commit\n";
        ++failures;
    }
    kill(holder, SIGKILL);
    waitExit(holder);
    close(in[1]);
    close(out[0]);
    if (waitExit(spawnSelf(self, {"check", file.string()}, -1)) != 0) {
        std::cerr << "the holder's commit is lost after kill -9\n";
        ++failures;
    }
    if (!integrityOk(file))
        ++failures;
    std::cout << "lockdrop: " << failures << " failures\n";
    std::cout << (failures == 0 ? 1 : 0) << " passed, " << (failures == 0 ? 0 : 1) << " failed\n";
    return failures == 0 ? 0 : 1;
}

int childLead(const fs::path &file)
{
    try {
        auto store = openProject(file);
        const auto images = store->images();
        for (int round = 0; round < 5; ++round) {
            store->transaction([&] {
                for (const auto &img : images)
                    store->setAttribute({img.id, "lead_pass", double(round), AttrSource::Computed});
            });
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    } catch (const Error &e) {
        std::fprintf(stderr, "lead: %s\n", e.what());
        return 3;
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const std::string mode = argc > 1 ? argv[1] : "";
    const fs::path tmp = fs::temp_directory_path() / ("concord-crash-" + std::to_string(getpid()));
    if (mode == "child" && argc == 7)
        return childLabel(argv[2], argv[3], std::atoi(argv[4]), std::atoi(argv[5]), std::atoi(argv[6]));
    if (mode == "lead" && argc == 3)
        return childLead(argv[2]);
    if (mode == "holder" && argc == 3)
        return childHolder(argv[2]);
    if (mode == "writer" && argc == 3)
        return childWriter(argv[2]);
    if (mode == "check" && argc == 3)
        return childCheck(argv[2]);
    if (mode == "lockdrop") {
        const int rc = runLockDrop(argv[0], argc > 2 ? fs::path(argv[2]) : tmp);
        std::error_code ec;
        if (argc <= 2)
            fs::remove_all(tmp, ec);
        return rc;
    }
    if (mode == "crash" && argc >= 3)
        return runCrash(argv[0], std::atoi(argv[2]), argc > 3 ? fs::path(argv[3]) : tmp);
    if (mode == "concurrent" && argc >= 4)
        return runConcurrent(argv[0], std::atoi(argv[2]), std::atoi(argv[3]), argc > 4 ? fs::path(argv[4]) : tmp);
    std::cerr << "usage: crash_test crash KILLS [DIR] | crash_test concurrent WRITERS N [DIR] | "
                 "crash_test lockdrop [DIR]\n";
    return 2;
}
