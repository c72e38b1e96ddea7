// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/labeling/queuepanel.h"

#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"
#include "ui/labeling/queuegriddelegate.h"
#include "ui/models/queuemodel.h"
#include "ui/models/queuesearchmodel.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPixmap>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalBlocker>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace concord::ui {

namespace {

constexpr int kThumbnailSide = 96;
constexpr int kStatusRole = Qt::UserRole;
constexpr int kClassRole = Qt::UserRole + 1;
constexpr auto kGridKey = "labeling/queueGrid";

QIcon swatch(const QColor &colour)
{
    QPixmap p(12, 12);
    p.fill(colour);
    return QIcon(p);
}

} // namespace

QueuePanel::QueuePanel(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_filter(new QComboBox(this))
    , m_gridButton(new QToolButton(this))
    , m_matchLabel(new QLabel(this))
    , m_view(new QListView(this))
    , m_grid(new QueueGridDelegate(
          kThumbnailSide, [this](qint64 image) { return m_document ? m_document->imageFilePath(image) : QString(); },
          this))
    , m_listDelegate(nullptr)
    , m_debounce(new QTimer(this))
{
    m_search->setObjectName(QStringLiteral("queueSearch"));
    m_filter->setObjectName(QStringLiteral("queueFilter"));
    m_gridButton->setObjectName(QStringLiteral("queueGridButton"));
    m_matchLabel->setObjectName(QStringLiteral("queueMatchLabel"));
    m_view->setObjectName(QStringLiteral("queueView"));

    m_search->setPlaceholderText(tr("Search: name or number"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_filter->setToolTip(tr("Show only some of your images"));
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_filter->setMinimumContentsLength(8);
    m_matchLabel->setWordWrap(true);
    m_matchLabel->hide();
    m_view->setFocusPolicy(Qt::NoFocus);
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_listDelegate = m_view->itemDelegate();

    // Typing searches once the labeler pauses; a 10^5-row queue is one statement per search.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &QueuePanel::search);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_debounce->stop();
        search();
        if (m_filtered && !m_found->rows().empty() && m_found->positionOf(m_current) < 0)
            emit rowChosen(m_found->rows().front());
        emit searchLeft();
    });
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] {
        m_debounce->stop();
        search();
    });
    connect(m_grid, &QueueGridDelegate::thumbnailReady, m_view->viewport(), qOverload<>(&QWidget::update));

    m_searchAction = new QAction(tr("&Search the queue\u2026"), this);
    m_searchAction->setObjectName(QStringLiteral("actionSearchQueue"));
    m_searchAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    connect(m_searchAction, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    m_gridAction = new QAction(tr("Queue as &thumbnails"), this);
    m_gridAction->setObjectName(QStringLiteral("actionQueueGrid"));
    m_gridAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_gridAction->setCheckable(true);
    m_gridAction->setIconText(QStringLiteral("\u25a6"));
    m_gridAction->setToolTip(tr("Show the queue as a grid of thumbnails (Ctrl+T)"));
    connect(m_gridAction, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QLatin1String(kGridKey), on);
        setGrid(on);
    });
    m_gridButton->setDefaultAction(m_gridAction);
    addAction(m_searchAction);
    addAction(m_gridAction);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_gridButton);
    layout->addLayout(searchRow);
    layout->addWidget(m_filter);
    layout->addWidget(m_matchLabel);
    layout->addWidget(m_view, 1);

    rebuildFilters();
    if (QSettings().value(QLatin1String(kGridKey), false).toBool())
        m_gridAction->setChecked(true);
}

QueuePanel::~QueuePanel()
{
    m_view->setModel(nullptr); // before the search model goes
}

