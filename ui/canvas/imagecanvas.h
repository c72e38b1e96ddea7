// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"
#include "ui/image/decodedimage.h"

#include "ui/image/imageadjustment.h"

#include <QGraphicsView>

#include <functional>
#include <memory>
#include <vector>

namespace concord::ui {

class AnnotationItem;
class OverviewMap;
class ImageItem;
class Tool;

/// How a shape is drawn: its class's colour and name (the tag shows the name).
struct ShapeStyle
{
    QColor color;
    QString className;
};

/// The image canvas: a QGraphicsView whose scene is in image pixels, with one ImageItem and
/// one AnnotationItem per shape. Fit, 1:1 (one image pixel per device pixel, HiDPI aware),
/// wheel zoom around the cursor, pan with the middle button, Space+drag or a drag on empty
/// image in the select tool. The tools (strategy classes) report new and edited shapes through
/// signals; the canvas never writes to the project.
class ImageCanvas final : public QGraphicsView
{
    Q_OBJECT

public:
    enum class ToolKind
    {
        Select,
        Box,
        Line,
        Polygon,
        Point
    };

    explicit ImageCanvas(QWidget *parent = nullptr);
    ~ImageCanvas() override;

    /// Shows an image (null while it is still decoding: a placeholder of `nominalSize`).
    void setImage(std::shared_ptr<const DecodedImage> image, QSize nominalSize);
    /// Brightness, contrast, gamma, inversion, equalisation of this view (kept across images).
    void setAdjustment(const ImageAdjustment &adjustment);
    const ImageAdjustment &adjustment() const;
    bool hasImage() const;
    /// The picture shown, or null.
    const DecodedImage *decodedImage() const;
    QSize imageSize() const;
    /// Replaces the shapes shown (after any change of the image's state). Each is drawn in the
    /// style setShapeStyle() gives its class; a shape without a class (0), or every shape when
    /// no style function is set, in `color`. The selected shape stays selected; a shape just
    /// drawn comes back selected.
    void setAnnotations(const std::vector<core::Annotation> &annotations, const QColor &color, double pxPerMm);
    /// How a shape of a class is drawn (the view knows the project's classes; the canvas does not).
    void setShapeStyle(std::function<ShapeStyle(core::Id classId)> style) { m_shapeStyle = std::move(style); }
    /// No shape selected, nothing measured: called when another image is shown.
    void clearSelection();
    /// How a shape being drawn looks: the class it will get.
    void setDrawingStyle(const ShapeStyle &style) { m_drawingStyle = style; }
    QColor drawingColor() const { return m_drawingStyle.color; }
    QString drawingClassName() const { return m_drawingStyle.className; }
    /// Whether the tool is in the middle of a shape drawn over several clicks (a polygon).
    bool isDrawing() const;
    double pxPerMm() const { return m_pxPerMm; }

    void setTool(ToolKind kind);
    ToolKind toolKind() const { return m_toolKind; }
    Tool *tool() const { return m_tool; }

    QList<AnnotationItem *> annotationItems() const { return m_items; }
    AnnotationItem *annotationAt(const QPointF &imagePos) const;
    /// Index of the selected shape, or -1.
    int selectedAnnotation() const;
    QPointF clampToImage(const QPointF &p) const;
    /// Screen (device-independent) pixels per image pixel.
    double viewScale() const;
    bool isFitting() const { return m_fit; }
    /// Fit every new image to the window (the default), or keep the zoom from image to image.
    void setFitNewImages(bool on) { m_fitNewImages = on; }
    /// The overview in the corner, shown while the image does not fit the view (a click or a
    /// drag on it moves the view there).
    OverviewMap *overview() const { return m_overview; }
    void showMeasurement(const QString &text);

public slots:
    void fitToWindow();
    void zoomOneToOne();
    void zoomIn();
    void zoomOut();
    /// Asks to delete the selected shape; while a polygon is being drawn, removes its last
    /// point instead.
    void deleteSelection();
    /// Finishes the polygon being drawn (Enter); nothing when there is none or it has fewer
    /// than three points.
    void finishDrawing();

signals:
    void annotationCreated(const concord::core::Annotation &annotation);
    void annotationChanged(int index, const concord::core::Annotation &annotation);
    void annotationRemoveRequested(int index);
    void zoomChanged(double scale);
    /// Size of the shape being drawn or edited ("2.35 mm"), else of the selected shape; empty
    /// when no shape is selected (never a shape of another image).
    void measurementChanged(const QString &text);
    /// The area a fitted image may take, in device pixels (for decoding at exactly that size).
    void fitBoxChanged(QSize box);
    void adjustmentChanged();
    /// The selected shape changed (its index, -1 for none), also after setAnnotations().
    void selectedShapeChanged(int index);
    /// A shape drawn over several clicks was begun (true) or finished or dropped (false).
    void drawingChanged(bool drawing);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void zoomBy(double factor);
    void zoomAroundCenter(double factor);
    void scaleChanged();
    /// Shows the overview when part of the image is out of view, with that part outlined.
    void updateOverview();
    /// Emits measurementChanged() for the selected shape (empty for none).
    void selectionMeasurement();

    QGraphicsScene *m_scene;
    ImageItem *m_imageItem;
    QList<AnnotationItem *> m_items;
    std::unique_ptr<Tool> m_selectTool;
    std::unique_ptr<Tool> m_boxTool;
    std::unique_ptr<Tool> m_lineTool;
    std::unique_ptr<Tool> m_polygonTool;
    std::unique_ptr<Tool> m_pointTool;
    Tool *m_tool = nullptr;
    ToolKind m_toolKind = ToolKind::Select;
    ShapeStyle m_drawingStyle{QColor(0xe6, 0x9f, 0x00), {}};
    std::function<ShapeStyle(core::Id)> m_shapeStyle;
    double m_pxPerMm = 0.0;
    OverviewMap *m_overview;
    bool m_fit = true;
    bool m_fitNewImages = true;
    bool m_selectNew = false;  ///< a shape was just drawn: select it when it comes back
    bool m_rebuilding = false; ///< setAnnotations() is replacing the items
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panLast;
};

} // namespace concord::ui
