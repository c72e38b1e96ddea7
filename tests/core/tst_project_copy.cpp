// SPDX-License-Identifier: GPL-3.0-or-later
// push and pull (issue #18, core/project/project_copy.h): a demo project with a standard
// applied, a decision, gold, checks and attributes goes to a fresh database on the throwaway
// server and back into a new file. Expected: every row equal (ids included) in all three, the
// same summary and export bytes (the export's own time aside), the image bytes of the
// original files, and an undo of the apply on the server giving the labels the undo on the
// file gives. The refusals leave their target as it was.
#include "core/common/error.h"
#include "core/common/hash.h"
#include "core/demo/demo.h"
#include "core/io/datasetexporter.h"
#include "core/project/checks.h"
#include "core/project/project_copy.h"
#include "core/project/project_ops.h"
#include "core/standards/standardapply.h"
#include "core/standards/standardbook.h"
#include "core/adjudication/decisionlog.h"
#include "core/adjudication/objectqueue.h"
#include "core/store/server.h"
#include "store_backends.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace concord::core;
namespace fs = std::filesystem;
using concord_test::freshServerDatabase;

namespace {

std::string readAll(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeAll(const fs::path &file, const std::string &bytes)
{
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
}

std::string opt(const std::optional<Id> &v)
{
    return v ? std::to_string(*v) : "null";
}

std::string opt(const std::optional<double> &v)
{
    std::ostringstream s;
    s.precision(17);
    if (v)
        s << *v;
    else
        s << "null";
    return s.str();
}

std::string num(double v)
{
    std::ostringstream s;
    s.precision(17);
    s << v;
    return s.str();
}

// One line per row with every field of the value type, so QCOMPARE shows the first row that
// differs.
std::string row(const LabelClass &c)
{
    return std::to_string(c.id) + "|" + c.name + "|" + c.color + "|" + c.shortcut + "|" + c.description + "|" +
           std::to_string(c.order);
}
std::string row(const Labeler &l)
{
    return std::to_string(l.id) + "|" + l.name + "|" + std::string(toString(l.role));
}
std::string row(const ImageRecord &i)
{
    return std::to_string(i.id) + "|" + i.path + "|" + i.hash + "|" + std::to_string(i.bytes) + "|" +
           std::to_string(i.width) + "|" + std::to_string(i.height) + "|" + num(i.pxPerMm);
}
std::string row(const ImageAttribute &a)
{
    const auto *d = std::get_if<double>(&a.value);
    return std::to_string(a.image) + "|" + a.key + "|" + (d ? "n:" + num(*d) : "t:" + std::get<std::string>(a.value)) +
           "|" + std::string(toString(a.source));
}
std::string row(const Standard &s)
{
    return std::to_string(s.id) + "|" + std::to_string(s.family) + "|" + std::to_string(s.version) + "|" + s.title +
           "|" + s.body + "|" + s.rule + "|" + std::string(toString(s.status)) + "|" + s.createdAt;
}
std::string row(const StandardExample &e)
{
    return std::to_string(e.standard) + "|" + std::to_string(e.image) + "|" + std::string(toString(e.role)) + "|" +
           e.note;
}
std::string row(const Assignment &a)
{
    return std::to_string(a.image) + "|" + std::to_string(a.labeler) + "|" + std::to_string(a.round) + "|" +
           std::to_string(a.position) + "|" + std::string(toString(a.state));
}
std::string row(const Label &l)
{
    return std::to_string(l.id) + "|" + std::to_string(l.image) + "|" + std::to_string(l.labeler) + "|" +
           std::to_string(l.labelClass) + "|" + std::to_string(l.round) + "|" + opt(l.standard) + "|" +
           std::string(toString(l.source)) + "|" + l.createdAt + "|" + l.updatedAt;
}
std::string row(const Annotation &a)
{
    return std::to_string(a.id) + "|" + std::to_string(a.label) + "|" + std::string(toString(a.kind)) + "|" +
           a.geometry + "|" + num(a.lengthPx) + "|" + opt(a.lengthMm) + "|" + num(a.area);
}
std::string row(const CheckItem &c)
{
    return std::to_string(c.id) + "|" + std::to_string(c.image) + "|" + std::to_string(c.labeler) + "|" +
           std::string(toString(c.kind)) + "|" + std::to_string(c.round) + "|" + std::to_string(c.position) + "|" +
           std::string(toString(c.state)) + "|" + opt(c.answer) + "|" + c.answeredAt;
}
std::string row(const GoldLabel &g)
{
    return std::to_string(g.image) + "|" + std::to_string(g.labelClass) + "|" + g.source + "|" + g.createdAt;
}
std::string row(const Decision &d)
{
    return std::to_string(d.image) + "|" + opt(d.labelClass) + "|" + std::string(toString(d.method)) + "|" +
           opt(d.standard) + "|" + opt(d.by) + "|" + d.note + "|" + d.createdAt;
}
std::string row(const ObjectDecision &d)
{
    return std::to_string(d.id) + "|" + std::to_string(d.image) + "|" + std::string(toString(d.kind)) + "|" +
           d.geometry + "|" + opt(d.cls) + "|" + std::string(toString(d.action)) + "|" + d.members + "|" + opt(d.by) +
           "|" + d.createdAt;
}
std::string row(const AuditEntry &e)
{
    return std::to_string(e.id) + "|" + e.at + "|" + e.actor + "|" + e.action + "|" + e.payload + "|" +
           (e.undone ? "undone" : "");
}
std::string row(const std::pair<std::string, std::string> &kv)
{
    return kv.first + "=" + kv.second;
}

template <typename T>
QStringList lines(const std::vector<T> &rows)
{
    QStringList out;
    for (const T &r : rows)
        out << QString::fromStdString(row(r));
    return out;
}

/// project_meta without the keys that describe the backend itself (Store::restoreRows).
std::vector<std::pair<std::string, std::string>> portableMeta(std::vector<std::pair<std::string, std::string>> meta)
{
    std::erase_if(meta, [](const auto &kv) {
        return kv.first == "schema_version" || kv.first == "server_lead_role" || kv.first == "server_labeler_role";
    });
    return meta;
}

/// Every table of two projects equal, row for row. Returns false (after a failed QCOMPARE)
/// so a caller can stop.
bool sameRows(const ProjectRows &a, const ProjectRows &b)
{
#define SAME(table)                                                                                                    \
    do {                                                                                                               \
        QCOMPARE(lines(a.table), lines(b.table));                                                                      \
    } while (false)
    [&] {
        QCOMPARE(lines(portableMeta(a.meta)), lines(portableMeta(b.meta)));
        SAME(classes);
        SAME(labelers);
        SAME(images);
        SAME(attributes);
        SAME(standards);
        SAME(examples);
        SAME(assignments);
        SAME(labels);
        SAME(annotations);
        SAME(checkItems);
        SAME(checkAnnotations);
        SAME(gold);
        SAME(decisions);
        SAME(objectDecisions);
        SAME(audit);
    }();
#undef SAME
    return !QTest::currentTestFailed();
}

QString summaryText(const Store &store)
{
    const ProjectSummary s = summarize(store);
    QStringList out;
    out << QString::fromStdString(s.settings.name) << QString::number(s.settings.pxPerMm)
        << QString::number(s.settings.overlap) << QString::number(s.settings.repeatShare) << QString::number(s.images)
        << QString::number(s.labels) << QString::number(s.decisions) << QString::number(s.standards)
        << QString::number(s.schemaVersion);
    for (const auto &c : s.classes)
        out << QString::fromStdString(row(c.cls)) + QStringLiteral(":") + QString::number(c.labels);
    for (const auto &l : s.labelers)
        out << QString::fromStdString(row(l.labeler)) + QStringLiteral(":") + QString::number(l.labels) +
                   QStringLiteral("/") + QString::number(l.assigned);
    return out.join(QLatin1Char(' '));
}

/// The files of a CSV export, each as bytes; provenance.json without its "created_at" (the
/// time of the export, the one field two exports of the same project differ in).
std::map<std::string, std::string> exportFiles(const Store &store, const fs::path &outDir)
{
    ExportRequest request;
    request.format = "csv";
    request.outDir = outDir;
    const ExportReport report = exportDataset(store, request);
    std::map<std::string, std::string> files;
    for (const auto &name : report.files) {
        std::string bytes = readAll(outDir / name);
        if (name == "provenance.json") {
            auto j = nlohmann::json::parse(bytes);
            if (!j.contains("created_at"))
                throw std::runtime_error("provenance.json has no created_at");
            j.erase("created_at");
            bytes = j.dump(2);
        }
        files[name] = bytes;
    }
    return files;
}

/// The labels, assignments and decisions: what an undo changes.
QStringList undoState(const Store &store)
{
    const ProjectRows rows = readProjectRows(store);
    QStringList out = lines(rows.labels);
    out << lines(rows.assignments) << lines(rows.decisions) << lines(rows.standards);
    return out;
}

/// A two-image project file whose image files are in `images` (one absolute path), for the
/// refusals.
std::unique_ptr<Store> smallProject(const fs::path &file, const fs::path &outside)
{
    auto store = initProject(file.string(), {"small", 0, 1, false}, {"ok", "bad"});
    const fs::path dir = file.parent_path();
    const std::string a = "a-bytes", b = "b-bytes, longer";
    writeAll(dir / "imgs" / "a.png", a);
    writeAll(outside / "b.png", b);
    ImageRecord ra;
    ra.path = "imgs/a.png";
    ra.hash = contentHash(a);
    ra.bytes = static_cast<std::int64_t>(a.size());
    ra.width = 4;
    ra.height = 3;
    store->addImage(ra);
    ImageRecord rb = ra;
    rb.path = (outside / "b.png").generic_string();
    rb.hash = contentHash(b);
    rb.bytes = static_cast<std::int64_t>(b.size());
    store->addImage(rb);
    const Id ana = store->addLabeler("ana", Role::Labeler);
    store->assign({1, ana, 0, 0, AssignmentState::Pending});
    saveLabel(*store, 1, ana, store->classByName("bad")->id);
    return store;
}

int runCli(const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(CONCORD_CLI), args);
    if (!p.waitForFinished(240000))
        return -1;
    if (out)
        *out = p.readAllStandardOutput();
    if (err)
        *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestProjectCopy : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path m_source;   ///< the demo project file, with a standard applied and a decision
    Id m_applyAudit = 0; ///< the apply's audit entry

    fs::path dir() const { return fs::path(m_dir.path().toStdString()); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        DemoOptions o;
        o.images = 90;
        o.labelers = 3;
        o.overlap = 2;
        o.repeatShare = 0.2;
        fs::create_directories(dir() / "demo");
        m_source = generateDemo(dir() / "demo" / "demo.concord", o).project;
        auto store = openProject(m_source);
        // A standard with examples, applied (audit payload with label ids, a relabel round),
        // a decision on a disputed image, gold from it, an imported text attribute.
        const Id sid = createStandard(*store, {"Scratch length", "A scratch of 1.5 mm or longer is a defect.",
                                               "when label in {ok, scratch}: scratch if length_mm >= 1.5 else ok",
                                               StandardStatus::Draft});
        setStandardExample(*store, sid, 2, ExampleRole::Borderline, "1.4 mm");
        setStandardExample(*store, sid, 3, ExampleRole::Example);
        const auto applied = applyStandard(*store, sid);
        QVERIFY(applied.preview.changes.size() > 0);
        m_applyAudit = applied.auditId;
        const auto conflicts = store->conflictImages();
        QVERIFY(!conflicts.empty());
        const Id lead = store->labelerByName("lead")->id;
        recordDecision(*store,
                       Decision{conflicts.front(),
                                store->classByName("dent")->id,
                                DecisionMethod::Adjudicated,
                                std::nullopt,
                                lead,
                                "looked again",
                                {}},
                       "lead");
        QCOMPARE(markDecisionsGold(*store, {conflicts.front()}, "lead"), std::int64_t(1));
        // The lead's word on two unresolved objects (issue #17): one accepted, one dropped.
        const ObjectQueue objects = objectQueue(*store);
        QVERIFY(objects.objects.size() >= 2);
        decideObject(*store, objects.objects[0], ObjectAction::Accept, std::nullopt, lead, "lead");
        decideObject(*store, objects.objects[1], ObjectAction::Drop, std::nullopt, lead, "lead");
        store->setAttribute({1, "note", std::string("dusty"), AttrSource::Imported});
        // The demo's repeats (check items answered with lines) are part of what is copied.
        const ProjectRows rows = readProjectRows(*store);
        QVERIFY(!rows.checkItems.empty());
        QVERIFY(!rows.checkAnnotations.empty());
        QVERIFY(!rows.annotations.empty());
        QCOMPARE(rows.objectDecisions.size(), std::size_t(2));
        QVERIFY(rows.audit.size() >= 3);
    }

    void pushThenPullKeepsEveryRow()
    {
        auto source = openProject(m_source, OpenMode::ReadOnly);
        const ProjectRows original = readProjectRows(*source);

        const std::string uri = freshServerDatabase("push");
        auto server = createServerProject(uri, source->settings());
        const CopyResult pushed = copyProject(*source, *server);
        QCOMPARE(pushed.images, static_cast<std::int64_t>(original.images.size()));
        QCOMPARE(pushed.labels, static_cast<std::int64_t>(original.labels.size()));
        QCOMPARE(pushed.auditEntries, static_cast<std::int64_t>(original.audit.size()));
        QCOMPARE(pushed.imageContents, static_cast<std::int64_t>(original.images.size())); // all distinct
        QVERIFY(sameRows(original, readProjectRows(*server)));
        // The server keeps its own schema version and roles.
        QCOMPARE(server->meta("schema_version").value_or(""), std::to_string(kSchemaVersion));
        QVERIFY(server->meta("server_lead_role").value_or("").starts_with("concord_"));

        const fs::path pulledFile = dir() / "pulled" / "copy.concord";
        fs::create_directories(pulledFile.parent_path());
        auto pulled = createProject(pulledFile, server->settings());
        const CopyResult back = copyProject(*server, *pulled);
        QCOMPARE(back.filesWritten, static_cast<std::int64_t>(original.images.size()));
        QVERIFY(back.renamed.empty());
        QVERIFY(sameRows(original, readProjectRows(*pulled)));
        // Nothing of the server's own comes back into the file.
        QVERIFY(!pulled->meta("server_lead_role"));
        QVERIFY(!pulled->meta("schema_version"));
        QCOMPARE(readProjectRows(*pulled).meta, original.meta);

        // The same figures and the same export.
        QCOMPARE(summaryText(*server), summaryText(*source));
        QCOMPARE(summaryText(*pulled), summaryText(*source));
        const auto exported = exportFiles(*source, dir() / "export-source");
        QVERIFY(exported.count("provenance.json") == 1);
        QVERIFY(exportFiles(*pulled, dir() / "export-pulled") == exported);
        QVERIFY(exportFiles(*server, dir() / "export-server") == exported);

        // The pulled files are the original bytes.
        for (const ImageRecord &img : original.images) {
            const std::string bytes = readAll(pulled->resolveImagePath(img));
            QCOMPARE(bytes.size(), static_cast<std::size_t>(img.bytes));
            QVERIFY(bytes == readAll(source->resolveImagePath(img)));
        }
    }

    void undoAfterPushWorks()
    {
        // The apply's audit entry names labels, images and standards by id: undone on the
        // server and on a pulled file, it gives what the undo on the original file gives.
        const fs::path copyFile = dir() / "undo" / "original.concord";
        fs::create_directories(copyFile.parent_path());
        {
            auto source = openProject(m_source, OpenMode::ReadOnly);
            auto copy = createProject(copyFile, source->settings());
            copyProject(*source, *copy); // a file copy (images written beside it) to undo on
        }
        const std::string uri = freshServerDatabase("undo");
        {
            auto source = openProject(m_source, OpenMode::ReadOnly);
            auto server = createServerProject(uri, source->settings());
            copyProject(*source, *server);
        }
        auto file = openProject(copyFile);
        auto server = openStore(uri);
        const QStringList before = undoState(*file);
        QCOMPARE(undoState(*server), before);

        const UndoResult onFile = undoStandardApply(*file, m_applyAudit);
        const UndoResult onServer = undoStandardApply(*server, m_applyAudit);
        QVERIFY(onFile.labels > 0);
        QCOMPARE(onServer.labels, onFile.labels);
        QCOMPARE(onServer.assignments, onFile.assignments);
        QCOMPARE(onServer.auditId, onFile.auditId); // the next id after the copied ones on both
        QVERIFY(undoState(*file) != before);
        QCOMPARE(undoState(*server), undoState(*file));
        const auto audit = readProjectRows(*server).audit;
        QVERIFY(std::any_of(audit.begin(), audit.end(),
                            [&](const AuditEntry &e) { return e.id == m_applyAudit && e.undone; }));

        // New rows after the copy get new ids (the server's sequences moved past the copied ones).
        const Id maxLabeler = readProjectRows(*file).labelers.back().id;
        QCOMPARE(server->addLabeler("newcomer", Role::Labeler), maxLabeler + 1);
        QCOMPARE(file->addLabeler("newcomer", Role::Labeler), maxLabeler + 1);
        QVERIFY(server->addImage(ImageRecord{0, "new.png", "feed", 1, 1, 1, 0}) >
                readProjectRows(*file).images.back().id);
    }

    void pushIntoNonEmptyProjectIsRefused()
    {
        const std::string uri = freshServerDatabase("busy");
        initProject(uri, {"theirs", 0, 1, false}, {"ok"}).reset();
        auto server = openStore(uri);
        const ProjectRows before = readProjectRows(*server);
        auto source = openProject(m_source, OpenMode::ReadOnly);
        try {
            copyProject(*source, *server);
            QFAIL("a push into a project with classes was accepted");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Invalid);
        }
        QVERIFY(sameRows(before, readProjectRows(*server)));
        QCOMPARE(lines(readProjectRows(*server).meta), lines(before.meta));
        QVERIFY(!server->hasImageContent(source->images().front().hash));
        // And a database with a project in it cannot get another one.
        QVERIFY_THROWS_EXCEPTION(Error, createServerProject(uri, source->settings()));
    }