void QueuePanel::setDocument(ProjectDocument *document, QueueModel *queue)
{
    if (m_document)
        m_document->disconnect(this);
    m_document = document;
    m_queue = queue;
    m_current = -1;
    m_filtered = false;
    m_debounce->stop();
    {
        const QSignalBlocker blocker(m_search);
        m_search->clear();
    }
    QItemSelectionModel *old = m_view->selectionModel();
    m_view->setModel(queue);
    delete old;
    m_found = document ? std::make_unique<QueueSearchModel>(document) : nullptr;
    if (document)
        connect(document, &ProjectDocument::classesChanged, this, &QueuePanel::rebuildFilters);
    {
        const QSignalBlocker blocker(m_filter);
        m_filter->setCurrentIndex(0);
    }
    rebuildFilters();
    m_matchLabel->hide();
    connectSelection();
}

void QueuePanel::connectSelection()
{
    if (!m_view->selectionModel())
        return;
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &idx) {
        if (m_following || !idx.isValid())
            return;
        const int row = idx.data(QueueModel::QueueRowRole).toInt();
        if (row != m_current)
            emit rowChosen(row);
    });
}

void QueuePanel::rebuildFilters()
{
    const QSignalBlocker blocker(m_filter);
    const QVariant status = m_filter->currentData(kStatusRole);
    const QVariant cls = m_filter->currentData(kClassRole);
    using S = core::QueueFilter::Status;
    m_filter->clear();
    const auto add = [this](const QString &text, S s, const QVariant &classId = {}, const QIcon &icon = {}) {
        m_filter->addItem(icon, text);
        m_filter->setItemData(m_filter->count() - 1, static_cast<int>(s), kStatusRole);
        m_filter->setItemData(m_filter->count() - 1, classId, kClassRole);
    };
    add(tr("All images"), S::Any);
    add(tr("Unlabeled"), S::Unlabeled);
    add(tr("Skipped"), S::Skipped);
    add(tr("Relabel (sent back)"), S::Relabel);
    add(tr("Labeled"), S::Labeled);
    if (m_document) {
        m_filter->insertSeparator(m_filter->count());
        for (const core::LabelClass &c : m_document->classes())
            add(tr("My class: %1").arg(QString::fromStdString(c.name)), S::Any, QVariant::fromValue<qint64>(c.id),
                swatch(QColor(QString::fromStdString(c.color))));
    }
    for (int i = 0; i < m_filter->count(); ++i)
        if (m_filter->itemData(i, kStatusRole) == status && m_filter->itemData(i, kClassRole) == cls) {
            m_filter->setCurrentIndex(i);
            return;
        }
    m_filter->setCurrentIndex(0);
    if (m_filtered) // the chosen class is gone
        search();
}

void QueuePanel::search()
{
    if (!m_document || !m_queue)
        return;
    const QString text = m_search->text().trimmed();
    const auto status = static_cast<core::QueueFilter::Status>(m_filter->currentData(kStatusRole).toInt());
    const QVariant cls = m_filter->currentData(kClassRole);
    const bool filtered = !text.isEmpty() || status != core::QueueFilter::Status::Any || cls.isValid();
    if (!filtered) {
        if (m_filtered) {
            m_filtered = false;
            QItemSelectionModel *old = m_view->selectionModel();
            m_view->setModel(m_queue);
            delete old;
            connectSelection();
        }
        m_matchLabel->hide();
        showRow(m_current);
        return;
    }
    std::optional<std::vector<int>> rows;
    try {
        // One read of the queue: a few ms for 10^4 rows, a few hundred for 10^5 (PERFORMANCE.md).
        QGuiApplication::setOverrideCursor(Qt::WaitCursor);
        const auto restore = qScopeGuard([] { QGuiApplication::restoreOverrideCursor(); });
        rows = m_document->searchQueue(text, status,
                                       cls.isValid() ? std::optional<core::Id>(cls.toLongLong()) : std::nullopt);
    } catch (const core::Error &e) {
        m_matchLabel->setText(errorText(e));
        m_matchLabel->show();
        return;
    }
    if (!rows) {
        m_matchLabel->setText(tr("The server cannot be reached: search again once it answers."));
        m_matchLabel->show();
        return;
    }
    m_found->setRows(*rows);
    if (!m_filtered) {
        m_filtered = true;
        QItemSelectionModel *old = m_view->selectionModel();
        m_view->setModel(m_found.get());
        delete old;
        connectSelection();
    }
    QString note = rows->size() == 1 ? tr("1 image of %1").arg(m_document->queueSize())
                                     : tr("%1 images of %2").arg(rows->size()).arg(m_document->queueSize());
    const core::Session *session = m_document->session();
    if (rows->empty() && !text.isEmpty() && session && session->shownImageName("x", 0).hidden())
        note += QLatin1Char('\n') + tr("File names are hidden in this project: search by image number.");
    m_matchLabel->setText(note);
    m_matchLabel->show();
    showRow(m_current);
}

