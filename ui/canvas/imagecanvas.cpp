// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/canvas/imagecanvas.h"

#include "ui/canvas/annotationitem.h"
#include "ui/canvas/dragshapetool.h"
#include "ui/canvas/imageitem.h"
#include "ui/canvas/overviewmap.h"
#include "ui/canvas/pointtool.h"
#include "ui/canvas/polygontool.h"
#include "ui/canvas/selecttool.h"

#include <QGraphicsScene>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace concord::ui {

namespace {

constexpr double kMinScale = 0.01;
constexpr double kMaxScale = 64.0;
constexpr double kZoomStep = 1.25;

} // namespace

ImageCanvas::ImageCanvas(QWidget *parent)
    : QGraphicsView(parent)
    , m_scene(new QGraphicsScene(this))
    , m_imageItem(new ImageItem)
    , m_selectTool(std::make_unique<SelectTool>(*this))
    , m_boxTool(std::make_unique<BoxTool>(*this))
    , m_lineTool(std::make_unique<LineTool>(*this))
    , m_polygonTool(std::make_unique<PolygonTool>(*this))
    , m_pointTool(std::make_unique<PointTool>(*this))
    , m_tool(m_selectTool.get())
    , m_overview(new OverviewMap(this))
{
    setObjectName(QStringLiteral("imageCanvas"));
    setScene(m_scene);
    m_scene->addItem(m_imageItem);
    // The scene does not index: few items, and the image item spans everything.
    m_scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    setBackgroundBrush(QColor(0x26, 0x28, 0x2b));
    setFrameShape(QFrame::NoFrame);
    setAlignment(Qt::AlignCenter);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlag(DontAdjustForAntialiasing);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(m_tool->cursor());
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &ImageCanvas::selectionMeasurement);
    // Connected before any view's slot: the document's refresh then finds the flag set.
    connect(this, &ImageCanvas::annotationCreated, this, [this] { m_selectNew = true; });
    connect(m_overview, &OverviewMap::centerRequested, this, [this](QPointF p) { centerOn(p); });
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, this, &ImageCanvas::updateOverview);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ImageCanvas::updateOverview);
}

ImageCanvas::~ImageCanvas()
{
    // Tools may own preview items that belong to the scene.
    for (Tool *t : {m_selectTool.get(), m_boxTool.get(), m_lineTool.get(), m_polygonTool.get(), m_pointTool.get()})
        t->deactivate();
}

void ImageCanvas::setImage(std::shared_ptr<const DecodedImage> image, QSize nominalSize)
{
    // A sharper decode of the same picture must not interrupt a drag in progress.
    const bool samePicture = image && m_imageItem->image() && image->path == m_imageItem->image()->path;
    if (!samePicture)
        m_tool->deactivate();
    const QSize before = imageSize();
    m_imageItem->setImage(std::move(image), nominalSize);
    const QRectF r = m_imageItem->boundingRect();
    m_scene->setSceneRect(r);
    // A new picture is fitted when the view fits, when its size differs, or always with "fit every
    // new image"; otherwise the zoom is kept (comparing the same spot of like images).
    const DecodedImage *shown = m_imageItem->image();
    m_overview->setPicture(shown && !shown->levels.empty() ? shown->levels.back() : QImage(), r.size());
    if (m_fit || imageSize() != before || (!samePicture && m_fitNewImages))
        fitToWindow();
    updateOverview();
}

void ImageCanvas::updateOverview()
{
    const QRectF image = m_imageItem->boundingRect();
    const QRectF shown = mapToScene(viewport()->rect()).boundingRect().intersected(image);
    // Half a pixel of slack: fitInView() leaves the whole image in view, give or take rounding.
    const bool partial = hasImage() && !image.isEmpty() &&
                         (shown.width() < image.width() - 0.5 || shown.height() < image.height() - 0.5);
    m_overview->setVisible(partial);
    if (!partial)
        return;
    m_overview->setVisibleRect(shown);
    const QRect vp = viewport()->geometry();
    constexpr int kMargin = 8;
    m_overview->move(vp.right() - m_overview->width() - kMargin, vp.bottom() - m_overview->height() - kMargin);
    m_overview->raise();
}

