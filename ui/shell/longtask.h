// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/progress.h"

#include <QString>

#include <exception>
#include <functional>

class QWidget;

namespace concord::ui {

/// Runs long core work (import, demo generation) on a worker thread while a modal progress
/// dialog shows how far it got; Cancel makes the progress callback return false, which core
/// turns into Error(Cancelled) after leaving the project unchanged. Returns what the work
/// threw, or null when it finished.
std::exception_ptr runWithProgress(QWidget *parent, const QString &title,
                                   const std::function<void(const core::ProgressFn &)> &work);

} // namespace concord::ui
