// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/document/projectaccess.h"
#include "ui/document/projectchange.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

class QLabel;

namespace concord::ui {

class ProjectDocument;

/// Recomputes a lead page's figures off the GUI thread. Why a helper: the dashboard and the
/// clusters page both recompute on every ProjectDocument::projectDataChanged(), and a burst of
/// changes (a labeler keying through images, an applied standard) must neither block the
/// window nor pile up work. So: changes are debounced, one job runs at a time, a change during
/// a run schedules exactly one more run, and a result computed for another project (closed or
/// replaced since) is dropped by its generation number.
///
/// The job runs on the project pool (ProjectAccess) and gets only the access: it opens its own
/// read-only connection (a core::Store is not thread-safe). It returns its result type-erased;
/// the page casts it back.
class DashboardRecompute final : public QObject
{
    Q_OBJECT

public:
    using Result = std::shared_ptr<const void>;
    using Job = std::function<Result(const ProjectAccess &project)>;

    explicit DashboardRecompute(Job job, QObject *parent = nullptr);
    ~DashboardRecompute() override;

    /// Computes for `document`'s project (its leadAccess(): none in a labeler's session) at
    /// once and again after each of its projectDataChanged() (nullptr: none). Drops any result
    /// still on its way.
    void setDocument(ProjectDocument *document);
    /// The project to compute for (an invalid access: none), without following a document.
    void setProject(const ProjectAccess &project);
    /// Asks for a run after the debounce delay (restarting the delay on each call).
    void schedule();
    /// Asks for a run now (after the running one, if any).
    void runNow();
    /// Shows "Computing…" while busy and the reason of a failure in `label`.
    void setStatusLabel(QLabel *label);
    void setDebounce(int ms) { m_debounce.setInterval(ms); }
    /// The parts of the project the result depends on (ProjectChange::Part flags): a change
    /// that touches none of them schedules nothing. Default: all.
    void setDependsOn(unsigned parts) { m_dependsOn = parts; }
    bool isBusy() const { return m_running; }

signals:
    void busyChanged(bool busy);
    /// A current result (never one overtaken by a later change).
    void finished(concord::ui::DashboardRecompute::Result result);
    /// The job threw; `message` says why in words.
    void failed(const QString &message);

private:
    void start();

    Job m_job;
    QPointer<ProjectDocument> m_document;
    ProjectAccess m_project;
    QTimer m_debounce;
    int m_generation = 0;
    bool m_running = false;
    bool m_again = false;
    unsigned m_dependsOn = ProjectChange::Everything;
};

} // namespace concord::ui
