// SPDX-License-Identifier: GPL-3.0-or-later
// The output folder of an export as a whole (issue 21): unique names for hostile paths and
// classes, sources never written over, a data set built beside OUTDIR and put in place whole,
// --replace removing exactly the previous export's files, planted symbolic links not followed,
// and a cancelled or killed export leaving nothing under the final name.
#include "io_test_project.h"

#include "core/common/error.h"
#include "core/common/hash.h"
#include "core/io/datasetexporter.h"
#include "core/io/exportfolder.h"
#include "core/io/exportnames.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <csignal>
#include <fstream>
#include <set>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

using namespace concord::core;
using iotest::qs;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeText(const fs::path &p, const std::string &text)
{
    std::ofstream(p, std::ios::binary) << text;
}

/// Every regular file below `dir`, relative, sorted.
QStringList filesBelow(const fs::path &dir)
{
    QStringList out;
    for (const auto &e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file())
            out << qs(e.path().lexically_relative(dir).generic_string());
    out.sort();
    return out;
}

/// Names beside `dir` that start with its name and ".tmp-": staging folders left behind.
QStringList stagingLeftovers(const fs::path &dir)
{
    QStringList out;
    const std::string prefix = dir.filename().string() + ".tmp-";
    for (const auto &e : fs::directory_iterator(dir.parent_path()))
        if (e.path().filename().string().rfind(prefix, 0) == 0)
            out << qs(e.path().filename().string());
    return out;
}

ErrorCode errorOf(const std::function<void()> &fn, QString *message = nullptr)
{
    try {
        fn();
    } catch (const Error &e) {
        if (message)
            *message = qs(e.what());
        return e.code();
    }
    qFatal("expected an error");
}

/// The same drawing the face-blur test of tst_io_export uses: a frontal face to the cascade.
cv::Mat faceImage()
{
    cv::Mat gray(300, 650, CV_8UC1, cv::Scalar(90));
    cv::ellipse(gray, {150, 155}, {80, 105}, 0, 0, 360, cv::Scalar(190), cv::FILLED);
    cv::ellipse(gray, {150, 80}, {85, 45}, 0, 180, 360, cv::Scalar(40), cv::FILLED);
    cv::ellipse(gray, {115, 135}, {26, 14}, 0, 0, 360, cv::Scalar(60), cv::FILLED);
    cv::ellipse(gray, {185, 135}, {26, 14}, 0, 0, 360, cv::Scalar(60), cv::FILLED);
    cv::line(gray, {88, 115}, {140, 112}, cv::Scalar(50), 7);
    cv::line(gray, {160, 112}, {212, 115}, cv::Scalar(50), 7);
    cv::ellipse(gray, {150, 180}, {14, 8}, 0, 0, 360, cv::Scalar(120), cv::FILLED);
    cv::ellipse(gray, {150, 215}, {32, 9}, 0, 0, 360, cv::Scalar(70), cv::FILLED);
    cv::Mat bgr;
    cv::cvtColor(gray, bgr, cv::COLOR_GRAY2BGR);
    return bgr;
}

} // namespace

class TestIoExportFolder : public QObject
{
    Q_OBJECT

private:
    iotest::Workspace m_ws;

    static void label(Store &store, const std::string &image, const std::string &who, const std::string &cls)
    {
        saveLabel(store, findImage(store, image).id, ensureLabeler(store, who).id, findClass(store, cls).id, {});
    }

    static void decide(Store &store, const std::string &image, std::optional<std::string> cls)
    {
        Decision d;
        d.image = findImage(store, image).id;
        if (cls)
            d.labelClass = findClass(store, *cls).id;
        d.by = ensureLabeler(store, "lead", Role::Lead).id;
        store.setDecision(d);
    }

