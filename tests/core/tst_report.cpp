// SPDX-License-Identifier: GPL-3.0-or-later
// The HTML report (issue 7): `concord-cli report` on a small demo project with a standard, an
// applied rule, a decision and a hostile labeler name. Expected values come from elsewhere:
// the headline figures from computeAgreement() (human labels, and all labels for the data set)
// formatted here with printf, compared images and conflicts from
// the label rows counted here, well-formedness from Python's html.parser, base64 from RFC 4648
// and Qt's decoder, thumbnails from OpenCV's decoder, the agreement on objects from
// computeProjectObjectAgreement() and from a small box project worked by hand.
#include "core/agreement/agreementreport.h"
#include "core/agreement/consistency.h"
#include "core/agreement/ratingtable.h"
#include "core/clusters/clusterfinder.h"
#include "core/clusters/clusterinput.h"
#include "core/clusters/imageattributes.h"
#include "core/common/error.h"
#include "core/common/numbertext.h"
#include "core/demo/demo.h"
#include "core/geometry/geometry.h"
#include "core/project/project_consistency.h"
#include "core/project/project_objects.h"
#include "core/project/project_ops.h"
#include "core/project/project_ratings.h"
#include "core/report/htmlreport.h"
#include "core/report/htmltext.h"
#include "core/report/reportthumbnails.h"
#include "core/standards/standardapply.h"
#include "core/standards/standardbook.h"
#include "core/store/store.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QByteArray>
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace concord::core;
namespace fs = std::filesystem;

namespace {

const std::string kHostile = "<script>alert(1)</script>";
const std::string kTitle = "Scratch <b>length</b> & \"size\"";
/// Decides only long scratches, so the 1–3 mm band of the demo stays disputed for the profile.
const char *kRule = "when label in {ok, scratch} and length_mm >= 2.5: scratch";

/// Balanced tags, no stray end tag, unique ids, with Python's own HTML tokenizer.
const char *kChecker = R"py(
import sys, html.parser
VOID = {"area","base","br","col","embed","hr","img","input","link","meta","source","track","wbr"}
class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.ids = [], [], set()
    def note_id(self, attrs):
        for k, v in attrs:
            if k == "id":
                if v in self.ids: self.errors.append("duplicate id %s" % v)
                self.ids.add(v)
    def handle_starttag(self, tag, attrs):
        self.note_id(attrs)
        if tag not in VOID: self.stack.append((tag, self.getpos()))
    def handle_startendtag(self, tag, attrs):
        self.note_id(attrs)
    def handle_endtag(self, tag):
        if tag in VOID or not self.stack or self.stack[-1][0] != tag:
            self.errors.append("unexpected </%s> at %s, open %s" % (tag, self.getpos(), self.stack[-1:] ))
        else:
            self.stack.pop()
c = Checker()
c.feed(open(sys.argv[1], encoding="utf-8").read())
c.close()
if c.stack: c.errors.append("unclosed %s" % c.stack)
print("\n".join(c.errors) if c.errors else "OK")
sys.exit(1 if c.errors else 0)
)py";

std::string readAll(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string fixed(double v, int decimals)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string pct(double v)
{
    return fixed(v * 100.0, 1) + " %";
}

/// The text of the element with that id (no nested tags in the values we read).
std::string valueOf(const std::string &html, const std::string &id)
{
    std::smatch m;
    if (!std::regex_search(html, m, std::regex("id=\"" + id + "\">([^<]*)<")))
        return "(no element " + id + ")";
    return m[1];
}

/// The HTML of one section.
std::string section(const std::string &html, const std::string &id)
{
    const auto start = html.find("<section id=\"" + id + "\"");
    if (start == std::string::npos)
        return {};
    return html.substr(start, html.find("</section>", start) - start);
}

std::size_t count(const std::string &haystack, const std::string &needle)
{
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1))
        ++n;
    return n;
}

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

class TestReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void escaping_data();
    void escaping();
    void base64_data();
    void base64();
    void ellipsizeCutsCodePoints();
    void parsesAsHtml();
    void everySection();
    void headlineMatchesAgreement();
    void selfContained();
    void cardTitlesKeepGreekLetters();
    void projectTextIsEscaped();
    void standardsAndAdjudication();
    void thumbnails();
    void cliErrors();
    void heatmapSummarisedBeyondLimit();
    void consistencyMatchesSelfAgreement();
    void consistencyWithoutRepeats();
    void objectsOnBoxes();
    void objectsOnDemoLines();
    void objectsWithoutShapes();
    void objectsMalformedGeometry();

private:
    QTemporaryDir m_dir;
    DemoResult m_demo;
    fs::path m_out;
    std::string m_html;
    Id m_standard = 0;
};

void TestReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const fs::path dir = m_dir.path().toStdString();
    DemoOptions demo;
    demo.images = 80;
    m_demo = generateDemo(dir / "demo.concord", demo);
    {
        auto store = openProject(m_demo.project);
        QVERIFY(fillMeasuredAttributes(*store) > 10);
        // A labeler whose name is markup: it must appear as text.
        const Id hostile = store->addLabeler(kHostile, Role::Labeler);
        const auto ok = store->classByName("ok");
        QVERIFY(ok);
        const auto images = store->images(0, 12);
        for (const auto &img : images) {
            Label l;
            l.image = img.id;
            l.labeler = hostile;
            l.labelClass = ok->id;
            l.createdAt = l.updatedAt = utcNow();
            store->setLabel(l);
        }
        m_standard =
            createStandard(*store, {kTitle, "Measure the <longest> line.\nThen decide.", kRule, StandardStatus::Draft});
        setStandardExample(*store, m_standard, images[0].id, ExampleRole::Example, "clear <scratch>");
        setStandardExample(*store, m_standard, images[1].id, ExampleRole::Counterexample);
        setStandardExample(*store, m_standard, images[2].id, ExampleRole::Borderline);
        applyStandard(*store, m_standard);
        const auto conflicts = store->conflictImages();
        QVERIFY(conflicts.size() >= 2);
        Decision d;
        d.image = conflicts[0];
        d.labelClass = ok->id;
        d.method = DecisionMethod::Adjudicated;
        d.by = store->labelerByName("lead") ? std::optional<Id>(store->labelerByName("lead")->id) : std::nullopt;
        d.createdAt = utcNow();
        store->setDecision(d);
    }
    m_out = dir / "out" / "report.html";
    fs::create_directories(m_out.parent_path());
    QProcess p;
    p.start(CONCORD_CLI,
            {"report", QString::fromStdString(m_demo.project.string()), QString::fromStdString(m_out.string())});
    QVERIFY(p.waitForFinished(300000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    m_html = readAll(m_out);
    QVERIFY(m_html.size() > 1000);
}

void TestReport::escaping_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QByteArray("scratch") << QByteArray("scratch");
    QTest::newRow("markup") << QByteArray("<a href=\"x\">it's</a>")
                            << QByteArray("&lt;a href=&quot;x&quot;&gt;it&#39;s&lt;/a&gt;");
    QTest::newRow("ampersand first") << QByteArray("&lt;") << QByteArray("&amp;lt;");
    QTest::newRow("utf-8 kept") << QByteArray("κ ≥ 1.5 mm") << QByteArray("κ ≥ 1.5 mm");
    QTest::newRow("invalid byte") << QByteArray("a\xff"
                                                "b")
                                  << QByteArray("a\xef\xbf\xbd"
                                                "b");
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << QByteArray("\xef\xbf\xbd\xef\xbf\xbd");
    QTest::newRow("truncated") << QByteArray("x\xe2\x82") << QByteArray("x\xef\xbf\xbd\xef\xbf\xbd");
    QTest::newRow("control") << QByteArray("a\x01"
                                           "b\n")
                             << QByteArray("a\xef\xbf\xbd"
                                           "b\n");
}

void TestReport::escaping()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(QByteArray::fromStdString(escapeHtml(input.toStdString())), expected);
}

