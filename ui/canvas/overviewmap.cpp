// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/canvas/overviewmap.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace concord::ui {

namespace {

constexpr int kFrame = 2; ///< the map's border, in widget pixels

} // namespace

OverviewMap::OverviewMap(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("overviewMap"));
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    hide();
}

void OverviewMap::setPicture(const QImage &picture, QSizeF imageSize)
{
    m_imageSize = imageSize;
    if (imageSize.isEmpty()) {
        m_picture = {};
        return;
    }
    const QSize fit = imageSize.scaled(kSide, kSide, Qt::KeepAspectRatio).toSize().expandedTo(QSize(1, 1));
    m_picture = picture.isNull() ? QImage() : picture.scaled(fit, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    setFixedSize(fit + QSize(2 * kFrame, 2 * kFrame));
    update();
}

void OverviewMap::setVisibleRect(const QRectF &rect)
{
    if (rect == m_visible)
        return;
    m_visible = rect;
    update();
}

QRectF OverviewMap::pictureRect() const
{
    return QRectF(rect()).adjusted(kFrame, kFrame, -kFrame, -kFrame);
}

QPointF OverviewMap::imagePointAt(QPointF pos) const
{
    const QRectF r = pictureRect();
    if (r.isEmpty() || m_imageSize.isEmpty())
        return {};
    const double x = std::clamp((pos.x() - r.left()) / r.width(), 0.0, 1.0) * m_imageSize.width();
    const double y = std::clamp((pos.y() - r.top()) / r.height(), 0.0, 1.0) * m_imageSize.height();
    return {x, y};
}

QPointF OverviewMap::mapPointOf(QPointF point) const
{
    const QRectF r = pictureRect();
    if (m_imageSize.isEmpty())
        return r.topLeft();
    return {r.left() + point.x() / m_imageSize.width() * r.width(),
            r.top() + point.y() / m_imageSize.height() * r.height()};
}

void OverviewMap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0x26, 0x28, 0x2b));
    const QRectF r = pictureRect();
    if (!m_picture.isNull())
        p.drawImage(r, m_picture);
    // Dim what the view does not show, outline what it does.
    const QRectF shown = QRectF(mapPointOf(m_visible.topLeft()), mapPointOf(m_visible.bottomRight())).intersected(r);
    QPainterPath outside;
    outside.addRect(r);
    QPainterPath inside;
    inside.addRect(shown);
    p.fillPath(outside.subtracted(inside), QColor(0, 0, 0, 110));
    p.setPen(QPen(QColor(0xff, 0xd5, 0x4f), 1.5));
    p.setBrush(Qt::NoBrush);
    p.drawRect(shown.adjusted(0.5, 0.5, -0.5, -0.5));
    p.setPen(QPen(QColor(255, 255, 255, 160), 1.0));
    p.drawRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5));
}

void OverviewMap::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    emit centerRequested(imagePointAt(event->position()));
    event->accept();
}

void OverviewMap::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return QWidget::mouseMoveEvent(event);
    emit centerRequested(imagePointAt(event->position()));
    event->accept();
}

} // namespace concord::ui
