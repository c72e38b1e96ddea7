// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QSize>
#include <QString>

namespace concord::ui {

/// An image file decoded to fit in `side` × `side` (aspect kept, EXIF orientation applied).
/// The reader is asked for the small size up front, so JPEG decodes at 1/2, 1/4 or 1/8 instead
/// of in full. Safe on any thread. `fullSize` receives the file's own size (invalid when the
/// header cannot be read) and `error` the reader's message when the result is null.
/// With `onlyShrink`, an image smaller than the box is kept at its own size. A server
/// project's image missing from the desk's cache is fetched first (imagefetch.h).
QImage readScaledImage(const QString &path, int side, QSize *fullSize = nullptr, QString *error = nullptr,
                       bool onlyShrink = false);

} // namespace concord::ui