    static ExportRequest request(const std::string &format, const fs::path &out, bool replace = false)
    {
        ExportRequest r;
        r.format = format;
        r.outDir = out;
        r.replace = replace;
        return r;
    }

private slots:
    /// The project of tst_io_export: a/i1.png ok, a/i2.png scratch, b/i3.png dent (consensus),
    /// i4.png a tie (unresolved).
    void initTestCase()
    {
        QVERIFY(m_ws.dir.isValid());
        m_ws.pristine = m_ws.root() / "folder.concord";
        ProjectSettings s;
        s.name = "folder";
        auto store = initProject(m_ws.pristine, s, {"ok", "scratch", "dent"});
        iotest::addImage(*store, m_ws.root(), "a/i1.png", iotest::plainImage(200, 100, 11));
        iotest::addImage(*store, m_ws.root(), "a/i2.png", iotest::plainImage(200, 100, 12));
        iotest::addImage(*store, m_ws.root(), "b/i3.png", iotest::plainImage(200, 100, 13));
        iotest::addImage(*store, m_ws.root(), "i4.png", iotest::plainImage(200, 100, 14));
        for (const auto &who : {"alice", "bob"}) {
            label(*store, "a/i1.png", who, "ok");
            label(*store, "a/i2.png", who, "scratch");
            label(*store, "b/i3.png", who, "dent");
        }
        label(*store, "i4.png", "alice", "ok");
        label(*store, "i4.png", "bob", "scratch");
    }

    void uniqueNames_data()
    {
        QTest::addColumn<QStringList>("paths");
        QTest::addColumn<QStringList>("expected");
        const auto h = [](const char *s) { return qs(exportNameSuffix(s)); };
        // By the rule of exportnames.h: unchanged names stay, changed ones get the suffix, and
        // of names clashing without extension and case the first in byte order stays.
        QTest::newRow("sanitised clash") << QStringList{"imgs/a:b.png", "imgs/a_b.png", "imgs/a?b.png", "imgs/a*b.png"}
                                         << QStringList{"imgs/a_b" + h("imgs/a:b.png") + ".png", "imgs/a_b.png",
                                                        "imgs/a_b" + h("imgs/a?b.png") + ".png",
                                                        "imgs/a_b" + h("imgs/a*b.png") + ".png"};
        QTest::newRow("same stem") << QStringList{"c.png", "c.jpg"} << QStringList{"c" + h("c.png") + ".png", "c.jpg"};
        QTest::newRow("case only") << QStringList{"x.png", "X.png"} << QStringList{"x" + h("x.png") + ".png", "X.png"};
        QTest::newRow("dot dot") << QStringList{"../up.png"} << QStringList{"up" + h("../up.png") + ".png"};
        QTest::newRow("distinct stay") << QStringList{"a/b.png", "a/c.png"} << QStringList{"a/b.png", "a/c.png"};
        // Issue 19: images outside the project folder (stored with absolute paths) were exported as
        // "home/ann/lot7/a/x~….png", the machine's tree plus a suffix. Their names are now relative
        // to the folder all absolute paths share, by hand: /home/ann/lot7 here, the file's own
        // folder for a single one; relative paths are left alone.
        QTest::newRow("absolute: common root")
            << QStringList{"/home/ann/lot7/a/x.png", "/home/ann/lot7/b/y.png"} << QStringList{"a/x.png", "b/y.png"};
        QTest::newRow("absolute: one") << QStringList{"/mnt/scans/day 1/img.png"} << QStringList{"img.png"};
        QTest::newRow("absolute and relative")
            << QStringList{"imgs/a.png", "/srv/data/cam1/a.png", "/srv/data/cam2/b.png"}
            << QStringList{"imgs/a.png", "cam1/a.png", "cam2/b.png"};
        QTest::newRow("absolute: windows")
            << QStringList{"C:\\scans\\a\\1.png", "C:\\scans\\b\\2.png"} << QStringList{"a/1.png", "b/2.png"};
        // Shortened names still never clash: "/data/a/x.png" becomes "x.png" like the relative
        // one, and the first in byte order ("/" < "x") keeps it.
        QTest::newRow("absolute: clash after the root")
            << QStringList{"x.png", "/data/a/x.png"} << QStringList{"x" + h("x.png") + ".png", "x.png"};
        QTest::newRow("absolute: unsafe part")
            << QStringList{"/d/r/a:b.png", "/d/r/c.png"} << QStringList{"a_b" + h("/d/r/a:b.png") + ".png", "c.png"};
    }

    void uniqueNames()
    {
        QFETCH(QStringList, paths);
        QFETCH(QStringList, expected);
        std::vector<std::string> in;
        for (const auto &p : paths)
            in.push_back(p.toStdString());
        QStringList got;
        for (const auto &n : uniqueExportPaths(in))
            got << qs(n);
        QCOMPARE(got, expected);
        // The suffix is the documented one: "~" and 8 hex digits of XXH3-128.
        QCOMPARE(qs(exportNameSuffix("imgs/a:b.png")), "~" + qs(contentHash(std::string("imgs/a:b.png"))).left(8));
    }

