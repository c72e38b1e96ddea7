// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QTabWidget;

namespace concord::ui {

class LeadPage;
class ProjectDocument;

/// The lead's side of the window: the lead pages (dashboard, clusters, standards,
/// adjudication) in tabs, each reachable by Alt+2…Alt+5 (Alt+1 is the labeling view).
/// Only a lead's session gets a document here; for a labeler the view stays empty, so no
/// other labeler's work can reach a labeler's screen through it.
class LeadView final : public QWidget
{
    Q_OBJECT

public:
    explicit LeadView(QWidget *parent = nullptr);

    void setDocument(ProjectDocument *document);

    /// One action per page ("Dashboard", Alt+2, …) that shows it.
    QList<QAction *> pageActions() const { return m_showActions; }
    /// The actions of every page, for the Lead menu.
    QList<QAction *> allPageActions() const;

    QTabWidget *tabs() const { return m_tabs; }
    void showPage(LeadPage *page);
    template <typename Page>
    Page *page() const
    {
        for (LeadPage *p : m_pages)
            if (auto *typed = qobject_cast<Page *>(p))
                return typed;
        return nullptr;
    }

signals:
    /// A page asked to be shown (the main window brings the lead view forward).
    void pageRequested();

private:
    void addPage(LeadPage *page, const QString &title);

    QTabWidget *m_tabs;
    QList<LeadPage *> m_pages;
    QList<QAction *> m_showActions;
};

} // namespace concord::ui
