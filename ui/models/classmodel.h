// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QAbstractListModel>

#include <unordered_map>
#include <vector>

namespace concord::ui {

/// The project's classes in display order, with their colour and key.
class ClassModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        ClassIdRole = Qt::UserRole + 1, ///< qint64
        ShortcutRole,                   ///< "1".."9" or empty
        ColorRole,                      ///< QColor
    };

    explicit ClassModel(QObject *parent = nullptr);

    void setClasses(std::vector<core::LabelClass> classes);
    /// The row of a class (-1 when it is not in the model), found through an index.
    int rowOf(core::Id id) const;
    const std::vector<core::LabelClass> &classes() const { return m_classes; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    std::unordered_map<core::Id, int> m_rowOfId;
    std::vector<core::LabelClass> m_classes;
};

} // namespace concord::ui
