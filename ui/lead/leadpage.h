// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QWidget>

class QAction;

namespace concord::ui {

class ProjectDocument;

/// One page of the lead's views (dashboard, clusters, standards, adjudication). LeadView hosts
/// the pages in tabs and hands each the open document; a page reads the project through it
/// and refreshes itself on ProjectDocument::projectDataChanged().
class LeadPage : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    /// The document to show, or nullptr when the project is closed or the session is not a
    /// lead's. A page must drop every reference to the previous document here.
    virtual void setDocument(ProjectDocument *document) = 0;

    /// Actions of this page for the main window's menus (each with its shortcut, active
    /// while the page is shown).
    virtual QList<QAction *> pageActions() const { return {}; }
};

} // namespace concord::ui
