// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/canvas/annotationitem.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QWidget>

#include <algorithm>

namespace concord::ui {

namespace {

constexpr double kHandle = 9.0;    // handle side, screen px
constexpr double kPick = 10.0;     // hit tolerance, screen px
constexpr double kTextPad = 160.0; // room for the measurement badge, screen px

QString trText(const char *s)
{
    return QCoreApplication::translate("concord::ui::AnnotationItem", s);
}

} // namespace

AnnotationItem::AnnotationItem(int index, const core::Annotation &annotation, const QColor &color, double pxPerMm)
    : m_index(index)
{
    sync(annotation, color, pxPerMm);
    setFlag(ItemIsSelectable, index >= 0);
    setZValue(index >= 0 ? 1 : 2);
}

void AnnotationItem::sync(const core::Annotation &annotation, const QColor &color, double pxPerMm)
{
    prepareGeometryChange();
    m_annotation = annotation;
    m_segment = core::segmentOf(annotation).value_or(core::Segment{});
    m_color = color;
    m_pxPerMm = pxPerMm;
    update();
}

void AnnotationItem::setSegment(const core::Segment &s)
{
    prepareGeometryChange();
    m_segment = s;
    update();
}

core::Annotation AnnotationItem::edited() const
{
    return core::withSegment(m_annotation, m_segment, m_pxPerMm);
}

void AnnotationItem::setViewScale(double scale)
{
    if (scale <= 0.0 || scale == m_viewScale)
        return;
    prepareGeometryChange();
    m_viewScale = scale;
}

QList<QPointF> AnnotationItem::handlePoints() const
{
    const auto &s = m_segment;
    QList<QPointF> pts{{s.x1, s.y1}, {s.x2, s.y2}};
    if (kind() == core::AnnotationKind::Box)
        pts << QPointF(s.x2, s.y1) << QPointF(s.x1, s.y2);
    return pts;
}

int AnnotationItem::handleAt(const QPointF &pos) const
{
    const double tol = kPick / m_viewScale;
    const auto pts = handlePoints();
    for (int i = 0; i < pts.size(); ++i)
        if (std::abs(pts[i].x() - pos.x()) <= tol && std::abs(pts[i].y() - pos.y()) <= tol)
            return i;
    return -1;
}

core::Segment AnnotationItem::movedHandle(int handle, const QPointF &pos) const
{
    core::Segment s = m_segment;
    switch (handle) {
    case 0:
        s.x1 = pos.x();
        s.y1 = pos.y();
        break;
    case 1:
        s.x2 = pos.x();
        s.y2 = pos.y();
        break;
    case 2:
        s.x2 = pos.x();
        s.y1 = pos.y();
        break;
    case 3:
        s.x1 = pos.x();
        s.y2 = pos.y();
        break;
    default: break;
    }
    return s;
}

QString AnnotationItem::measurementText() const
{
    const auto &s = m_segment;
    if (kind() == core::AnnotationKind::Line) {
        const double px = core::lengthPx(s);
        if (const auto mm = core::pxToMm(px, m_pxPerMm))
            return trText("%1 mm").arg(*mm, 0, 'f', 2);
        return trText("%1 px").arg(px, 0, 'f', 1);
    }
    const double w = std::abs(s.x2 - s.x1);
    const double h = std::abs(s.y2 - s.y1);
    if (m_pxPerMm > 0.0)
        return trText("%1 × %2 mm").arg(w / m_pxPerMm, 0, 'f', 2).arg(h / m_pxPerMm, 0, 'f', 2);
    return trText("%1 × %2 px").arg(w, 0, 'f', 0).arg(h, 0, 'f', 0);
}

QRectF AnnotationItem::boundingRect() const
{
    const auto &s = m_segment;
    const QRectF r = QRectF(QPointF(s.x1, s.y1), QPointF(s.x2, s.y2)).normalized();
    const double m = kHandle / m_viewScale;
    // The tag may sit on any side (tagRect), so the room for it is on every side.
    return r.adjusted(-std::max(m, kTextPad / m_viewScale), -std::max(m, kTextPad / 4 / m_viewScale),
                      kTextPad / m_viewScale, kTextPad / 4 / m_viewScale);
}

QPainterPath AnnotationItem::shape() const
{
    const auto &s = m_segment;
    QPainterPath path;
    if (kind() == core::AnnotationKind::Line) {
        path.moveTo(s.x1, s.y1);
        path.lineTo(s.x2, s.y2);
    } else {
        path.addRect(QRectF(QPointF(s.x1, s.y1), QPointF(s.x2, s.y2)).normalized());
    }
    QPainterPathStroker stroker;
    stroker.setWidth(2 * kPick / m_viewScale);
    QPainterPath hit = stroker.createStroke(path);
    for (const auto &p : handlePoints())
        hit.addRect(QRectF(p.x() - kPick / m_viewScale, p.y() - kPick / m_viewScale, 2 * kPick / m_viewScale,
                           2 * kPick / m_viewScale));
    return hit;
}

QRectF AnnotationItem::tagRect(core::AnnotationKind kind, QPointF a, QPointF b, QSizeF size, const QRectF &view)
{
    constexpr double gap = 8.0;
    const QRectF shape = QRectF(a, b).normalized();
    QPointF at;
    if (kind == core::AnnotationKind::Line) {
        at = QPointF(shape.right() + gap, shape.center().y() - size.height() / 2);
        if (at.x() + size.width() > view.right())
            at.setX(shape.left() - gap - size.width());
    } else {
        at = QPointF(shape.left(), shape.bottom() + gap / 2);
        if (at.y() + size.height() > view.bottom())
            at.setY(shape.top() - gap / 2 - size.height());
    }
    // Inside the view whatever the shape's size (left/top win when the tag is wider than it).
    at.setX(std::max(view.left(), std::min(at.x(), view.right() - size.width())));
    at.setY(std::max(view.top(), std::min(at.y(), view.bottom() - size.height())));
    return QRectF(at, size);
}

void AnnotationItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *widget)
{
    const auto &s = m_segment;
    painter->setRenderHint(QPainter::Antialiasing);
    // Draw in screen space so widths, handles and text keep their size at any zoom.
    const QTransform t = painter->worldTransform();
    painter->save();
    painter->resetTransform();
    const QPointF a = t.map(QPointF(s.x1, s.y1));
    const QPointF b = t.map(QPointF(s.x2, s.y2));

    QPen halo(QColor(0, 0, 0, 150), 4.0);
    QPen pen(m_color, 2.0);
    if (m_index < 0)
        pen.setStyle(Qt::DashLine);
    for (const QPen &p : {halo, pen}) {
        painter->setPen(p);
        painter->setBrush(Qt::NoBrush);
        if (kind() == core::AnnotationKind::Line)
            painter->drawLine(a, b);
        else
            painter->drawRect(QRectF(a, b).normalized());
    }
    if (kind() == core::AnnotationKind::Line) {
        // End ticks make the measured span readable on textured surfaces.
        painter->setBrush(m_color);
        painter->setPen(QPen(Qt::black, 1.0));
        painter->drawEllipse(a, 3.0, 3.0);
        painter->drawEllipse(b, 3.0, 3.0);
    }
    if (isSelected()) {
        painter->setPen(QPen(Qt::black, 1.0));
        painter->setBrush(Qt::white);
        for (const auto &p : handlePoints()) {
            const QPointF c = t.map(p);
            painter->drawRect(QRectF(c.x() - kHandle / 2, c.y() - kHandle / 2, kHandle, kHandle));
        }
    }

    // Measurement badge beside the second point (lines) or below the box.
    const QString text = measurementText();
    QFont f = painter->font();
    f.setBold(true);
    painter->setFont(f);
    const QFontMetricsF fm(f);
    const QRectF view = widget ? QRectF(widget->rect()) : QRectF(painter->viewport());
    const QRectF badge = tagRect(kind(), a, b, QSizeF(fm.horizontalAdvance(text) + 10, fm.height() + 4), view);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 170));
    painter->drawRoundedRect(badge, 4, 4);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

} // namespace concord::ui
