// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"
#include "ui/document/projectaccess.h"
#include "ui/image/imagefetch.h"

#include <QHash>
#include <QString>

#include <memory>
#include <mutex>

namespace concord::ui {

/// The images of an open server project (issue #18): ProjectDocument::imageFilePath() answers
/// with the file of the desk's cache at once (core::Store::localImagePath()) and remembers the
/// image here; a decoder's worker that finds the file missing fetches it through this, on a
/// connection of its own (ProjectAccess::open(), the document's own login: the server lets it
/// read the images' bytes and, for a labeler, nothing else of the others). Fetches share that
/// one connection, one at a time; a lost connection is opened again at the next fetch.
class ServerImages final : public ImageFetcher
{
public:
    explicit ServerImages(ProjectAccess access);
    ~ServerImages() override;

    /// `path` (localImagePath() of `image`) is to be fetched when a decoder needs it.
    void remember(const QString &path, const core::ImageRecord &image);

    bool knows(const QString &path) const override;
    QString fetch(const QString &path) override;

    /// Images fetched so far (tests).
    int fetched() const;

private:
    ProjectAccess m_access;
    mutable std::mutex m_recordsMutex;
    QHash<QString, core::ImageRecord> m_records;
    mutable std::mutex m_fetchMutex; ///< guards m_store and m_fetched
    std::unique_ptr<core::Store> m_store;
    int m_fetched = 0;
};

} // namespace concord::ui
