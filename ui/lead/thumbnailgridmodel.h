// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"
#include "ui/image/thumbnails.h"
#include "ui/models/pagedlistmodel.h"

#include <QColor>
#include <QImage>

#include <vector>

namespace concord::ui {

/// Images of a disagreement cluster for a QListView in icon mode, each with every labeler's
/// vote (lead-only: the lead pages are never given a labeler's document). Thumbnails load
/// lazily: only when a view asks for an item's decoration (with uniform item sizes that is
/// the visible items only) is its file decoded, off the GUI thread, at thumbnail size (JPEG
/// decodes at 1/8 scale in the DCT); a bounded cache keeps the recent ones. So a cluster of
/// thousands of images opens at once.
///
/// Rows are exposed a page at a time too (canFetchMore()/fetchMore(), issue #10): the view
/// lays out only the rows it has asked for. The entries themselves come whole from the
/// clusters engine, which needs every label anyway: the rows shown are paged, the
/// computation is not.
class ThumbnailGridModel final : public PagedListModel
{
    Q_OBJECT

public:
    enum Role
    {
        ImageIdRole = Qt::UserRole + 1, ///< qint64
        PathRole,                       ///< absolute image file path
        VotesRole,                      ///< QVariantList of QVariantMap {labeler, class, color}
        LoadedRole,                     ///< bool: the thumbnail is decoded (else a placeholder)
    };

    struct Vote
    {
        QString labeler;
        QString cls;
        QColor color;
    };
    struct Entry
    {
        core::Id image = 0;
        QString path; ///< absolute
        QString name; ///< shown under the thumbnail
        std::vector<Vote> votes;
    };

    explicit ThumbnailGridModel(QObject *parent = nullptr);
    ~ThumbnailGridModel() override;

    /// Rows made available to views per fetchMore().
    static constexpr int kPageSize = 256;

    void setEntries(std::vector<Entry> entries);
    /// Every entry of the cluster, fetched as rows or not.
    const std::vector<Entry> &entries() const { return m_entries; }
    int thumbnailSide() const { return m_side; }
    /// Decodes started so far (tests: a view on thousands must not decode them all).
    int decodesStarted() const { return m_thumbnails->requested(); }

    /// Drag type of selected members: their image ids, one decimal per line, so a drop target
    /// (e.g. an example list) can take them without knowing this model.
    static QString imageIdsMimeType() { return QStringLiteral("application/x-concord-image-ids"); }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;

protected:
    int totalRows() const override { return static_cast<int>(m_entries.size()); }

private:
    void loaded(const QString &path);

    std::vector<Entry> m_entries;
    int m_side = 128;
    Thumbnails *m_thumbnails;
    QImage m_placeholder;
    QImage m_unreadable;
};

} // namespace concord::ui
