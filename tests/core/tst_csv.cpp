// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/csv.h"
#include "core/common/error.h"
#include "core/common/text.h"

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
        std::istringstream in(
            "\xEF\xBB\xBFimage,label\r\n\"a,b.jpg\",\"say \"\"hi\"\"\"\r\n\r\nc.jpg,\"two\nlines\"\nd.jpg, ok \n");
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

    /// Issue #21: one Latin-1 byte imported with exit 0 broke every later JSON output. Each
    /// row is hand-made; line and column are counted by hand (1-based, bytes).
    void invalidTextNamesFileLineColumn_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("needle");
        // "Jos" then Latin-1 é (0xE9): column 4 of line 2.
        QTest::newRow("latin-1") << QByteArray("image,label\nJos\xe9.png,ok\n") << 2
                                 << "not valid UTF-8: byte 0xE9 at column 4";
        // C0 AF is an overlong '/', RFC 3629 forbids it.
        QTest::newRow("overlong") << QByteArray("a\n\xc0\xaf\n") << 2 << "byte 0xC0 at column 1";
        // ED A0 80 would be the surrogate U+D800.
        QTest::newRow("surrogate") << QByteArray("a\nx\xed\xa0\x80\n") << 2 << "byte 0xED at column 2";
        // F4 90 80 80 would be U+110000, beyond Unicode.
        QTest::newRow("beyond U+10FFFF") << QByteArray("a\n\xf4\x90\x80\x80\n") << 2 << "byte 0xF4";
        // A sequence cut by the end of the line.
        QTest::newRow("cut sequence") << QByteArray("a\nab\xc3\n") << 2 << "byte 0xC3 at column 3";
        // Inside a quoted cell that goes on to line 3.
        QTest::newRow("quoted continuation") << QByteArray("a,b\n1,\"x\nJos\xe9\"\n") << 3 << "byte 0xE9 at column 4";
        // UTF-16 LE "im": FF FE 69 00 6D 00; the NUL is byte 4.
        QTest::newRow("utf-16") << QByteArray("\xff\xfei\0m\0\n", 7) << 1 << "NUL byte at column 4 (is the file UTF-16";
    }
    void invalidTextNamesFileLineColumn()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, line);
        QFETCH(QString, needle);
        std::istringstream in(bytes.toStdString());
        try {
            CsvTable::read(in, "latin.csv");
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Parse);
            QCOMPARE(QString::fromStdString(e.file()), QStringLiteral("latin.csv"));
            QCOMPARE(e.line(), std::int64_t(line));
            QVERIFY2(QString::fromUtf8(e.what()).contains(needle), e.what());
        }
    }

    void validUtf8Passes()
    {
        // é (C3 A9), 日 (E6 97 A5), 😀 (F0 9F 98 80), U+10FFFF (F4 8F BF BF): all well-formed.
        QVERIFY(!findInvalidUtf8("Jos\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf").has_value());
        QCOMPARE(findInvalidUtf8("ok\xe9").value_or(0), std::size_t(2));
        std::istringstream in("image,label\nJos\xc3\xa9.png,ok\n");
        const auto t = CsvTable::read(in, "utf8.csv");
        QCOMPARE(QString::fromStdString(t.rows()[0].cells[0]), QStringLiteral("Jos\u00e9.png"));
    }

    void declaredEncodingConverts()
    {
        // Latin-1: E9 is U+00E9 é; 80 is the C1 control U+0080 (UTF-8 C2 80).
        std::istringstream latin("image,label\nJos\xe9.png,ok\n");
        const auto t = CsvTable::read(latin, "latin.csv", ',', TextEncoding::Latin1);
        QCOMPARE(QString::fromStdString(t.rows()[0].cells[0]), QStringLiteral("Jos\u00e9.png"));
        QCOMPARE(decodeText("\x80", TextEncoding::Latin1, "f"), std::string("\xc2\x80"));
        // Windows-1252 (Unicode's CP1252.TXT): 80 is € U+20AC, 9F is Ÿ U+0178; 81 is undefined.
        QCOMPARE(decodeText("\x80\x9f", TextEncoding::Windows1252, "f"), std::string("\xe2\x82\xac\xc5\xb8"));
        try {
            decodeText("ab\n\x81", TextEncoding::Windows1252, "w.csv", 5);
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.line(), std::int64_t(6));
            QVERIFY2(QString::fromUtf8(e.what()).contains(u"0x81 is not a character in windows-1252"), e.what());
        }
        QVERIFY(parseTextEncoding("ISO-8859-1") == TextEncoding::Latin1);
        QVERIFY(parseTextEncoding("cp1252") == TextEncoding::Windows1252);
        QVERIFY_THROWS_EXCEPTION(Error, parseTextEncoding("ebcdic"));
    }

    void duplicateHeaderRefused()
    {
        std::istringstream in("image,label,image\na,b,c\n");
        try {
            CsvTable::read(in, "dup.csv");
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Parse);
            QCOMPARE(e.line(), std::int64_t(1));
            QCOMPARE(QString::fromStdString(e.field()), QStringLiteral("image"));
            QVERIFY2(QString::fromUtf8(e.what()).contains(u"columns 1 and 3"), e.what());
        }
        // Unnamed columns (a spreadsheet's index) cannot be looked up: several are fine.
        std::istringstream unnamed(",a,\n1,2,3\n");
        QCOMPARE(CsvTable::read(unnamed, "u.csv").header().size(), std::size_t(3));
    }

    void checkNameRefuses_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QString>("needle");
        QTest::newRow("empty") << QByteArray("") << "is empty";
        QTest::newRow("blank") << QByteArray(" \t") << "is empty";
        QTest::newRow("nul") << QByteArray("scr\0atch", 8) << "U+0000 (NUL) at position 4";
        QTest::newRow("tab") << QByteArray("a\tb") << "U+0009 at position 2";
        QTest::newRow("del") << QByteArray("a\x7f") << "U+007F";
        QTest::newRow("c1 NEL") << QByteArray("a\xc2\x85") << "U+0085 at position 2";
        QTest::newRow("latin-1") << QByteArray("Jos\xe9") << "not valid UTF-8 (byte 0xE9 at position 4)";
    }
    void checkNameRefuses()
    {
        QFETCH(QByteArray, name);
        QFETCH(QString, needle);
        try {
            checkName(name.toStdString(), "class name", "f.json", 0, "/categories/0/name");
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Invalid);
            QCOMPARE(QString::fromStdString(e.field()), QStringLiteral("/categories/0/name"));
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("'/categories/0/name': class name ")),
                     e.what());
            QVERIFY2(QString::fromUtf8(e.what()).contains(needle), e.what());
        }
    }
    void checkNameAccepts()
    {
        checkName("Jos\xc3\xa9 M\xc3\xbcller", "labeler name");
        checkName("rolled-in_scale", "class name");
        checkName("\xe5\x82\xb7", "class name"); // 傷 (scratch)
    }

    void escapeDefusesFormulas_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "scratch"
                               << "scratch";
        QTest::newRow("formula") << "=HYPERLINK(\"x\")"
                                 << "\"'=HYPERLINK(\"\"x\"\")\"";
        QTest::newRow("plus") << "+1+2"
                              << "'+1+2";
        QTest::newRow("at") << "@SUM(A1)"
                            << "'@SUM(A1)";
        QTest::newRow("negative number") << "-1.5"
                                         << "-1.5";
        QTest::newRow("dash text") << "-cmd"
                                   << "'-cmd";
        QTest::newRow("comma") << "a,b"
                               << "\"a,b\"";
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