    void uniqueClassFolders()
    {
        const auto h = [](const char *s) { return exportNameSuffix(s); };
        const std::vector<std::string> expected{"x_y" + h("x/y"), "x_y", "_unresolved" + h("_unresolved"), "ok"};
        QCOMPARE(concord::core::uniqueClassFolders({"x/y", "x_y", "_unresolved", "ok"}), expected);
    }

    /// Hostile names: every image keeps its own file in every format, and two classes their
    /// own folders.
    void hostileNamesStayApart()
    {
        const auto dir = m_ws.root() / "hostile";
        fs::create_directories(dir);
        ProjectSettings s;
        s.name = "hostile";
        auto store = initProject(dir / "hostile.concord", s, {"x/y", "x_y"});
        const std::vector<std::string> paths{"imgs/a:b.png", "imgs/a_b.png", "imgs/a?b.png",
                                             "imgs/a*b.png", "imgs/c.png",   "imgs/c.jpg"};
        for (std::size_t i = 0; i < paths.size(); ++i) {
            iotest::addImage(*store, dir, paths[i], iotest::plainImage(40, 30, 40 + int(i)));
            label(*store, paths[i], "alice", i % 2 ? "x_y" : "x/y");
        }
        for (const auto &format : {"yolo", "coco", "imagefolder", "voc", "labelme"}) {
            const auto out = dir / (std::string("out-") + format);
            exportDataset(*store, request(format, out));
            const auto j = nlohmann::json::parse(readAll(out / "provenance.json"));
            std::set<std::string> copies;
            for (const auto &im : j["images"]) {
                const auto copy = im["exported_image"].get<std::string>();
                copies.insert(copy);
                // Each copy holds its own image's bytes.
                QCOMPARE(qs(fileContentHash((out / copy).string())), qs(im["hash"].get<std::string>()));
            }
            QVERIFY2(copies.size() == paths.size(), format);
            const auto files = filesBelow(out);
            if (std::string(format) == "yolo") // one label file per image, beside data.yaml
                QCOMPARE(files.filter(QStringLiteral("labels/")).size(), int(paths.size()));
            if (std::string(format) == "imagefolder") {
                QCOMPARE(files.filter(qs("x_y" + exportNameSuffix("x/y") + "/")).size(), 3);
                QCOMPARE(files.filter(QRegularExpression(QStringLiteral("^x_y/"))).size(), 3);
            }
        }
    }

    /// Issue 21: a project at images/p.concord, a blurring export to the parent folder used to
    /// write the blurred copy over images/face1.jpg. Now refused, the source byte-identical.
    void sourcesNeverReplaced()
    {
        const auto dir = m_ws.root() / "sources";
        const auto images = dir / "images";
        fs::create_directories(images);
        ProjectSettings s;
        s.name = "sources";
        {
            auto store = initProject(images / "p.concord", s, {"person"});
            iotest::addImage(*store, images, "face1.jpg", faceImage());
            label(*store, "face1.jpg", "alice", "person");
        }
        const auto before = fileContentHash((images / "face1.jpg").string());
        auto store = openProject(images / "p.concord", OpenMode::ReadOnly);
        QCOMPARE(qs(store->images()[0].hash), qs(before));
        for (const auto &out : {dir, images, dir / "images" / "."}) {
            auto r = request("yolo", out, true);
            r.blurFaces = true;
            QString message;
            QVERIFY(errorOf([&] { exportDataset(*store, r); }, &message) == ErrorCode::Invalid);
            QVERIFY2(message.contains(u"never replaces its sources"), qPrintable(message));
        }
        QCOMPARE(qs(fileContentHash((images / "face1.jpg").string())), qs(before));
        // Nothing was written anywhere: no data set files, no staging folder.
        QVERIFY(!fs::exists(dir / "data.yaml") && !fs::exists(dir / "labels") && !fs::exists(images / "images"));
        QVERIFY(stagingLeftovers(dir).isEmpty() && stagingLeftovers(images).isEmpty());
        // Beside the sources, in a folder of its own, it works and blurs the copy only.
        auto r = request("yolo", dir / "export");
        r.blurFaces = true;
        QCOMPARE(exportDataset(*store, r).facesBlurred, std::int64_t(1));
        QVERIFY(fileContentHash((dir / "export" / "images" / "face1.jpg").string()) != before);
        QCOMPARE(qs(fileContentHash((images / "face1.jpg").string())), qs(before));
    }

