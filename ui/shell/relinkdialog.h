// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/project/relink.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace concord::ui {

class ProjectDocument;

/// *File → Relink images…*: the user points at the folder the images are in now; the dialog
/// shows what core::planRelinkToFolder proposes (which stored prefix is replaced, how many
/// images change and how many of them are found there, the same counts as
/// `concord-cli relink --dry-run`), and OK re-points them through the document.
class RelinkDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit RelinkDialog(ProjectDocument *document, QWidget *parent = nullptr);

    /// Plans the relink to `folder` and shows its preview (also what Browse… does).
    void setFolder(const QString &folder);
    const core::RelinkPlan &plan() const { return m_plan; }
    /// The preview in words, as shown.
    QString previewText() const;
    /// Re-points the images as planned (ProjectDocument::relinkImages); the number changed.
    /// Throws core::Error.
    std::int64_t relink();

private:
    void browse();
    void updatePreview();

    ProjectDocument *m_document;
    core::RelinkPlan m_plan;
    QLineEdit *m_folder;
    QLabel *m_summary;
    QLabel *m_preview;
    QDialogButtonBox *m_buttons;
};

} // namespace concord::ui
