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
    endResetModel();
}

int ClassModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_classes.size());
}

QVariant ClassModel::data(const QModelIndex &index, int role) const
{
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
