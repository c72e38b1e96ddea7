// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/adjudicationpage.h"

#include "core/adjudication/conflictqueue.h"
#include "core/project/classkeys.h"
#include "ui/document/enumtext.h"
#include "ui/document/projectdocument.h"
#include "ui/image/adjustmentactions.h"
#include "ui/image/imagecache.h"
#include "ui/labeling/exampleviewer.h"
#include "ui/labeling/standardview.h"
#include "ui/lead/adjudicationcanvas.h"
#include "ui/lead/adjudicationqueuemodel.h"
#include "ui/lead/labelercolors.h"
#include "ui/lead/objectadjudicationview.h"
#include "ui/lead/objectcanvas.h"
#include "ui/shell/keybindings.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <set>

namespace concord::ui {

namespace {

/// "actionDecide1" … "actionDecide0", "actionDecideShiftA" …: the object name of the action
/// deciding the class of key `key` (kept for keys 1…9 as it was, for saved key bindings).
QString decideActionName(const QString &key)
{
    return QStringLiteral("actionDecide") + QString(key).remove(QLatin1Char('+'));
}

constexpr int kLayerRole = Qt::UserRole + 1;
/// Longest side an image is decoded at for this view (the canvas fits it to the window).
constexpr int kDecodeSide = 1400;

QString attrText(const core::AttrValue &v)
{
    if (const auto *d = std::get_if<double>(&v))
        return QString::number(*d, 'g', 4);
    return QString::fromStdString(std::get<std::string>(v));
}

} // namespace

AdjudicationPage::AdjudicationPage(QWidget *parent)
    : LeadPage(parent)
    , m_count(new QLabel(this))
    , m_queue(new QListView(this))
    , m_model(new AdjudicationQueueModel([this](std::optional<core::Id> id) { return className(id); }, this))
    , m_canvas(new AdjudicationCanvas(this))
    , m_toggles(new QListWidget(this))
    , m_decision(new QLabel(this))
    , m_note(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_values(new QTreeWidget(this))
    , m_standard(new StandardView(72, this))
    , m_pictures(new ImageCache(this))
    , m_modes(new QStackedWidget(this))
    , m_imagesButton(new QToolButton(this))
    , m_objectsButton(new QToolButton(this))
    , m_objects(new ObjectAdjudicationView(this))
{
    m_pictures->setScreenSide(kDecodeSide);
    connect(m_pictures, &ImageCache::ready, this, [this](const QString &path, ImageCache::Detail) {
        if (currentRow() >= 0 && m_model->entries()[std::size_t(currentRow())].path == path)
            showPicture(path);
    });
    setObjectName(QStringLiteral("adjudicationPage"));
    m_count->setObjectName(QStringLiteral("conflictCount"));
    m_queue->setObjectName(QStringLiteral("adjudicationQueue"));
    m_queue->setUniformItemSizes(true);
    m_queue->setModel(m_model);
    m_toggles->setObjectName(QStringLiteral("labelerToggles"));
    m_toggles->setFlow(QListView::LeftToRight);
    m_toggles->setWrapping(true);
    m_toggles->setMaximumHeight(fontMetrics().height() * 2 + 12);
    m_toggles->setFocusPolicy(Qt::NoFocus);
    m_decision->setObjectName(QStringLiteral("decisionLabel"));
    m_decision->setTextFormat(Qt::RichText);
    m_note->setObjectName(QStringLiteral("noteEdit"));
    m_note->setPlaceholderText(tr("Note for this decision (N)"));
    m_message->setObjectName(QStringLiteral("adjudicationMessage"));
    m_values->setObjectName(QStringLiteral("measuredValues"));
    m_values->setHeaderLabels({tr("Attribute"), tr("Value"), tr("Source")});
    m_values->setRootIsDecorated(false);
    m_values->setFocusPolicy(Qt::NoFocus);
    m_standard->setObjectName(QStringLiteral("adjudicationStandard"));
    connect(m_standard, &StandardView::exampleActivated, this, [this](int row) {
        if (m_document)
            enlargeExample(*m_standard->examples(), row, *m_document, this);
    });

    auto *keys = new QLabel(tr("<b>class key</b> decide \u00b7 <b>M</b> majority \u00b7 <b>U</b> ambiguous "
                               "\u00b7 <b>N</b> note \u00b7 <b>Enter</b> next \u00b7 <b>Ctrl+Z</b> undo \u00b7 "
                               "<b>]</b> <b>[</b> brightness \u00b7 <b>}</b> <b>{</b> contrast \u00b7 <b>I</b> invert "
                               "\u00b7 <b>E</b> equalise \u00b7 <b>R</b> reset"),
                            this);
    keys->setObjectName(QStringLiteral("adjudicationKeys"));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_count);
    leftLayout->addWidget(m_queue);

    auto *center = new QWidget(this);
    auto *centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    centerLayout->addWidget(m_canvas, 1);
    centerLayout->addWidget(m_toggles);
    centerLayout->addWidget(m_decision);
    centerLayout->addWidget(m_note);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(keys);
    bottom->addStretch();
    bottom->addWidget(m_message);
    centerLayout->addLayout(bottom);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *valuesBox = new QGroupBox(tr("Measured values"), right);
    (new QVBoxLayout(valuesBox))->addWidget(m_values);
    auto *standardBox = new QGroupBox(tr("Standard"), right);
    auto *sLayout = new QVBoxLayout(standardBox);
    sLayout->addWidget(m_standard, 1);
    rightLayout->addWidget(valuesBox, 2);
    rightLayout->addWidget(standardBox, 3);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(center);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    split->setStretchFactor(2, 2);
    split->setSizes({260, 700, 300});
    // The mode switch: a segmented "Images | Objects" pair above the two modes.
    m_imagesButton->setObjectName(QStringLiteral("imagesModeButton"));
    m_objectsButton->setObjectName(QStringLiteral("objectsModeButton"));
    m_imagesButton->setText(tr("Images"));
    m_objectsButton->setText(tr("Objects"));
    for (auto *b : {m_imagesButton, m_objectsButton}) {
        b->setCheckable(true);
        b->setAutoExclusive(true);
        b->setFocusPolicy(Qt::NoFocus);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setMinimumWidth(90);
    }
    m_imagesButton->setChecked(true);
    m_imagesButton->setToolTip(tr("Disputed images: decide the class (O switches)"));
    m_objectsButton->setToolTip(tr("Unresolved objects: accept or drop the shapes too few labelers drew (O switches)"));
    connect(m_imagesButton, &QToolButton::clicked, this, [this] { setMode(Mode::Images); });
    connect(m_objectsButton, &QToolButton::clicked, this, [this] { setMode(Mode::Objects); });
    auto *switchRow = new QHBoxLayout;
    switchRow->setSpacing(0);
    switchRow->addWidget(m_imagesButton);
    switchRow->addWidget(m_objectsButton);
    switchRow->addStretch();
    m_modes->addWidget(split);
    m_modes->addWidget(m_objects);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(switchRow);
    layout->addWidget(m_modes, 1);

    connect(m_queue->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AdjudicationPage::showCurrent);
    connect(&m_watcher, &QFutureWatcher<std::vector<Entry>>::finished, this, &AdjudicationPage::queueRead);
    connect(m_toggles, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        m_canvas->setLayerVisible(item->data(kLayerRole).toInt(), item->checkState() == Qt::Checked);
    });

