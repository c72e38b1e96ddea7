// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/adjudication/objectqueue.h"
#include "ui/document/projectchange.h"

#include <QFutureWatcher>
#include <QHash>
#include <QWidget>

#include <cstdint>
#include <optional>
#include <set>
#include <string>

class QAction;
class QLabel;
class QListView;

namespace concord::ui {

class ImageCache;
class ObjectCanvas;
class ObjectQueueModel;
class ProjectDocument;

/// The Objects mode of the adjudication page (issue #17, docs/AGREEMENT.md "Adjudicating
/// objects"): the unresolved objects (clusters of labelers' shapes below the quorum) in core's
/// order, and for the current one its image with every member in its labeler's colour and the
/// fused proposal dashed. The queue and every decision are core's (core/adjudication/
/// objectqueue.h, with the export's default options, as `concord-cli adjudicate --objects`);
/// this view reads the queue on a worker (ProjectAccess) and pushes each decision as one undo
/// step (ObjectDecisionCommand), so Ctrl+Z takes it back.
///
/// Keys (actions(), added to the page): Enter accepts with the voted class, 1–9 accept as the
/// class with that key, Delete or D drops, + and − zoom, F frames the object again.
class ObjectAdjudicationView final : public QWidget
{
    Q_OBJECT

public:
    explicit ObjectAdjudicationView(QWidget *parent = nullptr);
    ~ObjectAdjudicationView() override;

    void setDocument(ProjectDocument *document);
    /// Shown or hidden by the page's mode switch: the queue is read when first shown and again
    /// when a change it depends on arrives while shown.
    void setActive(bool active);
    /// The keys of the mode, enabled only while it is active.
    QList<QAction *> keyActions() const { return m_actions; }

    /// The objects listed, in core's order.
    const std::vector<core::UnresolvedObject> &objects() const;
    /// The object shown, none when the queue is empty.
    std::optional<core::UnresolvedObject> currentObject() const;
    bool isLoading() const { return m_loading; }
    /// Decisions in force, as the last read of the queue counted them.
    std::int64_t acceptedCount() const { return m_accepted; }
    std::int64_t droppedCount() const { return m_dropped; }
    ObjectCanvas *canvas() const { return m_canvas; }
    /// The widget that holds the keyboard focus in this mode (the queue).
    QWidget *focusTarget() const;

public slots:
    void acceptVoted();
    void acceptAs(const QString &key);
    void drop();

private:
    struct Read
    {
        core::ObjectQueue queue;
        QString error;
    };

    void rebuild();
    void queueRead();
    void dataChanged(const ProjectChange &change);
    void showCurrent();
    void showPicture(const QString &path);
    void decide(core::ObjectAction action, std::optional<core::Id> cls);
    void updateCount();
    void message(const QString &text, bool error = false);
    int currentRow() const;
    void setCurrentRow(int row);
    QString pathOf(const core::UnresolvedObject &object) const;

    ProjectDocument *m_document = nullptr;
    bool m_active = false;
    bool m_stale = false;
    bool m_loading = false;
    bool m_readAgain = false; ///< a change arrived while reading: the result is old
    std::int64_t m_accepted = 0;
    std::int64_t m_dropped = 0;
    std::int64_t m_staleDecisions = 0;
    QFutureWatcher<Read> m_watcher;
    QHash<core::Id, QColor> m_labelerColors;

    QLabel *m_count;
    QListView *m_queue;
    ObjectQueueModel *m_model;
    ObjectCanvas *m_canvas;
    QLabel *m_detail;
    QLabel *m_message;
    ImageCache *m_pictures;
    QList<QAction *> m_actions;
};

} // namespace concord::ui
