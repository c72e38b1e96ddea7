// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QStringList>

namespace concord::ui {

/// Recently opened project files, most recent first, remembered with QSettings.
class RecentProjectsModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        PathRole = Qt::UserRole + 1
    };

    explicit RecentProjectsModel(QObject *parent = nullptr);

    /// Moves (or adds) a file to the top and saves the list.
    void add(const QString &path);
    void remove(const QString &path);
    QStringList paths() const { return m_paths; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    void save() const;

    QStringList m_paths;
};

} // namespace concord::ui
