// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"
#include "ui/canvas/imagecanvas.h"
#include "ui/models/examplemodel.h"

#include <QDialog>

#include <functional>
#include <vector>

class QLabel;

namespace concord::ui {

class ProjectDocument;

/// An example or candidate image enlarged (issue #19, "Examples that teach"): the picture in an
/// ImageCanvas, so it fits, zooms around the cursor and pans like the labeling view, with the
/// shapes that teach drawn in their class's colour and measured ("scratch · 2.05 mm"), and a
/// caption above it: role, expected class, measured values and the lead's note. Read only: a
/// shape dragged by accident springs back.
class ExampleViewer final : public QDialog
{
    Q_OBJECT

public:
    struct Content
    {
        QString path;    ///< the image file
        QString title;   ///< the window title
        QString caption; ///< rich text above the picture (escaped by the caller)
        std::vector<core::Annotation> shapes;
        double pxPerMm = 0.0;
        std::function<ShapeStyle(core::Id classId)> style;
    };

    explicit ExampleViewer(Content content, QWidget *parent = nullptr);

    /// A viewer that deletes itself when closed, shown (not modal) beside `parent`'s window.
    static ExampleViewer *showFor(Content content, QWidget *parent);

    ImageCanvas *canvas() const { return m_canvas; }
    QLabel *caption() const { return m_caption; }

private:
    Content m_content;
    ImageCanvas *m_canvas;
    QLabel *m_caption;
};

/// The caption of an enlarged example: its role, the class it should get, its measurement and
/// the lead's note (HTML, escaped).
QString exampleCaption(const ExampleModel::Entry &entry);

/// How a shape of class `classId` is drawn outside the labeling view: the class's colour and
/// name (blue and no name for an unknown class).
ShapeStyle shapeStyleOf(const ProjectDocument &document, core::Id classId);

} // namespace concord::ui
