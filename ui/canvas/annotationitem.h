// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/geometry/geometry.h"
#include "core/store/types.h"

#include <QColor>
#include <QGraphicsItem>

namespace concord::ui {

/// One box or measuring line on the canvas, synced from its core::Annotation (Tiled's
/// MapObjectItem). Lines carry their length in mm; selected shapes show handles. Handle sizes
/// and texts stay the same on screen whatever the zoom.
class AnnotationItem final : public QGraphicsItem
{
public:
    /// `index` is the shape's position in the image's annotation list (-1 for a preview).
    AnnotationItem(int index, const core::Annotation &annotation, const QColor &color, double pxPerMm);

    void sync(const core::Annotation &annotation, const QColor &color, double pxPerMm);
    /// Moves the points while a tool drags them (not saved until the tool commits).
    void setSegment(const core::Segment &s);
    const core::Segment &segment() const { return m_segment; }
    core::AnnotationKind kind() const { return m_annotation.kind; }
    const core::Annotation &annotation() const { return m_annotation; }
    int index() const { return m_index; }
    /// The annotation with the current (possibly dragged) points and fresh measurements.
    core::Annotation edited() const;

    /// View scale (screen px per image px), so handles keep their size on screen.
    void setViewScale(double scale);
    /// Handle under an item-coordinate point: 0 and 1 are the stored points, 2 and 3 the other
    /// corners of a box; -1 when none.
    int handleAt(const QPointF &pos) const;
    /// The segment after dragging handle `handle` to `pos`.
    core::Segment movedHandle(int handle, const QPointF &pos) const;
    /// Measurement text shown beside the shape ("2.35 mm", "12 × 4 mm").
    QString measurementText() const;
    /// Where the size tag of a shape from `a` to `b` (screen px) goes in `view`: beside a line's
    /// right end, below a box; on the other side when there is no room (left of the line, above
    /// the box), then moved to lie inside `view`, so a shape at the right or bottom edge keeps
    /// its tag on screen.
    static QRectF tagRect(core::AnnotationKind kind, QPointF a, QPointF b, QSizeF size, const QRectF &view);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QList<QPointF> handlePoints() const;

    int m_index;
    core::Annotation m_annotation;
    core::Segment m_segment;
    QColor m_color;
    double m_pxPerMm;
    double m_viewScale = 1.0;
};

} // namespace concord::ui
