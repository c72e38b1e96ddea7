// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QColor>
#include <QPoint>
#include <QSize>
#include <QString>
#include <QStringList>

#include <filesystem>

class QAbstractItemModel;
namespace concord::core {
class Store;
}
class QWidget;

/// Helpers shared by the GUI tests (tests/ui). They build projects through core only, so that
/// what a test checks is computed independently of the ui code under test.
namespace concord::uitest {

/// Points QSettings at `dir` so tests never read or write the user's configuration.
void isolateSettings(const QString &dir);

/// A small demo project (core::generateDemo) in `dir`; returns the project file.
std::filesystem::path makeDemo(const QString &dir, int images, int labelers, int overlap, std::uint64_t seed = 7);

/// Writes a picture of one colour, `size` pixels, to `dir`/`name` (a PNG) and adds it to
/// `store` as image `name` (its hash: the name). 0 when the file cannot be written.
core::Id addPlainImage(core::Store &store, const QString &dir, const QString &name, QSize size, QColor colour);

/// Press at `from`, move in steps, release at `to`, with the left button, on `viewport`.
void drag(QWidget *viewport, QPoint from, QPoint to);

/// Every text a person could read in `root` and its visible descendants: labels, buttons,
/// line edits, text browsers, window titles, tool tips and actions' texts.
QStringList visibleTexts(QWidget *root);

/// Every value of every index of `model` (recursively), for roles 0..Qt::UserRole+32, as text.
QStringList modelTexts(const QAbstractItemModel &model);

} // namespace concord::uitest
