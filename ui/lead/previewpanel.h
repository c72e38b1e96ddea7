// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/standards/standardpreview.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QTableWidget;

namespace concord::ui {

class Thumbnails;
class ProjectDocument;

/// What applying a standard would do, before it is done: HLP and Fleiss κ before → after,
/// every label that would change (thumbnail, labeler, from → to, the values that decided
/// it), and the items the rule cannot decide. The preview runs on a worker thread with its
/// own read-only connection (ProjectAccess, the lead's door), so a big project never freezes
/// the window. Apply runs on a worker too, with its own read-write connection (one
/// transaction), and is then recorded as a step of the document's undo stack (Ctrl+Z or Undo
/// takes it back).
class PreviewPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit PreviewPanel(QWidget *parent = nullptr);
    ~PreviewPanel() override;

    void setDocument(ProjectDocument *document);
    /// Starts computing the preview of `standard` (0 clears the panel).
    void preview(core::Id standard);
    core::Id standard() const { return m_standard; }
    bool isBusy() const { return m_watcher.isRunning(); }
    /// True while an apply runs on its worker.
    bool isApplying() const { return m_applying; }
    /// The last finished preview, or null.
    const core::StandardPreview *result() const { return m_result.get(); }

    /// Rows shown at most in the changes table (the headline counts them all).
    static constexpr int kMaxRows = 2000;

signals:
    void previewFinished();
    void applied();

private:
    struct Outcome
    {
        std::shared_ptr<core::StandardPreview> preview;
        QString error;
    };
    struct ApplyOutcome
    {
        bool ok = false;
        core::Id applyAudit = 0;
        QString title;
        std::size_t changes = 0;
        double hlpBefore = 0.0;
        double hlpAfter = 0.0;
        QString error;
    };

    void finished();
    void show(const core::StandardPreview &p);
    void showObjectRule(const core::StandardPreview &p);
    void apply();
    void applyFinished();
    void undoApply();
    void updateButtons();
    void thumbnailReady(const QString &path, const QImage &image);

    ProjectDocument *m_document = nullptr;
    core::Id m_standard = 0;
    int m_generation = 0;
    QString m_note; ///< what an undo or redo just did, shown before the next preview's status
    std::shared_ptr<core::StandardPreview> m_result;
    QFutureWatcher<Outcome> m_watcher;
    QFutureWatcher<ApplyOutcome> m_applyWatcher;
    bool m_applying = false; ///< from Apply until its undo step is recorded
    Thumbnails *m_thumbnails;

    QLabel *m_headline;
    QLabel *m_status;
    QTableWidget *m_changes;
    QTableWidget *m_undecided;
    QPushButton *m_apply;
    QPushButton *m_undo;
};

} // namespace concord::ui
