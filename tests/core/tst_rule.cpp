// SPDX-License-Identifier: GPL-3.0-or-later
// The rule language (docs/RULES.md): what the parser reads (checked against canonical forms
// written by hand), where it reports errors (columns counted by hand, in characters), what
// the validator refuses in a project, and what the evaluator decides for one label.
#include "core/project/project_ops.h"
#include "core/standards/rule.h"
#include "core/standards/ruleerror.h"
#include "core/standards/ruleevaluator.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace concord::core;
namespace fs = std::filesystem;

namespace {

const char *kSeedRule = "when label in {ok, scratch} and length_mm is known: scratch if length_mm >= 1.5 else ok";

/// "length_mm=1.2;camera=cam-A": a value that reads fully as a number is a number.
AttributeValues attributesFrom(const QString &spec)
{
    AttributeValues out;
    for (const auto &part : spec.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const auto kv = part.split(QLatin1Char('='));
        bool isNumber = false;
        const double d = kv[1].toDouble(&isNumber);
        if (isNumber)
            out.insert_or_assign(kv[0].toStdString(), AttrValue(d));
        else
            out.insert_or_assign(kv[0].toStdString(), AttrValue(kv[1].toStdString()));
    }
    return out;
}

} // namespace

class TestRule : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void parsesGoodRules_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("seed rule, as written in the issue")
            << kSeedRule << "when (label in {ok, scratch} and length_mm is known): scratch if length_mm >= 1.5 else ok";
        QTest::newRow("bare result") << "scratch"
                                     << "scratch";
        QTest::newRow("label =") << "when label = ok: scratch"
                                 << "when label in {ok}: scratch";
        QTest::newRow("label != and keep") << "when label != dent: keep"
                                           << "when label not in {dent}: keep";
        QTest::newRow("label not in") << "when label not in {ok,scratch}: keep"
                                      << "when label not in {ok, scratch}: keep";
        QTest::newRow("and binds tighter than or") << "when a > 1 or b < 2 and not c is known: ok"
                                                   << "when (a > 1 or (b < 2 and not c is known)): ok";
        QTest::newRow("parentheses override") << "when (a > 1 or b < 2) and c = \"cam-A\": ok"
                                              << "when ((a > 1 or b < 2) and c = \"cam-A\"): ok";
        QTest::newRow("and is left-associative") << "when lot != 'L7' and x > 2 and x <= 3: ok"
                                                 << "when ((lot != \"L7\" and x > 2) and x <= 3): ok";
        QTest::newRow("chain of results") << "dent if depth >= 0.25 else scratch if length_mm >= 1.5 else ok"
                                          << "dent if depth >= 0.25 else scratch if length_mm >= 1.5 else ok";
        QTest::newRow("== and single quotes") << "when camera == 'cam-B': ok"
                                              << "when camera = \"cam-B\": ok";
        QTest::newRow("is not unknown") << "when x is not unknown: ok"
                                        << "when x is known: ok";
        QTest::newRow("is not known") << "when x is not known: ok"
                                      << "when x is unknown: ok";
        QTest::newRow("negative number, quoted class") << "when x <= -0.5: \"no defect\""
                                                       << "when x <= -0.5: \"no defect\"";
        QTest::newRow("integer and decimals") << "when x < 2 and y > 0.125: ok"
                                              << "when (x < 2 and y > 0.125): ok";
        QTest::newRow("tabs and newlines") << "when\tlabel in { ok }\n: ok"
                                           << "when label in {ok}: ok";
        QTest::newRow("class named like a keyword, quoted") << "when label = \"if\": ok"
                                                            << "when label in {\"if\"}: ok";
        QTest::newRow("double negation") << "when not not x > 1: ok"
                                         << "when not not x > 1: ok";
        QTest::newRow("escaped quote in text") << "when note = \"say \\\"hi\\\"\": ok"
                                               << "when note = \"say \\\"hi\\\"\": ok";
    }

    void parsesGoodRules()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const Rule rule = parseRule(text.toStdString());
        QCOMPARE(QString::fromStdString(describeRule(rule)), canonical);
        QCOMPARE(QString::fromStdString(rule.text), text);
        // The canonical form is itself a rule that reads the same.
        QCOMPARE(QString::fromStdString(describeRule(parseRule(canonical.toStdString()))), canonical);
    }

    void namesAndPositions()
    {
        const Rule rule = parseRule(kSeedRule);
        const auto attrs = rule.attributes();
        QCOMPARE(attrs.size(), std::size_t(1));
        QCOMPARE(attrs[0].text, std::string("length_mm"));
        QCOMPARE(attrs[0].column, 33);
        QCOMPARE(attrs[0].length, 9);
        const auto classes = rule.classes();
        QCOMPARE(classes.size(), std::size_t(2));
        QCOMPARE(classes[0].text, std::string("ok"));
        QCOMPARE(classes[0].column, 16);
        QCOMPARE(classes[1].text, std::string("scratch"));
        QCOMPARE(classes[1].column, 20);
    }

    void reportsSyntaxErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing colon") << "when label in {ok, scratch} and length_mm is known scratch if length_mm "
                                          ">= 1.5 else ok"
                                       << 52 << "':'";
        QTest::newRow("unclosed set") << "when label in {ok, scratch: ok" << 27 << "',' or '}'";
        QTest::newRow("missing number") << "when length_mm >= : ok" << 19 << "a number";
        QTest::newRow("missing result") << "when length_mm >= 1.5: " << 24 << "a result class or 'keep'";
        QTest::newRow("if without else") << "scratch if length_mm >= 1.5" << 28 << "'else'";
        QTest::newRow("seed rule without else")
            << "when label in {ok} and length_mm is known: scratch if length_mm >= 1.5" << 71 << "'else'";
        QTest::newRow("text ordered") << "when camera > \"cam-A\": ok" << 15
                                      << "a number (text compares with '=' and '!=' only)";
        QTest::newRow("colon forgotten after number") << "when length_mm >= 1.5 ok" << 23 << "':'";
        QTest::newRow("empty set") << "when label in {}: ok" << 16 << "a class name";
        QTest::newRow("keyword as result") << "when label in {ok}: if" << 21
                                           << "a result class or 'keep' (a class named like the keyword 'if' "
                                              "must be quoted)";
        QTest::newRow("label is") << "when label is known: ok" << 12 << "'in', 'not in', '=' or '!='";
        QTest::newRow("is big") << "when length_mm is big: ok" << 19 << "'known' or 'unknown'";
        QTest::newRow("two results") << "when length_mm >= 1.5: scratch ok" << 32 << "'if' or end of rule";
        QTest::newRow("unclosed parenthesis") << "when (length_mm >= 1.5: ok" << 23 << "')'";
        QTest::newRow("stray character") << "when length_mm >= 1.5 & width > 2: ok" << 23 << "";
        QTest::newRow("unterminated string") << "when camera = \"cam-A: ok" << 15 << "\"";
        QTest::newRow("number ends in a point") << "when length_mm >= 1.: ok" << 21 << "a digit";
        QTest::newRow("not without operand")
            << "when not: ok" << 9 << "a condition (label, an attribute name, 'not' or '(')";
        QTest::newRow("bang alone") << "when length_mm ! 2: ok" << 16 << "'!='";
        QTest::newRow("columns count characters, not bytes") << "when camera = \"ä\" or x >= y: ok" << 27 << "a number";
        QTest::newRow("empty rule") << "" << 1 << "a result class or 'keep'";
        QTest::newRow("when without condition")
            << "when: ok" << 5 << "a condition (label, an attribute name, 'not' or '(')";
    }

    /// Issue 21: 40,000 nested parentheses overflowed the stack (SIGSEGV). Beyond the limits of
    /// rule.h the parser stops at the offending token. Columns by hand: "when " is 5 characters,
    /// so the 101st '(' is at column 106 and the 101st "not " at 6 + 100 × 4 = 406; "when x > 0"
    /// is 10 characters and each " or x > 0" 9, so the k-th "or" is at 12 + 9 (k − 1), the
    /// 1001st at 9012. Within the limits the rule parses and decides (x = 1: ok).
    void limits_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("column"); // 0: parses
        QTest::addColumn<QString>("message");
        const auto repeat = [](const char *s, int n) {
            QString out;
            for (int i = 0; i < n; ++i)
                out += QString::fromLatin1(s);
            return out;
        };
        QTest::newRow("40,000 parentheses") << "when " + repeat("(", 40000) + "x > 0" + repeat(")", 40000) + ": ok"
                                            << 106 << "nest more than 100 levels deep";
        QTest::newRow("101 parentheses") << "when " + repeat("(", 101) + "x > 0" + repeat(")", 101) + ": ok" << 106
                                         << "nest more than 100 levels deep";
        QTest::newRow("100 parentheses") << "when " + repeat("(", 100) + "x > 0" + repeat(")", 100) + ": ok" << 0 << "";
        QTest::newRow("40,000 not") << "when " + repeat("not ", 40000) + "x > 0: ok" << 406
                                    << "nest more than 100 levels deep";
        QTest::newRow("100 not") << "when " + repeat("not not ", 50) + "x > 0: ok" << 0 << "";
        QTest::newRow("1001 or") << "when x > 0" + repeat(" or x > 0", 1001) + ": ok" << 9012
                                 << "more than 1000 'and'/'or' in one rule";
        QTest::newRow("1000 and/or") << "when x > 0" + repeat(" and x > 0", 500) + repeat(" or x > 0", 500) + ": ok"
                                     << 0 << "";
    }

    void limits()
    {
        QFETCH(QString, text);
        QFETCH(int, column);
        QFETCH(QString, message);
        try {
            const Rule rule = parseRule(text.toStdString());
            QCOMPARE(column, 0);
            const auto outcome = evaluateRule(rule, "scratch", attributesFrom(QStringLiteral("x=1")));
            QVERIFY(outcome.verdict == RuleVerdict::Decided);
            QCOMPARE(QString::fromStdString(outcome.resultClass), QStringLiteral("ok"));
            describeRule(rule); // walks the whole tree
        } catch (const RuleError &e) {
            QCOMPARE(e.code(), ErrorCode::Parse);
            QCOMPARE(e.column(), column);
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(message) && what.contains(QStringLiteral("column %1").arg(column)),
                     qPrintable(what));
        }
    }

    /// The command line says so too, and exits 1 (it used to die of SIGSEGV).
    void limitOnTheCommandLine()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("p.concord"));
        QProcess p;
        p.start(QStringLiteral(CONCORD_CLI),
                {QStringLiteral("init"), project, QStringLiteral("--classes"), QStringLiteral("ok,scratch")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QString deep = QStringLiteral("when ") + QString(40000, QLatin1Char('(')) + QStringLiteral("label = ok") +
                             QString(40000, QLatin1Char(')')) + QStringLiteral(": scratch");
        p.start(QStringLiteral(CONCORD_CLI),
                {QStringLiteral("standard"), QStringLiteral("add"), project, QStringLiteral("--title"),
                 QStringLiteral("T"), QStringLiteral("--body"), QStringLiteral("B"), QStringLiteral("--rule"), deep});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("nest more than 100 levels deep (parentheses and 'not') at column 106")),
                 qPrintable(err));
    }

    void reportsSyntaxErrors()
    {
        QFETCH(QString, text);
        QFETCH(int, column);
        QFETCH(QString, expected);
        try {
            parseRule(text.toStdString());
            QFAIL("no error");
        } catch (const RuleError &e) {
            QCOMPARE(e.code(), ErrorCode::Parse);
            QCOMPARE(e.column(), column);
            QCOMPARE(e.line(), std::int64_t(column)); // generic consumers read the position here
            QCOMPARE(QString::fromStdString(e.expected()), expected);
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(QStringLiteral("column %1").arg(column)), qPrintable(message));
            if (!expected.isEmpty())
                QVERIFY2(message.contains(QStringLiteral("expected ") + expected), qPrintable(message));
        }
    }

    void validatesAgainstProject_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("code");
        QTest::newRow("valid seed rule") << kSeedRule << 0 << "" << 0;
        QTest::newRow("valid text comparison") << "when camera = \"cam-A\": \"scratch\"" << 0 << "" << 0;
        QTest::newRow("unknown class in set")
            << "when label in {ok, scrach}: ok" << 20 << "scrach" << int(ErrorCode::NotFound);
        QTest::newRow("unknown attribute")
            << "when lenght_mm >= 1.5: scratch" << 6 << "lenght_mm" << int(ErrorCode::NotFound);
        QTest::newRow("unknown result class")
            << "when label = ok: defect if length_mm > 2 else ok" << 18 << "defect" << int(ErrorCode::NotFound);
        QTest::newRow("leftmost of two problems")
            << "when lenght > 1: defect" << 6 << "lenght" << int(ErrorCode::NotFound);
        QTest::newRow("text attribute against number")
            << "when camera >= 2: ok" << 16 << "camera" << int(ErrorCode::Invalid);
        QTest::newRow("numeric attribute against text")
            << "when length_mm = \"long\": ok" << 18 << "length_mm" << int(ErrorCode::Invalid);
    }

    void validatesAgainstProject()
    {
        QFETCH(QString, text);
        QFETCH(int, column);
        QFETCH(QString, name);
        QFETCH(int, code);
        const fs::path file =
            fs::path(m_dir.path().toStdString()) / (std::string("v") + QTest::currentDataTag() + ".concord");
        auto store = initProject(file, {"v", 40.0, 3, false}, {"ok", "scratch", "dent"});
        ImageRecord img;
        img.path = "a.png";
        img.hash = "00000000000000000000000000000001";
        const Id id = store->addImage(img);
        store->setAttribute({id, "length_mm", 2.0, AttrSource::Measured});
        store->setAttribute({id, "camera", std::string("cam-A"), AttrSource::Imported});
        const Rule rule = parseRule(text.toStdString());
        if (column == 0) {
            validateRule(rule, *store);
            return;
        }
        try {
            validateRule(rule, *store);
            QFAIL("no error");
        } catch (const RuleError &e) {
            QCOMPARE(int(e.code()), code);
            QCOMPARE(e.column(), column);
            QCOMPARE(QString::fromStdString(e.name()), name);
            QCOMPARE(QString::fromStdString(e.field()), name);
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(QStringLiteral("'%1'").arg(name)), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("column %1").arg(column)), qPrintable(message));
        }
    }

    void evaluates_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("attributes");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<QString>("result");
        const int out = int(RuleVerdict::OutOfScope);
        const int decided = int(RuleVerdict::Decided);
        const int kept = int(RuleVerdict::Kept);
        const int undecided = int(RuleVerdict::Undecided);
        QTest::newRow("short scratch is ok") << kSeedRule << "ok"
                                             << "length_mm=1.2" << decided << "ok";
        QTest::newRow("1.5 is the boundary, inclusive") << kSeedRule << "ok"
                                                        << "length_mm=1.5" << decided << "scratch";
        QTest::newRow("just below") << kSeedRule << "scratch"
                                    << "length_mm=1.49" << decided << "ok";
        QTest::newRow("dent is out of scope") << kSeedRule << "dent"
                                              << "length_mm=2" << out << "";
        QTest::newRow("no length: cannot decide") << kSeedRule << "ok"
                                                  << "" << undecided << "";
        QTest::newRow("dent without length still out of scope") << kSeedRule << "dent"
                                                                << "" << out << "";
        QTest::newRow("other attributes do not help") << kSeedRule << "scratch"
                                                      << "camera=cam-A" << undecided << "";
        QTest::newRow("unknown inside the result chain") << "when label = ok: scratch if length_mm >= 1.5 else ok"
                                                         << "ok"
                                                         << "" << undecided << "";
        QTest::newRow("unknown guard") << "when length_mm >= 3: scratch"
                                       << "ok"
                                       << "" << undecided << "";
        QTest::newRow("true or unknown is true") << "when label = ok or length_mm >= 3: scratch"
                                                 << "ok"
                                                 << "" << decided << "scratch";
        QTest::newRow("false and unknown is false") << "when label = dent and length_mm >= 3: scratch"
                                                    << "ok"
                                                    << "" << out << "";
        QTest::newRow("keep") << "when camera = 'cam-A': keep"
                              << "ok"
                              << "camera=cam-A" << kept << "";
        QTest::newRow("text inequality") << "when camera != 'cam-A': ok"
                                         << "scratch"
                                         << "camera=cam-B" << decided << "ok";
        QTest::newRow("text equality false") << "when camera = 'cam-A': ok"
                                             << "scratch"
                                             << "camera=cam-B" << out << "";
        QTest::newRow("type mismatch cannot decide") << "when camera > 1: ok"
                                                     << "scratch"
                                                     << "camera=cam-A" << undecided << "";
        QTest::newRow("not is known, missing") << "when not length_mm is known: ok"
                                               << "scratch"
                                               << "" << decided << "ok";
        QTest::newRow("is unknown, present") << "when length_mm is unknown: ok"
                                             << "scratch"
                                             << "length_mm=1" << out << "";
        QTest::newRow("chain, second branch") << "dent if depth >= 0.25 else scratch if length_mm >= 1.5 else ok"
                                              << "ok"
                                              << "depth=0.1;length_mm=2" << decided << "scratch";
        QTest::newRow("chain, first branch needs nothing more")
            << "dent if depth >= 0.25 else scratch if length_mm >= 1.5 else ok"
            << "ok"
            << "depth=0.3" << decided << "dent";
        QTest::newRow("chain, first branch unknown") << "dent if depth >= 0.25 else scratch if length_mm >= 1.5 else ok"
                                                     << "ok"
                                                     << "length_mm=2" << undecided << "";
        QTest::newRow("chain, final else") << "dent if depth >= 0.25 else scratch if length_mm >= 1.5 else ok"
                                           << "scratch"
                                           << "depth=0;length_mm=0.5" << decided << "ok";
        QTest::newRow("number equality") << "when x = 2: dent"
                                         << "ok"
                                         << "x=2.0" << decided << "dent";
        QTest::newRow("no guard applies to all") << "ok"
                                                 << "dent"
                                                 << "" << decided << "ok";
    }

    void evaluates()
    {
        QFETCH(QString, rule);
        QFETCH(QString, label);
        QFETCH(QString, attributes);
        QFETCH(int, verdict);
        QFETCH(QString, result);
        const auto outcome =
            evaluateRule(parseRule(rule.toStdString()), label.toStdString(), attributesFrom(attributes));
        QCOMPARE(int(outcome.verdict), verdict);
        QCOMPARE(QString::fromStdString(outcome.resultClass), result);
    }

    void explainsDecisions()
    {
        const Rule rule = parseRule(kSeedRule);
        const auto decided = evaluateRule(rule, "ok", attributesFrom(QStringLiteral("length_mm=2.25;camera=x")));
        QCOMPARE(decided.decidedBy.size(), std::size_t(1));
        QCOMPARE(decided.decidedBy[0].first, std::string("length_mm"));
        QCOMPARE(std::get<double>(decided.decidedBy[0].second), 2.25);
        const auto undecided = evaluateRule(rule, "ok", attributesFrom(QStringLiteral("camera=x")));
        QCOMPARE(undecided.missing, std::vector<std::string>{"length_mm"});
    }
};

QTEST_GUILESS_MAIN(TestRule)
#include "tst_rule.moc"
