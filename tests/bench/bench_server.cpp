// SPDX-License-Identifier: GPL-3.0-or-later
// Team mode at scale (issue #18, "Speed"): a server project of IMAGES images and 5 × IMAGES
// labels on PostgreSQL, reached over loopback.
//
//   bench_server [--conninfo CONNINFO] [--images N=100000] [--saves N=300] [--paced-saves N=150]
//                [--pace-ms MS=100] [--opens N=5] [--parts open,agreement,images,saves] [--keep]
//
// Without --conninfo it starts a throwaway server of its own with tests/server/pg_server.sh
// (a Unix socket in /tmp/cbs-PID, fsync off, removed at the end); with it (a libpq conninfo
// without dbname, as a superuser, e.g. "host=127.0.0.1 port=5432 user=postgres" for TCP) it
// makes a database there and drops it, and the roles it made, at the end unless --keep.
//
// The project: 3 classes, 10 labelers with logins (bench0..bench9), every image assigned to 6
// of them in a shuffled order (60 % of the images per queue) and the first 5/6 of every queue
// labeled (5 labels an image), filled on the server with INSERT … SELECT generate_series, then
// VACUUM ANALYZE. Measured:
//   - open to a usable first queue page, in a fresh process, as a labeler through their own
//     login and as the lead: openStore + settings + classes + queueSize + queue(0, 128) +
//     queueLabeledCount + unlabeledQueueRows(false, 1). Target ≤ 1 s;
//   - computeProjectAgreement (what `concord-cli agreement` computes) on the server project and
//     on the same rows in a project file (readProjectRows → restoreRows), with the CLI's 1000
//     bootstrap resamples and with none. Target: server ≤ 2 × file;
//   - saving a label (core::saveLabel, one transaction, a line annotation) by 1 labeler alone,
//     by 8 labeler processes at once as fast as they can, and by 8 paced to one save every
//     --pace-ms (± 50 %) each, and by 1 labeler paced the same way; each process signs in with
//     its own login. p50/p99 over all saves, and the transactions the server rolled back (each
//     a serialization failure PgStore retried). Target with 8 labelers: p50 ≤ 2 ms, p99 ≤ 10 ms.
// The last line is one JSON object.
#include "core/common/error.h"
#include "core/common/hash.h"
#include "core/project/project_agreement.h"
#include "core/project/project_copy.h"
#include "core/project/project_ops.h"
#include "core/store/pg_db.h"
#include "core/store/pg_store.h"
#include "core/store/server.h"
#include "core/store/store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <pwd.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace concord::core;
using nlohmann::json;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kLabelers = 10;
constexpr int kOverlap = 6; // assignments per image
constexpr int kLabelsPerImage = 5;

