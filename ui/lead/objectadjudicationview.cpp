// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/objectadjudicationview.h"

#include "core/project/classkeys.h"
#include "ui/commands/objectdecisioncommand.h"
#include "ui/document/projectaccess.h"
#include "ui/document/projectdocument.h"
#include "ui/image/imagecache.h"
#include "ui/lead/labelercolors.h"
#include "ui/lead/objectcanvas.h"
#include "ui/shell/keybindings.h"
#include "ui/lead/objectqueuemodel.h"

#include <QAction>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QSplitter>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace concord::ui {

namespace {

/// Longest side an image is decoded at for this view (as the Images mode).
constexpr int kDecodeSide = 1400;

QString kindText(core::AnnotationKind kind)
{
    const auto s = core::toString(kind);
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

/// "IoU 0.62" for boxes and polygons, "4.1 px apart" for lines and points, as core measures it.
QString agreementText(const core::UnresolvedObject &o, const core::ObjectMember &m)
{
    if (std::isnan(m.agreement))
        return ObjectAdjudicationView::tr("alone");
    if (o.kind == core::AnnotationKind::Box || o.kind == core::AnnotationKind::Polygon)
        return ObjectAdjudicationView::tr("IoU %1").arg(m.agreement, 0, 'f', 2);
    return ObjectAdjudicationView::tr("%1 px apart").arg(m.agreement, 0, 'f', 1);
}

} // namespace

ObjectAdjudicationView::ObjectAdjudicationView(QWidget *parent)
    : QWidget(parent)
    , m_count(new QLabel(this))
    , m_queue(new QListView(this))
    , m_model(new ObjectQueueModel(this))
    , m_canvas(new ObjectCanvas(this))
    , m_detail(new QLabel(this))
    , m_message(new QLabel(this))
    , m_pictures(new ImageCache(this))
{
    setObjectName(QStringLiteral("objectAdjudication"));
    m_count->setObjectName(QStringLiteral("objectCount"));
    m_count->setWordWrap(true);
    m_queue->setObjectName(QStringLiteral("objectQueue"));
    m_queue->setUniformItemSizes(true);
    m_queue->setModel(m_model);
    m_detail->setObjectName(QStringLiteral("objectDetail"));
    m_detail->setTextFormat(Qt::RichText);
    m_detail->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("objectMessage"));
    m_pictures->setScreenSide(kDecodeSide);
    connect(m_pictures, &ImageCache::ready, this, [this](const QString &path, ImageCache::Detail) {
        if (const auto o = currentObject(); o && pathOf(*o) == path)
            showPicture(path);
    });

    auto *keys =
        new QLabel(tr("<b>Enter</b> accept (voted class) \u00b7 <b>1</b>\u2013<b>9</b> accept as class "
                      "\u00b7 <b>Del</b>/<b>D</b> drop \u00b7 <b>Ctrl+Z</b> undo \u00b7 <b>+</b> <b>\u2212</b> "
                      "wheel zoom \u00b7 drag pan \u00b7 <b>F</b> frame \u00b7 <b>O</b> images"),
                   this);
    keys->setObjectName(QStringLiteral("objectKeys"));
    keys->setWordWrap(true);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_count);
    leftLayout->addWidget(m_queue, 1);

    auto *center = new QWidget(this);
    auto *centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    centerLayout->addWidget(m_canvas, 1);
    centerLayout->addWidget(m_detail);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(keys, 1);
    bottom->addWidget(m_message);
    centerLayout->addLayout(bottom);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(center);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 7);
    split->setSizes({300, 900});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_queue->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ObjectAdjudicationView::showCurrent);
    connect(&m_watcher, &QFutureWatcher<Read>::finished, this, &ObjectAdjudicationView::queueRead);

    auto addKey = [this](const QString &name, const QString &text, const QList<QKeySequence> &seq, auto slot) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        a->setShortcuts(seq);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setEnabled(false);
        connect(a, &QAction::triggered, this, slot);
        m_actions.append(a);
    };
    addKey(QStringLiteral("actionObjectAccept"), tr("Accept Object"),
           {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}, [this] { acceptVoted(); });
    for (const std::string &key : core::defaultClassKeys()) { // as the image decisions' keys
        const QString k = QString::fromStdString(key);
        addKey(QStringLiteral("actionObjectClass") + QString(k).remove(QLatin1Char('+')),
               tr("Accept Object as Class %1").arg(k), {QKeySequence(k)}, [this, k] { acceptAs(k); });
        m_actions.back()->setProperty(kClassKeyProperty, true); // named and shown by the page
    }
    addKey(QStringLiteral("actionObjectDrop"), tr("Drop Object"),
           {QKeySequence(Qt::Key_Delete), QKeySequence(Qt::Key_D)}, [this] { drop(); });
    addKey(QStringLiteral("actionObjectZoomIn"), tr("Zoom In on Object"),
           {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)}, [this] { m_canvas->zoomIn(); });
    addKey(QStringLiteral("actionObjectZoomOut"), tr("Zoom Out from Object"), {QKeySequence(Qt::Key_Minus)},
           [this] { m_canvas->zoomOut(); });
    addKey(QStringLiteral("actionObjectFrame"), tr("Frame Object"), {QKeySequence(Qt::Key_F)},
           [this] { m_canvas->fitObject(); });
    showCurrent();
}

