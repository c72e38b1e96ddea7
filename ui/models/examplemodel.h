// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"
#include "ui/image/thumbnails.h"

#include <QAbstractListModel>
#include <QImage>

#include <vector>

namespace concord::ui {

/// The example, counterexample and borderline images of one standard, with thumbnails made
/// off the GUI thread (rows show a grey square until theirs is ready).
class ExampleModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        ImageIdRole = Qt::UserRole + 1, ///< qint64
        PathRole,                       ///< absolute image file path
        ExampleRoleRole,                ///< "example", "counterexample" or "borderline"
    };

    struct Entry
    {
        core::StandardExample example;
        QString path;
    };

    explicit ExampleModel(QObject *parent = nullptr);
    ~ExampleModel() override;

    void setExamples(std::vector<Entry> entries);
    void setThumbnailSize(int side);
    /// Whether a tooltip without a note names the file (off for labelers when the project hides
    /// file names: a name often carries the class).
    void setFileNamesShown(bool shown) { m_fileNamesShown = shown; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    void thumbnailReady(const QString &path);

    std::vector<Entry> m_entries;
    Thumbnails *m_thumbnails;
    bool m_fileNamesShown = true;
};

} // namespace concord::ui
