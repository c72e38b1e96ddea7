// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/labeling/labelingview.h"

#include "ui/canvas/imagecanvas.h"
#include "ui/document/projectdocument.h"
#include "ui/image/adjustmentactions.h"
#include "ui/image/imagecache.h"
#include "ui/labeling/classbar.h"
#include "ui/labeling/imagebanner.h"
#include "ui/labeling/labelbookpanel.h"
#include "ui/labeling/queuepanel.h"
#include "ui/models/classmodel.h"
#include "ui/models/queuemodel.h"
#include "ui/shell/keybindings.h"
#include "ui/shell/toast.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QFile>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QVBoxLayout>

#include <array>
#include <functional>
#include <tuple>

namespace concord::ui {

namespace {

const QString kAutoAdvanceKey = QStringLiteral("labeling/autoAdvance");
const QString kFitNewImagesKey = QStringLiteral("labeling/fitNewImages");

QColor colorOf(const ProjectDocument &doc, std::optional<core::Id> cls)
{
    if (cls)
        if (const auto c = doc.labelClass(*cls))
            return QColor(QString::fromStdString(c->color));
    return QColor(0xe6, 0x9f, 0x00);
}

} // namespace

LabelingView::LabelingView(QWidget *parent)
    : QWidget(parent)
    , m_cache(new ImageCache(this))
    , m_canvas(new ImageCanvas(this))
    , m_classModel(new ClassModel(this))
    , m_classBar(new ClassBar(m_classModel, this))
    , m_queuePanel(new QueuePanel(this))
    , m_progressLabel(new QLabel(this))
    , m_emptyNote(new QLabel(this))
    , m_progressBar(new QProgressBar(this))
    , m_labelBook(new LabelBookPanel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_toast(new Toast(m_canvas))
    , m_banner(new ImageBanner(m_canvas))
    , m_nameLabel(new QLabel(this))
    , m_sizeLabel(new QLabel(this))
    , m_zoomLabel(new QLabel(this))
    , m_scaleLabel(new QLabel(this))
    , m_measureLabel(new QLabel(this))
    , m_originLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("labelingView"));
    setWindowTitle(tr("Labeling")); // names the view's keys in Help → Keyboard shortcuts
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    m_nameLabel->setObjectName(QStringLiteral("imageNameLabel"));
    m_zoomLabel->setObjectName(QStringLiteral("zoomLabel"));
    m_scaleLabel->setObjectName(QStringLiteral("scaleLabel"));
    m_measureLabel->setObjectName(QStringLiteral("measureLabel"));
    m_originLabel->setObjectName(QStringLiteral("labelOriginLabel"));