void TestReport::base64_data()
{
    // RFC 4648 §10 test vectors.
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QByteArray("") << QByteArray("");
    QTest::newRow("f") << QByteArray("f") << QByteArray("Zg==");
    QTest::newRow("fo") << QByteArray("fo") << QByteArray("Zm8=");
    QTest::newRow("foo") << QByteArray("foo") << QByteArray("Zm9v");
    QTest::newRow("foob") << QByteArray("foob") << QByteArray("Zm9vYg==");
    QTest::newRow("fooba") << QByteArray("fooba") << QByteArray("Zm9vYmE=");
    QTest::newRow("foobar") << QByteArray("foobar") << QByteArray("Zm9vYmFy");
    QTest::newRow("high bytes") << QByteArray("\xff\xfe\x00\x80", 4) << QByteArray("//4AgA==");
}

void TestReport::base64()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(QByteArray::fromStdString(base64Encode(input.toStdString())), expected);
}

void TestReport::ellipsizeCutsCodePoints()
{
    QCOMPARE(ellipsize("abc", 3), std::string("abc"));
    QCOMPARE(ellipsize("abcd", 3), std::string("abc…"));
    QCOMPARE(ellipsize("κκκκ", 2), std::string("κκ…")); // never half a character
}

void TestReport::parsesAsHtml()
{
    QProcess p;
    p.start("/usr/bin/python3", {"-c", kChecker, QString::fromStdString(m_out.string())});
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, (p.readAllStandardOutput() + p.readAllStandardError()).constData());
    QVERIFY(m_html.rfind("<!DOCTYPE html>", 0) == 0);
    QVERIFY(m_html.find("<meta charset=\"utf-8\">") != std::string::npos);
}

void TestReport::everySection()
{
    for (const char *id : kReportSections)
        QVERIFY2(!section(m_html, id).empty(), id);
    // The chart sections hold their SVG, the profile its band and one marker per fitted labeler.
    QVERIFY(section(m_html, "kappa").find("<svg") != std::string::npos);
    auto store = openProject(m_demo.project, OpenMode::ReadOnly);
    auto input = clusterInputFromStore(*store);
    const auto clusters = findClusters(input);
    QVERIFY(!clusters.clusters.empty());
    const auto &top = clusters.clusters.front();
    QVERIFY(top.kind == ClusterKind::Band); // the demo's length band (tst_clusters_demo)
    const std::string profile = section(m_html, "profile");
    QVERIFY(profile.find("class=\"band\"") != std::string::npos);
    QVERIFY(profile.find(escapeHtml(top.attribute)) != std::string::npos);
    int fitted = 0;
    for (const auto &t : clusters.labelerThresholds.at(top.attribute)) {
        if (t.ok) {
            ++fitted;
            // Marker names are cut to 16 characters (the injection-named labeler is longer).
            QVERIFY2(profile.find(">" + escapeHtml(ellipsize(t.labeler, 16)) + "</text>") != std::string::npos,
                     t.labeler.c_str());
        } else if (!t.boundKind.empty()) {
            ++fitted; // a one-sided labeler is drawn at the bound its answers give
            const std::string label = t.labeler + (t.boundKind == "at_most" ? " ≤ " : " ≥ ") + fixed(t.bound, 2);
            QVERIFY2(profile.find(">" + escapeHtml(ellipsize(label, 16)) + "</text>") != std::string::npos,
                     label.c_str());
        }
    }
    QCOMPARE(count(profile, "class=\"marker\""), std::size_t(fitted + (top.suggestedThreshold ? 1 : 0)));
    // Each cluster shown with its description and its example thumbnails.
    const std::string cl = section(m_html, "clusters");
    QVERIFY(cl.find(escapeHtml(top.description)) != std::string::npos);
    QVERIFY(count(cl, "src=\"data:image/jpeg;base64,") >= top.examples.size());
}

