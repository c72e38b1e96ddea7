// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"
#include "ui/canvas/imagecanvas.h"
#include "ui/models/examplemodel.h"

#include <QDialog>

#include <functional>
#include <vector>

class QAction;
class QLabel;

namespace concord::ui {

class ProjectDocument;

/// An example or candidate image enlarged (issue #19, "Examples that teach"): the picture in an
/// ImageCanvas, so it fits, zooms around the cursor and pans like the labeling view, with the
/// shapes that teach drawn in their class's colour and measured ("scratch · 2.05 mm"), and a
/// caption above it: role, expected class, measured values and the lead's note. The image
/// adjustment keys of the labeling view work here too. Read only: a shape dragged by accident
/// springs back.
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
    /// Brightness, contrast, gamma, invert, equalise and reset, with the labeling view's keys
    /// (makeAdjustmentActions).
    QList<QAction *> adjustmentActions() const { return m_adjustActions; }

private:
    Content m_content;
    QList<QAction *> m_adjustActions;
    ImageCanvas *m_canvas;
    QLabel *m_caption;
};

/// The caption of an enlarged example: its role, the class it should get, its measurement and
/// the lead's note (HTML, escaped).
QString exampleCaption(const ExampleModel::Entry &entry);

/// A standard's examples as the label book and the adjudication page show them: each with
/// the class it teaches (the standard's rule outranks the labelers' vote), its measured length
/// and the shapes of that class (all shapes when none has it), from the session's
/// core::Session::taughtExamples; the plain examples when the session may not see them.
std::vector<ExampleModel::Entry> taughtExampleEntries(const ProjectDocument &document, const core::Standard &standard);

/// What the viewer shows of the example at `row` (a row of `examples`): its picture, title,
/// caption, shapes in their class's colours and the calibration. `document` must outlive it.
ExampleViewer::Content exampleContent(const ExampleModel &examples, int row, const ProjectDocument &document);

/// Opens the example at `row` of `examples` enlarged beside `parent` (ExampleViewer::showFor),
/// its shapes in their class's colours; nullptr for a row that is not there. What
/// StandardView::exampleActivated does wherever a standard is shown. `document` must outlive
/// the viewer (the viewer is a child of `parent`, which the document outlives).
ExampleViewer *enlargeExample(const ExampleModel &examples, int row, const ProjectDocument &document, QWidget *parent);

/// How a shape of class `classId` is drawn outside the labeling view: the class's colour and
/// name (blue and no name for an unknown class).
ShapeStyle shapeStyleOf(const ProjectDocument &document, core::Id classId);

} // namespace concord::ui