    // Left: the queue and progress.
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 0, 6);
    auto *queueTitle = new QLabel(tr("<b>My queue</b>"), left);
    leftLayout->addWidget(queueTitle);
    QFont big = m_progressLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_progressLabel->setFont(big);
    leftLayout->addWidget(m_progressLabel);
    m_progressBar->setTextVisible(false);
    m_progressBar->setMaximumHeight(6);
    leftLayout->addWidget(m_progressBar);
    leftLayout->addWidget(m_queuePanel, 1);
    connect(m_queuePanel, &QueuePanel::rowChosen, this, [this](int row) {
        if (row != m_current)
            goTo(row);
    });
    connect(m_queuePanel, &QueuePanel::searchLeft, m_canvas, [this] { m_canvas->setFocus(); });
    connect(m_queuePanel, &QueuePanel::gridToggled, this, &LabelingView::fitQueueWidth);

    // Middle: canvas over the class buttons.
    auto *middle = new QWidget(this);
    auto *midLayout = new QVBoxLayout(middle);
    midLayout->setContentsMargins(0, 0, 0, 0);
    midLayout->setSpacing(0);
    m_emptyNote->setObjectName(QStringLiteral("emptyQueueNote"));
    m_emptyNote->setWordWrap(true);
    m_emptyNote->setMargin(12);
    m_emptyNote->hide();
    midLayout->addWidget(m_emptyNote);
    // A team server that went away: one banner for as long as it is away (issue #18).
    m_serverBanner = new QLabel(this);
    m_serverBanner->setObjectName(QStringLiteral("serverAwayBanner"));
    m_serverBanner->setWordWrap(true);
    m_serverBanner->setMargin(8);
    m_serverBanner->setStyleSheet(QStringLiteral("background: #fff3cd; color: #5c4400;"));
    m_serverBanner->hide();
    midLayout->addWidget(m_serverBanner);
    midLayout->addWidget(m_canvas, 1);
    midLayout->addWidget(m_classBar);

    m_splitter->addWidget(left);
    m_splitter->addWidget(middle);
    m_splitter->addWidget(m_labelBook);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setSizes({queueWidth(m_queuePanel->gridAction()->isChecked()), 900, 300});
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    createActions();

    connect(m_cache, &ImageCache::ready, this,
            [this](const QString &path, ImageCache::Detail d) { imageDecoded(path, int(d)); });
    connect(m_canvas, &ImageCanvas::zoomChanged, this, &LabelingView::ensureDetail);
    connect(m_canvas, &ImageCanvas::fitBoxChanged, m_cache, &ImageCache::setFitBox);
    connect(m_classBar, &ClassBar::classChosen, this, &LabelingView::chooseClass);
    connect(m_canvas, &ImageCanvas::zoomChanged, this, &LabelingView::updateStatus);
    connect(m_canvas, &ImageCanvas::measurementChanged, m_measureLabel, &QLabel::setText);
    m_canvas->setShapeStyle([this](core::Id classId) { return styleOf(classId); });
    connect(m_canvas, &ImageCanvas::selectedShapeChanged, this, &LabelingView::updateClassBar);
    connect(m_canvas, &ImageCanvas::annotationCreated, this, [this](const core::Annotation &a) {
        if (!m_document || !currentImage())
            return;
        // Every new shape gets a class of its own at once, so a later change of the image's
        // class never changes it (the store would otherwise give it the label's class).
        core::Annotation shape = a;
        if (shape.classId == 0)
            shape.classId = newShapeClass();
        m_document->addAnnotation(currentImage(), shape);
    });
    connect(m_canvas, &ImageCanvas::annotationChanged, this, [this](int i, const core::Annotation &a) {
        if (m_document && currentImage())
            m_document->changeAnnotation(currentImage(), i, a);
    });
    connect(m_canvas, &ImageCanvas::annotationRemoveRequested, this, [this](int i) {
        if (m_document && currentImage())
            m_document->removeAnnotation(currentImage(), i);
    });
    setDocument(nullptr);
}

LabelingView::~LabelingView() = default;

QAction *LabelingView::makeAction(const QString &text, const QList<QKeySequence> &keys, const QString &name)
{
    auto *a = new QAction(text, this);
    a->setObjectName(name);
    a->setShortcuts(keys);
    addAction(a);
    return a;
}

