// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/csv.h"
#include "core/common/error.h"

#include <QtTest>

#include <sstream>

using namespace concord::core;

class TestCsv : public QObject
{
    Q_OBJECT
private slots:
    void quotedCellsAndLineNumbers()
    {
        // Hand-written RFC 4180 input: quoted comma, doubled quote, embedded newline, CRLF, BOM.
        std::istringstream in("\xEF\xBB\xBFimage,label\r\n\"a,b.jpg\",\"say \"\"hi\"\"\"\r\n\r\nc.jpg,\"two\nlines\"\nd.jpg, ok \n");
        const auto t = CsvTable::read(in, "x.csv");
        QCOMPARE(t.header().size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(t.header()[0]), QStringLiteral("image"));
        QCOMPARE(t.rows().size(), std::size_t(3));
        QCOMPARE(QString::fromStdString(t.rows()[0].cells[0]), QStringLiteral("a,b.jpg"));
        QCOMPARE(QString::fromStdString(t.rows()[0].cells[1]), QStringLiteral("say \"hi\""));
        QCOMPARE(t.rows()[0].line, std::int64_t(2));
        QCOMPARE(QString::fromStdString(t.rows()[1].cells[1]), QStringLiteral("two\nlines"));
        QCOMPARE(t.rows()[1].line, std::int64_t(4));
        QCOMPARE(QString::fromStdString(t.rows()[2].cells[1]), QStringLiteral("ok"));
        QCOMPARE(t.rows()[2].line, std::int64_t(6));
    }

    void errorsNameFileAndLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("needle");
        QTest::newRow("cell count") << "a,b\n1,2\n3\n" << 3 << "expected 2 cells";
        QTest::newRow("open quote") << "a,b\n1,\"2\n" << 2 << "unterminated";
        QTest::newRow("after quote") << "a,b\n\"1\"x,2\n" << 2 << "after a closing quote";
        QTest::newRow("empty") << "" << 0 << "header row";
    }
    void errorsNameFileAndLine()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, needle);
        std::istringstream in(text.toStdString());
        try {
            CsvTable::read(in, "bad.csv");
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Parse);
            QCOMPARE(e.line(), std::int64_t(line));
            QCOMPARE(QString::fromStdString(e.file()), QStringLiteral("bad.csv"));
            QVERIFY2(QString::fromUtf8(e.what()).contains(needle), e.what());
        }
    }

    void missingColumnIsNamed()
    {
        std::istringstream in("item,label\n1,a\n");
        const auto t = CsvTable::read(in, "t.csv");
        try {
            t.requireColumn("labeler");
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(QString::fromStdString(e.field()), QStringLiteral("labeler"));
        }
    }

    void escapeDefusesFormulas_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "scratch" << "scratch";
        QTest::newRow("formula") << "=HYPERLINK(\"x\")" << "\"'=HYPERLINK(\"\"x\"\")\"";
        QTest::newRow("plus") << "+1+2" << "'+1+2";
        QTest::newRow("at") << "@SUM(A1)" << "'@SUM(A1)";
        QTest::newRow("negative number") << "-1.5" << "-1.5";
        QTest::newRow("dash text") << "-cmd" << "'-cmd";
        QTest::newRow("comma") << "a,b" << "\"a,b\"";
    }
    void escapeDefusesFormulas()
    {
        QFETCH(QString, cell);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(csvEscape(cell.toStdString())), expected);
    }

    void parseDoubleIsStrict()
    {
        QCOMPARE(parseDouble("1.5").value_or(-1), 1.5);
        QCOMPARE(parseDouble(" -2e3 ").value_or(-1), -2000.0);
        QVERIFY(!parseDouble("1.5mm"));
        QVERIFY(!parseDouble(""));
        QVERIFY(!parseDouble("nan"));
    }
};

QTEST_GUILESS_MAIN(TestCsv)
#include "tst_csv.moc"