ObjectAdjudicationView::~ObjectAdjudicationView()
{
    m_watcher.waitForFinished();
}

void ObjectAdjudicationView::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &ProjectDocument::projectDataChanged, this, &ObjectAdjudicationView::dataChanged);
        connect(m_document, &ProjectDocument::leadActionFailed, this,
                [this](const QString &text) { message(text, true); });
        connect(m_document, &ProjectDocument::imagesRelinked, this, [this] {
            m_pictures->clear();
            dataChanged({ProjectChange::Images, {}});
        });
    }
    m_pictures->clear();
    m_model->setObjects({});
    m_accepted = m_dropped = m_staleDecisions = 0;
    // objectQueue() reads every shape: only when the mode is first shown.
    m_stale = m_document != nullptr;
    if (m_active && m_document)
        rebuild();
    else
        showCurrent();
}

void ObjectAdjudicationView::setActive(bool active)
{
    m_active = active;
    for (QAction *a : m_actions)
        a->setEnabled(active);
    if (active && m_stale)
        rebuild();
    if (active)
        m_queue->setFocus();
}

void ObjectAdjudicationView::dataChanged(const ProjectChange &change)
{
    // Decisions (this window's, another's), shapes and classes all change the queue.
    if (!change.touches(ProjectChange::Decisions | ProjectChange::Labels | ProjectChange::Classes |
                        ProjectChange::Images))
        return;
    m_stale = true;
    if (m_active)
        rebuild();
}

void ObjectAdjudicationView::rebuild()
{
    if (m_loading) {
        m_readAgain = true; // read again when the running read is back
        return;
    }
    m_stale = false;
    if (!m_document || !m_document->isLead()) {
        m_model->setObjects({});
        updateCount();
        showCurrent();
        return;
    }
    std::vector<core::Labeler> labelers;
    for (const auto &l : m_document->leadReader().labelers())
        if (l.role != core::Role::Lead)
            labelers.push_back(l);
    const auto colors = labelerColors(m_document->classes(), labelers.size());
    m_labelerColors.clear();
    for (std::size_t i = 0; i < labelers.size(); ++i)
        m_labelerColors.insert(labelers[i].id, colors[i]);

    m_loading = true;
    m_readAgain = false;
    updateCount();
    if (m_model->rowCount() == 0)
        showCurrent();
    m_watcher.setFuture(m_document->leadAccess().run([](const ProjectAccess &project) -> Read {
        Read read;
        try {
            auto reader = project.open();
            // The export's default options (majority quorum, IoU 0.5, 10 px), as
            // `concord-cli adjudicate --objects` without options.
            read.queue = core::objectQueue(*reader, core::ObjectConsensusOptions{});
        } catch (const std::exception &e) {
            read.error = QString::fromUtf8(e.what());
        }
        return read;
    }));
}

