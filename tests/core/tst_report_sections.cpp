// SPDX-License-Identifier: GPL-3.0-or-later
// Two sections of the HTML report (issue 7), each checked on projects of its own: the consistency
// checks (repeats, self-agreement, gold checks) and the agreement on objects (shapes matched
// between labelers). Expected values come from elsewhere: the consistency figures from
// computeProjectConsistency() and goldAgreement() on hand-made answers, with a κ worked by hand,
// the agreement on objects from computeProjectObjectAgreement() and from a small box project
// worked by hand, formatted with the shared formatters or with printf, and well-formedness from
// Python's html.parser. The rest of the report is tst_report.cpp's.
#include "core/agreement/consistency.h"
#include "core/clusters/imageattributes.h"
#include "core/common/numbertext.h"
#include "core/demo/demo.h"
#include "core/geometry/geometry.h"
#include "core/project/project_consistency.h"
#include "core/project/project_objects.h"
#include "core/project/project_ops.h"
#include "core/report/htmlreport.h"
#include "core/report/htmltext.h"
#include "core/standards/standardapply.h"
#include "core/standards/standardbook.h"
#include "core/store/store.h"
#include "report_test_support.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

using namespace concord::core;
using namespace concord_test::report;
namespace fs = std::filesystem;

namespace {

/// Two labelers, ann and bo, drew boxes (pixels) on four images; their labels' classes are the
/// boxes' classes. a.png: ann (0,0)–(10,10) and (20,20)–(30,30), bo (0,0)–(10,10): IoU 1 and
/// one box only ann drew. b.png: ok boxes (0,0)–(10,10) and (0,0)–(10,8), IoU 80/100 = 0.8.
/// c.png: ok boxes (0,0)–(10,10) and (0,0)–(10,6), IoU 0.6. d.png: the same box, ann scratch,
/// bo ok. `shapes` false: the same labels with no shape drawn.
fs::path boxProject(const fs::path &file, bool shapes)
{
    ProjectSettings settings;
    settings.name = "boxes";
    auto store = initProject(file, settings, {"ok", "scratch"});
    const Id ann = ensureLabeler(*store, "ann").id, bo = ensureLabeler(*store, "bo").id;
    const Id ok = findClass(*store, "ok").id, scratch = findClass(*store, "scratch").id;
    int n = 0;
    const auto image = [&](const std::string &path) {
        ImageRecord img;
        img.path = path;
        img.hash = std::to_string(++n);
        return store->addImage(img);
    };
    const auto label = [&](Id img, Id labeler, Id cls, const std::vector<Segment> &boxes) {
        Label l;
        l.image = img;
        l.labeler = labeler;
        l.labelClass = cls;
        l.source = LabelSource::Manual;
        l.createdAt = l.updatedAt = utcNow();
        const Id id = store->setLabel(l);
        for (const auto &box : boxes) {
            if (!shapes)
                break;
            Annotation an = makeBoxAnnotation(box, 0);
            an.label = id;
            store->addAnnotation(an);
        }
        return id;
    };
    const Id a = image("a.png"), b = image("b.png"), c = image("c.png"), d = image("d.png");
    label(a, ann, scratch, {{0, 0, 10, 10}, {20, 20, 30, 30}});
    label(a, bo, scratch, {{0, 0, 10, 10}});
    label(b, ann, ok, {{0, 0, 10, 10}});
    label(b, bo, ok, {{0, 0, 10, 8}});
    label(c, ann, ok, {{0, 0, 10, 10}});
    label(c, bo, ok, {{0, 0, 10, 6}});
    label(d, ann, scratch, {{0, 0, 10, 10}});
    label(d, bo, ok, {{0, 0, 10, 10}});
    return file;
}

/// The interval as the report's cards write it.
std::string cardInterval(const ConfidenceInterval &ci)
{
    return std::isfinite(ci.lo) ? "95 % CI " + formatFixed(ci.lo) + " – " + formatFixed(ci.hi)
                                : std::string("no interval");
}

/// Every figure of the objects section against `o`, formatted with the shared formatters.
void checkObjectsSection(const std::string &sec, const ObjectAgreement &o)
{
    QCOMPARE(valueOf(sec, "v-objects-f1-50"), formatFixed(o.f1Iou50));
    QCOMPARE(valueOf(sec, "v-objects-f1-50-ci"), cardInterval(o.f1Iou50Ci));
    QCOMPARE(valueOf(sec, "v-objects-f1-75"), formatFixed(o.f1Iou75));
    QCOMPARE(valueOf(sec, "v-objects-iou"), formatFixed(o.meanMatchedIou));
    QCOMPARE(valueOf(sec, "v-objects-kappa"), formatFixed(o.classKappa));
    QCOMPARE(valueOf(sec, "v-objects-pairs"), std::to_string(o.imagePairs));
    QVERIFY(valueOf(sec, "v-objects-compared")
                .rfind("Compared: " + std::to_string(o.coverage.compared) + " of " + std::to_string(o.coverage.total) +
                           " images have two or more labelers; ",
                       0) == 0);
    QCOMPARE(sec.find("id=\"v-objects-compared-warning\"") != std::string::npos, o.coverage.tooFew());
    QCOMPARE(count(sec, "<tr><td>"), o.perLabeler.size());
    for (std::size_t i = 0; i < o.perLabeler.size(); ++i) {
        const auto &l = o.perLabeler[i];
        const std::string n = std::to_string(i);
        const std::string &name = o.labelerNames[static_cast<std::size_t>(l.labeler)];
        QVERIFY2(sec.find("<tr><td>" + escapeHtml(name) + "</td><td class=\"num\" id=\"v-objects-images-" + n +
                          "\">") != std::string::npos,
                 name.c_str());
        QCOMPARE(valueOf(sec, "v-objects-images-" + n), std::to_string(l.images));
        QCOMPARE(valueOf(sec, "v-objects-shapes-" + n), std::to_string(l.shapes));
        QCOMPARE(valueOf(sec, "v-objects-matched-" + n), formatShare(l.matchedShare));
        QCOMPARE(valueOf(sec, "v-objects-misses-" + n), std::to_string(l.misses));
        QCOMPARE(valueOf(sec, "v-objects-extras-" + n), std::to_string(l.extras));
    }
    QVERIFY(sec.find("v-no-objects") == std::string::npos);
    QVERIFY(sec.find("v-objects-error") == std::string::npos);
}

} // namespace

