// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QAbstractListModel>

#include <vector>

namespace concord::ui {

/// The label book: active standards, newest first (a standard that triggered a relabel round
/// can be moved to the top with setFirst()).
class StandardModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        StandardIdRole = Qt::UserRole + 1, ///< qint64
        BodyRole,                          ///< the standard's text
        RuleRole,                          ///< machine rule text, empty when none
    };

    explicit StandardModel(QObject *parent = nullptr);

    void setStandards(std::vector<core::Standard> standards);
    /// Puts the standard of this family first (relabel rounds show their trigger first).
    void setFirst(core::Id family);

    /// The standard of a row (row in range).
    const core::Standard &standard(int row) const { return m_standards[static_cast<std::size_t>(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    std::vector<core::Standard> m_standards;
};

} // namespace concord::ui
