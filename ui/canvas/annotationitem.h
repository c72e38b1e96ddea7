// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/geometry/geometry.h"
#include "core/store/types.h"

#include <QColor>
#include <QGraphicsItem>
#include <QString>

namespace concord::ui {

/// One shape on the canvas (box, measuring line, polygon or point), synced from its
/// core::Annotation (Tiled's MapObjectItem). It is drawn in its class's colour with a tag
/// naming the class and the shape's size (a line's length in mm, a box's sides, a polygon's
/// area); a selected shape shows handles. Handle sizes and texts stay the same on screen
/// whatever the zoom. The geometry itself (handles, moves, measurements) is core/geometry's.
class AnnotationItem final : public QGraphicsItem
{
public:
    /// `index` is the shape's position in the image's annotation list (-1 for a preview).
    AnnotationItem(int index, const core::Annotation &annotation, const QColor &color, double pxPerMm);

    void sync(const core::Annotation &annotation, const QColor &color, double pxPerMm);
    /// The class name the tag shows before the size ("scratch · 12 × 4 px"); empty: the size only.
    void setClassName(const QString &name);
    const QString &className() const { return m_className; }
    QColor color() const { return m_color; }
    /// Moves the points while a tool drags them (not saved until the tool commits).
    void setGeometry(const core::Shape &shape);
    /// setGeometry() for a box or a line from its two points.
    void setSegment(const core::Segment &s);
    const core::Shape &geometry() const { return m_shape; }
    /// A polygon still being drawn: drawn without its closing edge.
    void setOpen(bool open);
    core::AnnotationKind kind() const { return m_annotation.kind; }
    const core::Annotation &annotation() const { return m_annotation; }
    int index() const { return m_index; }
    /// The annotation with the current (possibly dragged) points and fresh measurements; its
    /// id, label and class are kept.
    core::Annotation edited() const;

    /// View scale (screen px per image px), so handles keep their size on screen.
    void setViewScale(double scale);
    /// Handle under an item-coordinate point, in core::handlesOf() order (a box: 0 and 1 are
    /// the stored corners, 2 and 3 the others; a polygon: its vertices); -1 when none.
    int handleAt(const QPointF &pos) const;
    /// The shape after dragging handle `handle` to `pos`.
    core::Shape movedHandle(int handle, const QPointF &pos) const;
    /// Size shown beside the shape and in the status bar ("2.35 mm", "12 × 4 mm", "6.20 mm²").
    QString measurementText() const;
    /// The tag's text: the class name (when known) and the size.
    QString tagText() const;
    /// Where the size tag of a shape from `a` to `b` (screen px) goes in `view`: beside a line's
    /// right end (or a point), below a box or polygon; on the other side when there is no room
    /// (left of the line, above the box), then moved to lie inside `view`, so a shape at the
    /// right or bottom edge keeps its tag on screen.
    static QRectF tagRect(core::AnnotationKind kind, QPointF a, QPointF b, QSizeF size, const QRectF &view);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QList<QPointF> handlePoints() const;

    int m_index;
    core::Annotation m_annotation;
    core::Shape m_shape;
    QColor m_color;
    QString m_className;
    double m_pxPerMm;
    double m_viewScale = 1.0;
    bool m_open = false;
};

} // namespace concord::ui
