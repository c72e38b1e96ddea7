// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/labeling/exampleviewer.h"

#include "core/clusters/imageattributes.h"
#include "core/common/error.h"
#include "core/standards/examplemeasurements.h"
#include "ui/canvas/annotationitem.h"
#include "ui/document/enumtext.h"
#include "ui/document/projectdocument.h"
#include "ui/image/adjustmentactions.h"
#include "ui/image/decodedimage.h"

#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

#include <algorithm>

namespace concord::ui {

ExampleViewer::ExampleViewer(Content content, QWidget *parent)
    : QDialog(parent)
    , m_content(std::move(content))
    , m_canvas(new ImageCanvas(this))
    , m_caption(new QLabel(this))
{
    setObjectName(QStringLiteral("exampleViewer"));
    setWindowTitle(m_content.title);
    m_caption->setObjectName(QStringLiteral("exampleCaption"));
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setWordWrap(true);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->setText(m_content.caption);
    m_caption->setVisible(!m_content.caption.isEmpty());
    m_canvas->setObjectName(QStringLiteral("exampleCanvas"));
    m_canvas->setTool(ImageCanvas::ToolKind::Select);
    if (m_content.style)
        m_canvas->setShapeStyle(m_content.style);

    // An example image is one picture looked at closely: decoded here, at full size (a huge
    // one is reduced to its levels by decodeImage, as in the labeling view).
    auto image = std::make_shared<const DecodedImage>(decodeImage(m_content.path));
    const QSize size = image->size;
    m_canvas->setImage(std::move(image), size);
    const QColor fallback(0x1e, 0x88, 0xe5);
    m_canvas->setAnnotations(m_content.shapes, fallback, m_content.pxPerMm);
    // Labelers often draw the same mark, so tags on the picture may hide each other: every
    // shape's tag is listed under the caption too (issue #19).
    if (m_canvas->annotationItems().size() > 1) {
        QStringList tags;
        for (const AnnotationItem *item : m_canvas->annotationItems())
            tags << item->tagText().toHtmlEscaped();
        m_caption->setText(m_content.caption + (m_content.caption.isEmpty() ? QString() : QStringLiteral("<br>")) +
                           tr("Each shape: %1").arg(tags.join(QStringLiteral("; "))));
        m_caption->show();
    }
    // Read only: whatever the select tool does to a shape is undone at once.
    const auto restore = [this, fallback] { m_canvas->setAnnotations(m_content.shapes, fallback, m_content.pxPerMm); };
    connect(m_canvas, &ImageCanvas::annotationChanged, this, restore, Qt::QueuedConnection);
    connect(m_canvas, &ImageCanvas::annotationCreated, this, restore, Qt::QueuedConnection);

    // The keys of every image view (] [ brightness, } { contrast, Ctrl+] Ctrl+[ gamma, I, E,
    // R reset): how the example is shown, never the file.
    m_adjustActions = makeAdjustmentActions(
        this, [this] { return m_canvas->adjustment(); },
        [this](const ImageAdjustment &a) { m_canvas->setAdjustment(a); });

    auto *fit = new QPushButton(tr("&Fit"), this);
    fit->setObjectName(QStringLiteral("fitButton"));
    auto *oneToOne = new QPushButton(tr("&1:1"), this);
    auto *zoomIn = new QPushButton(tr("Zoom &in"), this);
    auto *zoomOut = new QPushButton(tr("Zoom &out"), this);
    connect(fit, &QPushButton::clicked, m_canvas, &ImageCanvas::fitToWindow);
    connect(oneToOne, &QPushButton::clicked, m_canvas, &ImageCanvas::zoomOneToOne);
    connect(zoomIn, &QPushButton::clicked, m_canvas, &ImageCanvas::zoomIn);
    connect(zoomOut, &QPushButton::clicked, m_canvas, &ImageCanvas::zoomOut);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(fit);
    bottom->addWidget(oneToOne);
    bottom->addWidget(zoomIn);
    bottom->addWidget(zoomOut);
    bottom->addWidget(new QLabel(tr("Wheel: zoom · drag: pan · ] [ brightness · } { contrast · R: reset"), this));
    bottom->addStretch();
    bottom->addWidget(close);

    m_canvas->setFocus(); // the keys act on the picture, not on a button

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_caption);
    layout->addWidget(m_canvas, 1);
    layout->addLayout(bottom);

