// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace concord::ui {

class ProjectDocument;

/// Lead → Consistency checks…: the shares of repeats and gold checks in every labeler's queue
/// (docs/CONSISTENCY.md), and marking the lead's decisions as gold. OK stores the shares and
/// tops up the queues (core::scheduleChecks), as `concord-cli checks` does.
class ChecksDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ChecksDialog(ProjectDocument *document, QWidget *parent = nullptr);

    void accept() override;
    /// What OK did ("Added 12 repeats and 0 gold checks…"), for the status bar.
    QString result() const { return m_result; }

private:
    void markDecisionsGold();
    void updateGoldCount();

    ProjectDocument *m_document;
    QDoubleSpinBox *m_repeatShare;
    QSpinBox *m_repeatGap;
    QDoubleSpinBox *m_goldShare;
    QLabel *m_goldCount;
    QString m_result;
};

} // namespace concord::ui