    // Keyboard: page-wide shortcuts, so they work whichever child has focus (a line edit
    // keeps printable keys for itself, so typing a note with digits works).
    auto addKey = [this](const QString &name, const QString &text, const QList<QKeySequence> &seq, auto slot) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        a->setShortcuts(seq);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        m_actions.append(a);
        m_imageKeys.append(a);
        addAction(a);
    };
    // A key for each key classes get by default (1…9, 0, Shift+A…): the class's own key in
    // the labeling view decides it here too, also with more than nine classes.
    for (const std::string &key : core::defaultClassKeys()) {
        const QString k = QString::fromStdString(key);
        addKey(decideActionName(k), tr("Decide Class %1").arg(k), {QKeySequence(k)}, [this, k] { decideClass(k); });
        m_actions.back()->setProperty(kClassKeyProperty, true); // its key is the class's
    }
    addKey(QStringLiteral("actionAcceptMajority"), tr("Accept Majority"), {QKeySequence(Qt::Key_M)},
           [this] { acceptMajority(); });
    addKey(QStringLiteral("actionMarkAmbiguous"), tr("Mark Ambiguous"), {QKeySequence(Qt::Key_U)},
           [this] { markAmbiguous(); });
    addKey(QStringLiteral("actionDecisionNote"), tr("Note"), {QKeySequence(Qt::Key_N)}, [this] { editNote(); });
    addKey(QStringLiteral("actionNextConflict"), tr("Next Conflict"),
           {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}, [this] { next(); });
    // The same image adjustments as the labeling view, for this picture.
    m_actions << makeAdjustmentActions(
        this, [this] { return m_canvas->adjustment(); },
        [this](const ImageAdjustment &adjustment) {
            // Both modes' pictures: the lead judges a faint scratch in either.
            m_canvas->setAdjustment(adjustment);
            m_objects->canvas()->setAdjustment(adjustment);
        },
        Qt::WidgetWithChildrenShortcut);
    // The Objects mode's keys live on the page too, enabled only while it is shown.
    for (QAction *a : m_objects->keyActions()) {
        m_actions.append(a);
        addAction(a);
    }
    auto *switchMode = new QAction(tr("Switch Images/Objects"), this);
    switchMode->setObjectName(QStringLiteral("actionAdjudicationSwitchMode"));
    switchMode->setShortcut(QKeySequence(Qt::Key_O));
    switchMode->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(switchMode, &QAction::triggered, this,
            [this] { setMode(m_mode == Mode::Images ? Mode::Objects : Mode::Images); });
    m_actions.append(switchMode);
    addAction(switchMode);
    m_contestedKeys = m_objects->keyActions();
    m_contestedKeys.append(switchMode);
    m_queue->installEventFilter(this);
    m_objects->focusTarget()->installEventFilter(this);
    auto *showObjects = new QAction(tr("Adjudicate Objects"), this);
    showObjects->setObjectName(QStringLiteral("actionAdjudicationObjects"));
    connect(showObjects, &QAction::triggered, this, [this] { setMode(Mode::Objects); });
    addAction(showObjects);
    rebuild();
}

