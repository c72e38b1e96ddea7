// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/objectcanvas.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <functional>

namespace concord::ui {

namespace {

QPainterPath pathOf(const ObjectCanvas::Shape &s, const std::function<QPointF(double, double)> &map)
{
    QPainterPath path;
    if (s.points.empty())
        return path;
    if (s.kind == core::AnnotationKind::Box && s.points.size() >= 2) {
        path.addRect(QRectF(map(s.points[0].first, s.points[0].second), map(s.points[1].first, s.points[1].second))
                         .normalized());
        return path;
    }
    if (s.kind == core::AnnotationKind::Point || s.points.size() == 1) {
        const QPointF c = map(s.points[0].first, s.points[0].second);
        path.addEllipse(c, 6, 6);
        path.moveTo(c - QPointF(10, 0));
        path.lineTo(c + QPointF(10, 0));
        path.moveTo(c - QPointF(0, 10));
        path.lineTo(c + QPointF(0, 10));
        return path;
    }
    path.moveTo(map(s.points[0].first, s.points[0].second));
    for (std::size_t i = 1; i < s.points.size(); ++i)
        path.lineTo(map(s.points[i].first, s.points[i].second));
    if (s.kind == core::AnnotationKind::Polygon)
        path.closeSubpath();
    return path;
}

} // namespace

ObjectCanvas::ObjectCanvas(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("objectCanvas"));
    setMinimumSize(240, 180);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMouseTracking(false);
}

void ObjectCanvas::setImage(const QImage &image, QSize fullSize, const QString &message)
{
    const bool first = m_image.isNull() && !image.isNull();
    m_image = image;
    m_fullSize = fullSize.isValid() ? fullSize : image.size();
    m_message = message;
    updateShown();
    if (first && m_hasObject)
        fitObject();
    update();
}

void ObjectCanvas::setAdjustment(const ImageAdjustment &adjustment)
{
    if (adjustment == m_adjustment)
        return;
    m_adjustment = adjustment;
    updateShown();
    update();
}

void ObjectCanvas::updateShown()
{
    if (m_adjustment.isIdentity() || m_image.isNull()) {
        m_shown = m_image;
        return;
    }
    const auto histogram = luminanceHistogram(m_image);
    m_shown = applyAdjustment(m_image, adjustmentTable(m_adjustment, &histogram));
}

void ObjectCanvas::setObject(std::vector<Shape> members, Shape proposal)
{
    m_members = std::move(members);
    m_proposal = std::move(proposal);
    m_hasObject = true;
    fitObject();
}

void ObjectCanvas::clearObject()
{
    m_members.clear();
    m_proposal = {};
    m_hasObject = false;
    update();
}

QRectF ObjectCanvas::objectBounds() const
{
    double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
    auto take = [&](const Shape &s) {
        for (const auto &[x, y] : s.points) {
            x0 = std::min(x0, x), y0 = std::min(y0, y);
            x1 = std::max(x1, x), y1 = std::max(y1, y);
        }
    };
    for (const auto &m : m_members)
        take(m);
    take(m_proposal);
    if (x0 > x1)
        return {};
    return QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

QRectF ObjectCanvas::objectOnScreen() const
{
    const QRectF b = objectBounds();
    return QRectF(toWidget(b.left(), b.top()), toWidget(b.right(), b.bottom()));
}

void ObjectCanvas::fitObject()
{
    m_fitPending = width() <= 0 || height() <= 0;
    const QRectF b = objectBounds();
    if (!m_hasObject || !b.isValid()) {
        // No shapes: the whole image.
        if (m_fullSize.isValid())
            m_view.fit(QRectF(QPointF(0, 0), QSizeF(m_fullSize)), size());
        update();
        return;
    }
    // A margin as large as the object (at least kMinMarginPx) on each side: the lead sees the
    // surface around a short scratch, not only the scratch.
    m_view.fit(b, size(), std::max({b.width(), b.height(), kMinMarginPx}));
    update();
}

void ObjectCanvas::zoomIn()
{
    zoomAbout(ViewTransform::kStep, rect().center());
}

void ObjectCanvas::zoomOut()
{
    zoomAbout(1.0 / ViewTransform::kStep, rect().center());
}

void ObjectCanvas::zoomAbout(double factor, QPointF anchor)
{
    m_view.zoomAbout(factor, anchor, size());
    update();
}

QPointF ObjectCanvas::toWidget(double x, double y) const
{
    return m_view.toWidget(QPointF(x, y), size());
}

QPointF ObjectCanvas::toImage(QPointF widget) const
{
    return m_view.toImage(widget, size());
}

void ObjectCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_fitPending || m_hasObject)
        fitObject();
}

