// SPDX-License-Identifier: GPL-3.0-or-later
// One way to write a figure (core/common/numbertext.h, issue #16 §3): the CLI, the report and
// the window's pages used four formatters that disagreed (κ 0.731 on the dashboard, 0.73 in
// the preview; "–" on one, "n/a" on the others). Values by hand.
#include "core/common/numbertext.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace concord::core;

class TestNumberText : public QObject
{
    Q_OBJECT
private slots:
    void shares()
    {
        QCOMPARE(formatShare(0.8372), std::string("83.7 %"));
        QCOMPARE(formatShare(0.97849), std::string("97.8 %"));
        QCOMPARE(formatShare(1.0), std::string("100.0 %"));
        QCOMPARE(formatShare(0.0), std::string("0.0 %"));
        QCOMPARE(formatShare(0.666, 0), std::string("67 %"));
        QCOMPARE(formatShare(std::nan("")), std::string("n/a"));
        QCOMPARE(formatShare(std::numeric_limits<double>::infinity()), std::string("n/a"));
    }

    void coefficients()
    {
        QCOMPARE(formatFixed(0.72731), std::string("0.727"));
        QCOMPARE(formatFixed(0.9636), std::string("0.964"));
        QCOMPARE(formatFixed(-0.0416), std::string("-0.042"));
        QCOMPARE(formatFixed(1.5, 2), std::string("1.50"));
        QCOMPARE(formatFixed(std::nan("")), std::string("n/a"));
        QCOMPARE(std::string(kNoFigure), std::string("n/a"));
    }

    void measures()
    {
        QCOMPARE(formatMeasure(1.347), std::string("1.35"));
        QCOMPARE(formatMeasure(9.994), std::string("9.99"));
        QCOMPARE(formatMeasure(24.46), std::string("24.5"));
        QCOMPARE(formatMeasure(-12.0), std::string("-12.0"));
        QCOMPARE(formatMeasure(1249.6), std::string("1250"));
        QCOMPARE(formatMeasure(std::nan("")), std::string("n/a"));
    }
};

QTEST_APPLESS_MAIN(TestNumberText)
#include "tst_numbertext.moc"