void LabelingView::createActions()
{
    using QKS = QKeySequence;
    m_navigationActions = {
        makeAction(tr("&Next image"), {QKS(Qt::Key_D), QKS(Qt::Key_Right)}, QStringLiteral("actionNext")),
        makeAction(tr("&Previous image"), {QKS(Qt::Key_A), QKS(Qt::Key_Left)}, QStringLiteral("actionPrevious")),
        makeAction(tr("&Skip image"), {QKS(Qt::Key_S)}, QStringLiteral("actionSkip")),
        makeAction(tr("First &unlabeled image"), {QKS(Qt::Key_U), QKS(Qt::Key_Home)},
                   QStringLiteral("actionFirstUnlabeled")),
        makeAction(tr("&Go to image\u2026"), {QKS(Qt::CTRL | Qt::Key_G)}, QStringLiteral("actionGoToImage")),
    };
    connect(m_navigationActions[0], &QAction::triggered, this, &LabelingView::next);
    connect(m_navigationActions[1], &QAction::triggered, this, &LabelingView::previous);
    connect(m_navigationActions[2], &QAction::triggered, this, &LabelingView::skip);
    connect(m_navigationActions[3], &QAction::triggered, this, &LabelingView::firstUnlabeled);
    connect(m_navigationActions[4], &QAction::triggered, this, [this] {
        if (!m_document || m_document->queueSize() == 0)
            return;
        // The number the queue and the status bar show ("Image 12"), 1-based.
        bool ok = false;
        const int n = m_document->queueSize();
        const int number = QInputDialog::getInt(this, tr("Go to image"), tr("Image number (1 to %1):").arg(n),
                                                m_current + 1, 1, n, 1, &ok);
        if (ok)
            goTo(number - 1);
    });

    m_toolGroup = new QActionGroup(this);
    const std::array<std::tuple<QString, QKS, ImageCanvas::ToolKind, QString>, 5> tools{{
        {tr("Se&lect and edit"), QKS(Qt::Key_V), ImageCanvas::ToolKind::Select, QStringLiteral("actionSelectTool")},
        {tr("&Box"), QKS(Qt::Key_B), ImageCanvas::ToolKind::Box, QStringLiteral("actionBoxTool")},
        {tr("Measuring &line"), QKS(Qt::Key_L), ImageCanvas::ToolKind::Line, QStringLiteral("actionLineTool")},
        {tr("&Polygon"), QKS(Qt::Key_P), ImageCanvas::ToolKind::Polygon, QStringLiteral("actionPolygonTool")},
        {tr("P&oint"), QKS(Qt::Key_O), ImageCanvas::ToolKind::Point, QStringLiteral("actionPointTool")},
    }};
    const std::array<QString, 5> icons{
        QStringLiteral(":/concord/icons/tool-select.svg"), QStringLiteral(":/concord/icons/tool-box.svg"),
        QStringLiteral(":/concord/icons/tool-line.svg"), QStringLiteral(":/concord/icons/tool-polygon.svg"),
        QStringLiteral(":/concord/icons/tool-point.svg")};
    for (std::size_t i = 0; i < tools.size(); ++i) {
        const auto &[text, key, kind, name] = tools[i];
        QAction *a = makeAction(text, {key}, name);
        a->setIcon(QIcon(icons[i]));
        a->setCheckable(true);
        a->setChecked(kind == ImageCanvas::ToolKind::Select);
        m_toolGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, k = kind] { m_canvas->setTool(k); });
        a->setToolTip(QStringLiteral("%1 (%2)").arg(a->text().remove(QLatin1Char('&')), key.toString()));
        m_toolActions << a;
    }
    // Esc drops what is being drawn and the selection, so the class keys name the image again.
    QAction *esc = makeAction(tr("Cancel drawing, deselect"), {QKS(Qt::Key_Escape)}, QStringLiteral("actionCancel"));
    connect(esc, &QAction::triggered, this, [this] {
        m_toolActions.front()->setChecked(true);
        m_canvas->setTool(ImageCanvas::ToolKind::Select);
        m_canvas->clearSelection();
    });
    // Enabled only while a polygon is drawn, so Enter keeps its meaning elsewhere (the class
    // list of Ctrl+K).
    m_finishAction = makeAction(tr("&Finish polygon"), {QKS(Qt::Key_Return), QKS(Qt::Key_Enter)},
                                QStringLiteral("actionFinishShape"));
    connect(m_finishAction, &QAction::triggered, m_canvas, &ImageCanvas::finishDrawing);
    connect(m_canvas, &ImageCanvas::drawingChanged, this, &LabelingView::updateFinishAction);
    m_deleteAction = makeAction(tr("&Delete shape (while drawing a polygon: its last point)"),
                                {QKS(Qt::Key_Delete), QKS(Qt::Key_Backspace)}, QStringLiteral("actionDeleteShape"));
    connect(m_deleteAction, &QAction::triggered, m_canvas, &ImageCanvas::deleteSelection);
    m_toolActions << esc << m_finishAction << m_deleteAction;

    m_viewActions = {
        makeAction(tr("&Fit to window"), {QKS(Qt::Key_F), QKS(Qt::CTRL | Qt::Key_0)}, QStringLiteral("actionFit")),
        makeAction(tr("&Actual pixels (1:1)"), {QKS(Qt::CTRL | Qt::Key_1)}, QStringLiteral("actionOneToOne")),
        makeAction(tr("Zoom &in"), {QKS(Qt::Key_Plus), QKS(Qt::Key_Equal), QKS::ZoomIn},
                   QStringLiteral("actionZoomIn")),
        makeAction(tr("Zoom &out"), {QKS(Qt::Key_Minus), QKS::ZoomOut}, QStringLiteral("actionZoomOut")),
    };
    connect(m_viewActions[0], &QAction::triggered, m_canvas, &ImageCanvas::fitToWindow);
    connect(m_viewActions[1], &QAction::triggered, m_canvas, &ImageCanvas::zoomOneToOne);
    connect(m_viewActions[2], &QAction::triggered, m_canvas, &ImageCanvas::zoomIn);
    connect(m_viewActions[3], &QAction::triggered, m_canvas, &ImageCanvas::zoomOut);
    QAction *reload = makeAction(tr("&Reload image"), {QKS(Qt::Key_F5)}, QStringLiteral("actionReloadImage"));
    connect(reload, &QAction::triggered, this, &LabelingView::reloadImage);
    m_viewActions << reload;
    QAction *fitNew = makeAction(tr("Fit every &new image"), {}, QStringLiteral("actionFitNewImages"));
    fitNew->setCheckable(true);
    fitNew->setProperty(kPreferenceProperty, true); // listed in Edit → Preferences…
    fitNew->setToolTip(tr("Off: the next image keeps the zoom, to compare the same spot of like images"));
    fitNew->setChecked(QSettings().value(kFitNewImagesKey, true).toBool());
    m_canvas->setFitNewImages(fitNew->isChecked());
    connect(fitNew, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(kFitNewImagesKey, on);
        m_canvas->setFitNewImages(on);
    });
    // The queue's Ctrl+F and Ctrl+T: in the View menu, not on the toolbar (the field and the
    // grid button are on the queue itself).
    m_viewActions << fitNew << m_queuePanel->searchAction() << m_queuePanel->gridAction();

    // How the image is shown, never what is stored or exported (issue #19).
    m_adjustActions = makeAdjustmentActions(
        this, [this] { return m_canvas->adjustment(); },
        [this](const ImageAdjustment &a) { m_canvas->setAdjustment(a); });
    m_viewActions << m_adjustActions;
    connect(m_canvas, &ImageCanvas::adjustmentChanged, this, &LabelingView::updateStatus);

    m_autoAdvanceAction = makeAction(tr("&Move on after choosing a class"), {}, QStringLiteral("actionAutoAdvance"));
    m_autoAdvanceAction->setProperty(kPreferenceProperty, true);
    m_autoAdvanceAction->setCheckable(true);
    m_autoAdvanceAction->setChecked(QSettings().value(kAutoAdvanceKey, true).toBool());
    connect(m_autoAdvanceAction, &QAction::toggled, this, [](bool on) { QSettings().setValue(kAutoAdvanceKey, on); });
}

