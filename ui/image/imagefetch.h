// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <memory>

/// \file
/// Image files that must be fetched before they can be decoded (issue #18). A server project
/// keeps its images' bytes on the server; a desk has them only in its bounded cache
/// (core::Store::localImagePath()). Fetching one is a round trip that can take long on a slow
/// network, so the window never does it on its GUI thread: the document hands out the cache
/// path at once and registers an ImageFetcher, and the decoders' workers (decodeImage(),
/// readScaledImage()) call fetchMissingImage() before they read a file.

namespace concord::ui {

/// Knows how to bring some missing image files to the desk. Called on worker threads, several
/// at once: an implementation serialises what needs it.
class ImageFetcher
{
public:
    virtual ~ImageFetcher() = default;
    /// Whether `path` is one of this fetcher's files (fetched or not).
    virtual bool knows(const QString &path) const = 0;
    /// Brings `path` to the desk; an empty text when it is there, else why not (the server
    /// holds no bytes for it, the server cannot be reached…).
    virtual QString fetch(const QString &path) = 0;
};

/// Registers `fetcher` for the process until unregisterImageFetcher() (a document does so for
/// as long as it is open). Thread-safe.
void registerImageFetcher(std::shared_ptr<ImageFetcher> fetcher);
void unregisterImageFetcher(const ImageFetcher *fetcher);

/// Whether a registered fetcher knows `path`: a missing file there is on its way, not lost.
bool isFetchable(const QString &path);

/// On a worker, before reading `path`: when the file is missing and a registered fetcher knows
/// it, fetches it. An empty text when there is nothing to do or the fetch worked, else the
/// fetcher's reason (the decoder then reports the file as missing with that reason).
QString fetchMissingImage(const QString &path);

} // namespace concord::ui