QAction *AdjudicationPage::contestedAction(const QKeyEvent *event) const
{
    const auto mods = event->modifiers() & ~Qt::KeypadModifier;
    if (mods & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return nullptr;
    const bool letter = event->key() >= Qt::Key_A && event->key() <= Qt::Key_Z;
    for (QAction *a : m_contestedKeys) {
        if (!a->isEnabled() || !a->isVisible()) // hidden: a class key no class has
            continue;
        for (const QKeySequence &s : a->shortcuts()) {
            if (s.count() != 1 || s[0].key() != Qt::Key(event->key()))
                continue;
            // Shift+I (a class's key) is another key than I (invert); a symbol typed with
            // Shift (+ on many layouts) is the same key as without.
            if (letter ? s[0].keyboardModifiers() == mods : s[0].keyboardModifiers() == Qt::NoModifier)
                return a;
        }
    }
    return nullptr;
}

bool AdjudicationPage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        if (QAction *a = contestedAction(static_cast<QKeyEvent *>(event))) {
            event->accept();
            if (event->type() == QEvent::KeyPress)
                a->trigger();
            return true;
        }
    }
    return LeadPage::eventFilter(watched, event);
}

void AdjudicationPage::setMode(Mode mode)
{
    m_mode = mode;
    const bool objects = mode == Mode::Objects;
    (objects ? m_objectsButton : m_imagesButton)->setChecked(true);
    m_modes->setCurrentIndex(objects ? 1 : 0);
    // One meaning per key at a time: 1–9 and Enter are the Images mode's or the Objects mode's.
    for (QAction *a : m_imageKeys)
        a->setEnabled(!objects);
    m_objects->setActive(objects && isVisible());
    if (!objects)
        m_queue->setFocus();
}

AdjudicationPage::~AdjudicationPage()
{
    m_watcher.waitForFinished();
}

void AdjudicationPage::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &ProjectDocument::decisionChanged, this, &AdjudicationPage::decisionChanged);
        connect(m_document, &ProjectDocument::projectDataChanged, this, &AdjudicationPage::dataChanged);
        connect(m_document, &ProjectDocument::leadActionFailed, this,
                [this](const QString &text) { message(text, true); });
        // Paths changed: what was decoded (or failed) under the old ones is stale.
        connect(m_document, &ProjectDocument::imagesRelinked, this, [this] {
            m_pictures->clear();
            m_stale = true;
            if (isVisible())
                rebuild();
        });
    }
    m_pictures->clear();
    m_objects->setDocument(document);
    // The queue reads every conflict's labels: build it when the page is first shown, not
    // at sign-in.
    m_stale = m_document != nullptr;
    if (!m_document || isVisible()) {
        rebuild();
        return;
    }
    m_model->setEntries({});
}

