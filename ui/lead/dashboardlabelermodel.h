// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/agreementreport.h"
#include "core/project/project_consistency.h"

#include <QAbstractTableModel>

#include <vector>

namespace concord::ui {

/// One row per labeler of an agreement report: items labeled, HLP (agreement with every other
/// labeler), HLP against the leave-one-out majority and Cohen's κ against the consensus (from
/// the labeler's confusion matrix). SortRole gives the raw number, so a QSortFilterProxyModel
/// sorts 9 % below 10 %.
class DashboardLabelerModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Name,
        Items,
        Hlp,
        HlpVsMajority,
        KappaVsConsensus,
        Self,         ///< self-agreement on repeats (consistency checks)
        GoldAccuracy, ///< accuracy against gold
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit DashboardLabelerModel(QObject *parent = nullptr);

    /// Shows the labelers of `report` (nullptr: none), with their consistency figures when
    /// `consistency` is given (a labeler less consistent with themselves than with others is
    /// marked, with the reason in the tooltip).
    void setReport(const core::AgreementReport *report, const core::ProjectConsistency *consistency = nullptr);

    /// Some labeler has repeats / gold checks in their queue: the page shows those columns only then.
    bool hasSelfFigures() const;
    bool hasGoldFigures() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString name;
        int items = 0;
        double hlp = 0.0;
        double hlpVsMajority = 0.0;
        double kappa = 0.0;
        const core::LabelerConsistency *consistency = nullptr; ///< into m_consistency
    };
    core::ProjectConsistency m_consistency;
    std::vector<Row> m_rows;
};

} // namespace concord::ui
