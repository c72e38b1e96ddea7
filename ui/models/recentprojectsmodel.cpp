// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/recentprojectsmodel.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace concord::ui {

namespace {

constexpr int kMaxRecent = 10;
const QString kKey = QStringLiteral("recentProjects");

} // namespace

RecentProjectsModel::RecentProjectsModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_paths = QSettings().value(kKey).toStringList();
}

void RecentProjectsModel::add(const QString &path)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    beginResetModel();
    m_paths.removeAll(abs);
    m_paths.prepend(abs);
    while (m_paths.size() > kMaxRecent)
        m_paths.removeLast();
    endResetModel();
    save();
}

void RecentProjectsModel::remove(const QString &path)
{
    const int row = int(m_paths.indexOf(path));
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_paths.removeAt(row);
    endRemoveRows();
    save();
}

void RecentProjectsModel::save() const
{
    QSettings().setValue(kKey, m_paths);
}

int RecentProjectsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_paths.size());
}

QVariant RecentProjectsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString &p = m_paths.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 — %2").arg(QFileInfo(p).completeBaseName(),
                                             QDir::toNativeSeparators(QFileInfo(p).absolutePath()));
    case Qt::ToolTipRole: return QDir::toNativeSeparators(p);
    case PathRole: return p;
    default: return {};
    }
}

} // namespace concord::ui