void AdjudicationPage::showEvent(QShowEvent *event)
{
    LeadPage::showEvent(event);
    if (m_stale)
        rebuild();
    if (m_mode == Mode::Objects)
        m_objects->setActive(true);
    else
        m_queue->setFocus();
}

void AdjudicationPage::hideEvent(QHideEvent *event)
{
    LeadPage::hideEvent(event);
    // Hidden: the Objects mode reads nothing until the page is shown again.
    if (m_mode == Mode::Objects)
        m_objects->setActive(false);
}

void AdjudicationPage::dataChanged(const ProjectChange &change)
{
    // A decision updates its row in place (decisionChanged); a new standard only changes what
    // is cited, shown again with the next conflict. Labels (a labeler's, an applied standard's)
    // change which images are in dispute: rebuild now if shown, else when shown.
    if (!change.touches(ProjectChange::Labels | ProjectChange::Classes | ProjectChange::Images))
        return;
    m_stale = true;
    if (isVisible())
        rebuild();
}

void AdjudicationPage::nameDecideActions()
{
    // "Decide: scratch" names the class each key gives, in the Lead menu and the shortcut sheet.
    for (const std::string &key : core::defaultClassKeys()) {
        const QString k = QString::fromStdString(key);
        auto *a = findChild<QAction *>(decideActionName(k));
        if (!a)
            continue;
        const auto cls = m_document ? m_document->classForShortcut(k) : std::nullopt;
        a->setText(cls ? tr("Decide: %1").arg(QString::fromStdString(cls->name)) : tr("Decide class %1").arg(k));
        // Only the keys the project's classes have: no menu of 36 entries for 3 classes.
        a->setVisible(cls.has_value());
        if (auto *o = findChild<QAction *>(QStringLiteral("actionObjectClass") + QString(k).remove(QLatin1Char('+')))) {
            o->setText(cls ? tr("Accept object as: %1").arg(QString::fromStdString(cls->name))
                           : tr("Accept Object as Class %1").arg(k));
            o->setVisible(cls.has_value());
        }
    }
}

void AdjudicationPage::rebuild()
{
    nameDecideActions();
    m_stale = false;
    m_keep = currentImage();
    m_model->setEntries({});
    m_labelerColors.clear();
    m_labelerNames.clear();
    if (!m_document || !m_document->isLead()) {
        m_loading = false;
        m_count->setText(QString());
        showCurrent();
        return;
    }
    const core::Store &store = m_document->leadReader();
    std::vector<core::Labeler> labelers;
    for (const auto &l : store.labelers())
        if (l.role != core::Role::Lead)
            labelers.push_back(l);
    // Never a class's colour: a shape in the scratch colour would read as "scratch".
    const auto colors = labelerColors(m_document->classes(), labelers.size());
    for (std::size_t i = 0; i < labelers.size(); ++i) {
        m_labelerColors.insert(labelers[i].id, colors[i]);
        m_labelerNames.insert(labelers[i].id, QString::fromStdString(labelers[i].name));
    }
    // Every conflict's labels are read on a worker with its own read-only connection, so a
    // big project's queue never freezes the window. The queue and its order are core's.
    m_loading = true;
    m_count->setText(tr("Reading the conflicts\u2026"));
    showCurrent();
    m_watcher.setFuture(m_document->leadAccess().run([](const ProjectAccess &project) -> std::vector<Entry> {
        std::vector<Entry> entries;
        try {
            auto reader = project.open();
            for (auto &c : core::conflictQueue(*reader)) {
                Entry e;
                e.image = c.image;
                e.path = QString::fromStdString(c.resolvedPath);
                e.cluster = c.cluster;
                e.dispute = QString::fromStdString(c.dispute);
                e.agreement = c.vote.agreement;
                entries.push_back(std::move(e));
            }
        } catch (const std::exception &) {
            // The queue stays empty; the document's own connection reports lasting problems.
        }
        return entries;
    }));
}

void AdjudicationPage::queueRead()
{
    m_loading = false;
    m_model->setEntries(m_watcher.result());
    const auto &entries = m_model->entries();
    m_count->setText(tr("<b>%n conflict(s)</b> to decide", nullptr, int(entries.size())));
    const int row = m_model->rowOf(m_keep);
    setCurrentRow(row >= 0 ? row : (entries.empty() ? -1 : 0));
    showCurrent();
}

