// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/image/imageadjustment.h"

#include <QList>

#include <functional>

class QAction;
class QWidget;

namespace concord::ui {

/// The image-adjustment actions every image view offers, with the same keys everywhere:
/// ] / [ brightness, } / { contrast, Ctrl+] / Ctrl+[ gamma, I invert, E equalise, R reset.
/// Each reads the view's adjustment with `get` and hands the changed one to `set`. The actions
/// are added to `owner`; like the other actions of a page, their keys work while it is shown.
QList<QAction *> makeAdjustmentActions(QWidget *owner, const std::function<ImageAdjustment()> &get,
                                       const std::function<void(const ImageAdjustment &)> &set,
                                       Qt::ShortcutContext context = Qt::WindowShortcut);

} // namespace concord::ui
