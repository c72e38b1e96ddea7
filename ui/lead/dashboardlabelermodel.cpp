// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/dashboardlabelermodel.h"

#include "core/agreement/coefficients.h"
#include "ui/lead/dashboardformat.h"

#include <cmath>

namespace concord::ui {

DashboardLabelerModel::DashboardLabelerModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void DashboardLabelerModel::setReport(const core::AgreementReport *report)
{
    beginResetModel();
    m_rows.clear();
    if (report) {
        for (const auto &l : report->perLabeler) {
            Row row;
            row.name = QString::fromStdString(report->labelerNames.at(static_cast<std::size_t>(l.labeler)));
            row.items = l.items;
            row.hlp = l.hlp;
            row.hlpVsMajority = l.majorityCompared > 0 ? l.hlpVsMajority : std::nan("");
            row.kappa = l.kappaVsConsensus;
            m_rows.push_back(row);
        }
    }
    endResetModel();
}

int DashboardLabelerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DashboardLabelerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DashboardLabelerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() == Name ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool display = role == Qt::DisplayRole;
    switch (index.column()) {
    case Name: return r.name;
    case Items: return r.items;
    case Hlp: return display ? QVariant(percentText(r.hlp)) : QVariant(r.hlp);
    case HlpVsMajority: return display ? QVariant(percentText(r.hlpVsMajority)) : QVariant(r.hlpVsMajority);
    case KappaVsConsensus: return display ? QVariant(coefficientText(r.kappa)) : QVariant(r.kappa);
    default: return {};
    }
}

QVariant DashboardLabelerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Labeler");
    case Items: return tr("n");
    case Hlp: return tr("HLP");
    case HlpVsMajority: return tr("HLP vs majority");
    case KappaVsConsensus: return tr("κ vs consensus");
    default: return {};
    }
}

} // namespace concord::ui
