// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/svgcharts.h"

#include <QChartView>

namespace concord::ui {

/// The disagreement profile of one attribute with Qt Charts: the disputed share per bin as a
/// filled step line, the band shaded, each labeler's fitted switch point as a dashed vertical
/// line with the labeler's name (one-sided labelers' bounds dotted grey, the suggested
/// threshold bold). The same ProfileChart data the HTML report draws as SVG. The share axis runs
/// 0–1, as a share does; the names sit in staggered rows in a strip above the plot.
class DashboardProfileChart final : public QChartView
{
    Q_OBJECT

public:
    explicit DashboardProfileChart(QWidget *parent = nullptr);

    /// Shows `profile`; nullptr: a chart that says there is no attribute to profile.
    void setProfile(const core::ProfileChart *profile);
    /// An empty chart with `text` in place of a plot (e.g. while the profiles are computed).
    void setMessage(const QString &text);
    /// The text of setMessage() or setProfile(nullptr); empty while a profile is shown.
    QString message() const { return m_message; }
    /// Names of the markers drawn (labelers, "suggested"), for tests.
    QStringList markerNames() const { return m_markerNames; }
    /// The texts written over the markers ("ana 1.52", "suggested 1.5"), for tests.
    QStringList markerTexts() const { return m_markerTexts; }

private:
    bool isDark() const;
    /// A new chart in the window's colours, replacing the one shown.
    QChart *freshChart();

    QStringList m_markerNames;
    QStringList m_markerTexts;
    QString m_message;
};

} // namespace concord::ui
