// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/standardmodel.h"

#include <algorithm>

namespace concord::ui {

StandardModel::StandardModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void StandardModel::setStandards(std::vector<core::Standard> standards)
{
    beginResetModel();
    m_standards = std::move(standards);
    endResetModel();
}

void StandardModel::setFirst(core::Id family)
{
    beginResetModel();
    std::stable_partition(m_standards.begin(), m_standards.end(),
                          [family](const core::Standard &s) { return s.family == family; });
    endResetModel();
}

int StandardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_standards.size());
}

QVariant StandardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &s = m_standards[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return tr("%1 (v%2)").arg(QString::fromStdString(s.title)).arg(s.version);
    case Qt::ToolTipRole:
    case BodyRole: return QString::fromStdString(s.body);
    case StandardIdRole: return QVariant::fromValue<qint64>(s.id);
    case RuleRole: return QString::fromStdString(s.rule);
    default: return {};
    }
}

} // namespace concord::ui
