// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/objectqueuemodel.h"

#include <QFileInfo>

namespace concord::ui {

ObjectQueueModel::ObjectQueueModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ObjectQueueModel::setObjects(std::vector<core::UnresolvedObject> objects)
{
    beginResetModel();
    m_objects = std::move(objects);
    endResetModel();
}

void ObjectQueueModel::removeObject(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows({}, row, row);
    m_objects.erase(m_objects.begin() + row);
    endRemoveRows();
}

int ObjectQueueModel::rowOf(core::Id image, const std::string &membersKey) const
{
    for (std::size_t i = 0; i < m_objects.size(); ++i)
        if (m_objects[i].image == image &&
            core::objectMembersKey(m_objects[i].kind, m_objects[i].members) == membersKey)
            return int(i);
    return -1;
}

int ObjectQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_objects.size());
}

QVariant ObjectQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &o = m_objects[std::size_t(index.row())];
    const QString kind = QString::fromUtf8(core::toString(o.kind).data(), qsizetype(core::toString(o.kind).size()));
    if (role == Qt::DisplayRole) {
        return tr("%1 \u00b7 %2 \u00b7 %3%4 \u00b7 %5 of %6 (quorum %7)")
            .arg(QFileInfo(QString::fromStdString(o.path)).fileName(), kind, QString::fromStdString(o.className),
                 o.classTie ? QStringLiteral("?") : QString())
            .arg(o.members.size())
            .arg(o.labelers)
            .arg(o.quorum);
    }
    if (role == Qt::ToolTipRole) {
        QStringList lines{QString::fromStdString(o.path)};
        for (const auto &m : o.members)
            lines << tr("%1: %2").arg(QString::fromStdString(m.labeler), QString::fromStdString(m.className));
        return lines.join(QLatin1Char('\n'));
    }
    return {};
}

} // namespace concord::ui
