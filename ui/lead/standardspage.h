// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"
#include "ui/lead/leadpage.h"
#include "ui/lead/standardseed.h"

#include <vector>

class QLabel;
class QPushButton;
class QTabWidget;
class QTextBrowser;
class QTreeWidget;

namespace concord::ui {

class PreviewPanel;
class StandardEditor;

/// The label book for the lead (issue 6): every standard with its versions, status and
/// example counts against the 4/3/3 recommendation; the editor for a new standard or the
/// next version of one; and the preview with Apply / Undo.
class StandardsPage final : public LeadPage
{
    Q_OBJECT

public:
    explicit StandardsPage(QWidget *parent = nullptr);

    void setDocument(ProjectDocument *document) override;
    QList<QAction *> pageActions() const override { return m_actions; }

    StandardEditor *editor() const { return m_editor; }
    PreviewPanel *previewPanel() const { return m_preview; }
    /// Row id of the standard selected in the list, or 0.
    core::Id selectedStandard() const;
    void selectStandard(core::Id id);

public slots:
    /// Opens the editor pre-filled from a disagreement cluster ("Write a standard for this").
    void startDraft(const concord::ui::StandardSeed &seed);
    void newStandard();
    void newVersion();
    void previewSelected();

private:
    void refresh();
    void save();
    void selectionChanged();
    std::vector<core::Id> defaultCandidates() const;

    ProjectDocument *m_document = nullptr;
    QTreeWidget *m_list;
    QTextBrowser *m_details;
    QTabWidget *m_tabs;
    StandardEditor *m_editor;
    PreviewPanel *m_preview;
    QPushButton *m_newVersion;
    QPushButton *m_previewButton;
    QList<QAction *> m_actions;
};

} // namespace concord::ui