double msSince(Clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

std::string labelerName(int k)
{
    return "bench" + std::to_string(k);
}

std::string password(int k)
{
    return "bench-password-" + std::to_string(k);
}

std::string withLogin(const std::string &conninfo, const std::string &user, const std::string &pass)
{
    auto parts = pg::parseConnectionString(conninfo);
    std::erase_if(parts, [](const auto &p) { return p.first == "user" || p.first == "password"; });
    parts.emplace_back("user", user);
    parts.emplace_back("password", pass);
    return pg::makeConnectionString(parts);
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

double median(std::vector<double> v)
{
    return percentile(std::move(v), 0.5);
}

/// Runs this program again with `args`; its stdout is returned, its exit status must be 0.
std::string runSelf(const char *self, const std::vector<std::string> &args, int *stdinWrite = nullptr,
                    pid_t *pidOut = nullptr, int *stdoutRead = nullptr)
{
    int out[2], in[2];
    if (pipe(out) != 0 || pipe(in) != 0)
        throw Error(ErrorCode::Io, "pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    std::vector<std::string> copy = args;
    std::vector<char *> argv{const_cast<char *>(self)};
    for (auto &a : copy)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, self, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    close(in[0]);
    if (rc != 0)
        throw Error(ErrorCode::Io, std::string("posix_spawn: ") + std::strerror(rc));
    if (stdinWrite) { // the caller collects it later (collectSelf)
        *stdinWrite = in[1];
        *pidOut = pid;
        *stdoutRead = out[0];
        return {};
    }
    close(in[1]);
    std::string text;
    char buf[4096];
    ssize_t n = 0;
    while ((n = read(out[0], buf, sizeof buf)) > 0)
        text.append(buf, static_cast<std::size_t>(n));
    close(out[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error(ErrorCode::Invalid, "a measuring process failed (status " + std::to_string(status) + ")");
    return text;
}

std::string collectSelf(pid_t pid, int stdoutRead)
{
    std::string text;
    char buf[4096];
    ssize_t n = 0;
    while ((n = read(stdoutRead, buf, sizeof buf)) > 0)
        text.append(buf, static_cast<std::size_t>(n));
    close(stdoutRead);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error(ErrorCode::Invalid, "a labeler process failed (status " + std::to_string(status) + ")");
    return text;
}

// --- the measuring processes ------------------------------------------------------------------

/// Opens the project as `labeler` would to show the first queue page; prints the steps' times.
int childOpen(const std::string &conninfo, const std::string &labelerName)
{
    json steps;
    const auto t0 = Clock::now();
    auto t = t0;
    auto step = [&](const char *name) {
        steps[name] = msSince(t);
        t = Clock::now();
    };
    auto store = openStore(conninfo);
    step("open");
    const auto settings = store->settings();
    step("settings");
    const auto classes = store->classes();
    step("classes");
    const auto me = store->labelerByName(labelerName);
    step("labeler");
    const auto size = store->queueSize(me->id);
    step("queue_size");
    const auto page = store->queue(me->id, 0, 128);
    step("queue_page");
    const auto labeled = store->queueLabeledCount(me->id);
    step("queue_labeled_count");
    const auto firstUnlabeled = store->unlabeledQueueRows(me->id, false, 1);
    step("first_unlabeled");
    const double total = msSince(t0);
    std::cout << json{{"total_ms", total},
                      {"steps_ms", steps},
                      {"queue_size", size},
                      {"page_rows", page.size()},
                      {"labeled", labeled},
                      {"first_unlabeled_row", firstUnlabeled.empty() ? -1 : firstUnlabeled.front().row},
                      {"classes", classes.size()},
                      {"overlap", settings.overlap}}
                     .dump()
              << std::endl;
    return 0;
}

/// Saves `count` labels on random images of the labeler's queue once the parent says go;
/// prints each save's time in ms, then "errors N".
int childSave(const std::string &conninfo, const std::string &labelerName, int count, int paceMs, std::uint64_t seed)
{
    auto store = openStore(conninfo);
    const auto me = store->labelerByName(labelerName);
    std::vector<Id> images;
    for (const auto &e : store->queue(me->id, 0, -1))
        images.push_back(e.image);
    std::vector<Id> classes;
    for (const auto &c : store->classes())
        classes.push_back(c.id);
    std::mt19937_64 rng(seed);
    char go = 0;
    if (read(0, &go, 1) != 1)
        return 4;
    std::vector<double> times;
    int errors = 0;
    std::string firstError;
    const Annotation line{0, 0, AnnotationKind::Line, R"({"x1":0,"y1":0,"x2":80,"y2":0})", 80.0, 2.0, 0.0};
    for (int n = 0; n < count; ++n) {
        if (paceMs > 0)
            std::this_thread::sleep_for(
                std::chrono::microseconds(paceMs * 500 + static_cast<long>(rng() % 1000) * paceMs));
        const Id image = images[rng() % images.size()];
        const Id cls = classes[rng() % classes.size()];
        const auto t = Clock::now();
        try {
            saveLabel(*store, image, me->id, cls, {line});
            times.push_back(msSince(t));
        } catch (const Error &e) {
            if (errors++ == 0)
                firstError = e.what();
        }
    }
    for (double ms : times)
        std::printf("%.4f\n", ms);
    std::printf("errors %d %s\n", errors, firstError.c_str());
    return 0;
}

// --- the parent -------------------------------------------------------------------------------

struct Options
{
    std::string conninfo; ///< the server, without dbname; empty: start one
    int images = 100000;
    int saves = 300;
    int pacedSaves = 150;
    int paceMs = 100;
    int opens = 5;
    bool keep = false;
    std::string parts = "open,agreement,images,saves"; ///< what to measure
    bool wants(const std::string &part) const
    {
        return ("," + parts + ",").find("," + part + ",") != std::string::npos;
    }
};

std::string superuser()
{
    if (geteuid() == 0)
        return "postgres";
    const passwd *pw = getpwuid(geteuid());
    return pw ? pw->pw_name : "postgres";
}

/// Fills the project on the server: images, assignments and labels in three statements.
void fill(PgStore &store, int images)
{
    const std::string n = std::to_string(images);
    const std::string perLabeler = std::to_string(static_cast<std::int64_t>(images) * kLabelsPerImage / kLabelers);
    const std::string at = "'2026-12-01T00:00:00.000Z'";
    store.connection().execScript(
        "INSERT INTO image(path, hash, bytes, width, height, file_name, added_at) "
        "SELECT 'images/' || (g / 1000) || '/img' || g || '.jpg', md5(g::text), 3000000, 4000, 3000, "
        "'img' || g || '.jpg', " +
        at + " FROM generate_series(0, " + n +
        " - 1) g;\n"
        // Labeler k gets the images i with (k - i) mod 10 < 6, in a shuffled order; the first
        // 5/6 of each queue are labeled (state done), the rest pending.
        "CREATE TEMP TABLE bench_labeler AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM labeler "
        "WHERE name LIKE 'bench%';\n"
        "INSERT INTO assignment(image, labeler, round, position, state) "
        "SELECT image, labeler, 0, pos, CASE WHEN pos < " +
        perLabeler +
        " THEN 'done' ELSE 'pending' END FROM ("
        "SELECT i.id AS image, l.id AS labeler, (row_number() OVER (PARTITION BY l.id ORDER BY "
        "md5(i.id::text || ':' || l.id::text)) - 1)::integer AS pos "
        "FROM image i JOIN bench_labeler l ON ((l.k - i.id) % 10 + 10) % 10 < " +
        std::to_string(kOverlap) +
        ") s;\n"
        // A class per image that 70 % of the labels give, the rest at random.
        "INSERT INTO label(image, labeler, class, round, standard, source, created_at, updated_at) "
        "SELECT a.image, a.labeler, CASE WHEN random() < 0.7 THEN cc.c[1 + (a.image % 3)::integer] "
        "ELSE cc.c[1 + floor(random() * 3)::integer] END, 0, NULL, 'manual', " +
        at + ", " + at +
        " FROM assignment a, (SELECT array_agg(id ORDER BY ord, id) AS c FROM label_class) cc "
        "WHERE a.state = 'done';\n"
        "DROP TABLE bench_labeler;");
    store.connection().execScript("VACUUM ANALYZE");
}

json measureOpens(const char *self, const std::string &conninfo, const std::string &labeler, int runs)
{
    std::vector<double> totals;
    json first;
    json steps = json::object();
    std::map<std::string, std::vector<double>> stepTimes;
    for (int r = 0; r < runs; ++r) {
        const json j = json::parse(runSelf(self, {"--child-open", conninfo, labeler}));
        totals.push_back(j.at("total_ms").get<double>());
        for (const auto &[k, v] : j.at("steps_ms").items())
            stepTimes[k].push_back(v.get<double>());
        if (r == 0)
            first = j;
    }
    for (const auto &[k, v] : stepTimes)
        steps[k] = median(v);
    return {{"runs", runs},
            {"total_ms_median", median(totals)},
            {"total_ms_max", *std::max_element(totals.begin(), totals.end())},
            {"steps_ms_median", steps},
            {"queue_size", first.at("queue_size")},
            {"labeled", first.at("labeled")},
            {"first_unlabeled_row", first.at("first_unlabeled_row")}};
}

json agreementTimes(const std::function<std::unique_ptr<Store>()> &open, int resamples, int runs,
                    std::pair<double, double> *figures)
{
    std::vector<double> times;
    for (int r = 0; r < runs; ++r) {
        const auto t = Clock::now();
        auto store = open();
        AgreementOptions opt;
        opt.bootstrap.resamples = resamples;
        const auto a = computeProjectAgreement(*store, opt);
        times.push_back(msSince(t));
        *figures = {a.human.percentAgreement, a.human.fleissKappa};
    }
    return {{"runs", runs}, {"ms_median", median(times)}, {"ms_min", *std::min_element(times.begin(), times.end())}};
}

/// Transactions rolled back in the database so far: with saves only, each is a serialization
/// failure that PgStore::transaction() retried.
std::int64_t rollbacks(const std::string &conninfo)
{
    pg::Connection db(conninfo);
    try {
        db.execScript("SELECT pg_stat_force_next_flush()"); // PostgreSQL 15 and later
    } catch (const Error &) {
    }
    return db.run("SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()").int64(0, 0);
}

json measureSaves(const char *self, const std::string &conninfo, int labelers, int count, int paceMs)
{
    const std::int64_t rollbacksBefore = rollbacks(conninfo);
    struct Proc
    {
        pid_t pid = 0;
        int in = -1;
        int out = -1;
    };
    std::vector<Proc> procs(static_cast<std::size_t>(labelers));
    for (int k = 0; k < labelers; ++k) {
        Proc &p = procs[static_cast<std::size_t>(k)];
        runSelf(self,
                {"--child-save", withLogin(conninfo, labelerName(k), password(k)), labelerName(k),
                 std::to_string(count), std::to_string(paceMs), std::to_string(77 + k)},
                &p.in, &p.pid, &p.out);
    }
    std::this_thread::sleep_for(std::chrono::seconds(2)); // every process has connected and read its queue
    const auto t = Clock::now();
    for (auto &p : procs) {
        if (write(p.in, "g", 1) != 1)
            throw Error(ErrorCode::Io, "could not start a labeler");
        close(p.in);
    }
    std::vector<double> all;
    int errors = 0;
    std::string firstError;
    for (auto &p : procs) {
        std::istringstream lines(collectSelf(p.pid, p.out));
        std::string line;
        while (std::getline(lines, line)) {
            if (line.rfind("errors ", 0) == 0) {
                const int e = std::atoi(line.c_str() + 7);
                if (e > 0 && firstError.empty())
                    firstError = line.substr(line.find(' ', 7) + 1);
                errors += e;
            } else if (!line.empty()) {
                all.push_back(std::atof(line.c_str()));
            }
        }
    }
    const double wall = msSince(t) / 1000.0;
    std::this_thread::sleep_for(std::chrono::milliseconds(1500)); // the labelers' statistics reach the server
    return {{"labelers", labelers},
            {"retried_transactions", rollbacks(conninfo) - rollbacksBefore},
            {"saves", all.size()},
            {"errors", errors},
            {"first_error", firstError},
            {"pace_ms", paceMs},
            {"saves_per_s", static_cast<double>(all.size()) / wall},
            {"p50_ms", percentile(all, 0.50)},
            {"p90_ms", percentile(all, 0.90)},
            {"p99_ms", percentile(all, 0.99)},
            {"max_ms", all.empty() ? 0.0 : *std::max_element(all.begin(), all.end())}};
}

int runBench(const char *self, const Options &o)
{
    std::string server = o.conninfo;
    fs::path dir;
    if (server.empty()) {
        // A short folder: the socket path must stay under 107 bytes.
        dir = "/tmp/cbs-" + std::to_string(::getpid());
        const std::string port = std::to_string(55000 + ::getpid() % 1000);
        const std::string cmd =
            "bash '" CONCORD_SOURCE_DIR "/tests/server/pg_server.sh' start " + dir.string() + " " + port + " >&2";
        if (std::system(cmd.c_str()) != 0)
            throw Error(ErrorCode::Unavailable, "could not start a PostgreSQL server (" + cmd + ")");
        server = "host=" + dir.string() + " port=" + port + " user=" + superuser();
    }
    const std::string db = "bench_server_" + std::to_string(::getpid());
    json result{{"benchmark", "server"}, {"images", o.images}};
    std::vector<std::string> roles;
    int status = 0;
    try {
        {
            pg::Connection admin(server + " dbname=postgres");
            admin.execScript("CREATE DATABASE " + admin.quoteIdentifier(db));
            const auto v = admin.run("SHOW server_version");
            result["server_version"] = v.text(0, 0);
            const auto f = admin.run("SHOW fsync");
            result["server_fsync"] = f.text(0, 0);
        }
        const std::string conninfo = server + " dbname=" + db;
        result["connection"] = pg::withoutPassword(conninfo);
        // --- the project ---------------------------------------------------------------------
        auto t = Clock::now();
        ProjectSettings settings;
        settings.name = "bench";
        settings.overlap = kOverlap;
        settings.repeatShare = 0.0;
        auto store = initProject(conninfo, settings, {"ok", "scratch", "dent"});
        auto &pgStore = dynamic_cast<PgStore &>(*store);
        roles = {pgStore.leadRole(), pgStore.labelerRole()};
        for (int k = 0; k < kLabelers; ++k) {
            addServerUser(*store, labelerName(k), Role::Labeler, password(k));
            roles.push_back(labelerName(k));
        }
        fill(pgStore, o.images);
        result["build_s"] = msSince(t) / 1000.0;
        result["labels"] = store->labelCount();
        std::cerr << "built " << o.images << " images, " << store->labelCount() << " labels in "
                  << result["build_s"].get<double>() << " s\n";

        // --- open to the first queue page ------------------------------------------------------
        if (o.wants("open")) {
            result["open_first_page_labeler"] =
                measureOpens(self, withLogin(conninfo, labelerName(0), password(0)), labelerName(0), o.opens);
            result["open_first_page_lead"] = measureOpens(self, conninfo, labelerName(0), o.opens);
            std::cerr << "open: " << result["open_first_page_labeler"].dump() << '\n';
        }

        // --- agreement: the server project and the same rows in a project file ---------------
        if (o.wants("agreement")) {
            const fs::path file =
                fs::temp_directory_path() / ("bench-server-" + std::to_string(::getpid()) + ".concord");
            fs::remove(file);
            t = Clock::now();
            {
                auto sqlite = createProject(file, store->settings());
                sqlite->restoreRows(readProjectRows(*store));
            }
            result["copy_to_file_s"] = msSince(t) / 1000.0;
            std::pair<double, double> serverFigures{}, fileFigures{};
            json agreement;
            for (int resamples : {0, 1000}) {
                const int runs = resamples == 0 ? 3 : 2;
                const json s = agreementTimes([&] { return openStore(conninfo); }, resamples, runs, &serverFigures);
                const json f = agreementTimes([&] { return openStore(file.string()); }, resamples, runs, &fileFigures);
                agreement["resamples_" + std::to_string(resamples)] = {
                    {"server", s},
                    {"file", f},
                    {"ratio", s.at("ms_median").get<double>() / f.at("ms_median").get<double>()}};
            }
            // Both backends must give the same figures, to the last bit.
            agreement["same_figures"] = serverFigures == fileFigures;
            agreement["hlp"] = serverFigures.first;
            agreement["fleiss_kappa"] = serverFigures.second;
            result["agreement"] = agreement;
            fs::remove(file);
            std::cerr << "agreement: " << agreement.dump() << '\n';
        }

        // --- images: first view from the server, then from the desk's cache --------------------
        if (o.wants("images")) {
            // 2 MB of bytes per image (a 5 MP JPEG), 20 images the desk has never shown: the first
            // resolveImagePath() fetches and writes the cache file, the second finds it there.
            const fs::path cache = fs::temp_directory_path() / ("bench-server-cache-" + std::to_string(::getpid()));
            fs::remove_all(cache);
            ::setenv("CONCORD_IMAGE_CACHE", cache.c_str(), 1);
            std::mt19937_64 random(7);
            std::vector<ImageRecord> shots;
            for (int i = 0; i < 20; ++i) {
                std::string bytes(std::size_t(2) << 20, '\0');
                for (char &c : bytes)
                    c = static_cast<char>(random());
                ImageRecord r;
                r.path = "shots/shot" + std::to_string(i) + ".jpg";
                r.hash = contentHash(bytes);
                r.bytes = static_cast<std::int64_t>(bytes.size());
                r.width = 2592;
                r.height = 1944;
                r.id = store->addImage(r);
                store->putImageContent(r.hash, bytes);
                shots.push_back(r);
            }
            auto desk = openStore(withLogin(conninfo, labelerName(0), password(0)));
            std::vector<double> first, cached;
            for (const auto &r : shots) {
                auto t0 = Clock::now();
                desk->resolveImagePath(r);
                first.push_back(msSince(t0));
                t0 = Clock::now();
                desk->resolveImagePath(r);
                cached.push_back(msSince(t0));
            }
            result["image_first_view"] = {{"images", shots.size()},
                                          {"bytes", shots.front().bytes},
                                          {"first_p50_ms", percentile(first, 0.5)},
                                          {"first_p95_ms", percentile(first, 0.95)},
                                          {"cached_p50_ms", percentile(cached, 0.5)},
                                          {"cached_p95_ms", percentile(cached, 0.95)}};
            fs::remove_all(cache);
            std::cerr << "images: " << result["image_first_view"].dump() << '\n';
        }

        // --- saving labels -------------------------------------------------------------------
        if (o.wants("saves")) {
            result["save_1_labeler"] = measureSaves(self, conninfo, 1, o.saves, 0);
            // One labeler at the paced rate: what pacing alone costs (a process that slept is cold).
            result["save_1_labeler_paced"] = measureSaves(self, conninfo, 1, o.pacedSaves, o.paceMs);
            result["save_8_labelers_flat_out"] = measureSaves(self, conninfo, 8, o.saves, 0);
            result["save_8_labelers_paced"] = measureSaves(self, conninfo, 8, o.pacedSaves, o.paceMs);
        }
        store.reset();
    } catch (const Error &e) {
        std::cerr << "bench_server: " << e.what() << '\n';
        status = 1;
    }
    if (dir.empty() && !o.keep) {
        try {
            pg::Connection admin(server + " dbname=postgres");
            admin.execScript("DROP DATABASE IF EXISTS " + admin.quoteIdentifier(db) + " WITH (FORCE)");
            for (const auto &r : roles)
                admin.execScript("DROP ROLE IF EXISTS " + admin.quoteIdentifier(r));
        } catch (const Error &e) {
            std::cerr << "bench_server: cleaning up: " << e.what() << '\n';
        }
    }
    if (!dir.empty())
        std::system(("bash '" CONCORD_SOURCE_DIR "/tests/server/pg_server.sh' stop " + dir.string() + " >&2").c_str());
    std::cout << result.dump() << std::endl;
    return status;
}

} // namespace

int main(int argc, char **argv)
{
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        if (args.size() == 3 && args[0] == "--child-open")
            return childOpen(args[1], args[2]);
        if (args.size() == 6 && args[0] == "--child-save")
            return childSave(args[1], args[2], std::stoi(args[3]), std::stoi(args[4]), std::stoull(args[5]));
        Options o;
        for (std::size_t i = 0; i < args.size(); ++i) {
            const auto value = [&]() -> std::string {
                if (i + 1 >= args.size())
                    throw std::invalid_argument(args[i] + " needs a value");
                return args[++i];
            };
            if (args[i] == "--conninfo")
                o.conninfo = value();
            else if (args[i] == "--images")
                o.images = std::stoi(value());
            else if (args[i] == "--saves")
                o.saves = std::stoi(value());
            else if (args[i] == "--paced-saves")
                o.pacedSaves = std::stoi(value());
            else if (args[i] == "--pace-ms")
                o.paceMs = std::stoi(value());
            else if (args[i] == "--opens")
                o.opens = std::stoi(value());
            else if (args[i] == "--parts")
                o.parts = value();
            else if (args[i] == "--keep")
                o.keep = true;
            else
                throw std::invalid_argument("unknown option " + args[i]);
        }
        return runBench(argv[0], o);
    } catch (const std::exception &e) {
        std::cerr << "bench_server: " << e.what() << '\n';
        return 2;
    }
}
