// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/recentprojectsmodel.h"

#include "core/common/error.h"
#include "core/store/pg_db.h"
#include "core/store/store.h"

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPalette>
#include <QSettings>

namespace concord::ui {

namespace {

constexpr int kMaxRecent = 10;
const QString kKey = QStringLiteral("recentProjects");
const QString kNamesKey = QStringLiteral("recentProjectNames");

} // namespace

RecentProjectsModel::RecentProjectsModel(QObject *parent)
    : QAbstractListModel(parent)
{
    QSettings settings;
    m_paths = settings.value(kKey).toStringList();
    const QVariantMap names = settings.value(kNamesKey).toMap();
    for (auto it = names.begin(); it != names.end(); ++it)
        m_names.insert(it.key(), it.value().toString());
}

namespace {

/// A team server's project (a connection string, kept without its password) is never
/// "missing": whether it answers is known only when connecting.
bool isServer(const QString &location)
{
    return core::isServerLocation(location.toStdString());
}

} // namespace

void RecentProjectsModel::add(const QString &path, const QString &name)
{
    const QString abs = isServer(path) ? QString::fromStdString(core::pg::withoutPassword(path.toStdString()))
                                       : QFileInfo(path).absoluteFilePath();
    beginResetModel();
    m_paths.removeAll(abs);
    m_paths.prepend(abs);
    while (m_paths.size() > kMaxRecent)
        m_names.remove(m_paths.takeLast());
    if (!name.isEmpty())
        m_names.insert(abs, name);
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
    m_names.remove(path);
    endRemoveRows();
    save();
}

int RecentProjectsModel::removeMissing()
{
    int removed = 0;
    for (const QString &p : QStringList(m_paths))
        if (!isServer(p) && !QFileInfo::exists(p)) {
            remove(p);
            ++removed;
        }
    return removed;
}

void RecentProjectsModel::relocate(const QString &oldPath, const QString &newPath)
{
    const int row = int(m_paths.indexOf(oldPath));
    if (row < 0)
        return;
    const QString abs = QFileInfo(newPath).absoluteFilePath();
    const QString name = m_names.take(oldPath);
    beginResetModel();
    m_paths.removeAll(abs);
    m_paths.insert(std::min(row, int(m_paths.size())), abs);
    m_paths.removeAll(oldPath);
    if (!name.isEmpty())
        m_names.insert(abs, name);
    endResetModel();
    save();
}

QString RecentProjectsModel::shortFolder(const QString &folder, int parts)
{
    const QString clean = QDir::cleanPath(folder);
    const QStringList pieces = clean.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (pieces.size() <= parts)
        return QDir::toNativeSeparators(clean);
    return QDir::toNativeSeparators(QStringLiteral("…/") + pieces.mid(pieces.size() - parts).join(QLatin1Char('/')));
}

void RecentProjectsModel::save() const
{
    QSettings settings;
    settings.setValue(kKey, m_paths);
    QVariantMap names;
    for (const QString &p : m_paths)
        if (m_names.contains(p))
            names.insert(p, m_names.value(p));
    settings.setValue(kNamesKey, names);
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
    if (isServer(p)) {
        QString where = p;
        try {
            QString host, db;
            for (const auto &[key, value] : core::pg::parseConnectionString(p.toStdString())) {
                if (key == "host")
                    host = QString::fromStdString(value);
                else if (key == "dbname")
                    db = QString::fromStdString(value);
            }
            if (!db.isEmpty())
                where = tr("server %1, database %2").arg(host.isEmpty() ? tr("on this computer") : host, db);
        } catch (const core::Error &) {
        }
        const QString name = m_names.value(p, where);
        switch (role) {
        case Qt::DisplayRole: return QStringLiteral("%1 — %2").arg(name, where);
        case Qt::ToolTipRole: return p;
        case PathRole: return p;
        case MissingRole: return false;
        case NameRole: return name;
        default: return {};
        }
    }
    const QFileInfo info(p);
    const QString name = m_names.value(p, info.completeBaseName());
    switch (role) {
    case Qt::DisplayRole: {
        QString text = QStringLiteral("%1 — %2").arg(name, shortFolder(info.absolutePath()));
        if (!info.exists())
            text += QLatin1Char(' ') + tr("(missing)");
        return text;
    }
    case Qt::ToolTipRole:
        return info.exists() ? QDir::toNativeSeparators(p)
                             : tr("%1 is not there any more: right-click to locate it or remove it from the list")
                                   .arg(QDir::toNativeSeparators(p));
    case Qt::ForegroundRole:
        return info.exists() ? QVariant() : QVariant(QGuiApplication::palette().brush(QPalette::PlaceholderText));
    case PathRole: return p;
    case MissingRole: return !info.exists();
    case NameRole: return name;
    default: return {};
    }
}

} // namespace concord::ui
