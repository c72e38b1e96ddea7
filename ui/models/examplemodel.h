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
        NoteRole,                       ///< the lead's note on the example
        ExpectedClassRole,              ///< the class the image should get, or empty
        MeasurementRole,                ///< its measured values as shown ("2.25 mm"), or empty
    };

    /// One example; what teaches with it (expected class, measurement, shapes) is optional.
    struct Entry
    {
        Entry() = default;
        Entry(core::StandardExample e, QString p)
            : example(std::move(e))
            , path(std::move(p))
        {
        }
        core::StandardExample example;
        QString path;
        QString expectedClass;                ///< class name (core::TaughtExample::expectedClass)
        QString measurement;                  ///< measured values, in words
        std::vector<core::Annotation> shapes; ///< the shapes of the expected class, for the viewer
    };

    explicit ExampleModel(QObject *parent = nullptr);
    ~ExampleModel() override;

    void setExamples(std::vector<Entry> entries);
    void setThumbnailSize(int side);
    /// Whether a tooltip without a note names the file (off for labelers when the project hides
    /// file names: a name often carries the class).
    void setFileNamesShown(bool shown) { m_fileNamesShown = shown; }
    /// Whether the text under a thumbnail ends with the lead's note (the label book's: a note
    /// says what the example teaches); off, the note is only the tooltip.
    void setNotesInText(bool shown) { m_notesInText = shown; }

    const Entry &entry(int row) const { return m_entries[static_cast<std::size_t>(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    void thumbnailReady(const QString &path);

    std::vector<Entry> m_entries;
    Thumbnails *m_thumbnails;
    bool m_fileNamesShown = true;
    bool m_notesInText = false;
};

} // namespace concord::ui