void TestReport::headlineMatchesAgreement()
{
    auto store = openProject(m_demo.project, OpenMode::ReadOnly);
    // The applied rule wrote labels: the headline is over human labels only (issue #15 §4),
    // the data set's figures follow, named as such.
    const auto r = computeAgreement(ratingTableFromStore(*store, LabelSet::Human)); // defaults = the report's
    const auto all = computeAgreement(ratingTableFromStore(*store, LabelSet::Dataset));
    QCOMPARE(valueOf(m_html, "v-dataset-hlp"), pct(all.percentAgreement));
    QCOMPARE(valueOf(m_html, "v-dataset-fleiss-kappa"), fixed(all.fleissKappa, 3));
    QCOMPARE(valueOf(m_html, "v-dataset-alpha"), fixed(all.alphaNominal, 3));
    QCOMPARE(valueOf(m_html, "v-dataset-ac1"), fixed(all.gwetAc1, 3));
    QVERIFY(r.percentAgreement != all.percentAgreement);
    // Compared images counted here from the label rows: two or more labels not written by a
    // standard, and two or more labels of any source.
    std::map<Id, int> humanLabels, anyLabels;
    std::int64_t written = 0;
    for (const auto &row : store->labelRows()) {
        ++anyLabels[row.label.image];
        if (row.label.source == LabelSource::Standard)
            ++written;
        else
            ++humanLabels[row.label.image];
    }
    const auto atLeastTwo = [](const std::map<Id, int> &m) {
        return std::count_if(m.begin(), m.end(), [](const auto &e) { return e.second >= 2; });
    };
    QVERIFY(written > 0);
    QCOMPARE(valueOf(m_html, "human-title"),
             "Human labels only (the " + std::to_string(written) + " labels a standard wrote are left out)");
    QCOMPARE(valueOf(m_html, "v-compared"), "Compared: " + std::to_string(atLeastTwo(humanLabels)) +
                                                " of 80 images have two or more human labels; " +
                                                pct(r.unanimousShare) + " of them are unanimous.");
    QCOMPARE(valueOf(m_html, "v-dataset-compared"), "Compared: " + std::to_string(atLeastTwo(anyLabels)) +
                                                        " of 80 images have two or more labels; " +
                                                        pct(all.unanimousShare) + " of them are unanimous.");
    // 80 of 80 images compared in the data set, and more than 30 by humans: no warning.
    QVERIFY(atLeastTwo(humanLabels) >= 30);
    QVERIFY(m_html.find("id=\"v-compared-warning\"") == std::string::npos);
    QVERIFY(m_html.find("id=\"v-dataset-compared-warning\"") == std::string::npos);
    QCOMPARE(valueOf(m_html, "v-hlp"), pct(r.percentAgreement));
    QCOMPARE(valueOf(m_html, "v-fleiss-kappa"), fixed(r.fleissKappa, 3));
    QCOMPARE(valueOf(m_html, "v-alpha"), fixed(r.alphaNominal, 3));
    QCOMPARE(valueOf(m_html, "v-ac1"), fixed(r.gwetAc1, 3));
    const auto ci = [&](const char *key) { return r.ci95.at(key); };
    QCOMPARE(valueOf(m_html, "v-hlp-ci"),
             "95 % CI " + pct(ci("percent_agreement").lo) + " – " + pct(ci("percent_agreement").hi));
    QCOMPARE(valueOf(m_html, "v-fleiss-kappa-ci"),
             "95 % CI " + fixed(ci("fleiss_kappa").lo, 3) + " – " + fixed(ci("fleiss_kappa").hi, 3));
    QCOMPARE(valueOf(m_html, "v-ac1-ci"),
             "95 % CI " + fixed(ci("gwet_ac1").lo, 3) + " – " + fixed(ci("gwet_ac1").hi, 3));
    QCOMPARE(valueOf(m_html, "v-images"), std::string("80"));
    QCOMPARE(valueOf(m_html, "v-labelers"), std::to_string(all.labelers));
    QCOMPARE(valueOf(m_html, "v-labels"), std::to_string(80 * 3 + 12)); // overlap 3, plus the 12 above

    // Conflicts counted here from the label rows: images with two classes and no decision.
    std::map<Id, std::set<Id>> classes;
    for (const auto &row : store->labelRows())
        classes[row.label.image].insert(row.label.labelClass);
    std::int64_t conflicts = 0;
    for (const auto &[image, set] : classes)
        conflicts += set.size() > 1 && !store->decision(image) ? 1 : 0;
    QVERIFY(conflicts > 0);
    QCOMPARE(valueOf(m_html, "v-conflicts"), std::to_string(conflicts));
    QCOMPARE(valueOf(m_html, "v-conflicts-remaining"), std::to_string(conflicts));

    // Per-labeler table: every labeler's HLP and HLP vs majority, in that row.
    const std::string table = section(m_html, "labelers");
    for (const auto &l : r.perLabeler) {
        const std::string row = "<tr><td>" + escapeHtml(r.labelerNames[static_cast<std::size_t>(l.labeler)]) +
                                "</td><td class=\"num\">" + std::to_string(l.items) + "</td><td class=\"num\">" +
                                pct(l.hlp) + "</td><td class=\"num\">" + pct(l.hlpVsMajority) + "</td></tr>";
        QVERIFY2(table.find(row) != std::string::npos, row.c_str());
    }
}

