// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/labelermodel.h"

namespace concord::ui {

LabelerModel::LabelerModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void LabelerModel::setLabelers(std::vector<core::Labeler> labelers)
{
    beginResetModel();
    m_labelers = std::move(labelers);
    endResetModel();
}

int LabelerModel::rowOf(const QString &name) const
{
    const std::string n = name.toStdString();
    for (std::size_t i = 0; i < m_labelers.size(); ++i)
        if (m_labelers[i].name == n)
            return static_cast<int>(i);
    return -1;
}

int LabelerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_labelers.size());
}

QVariant LabelerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &l = m_labelers[static_cast<std::size_t>(index.row())];
    const QString name = QString::fromStdString(l.name);
    switch (role) {
    case Qt::DisplayRole: return l.role == core::Role::Lead ? tr("%1 (lead)").arg(name) : name;
    case NameRole: return name;
    case LabelerIdRole: return QVariant::fromValue<qint64>(l.id);
    case IsLeadRole: return l.role == core::Role::Lead;
    default: return {};
    }
}

} // namespace concord::ui
