// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/canvas/annotationitem.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPolygonF>
#include <QWidget>

#include <algorithm>

namespace concord::ui {

namespace {

constexpr double kHandle = 9.0;    // handle side, screen px
constexpr double kPick = 10.0;     // hit tolerance, screen px
constexpr double kPointDot = 5.0;  // radius of a point shape, screen px
constexpr double kTextPad = 160.0; // room for the measurement badge, screen px

QString trText(const char *s)
{
    return QCoreApplication::translate("concord::ui::AnnotationItem", s);
}

QPointF toQt(const core::ShapePoint &p)
{
    return {p.x, p.y};
}

core::Shape emptyShapeOf(core::AnnotationKind kind)
{
    switch (kind) {
    case core::AnnotationKind::Box: return core::BoxShape{};
    case core::AnnotationKind::Line: return core::LineShape{};
    case core::AnnotationKind::Polygon: return core::PolygonShape{};
    case core::AnnotationKind::Point: return core::PointShape{};
    }
    return core::BoxShape{};
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
    // Malformed geometry (never written by Concord) shows as an empty shape, not a crash.
    m_shape = core::shapeOf(annotation).value_or(emptyShapeOf(annotation.kind));
    m_color = color;
    m_pxPerMm = pxPerMm;
    update();
}

void AnnotationItem::setClassName(const QString &name)
{
    m_className = name;
    update();
}

void AnnotationItem::setGeometry(const core::Shape &shape)
{
    prepareGeometryChange();
    m_shape = shape;
    m_annotation.kind = core::kindOf(shape);
    update();
}

void AnnotationItem::setSegment(const core::Segment &s)
{
    if (kind() == core::AnnotationKind::Line)
        setGeometry(core::LineShape{s});
    else
        setGeometry(core::BoxShape{s});
}

void AnnotationItem::setOpen(bool open)
{
    m_open = open;
    update();
}

core::Annotation AnnotationItem::edited() const
{
    return core::withShape(m_annotation, m_shape, m_pxPerMm);
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
    QList<QPointF> pts;
    for (const auto &p : core::handlesOf(m_shape))
        pts << toQt(p);
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

core::Shape AnnotationItem::movedHandle(int handle, const QPointF &pos) const
{
    if (handle < 0)
        return m_shape;
    return core::withHandleMoved(m_shape, static_cast<std::size_t>(handle), {pos.x(), pos.y()});
}

QString AnnotationItem::measurementText() const
{
    switch (kind()) {
    case core::AnnotationKind::Line: {
        const double px = core::lengthPx(std::get<core::LineShape>(m_shape).ends);
        if (const auto mm = core::pxToMm(px, m_pxPerMm))
            return trText("%1 mm").arg(*mm, 0, 'f', 2);
        return trText("%1 px").arg(px, 0, 'f', 1);
    }
    case core::AnnotationKind::Box: {
        const core::Segment s = core::ordered(std::get<core::BoxShape>(m_shape).corners);
        const double w = s.x2 - s.x1;
        const double h = s.y2 - s.y1;
        const auto wMm = core::pxToMm(w, m_pxPerMm);
        const auto hMm = core::pxToMm(h, m_pxPerMm);
        if (wMm && hMm)
            return trText("%1 × %2 mm").arg(*wMm, 0, 'f', 2).arg(*hMm, 0, 'f', 2);
        return trText("%1 × %2 px").arg(w, 0, 'f', 0).arg(h, 0, 'f', 0);
    }
    case core::AnnotationKind::Polygon: {
        const double px2 = core::areaPx(m_shape);
        if (const auto mm2 = core::pxAreaToMm2(px2, m_pxPerMm))
            return trText("%1 mm²").arg(*mm2, 0, 'f', 2);
        return trText("%1 px²").arg(px2, 0, 'f', 0);
    }
    case core::AnnotationKind::Point: {
        const core::ShapePoint &p = std::get<core::PointShape>(m_shape).at;
        return trText("%1, %2 px").arg(p.x, 0, 'f', 0).arg(p.y, 0, 'f', 0);
    }
    }
    return {};
}

QString AnnotationItem::tagText() const
{
    const QString size = measurementText();
    return m_className.isEmpty() ? size : m_className + QStringLiteral(" · ") + size;
}

QRectF AnnotationItem::boundingRect() const
{
    const core::Segment b = core::boundsOf(m_shape);
    const QRectF r = QRectF(QPointF(b.x1, b.y1), QPointF(b.x2, b.y2)).normalized();
    const double m = std::max(kHandle, kPointDot + 2.0) / m_viewScale;
    // The tag may sit on any side (tagRect), so the room for it is on every side.
    return r.adjusted(-std::max(m, kTextPad / m_viewScale), -std::max(m, kTextPad / 4 / m_viewScale),
                      std::max(m, kTextPad / m_viewScale), std::max(m, kTextPad / 4 / m_viewScale));
}

QPainterPath AnnotationItem::shape() const
{
    QPainterPath path;
    QPainterPath inside; // a polygon is also grabbed by its inside (it moves as a whole)
    const double pick = kPick / m_viewScale;
    switch (kind()) {
    case core::AnnotationKind::Line: {
        const core::Segment &s = std::get<core::LineShape>(m_shape).ends;
        path.moveTo(s.x1, s.y1);
        path.lineTo(s.x2, s.y2);
        break;
    }
    case core::AnnotationKind::Box: {
        const core::Segment &s = std::get<core::BoxShape>(m_shape).corners;
        path.addRect(QRectF(QPointF(s.x1, s.y1), QPointF(s.x2, s.y2)).normalized());
        break;
    }
    case core::AnnotationKind::Polygon: {
        QPolygonF poly;
        for (const auto &p : std::get<core::PolygonShape>(m_shape).points)
            poly << toQt(p);
        path.addPolygon(poly);
        if (!m_open) {
            path.closeSubpath();
            inside.addPolygon(poly);
            inside.closeSubpath();
        }
        break;
    }
    case core::AnnotationKind::Point: break; // the handle below is the whole shape
    }
    QPainterPathStroker stroker;
    stroker.setWidth(2 * pick);
    QPainterPath hit = stroker.createStroke(path);
    if (!inside.isEmpty())
        hit = hit.united(inside); // not addPath(): opposite windings would cancel out
    for (const auto &p : handlePoints())
        hit.addRect(QRectF(p.x() - pick, p.y() - pick, 2 * pick, 2 * pick));
    return hit;
}

QRectF AnnotationItem::tagRect(core::AnnotationKind kind, QPointF a, QPointF b, QSizeF size, const QRectF &view)
{
    constexpr double gap = 8.0;
    const QRectF shape = QRectF(a, b).normalized();
    QPointF at;
    if (kind == core::AnnotationKind::Line || kind == core::AnnotationKind::Point) {
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
    painter->setRenderHint(QPainter::Antialiasing);
    // Draw in screen space so widths, handles and text keep their size at any zoom.
    const QTransform t = painter->worldTransform();
    painter->save();
    painter->resetTransform();

    QPen halo(QColor(0, 0, 0, 150), 4.0);
    QPen pen(m_color, 2.0);
    if (m_index < 0)
        pen.setStyle(Qt::DashLine);
    QPointF tagA, tagB; // the screen box the tag is placed against
    switch (kind()) {
    case core::AnnotationKind::Line:
    case core::AnnotationKind::Box: {
        const core::Segment s = kind() == core::AnnotationKind::Line ? std::get<core::LineShape>(m_shape).ends
                                                                     : std::get<core::BoxShape>(m_shape).corners;
        tagA = t.map(QPointF(s.x1, s.y1));
        tagB = t.map(QPointF(s.x2, s.y2));
        for (const QPen &p : {halo, pen}) {
            painter->setPen(p);
            painter->setBrush(Qt::NoBrush);
            if (kind() == core::AnnotationKind::Line)
                painter->drawLine(tagA, tagB);
            else
                painter->drawRect(QRectF(tagA, tagB).normalized());
        }
        if (kind() == core::AnnotationKind::Line) {
            // End ticks make the measured span readable on textured surfaces.
            painter->setBrush(m_color);
            painter->setPen(QPen(Qt::black, 1.0));
            painter->drawEllipse(tagA, 3.0, 3.0);
            painter->drawEllipse(tagB, 3.0, 3.0);
        }
        break;
    }
    case core::AnnotationKind::Polygon: {
        QPolygonF poly;
        for (const auto &p : std::get<core::PolygonShape>(m_shape).points)
            poly << t.map(toQt(p));
        const QRectF r = poly.boundingRect();
        tagA = r.topLeft();
        tagB = r.bottomRight();
        if (!m_open) {
            // A light fill shows what the area covers; the outline stays readable over it.
            QColor fill = m_color;
            fill.setAlpha(45);
            painter->setPen(Qt::NoPen);
            painter->setBrush(fill);
            painter->drawPolygon(poly);
        }
        for (const QPen &p : {halo, pen}) {
            painter->setPen(p);
            painter->setBrush(Qt::NoBrush);
            if (m_open)
                painter->drawPolyline(poly);
            else
                painter->drawPolygon(poly);
        }
        painter->setBrush(m_color);
        painter->setPen(QPen(Qt::black, 1.0));
        for (const QPointF &c : poly)
            painter->drawEllipse(c, 2.5, 2.5);
        break;
    }
    case core::AnnotationKind::Point: {
        const QPointF c = t.map(toQt(std::get<core::PointShape>(m_shape).at));
        tagA = tagB = c;
        painter->setPen(QPen(QColor(0, 0, 0, 200), 2.0));
        painter->setBrush(m_color);
        painter->drawEllipse(c, kPointDot, kPointDot);
        painter->setPen(QPen(Qt::white, 1.0));
        painter->drawLine(c - QPointF(kPointDot + 3, 0), c - QPointF(kPointDot - 2, 0));
        painter->drawLine(c + QPointF(kPointDot - 2, 0), c + QPointF(kPointDot + 3, 0));
        break;
    }
    }
    if (isSelected()) {
        painter->setPen(QPen(Qt::black, 1.0));
        painter->setBrush(Qt::white);
        for (const auto &p : handlePoints()) {
            const QPointF c = t.map(p);
            painter->drawRect(QRectF(c.x() - kHandle / 2, c.y() - kHandle / 2, kHandle, kHandle));
        }
    }

    // The tag: class and size, beside a line's end or a point, below a box or polygon.
    const QString text = tagText();
    QFont f = painter->font();
    f.setBold(true);
    painter->setFont(f);
    const QFontMetricsF fm(f);
    const QRectF view = widget ? QRectF(widget->rect()) : QRectF(painter->viewport());
    const QRectF badge = tagRect(kind(), tagA, tagB, QSizeF(fm.horizontalAdvance(text) + 14, fm.height() + 4), view);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 170));
    painter->drawRoundedRect(badge, 4, 4);
    // A stripe of the class's colour ties the tag to its shape among others.
    painter->setBrush(m_color);
    painter->drawRect(QRectF(badge.left(), badge.top() + 3, 3, badge.height() - 6));
    painter->setPen(Qt::white);
    painter->drawText(badge.adjusted(4, 0, 0, 0), Qt::AlignCenter, text);
    painter->restore();
}

} // namespace concord::ui
