// SPDX-License-Identifier: GPL-3.0-or-later
// Examples that teach (issue #19): a standard's Markdown in the HTML report. Expected values are
// worked out by hand.
#include "core/report/htmlreport.h"
#include "core/report/markdownhtml.h"
#include "core/report/reportdata.h"

#include <QtTest>

using namespace concord::core;

class TestTeaching : public QObject
{
    Q_OBJECT

private slots:
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
