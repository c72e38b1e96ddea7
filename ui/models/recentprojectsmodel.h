// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QStringList>

namespace concord::ui {

/// Recently opened project files, most recent first, remembered with QSettings: each with the
/// project's name (as it was when last opened) and its folder, shortened to fit; a file that is
/// no longer there is marked missing and can be removed or located again.
class RecentProjectsModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        PathRole = Qt::UserRole + 1,
        MissingRole, ///< bool: the file is not there (moved, deleted, an unplugged drive)
        NameRole     ///< the project's name
    };

    explicit RecentProjectsModel(QObject *parent = nullptr);

    /// Moves (or adds) a file to the top, with the project's name, and saves the list.
    void add(const QString &path, const QString &name = {});
    void remove(const QString &path);
    /// Removes every entry whose file is missing; returns how many.
    int removeMissing();
    /// Replaces `oldPath` by `newPath` in place (a project found again elsewhere).
    void relocate(const QString &oldPath, const QString &newPath);
    QStringList paths() const { return m_paths; }

    /// "…/inspection/line-3": the last `parts` folders of `folder`, whole when short enough.
    static QString shortFolder(const QString &folder, int parts = 3);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    void save() const;

    QStringList m_paths;
    QHash<QString, QString> m_names; ///< path → project name
};

} // namespace concord::ui
