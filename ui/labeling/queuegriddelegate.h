// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

#include <functional>

namespace concord::ui {

class Thumbnails;

/// Paints a queue row as a tile of the queue's thumbnail grid (issue #19): the picture, the
/// row's text (its number or file name, as the list shows it) and a bar in the colour of the
/// labeler's class (grey when skipped, none when unlabeled). Thumbnails come from the window's
/// one thumbnail service, decoded off the GUI thread and only for the tiles on screen;
/// thumbnailReady() asks the view to repaint.
class QueueGridDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    /// `pathOf` gives the image file of a row's image id (ProjectDocument::imageFilePath).
    QueueGridDelegate(int side, std::function<QString(qint64 image)> pathOf, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    Thumbnails *thumbnails() const { return m_thumbnails; }

signals:
    void thumbnailReady();

private:
    int m_side;
    std::function<QString(qint64)> m_pathOf;
    Thumbnails *m_thumbnails;
};

} // namespace concord::ui
