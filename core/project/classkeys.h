// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <optional>
#include <string>
#include <vector>

/// \file
/// The keys a class may have (issue #19, "keys beyond 9"). A class key chooses a class with
/// one key press in the labeling view, so only keys a labeler can press as one chord on any
/// keyboard are accepted, written the way Qt's QKeySequence::PortableText writes them (the
/// window parses the text with QKeySequence and gets the same key back; tst_settingsdialogs
/// checks every key of classKeys()):
///
///   key   = [ "Shift+" ] letter | [ "Shift+" ] fkey | digit
///   digit = "0" … "9"          letter = "A" … "Z"          fkey = "F1" … "F12"
///
/// Input is read without regard to case or surrounding spaces ("shift+a", " f3 ", "s") and
/// stored in the form above ("Shift+A", "F3", "S"). Shift with a digit is refused: the key
/// event of Shift+1 carries the character the layout puts there ("!" on a US keyboard, "+" on
/// a Swiss one), so a shortcut "Shift+1" fires on some layouts and not on others. Shift with a
/// letter gives the same key on every Latin layout. "10", "Ctrl+A" or "é" cannot be a class
/// key. Which of these keys the window already uses for its own actions (S skips an image)
/// is the window's to refuse: core knows no actions.

namespace concord::core {

/// The stored form of `key` (see the file comment), or nullopt when the grammar refuses it.
/// An empty or blank key is "" (no key).
std::optional<std::string> canonicalClassKey(const std::string &key);

/// The stored form of a class's key (canonicalClassKey()), or Error(Invalid) naming `field`
/// and the class, with the keys a class may have, when the grammar refuses it.
std::string checkedClassKey(const std::string &key, const std::string &className, const std::string &field);

/// Every key the grammar accepts, in their stored form: the 10 digits, the 26 letters and
/// the 12 function keys, then those letters and function keys with Shift+ (86 keys).
std::vector<std::string> classKeys();

/// The keys classes get when none is given, in order: 1…9, then 0, then Shift+A…Shift+Z (36).
/// Plain letters and F-keys are left to the lead: the labeling view gives many letters
/// meanings of its own (S skip, D next, B box…) and F5 reloads, while no action of the window
/// has a Shift+letter or a digit without Ctrl.
const std::vector<std::string> &defaultClassKeys();

/// The first of defaultClassKeys() no class of `classes` has (compared in stored form) and
/// not in `alsoTaken`; "" when all are taken. How addProjectClass(), initProject() and
/// importLabels() key a class that comes without one.
std::string firstFreeClassKey(const std::vector<LabelClass> &classes, const std::vector<std::string> &alsoTaken = {});

} // namespace concord::core