void ObjectAdjudicationView::queueRead()
{
    m_loading = false;
    if (m_readAgain) {
        rebuild();
        return;
    }
    Read read = m_watcher.result();
    // An object not listed before is one an undo (or another window) brought back: show it.
    // Otherwise stay at the same row, which after a decision is the next object.
    std::set<std::pair<core::Id, std::string>> before;
    for (const auto &o : m_model->objects())
        before.emplace(o.image, core::objectMembersKey(o.kind, o.members));
    const int oldRow = currentRow();
    const bool hadRows = m_model->rowCount() > 0;
    int show = -1;
    for (std::size_t i = 0; i < read.queue.objects.size() && hadRows; ++i) {
        const auto &o = read.queue.objects[i];
        if (!before.count({o.image, core::objectMembersKey(o.kind, o.members)})) {
            show = int(i);
            break;
        }
    }
    m_accepted = read.queue.accepted;
    m_dropped = read.queue.dropped;
    m_staleDecisions = std::int64_t(read.queue.stale.size());
    m_model->setObjects(std::move(read.queue.objects));
    const int n = m_model->rowCount();
    if (show < 0)
        show = n == 0 ? -1 : std::clamp(oldRow, 0, n - 1);
    updateCount();
    setCurrentRow(show);
    showCurrent();
    if (!read.error.isEmpty())
        message(read.error, true);
}

void ObjectAdjudicationView::updateCount()
{
    if (!m_document) {
        m_count->clear();
        return;
    }
    if (m_loading && m_model->rowCount() == 0) {
        m_count->setText(tr("Reading the objects\u2026"));
        return;
    }
    const int n = m_model->rowCount();
    const QString decided = tr("decided: %1 accepted, %2 dropped").arg(m_accepted).arg(m_dropped);
    // Singular and plural spelled out: the window loads no translation that would fill in "(s)".
    QString text = n == 0   ? tr("<b>No unresolved objects</b> \u00b7 %1").arg(decided)
                   : n == 1 ? tr("<b>1 unresolved object</b> to decide \u00b7 %1").arg(decided)
                            : tr("<b>%1 unresolved objects</b> to decide \u00b7 %2").arg(n).arg(decided);
    if (m_staleDecisions == 1)
        text += tr("<br>1 earlier decision no longer applies: its shapes changed since");
    else if (m_staleDecisions > 1)
        text += tr("<br>%1 earlier decisions no longer apply: their shapes changed since").arg(m_staleDecisions);
    m_count->setText(text);
}

QWidget *ObjectAdjudicationView::focusTarget() const
{
    return m_queue;
}

const std::vector<core::UnresolvedObject> &ObjectAdjudicationView::objects() const
{
    return m_model->objects();
}

int ObjectAdjudicationView::currentRow() const
{
    const QModelIndex current = m_queue->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void ObjectAdjudicationView::setCurrentRow(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_queue->setCurrentIndex({});
        return;
    }
    m_queue->setCurrentIndex(m_model->index(row));
    m_queue->scrollTo(m_model->index(row));
}

std::optional<core::UnresolvedObject> ObjectAdjudicationView::currentObject() const
{
    const int row = currentRow();
    if (row < 0 || row >= m_model->rowCount())
        return std::nullopt;
    return m_model->objects()[std::size_t(row)];
}

QString ObjectAdjudicationView::pathOf(const core::UnresolvedObject &object) const
{
    return m_document ? m_document->imageFilePath(object.image) : QString();
}

void ObjectAdjudicationView::showPicture(const QString &path)
{
    const auto decoded = m_pictures->get(path);
    if (!decoded) {
        m_canvas->setImage({}, {}, tr("Decoding the image\u2026"));
        return;
    }
    m_canvas->setImage(decoded->levels.empty() ? QImage() : decoded->levels.front(), decoded->size, decoded->error);
}

