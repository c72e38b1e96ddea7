// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/classmodel.h"

#include <QColor>

namespace concord::ui {

ClassModel::ClassModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ClassModel::setClasses(std::vector<core::LabelClass> classes)
{
    beginResetModel();
    m_classes = std::move(classes);
    m_rowOfId.clear();
    for (std::size_t row = 0; row < m_classes.size(); ++row)
        m_rowOfId.emplace(m_classes[row].id, static_cast<int>(row));
    endResetModel();
}

int ClassModel::rowOf(core::Id id) const
{
    const auto it = m_rowOfId.find(id);
    return it == m_rowOfId.end() ? -1 : it->second;
}

int ClassModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_classes.size());
}

QVariant ClassModel::data(const QModelIndex &index, int role) const
{
    // The class bar's list asks for the text of "no row" (-1) when no class is chosen: no data,
    // not a warning.
    if (!index.isValid())
        return {};
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &c = m_classes[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return c.shortcut.empty()
                   ? QString::fromStdString(c.name)
                   : QStringLiteral("%1  %2").arg(QString::fromStdString(c.shortcut), QString::fromStdString(c.name));
    case Qt::ToolTipRole: return QString::fromStdString(c.description.empty() ? c.name : c.description);
    case Qt::DecorationRole:
    case ColorRole: return QColor(QString::fromStdString(c.color));
    case ClassIdRole: return QVariant::fromValue<qint64>(c.id);
    case ShortcutRole: return QString::fromStdString(c.shortcut);
    default: return {};
    }
}

} // namespace concord::ui
