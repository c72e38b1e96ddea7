// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QString>

namespace concord::ui {

/// Small thumbnails for the lead's tables and example pickers (preview changes, candidates,
/// a standard's examples), decoded off the GUI thread at the size asked for and kept in
/// memory, so a table of thousands of rows only decodes the rows someone asks for.
class PreviewThumbnails final : public QObject
{
    Q_OBJECT

public:
    explicit PreviewThumbnails(int side, QObject *parent = nullptr);

    /// The thumbnail when it is decoded already; otherwise a null image, and ready() follows.
    QImage get(const QString &path);
    int side() const { return m_side; }

signals:
    void ready(const QString &path, const QImage &image);

private:
    int m_side;
    QHash<QString, QImage> m_cache;
    QSet<QString> m_pending;
};

} // namespace concord::ui