void ObjectAdjudicationView::showCurrent()
{
    m_message->clear();
    const int row = currentRow();
    if (!m_document || row < 0 || row >= m_model->rowCount()) {
        m_canvas->clearObject();
        m_canvas->setImage({}, {},
                           !m_document ? QString()
                           : m_loading ? tr("Reading the objects\u2026")
                                       : tr("No unresolved objects"));
        m_detail->setText(m_document && !m_loading ? tr("Every object the labelers drew reached the quorum or "
                                                        "is decided (%1 accepted, %2 dropped).")
                                                         .arg(m_accepted)
                                                         .arg(m_dropped)
                                                   : QString());
        return;
    }
    const auto &o = m_model->objects()[std::size_t(row)];
    const QString path = pathOf(o);
    const std::size_t next = std::size_t(row) + 1;
    m_pictures->setWanted({path, next < m_model->objects().size() ? pathOf(m_model->objects()[next]) : QString()});
    showPicture(path);

    std::vector<ObjectCanvas::Shape> members;
    for (const auto &m : o.members) {
        ObjectCanvas::Shape s;
        s.tag = QStringLiteral("%1 \u00b7 %2 \u00b7 %3")
                    .arg(QString::fromStdString(m.labeler), QString::fromStdString(m.className), agreementText(o, m));
        s.color = m_labelerColors.value(m.labelerId, Qt::white);
        s.kind = o.kind;
        s.points = m.points;
        members.push_back(std::move(s));
    }
    ObjectCanvas::Shape proposal;
    proposal.tag =
        tr("proposal \u00b7 %1%2").arg(QString::fromStdString(o.className), o.classTie ? tr(" (tie)") : QString());
    proposal.kind = o.kind;
    proposal.points = o.points;
    m_canvas->setObject(std::move(members), std::move(proposal));

    m_detail->setText(tr("A <b>%1</b> on <b>%2</b>: %3 of %4 labelers drew it, %5 needed. Voted class "
                         "<b>%6</b> (%7 % of the members%8); the proposal is their %9 shape.")
                          .arg(kindText(o.kind), QFileInfo(QString::fromStdString(o.path)).fileName().toHtmlEscaped())
                          .arg(o.members.size())
                          .arg(o.labelers)
                          .arg(o.quorum)
                          .arg(QString::fromStdString(o.className).toHtmlEscaped())
                          .arg(qRound(o.classShare * 100))
                          .arg(o.classTie ? tr(", a tie") : QString())
                          .arg(QString::fromStdString(o.method).toHtmlEscaped()));
}

void ObjectAdjudicationView::message(const QString &text, bool error)
{
    m_message->setText(error ? QStringLiteral("<span style='color:#c62828'>%1</span>").arg(text.toHtmlEscaped())
                             : text);
}

void ObjectAdjudicationView::decide(core::ObjectAction action, std::optional<core::Id> cls)
{
    const int row = currentRow();
    if (!m_document || m_document->isReadOnly() || row < 0 || row >= m_model->rowCount())
        return;
    QUndoStack *stack = m_document->undoStack();
    const int before = stack->index();
    stack->push(new ObjectDecisionCommand(m_document, m_model->objects()[std::size_t(row)], action, cls));
    if (stack->index() == before)
        return; // refused (decided elsewhere meanwhile): the reason is shown, the queue read again
    // Decided: the next object now, without waiting for the queue to be read again.
    if (action == core::ObjectAction::Drop)
        ++m_dropped;
    else
        ++m_accepted;
    m_model->removeObject(row);
    setCurrentRow(std::min(row, m_model->rowCount() - 1));
    updateCount();
    showCurrent();
}

void ObjectAdjudicationView::acceptVoted()
{
    decide(core::ObjectAction::Accept, std::nullopt);
}

void ObjectAdjudicationView::acceptAs(const QString &key)
{
    const auto o = currentObject();
    if (!m_document || !o)
        return;
    const auto cls = m_document->classForShortcut(key);
    if (!cls) {
        message(tr("No class has the key %1").arg(key), true);
        return;
    }
    // The voted class by its key is a plain accept, as `--accept N --as` it in the CLI.
    if (cls->id == o->classId)
        decide(core::ObjectAction::Accept, std::nullopt);
    else
        decide(core::ObjectAction::Class, cls->id);
}

void ObjectAdjudicationView::drop()
{
    decide(core::ObjectAction::Drop, std::nullopt);
}

} // namespace concord::ui