void AdjudicationPage::showPicture(const QString &path)
{
    const auto decoded = m_pictures->get(path);
    if (!decoded) {
        m_canvas->setImage({}, {}, tr("Decoding the image\u2026"));
        return;
    }
    m_canvas->setImage(decoded->levels.empty() ? QImage() : decoded->levels.front(), decoded->size, decoded->error);
}

QString AdjudicationPage::className(std::optional<core::Id> id) const
{
    if (!id || !m_document)
        return QString();
    const auto c = m_document->labelClass(*id);
    return c ? QString::fromStdString(c->name) : QString::number(*id);
}

int AdjudicationPage::currentRow() const
{
    const QModelIndex current = m_queue->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void AdjudicationPage::setCurrentRow(int row)
{
    if (row < 0) {
        m_queue->setCurrentIndex({});
        return;
    }
    m_model->ensureFetched(row);
    m_queue->setCurrentIndex(m_model->index(row));
    m_queue->scrollTo(m_model->index(row));
}

core::Id AdjudicationPage::currentImage() const
{
    const int row = currentRow();
    const auto &entries = m_model->entries();
    return row >= 0 && std::size_t(row) < entries.size() ? entries[std::size_t(row)].image : 0;
}

std::vector<core::Id> AdjudicationPage::queueImages() const
{
    std::vector<core::Id> out;
    for (const auto &e : m_model->entries())
        out.push_back(e.image);
    return out;
}

void AdjudicationPage::showCurrent()
{
    const core::Id image = currentImage();
    m_toggles->clear();
    m_values->clear();
    m_message->clear();
    if (!m_document || image == 0) {
        m_canvas->setImage({}, {},
                           !m_document ? QString()
                           : m_loading ? tr("Reading the conflicts\u2026")
                                       : tr("No conflicts left"));
        m_canvas->setLayers({});
        m_decision->setText(m_document && m_model->entries().empty() && !m_loading ? tr("Nothing to adjudicate.")
                                                                                   : QString());
        m_note->clear();
        m_standard->clear();
        m_cited.reset();
        return;
    }
    const core::Store &store = m_document->leadReader();
    const Entry &entry = m_model->entries()[std::size_t(currentRow())];

    // The picture, decoded at screen size on a worker (and the next conflict's ahead of time).
    const std::size_t next = std::size_t(currentRow()) + 1;
    m_pictures->setWanted({entry.path, next < m_model->entries().size() ? m_model->entries()[next].path : QString()});
    showPicture(entry.path);

    // Every labeler's label and shapes.
    const auto labels = store.labelsOfImage(image);
    std::vector<AdjudicationCanvas::Layer> layers;
    {
        const QSignalBlocker block(m_toggles);
        for (const auto &l : labels) {
            AdjudicationCanvas::Layer layer;
            layer.labeler = m_labelerNames.value(l.labeler, QString::number(l.labeler));
            layer.color = m_labelerColors.value(l.labeler, Qt::white);
            layer.annotations = store.annotationsOfLabel(l.id);
            QString text = QStringLiteral("%1: %2").arg(layer.labeler, className(l.labelClass));
            for (const auto &a : layer.annotations)
                if (a.lengthMm)
                    text += QStringLiteral(" (%1 mm)").arg(*a.lengthMm, 0, 'f', 2);
            if (l.source == core::LabelSource::Standard)
                text += QStringLiteral(" [%1]").arg(EnumText::of(l.source));
            auto *item = new QListWidgetItem(text, m_toggles);
            QPixmap swatch(12, 12);
            swatch.fill(layer.color);
            item->setIcon(QIcon(swatch));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Checked);
            item->setData(kLayerRole, int(layers.size()));
            layers.push_back(std::move(layer));
        }
    }
    m_canvas->setLayers(std::move(layers));

    // Measured and other values of the image.
    for (const auto &a : store.imageAttributes(image)) {
        auto *item = new QTreeWidgetItem(m_values);
        item->setText(0, QString::fromStdString(a.key));
        item->setText(1, attrText(a.value));
        item->setText(2,
                      QString::fromUtf8(core::toString(a.source).data(), qsizetype(core::toString(a.source).size())));
    }
    m_values->resizeColumnToContents(0);
    m_values->resizeColumnToContents(1);

    showStandard(labels);

    if (entry.decision) {
        const auto &d = *entry.decision;
        const QString what =
            d.method == core::DecisionMethod::Excluded ? EnumText::of(d.method) : className(d.labelClass);
        m_decision->setText(
            tr("Decided: <b>%1</b> (%2)").arg(what.toHtmlEscaped(), EnumText::of(d.method).toHtmlEscaped()));
        m_note->setText(QString::fromStdString(d.note));
    } else {
        m_decision->setText(tr("Undecided: %n label(s), agreement %1 %", nullptr, int(labels.size()))
                                .arg(qRound(entry.agreement * 100)));
        m_note->clear();
    }
}