QList<QAction *> LabelingView::navigationActions() const
{
    return m_navigationActions;
}

QList<QAction *> LabelingView::toolActions() const
{
    return m_toolActions;
}

QList<QAction *> LabelingView::viewActions() const
{
    return m_viewActions;
}

QList<QWidget *> LabelingView::statusWidgets() const
{
    return {m_originLabel, m_measureLabel, m_nameLabel, m_sizeLabel, m_zoomLabel, m_scaleLabel};
}

bool LabelingView::autoAdvance() const
{
    return m_autoAdvanceAction->isChecked();
}

void LabelingView::setAutoAdvance(bool on)
{
    m_autoAdvanceAction->setChecked(on);
}

void LabelingView::setActionsEnabled(bool on)
{
    for (auto *list : {&m_classActions, &m_navigationActions, &m_toolActions, &m_viewActions})
        for (auto *a : *list)
            a->setEnabled(on);
    updateAdjustActions();
    updateFinishAction();
}

void LabelingView::updateFinishAction()
{
    m_finishAction->setEnabled(m_document && m_document->hasSession() && m_canvas->isDrawing());
}

void LabelingView::updateAdjustActions()
{
    // The View menu keeps these keys live in the whole window; while this view is hidden (a
    // lead's page is shown) the page's own image, e.g. the adjudication picture, takes them.
    const bool on = isVisible() && m_document && m_document->hasSession();
    for (auto *a : std::as_const(m_adjustActions))
        a->setEnabled(on);
}

void LabelingView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateAdjustActions();
}

void LabelingView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateAdjustActions();
}

int LabelingView::queueWidth(bool grid) const
{
    // Three columns of thumbnails (the grid as the labeler left it), or the list's width.
    return grid ? 3 * m_queuePanel->view()->gridSize().width() + 40 : 230;
}

