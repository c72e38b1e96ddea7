// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QWidget;

/// \file
/// The window's file dialogs. Qt's and the desktop's dialogs read the first bytes of files
/// whose type their name does not tell (for the "Type" column and the icon), and so open and
/// close the project file and its -wal/-shm while this process holds SQLite's locks on them;
/// on POSIX that close drops every lock the process holds on the file (issue #15,
/// docs/RELIABILITY.md). These dialogs are Qt's own (never the native one, which runs the same
/// sniffing in-process) with an icon provider that judges a file by its name only.

namespace concord::ui {

QString openFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter);
QString saveFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter);
QString existingDirectory(QWidget *parent, const QString &caption, const QString &dir);

} // namespace concord::ui
