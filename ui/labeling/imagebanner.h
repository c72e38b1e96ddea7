// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/imaging/image_check.h"

#include <QLabel>

namespace concord::ui {

/// Says on the canvas when the image shown is not the whole truth: a panel over the middle
/// for an image that cannot be shown (missing, unreadable, undecodable file), a strip along
/// the top of a damaged one (a truncated JPEG's grey bottom is not from the file). Hidden for
/// images that decoded whole. Also tells that no label can be saved and what to do instead.
class ImageBanner final : public QLabel
{
    Q_OBJECT

public:
    explicit ImageBanner(QWidget *parent);

    /// Shows the state of the image `fileName` (hides the banner for Ok and Unknown).
    void showState(const core::ImageCheck &check, const QString &fileName);
    core::ImageHealth health() const { return m_health; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();

    core::ImageHealth m_health = core::ImageHealth::Unknown;
};

} // namespace concord::ui
