// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QDialog>

#include <vector>

class QCheckBox;
class QLineEdit;
class QListView;

namespace concord::ui {

class LabelerModel;

/// "Who is labeling?": pick a name from the project or type a new one. The lead role can only
/// be chosen for a new name; existing people keep their role.
class LabelerDialog final : public QDialog
{
    Q_OBJECT

public:
    LabelerDialog(const std::vector<core::Labeler> &labelers, const QString &suggested,
                  QWidget *parent = nullptr);

    QString name() const;
    core::Role role() const;

private:
    void updateLeadChoice();

    LabelerModel *m_model;
    QListView *m_list;
    QLineEdit *m_name;
    QCheckBox *m_lead;
};

} // namespace concord::ui