void LabelingView::fitQueueWidth(bool grid)
{
    QList<int> sizes = m_splitter->sizes();
    const int wanted = queueWidth(grid);
    if (sizes.size() == 3 && (grid ? sizes[0] < wanted : sizes[0] > wanted)) {
        sizes[1] = std::max(200, sizes[1] - (wanted - sizes[0]));
        sizes[0] = wanted;
        m_splitter->setSizes(sizes);
    }
}

void LabelingView::setDocument(ProjectDocument *document)
{
    if (m_document)
        m_document->disconnect(this);
    m_document = document;
    m_lastObjectClass = 0;
    m_current = -1;
    m_currentPath.clear();
    m_queuePanel->setDocument(nullptr, nullptr);
    m_queueModel.reset();
    m_classModel->setClasses(document ? document->classes() : std::vector<core::LabelClass>{});
    rebuildClassActions();
    m_labelBook->setDocument(document);
    m_canvas->setImage(nullptr, {});
    m_canvas->setAnnotations({}, {}, 0.0);
    m_toast->dismiss();
    m_emptyNote->hide();
    m_banner->showState({}, {});
    m_imageOfPath.clear();
    setActionsEnabled(document && document->hasSession());
    if (!document) {
        updateProgress();
        updateStatus();
        return;
    }
    m_queueModel = std::make_unique<QueueModel>(document);
    m_queuePanel->setDocument(document, m_queueModel.get());
    connect(document, &ProjectDocument::imageStateChanged, this, [this](qint64 image) {
        updateProgress();
        if (image == currentImage())
            refreshState();
    });
    connect(document, &ProjectDocument::classesChanged, this, &LabelingView::followClasses);
    connect(document, &ProjectDocument::reloaded, this, [this] {
        // Another process changed the project: the queue model was reset, so select the
        // current row again and show the image's state as the store has it now.
        followClassesIfChanged();
        updateProgress();
        if (m_current >= m_document->queueSize())
            m_current = m_document->queueSize() - 1;
        m_queuePanel->refresh();
        if (m_current >= 0) {
            m_queuePanel->showRow(m_current);
            refreshState();
        }
    });
    connect(document, &ProjectDocument::revealRequested, this, [this](qint64 image) {
        const int idx = m_document->queueIndexOf(image);
        if (idx >= 0 && idx != m_current)
            goTo(idx);
    });
    connect(document, &ProjectDocument::imageHealthChanged, this, [this](qint64 image) {
        if (image != currentImage())
            return;
        if (m_document->imageHealth(image).health == core::ImageHealth::Unknown)
            reloadImage(); // the document found the file back: show it again
        else
            updateBanner();
    });
    connect(document, &ProjectDocument::labelRefused, this, [this](qint64, const QString &reason) {
        m_toast->showMessage(
            reason + QLatin1Char(' ') +
                tr("Press S to skip the image, or relink the images (File menu) if their folder moved."),
            Toast::Kind::Error);
    });
    connect(document, &ProjectDocument::imagesRelinked, this, [this] {
        // Paths changed: nothing cached is known to match them any more.
        m_cache->clear();
        m_imageOfPath.clear();
        m_toast->dismiss();
        if (m_current >= 0)
            goTo(m_current);
    });
    connect(document, &ProjectDocument::saveFailed, this,
            [this](const QString &message) { m_toast->showMessage(message, Toast::Kind::Error); });
    connect(document, &ProjectDocument::serverAway, this, [this](const QString &why) {
        m_serverBanner->setText(
            tr("<b>The server cannot be reached.</b> Go on labeling: your labels stay on this computer and are "
               "saved as soon as it answers again. (%1)")
                .arg(why.toHtmlEscaped()));
        m_serverBanner->show();
    });
    connect(document, &ProjectDocument::serverBack, this, [this] { m_serverBanner->hide(); });
    connect(document, &ProjectDocument::saveRecovered, this,
            [this] { m_toast->showMessage(tr("Saved."), Toast::Kind::Info); });
    updateProgress();
    if (document->queueSize() == 0) {
        // Said for as long as the tab is empty, not in a toast that is gone when the lead
        // first opens the tab: a lead is never assigned images, so this is the normal case.
        m_emptyNote->setText(
            document->isLead()
                ? tr("<b>The lead has no labeling queue.</b> Images are assigned to the labelers, so this tab "
                     "stays empty while you are signed in as the lead. Your work is on the Dashboard, Clusters, "
                     "Standards and Adjudication pages (Alt+2 \u2026 Alt+5). To label images yourself, sign in "
                     "under a labeler's name with File \u2192 Switch labeler\u2026")
                : tr("<b>Your queue is empty:</b> the project has no images assigned to you yet. Images are "
                     "assigned when they are imported (File \u2192 New project, or concord-cli import-images); "
                     "ask the lead to add images or to assign some to you."));
        m_emptyNote->show();
        updateStatus();
        warnOfKeyClashes();
        return;
    }
    const int first = document->firstUnlabeledIndex();
    goTo(first >= 0 ? first : 0);
    warnOfKeyClashes(); // after goTo(), which clears the toast of the image left
}

