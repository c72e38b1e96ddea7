// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QHash>
#include <QWidget>

#include <memory>
#include <vector>

class QAction;
class QActionGroup;
class QLabel;
class QListView;
class QProgressBar;
class QSplitter;

namespace concord::ui {

class ClassBar;
class ClassModel;
class ImageBanner;
class ImageCache;
class ImageCanvas;
class LabelBookPanel;
class ProjectDocument;
class QueueModel;
class QueuePanel;
class Toast;
struct ShapeStyle;

/// The labeler's working view: their queue on the left, the image canvas with the class
/// buttons in the middle, the label book on the right. Keyboard first: a key per class
/// (which saves and, by default, moves on), D/A or arrows to step, S to skip, U for the first
/// unlabeled image, V/B/L/P/O for the tools. All changes go through the ProjectDocument.
///
/// Every shape has a class of its own (issue #17). While a shape is selected a class key (or
/// button) gives that shape the class, as one undo step, and leaves the image's class alone;
/// with no shape selected it gives the image its class as before. Esc deselects. A new shape
/// gets the object class used last in this session, or at first defaultObjectClass().
class LabelingView final : public QWidget
{
    Q_OBJECT

public:
    explicit LabelingView(QWidget *parent = nullptr);
    ~LabelingView() override;

    /// Shows the document's session (null clears the view and disables its actions).
    void setDocument(ProjectDocument *document);
    ProjectDocument *document() const { return m_document; }

    int currentIndex() const { return m_current; }
    core::Id currentImage() const;

    ImageCanvas *canvas() const { return m_canvas; }
    ImageCache *imageCache() const { return m_cache; }
    QueueModel *queueModel() const { return m_queueModel.get(); }
    /// The queue's list, search and filter (issue #19).
    QueuePanel *queuePanel() const { return m_queuePanel; }
    ClassModel *classModel() const { return m_classModel; }
    LabelBookPanel *labelBook() const { return m_labelBook; }
    /// The state shown over the image (missing file, damaged data); hidden when it is whole.
    ImageBanner *imageBanner() const { return m_banner; }

    /// Actions for the main window's menus, grouped as the menus show them.
    QList<QAction *> labelActions() const;
    QList<QAction *> navigationActions() const;
    QList<QAction *> toolActions() const;
    QList<QAction *> viewActions() const;
    /// Labels for the status bar: image name, size, zoom, mm scale, live measurement.
    QList<QWidget *> statusWidgets() const;

    /// Whether choosing a class moves on to the next image that still needs a label
    /// (ProjectDocument::nextUnlabeledIndex; remembered with QSettings).
    bool autoAdvance() const;
    void setAutoAdvance(bool on);

    /// The class a new shape gets when no object class was used yet in this session: the first
    /// class, in the project's order, whose scope is Object or Both and whose name is not one
    /// of a defect-free image ("ok", "good", "normal", "none", "no defect", any case); 0 when
    /// there is none (the store then gives the shape its label's class).
    static core::Id defaultObjectClass(const std::vector<core::LabelClass> &classes);
    /// The class the next shape drawn gets: the object class used last (drawn or set with a
    /// key) while it still exists and is not an image-only class, else defaultObjectClass().
    core::Id newShapeClass() const;

public slots:
    void goTo(int index);
    /// Shows the queue's image whose file name (or stored path) is `name`; false if none.
    bool goToImageNamed(const QString &name);
    void next();
    void previous();
    void skip();
    void firstUnlabeled();
    void chooseClass(qint64 classId);
    /// Decodes the current image again (F5): a file that came back, or was replaced, shows.
    void reloadImage();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

signals:
    void currentChanged(int index);

private:
    /// Gives the queue room for three columns of thumbnails, or the list's width.
    void fitQueueWidth(bool grid);
    /// A toast naming each class key that an action of the window also has (neither fires).
    void warnOfKeyClashes();
    int queueWidth(bool grid) const;
    /// A QAction of this view, with its object name and keys (listed by Help → Keyboard shortcuts).
    QAction *makeAction(const QString &text, const QList<QKeySequence> &keys, const QString &name);
    void createActions();
    void rebuildClassActions();
    /// Reads the project's classes again (Project → Settings… renamed, recoloured, re-keyed,
    /// reordered or added one): the class bar, the class keys and the shapes' colours follow.
    void followClasses();
    /// followClasses() when the classes differ from those shown (after another connection's
    /// change), so an unrelated outside change does not rebuild the bar.
    void followClassesIfChanged();
    void refreshState();
    void imageDecoded(const QString &path, int detail);
    /// Asks for the full-resolution decode when the zoom shows more than the screen-size one.
    void ensureDetail();
    void showCurrentImage();
    /// Shows the document's knowledge of the current image's file on the banner.
    void updateBanner();
    void updateStatus();
    void updateProgress();
    void setActionsEnabled(bool on);
    void updateAdjustActions();
    /// Checks the selected shape's class on the class bar, else the image's.
    void updateClassBar();
    /// Enter finishes a polygon only while one is drawn.
    void updateFinishAction();
    /// Gives the image's shape `index` the class (an undo step); false when there is no such shape.
    bool setShapeClass(core::Id image, int index, core::Id classId);
    ShapeStyle styleOf(core::Id classId) const;
    /// Shows a shape being drawn in the colour and name of newShapeClass().
    void updateDrawingStyle();

    ProjectDocument *m_document = nullptr;
    int m_current = -1;
    QString m_currentPath;
    QStringList m_wanted;
    /// Images of the paths last asked of the cache, so each decode's check reaches the document.
    QHash<QString, core::Id> m_imageOfPath;

    ImageCache *m_cache;
    ImageCanvas *m_canvas;
    ClassModel *m_classModel;
    ClassBar *m_classBar;
    std::unique_ptr<QueueModel> m_queueModel;
    QueuePanel *m_queuePanel;
    QLabel *m_progressLabel;
    QLabel *m_emptyNote; ///< why the queue is empty and what to do, above the empty canvas
    QProgressBar *m_progressBar;
    LabelBookPanel *m_labelBook;
    QSplitter *m_splitter;
    Toast *m_toast;
    ImageBanner *m_banner;
    QLabel *m_serverBanner = nullptr;

    QLabel *m_nameLabel;
    QLabel *m_sizeLabel;
    QLabel *m_zoomLabel;
    QLabel *m_scaleLabel;
    QLabel *m_measureLabel;
    QLabel *m_originLabel; ///< "Class set by standard “Scratch length” v1"

    QList<QAction *> m_classActions;
    QList<QAction *> m_navigationActions;
    QList<QAction *> m_toolActions;
    QList<QAction *> m_viewActions;
    QList<QAction *> m_adjustActions; ///< image adjustments, also in m_viewActions
    QAction *m_autoAdvanceAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_finishAction = nullptr;
    core::Id m_lastObjectClass = 0; ///< the object class used last in this session (0: none yet)
    QActionGroup *m_toolGroup = nullptr;
};

} // namespace concord::ui
