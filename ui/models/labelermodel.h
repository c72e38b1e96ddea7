// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QAbstractListModel>

#include <vector>

namespace concord::ui {

/// The project's people, for "Who is labeling?". Names and roles only: no counts, so picking
/// a name reveals nothing about anyone's work.
class LabelerModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        LabelerIdRole = Qt::UserRole + 1, ///< qint64
        NameRole,                         ///< the plain name
        IsLeadRole,                       ///< bool
    };

    explicit LabelerModel(QObject *parent = nullptr);

    void setLabelers(std::vector<core::Labeler> labelers);
    /// Row of a name, or -1.
    int rowOf(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    std::vector<core::Labeler> m_labelers;
};

} // namespace concord::ui