core::Id LabelingView::currentImage() const
{
    if (!m_document || m_current < 0 || m_current >= m_document->queueSize())
        return 0;
    return m_document->queueEntry(m_current).image;
}

void LabelingView::goTo(int index)
{
    if (!m_document || index < 0 || index >= m_document->queueSize())
        return;
    if (index != m_current) {
        m_toast->dismiss();         // a refusal or decode error was about the image we leave
        m_canvas->clearSelection(); // so is the selected shape's measurement
    }
    m_current = index;
    const core::QueueEntry entry = m_document->queueEntry(index);
    m_currentPath = m_document->imageFilePath(entry.image);
    // A file that was missing may be back: a failure is never served from the cache twice.
    m_cache->forgetFailure(m_currentPath);
    m_imageOfPath.insert(m_currentPath, entry.image);
    showCurrentImage();
    refreshState();
    m_labelBook->setRound(entry.round);

    // Keep the neighbours decoding while the labeler looks at this one.
    m_wanted = QStringList{m_currentPath};
    for (int d : {1, -1, 2}) {
        const int i = index + d;
        if (i >= 0 && i < m_document->queueSize()) {
            const core::Id neighbour = m_document->queueEntry(i).image;
            m_wanted << m_document->imageFilePath(neighbour);
            m_imageOfPath.insert(m_wanted.back(), neighbour);
        }
    }
    m_cache->setWanted(m_wanted);
    ensureDetail();

    m_queuePanel->showRow(index);
    emit currentChanged(index);
}

bool LabelingView::goToImageNamed(const QString &name)
{
    if (!m_document)
        return false;
    // Looked up in the store (indexed by path and by file name), not by reading the queue.
    const std::vector<core::ImageRecord> candidates = m_document->imagesNamed(name);
    int best = -1;
    for (const auto &rec : candidates) {
        const auto rows = m_document->queueIndexOf(rec.id);
        if (rows >= 0 && (best < 0 || rows < best))
            best = rows;
    }
    if (best < 0)
        return false;
    goTo(best);
    return true;
}

void LabelingView::showCurrentImage()
{
    const auto rec = m_document->image(currentImage());
    auto decoded = m_cache->get(m_currentPath, ImageCache::Detail::Full);
    if (!decoded)
        decoded = m_cache->get(m_currentPath);
    m_canvas->setImage(decoded, QSize(rec.width, rec.height));
    ensureDetail(); // zoomed in before the picture arrived (e.g. opened at 1:1)
    if (decoded)
        m_document->setImageHealth(currentImage(), decoded->check); // the banner shows it
    if (decoded && !decoded->error.isEmpty() && core::mayLabel(decoded->check.health))
        m_toast->showMessage(
            tr("Cannot show %1: %2").arg(m_document->shownImageName(rec.path, m_current), decoded->error),
            Toast::Kind::Error);
    updateBanner();
    updateStatus();
}

void LabelingView::updateBanner()
{
    const core::Id image = currentImage();
    if (!m_document || !image) {
        m_banner->showState({}, {});
        return;
    }
    // The banner names the image as the labeler sees it: a queue number when file names are
    // hidden from labelers (they often carry the class).
    m_banner->showState(m_document->imageHealth(image),
                        m_document->shownImageName(m_document->image(image).path, m_current));
}