    // Large: 80 % of the screen, no larger than the image at 1:1 needs.
    const QScreen *screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    const QSize avail = screen ? screen->availableSize() * 0.8 : QSize(1200, 800);
    const QSize wanted = size.isValid() ? (size + QSize(40, 140)).expandedTo(QSize(640, 480)) : QSize(900, 700);
    resize(wanted.boundedTo(avail));
}

ExampleViewer *ExampleViewer::showFor(Content content, QWidget *parent)
{
    auto *viewer = new ExampleViewer(std::move(content), parent);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->show();
    viewer->canvas()->fitToWindow();
    return viewer;
}

QString exampleCaption(const ExampleModel::Entry &e)
{
    QString caption = QStringLiteral("<b>%1</b>").arg(EnumText::capitalized(EnumText::of(e.example.role)));
    if (!e.expectedClass.isEmpty())
        caption += ExampleViewer::tr(" \u00b7 expected class <b>%1</b>").arg(e.expectedClass.toHtmlEscaped());
    if (!e.measurement.isEmpty())
        caption += QStringLiteral(" \u00b7 ") + e.measurement.toHtmlEscaped();
    if (!e.example.note.empty())
        caption += QStringLiteral("<br>") + QString::fromStdString(e.example.note).toHtmlEscaped();
    return caption;
}

std::vector<ExampleModel::Entry> taughtExampleEntries(const ProjectDocument &document, const core::Standard &standard)
{
    std::vector<ExampleModel::Entry> entries;
    std::vector<core::TaughtExample> taught;
    if (const core::Session *session = document.session()) {
        try {
            taught = session->taughtExamples(standard.id);
        } catch (const core::Error &) {
            // Not shown to this session (no longer active): the plain examples below.
        }
    }
    if (taught.empty())
        for (const auto &e : document.examplesOf(standard.id))
            taught.push_back({e, std::nullopt, {}, std::nullopt});
    for (auto &t : taught) {
        ExampleModel::Entry entry(t.example, document.imageFilePath(t.example.image));
        std::string expected;
        if (t.expectedClass)
            if (const auto cls = document.labelClass(*t.expectedClass))
                expected = cls->name;
        // The standard's own rule outranks the labelers' vote: it is what the example teaches.
        core::AttributeValues measured;
        if (t.lengthMm)
            measured.emplace(core::kAttrLengthMm, *t.lengthMm);
        if (const auto byRule = core::ruleClassFor(standard.rule, expected, measured))
            expected = *byRule;
        entry.expectedClass = QString::fromStdString(expected);
        if (t.lengthMm)
            entry.measurement = QString::fromStdString(core::measurementText({core::kAttrLengthMm, *t.lengthMm}));
        // The enlarged view draws the shapes of the class the example teaches (all of them when
        // none is of that class: the measurement still shows).
        const auto &classes = document.classes();
        const auto taughtClass =
            std::find_if(classes.begin(), classes.end(), [&](const core::LabelClass &c) { return c.name == expected; });
        if (taughtClass != classes.end())
            for (const auto &a : t.shapes)
                if (a.classId == taughtClass->id)
                    entry.shapes.push_back(a);
        if (entry.shapes.empty())
            entry.shapes = std::move(t.shapes);
        entries.push_back(std::move(entry));
    }
    return entries;
}

ExampleViewer::Content exampleContent(const ExampleModel &examples, int row, const ProjectDocument &document)
{
    const ExampleModel::Entry &e = examples.entry(row);
    ExampleViewer::Content content;
    content.path = e.path;
    content.title = examples.index(row).data(Qt::DisplayRole).toString().section(QLatin1Char('\n'), 0, 0);
    content.caption = exampleCaption(e);
    content.shapes = e.shapes;
    content.pxPerMm = document.pxPerMm(e.example.image);
    content.style = [&document](core::Id classId) { return shapeStyleOf(document, classId); };
    return content;
}

ExampleViewer *enlargeExample(const ExampleModel &examples, int row, const ProjectDocument &document, QWidget *parent)
{
    if (row < 0 || row >= examples.rowCount())
        return nullptr;
    return ExampleViewer::showFor(exampleContent(examples, row, document), parent);
}

ShapeStyle shapeStyleOf(const ProjectDocument &document, core::Id classId)
{
    const auto cls = document.labelClass(classId);
    if (!cls)
        return {QColor(0x1e, 0x88, 0xe5), QString()};
    return {QColor(QString::fromStdString(cls->color)), QString::fromStdString(cls->name)};
}

} // namespace concord::ui