void ImageCanvas::setAdjustment(const ImageAdjustment &adjustment)
{
    if (adjustment == m_imageItem->adjustment())
        return;
    m_imageItem->setAdjustment(adjustment);
    emit adjustmentChanged();
}

const ImageAdjustment &ImageCanvas::adjustment() const
{
    return m_imageItem->adjustment();
}

bool ImageCanvas::hasImage() const
{
    return m_imageItem->image() && !m_imageItem->image()->levels.empty();
}

const DecodedImage *ImageCanvas::decodedImage() const
{
    return m_imageItem->image();
}

QSize ImageCanvas::imageSize() const
{
    return m_imageItem->boundingRect().size().toSize();
}

void ImageCanvas::setAnnotations(const std::vector<core::Annotation> &annotations, const QColor &color, double pxPerMm)
{
    m_tool->deactivate();
    const int selected = selectedAnnotation();
    m_rebuilding = true;
    qDeleteAll(m_items);
    m_items.clear();
    m_pxPerMm = pxPerMm;
    for (std::size_t i = 0; i < annotations.size(); ++i) {
        const core::Annotation &a = annotations[i];
        const ShapeStyle style = a.classId != 0 && m_shapeStyle ? m_shapeStyle(a.classId) : ShapeStyle{color, {}};
        auto *item = new AnnotationItem(static_cast<int>(i), a, style.color.isValid() ? style.color : color, pxPerMm);
        item->setClassName(style.className);
        item->setViewScale(viewScale());
        m_scene->addItem(item);
        m_items.append(item);
    }
    if (m_selectNew && !m_items.isEmpty())
        m_items.back()->setSelected(true); // the new shape is the last one
    else if (selected >= 0 && selected < m_items.size())
        m_items[selected]->setSelected(true);
    m_selectNew = false;
    m_rebuilding = false;
    selectionMeasurement();
}

void ImageCanvas::clearSelection()
{
    m_selectNew = false;
    m_scene->clearSelection();
    emit measurementChanged(QString());
    emit selectedShapeChanged(-1);
}

void ImageCanvas::selectionMeasurement()
{
    if (m_rebuilding)
        return;
    const auto it = std::find_if(m_items.cbegin(), m_items.cend(), [](const auto *item) { return item->isSelected(); });
    emit measurementChanged(it != m_items.cend() ? (*it)->measurementText() : QString());
    emit selectedShapeChanged(it != m_items.cend() ? (*it)->index() : -1);
}

void ImageCanvas::setTool(ToolKind kind)
{
    m_tool->deactivate();
    m_toolKind = kind;
    switch (kind) {
    case ToolKind::Select: m_tool = m_selectTool.get(); break;
    case ToolKind::Box: m_tool = m_boxTool.get(); break;
    case ToolKind::Line: m_tool = m_lineTool.get(); break;
    case ToolKind::Polygon: m_tool = m_polygonTool.get(); break;
    case ToolKind::Point: m_tool = m_pointTool.get(); break;
    }
    m_tool->activate();
    viewport()->setCursor(m_tool->cursor());
}

AnnotationItem *ImageCanvas::annotationAt(const QPointF &imagePos) const
{
    // Topmost (last drawn) first.
    for (auto it = m_items.crbegin(); it != m_items.crend(); ++it)
        if ((*it)->shape().contains((*it)->mapFromScene(imagePos)))
            return *it;
    return nullptr;
}

int ImageCanvas::selectedAnnotation() const
{
    for (auto *item : m_items)
        if (item->isSelected())
            return item->index();
    return -1;
}

QPointF ImageCanvas::clampToImage(const QPointF &p) const
{
    const QRectF r = m_imageItem->boundingRect();
    return {std::clamp(p.x(), r.left(), r.right()), std::clamp(p.y(), r.top(), r.bottom())};
}