void LabelingView::reloadImage()
{
    if (!m_document || !currentImage())
        return;
    m_cache->forget(m_currentPath);
    m_cache->setWanted(m_wanted);
    showCurrentImage();
}

void LabelingView::imageDecoded(const QString &path, int detail)
{
    // Every checked decode, the neighbours' too, tells the document (and the queue's icons).
    if (m_document && m_imageOfPath.contains(path))
        if (const auto decoded = m_cache->get(path, ImageCache::Detail(detail)))
            m_document->setImageHealth(m_imageOfPath.value(path), decoded->check);
    if (path == m_currentPath && (!m_canvas->hasImage() || detail == int(ImageCache::Detail::Full)))
        showCurrentImage();
}

void LabelingView::ensureDetail()
{
    const DecodedImage *shown = m_canvas->decodedImage();
    if (!shown || !shown->reduced || shown->path != m_currentPath)
        return;
    const double needed = m_canvas->viewScale() * m_canvas->devicePixelRatioF();
    if (needed > shown->scaleOfLevel(0) * 1.01)
        m_cache->setWanted(m_wanted, m_currentPath);
}

void LabelingView::refreshState()
{
    const core::Id image = currentImage();
    if (!image)
        return;
    const ImageState s = m_document->imageState(image);
    // A class a standard's rule wrote is not the labeler's own answer: say so (issue #19).
    if (s.setByStandard) {
        const QString name = s.standard ? m_document->standardName(*s.standard) : QString();
        m_originLabel->setText(name.isEmpty() ? tr("Class set by a standard")
                                              : tr("Class set by standard %1").arg(name));
        m_originLabel->setToolTip(
            tr("Not your answer: a standard's rule changed it. Choose a class to make it yours."));
    } else {
        m_originLabel->clear();
        m_originLabel->setToolTip({});
    }
    m_canvas->setAnnotations(s.annotations, colorOf(*m_document, s.labelClass), m_document->pxPerMm(image));
    updateDrawingStyle();
    updateClassBar();
}

void LabelingView::next()
{
    // With a search, the images it shows (issue #19).
    if (const int row = m_queuePanel->rowAfter(m_current); row >= 0)
        goTo(row);
}

void LabelingView::previous()
{
    if (const int row = m_queuePanel->rowBefore(m_current); row >= 0)
        goTo(row);
}

void LabelingView::skip()
{
    if (!m_document || !currentImage())
        return;
    m_document->skip(currentImage());
    next();
}

void LabelingView::firstUnlabeled()
{
    if (!m_document)
        return;
    const int i = m_document->firstUnlabeledIndex();
    if (i >= 0)
        goTo(i);
    else
        m_toast->showMessage(tr("Every image in your queue is labeled."));
}

void LabelingView::updateProgress()
{
    const int total = m_document ? m_document->queueSize() : 0;
    const int done = m_document ? m_document->labeledCount() : 0;
    m_progressLabel->setText(QStringLiteral("%1 / %2").arg(done).arg(total));
    m_progressBar->setRange(0, std::max(total, 1));
    m_progressBar->setValue(done);
}

void LabelingView::updateStatus()
{
    const core::Id image = currentImage();
    if (!image) {
        for (auto *w : {m_nameLabel, m_sizeLabel, m_zoomLabel, m_scaleLabel, m_measureLabel, m_originLabel})
            w->clear();
        return;
    }
    const auto rec = m_document->image(image);
    m_nameLabel->setText(m_document->shownImageName(rec.path, m_current));
    const QSize size = m_canvas->imageSize();
    m_sizeLabel->setText(tr("%1 × %2 px").arg(size.width()).arg(size.height()));
    const QString adjusted = m_canvas->adjustment().describe();
    m_zoomLabel->setText(m_canvas->hasImage() ? tr("%1 %").arg(qRound(m_canvas->viewScale() * 100)) +
                                                    (adjusted.isEmpty() ? QString() : QStringLiteral(" · ") + adjusted)
                         : core::mayLabel(m_document->imageHealth(image).health) ? tr("loading…")
                                                                                 : tr("not shown"));
    const double ppm = m_document->pxPerMm(image);
    m_scaleLabel->setText(ppm > 0 ? tr("%1 px/mm").arg(ppm, 0, 'f', 2) : tr("no mm scale"));
}

} // namespace concord::ui
