// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;

namespace concord::ui {

class LabelerModel;
class ProjectDocument;

/// "Who is labeling?": pick a name from the project or type a new one. The lead role can only
/// be chosen for a new name; existing people keep their role.
///
/// Blind labeling inside Concord: a name whose sign-in is protected (core::signInProtection)
/// asks for a passphrase here; a project with no protection at all says so plainly; and the
/// dialog never pre-selects a lead, so a labeler at the lead's computer does not become the
/// lead by pressing Enter.
class LabelerDialog final : public QDialog
{
    Q_OBJECT

public:
    /// `suggested` is the name last used on this computer; a lead's name is not filled in.
    LabelerDialog(const ProjectDocument &document, const QString &suggested, QWidget *parent = nullptr);

    QString name() const;
    core::Role role() const;
    /// The passphrase typed (empty when the name needs none).
    QString passphrase() const;

private:
    void updateForName();

    const ProjectDocument &m_document;
    LabelerModel *m_model;
    QListView *m_list;
    QLineEdit *m_name;
    QCheckBox *m_lead;
    QLabel *m_passphraseLabel;
    QLineEdit *m_passphrase;
    QLabel *m_protection;
};

} // namespace concord::ui
