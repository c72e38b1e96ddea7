// SPDX-License-Identifier: GPL-3.0-or-later
// Team mode under contention (issue #18, "Concurrency and faults"): eight labelers save at once
// on the same images of a server project, each through their own login, while the lead applies
// a standard and tries to undo it. Nothing a labeler saved may be lost, and a standard may
// change a label only as its audit entry says.
//
//   server_concurrency [IMAGES=60] [PASSES=3]   the test (CTest: server_concurrent_labelers)
//   server_concurrency labeler CONNINFO NAME PASSES SEED
//                                                  one labeler (started by the test itself)
//
// The test makes a fresh database on the throwaway server (CONCORD_TEST_PG, set by CTest), a
// project with classes ok/scratch/dent, IMAGES image rows and 8 labelers with logins, each
// assigned every image (overlap 8). Each labeler process saves a random class on every image
// of its queue PASSES times in random order (core::saveLabel) and reports each save after its
// commit: image, class and the label's updated_at as read back in the same transaction. The
// parent, as the lead, meanwhile:
//   1. applies the standard "when label in {dent}: scratch" after a quarter of the saves;
//   2. waits until a labeler has saved over one of the labels that apply set, then undoes that
//      apply: core must refuse (Error Invalid, "changed since"), changing nothing;
//   3. applies the standard again after 60 % of the saves and undoes that apply at once: done
//      or refused, both are allowed (it races the labelers), the final check judges either;
// and after the labelers end:
//   4. checks every (image, labeler) label: it is exactly the labeler's last save (class and
//      updated_at, source manual), or a standard's label (source standard) whose apply is in
//      force and whose audit entry lists it with a before-state equal to that last save and an
//      after-state equal to the stored label. 8 × IMAGES labels, one per queue row;
//   5. applies the standard once more and undoes it with nobody writing: the undo must go
//      through and give back every label exactly (class, source, standard, round, times).
// No labeler may see an error (a Busy after all retries is a failure), nor may the lead's
// applies. The last line says "1 passed, 0 failed" or "0 passed, 1 failed".
#include "../core/store_backends.h"

#include "core/common/error.h"
#include "core/project/project_ops.h"
#include "core/standards/standardapply.h"
#include "core/standards/standardbook.h"
#include "core/store/pg_db.h"
#include "core/store/server.h"
#include "core/store/store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <csignal>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace concord::core;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kLabelers = 8;
const char *const kClasses[] = {"ok", "scratch", "dent"};
constexpr const char *kRule = "when label in {dent}: scratch";

// --- the labeler process ----------------------------------------------------------------------

/// Saves a random class on every image of the labeler's queue, PASSES times in random order.
/// Protocol on stdout: "ready" once connected, then after the parent's go byte on stdin one
/// "S image class updated_at" line after each commit, and "done" at the end.
int runLabeler(const std::string &conninfo, const std::string &name, int passes, std::uint64_t seed)
{
    try {
        auto store = openStore(conninfo);
        const auto me = store->labelerByName(name);
        if (!me)
            throw Error(ErrorCode::NotFound, "labeler " + name + " is not in the project");
        std::vector<Id> classes;
        for (const char *c : kClasses)
            classes.push_back(findClass(*store, c).id);
        std::vector<Id> images;
        for (const auto &e : store->queue(me->id))
            images.push_back(e.image);
        std::printf("ready %zu\n", images.size());
        std::fflush(stdout);
        char go = 0;
        if (read(0, &go, 1) != 1)
            return 4; // the parent gave up
        std::mt19937_64 rng(seed);
        for (int pass = 0; pass < passes; ++pass) {
            std::shuffle(images.begin(), images.end(), rng);
            for (const Id image : images) {
                const Id cls = classes[rng() % classes.size()];
                std::string at;
                store->transaction([&] {
                    saveLabel(*store, image, me->id, cls);
                    const auto saved = store->label(image, me->id);
                    if (!saved || saved->labelClass != cls || saved->source != LabelSource::Manual)
                        throw Error(ErrorCode::Invalid, "the label read back is not the one just saved");
                    at = saved->updatedAt;
                });
                std::printf("S %lld %lld %s\n", static_cast<long long>(image), static_cast<long long>(cls),
                            at.c_str()); // reported only after the commit returned
                std::fflush(stdout);
            }
        }
        std::printf("done\n");
        std::fflush(stdout);
    } catch (const Error &e) {
        std::fprintf(stderr, "labeler %s: %s (%s)\n", name.c_str(), e.what(), errorCodeName(e.code()));
        return 3;
    }
    return 0;
}

