// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/adjudication/objectqueue.h"

#include <QAbstractListModel>

#include <vector>

namespace concord::ui {

/// The lead's queue of unresolved objects (core::objectQueue(), in core's order): one row per
/// object, "crazing_3.jpg · box · scratch · 1 of 3 (quorum 2)", every member in the tool tip.
class ObjectQueueModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    explicit ObjectQueueModel(QObject *parent = nullptr);

    void setObjects(std::vector<core::UnresolvedObject> objects);
    const std::vector<core::UnresolvedObject> &objects() const { return m_objects; }
    /// Takes one row out (decided in this window; the next read confirms it).
    void removeObject(int row);
    /// The row of the object with this image and these members, -1 when not listed.
    int rowOf(core::Id image, const std::string &membersKey) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    std::vector<core::UnresolvedObject> m_objects;
};

} // namespace concord::ui
