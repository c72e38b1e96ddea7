// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPalette>
#include <QString>

#include <optional>

namespace concord::ui {

/// The window's colours (issue #19, Edit → Preferences…): the desktop's style and palette, or
/// Qt's Fusion style with a light or a dark palette. Kept in QSettings ("appearance"); the
/// command line's --palette overrides it for one run.
enum class Appearance
{
    Desktop,
    Light,
    Dark,
};

/// The kept choice (Desktop when none).
Appearance savedAppearance();
/// Shows every window in `appearance` at once, and keeps it for the next start when `keep`.
/// The desktop's style and palette are the ones the application had before the first call.
void setAppearance(Appearance appearance, bool keep = true);
/// The appearance in force now.
Appearance currentAppearance();
/// "desktop", "light" or "dark" (any case); nullopt for another name.
std::optional<Appearance> appearanceNamed(const QString &name);
QString appearanceName(Appearance appearance);

/// A dark palette in the spirit of KDE's Breeze Dark (and for checking that no view hard-codes
/// light colours).
QPalette darkPalette();

} // namespace concord::ui
