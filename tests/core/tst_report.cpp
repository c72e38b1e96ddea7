// SPDX-License-Identifier: GPL-3.0-or-later
// The HTML report (issue 7): `concord-cli report` on a small demo project with a standard, an
// applied rule, a decision and a hostile labeler name, and the report's text helpers. Expected
// values come from elsewhere: the headline figures from computeAgreement() (human labels, and all
// labels for the data set) formatted here with printf, compared images and conflicts from
// the label rows counted here, well-formedness from Python's html.parser, base64 from RFC 4648
// and Qt's decoder, thumbnails from OpenCV's decoder. The consistency and objects sections are
// tested in tst_report_sections.cpp.
#include "core/agreement/agreementreport.h"
#include "core/agreement/ratingtable.h"
#include "core/clusters/clusterfinder.h"
#include "core/clusters/clusterinput.h"
#include "core/clusters/imageattributes.h"
#include "core/common/error.h"
#include "core/demo/demo.h"
#include "core/project/project_ratings.h"
#include "core/report/htmlreport.h"
#include "core/report/htmltext.h"
#include "core/report/reportthumbnails.h"
#include "core/standards/standardapply.h"
#include "core/standards/standardbook.h"
#include "core/store/store.h"
#include "report_test_support.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QByteArray>
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <map>
#include <set>

using namespace concord::core;
using namespace concord_test::report;
namespace fs = std::filesystem;

namespace {

const std::string kTitle = "Scratch <b>length</b> & \"size\"";

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

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