    /// A second export into a used folder is refused; --replace leaves no file of the first:
    /// not the image under its old class, not the YOLO labels of an excluded image, not the
    /// old unresolved.csv. A stranger in the folder stops --replace before anything changes.
    void replaceRemovesExactlyThePreviousExport()
    {
        auto store = openProject(m_ws.freshProject());
        const auto out = m_ws.freshDir();
        exportDataset(*store, request("imagefolder", out));
        const QStringList first{"dent/b/i3.png", "ok/a/i1.png", "provenance.json", "scratch/a/i2.png",
                                "unresolved.csv"};
        QCOMPARE(filesBelow(out), first);
        const auto manifest = readAll(out / "provenance.json");

        QString message;
        QVERIFY(errorOf([&] { exportDataset(*store, request("imagefolder", out)); }, &message) == ErrorCode::Invalid);
        QVERIFY2(message.contains(u"--replace"), qPrintable(message));
        QCOMPARE(filesBelow(out), first);

        decide(*store, "b/i3.png", "ok"); // moves to ok/
        decide(*store, "i4.png", "dent"); // the tie is settled: no unresolved.csv any more
        writeText(out / "notes.txt", "mine");
        QVERIFY(errorOf([&] { exportDataset(*store, request("imagefolder", out, true)); }, &message) ==
                ErrorCode::Invalid);
        QVERIFY2(message.contains(u"notes.txt"), qPrintable(message));
        QCOMPARE(readAll(out / "provenance.json"), manifest);
        fs::remove(out / "notes.txt");

        const auto rep = exportDataset(*store, request("imagefolder", out, true));
        QVERIFY(rep.replaced);
        QVERIFY(rep.keptAside.empty());
        QCOMPARE(filesBelow(out),
                 (QStringList{"dent/i4.png", "ok/a/i1.png", "ok/b/i3.png", "provenance.json", "scratch/a/i2.png"}));
        QVERIFY(stagingLeftovers(out).isEmpty());

        // YOLO: the label file of an image a decision excludes goes with the image.
        const auto yolo = m_ws.freshDir();
        exportDataset(*store, request("yolo", yolo));
        QVERIFY(fs::exists(yolo / "labels" / "a" / "i1.txt"));
        decide(*store, "a/i1.png", std::nullopt);
        exportDataset(*store, request("yolo", yolo, true));
        QCOMPARE(filesBelow(yolo),
                 (QStringList{"data.yaml", "images/a/i2.png", "images/b/i3.png", "images/i4.png", "labels/a/i2.txt",
                              "labels/b/i3.txt", "labels/i4.txt", "provenance.json", "unresolved.csv"}));
        const auto j = nlohmann::json::parse(readAll(yolo / "provenance.json"));
        QCOMPARE(j["files"].size(), std::size_t(8)); // everything but provenance.json itself
    }

    /// A folder that is not a Concord export is never replaced, and nothing in it is touched.
    void foreignFolderNeverReplaced()
    {
        auto store = openProject(m_ws.pristine, OpenMode::ReadOnly);
        const auto out = m_ws.freshDir();
        fs::create_directories(out);
        writeText(out / "thesis.tex", "years of work");
        QString message;
        QVERIFY(errorOf([&] { exportDataset(*store, request("csv", out, true)); }, &message) == ErrorCode::Invalid);
        QVERIFY2(message.contains(u"provenance.json"), qPrintable(message));
        QCOMPARE(filesBelow(out), QStringList{"thesis.tex"});
        // An empty folder is fine.
        const auto empty = m_ws.freshDir();
        fs::create_directories(empty);
        exportDataset(*store, request("csv", empty));
        QCOMPARE(filesBelow(empty), (QStringList{"labels.csv", "provenance.json", "unresolved.csv"}));
    }