double ImageCanvas::viewScale() const
{
    return transform().m11();
}

void ImageCanvas::showMeasurement(const QString &text)
{
    emit measurementChanged(text);
}

void ImageCanvas::fitToWindow()
{
    const QRectF r = m_imageItem->boundingRect();
    if (r.isEmpty())
        return;
    fitInView(r, Qt::KeepAspectRatio);
    m_fit = true;
    scaleChanged();
}

void ImageCanvas::zoomOneToOne()
{
    // One image pixel per device pixel, so 1:1 really is 1:1 on a HiDPI screen.
    const double s = 1.0 / devicePixelRatioF();
    const auto anchor = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    setTransform(QTransform::fromScale(s, s));
    setTransformationAnchor(anchor);
    m_fit = false;
    scaleChanged();
}

void ImageCanvas::zoomIn()
{
    zoomAroundCenter(kZoomStep);
}

void ImageCanvas::zoomOut()
{
    zoomAroundCenter(1.0 / kZoomStep);
}

void ImageCanvas::zoomAroundCenter(double factor)
{
    // Keys have no cursor position: zoom around the middle of the view.
    const auto anchor = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    zoomBy(factor);
    setTransformationAnchor(anchor);
}

bool ImageCanvas::isDrawing() const
{
    return m_tool->isDrawing();
}

void ImageCanvas::finishDrawing()
{
    m_tool->finish();
}

void ImageCanvas::deleteSelection()
{
    if (m_tool->removeLastPoint())
        return;
    const int i = selectedAnnotation();
    if (i >= 0)
        emit annotationRemoveRequested(i);
}

void ImageCanvas::zoomBy(double factor)
{
    const double target = std::clamp(viewScale() * factor, kMinScale, kMaxScale);
    const double f = target / viewScale();
    if (f == 1.0)
        return;
    scale(f, f);
    m_fit = false;
    scaleChanged();
}

void ImageCanvas::scaleChanged()
{
    const double s = viewScale();
    for (auto *item : m_items)
        item->setViewScale(s);
    emit zoomChanged(s);
    updateOverview();
}

void ImageCanvas::mousePressEvent(QMouseEvent *event)
{
    const bool panButton = event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld);
    if (!panButton && m_tool->mousePress(event, mapToScene(event->position().toPoint()))) {
        event->accept();
        return;
    }
    if (panButton || event->button() == Qt::LeftButton) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void ImageCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint p = event->position().toPoint();
        const QPoint d = p - m_panLast;
        m_panLast = p;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        m_fit = false;
        event->accept();
        return;
    }
    if (m_tool->mouseMove(event, mapToScene(event->position().toPoint()))) {
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void ImageCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? QCursor(Qt::OpenHandCursor) : m_tool->cursor());
        event->accept();
        return;
    }
    if (m_tool->mouseRelease(event, mapToScene(event->position().toPoint()))) {
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void ImageCanvas::mouseDoubleClickEvent(QMouseEvent *event)
{
    // The second press of a quick double click: for the tools a press like any other (a
    // polygon's vertex placed quickly after the one before), never the scene's double click.
    mousePressEvent(event);
}

void ImageCanvas::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0.0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    // AnchorUnderMouse keeps the image point under the cursor in place.
    zoomBy(std::pow(kZoomStep, steps));
    event->accept();
}

void ImageCanvas::keyPressEvent(QKeyEvent *event)
{
    if (m_tool->keyPress(event)) {
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    // Arrow keys belong to queue navigation, not to scrolling.
    event->ignore();
}

void ImageCanvas::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->setCursor(m_tool->cursor());
    }
    QGraphicsView::keyReleaseEvent(event);
}

void ImageCanvas::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    // fitInView() keeps a 2 px margin on each side.
    emit fitBoxChanged((viewport()->size() - QSize(4, 4)) * devicePixelRatioF());
    if (m_fit)
        fitToWindow();
    updateOverview();
}

} // namespace concord::ui