void ObjectCanvas::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0.0)
        zoomAbout(std::pow(ViewTransform::kStep, steps), event->position());
    event->accept();
}

void ObjectCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_dragging = true;
    m_dragFrom = event->position();
    setCursor(Qt::ClosedHandCursor);
}

void ObjectCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return;
    m_view.pan(event->position() - m_dragFrom);
    m_dragFrom = event->position();
    update();
}

void ObjectCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = false;
        unsetCursor();
    }
}

void ObjectCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0x30, 0x30, 0x30));
    p.setRenderHint(QPainter::Antialiasing);
    if (m_image.isNull()) {
        // Still decoding, or the file is missing: the shapes are worth judging without it, so
        // with an object the message goes below them.
        p.setPen(Qt::white);
        if (m_hasObject)
            p.drawText(rect().adjusted(0, 0, 0, -12), Qt::AlignHCenter | Qt::AlignBottom, m_message);
        else
            p.drawText(rect(), Qt::AlignCenter, m_message);
    } else {
        p.setRenderHint(QPainter::SmoothPixmapTransform, m_view.scale() * m_fullSize.width() / m_image.width() < 3.0);
        p.drawImage(QRectF(toWidget(0, 0), toWidget(m_fullSize.width(), m_fullSize.height())), m_shown);
    }
    if (!m_hasObject)
        return;
    const auto map = [this](double x, double y) { return toWidget(x, y); };

    // The proposal first, as a wide dashed band (white dashes on black): often it is one
    // member's own shape (a line's or point's medoid), which then shows inside the band in
    // the labeler's colour instead of being hidden under it.
    {
        const QPainterPath path = pathOf(m_proposal, map);
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(Qt::black, 8.0, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin));
        p.drawPath(path);
        QPen dash(Qt::white, 6.0, Qt::DashLine, Qt::FlatCap, Qt::MiterJoin);
        dash.setDashPattern({2, 1.5});
        p.setPen(dash);
        p.drawPath(path);
    }
    // The members on top: a dark outline under each labeler's colour, so it shows on light and
    // dark surfaces alike.
    for (const auto &m : m_members) {
        const QPainterPath path = pathOf(m, map);
        p.setPen(QPen(QColor(0, 0, 0, 170), 4.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPath(path);
        p.setPen(QPen(m.color, 2.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPath(path);
    }

    // The legend: one row per member and one for the proposal, stacked in the top-left corner.
    QFont f = font();
    f.setBold(true);
    p.setFont(f);
    const QFontMetricsF fm(f);
    const double row = fm.height() + 6;
    double width = 0;
    for (const auto &m : m_members)
        width = std::max(width, fm.horizontalAdvance(m.tag));
    width = std::max(width, fm.horizontalAdvance(m_proposal.tag));
    const double rows = double(m_members.size() + 1);
    const QRectF legend(8, 8, width + 40, rows * row + 6);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 180));
    p.drawRoundedRect(legend, 4, 4);
    double y = legend.top() + 3;
    auto entry = [&](const QString &tag, const QPen &pen) {
        const double mid = y + row / 2;
        p.setPen(QPen(Qt::black, pen.widthF() + 2));
        p.drawLine(QPointF(legend.left() + 8, mid), QPointF(legend.left() + 28, mid));
        p.setPen(pen);
        p.drawLine(QPointF(legend.left() + 8, mid), QPointF(legend.left() + 28, mid));
        p.setPen(Qt::white);
        p.drawText(QRectF(legend.left() + 34, y, width + 4, row), Qt::AlignVCenter | Qt::AlignLeft, tag);
        y += row;
    };
    for (const auto &m : m_members)
        entry(m.tag, QPen(m.color, 3));
    QPen dash(Qt::white, 5, Qt::DashLine, Qt::FlatCap);
    dash.setDashPattern({2, 1.5});
    entry(m_proposal.tag, dash);
}

} // namespace concord::ui