    void pushWithMissingImageIsRefused()
    {
        const fs::path file = dir() / "missing" / "small.concord";
        fs::create_directories(file.parent_path());
        const fs::path outside = dir() / "missing-outside";
        auto source = smallProject(file, outside);
        fs::remove(outside / "b.png");
        const std::string uri = freshServerDatabase("missing");
        auto server = createServerProject(uri, source->settings());
        try {
            copyProject(*source, *server);
            QFAIL("a push with a missing image file was accepted");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Io);
            QCOMPARE(QString::fromStdString(e.file()), QString::fromStdString((outside / "b.png").string()));
        }
        const ProjectRows after = readProjectRows(*server);
        QVERIFY(after.classes.empty() && after.labelers.empty() && after.images.empty() && after.labels.empty());
        QVERIFY(!server->hasImageContent(source->images().front().hash));

        // A file whose bytes changed since it was imported: found while the rows are being
        // written, and the transaction takes them all back.
        writeAll(outside / "b.png", "other bytes");
        try {
            copyProject(*source, *server);
            QFAIL("a push with a changed image file was accepted");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Invalid);
            QCOMPARE(QString::fromStdString(e.file()), QString::fromStdString((outside / "b.png").string()));
        }
        QVERIFY(readProjectRows(*server).images.empty());
        QVERIFY(!server->hasImageContent(source->images().front().hash));
    }

    void pullRewritesOutsidePathsAndRefusesStrangers()
    {
        const fs::path file = dir() / "outside" / "small.concord";
        fs::create_directories(file.parent_path());
        const fs::path outside = dir() / "outside-images";
        auto source = smallProject(file, outside);
        const std::string uri = freshServerDatabase("outside");
        auto server = createServerProject(uri, source->settings());
        QCOMPARE(copyProject(*source, *server).imageContents, std::int64_t(2));

        // A stranger where the absolute path's image would go: refused before any write.
        const fs::path target = dir() / "pull-here";
        writeAll(target / "images" / "b.png", "someone else's");
        auto refused = createProject(target / "p.concord", server->settings());
        try {
            copyProject(*server, *refused);
            QFAIL("a pull over a different file was accepted");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Io);
            QCOMPARE(QString::fromStdString(e.file()), QString::fromStdString((target / "images" / "b.png").string()));
        }
        QVERIFY(readProjectRows(*refused).images.empty());
        QVERIFY(!fs::exists(target / "imgs" / "a.png"));
        QCOMPARE(readAll(target / "images" / "b.png"), std::string("someone else's"));

        // Elsewhere: the absolute path becomes images/b.png, the relative one is kept.
        const fs::path good = dir() / "pull-there" / "p.concord";
        fs::create_directories(good.parent_path());
        auto pulled = createProject(good, server->settings());
        const CopyResult r = copyProject(*server, *pulled);
        QCOMPARE(r.renamed.size(), std::size_t(1));
        QCOMPARE(r.renamed.front().second, std::string("images/b.png"));
        QCOMPARE(pulled->image(2)->path, std::string("images/b.png"));
        QCOMPARE(pulled->image(1)->path, std::string("imgs/a.png"));
        QCOMPARE(readAll(good.parent_path() / "images" / "b.png"), std::string("b-bytes, longer"));
        QCOMPARE(readAll(good.parent_path() / "imgs" / "a.png"), std::string("a-bytes"));
        QCOMPARE(pulled->labelCount(), std::int64_t(1));
    }

    void cliPushAndPull()
    {
        // The commands: push, info and agreement on the server equal those of the file, pull
        // gives a file with the same answers; pull onto an existing file and push into a used
        // database are refused and change nothing.
        const QString uri = QString::fromStdString(freshServerDatabase("cli"));
        const QString src = QString::fromStdString(m_source.string());
        QByteArray out, err;
        QCOMPARE(runCli({QStringLiteral("push"), src, uri}, &out, &err), 0);
        QVERIFY2(out.startsWith("Pushed 90 images"), out.constData());

        const QString back = QString::fromStdString((dir() / "cli" / "back.concord").string());
        fs::create_directories(dir() / "cli");
        QCOMPARE(runCli({QStringLiteral("pull"), uri, back}, &out, &err), 0);
        QVERIFY2(out.startsWith("Pulled 90 images"), out.constData());
        for (const char *command : {"info", "agreement"}) {
            QByteArray a, b, c;
            QCOMPARE(runCli({QString::fromLatin1(command), src, QStringLiteral("--json")}, &a), 0);
            QCOMPARE(runCli({QString::fromLatin1(command), back, QStringLiteral("--json")}, &b), 0);
            QCOMPARE(runCli({QString::fromLatin1(command), uri, QStringLiteral("--json")}, &c), 0);
            auto ja = nlohmann::json::parse(a.toStdString());
            auto jb = nlohmann::json::parse(b.toStdString());
            auto jc = nlohmann::json::parse(c.toStdString());
            for (auto *j : {&ja, &jb, &jc})
                j->erase("project"); // where the project is
            QCOMPARE(QString::fromStdString(jb.dump(1)), QString::fromStdString(ja.dump(1)));
            QCOMPARE(QString::fromStdString(jc.dump(1)), QString::fromStdString(ja.dump(1)));
        }

        const std::string existing = readAll(back.toStdString());
        QCOMPARE(runCli({QStringLiteral("pull"), uri, back}, &out, &err), 1);
        QVERIFY2(err.contains("exists already"), err.constData());
        QVERIFY(readAll(back.toStdString()) == existing);

        QCOMPARE(runCli({QStringLiteral("push"), src, uri}, &out, &err), 1);
        QVERIFY2(err.contains("not empty"), err.constData());
        auto server = openStore(uri.toStdString());
        QCOMPARE(server->imageCount(), std::int64_t(90));
    }
};

QTEST_GUILESS_MAIN(TestProjectCopy)
#include "tst_project_copy.moc"
