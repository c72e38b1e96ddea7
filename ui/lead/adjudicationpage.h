// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"
#include "ui/document/projectchange.h"
#include "ui/lead/adjudicationqueuemodel.h"
#include "ui/lead/leadpage.h"

#include <QFutureWatcher>
#include <QHash>

#include <optional>
#include <vector>

class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QKeyEvent;
class QListWidgetItem;
class QStackedWidget;
class QToolButton;
class QTreeWidget;

namespace concord::ui {

class AdjudicationCanvas;
class ImageCache;
class ObjectAdjudicationView;
class StandardView;

/// The lead's last word on what the labelers and the standards left in dispute (issue 6).
///
/// The queue holds every conflict (Store::conflictImages: labels disagree, no decision yet),
/// shown a page of rows at a time (AdjudicationQueueModel),
/// grouped by the classes in dispute (all "ok ↔ scratch" conflicts together, largest group
/// first: a cheap stand-in for the disagreement clusters that needs no clustering run), then
/// lowest item agreement first. For the selected image: every labeler's label and shapes over
/// the image (toggle per labeler), its measured values, and the active standard that speaks
/// about its classes with its examples.
///
/// Keys: 1–9 decide the class with that key, M accepts the majority, U marks the image
/// ambiguous (excluded), N writes a note, Enter goes to the next undecided image. Each
/// decision cites the standard shown and is one undo step (Ctrl+Z).
///
/// A switch at the top ("Images | Objects", key O) shows the Objects mode instead
/// (ObjectAdjudicationView): the unresolved objects, decided one by one with their own keys.
/// Only the shown mode's keys are enabled, so 1–9 and Enter mean one thing at a time.
class AdjudicationPage final : public LeadPage
{
    Q_OBJECT

public:
    enum class Mode
    {
        Images,
        Objects
    };

    explicit AdjudicationPage(QWidget *parent = nullptr);
    ~AdjudicationPage() override;

    void setDocument(ProjectDocument *document) override;
    QList<QAction *> pageActions() const override { return m_actions; }

    /// The image shown, 0 when the queue is empty.
    core::Id currentImage() const;
    /// Images of the queue in its order.
    std::vector<core::Id> queueImages() const;
    /// The standard a decision on the current image cites, if any.
    std::optional<core::Id> citedStandard() const { return m_cited; }
    /// True while the queue is being read (on a worker).
    bool isLoading() const { return m_loading; }
    Mode mode() const { return m_mode; }
    ObjectAdjudicationView *objectsView() const { return m_objects; }

public slots:
    void decideClass(const QString &key);
    void acceptMajority();
    void markAmbiguous();
    void editNote();
    void next();
    void setMode(concord::ui::AdjudicationPage::Mode mode);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using Entry = AdjudicationQueueModel::Entry;

    void nameDecideActions();
    /// The enabled action of m_contestedKeys that `event` presses, if any.
    QAction *contestedAction(const QKeyEvent *event) const;
    void rebuild();
    void queueRead();
    void showCurrent();
    void record(core::Decision decision);
    void decisionChanged(qint64 image);
    void dataChanged(const ProjectChange &change);
    int currentRow() const;
    /// Makes the row current, fetching the model's rows up to it; -1 clears.
    void setCurrentRow(int row);
    void showStandard(const std::vector<core::Label> &labels);
    void message(const QString &text, bool error = false);
    /// Shows the decoded picture of `path` on the canvas, or says it is being decoded.
    void showPicture(const QString &path);
    QString className(std::optional<core::Id> id) const;

    ProjectDocument *m_document = nullptr;
    bool m_stale = false;
    bool m_loading = false;
    core::Id m_keep = 0; ///< image to show again after the queue is read
    QFutureWatcher<std::vector<Entry>> m_watcher;
    std::optional<core::Id> m_cited;
    QHash<core::Id, QColor> m_labelerColors;
    QHash<core::Id, QString> m_labelerNames;

    QLabel *m_count;
    QListView *m_queue;
    AdjudicationQueueModel *m_model;
    AdjudicationCanvas *m_canvas;
    QListWidget *m_toggles;
    QLabel *m_decision;
    QLineEdit *m_note;
    QLabel *m_message;
    QTreeWidget *m_values;
    StandardView *m_standard; ///< the cited standard, shown as everywhere else
    /// The pictures, decoded off the GUI thread with the labeling view's cache: the current
    /// conflict and the next one, so stepping through the queue does not wait on the decoder.
    ImageCache *m_pictures;
    QList<QAction *> m_actions;
    QList<QAction *> m_imageKeys; ///< enabled in the Images mode only
    /// Keys the labeling view's menu actions also use window-wide (O, D, F, Delete, +, −): taken
    /// from the focused queue before the shortcut map sees them (eventFilter()), where they
    /// would be ambiguous and do nothing.
    QList<QAction *> m_contestedKeys;
    Mode m_mode = Mode::Images;
    QStackedWidget *m_modes;
    QToolButton *m_imagesButton;
    QToolButton *m_objectsButton;
    ObjectAdjudicationView *m_objects;
};

} // namespace concord::ui
