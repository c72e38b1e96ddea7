// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <memory>

class QAbstractItemDelegate;
class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QTimer;
class QToolButton;

namespace concord::ui {

class ProjectDocument;
class QueueGridDelegate;
class QueueModel;
class QueueSearchModel;

/// The labeler's queue on the left of the labeling view (issue #19, "a queue you can work
/// with"): a search field (a file name, when the labeler is shown names, or an image number),
/// a filter (unlabeled, skipped, relabel, labeled, or one of the labeler's own classes), and
/// the queue as a list or as a grid of thumbnails (Ctrl+T).
///
/// With no search the view shows the whole queue (QueueModel, paged). A search asks the store
/// for the rows it shows (core::Session::searchQueue, one statement) and lists those
/// (QueueSearchModel); stepping through images (D/A, auto-advance) then stays among them.
/// The panel speaks in queue rows: rowChosen() when the labeler picks a row, showRow() to
/// follow the image the view shows.
class QueuePanel final : public QWidget
{
    Q_OBJECT

public:
    explicit QueuePanel(QWidget *parent = nullptr);
    ~QueuePanel() override;

    /// Shows `queue` (the document's whole queue) and forgets any search; null clears.
    void setDocument(ProjectDocument *document, QueueModel *queue);

    /// Whether a search or filter is narrowing the list.
    bool isFiltered() const { return m_filtered; }
    /// Selects the queue row in the list (and scrolls to it); with a search that does not show
    /// the row, nothing is selected.
    void showRow(int queueRow);
    /// The next (previous) queue row the list shows after (before) `queueRow`, or -1.
    int rowAfter(int queueRow) const;
    int rowBefore(int queueRow) const;
    /// The next row the list shows after `queueRow` that still needs this labeler (not
    /// answered; skipped ones last), wrapping to the list's start; -1 when none does.
    int nextNeededAfter(int queueRow) const;
    /// Runs the search again on the store as it is now (after another process changed it).
    void refresh();
    /// Shown rows, for tests: the search's rows, or -1 when the whole queue is shown.
    int shownCount() const;

    QListView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *filterBox() const { return m_filter; }
    QLabel *matchLabel() const { return m_matchLabel; }
    /// Ctrl+F: to the search field. Ctrl+T: list or thumbnail grid.
    QAction *searchAction() const { return m_searchAction; }
    QAction *gridAction() const { return m_gridAction; }
    QueueGridDelegate *gridDelegate() const { return m_grid; }

signals:
    void rowChosen(int queueRow);
    /// The labeler is done with the search field (Enter, or Esc on an empty field).
    void searchLeft();
    /// The grid was switched on or off (the view may give the panel more room).
    void gridToggled(bool on);

private:
    void rebuildFilters();
    void search();
    void setGrid(bool on);
    void connectSelection();
    bool eventFilter(QObject *watched, QEvent *event) override;

    ProjectDocument *m_document = nullptr;
    QueueModel *m_queue = nullptr;
    std::unique_ptr<QueueSearchModel> m_found;
    bool m_filtered = false;
    int m_current = -1;       ///< the queue row the labeling view shows
    bool m_following = false; ///< showRow() is moving the selection: not the labeler's choice
    QLineEdit *m_search;
    QComboBox *m_filter;
    QToolButton *m_gridButton;
    QLabel *m_matchLabel;
    QListView *m_view;
    QueueGridDelegate *m_grid;
    QAbstractItemDelegate *m_listDelegate; ///< the view's own, for the list
    QTimer *m_debounce;
    QAction *m_searchAction;
    QAction *m_gridAction;
};

} // namespace concord::ui