void TestReport::selfContained()
{
    QVERIFY(m_html.find("http://") == std::string::npos);
    QVERIFY(m_html.find("https://") == std::string::npos);
    QVERIFY(m_html.find("<script") == std::string::npos); // no script at all, inline or not
    QVERIFY(m_html.find("<link") == std::string::npos);
    QVERIFY(m_html.find("@import") == std::string::npos);
    // Every src and url() is inline data or a local reference.
    // Plain find, not std::regex: libstdc++'s regex recurses per character and a data: URI is long.
    int images = 0;
    for (auto pos = m_html.find("src=\""); pos != std::string::npos; pos = m_html.find("src=\"", pos + 1)) {
        const std::string value = m_html.substr(pos + 5, m_html.find('"', pos + 5) - pos - 5);
        QVERIFY2(value.rfind("data:image/jpeg;base64,", 0) == 0, value.substr(0, 60).c_str());
        ++images;
    }
    QVERIFY(images >= 4);
    for (auto pos = m_html.find("url("); pos != std::string::npos; pos = m_html.find("url(", pos + 1))
        QCOMPARE(m_html.substr(pos, 5), std::string("url(#"));
    // No temporary file is left beside the report (atomic write).
    QCOMPARE(QDir(QString::fromStdString(m_out.parent_path().string())).entryList(QDir::Files | QDir::Hidden),
             QStringList{"report.html"});
}

/// CSS text-transform:uppercase on the card titles showed "Fleiss κ" as "FLEISS Κ" and
/// "Krippendorff α" as "KRIPPENDORFF Α": a capital kappa and alpha read as the Latin K and A
/// (issue 19). The titles are written as meant, and no rule of the page changes letter case.
void TestReport::cardTitlesKeepGreekLetters()
{
    QVERIFY(m_html.find("<div class=\"label\">Fleiss κ</div>") != std::string::npos);
    QVERIFY(m_html.find("<div class=\"label\">Krippendorff α</div>") != std::string::npos);
    const std::string css = m_html.substr(0, m_html.find("</style>"));
    QVERIFY2(css.find("text-transform") == std::string::npos, css.c_str());
    QVERIFY(css.find("small-caps") == std::string::npos); // small capitals would turn κ into a capital too
}

