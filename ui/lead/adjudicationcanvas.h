// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QColor>
#include "ui/image/imageadjustment.h"

#include <QImage>
#include <QString>
#include <QWidget>

#include <vector>

namespace concord::ui {

/// The image of one conflict with every labeler's shapes drawn over it, each labeler in their
/// own colour and switchable on and off. Read-only: the lead decides the class, not the
/// shapes, so a plain fitted painting is enough (no zoom tools as on the labeling canvas).
class AdjudicationCanvas final : public QWidget
{
    Q_OBJECT

public:
    struct Layer
    {
        QString labeler;
        QColor color;
        std::vector<core::Annotation> annotations;
        bool visible = true;
    };

    explicit AdjudicationCanvas(QWidget *parent = nullptr);

    /// `image` may be decoded smaller than the file; `fullSize` is the file's size in pixels,
    /// the space the annotations' geometry is in.
    void setImage(const QImage &image, QSize fullSize, const QString &error = {});
    void setLayers(std::vector<Layer> layers);
    void setLayerVisible(int index, bool visible);
    /// How the picture is shown (brightness, contrast, gamma, invert, equalise), kept across
    /// conflicts until reset; never what is stored.
    void setAdjustment(const ImageAdjustment &adjustment);
    const ImageAdjustment &adjustment() const { return m_adjustment; }
    const std::vector<Layer> &layers() const { return m_layers; }
    bool hasImage() const { return !m_image.isNull(); }

    QSize sizeHint() const override { return {640, 480}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void updateShown();

    QImage m_image;
    QImage m_shown; ///< m_image as adjusted
    ImageAdjustment m_adjustment;
    QSize m_fullSize;
    QString m_error;
    std::vector<Layer> m_layers;
};

} // namespace concord::ui
