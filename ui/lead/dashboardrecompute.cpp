// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/dashboardrecompute.h"

#include "core/common/error.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"

#include <QFutureWatcher>
#include <QLabel>

#include <exception>

namespace concord::ui {

namespace {

struct Outcome
{
    DashboardRecompute::Result result;
    QString error;
};

} // namespace

DashboardRecompute::DashboardRecompute(Job job, QObject *parent)
    : QObject(parent)
    , m_job(std::move(job))
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &DashboardRecompute::start);
}

DashboardRecompute::~DashboardRecompute() = default;

void DashboardRecompute::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (document)
        connect(document, &ProjectDocument::projectDataChanged, this, [this](const ProjectChange &change) {
            if (change.touches(m_dependsOn))
                schedule();
        });
    setProject(document ? document->leadAccess() : ProjectAccess());
}

void DashboardRecompute::runNow()
{
    m_debounce.stop();
    start();
}

void DashboardRecompute::setStatusLabel(QLabel *label)
{
    connect(this, &DashboardRecompute::busyChanged, label,
            [label](bool busy) { label->setText(busy ? tr("Computing…") : QString()); });
    connect(this, &DashboardRecompute::failed, label,
            [label](const QString &message) { label->setText(tr("Could not compute: %1").arg(message)); });
}

void DashboardRecompute::setProject(const ProjectAccess &project)
{
    m_project = project;
    ++m_generation; // whatever is running now answers for another project
    m_again = false;
    m_debounce.stop();
    if (m_running) {
        // The running job keeps going (it cannot be interrupted) but its answer is dropped;
        // a new run for this project follows it.
        m_again = project.isValid();
        return;
    }
    if (project.isValid())
        start();
}

void DashboardRecompute::schedule()
{
    if (m_project.isValid())
        m_debounce.start();
}

void DashboardRecompute::start()
{
    if (!m_project.isValid())
        return;
    if (m_running) {
        // One more run after this one. The running answer is still shown when it arrives: a
        // lead watching labelers at work sees figures a moment old rather than none at all.
        m_again = true;
        return;
    }
    m_running = true;
    emit busyChanged(true);
    const int generation = m_generation;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, generation] {
        const Outcome outcome = watcher->result();
        watcher->deleteLater();
        m_running = false;
        const bool current = generation == m_generation;
        if (m_again) {
            m_again = false;
            start();
        } else {
            emit busyChanged(false);
        }
        if (!current)
            return;
        if (outcome.error.isEmpty())
            emit finished(outcome.result);
        else
            emit failed(outcome.error);
    });
    watcher->setFuture(m_project.run([job = m_job](const ProjectAccess &project) {
        Outcome o;
        try {
            o.result = job(project);
        } catch (const core::Error &e) {
            o.error = errorText(e);
        } catch (const std::exception &e) {
            o.error = errorText(e);
        }
        return o;
    }));
}

} // namespace concord::ui