void AdjudicationPage::showStandard(const std::vector<core::Label> &labels)
{
    m_cited.reset();
    const auto active = m_document->activeStandards();
    std::set<std::string> inDispute;
    for (const auto &l : labels)
        if (const auto c = m_document->labelClass(l.labelClass))
            inDispute.insert(c->name);
    // The standard that speaks about this disagreement, the one a decision cites (core).
    const auto cited = core::citedStandard(active, inDispute);
    if (!cited) {
        QStringList names;
        for (const auto &n : inDispute)
            names << QString::fromStdString(n);
        m_standard->setMessage(
            active.empty() ? tr("*No active standard yet.*")
                           : tr("*No active standard speaks about %1.*").arg(names.join(QStringLiteral(" \u2194 "))));
        return;
    }
    m_cited = cited->id;
    // The examples as the label book shows them: expected class, measurement, shapes.
    m_standard->setStandard(*cited, taughtExampleEntries(*m_document, *cited));
}

void AdjudicationPage::message(const QString &text, bool error)
{
    m_message->setText(error ? QStringLiteral("<span style='color:#c62828'>%1</span>").arg(text.toHtmlEscaped())
                             : text);
}

void AdjudicationPage::record(core::Decision decision)
{
    if (!m_document || m_document->isReadOnly())
        return;
    decision.image = currentImage();
    if (decision.image == 0)
        return;
    decision.standard = m_cited;
    decision.note = m_note->text().toStdString();
    m_document->recordDecision(std::move(decision));
}

void AdjudicationPage::decideClass(const QString &key)
{
    if (!m_document || currentImage() == 0)
        return;
    const auto cls = m_document->classForShortcut(key);
    if (!cls) {
        message(tr("No class has the key %1").arg(key), true);
        return;
    }
    core::Decision d;
    d.labelClass = cls->id;
    d.method = core::DecisionMethod::Adjudicated;
    record(d);
}

void AdjudicationPage::acceptMajority()
{
    const core::Id image = currentImage();
    if (!m_document || image == 0)
        return;
    const auto majority = core::voteOf(m_document->leadReader().labelsOfImage(image)).majority;
    if (!majority) {
        message(tr("No majority here (a tie): choose the class with its key"), true);
        return;
    }
    core::Decision d;
    d.labelClass = *majority;
    d.method = core::DecisionMethod::Consensus;
    record(d);
}

void AdjudicationPage::markAmbiguous()
{
    core::Decision d;
    d.method = core::DecisionMethod::Excluded;
    record(d);
}

void AdjudicationPage::editNote()
{
    m_note->setFocus();
    m_note->selectAll();
}

void AdjudicationPage::next()
{
    if (m_note->hasFocus()) {
        // Enter in the note: keep it with the decision already made, then move on.
        const int row = currentRow();
        const auto &entries = m_model->entries();
        if (row >= 0 && entries[std::size_t(row)].decision &&
            entries[std::size_t(row)].decision->note != m_note->text().toStdString()) {
            core::Decision d = *entries[std::size_t(row)].decision;
            d.note = m_note->text().toStdString();
            d.createdAt.clear();
            m_document->recordDecision(std::move(d));
        }
        m_queue->setFocus();
        if (row >= 0 && !m_model->entries()[std::size_t(row)].decision)
            return; // the note waits for the decision on this image
    }
    const auto &entries = m_model->entries();
    const int n = int(entries.size());
    const int start = currentRow();
    for (int step = 1; step <= n; ++step) {
        const int row = (start + step + n) % n;
        if (!entries[std::size_t(row)].decision) {
            setCurrentRow(row);
            return;
        }
    }
    message(tr("Every conflict in the queue is decided."));
}

void AdjudicationPage::decisionChanged(qint64 image)
{
    const int row = m_model->rowOf(image);
    if (row < 0 || !m_document)
        return;
    m_model->setDecision(row, m_document->leadReader().decision(image));
    if (currentRow() != row)
        setCurrentRow(row); // an undo shows the image it changed
    else
        showCurrent();
}

} // namespace concord::ui