// --- the parent -------------------------------------------------------------------------------

struct Save
{
    Id cls = 0;
    std::string at;
};

/// One labeler process as the parent sees it: what it reported, read on a thread of its own.
struct Child
{
    std::string name;
    Id labeler = 0;
    pid_t pid = 0;
    bool exited = false; ///< reaped; its wait status in `status`
    int status = 0;
    int out = -1; ///< its stdout
    int in = -1;  ///< its stdin
    std::thread reader;
    std::mutex mutex;
    bool ready = false;
    bool done = false;
    std::size_t queueRows = 0;
    std::size_t saves = 0;
    std::map<Id, Save> last; ///< image -> its last reported save
    std::string junk;        ///< lines it printed that are not in the protocol
};

std::atomic<std::size_t> g_saves{0};

void readChild(Child &c)
{
    std::string buf;
    char chunk[4096];
    ssize_t n = 0;
    auto line = [&](const std::string &l) {
        std::lock_guard lock(c.mutex);
        long long image = 0, cls = 0;
        char at[64] = {};
        std::size_t rows = 0;
        if (std::sscanf(l.c_str(), "S %lld %lld %63s", &image, &cls, at) == 3) {
            c.last[image] = Save{cls, at};
            ++c.saves;
            ++g_saves;
        } else if (std::sscanf(l.c_str(), "ready %zu", &rows) == 1) {
            c.ready = true;
            c.queueRows = rows;
        } else if (l == "done") {
            c.done = true;
        } else {
            c.junk += l + '\n';
        }
    };
    while ((n = read(c.out, chunk, sizeof chunk)) > 0) {
        buf.append(chunk, static_cast<std::size_t>(n));
        std::size_t nl = 0;
        while ((nl = buf.find('\n')) != std::string::npos) {
            line(buf.substr(0, nl));
            buf.erase(0, nl + 1);
        }
    }
    if (!buf.empty()) {
        std::lock_guard lock(c.mutex);
        c.junk += buf + " (torn)\n";
    }
}

pid_t spawnSelf(const char *self, std::vector<std::string> args, int stdinFd, int stdoutFd)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, stdinFd, 0);
    posix_spawn_file_actions_adddup2(&actions, stdoutFd, 1);
    std::vector<char *> argv{const_cast<char *>(self)};
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, self, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        std::fprintf(stderr, "posix_spawn: %s\n", std::strerror(rc));
        std::exit(2);
    }
    return pid;
}

class Checks
{
public:
    void fail(const std::string &what)
    {
        if (m_failures++ < 20)
            std::cout << "FAIL: " << what << '\n';
    }
    void expect(bool ok, const std::string &what)
    {
        if (!ok)
            fail(what);
    }
    int failures() const { return m_failures; }

private:
    int m_failures = 0;
};

