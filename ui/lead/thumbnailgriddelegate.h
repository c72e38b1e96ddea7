// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace concord::ui {

/// Paints a ThumbnailGridModel item: the thumbnail, the file name and one small badge per
/// labeler's vote (the labeler's initials on the class's colour). Every item has the same
/// size, so the view can lay out thousands without asking each one.
class ThumbnailGridDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ThumbnailGridDelegate(int thumbnailSide, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /// The badge text of a labeler: their first three letters.
    static QString badgeText(const QString &labeler);

private:
    int m_side;
};

} // namespace concord::ui
