// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/image/scaledimage.h"

#include "ui/image/imagefetch.h"

#include <QImageReader>

#include <algorithm>

namespace concord::ui {

QImage readScaledImage(const QString &path, int side, QSize *fullSize, QString *error, bool onlyShrink)
{
    if (const QString fetchError = fetchMissingImage(path); !fetchError.isEmpty()) {
        if (error)
            *error = fetchError;
        if (fullSize)
            *fullSize = {};
        return {};
    }
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize full = reader.size();
    if (full.isValid() && (!onlyShrink || std::max(full.width(), full.height()) > side))
        reader.setScaledSize(full.scaled(side, side, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (fullSize)
        *fullSize = full.isValid() ? full : image.size();
    if (error && image.isNull())
        *error = reader.errorString();
    return image;
}

} // namespace concord::ui