class TestReportSections : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void consistencyMatchesSelfAgreement();
    void consistencyWithoutRepeats();
    void objectsOnBoxes();
    void objectsOnDemoLines();
    void objectsWithoutShapes();
    void objectsMalformedGeometry();

private:
    QTemporaryDir m_dir;
    DemoResult m_demo;
    std::string m_html;
};

/// The demo project of tst_report.cpp as far as its labels go, for objectsOnDemoLines: 80 images,
/// the labeler named as markup on 12 of them, and the rule applied (it rewrites labelers' labels as
/// a standard's, which the agreement on objects leaves out). Its examples and decision change no
/// label and are left out. The report is written by `concord-cli report` with its defaults.
void TestReportSections::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const fs::path dir = m_dir.path().toStdString();
    DemoOptions demo;
    demo.images = 80;
    m_demo = generateDemo(dir / "demo.concord", demo);
    {
        auto store = openProject(m_demo.project);
        QVERIFY(fillMeasuredAttributes(*store) > 10); // the rule reads length_mm
        const Id hostile = store->addLabeler(kHostile, Role::Labeler);
        const auto ok = store->classByName("ok");
        QVERIFY(ok);
        for (const auto &img : store->images(0, 12)) {
            Label l;
            l.image = img.id;
            l.labeler = hostile;
            l.labelClass = ok->id;
            l.createdAt = l.updatedAt = utcNow();
            store->setLabel(l);
        }
        const Id standard =
            createStandard(*store, {"Scratch length", "Measure the longest line.", kRule, StandardStatus::Draft});
        applyStandard(*store, standard);
    }
    const fs::path out = dir / "out" / "report.html";
    fs::create_directories(out.parent_path());
    QProcess p;
    p.start(CONCORD_CLI,
            {"report", QString::fromStdString(m_demo.project.string()), QString::fromStdString(out.string())});
    QVERIFY(p.waitForFinished(300000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    m_html = readAll(out);
    QVERIFY(m_html.size() > 1000);
}

void TestReportSections::consistencyMatchesSelfAgreement()
{
    // The default demo (300 images, five labelers, repeat share 0.05): eli is the inconsistent
    // labeler (docs/DEMO.md). The report's options are not the defaults, so the figures match
    // only if the report hands its own bootstrap to computeProjectConsistency.
    const fs::path dir = fs::path(m_dir.path().toStdString()) / "consistency";
    fs::create_directories(dir);
    const auto demo = generateDemo(dir / "checks.concord", DemoOptions{});
    ReportOptions options;
    options.visualClusters = false;
    options.bootstrap.resamples = 300;
    options.bootstrap.seed = 7;
    const fs::path out = dir / "report.html";
    {
        auto store = openProject(demo.project, OpenMode::ReadOnly);
        writeHtmlReport(*store, out, options);
    }
    QProcess checker; // the table and the warning are well-formed (parsesAsHtml's demo has no repeats)
    checker.start("/usr/bin/python3", {"-c", kChecker, QString::fromStdString(out.string())});
    QVERIFY(checker.waitForFinished(60000));
    QVERIFY2(checker.exitCode() == 0, (checker.readAllStandardOutput() + checker.readAllStandardError()).constData());
    const std::string html = readAll(out);
    const std::string sec = section(html, "consistency");
    QVERIFY(sec.find("<h2>Consistency checks</h2>") != std::string::npos);
    QVERIFY(sec.find("v-no-repeats") == std::string::npos);
    QVERIFY(sec.find("Gold checks") == std::string::npos); // nobody has gold checks

    auto store = openProject(demo.project, OpenMode::ReadOnly);
    const auto c = computeProjectConsistency(*store, options.bootstrap);
    QCOMPARE(c.labelers.size(), std::size_t{5});
    const auto interval = [](const ConfidenceInterval &ci, bool share) {
        const auto f = [&](double v) { return share ? formatShare(v) : formatFixed(v); };
        return std::isfinite(ci.lo) ? f(ci.lo) + " – " + f(ci.hi) : std::string(kNoFigure);
    };
    std::size_t eli = c.labelers.size();
    int flagged = 0;
    for (std::size_t i = 0; i < c.labelers.size(); ++i) {
        const auto &l = c.labelers[i];
        const std::string n = std::to_string(i);
        const auto &m = l.self.measurement;
        QVERIFY2(sec.find("<td>" + escapeHtml(l.name) + "</td><td class=\"num\" id=\"v-repeats-" + n + "\">") !=
                     std::string::npos,
                 l.name.c_str());
        QCOMPARE(valueOf(sec, "v-repeats-" + n),
                 std::to_string(l.self.pairs) + "/" + std::to_string(l.repeatsScheduled));
        QCOMPARE(valueOf(sec, "v-self-" + n), formatShare(l.self.agreement));
        QCOMPARE(valueOf(sec, "v-self-ci-" + n), interval(l.self.agreementCi, true));
        QCOMPARE(valueOf(sec, "v-self-kappa-" + n), formatFixed(l.self.kappa));
        QCOMPARE(valueOf(sec, "v-self-kappa-ci-" + n), interval(l.self.kappaCi, false));
        QCOMPARE(valueOf(sec, "v-others-" + n), formatShare(l.others));
        QCOMPARE(valueOf(sec, "v-line-pairs-" + n), std::to_string(m.pairs));
        QCOMPARE(valueOf(sec, "v-line-diff-" + n), formatFixed(m.meanAbsDiff, 3));
        QCOMPARE(valueOf(sec, "v-line-limits-" + n),
                 std::isfinite(m.limitLo) ? formatFixed(m.limitLo, 2) + " to " + formatFixed(m.limitHi, 2)
                                          : std::string(kNoFigure));
        // The mark is there exactly for the labelers whose self-agreement is below their
        // agreement with others.
        QCOMPARE(sec.find("id=\"v-flag-" + n + "\"") != std::string::npos, l.flagged);
        QCOMPARE(l.flagged, l.self.pairs > 0 && l.self.agreement < l.others);
        flagged += l.flagged ? 1 : 0;
        if (l.name == "eli")
            eli = i;
    }
    QVERIFY(eli < c.labelers.size());
    const auto &e = c.labelers[eli];
    // round(0.05 · 180) = 9 repeats in eli's queue of 300 · 3 / 5 = 180 images, every one
    // answered; the share is written as printf writes it.
    QCOMPARE(e.self.pairs, 9);
    QCOMPARE(static_cast<std::int64_t>(e.self.pairs), e.repeatsScheduled);
    QCOMPARE(valueOf(sec, "v-self-" + std::to_string(eli)), pct(e.self.agreement));
    QVERIFY(std::isfinite(e.self.agreementCi.lo));
    // eli (inconsistency 0.25) is less consistent with herself than with the others: flagged,
    // named in the warning, with the sentence that says what it means.
    QVERIFY(e.flagged);
    QVERIFY(flagged >= 1);
    QVERIFY(sec.find("<tr class=\"flagged\"><td>eli</td>") != std::string::npos);
    const auto note = sec.find("id=\"v-consistency-flagged\"");
    QVERIFY(note != std::string::npos);
    const std::string said = sec.substr(note, sec.find("</p>", note) - note);
    QVERIFY(said.find("eli") != std::string::npos);
    QVERIFY(said.find("own inconsistency, which a written standard does not fix; training or a break might") !=
            std::string::npos);
    // The interval's resamples and seed are the report's.
    QVERIFY(sec.find("300 resamples, seed 7") != std::string::npos);
}

void TestReportSections::consistencyWithoutRepeats()
{
    const fs::path dir = fs::path(m_dir.path().toStdString()) / "norepeats";
    fs::create_directories(dir);
    DemoOptions demo;
    demo.images = 30;
    demo.repeatShare = 0.0;
    const auto project = generateDemo(dir / "none.concord", demo).project;
    auto store = openProject(project, OpenMode::ReadOnly);
    ReportOptions options;
    options.visualClusters = false;
    options.bootstrap.resamples = 0;
    ReportData data = gatherReportData(*store, options);
    QVERIFY(!data.consistency.labelers.empty());
    for (const auto &l : data.consistency.labelers)
        QCOMPARE(l.repeatsScheduled, std::int64_t{0});
    const std::string sec = section(renderReportHtml(data), "consistency");
    // One line saying so and how to turn them on, no table.
    const auto line = sec.find("id=\"v-no-repeats\"");
    QVERIFY(line != std::string::npos);
    const std::string said = sec.substr(line, sec.find("</p>", line) - line);
    QVERIFY(said.find("No repeats were scheduled") != std::string::npos);
    QVERIFY(said.find("<code>concord-cli checks PROJECT --repeat-share 0.05</code>") != std::string::npos);
    QVERIFY(sec.find("<table") == std::string::npos);
    QVERIFY(sec.find("Gold checks") == std::string::npos);

    // With gold checks (figures from goldAgreement() on hand-made answers: the first labeler
    // answered the gold class on 3 of 4 images), the gold table follows the line.
    const std::vector<GoldAnswer> answers{{0, 0, 0}, {0, 1, 1}, {0, 0, 0}, {0, 1, 0}};
    BootstrapOptions bootstrap;
    bootstrap.resamples = 200;
    auto &first = data.consistency.labelers.front();
    first.gold = goldAgreement(answers, 1, 2, bootstrap).front();
    first.goldScheduled = 5;
    const std::string gold = section(renderReportHtml(data), "consistency");
    QVERIFY(gold.find("id=\"v-no-repeats\"") != std::string::npos);
    QVERIFY(gold.find("<h3>Gold checks</h3>") != std::string::npos);
    QCOMPARE(valueOf(gold, "v-gold-0"), std::string("4/5"));
    QCOMPARE(valueOf(gold, "v-gold-accuracy-0"), std::string("75.0 %"));
    // κ by hand: p_o = 3/4; rows (gold) 2, 2 and columns (answer) 3, 1 give p_e = (2·3 + 2·1)/16
    // = 1/2, κ = (3/4 − 1/2) / (1/2) = 0.5.
    QCOMPARE(valueOf(gold, "v-gold-kappa-0"), std::string("0.500"));
    QVERIFY(valueOf(gold, "v-gold-accuracy-ci-0").find(" – ") != std::string::npos);
    QCOMPARE(valueOf(gold, "v-gold-1"), std::string("0/0"));
    QCOMPARE(valueOf(gold, "v-gold-accuracy-1"), std::string(kNoFigure));
}

void TestReportSections::objectsOnBoxes()
{
    const fs::path dir = fs::path(m_dir.path().toStdString()) / "boxes";
    fs::create_directories(dir);
    const auto project = boxProject(dir / "boxes.concord", true);
    // Not the defaults: the figures match only if the report hands its bootstrap on.
    ReportOptions options;
    options.visualClusters = false;
    options.bootstrap.resamples = 300;
    options.bootstrap.seed = 5;
    const fs::path out = dir / "report.html";
    {
        auto store = openProject(project, OpenMode::ReadOnly);
        writeHtmlReport(*store, out, options);
    }
    QProcess checker;
    checker.start("/usr/bin/python3", {"-c", kChecker, QString::fromStdString(out.string())});
    QVERIFY(checker.waitForFinished(60000));
    QVERIFY2(checker.exitCode() == 0, (checker.readAllStandardOutput() + checker.readAllStandardError()).constData());
    const std::string html = readAll(out);
    const std::string sec = section(html, "objects");
    QVERIFY(sec.find("<h2>Agreement on objects</h2>") != std::string::npos);

    auto store = openProject(project, OpenMode::ReadOnly);
    ObjectAgreementOptions objectOptions;
    objectOptions.bootstrap = options.bootstrap;
    const auto o = computeProjectObjectAgreement(*store, objectOptions);
    checkObjectsSection(sec, o);
    QVERIFY(std::isfinite(o.f1Iou50Ci.lo));
    QVERIFY(sec.find("300 resamples, seed 5") != std::string::npos);

    // By hand. Image pairs: one per image, 4. Shapes in them: 3 + 2 + 2 + 2 = 9. Class-aware
    // matches at IoU ≥ 0.5: a (IoU 1), b (0.8), c (0.6) = 3 (d's boxes differ in class), so
    // F1@0.5 = 2·3/9 = 0.667; at 0.75 c drops out: 2·2/9 = 0.444. Mean IoU of the matches
    // (1 + 0.8 + 0.6)/3 = 0.800. Class-agnostic matching adds d: pairs (scratch, scratch),
    // (ok, ok), (ok, ok), (scratch, ok), counted in both orders: ss 2, oo 4, so 1, os 1 of 8;
    // p_o = 6/8, margins 3/8 and 5/8, p_e = (9 + 25)/64, κ = (0.75 − 0.53125)/(1 − 0.53125)
    // = 0.467. ann: 4 images, 5 shapes, 3 matched of 5 = 60.0 %, misses 1 (bo's ok box on
    // d), extras 2 (a's second box, d's); bo: 4, 4, 3 of 4 = 75.0 %, misses 2, extras 1.
    QCOMPARE(valueOf(sec, "v-objects-f1-50"), std::string("0.667"));
    QCOMPARE(valueOf(sec, "v-objects-f1-75"), std::string("0.444"));
    QCOMPARE(valueOf(sec, "v-objects-iou"), std::string("0.800"));
    QCOMPARE(valueOf(sec, "v-objects-kappa"), std::string("0.467"));
    QCOMPARE(valueOf(sec, "v-objects-pairs"), std::string("4"));
    QVERIFY(valueOf(sec, "v-objects-compared").rfind("Compared: 4 of 4 images have two or more labelers; ", 0) == 0);
    QVERIFY(sec.find("id=\"v-objects-compared-warning\"") != std::string::npos); // fewer than 30
    const std::map<std::string, std::vector<std::string>> rows{{"ann", {"4", "5", "60.0 %", "1", "2"}},
                                                               {"bo", {"4", "4", "75.0 %", "2", "1"}}};
    QCOMPARE(o.perLabeler.size(), std::size_t{2});
    for (std::size_t i = 0; i < o.perLabeler.size(); ++i) {
        const auto &want = rows.at(o.labelerNames[static_cast<std::size_t>(o.perLabeler[i].labeler)]);
        const std::string n = std::to_string(i);
        QCOMPARE(valueOf(sec, "v-objects-images-" + n), want[0]);
        QCOMPARE(valueOf(sec, "v-objects-shapes-" + n), want[1]);
        QCOMPARE(valueOf(sec, "v-objects-matched-" + n), want[2]);
        QCOMPARE(valueOf(sec, "v-objects-misses-" + n), want[3]);
        QCOMPARE(valueOf(sec, "v-objects-extras-" + n), want[4]);
    }

    // Without resamples, no interval.
    options.bootstrap.resamples = 0;
    const std::string none = section(renderReportHtml(gatherReportData(*store, options)), "objects");
    QCOMPARE(valueOf(none, "v-objects-f1-50-ci"), std::string("no interval"));
    QCOMPARE(valueOf(none, "v-objects-f1-50"), std::string("0.667"));
}

void TestReportSections::objectsOnDemoLines()
{
    // The demo draws measuring lines, which match by the distance of their ends, and boxes
    // around dents (issue #17, docs/DEMO.md "Objects"), which match by IoU; the hostile labeler
    // labeled 12 images and drew nothing. The report was
    // written by `concord-cli report` with its defaults (1000 resamples, seed 1), the
    // defaults of computeProjectObjectAgreement's bootstrap.
    const std::string sec = section(m_html, "objects");
    QVERIFY(sec.find("<h2>Agreement on objects</h2>") != std::string::npos);
    auto store = openProject(m_demo.project, OpenMode::ReadOnly);
    const auto o = computeProjectObjectAgreement(*store);
    QVERIFY(o.shapes > 0);
    QVERIFY(o.iouMatches > 0);
    QVERIFY(o.iouMatches < o.matches); // the lines match without an IoU
    QVERIFY(o.matches > 0);
    QVERIFY(std::isfinite(o.f1Iou50));
    checkObjectsSection(sec, o);
    QVERIFY(valueOf(sec, "v-objects-iou") != std::string(kNoFigure));
    QVERIFY(sec.find("1000 resamples, seed 1") != std::string::npos);
    // The labeler named as markup is a row, as text.
    QVERIFY(sec.find("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>") != std::string::npos);
}

void TestReportSections::objectsWithoutShapes()
{
    const fs::path dir = fs::path(m_dir.path().toStdString()) / "noshapes";
    fs::create_directories(dir);
    const auto project = boxProject(dir / "none.concord", false);
    auto store = openProject(project, OpenMode::ReadOnly);
    ReportOptions options;
    options.visualClusters = false;
    options.bootstrap.resamples = 0;
    const ReportData data = gatherReportData(*store, options);
    QCOMPARE(data.objects.shapes, std::int64_t{0});
    QVERIFY(data.objectsError.empty());
    const std::string sec = section(renderReportHtml(data), "objects");
    const auto line = sec.find("id=\"v-no-objects\"");
    QVERIFY(line != std::string::npos);
    QVERIFY(sec.substr(line).find("No shapes") != std::string::npos);
    QVERIFY(sec.find("<table") == std::string::npos);
    QVERIFY(sec.find("class=\"card\"") == std::string::npos);
    QVERIFY(sec.find("v-objects-f1-50") == std::string::npos);
    // A report made from nothing (bench_limits renders ReportData{}) says the same.
    QVERIFY(section(renderReportHtml(ReportData{}), "objects").find("id=\"v-no-objects\"") != std::string::npos);
}

void TestReportSections::objectsMalformedGeometry()
{
    // One broken annotation stops the objects (their error names it) but not the report.
    const fs::path dir = fs::path(m_dir.path().toStdString()) / "broken";
    fs::create_directories(dir);
    const auto project = boxProject(dir / "broken.concord", true);
    Id annotation = 0;
    {
        auto store = openProject(project);
        const auto rows = store->labelRows();
        QVERIFY(!rows.empty());
        Annotation broken;
        broken.kind = AnnotationKind::Box;
        broken.geometry = R"({"x1": 0})";
        broken.label = rows.front().label.id;
        annotation = store->addAnnotation(broken);
    }
    auto store = openProject(project, OpenMode::ReadOnly);
    ReportOptions options;
    options.visualClusters = false;
    options.bootstrap.resamples = 0;
    const ReportData data = gatherReportData(*store, options);
    QVERIFY(!data.objectsError.empty());
    const std::string html = renderReportHtml(data);
    const std::string sec = section(html, "objects");
    const std::string said = valueOf(sec, "v-objects-error");
    QVERIFY2(said.find("annotation " + std::to_string(annotation)) != std::string::npos, said.c_str());
    QVERIFY(sec.find("<table") == std::string::npos);
    QVERIFY(section(html, "notes").find("agreement on objects: ") != std::string::npos);
    QCOMPARE(valueOf(html, "v-images"), std::string("4")); // the rest is there
}

QTEST_GUILESS_MAIN(TestReportSections)
#include "tst_report_sections.moc"
