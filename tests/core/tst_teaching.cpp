// SPDX-License-Identifier: GPL-3.0-or-later
// Examples that teach (issue #19): the measured values shown under example and candidate
// images, what a labeler's session may learn from an example, and a standard's Markdown in the
// HTML report. Expected values are worked out by hand in the comments.
#include "core/clusters/imageattributes.h"
#include "core/common/error.h"
#include "core/geometry/geometry.h"
#include "core/project/project_ops.h"
#include "core/project/session.h"
#include "core/report/htmlreport.h"
#include "core/report/markdownhtml.h"
#include "core/report/reportdata.h"
#include "core/standards/examplemeasurements.h"
#include "core/standards/standardbook.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace concord::core;

class TestTeaching : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    Id m_image = 0, m_plain = 0;
    Id m_ok = 0, m_scratch = 0;

    /// A line of `px` pixels along x at the project's 40 px/mm.
    static Annotation line(double px) { return makeLineAnnotation({10.0, 10.0, 10.0 + px, 10.0}, 40.0); }

private slots:
    void initTestCase()
    {
        m_store = initProject(m_dir.path().toStdString() + "/t.concord", {"t", 40.0, 3, false}, {"ok", "scratch"});
        for (const char *name : {"a.png", "b.png"}) {
            ImageRecord r;
            r.path = name;
            r.hash = name;
            r.width = r.height = 400;
            (r.path == "a.png" ? m_image : m_plain) = m_store->addImage(r);
        }
        m_ok = m_store->classByName("ok")->id;
        m_scratch = m_store->classByName("scratch")->id;
        // ana draws 80 px (2.0 mm) and 40 px; ben 100 px (2.5 mm); cy says ok without a line.
        Session::labeler(*m_store, "ana").saveLabel(m_image, m_scratch, {line(80.0), line(40.0)});
        Session::labeler(*m_store, "ben").saveLabel(m_image, m_scratch, {line(100.0)});
        Session::labeler(*m_store, "cy").saveLabel(m_image, m_ok);
    }

    void measurementKeys()
    {
        QCOMPARE(exampleMeasurementKeys(""), std::vector<std::string>{"length_mm"});
        QCOMPARE(exampleMeasurementKeys("when label in {ok, scratch} and brightness > 0.2: scratch if length_mm "
                                        ">= 2 else ok"),
                 (std::vector<std::string>{"brightness", "length_mm"}));
        QCOMPARE(exampleMeasurementKeys("scratch if length_mm >="), std::vector<std::string>{"length_mm"});
    }

    void measurementTexts()
    {
        // Two decimals, as rule thresholds are written (2.74): an example must show its side.
        QCOMPARE(measurementText({"length_mm", 2.0}), std::string("2.00 mm"));
        QCOMPARE(measurementText({"length_mm", 2.745}), std::string("2.75 mm")); // 2.745 is 2.74500000000000010…
        QCOMPARE(measurementText({"line_length_mm", 1.04}), std::string("line_length 1.04 mm"));
        QCOMPARE(measurementText({"brightness", 0.4123}), std::string("brightness 0.41"));
    }

    void measuredValues()
    {
        // Longest line per label: ana 80 px = 2.0 mm, ben 100 px = 2.5 mm; cy has none.
        // Median of {2.0, 2.5} = 2.25 mm. b.png has no line: no value.
        const auto values = exampleMeasurements(*m_store, {m_image, m_plain}, {"length_mm"});
        QCOMPARE(values.size(), std::size_t(1));
        QCOMPARE(values.at(m_image).size(), std::size_t(1));
        QCOMPARE(values.at(m_image).front().key, std::string("length_mm"));
        QCOMPARE(values.at(m_image).front().value, 2.25);
    }

    void measuredValuesReadOnlyTheirImages()
    {
        // attributeValuesOf() gives what attributeValues() gives those images: a stored value
        // on b.png is kept, a.png's measured 2.25 mm (as above) outranks a stale stored 9.0.
        m_store->setAttribute({m_plain, "length_mm", 1.5, AttrSource::Measured});
        m_store->setAttribute({m_image, "length_mm", 9.0, AttrSource::Measured});
        m_store->setAttribute({m_plain, "brightness", 0.25, AttrSource::Computed});
        const auto of = [](const std::vector<ImageAttribute> &values) {
            std::vector<std::pair<Id, double>> out;
            for (const auto &a : values)
                out.emplace_back(a.image, std::get<double>(a.value));
            return out;
        };
        const std::vector<std::pair<Id, double>> lengths{{m_image, 2.25}, {m_plain, 1.5}};
        QCOMPARE(of(attributeValuesOf(*m_store, "length_mm", {m_plain, m_image})), lengths);
        QCOMPARE(of(attributeValues(*m_store, "length_mm")), lengths);
        QCOMPARE(of(attributeValuesOf(*m_store, "length_mm", {m_plain})),
                 (std::vector<std::pair<Id, double>>{{m_plain, 1.5}}));
        QCOMPARE(of(attributeValuesOf(*m_store, "brightness", {m_image, m_plain})),
                 (std::vector<std::pair<Id, double>>{{m_plain, 0.25}}));
        // An imported length_mm anywhere: the stored values stand, a.png's 9.0 too.
        m_store->setAttribute({m_plain, "length_mm", 1.5, AttrSource::Imported});
        QCOMPARE(of(attributeValuesOf(*m_store, "length_mm", {m_image})),
                 (std::vector<std::pair<Id, double>>{{m_image, 9.0}}));
        m_store->removeAttributes("length_mm", AttrSource::Imported);
        m_store->removeAttributes("length_mm", AttrSource::Measured);
        m_store->removeAttributes("brightness", AttrSource::Computed);
    }

    void labelersAreTaughtOnlyByActiveStandards()
    {
        StandardDraft draft{"Scratch length", "A scratch of **2 mm** or more is a defect.", "", StandardStatus::Draft};
        const Id drafted = createStandard(*m_store, draft);
        setStandardExample(*m_store, drafted, m_image, ExampleRole::Example, "2.2 mm: a defect");
        auto dee = Session::labeler(*m_store, "dee");
        try {
            dee.taughtExamples(drafted);
            QFAIL("a labeler read a draft's examples");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Denied);
        }
        draft.status = StandardStatus::Active;
        const Id active = createStandardVersion(*m_store, drafted, draft);
        setStandardExample(*m_store, active, m_image, ExampleRole::Example, "2.2 mm: a defect");
        const auto taught = dee.taughtExamples(active);
        QCOMPARE(taught.size(), std::size_t(1));
        const TaughtExample &t = taught.front();
        QCOMPARE(t.example.note, std::string("2.2 mm: a defect"));
        // Two scratch labels against one ok: scratch is expected; the image's three lines (cy's
        // ok label has none) come without whose label they were, each with its class.
        QCOMPARE(t.expectedClass.value_or(0), m_scratch);
        QCOMPARE(t.shapes.size(), std::size_t(3));
        for (const auto &a : t.shapes) {
            QCOMPARE(a.label, Id(0));
            QCOMPARE(a.classId, m_scratch);
        }
        QCOMPARE(t.lengthMm.value_or(0.0), 2.25); // as measuredValues()

        // The lead's decision outranks the vote; the shapes stay the image's (the window draws
        // the taught class's).
        auto lead = Session::lead(*m_store, "lea");
        lead.recordDecision({m_image, m_ok, DecisionMethod::Adjudicated, {}, {}, {}, {}});
        const auto decided = dee.taughtExamples(active).front();
        QCOMPARE(decided.expectedClass.value_or(0), m_ok);
        QCOMPARE(decided.shapes.size(), std::size_t(3));
        QCOMPARE(decided.lengthMm.value_or(0.0), 2.25); // the measurement is the image's
        lead.removeDecision(m_image);
    }

    void expectedClassByRule()
    {
        // The demo's standard: at 1.84 mm the rule says scratch, whatever most labelers said.
        const std::string rule =
            "when label in {ok, scratch} and length_mm is known: scratch if length_mm >= 1.5 else ok";
        QCOMPARE(ruleClassFor(rule, "ok", {{"length_mm", 1.84}}).value_or("-"), std::string("scratch"));
        QCOMPARE(ruleClassFor(rule, "scratch", {{"length_mm", 1.2}}).value_or("-"), std::string("ok"));
        QVERIFY(!ruleClassFor(rule, "dent", {{"length_mm", 1.84}}));       // not about dents
        QVERIFY(!ruleClassFor(rule, "ok", {}));                            // nothing measured
        QVERIFY(!ruleClassFor("", "ok", {{"length_mm", 1.84}}));           // no rule
        QVERIFY(!ruleClassFor("scratch if", "ok", {{"length_mm", 1.84}})); // does not parse
        QVERIFY(!ruleClassFor("for objects of class scratch: drop if length_mm < 2", "ok", {{"length_mm", 1.0}}));
    }

    void medianOfLongestLines()
    {
        QVERIFY(!medianLongestLineMm({}).has_value());
        // Longest per label 2.0, 4.0 and 2.5 mm: the median is 2.5 mm.
        QCOMPARE(medianLongestLineMm({{line(80.0), line(20.0)}, {line(160.0)}, {line(100.0)}}).value_or(0.0), 2.5);
    }

    void markdown()
    {
        const std::string html =
            markdownToHtml("A scratch of **2 mm** or *more* is a `scratch`:\n\n- on glass\n- on the frame\n\n"
                           "1. measure\n2. decide\n\n<script>alert(1)</script> and length_mm stays.\n\n"
                           "[docs](https://example.org/a?b=1&c=2) [bad](javascript:alert(1))");
        QCOMPARE(html,
                 std::string("<p>A scratch of <strong>2 mm</strong> or <em>more</em> is a <code>scratch</code>:</p>"
                             "<ul><li>on glass</li><li>on the frame</li></ul>"
                             "<ol><li>measure</li><li>decide</li></ol>"
                             "<p>&lt;script&gt;alert(1)&lt;/script&gt; and length_mm stays.</p>"
                             "<p><a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">docs</a>"
                             " bad)</p>"));
        QCOMPARE(markdownToHtml("# Rule\nline one\nline two"), std::string("<h4>Rule</h4><p>line one line two</p>"));
        QCOMPARE(markdownToHtml("```\n<b>x</b>\n```"), std::string("<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>"));
    }

    void reportRendersTheBodyAsMarkdown()
    {
        ReportData data;
        data.projectName = "t";
        ReportStandard rs;
        rs.summary.standard.title = "Scratch length";
        rs.summary.standard.body =
            "A scratch of **2 mm** is a defect:\n\n- on glass\n- on the frame\n\n<script>x()</script>";
        data.standards.push_back(rs);
        const std::string html = renderReportHtml(data);
        const auto from = html.find("<section id=\"standards\">");
        QVERIFY(from != std::string::npos);
        const std::string sec = html.substr(from, html.find("</section>", from) - from);
        QVERIFY2(sec.find("<strong>2 mm</strong>") != std::string::npos, sec.c_str());
        QVERIFY(sec.find("<ul><li>on glass</li><li>on the frame</li></ul>") != std::string::npos);
        QVERIFY(sec.find("&lt;script&gt;x()&lt;/script&gt;") != std::string::npos);
        QVERIFY(html.find("<script>x()") == std::string::npos);
        QVERIFY(sec.find("**") == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestTeaching)
#include "tst_teaching.moc"
