// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/dashboardprofilechart.h"

#include <QAreaSeries>
#include <QChart>
#include <QFontMetrics>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <limits>
#include <vector>

namespace concord::ui {

namespace {
constexpr int kNameRows = 4; ///< staggered rows of marker names in the strip above the plot
} // namespace

DashboardProfileChart::DashboardProfileChart(QWidget *parent)
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(260);
    setProfile(nullptr);
}

bool DashboardProfileChart::isDark() const
{
    return palette().color(QPalette::Window).lightness() < 128;
}

QChart *DashboardProfileChart::freshChart()
{
    m_markerNames.clear();
    m_markerTexts.clear();
    m_message.clear();
    auto *chart = new QChart;
    // Follow the window's palette: a light chart on a dark desktop glares.
    chart->setTheme(isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette().color(QPalette::Base));
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignRight);
    auto *old = this->chart();
    setChart(chart);
    delete old;
    return chart;
}

void DashboardProfileChart::setMessage(const QString &text)
{
    QChart *chart = freshChart();
    m_message = text;
    chart->setTitle(text);
    chart->legend()->hide();
}

void DashboardProfileChart::setProfile(const core::ProfileChart *profile)
{
    if (!profile || profile->bins.empty()) {
        setMessage(tr("No numeric attribute with labels to profile"));
        return;
    }
    QChart *chart = freshChart();
    const bool dark = isDark();
    auto *x = new QValueAxis;
    x->setTitleText(QString::fromStdString(profile->attribute));
    x->setRange(profile->bins.front().lo, profile->bins.back().hi);
    x->setTickCount(11);
    x->applyNiceNumbers();
    x->setLabelFormat(QStringLiteral("%.3g"));
    // A share: 0–1, nothing above (the markers' names sit in the margin over the plot).
    auto *y = new QValueAxis;
    y->setTitleText(tr("disputed share"));
    y->setRange(0.0, 1.0);
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0.0);
    y->setTickInterval(0.2);
    y->setLabelFormat(QStringLiteral("%.1f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    const auto attach = [&](QAbstractSeries *s) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    };

    if (profile->band) {
        auto *upper = new QLineSeries;
        auto *lower = new QLineSeries;
        upper->append(profile->bandLo, 1.0);
        upper->append(profile->bandHi, 1.0);
        lower->append(profile->bandLo, 0.0);
        lower->append(profile->bandHi, 0.0);
        auto *band = new QAreaSeries(upper, lower);
        upper->setParent(band); // an area series does not own its lines
        lower->setParent(band);
        band->setName(tr("band %1 – %2").arg(profile->bandLo, 0, 'g', 3).arg(profile->bandHi, 0, 'g', 3));
        band->setColor(QColor(255, 170, 60, 70));
        band->setBorderColor(QColor(255, 170, 60, 140));
        attach(band);
    }

    auto *steps = new QLineSeries;
    for (const auto &b : profile->bins) {
        const double rate = b.items > 0 ? static_cast<double>(b.disagreeing) / static_cast<double>(b.items) : 0.0;
        steps->append(b.lo, rate);
        steps->append(b.hi, rate);
    }
    auto *rate = new QAreaSeries(steps);
    steps->setParent(rate);
    rate->setName(tr("disputed share"));
    rate->setColor(QColor(70, 120, 200, 110));
    rate->setBorderColor(QColor(40, 80, 160));
    attach(rate);

    // Markers sorted by position; names on staggered rows so that close thresholds stay legible.
    std::vector<core::ProfileMarker> markers = profile->markers;
    std::sort(markers.begin(), markers.end(), [](const auto &a, const auto &b) { return a.x < b.x; });
    // Each name goes on the lowest row whose last name is far enough to the left.
    const double gap = 0.12 * (x->max() - x->min());
    std::vector<double> rowEnd(kNameRows, -std::numeric_limits<double>::infinity());
    struct Name
    {
        QGraphicsSimpleTextItem *item;
        double x;
        std::size_t row;
    };
    std::vector<Name> names;
    std::size_t rows = 0;
    for (const auto &m : markers) {
        std::size_t row = 0;
        while (row + 1 < rowEnd.size() && m.x - rowEnd[row] < gap)
            ++row;
        rowEnd[row] = m.x;
        rows = std::max(rows, row + 1);
        const QString name = QString::fromStdString(m.name);
        m_markerNames << name;
        auto *line = new QLineSeries;
        line->append(m.x, 0.0);
        line->append(m.x, 1.0);
        const QColor ink = palette().color(QPalette::Text);
        QPen pen(m.suggested ? ink
                 : m.bound   ? QColor(140, 140, 140)
                             : (dark ? QColor(240, 90, 90) : QColor(180, 40, 40)));
        pen.setWidthF(m.suggested ? 2.5 : 1.5);
        pen.setStyle(m.suggested ? Qt::SolidLine : m.bound ? Qt::DotLine : Qt::DashLine);
        line->setPen(pen);
        attach(line);
        for (QLegendMarker *lm : chart->legend()->markers(line))
            lm->setVisible(false);
        const QString text = m.suggested ? tr("suggested %1").arg(m.x, 0, 'g', 3)
                             : m.bound   ? name // core names it with its bound: "raj ≤ 1.03"
                                         : tr("%1 %2").arg(name).arg(m.x, 0, 'g', 3);
        auto *label = new QGraphicsSimpleTextItem(text, chart);
        label->setBrush(pen.color());
        label->setFont(chart->font());
        m_markerTexts << text;
        names.push_back({label, m.x, row});
    }
    // The strip above the plot holds the names, so the share axis can run 0–1.
    const int rowHeight = QFontMetrics(chart->font()).height();
    chart->setMargins(QMargins(4, 4 + rowHeight * static_cast<int>(rows), 4, 4));
    // Names follow their line when the plot area moves (resize, legend, axis labels).
    const auto place = [chart, rate, names, rowHeight](const QRectF &plot) {
        for (const auto &n : names) {
            const QPointF at = chart->mapToPosition(QPointF(n.x, 1.0), rate);
            const double width = n.item->boundingRect().width();
            const double left = std::clamp(at.x() - width / 2.0, 0.0, std::max(0.0, chart->size().width() - width));
            n.item->setPos(left, plot.top() - static_cast<double>(rowHeight) * static_cast<double>(n.row + 1));
        }
    };
    connect(chart, &QChart::plotAreaChanged, chart, place);
    place(chart->plotArea());
}

} // namespace concord::ui
