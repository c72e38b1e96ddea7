// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>

namespace concord::ui {

class ProjectDocument;

/// The session labeler's queue: one row per assigned image, showing only what this labeler
/// did with it (their own class, or skipped). Nothing about other labelers (blind).
class QueueModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        ImageIdRole = Qt::UserRole + 1, ///< qint64
        LabelClassRole,                 ///< qint64 of the labeler's class, invalid when none
        StateRole,                      ///< "done", "pending" or "skipped"
    };

    explicit QueueModel(ProjectDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void imageChanged(qint64 image);

    ProjectDocument *m_document;
};

} // namespace concord::ui
