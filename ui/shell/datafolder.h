// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace concord::ui {

/// The folder for Concord's own data (the demo project): the generic data location plus the
/// application name, `~/.local/share/Concord` on Linux. Qt's AppDataLocation appends the
/// organisation and the application name, both "Concord", which made the doubled
/// `~/.local/share/Concord/Concord` of earlier versions. On first use, what that old folder
/// holds is moved up into the new one (an entry that exists in both stays where it is, so
/// nothing is overwritten) and the old folder is removed once empty. Creates the folder.
QString dataFolder();

} // namespace concord::ui
