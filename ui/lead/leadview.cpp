// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/leadview.h"

#include "ui/lead/adjudicationpage.h"
#include "ui/lead/clusterspage.h"
#include "ui/lead/dashboardpage.h"
#include "ui/lead/leadpage.h"
#include "ui/lead/standardspage.h"

#include <QAction>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace concord::ui {

LeadView::LeadView(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("leadView"));
    m_tabs->setDocumentMode(true);
    // Dragging images from the clusters grid onto the Standards tab opens it for the drop.
    m_tabs->tabBar()->setChangeCurrentOnDrag(true);
    m_tabs->tabBar()->setAcceptDrops(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    // The pages, in the order of the raise-HLP loop (see DESIGN §7).
    addPage(new DashboardPage(this), tr("Dashboard"));
    addPage(new ClustersPage(this), tr("Clusters"));
    addPage(new StandardsPage(this), tr("Standards"));
    addPage(new AdjudicationPage(this), tr("Adjudication"));
    // The clusters are computed once per change: the dashboard's profiles come from them.
    page<DashboardPage>()->followClusters(page<ClustersPage>()->computation());
    // "Write a standard for this…" on a cluster opens the standards editor pre-filled.
    connect(page<ClustersPage>(), &ClustersPage::writeStandardRequested, this, [this](const StandardSeed &seed) {
        page<StandardsPage>()->startDraft(seed);
        showPage(page<StandardsPage>());
    });
}

void LeadView::addPage(LeadPage *page, const QString &title)
{
    m_pages.append(page);
    page->setWindowTitle(title); // names the page's keys in Help → Keyboard shortcuts
    m_tabs->addTab(page, title);
    auto *show = new QAction(title, this);
    show->setObjectName(QStringLiteral("actionShow") + page->objectName());
    // Alt+1 is the labeling view; the lead pages follow (Ctrl+digits belong to the canvas).
    show->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_2 + m_pages.size() - 1)));
    connect(show, &QAction::triggered, this, [this, page] {
        showPage(page);
        emit pageRequested();
    });
    m_showActions.append(show);
}

void LeadView::setDocument(ProjectDocument *document)
{
    for (LeadPage *page : std::as_const(m_pages))
        page->setDocument(document);
    for (QAction *a : std::as_const(m_showActions))
        a->setEnabled(document != nullptr);
}

QList<QAction *> LeadView::allPageActions() const
{
    QList<QAction *> actions;
    for (LeadPage *page : m_pages)
        actions += page->pageActions();
    return actions;
}

void LeadView::showPage(LeadPage *page)
{
    m_tabs->setCurrentWidget(page);
}

} // namespace concord::ui