    /// A symbolic link planted inside OUTDIR (here in place of images/a) used to be followed:
    /// the export wrote a/i1.png into the folder it points to.
    void plantedSymlinkNotFollowed()
    {
        auto store = openProject(m_ws.pristine, OpenMode::ReadOnly);
        const auto out = m_ws.freshDir();
        exportDataset(*store, request("coco", out));
        const auto outside = m_ws.freshDir();
        fs::create_directories(outside);
        fs::remove_all(out / "images" / "a");
        fs::create_directory_symlink(outside, out / "images" / "a");
        for (const bool replace : {false, true}) {
            QString message;
            QVERIFY(errorOf([&] { exportDataset(*store, request("coco", out, replace)); }, &message) ==
                    ErrorCode::Invalid);
            if (replace)
                QVERIFY2(message.contains(u"symbolic link"), qPrintable(message));
        }
        QVERIFY(fs::is_empty(outside));
        QVERIFY(fs::is_symlink(out / "images" / "a"));
    }

    /// Cancelled half-way: nothing under the final name, no staging folder left; with
    /// --replace the previous export stays as it was.
    void cancelLeavesNothing()
    {
        auto store = openProject(m_ws.pristine, OpenMode::ReadOnly);
        const auto out = m_ws.freshDir();
        auto r = request("yolo", out);
        r.progress = [](std::size_t done, std::size_t, std::string_view) { return done < 2; };
        QVERIFY(errorOf([&] { exportDataset(*store, r); }) == ErrorCode::Cancelled);
        QVERIFY(!fs::exists(out));
        QVERIFY(stagingLeftovers(out).isEmpty());

        exportDataset(*store, request("csv", out));
        const auto before = filesBelow(out);
        const auto manifest = readAll(out / "provenance.json");
        r.replace = true;
        QVERIFY(errorOf([&] { exportDataset(*store, r); }) == ErrorCode::Cancelled);
        QCOMPARE(filesBelow(out), before);
        QCOMPARE(readAll(out / "provenance.json"), manifest);
        QVERIFY(stagingLeftovers(out).isEmpty());
    }

    /// A process killed (SIGKILL) in the middle of an export leaves no folder under the final
    /// name, only its staging folder, which the next export into the folder removes.
    void killedExportLeavesNoPartialSet()
    {
        const auto project = m_ws.pristine;
        const auto out = m_ws.freshDir();
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            auto store = openProject(project, OpenMode::ReadOnly);
            auto r = request("yolo", out);
            r.progress = [](std::size_t done, std::size_t, std::string_view) {
                if (done == 2) // two images and their copies are in, the label files are not
                    ::raise(SIGKILL);
                return true;
            };
            exportDataset(*store, r);
            ::_exit(3); // not reached: the progress callback kills the process first
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        QVERIFY(!fs::exists(out));
        QCOMPARE(stagingLeftovers(out).size(), 1);

        auto store = openProject(project, OpenMode::ReadOnly);
        exportDataset(*store, request("yolo", out));
        QVERIFY(stagingLeftovers(out).isEmpty());
        QVERIFY(fs::exists(out / "provenance.json"));
        QCOMPARE(filesBelow(out).size(), 1 + 3 + 3 + 1 + 1); // data.yaml, images, labels, provenance, unresolved
    }

    /// The dialog's quick look, and what a staging folder looks like while an export runs.
    void folderStates()
    {
        const auto base = m_ws.freshDir();
        QVERIFY(exportFolderState(base) == ExportFolderState::Missing);
        fs::create_directories(base);
        QVERIFY(exportFolderState(base) == ExportFolderState::Empty);
        writeText(base / "x.txt", "x");
        QVERIFY(exportFolderState(base) == ExportFolderState::Other);
        QVERIFY(exportFolderState(base / "x.txt") == ExportFolderState::NotAFolder);
        writeText(base / "provenance.json", "{}");
        QVERIFY(exportFolderState(base) == ExportFolderState::PreviousExport);
        // ... but only a real manifest lets --replace remove anything.
        QVERIFY(errorOf([&] { previousExportFiles(base); }) == ErrorCode::Invalid);

        const auto final = m_ws.freshDir();
        {
            ExportStaging staging(final);
            QCOMPARE(staging.dir().parent_path(), final.parent_path());
            QCOMPARE(stagingLeftovers(final).size(), 1);
            // A live export's staging folder is locked: another export leaves it alone.
            ExportStaging other(final);
            QCOMPARE(stagingLeftovers(final).size(), 2);
        }
        QVERIFY(stagingLeftovers(final).isEmpty());
        QVERIFY(!fs::exists(final));
    }
};

QTEST_GUILESS_MAIN(TestIoExportFolder)
#include "tst_io_export_folder.moc"