void TestReport::projectTextIsEscaped()
{
    QVERIFY(m_html.find(kHostile) == std::string::npos);
    QVERIFY(m_html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    QVERIFY(section(m_html, "labelers").find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    QVERIFY(section(m_html, "kappa").find("&lt;script&gt;") != std::string::npos);
    QVERIFY(m_html.find("<b>length</b>") == std::string::npos);
    QVERIFY(m_html.find("Scratch &lt;b&gt;length&lt;/b&gt; &amp; &quot;size&quot;") != std::string::npos);
    QVERIFY(m_html.find("&lt;longest&gt;") != std::string::npos);
    QVERIFY(m_html.find("clear &lt;scratch&gt;") != std::string::npos);
    QVERIFY(m_html.find("length_mm &gt;= 2.5: scratch") != std::string::npos); // the rule text
}

void TestReport::standardsAndAdjudication()
{
    const std::string st = section(m_html, "standards");
    for (const char *role : {">Examples<", ">Counterexamples<", ">Borderline<"})
        QVERIFY2(st.find(role) != std::string::npos, role);
    QCOMPARE(count(st, "<figure>"), std::size_t(3));
    // Before/after of the apply, from the entry applyStandard wrote in the audit log. Nothing
    // changed the labels since, so "after" must be today's project HLP.
    auto store = openProject(m_demo.project, OpenMode::ReadOnly);
    const auto log = store->auditLog();
    const auto apply =
        std::find_if(log.begin(), log.end(), [](const auto &e) { return e.action == kAuditStandardApply; });
    QVERIFY(apply != log.end());
    const auto payload = nlohmann::json::parse(apply->payload);
    const double before = payload["before"]["hlp"], after = payload["after"]["hlp"];
    QCOMPARE(pct(after), pct(computeAgreement(ratingTableFromStore(*store)).percentAgreement));
    QVERIFY(st.find("<td class=\"num\">" + pct(before) + "</td><td class=\"num\">" + pct(after) + "</td>") !=
            std::string::npos);
    QVERIFY(st.find("v1") != std::string::npos);
    QVERIFY(st.find("no standard") != std::string::npos);
    QCOMPARE(count(st, "<svg"), std::size_t(1));

    const std::string adj = section(m_html, "adjudication");
    QVERIFY(adj.find("1 decisions recorded") != std::string::npos);
    QVERIFY(adj.find("<tr><td>adjudicated</td><td class=\"num\">1</td></tr>") != std::string::npos);
    QVERIFY(adj.find("<tr><td>standard.apply</td><td class=\"num\">1</td></tr>") != std::string::npos);
}

void TestReport::thumbnails()
{
    auto store = openProject(m_demo.project);
    const auto img = store->images(0, 1).front();
    const std::string prefix = "data:image/jpeg;base64,";
    {
        // No cached thumbnail: made with OpenCV, fitted into 256 px, same aspect ratio.
        QVERIFY(!store->thumbnail(img.hash, kReportThumbnailSize));
        ReportThumbnails t(*store);
        const std::string uri = t.dataUri(img.id);
        QVERIFY(uri.rfind(prefix, 0) == 0);
        const QByteArray jpeg = QByteArray::fromBase64(QByteArray::fromStdString(uri.substr(prefix.size())));
        const cv::Mat m = cv::imdecode(std::vector<uchar>(jpeg.begin(), jpeg.end()), cv::IMREAD_COLOR);
        QVERIFY(!m.empty());
        QCOMPARE(std::max(m.cols, m.rows), std::min(kReportThumbnailSize, std::max(img.width, img.height)));
    }
    {
        // A cached thumbnail is used byte for byte.
        const std::string cached = "\xff\xd8\xff\xe0 cached bytes";
        store->putThumbnail(img.hash, kReportThumbnailSize, cached);
        ReportThumbnails t(*store);
        QCOMPARE(t.dataUri(img.id), prefix + QByteArray::fromStdString(cached).toBase64().toStdString());
    }
    {
        // A missing file gives no picture and a reason, not an exception.
        const auto other = store->images(1, 1).front();
        fs::remove(store->resolveImagePath(other));
        ReportThumbnails t(*store);
        QVERIFY(t.dataUri(other.id).empty());
        QCOMPARE(t.failures().size(), std::size_t(1));
        QVERIFY(t.dataUri(0).empty()); // unknown image
    }
}

void TestReport::cliErrors()
{
    const QString out = m_dir.filePath("never.html");
    QProcess p;
    p.start(CONCORD_CLI, {"report", m_dir.filePath("missing.concord"), out});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(!p.readAllStandardError().isEmpty());
    QVERIFY(!QFile::exists(out));
    // Unwritable target (its folder would be inside a file): an error, nothing written.
    const auto bad = m_demo.project / "x.html";
    QProcess q;
    q.start(CONCORD_CLI, {"report", QString::fromStdString(m_demo.project.string()),
                          QString::fromStdString(bad.string()), "--no-visual", "--resamples", "0"});
    QVERIFY(q.waitForFinished(120000));
    QVERIFY(QString::fromUtf8(q.readAllStandardError()).contains(QString::fromStdString(m_demo.project.string())));
    QCOMPARE(q.exitCode(), 1);
}

void TestReport::heatmapSummarisedBeyondLimit()
{
    // 100 labelers: all label items 0–9, labelers 60–99 also items 10–19, so those 40 have the
    // most images (20 against 10) and are the kPairGridLabelers = 40 the heatmap shows. The
    // grid was 100 × 100 = 10,000 cells; now 40 × 40 = 1,600, and the labeler table keeps all.
    RatingTable t;
    t.cls("ok");
    t.cls("scratch");
    for (int i = 0; i < 20; ++i)
        for (int a = i < 10 ? 0 : 60; a < 100; ++a)
            t.add("item" + std::to_string(i), "labeler" + std::to_string(a), (a + i) % 3 == 0 ? "ok" : "scratch");
    AgreementOptions options;
    options.bootstrap.resamples = 0;
    ReportData data;
    data.agreement.human = computeAgreement(t, options);
    QCOMPARE(data.agreement.human.pairs.size(), std::size_t{100 * 99 / 2});
    const std::string html = renderReportHtml(data);
    const std::string grid = section(html, "kappa");
    QCOMPARE(count(grid, "</title></rect>"), std::size_t{40 * 40});
    QCOMPARE(count(grid, "</title>labeler0</text>"), std::size_t{0});
    QCOMPARE(count(grid, "</title>labeler59</text>"), std::size_t{0});
    QCOMPARE(count(grid, "</title>labeler60</text>"), std::size_t{2}); // row and column label
    QCOMPARE(count(grid, "</title>labeler99</text>"), std::size_t{2});
    QVERIFY(valueOf(html, "v-kappa-shown").find("the 40 of 100 labelers with the most images") != std::string::npos);
    const std::string table = section(html, "labelers");
    QVERIFY(table.find(">labeler0<") != std::string::npos);
    QVERIFY(table.find(">labeler59<") != std::string::npos);
    // At the limit nothing is left out and nothing is said.
    RatingTable few;
    for (int a = 0; a < 40; ++a)
        few.add("x", "labeler" + std::to_string(a), "ok");
    ReportData small;
    small.agreement.human = computeAgreement(few, options);
    const std::string all = renderReportHtml(small);
    QCOMPARE(count(section(all, "kappa"), "</title></rect>"), std::size_t{40 * 40});
    QVERIFY(all.find("v-kappa-shown") == std::string::npos);
}

void TestReport::consistencyMatchesSelfAgreement()
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

void TestReport::consistencyWithoutRepeats()
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

void TestReport::objectsOnBoxes()
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

void TestReport::objectsOnDemoLines()
{
    // The demo draws measuring lines only: they match by the distance of their ends, so there
    // is no IoU; the hostile labeler labeled 12 images and drew nothing. The report was
    // written by `concord-cli report` with its defaults (1000 resamples, seed 1), the
    // defaults of computeProjectObjectAgreement's bootstrap.
    const std::string sec = section(m_html, "objects");
    QVERIFY(sec.find("<h2>Agreement on objects</h2>") != std::string::npos);
    auto store = openProject(m_demo.project, OpenMode::ReadOnly);
    const auto o = computeProjectObjectAgreement(*store);
    QVERIFY(o.shapes > 0);
    QCOMPARE(o.iouMatches, std::int64_t{0});
    QVERIFY(o.matches > 0);
    QVERIFY(std::isfinite(o.f1Iou50));
    checkObjectsSection(sec, o);
    QCOMPARE(valueOf(sec, "v-objects-iou"), std::string(kNoFigure));
    QVERIFY(sec.find("1000 resamples, seed 1") != std::string::npos);
    // The labeler named as markup is a row, as text.
    QVERIFY(sec.find("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>") != std::string::npos);
}

void TestReport::objectsWithoutShapes()
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

void TestReport::objectsMalformedGeometry()
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

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