void QueuePanel::refresh()
{
    if (m_filtered)
        search();
}

void QueuePanel::showRow(int queueRow)
{
    m_current = queueRow;
    if (!m_document || !m_view->selectionModel())
        return;
    QModelIndex idx;
    if (m_filtered) {
        if (const int at = m_found->positionOf(queueRow); at >= 0)
            idx = m_found->index(at);
    } else if (m_queue && queueRow >= 0 && queueRow < m_document->queueSize()) {
        m_queue->ensureFetched(queueRow); // a row far down the queue (first unlabeled, undo)
        idx = m_queue->index(queueRow);
    }
    m_following = true;
    if (idx.isValid()) {
        m_view->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect);
        m_view->scrollTo(idx);
    } else {
        m_view->selectionModel()->clear();
    }
    m_following = false;
}

int QueuePanel::rowAfter(int queueRow) const
{
    if (m_filtered)
        return m_found->rowAfter(queueRow);
    return m_document && queueRow + 1 < m_document->queueSize() ? queueRow + 1 : -1;
}

int QueuePanel::rowBefore(int queueRow) const
{
    if (m_filtered)
        return m_found->rowBefore(queueRow);
    return queueRow > 0 ? queueRow - 1 : -1;
}

int QueuePanel::nextNeededAfter(int queueRow) const
{
    if (!m_filtered || !m_document)
        return -1;
    // As ProjectDocument::nextUnlabeledIndex() does for the whole queue: the next row that is
    // neither answered nor skipped, wrapping; then the skipped ones (a search for the skipped
    // images walks through them).
    const std::vector<int> &rows = m_found->rows();
    const auto start = std::upper_bound(rows.begin(), rows.end(), queueRow);
    for (const bool skippedToo : {false, true}) {
        const auto needed = [&](int row) {
            if (row == queueRow || row >= m_document->queueSize())
                return false;
            const core::QueueEntry e = m_document->queueEntry(row);
            return !core::isAnswered(e) && (skippedToo || e.state != core::AssignmentState::Skipped);
        };
        if (const auto it = std::find_if(start, rows.end(), needed); it != rows.end())
            return *it;
        if (const auto it = std::find_if(rows.begin(), start, needed); it != start)
            return *it;
    }
    return -1;
}

int QueuePanel::shownCount() const
{
    return m_filtered ? m_found->rowCount() : -1;
}

void QueuePanel::setGrid(bool on)
{
    if (on) {
        m_view->setViewMode(QListView::IconMode);
        m_view->setMovement(QListView::Static);
        m_view->setResizeMode(QListView::Adjust);
        m_view->setItemDelegate(m_grid);
        QStyleOptionViewItem option;
        option.initFrom(m_view);
        m_view->setGridSize(m_grid->sizeHint(option, {}) + QSize(4, 4));
    } else {
        m_view->setViewMode(QListView::ListMode);
        m_view->setGridSize({});
        m_view->setItemDelegate(m_listDelegate);
    }
    m_view->setUniformItemSizes(true);
    emit gridToggled(on);
    showRow(m_current);
}

bool QueuePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            // Esc belongs to the field here, not to the view's "cancel drawing".
            event->accept();
            if (event->type() == QEvent::KeyPress) {
                if (!m_search->text().isEmpty()) {
                    m_search->clear();
                    m_debounce->stop();
                    search();
                } else {
                    emit searchLeft();
                }
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace concord::ui