/// Waits until `done()` or the deadline; false on the deadline.
bool waitFor(const std::function<bool()> &done, Clock::time_point deadline)
{
    while (!done()) {
        if (Clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

json applyPayload(const Store &store, Id auditId)
{
    for (const auto &e : store.auditLog())
        if (e.id == auditId)
            return json::parse(e.payload);
    throw Error(ErrorCode::NotFound, "no audit entry " + std::to_string(auditId));
}

bool isUndone(const Store &store, Id auditId)
{
    for (const auto &e : store.auditLog())
        if (e.id == auditId)
            return e.undone;
    return false;
}

/// Labels of the apply `payload` that no longer hold its after-state.
std::size_t changedSince(const Store &store, const json &payload)
{
    std::size_t changed = 0;
    for (const auto &l : payload.at("labels")) {
        const auto cur = store.label(l.at("image").get<Id>(), l.at("labeler").get<Id>());
        const auto &after = l.at("after");
        if (!cur || cur->source != LabelSource::Standard || cur->labelClass != after.at("class").get<Id>() ||
            cur->updatedAt != after.at("updated_at").get<std::string>())
            ++changed;
    }
    return changed;
}

using LabelKey = std::tuple<Id, Id, Id, std::string, std::optional<Id>, int, std::string, std::string>;

std::map<std::pair<Id, Id>, LabelKey> snapshot(const Store &store)
{
    std::map<std::pair<Id, Id>, LabelKey> out;
    for (const auto &r : store.labelRows()) {
        const Label &l = r.label;
        out[{l.image, l.labeler}] = {l.id,       l.labelClass, l.image,     std::string(toString(l.source)),
                                     l.standard, l.round,      l.createdAt, l.updatedAt};
    }
    return out;
}

int runTest(const char *self, int imageCount, int passes)
{
    const auto started = Clock::now();
    const auto deadline = started + std::chrono::seconds(240);
    Checks check;

    // --- setup: project, images, labelers with logins, overlapping queues ------------------
    const std::string conninfo = concord_test::freshServerDatabase("concurrency");
    ProjectSettings settings;
    settings.name = "concurrency";
    settings.overlap = kLabelers;
    settings.repeatShare = 0.0; // queues of assignments only: every row is an image to label
    settings.goldShare = 0.0;
    auto store = initProject(conninfo, settings, {kClasses[0], kClasses[1], kClasses[2]});
    store->transaction([&] {
        for (int i = 0; i < imageCount; ++i) {
            ImageRecord r;
            r.path = "img/" + std::to_string(i) + ".jpg";
            r.hash = std::to_string(1000000 + i); // rows only: no bytes are needed here
            r.width = 640;
            r.height = 480;
            store->addImage(r);
        }
    });
    std::vector<std::unique_ptr<Child>> children;
    std::vector<std::string> logins;
    for (int k = 0; k < kLabelers; ++k) {
        auto c = std::make_unique<Child>();
        // Server roles are cluster-wide: the pid keeps two runs on one server apart.
        c->name = "conc" + std::to_string(::getpid()) + "_" + std::to_string(k);
        const std::string password = "pw-" + std::to_string(k) + "-" + c->name;
        addServerUser(*store, c->name, Role::Labeler, password);
        c->labeler = store->labelerByName(c->name)->id;
        logins.push_back(concord_test::withLogin(conninfo, c->name, password));
        children.push_back(std::move(c));
    }
    assignImages(*store, kLabelers, 42);
    for (const auto &c : children)
        check.expect(store->queueSize(c->labeler) == imageCount, c->name + "'s queue has " +
                                                                     std::to_string(store->queueSize(c->labeler)) +
                                                                     " rows, not " + std::to_string(imageCount));
    const Id standard =
        createStandard(*store, {"Dents are scratches", "Every dent counts as a scratch.", kRule}, "lead");
    const Id scratch = findClass(*store, "scratch").id;

    // --- the labelers ----------------------------------------------------------------------
    for (int k = 0; k < kLabelers; ++k) {
        Child &c = *children[static_cast<std::size_t>(k)];
        int toChild[2], fromChild[2];
        if (pipe(toChild) != 0 || pipe(fromChild) != 0)
            return 2;
        c.pid = spawnSelf(
            self,
            {"labeler", logins[static_cast<std::size_t>(k)], c.name, std::to_string(passes), std::to_string(1000 + k)},
            toChild[0], fromChild[1]);
        close(toChild[0]);
        close(fromChild[1]);
        c.in = toChild[1];
        c.out = fromChild[0];
    }
    for (auto &c : children)
        c->reader = std::thread(readChild, std::ref(*c));
    auto allReady = [&] {
        return std::all_of(children.begin(), children.end(), [](const auto &c) {
            std::lock_guard lock(c->mutex);
            return c->ready;
        });
    };
    auto reaped = [](Child &c) {
        if (!c.exited && waitpid(c.pid, &c.status, WNOHANG) == c.pid)
            c.exited = true;
        return c.exited;
    };
    auto anyExited = [&] {
        return std::any_of(children.begin(), children.end(), [&](const auto &c) { return reaped(*c); });
    };
    const std::size_t total =
        static_cast<std::size_t>(kLabelers) * static_cast<std::size_t>(imageCount) * static_cast<std::size_t>(passes);
    bool childrenOk = waitFor([&] { return allReady() || anyExited(); }, deadline) && allReady();
    check.expect(childrenOk, "not every labeler process connected and read its queue");
    for (auto &c : children) {
        if (childrenOk)
            check.expect(c->queueRows == static_cast<std::size_t>(imageCount),
                         c->name + " sees " + std::to_string(c->queueRows) + " queue rows through its login");
        if (childrenOk && write(c->in, "g", 1) != 1)
            check.fail("could not start " + c->name);
        close(c->in);
    }
    const auto labelingStarted = Clock::now();

    // --- the lead, while they label --------------------------------------------------------
    auto savesReach = [&](double share) {
        return waitFor([&] { return g_saves.load() >= static_cast<std::size_t>(share * static_cast<double>(total)); },
                       deadline);
    };
    std::string apply1Text = "not made", apply2Text = "not made";
    try {
        if (childrenOk && savesReach(0.25)) {
            const std::size_t atSaves = g_saves.load();
            auto t = Clock::now();
            const ApplyResult a1 = applyStandard(*store, standard, "lead");
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t).count();
            const json p1 = applyPayload(*store, a1.auditId);
            const std::size_t apply1Labels = p1.at("labels").size();
            apply1Text = "after " + std::to_string(atSaves) + " saves: " + std::to_string(apply1Labels) +
                         " labels set in " + std::to_string(ms) + " ms";
            check.expect(apply1Labels > 0, "the first apply changed no label (no dent among the labels?)");
            // A labeler saves over a label the apply set: from then on its undo must be refused.
            const bool overwritten =
                waitFor([&] { return apply1Labels > 0 && changedSince(*store, p1) > 0; }, deadline);
            check.expect(overwritten, "no labeler saved over a label of the first apply");
            if (overwritten) {
                const std::size_t before = changedSince(*store, p1);
                try {
                    undoStandardApply(*store, a1.auditId, "lead");
                    check.fail("the undo of the first apply went through although " + std::to_string(before) +
                               " of its labels were saved over since");
                } catch (const Error &e) {
                    const std::string msg = e.what();
                    check.expect(e.code() == ErrorCode::Invalid && msg.find("changed since") != std::string::npos &&
                                     msg.find("nothing was undone") != std::string::npos,
                                 std::string("the refused undo said: ") + msg);
                    // The count it names lies between the changes seen before and after it.
                    const std::size_t named = static_cast<std::size_t>(std::atoll(e.detail().c_str()));
                    const std::size_t after = changedSince(*store, p1);
                    check.expect(named >= before && named <= after,
                                 "the refused undo names " + std::to_string(named) + " changed labels, not between " +
                                     std::to_string(before) + " and " + std::to_string(after));
                    apply1Text += "; its undo refused (" + std::to_string(named) + " labels saved over since)";
                }
                check.expect(!isUndone(*store, a1.auditId), "the refused undo marked the first apply undone");
            }
        }
        if (childrenOk && savesReach(0.6)) {
            const std::size_t atSaves = g_saves.load();
            auto t = Clock::now();
            const ApplyResult a2 = applyStandard(*store, standard, "lead");
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t).count();
            apply2Text = "after " + std::to_string(atSaves) +
                         " saves: " + std::to_string(applyPayload(*store, a2.auditId).at("labels").size()) +
                         " labels set in " + std::to_string(ms) + " ms; its undo at once: ";
            // At once, racing the labelers: done if nobody saved over its labels yet, else refused.
            try {
                const UndoResult u = undoStandardApply(*store, a2.auditId, "lead");
                apply2Text += "done (" + std::to_string(u.labels) + " labels given back)";
                check.expect(isUndone(*store, a2.auditId), "the undone second apply is not marked undone");
            } catch (const Error &e) {
                const std::string msg = e.what();
                check.expect(e.code() == ErrorCode::Invalid && msg.find("changed since") != std::string::npos,
                             std::string("the undo of the second apply failed: ") + msg);
                apply2Text +=
                    "refused (" + std::to_string(std::atoll(e.detail().c_str())) + " labels saved over first)";
                check.expect(!isUndone(*store, a2.auditId), "the refused undo marked the second apply undone");
            }
        }
    } catch (const Error &e) {
        check.fail(std::string("the lead got an error while the labelers saved: ") + e.what() + " (" +
                   errorCodeName(e.code()) + ")");
    }

    // --- the labelers end ------------------------------------------------------------------
    for (auto &c : children) {
        while (!reaped(*c)) {
            if (Clock::now() > deadline) {
                kill(c->pid, SIGKILL);
                waitpid(c->pid, &c->status, 0);
                c->exited = true;
                check.fail(c->name + " did not finish in time");
            } else {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
        const int status = c->status;
        c->reader.join();
        close(c->out);
        check.expect(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                     c->name + " ended with status " + std::to_string(status) + " (its error is above)");
        check.expect(c->done && c->saves == static_cast<std::size_t>(imageCount * passes),
                     c->name + " reported " + std::to_string(c->saves) + " saves, not " +
                         std::to_string(imageCount * passes));
        check.expect(c->junk.empty(), c->name + " printed: " + c->junk);
    }
    const double labelingS = std::chrono::duration<double>(Clock::now() - labelingStarted).count();

    // --- every label is the labeler's last save, or a standard's with its audit trail -------
    std::map<std::pair<Id, Id>, const json *> appliedLabel; // in force: (image, labeler) -> entry
    std::vector<json> payloads;
    const auto audit = store->auditLog();
    for (const auto &e : audit)
        if (e.action == kAuditStandardApply && !e.undone)
            payloads.push_back(json::parse(e.payload));
    for (const auto &p : payloads) // newest first: the newest apply that touched a label wins
        for (const auto &l : p.at("labels"))
            appliedLabel.emplace(std::make_pair(l.at("image").get<Id>(), l.at("labeler").get<Id>()), &l);
    std::size_t manual = 0, byStandard = 0, labels = 0;
    std::map<Id, const Child *> byLabeler;
    for (const auto &c : children)
        byLabeler[c->labeler] = c.get();
    std::map<std::pair<Id, Id>, bool> seen;
    for (const auto &row : store->labelRows()) {
        const Label &l = row.label;
        ++labels;
        seen[{l.image, l.labeler}] = true;
        const auto who = byLabeler.find(l.labeler);
        if (who == byLabeler.end()) {
            check.fail("a label of labeler " + std::to_string(l.labeler) + ", who did not label");
            continue;
        }
        const auto last = who->second->last.find(l.image);
        const std::string where = row.labelerName + " on " + row.imagePath;
        if (last == who->second->last.end()) {
            check.fail(where + ": a label that labeler never reported saving");
            continue;
        }
        const Save &s = last->second;
        if (l.source == LabelSource::Manual) {
            ++manual;
            check.expect(l.labelClass == s.cls && l.updatedAt == s.at,
                         where + ": stored class " + std::to_string(l.labelClass) + " at " + l.updatedAt +
                             ", but the last save was class " + std::to_string(s.cls) + " at " + s.at);
        } else if (l.source == LabelSource::Standard) {
            ++byStandard;
            const auto applied = appliedLabel.find({l.image, l.labeler});
            if (applied == appliedLabel.end()) {
                check.fail(where + ": a standard's label that no apply in force lists");
                continue;
            }
            const json &entry = *applied->second;
            const json &before = entry.at("before");
            const json &after = entry.at("after");
            check.expect(after.at("class").get<Id>() == l.labelClass &&
                             after.at("updated_at").get<std::string>() == l.updatedAt && l.labelClass == scratch &&
                             l.standard == std::optional<Id>(standard),
                         where + ": the stored standard's label is not its apply's after-state");
            check.expect(before.at("class").get<Id>() == s.cls && before.at("source").get<std::string>() == "manual" &&
                             before.at("updated_at").get<std::string>() == s.at,
                         where + ": the apply's before-state (" + before.dump() +
                             ") is not the labeler's last save (class " + std::to_string(s.cls) + " at " + s.at + ")");
        } else {
            check.fail(where + ": a label with source " + std::string(toString(l.source)));
        }
    }
    const std::size_t expected = static_cast<std::size_t>(kLabelers) * static_cast<std::size_t>(imageCount);
    check.expect(labels == expected && seen.size() == expected,
                 std::to_string(labels) + " labels stored, not " + std::to_string(expected));
    check.expect(store->labelCount() == static_cast<std::int64_t>(expected), "labelCount() disagrees");

    // --- with nobody writing, an apply's undo gives every label back exactly ---------------
    std::string finalRoundTrip = "not tried";
    try {
        const auto before = snapshot(*store);
        const ApplyResult a3 = applyStandard(*store, standard, "lead");
        const UndoResult u = undoStandardApply(*store, a3.auditId, "lead");
        check.expect(snapshot(*store) == before, "the undo of the last apply did not give every label back exactly");
        finalRoundTrip = std::to_string(a3.preview.changes.size()) + " labels changed and given back";
        check.expect(u.labels == static_cast<std::int64_t>(a3.preview.changes.size()),
                     "the last undo gave back " + std::to_string(u.labels) + " labels, not " +
                         std::to_string(a3.preview.changes.size()));
    } catch (const Error &e) {
        check.fail(std::string("the apply and undo after the labeling failed: ") + e.what());
    }

    std::cout << "server concurrency: " << kLabelers << " labelers x " << imageCount << " images x " << passes
              << " passes = " << g_saves.load() << " saves reported in " << labelingS << " s\n"
              << "  apply 1 " << apply1Text << "\n"
              << "  apply 2 " << apply2Text << "\n"
              << "  labels stored: " << labels << " (" << manual << " = the labeler's last save, " << byStandard
              << " set by a standard after it, audit before-state = that save)\n"
              << "  apply and undo with nobody writing: " << finalRoundTrip << "\n"
              << "  " << std::chrono::duration<double>(Clock::now() - started).count() << " s in all\n";
    const bool ok = check.failures() == 0;
    std::cout << (ok ? 1 : 0) << " passed, " << (ok ? 0 : 1) << " failed\n";
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 6 && std::string(argv[1]) == "labeler")
        return runLabeler(argv[2], argv[3], std::atoi(argv[4]), std::strtoull(argv[5], nullptr, 10));
    const int images = argc > 1 ? std::atoi(argv[1]) : 60;
    const int passes = argc > 2 ? std::atoi(argv[2]) : 3;
    if (images < 1 || passes < 1) {
        std::cerr << "usage: server_concurrency [IMAGES] [PASSES]\n";
        return 2;
    }
    try {
        return runTest(argv[0], images, passes);
    } catch (const std::exception &e) {
        std::cout << "FAIL: " << e.what() << "\n0 passed, 1 failed\n";
        return 1;
    }
}
