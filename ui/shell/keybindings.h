// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>

class QAction;
class QWidget;

/// \file
/// Custom key bindings (issue #19, "custom key bindings in a preferences dialog"): the user's
/// keys for the window's named actions, kept in QSettings under "keys/<action's objectName>"
/// and put on the actions when the window is built. A class's key is not here: it belongs to
/// the project (Project → Settings…), so the per-class actions are left out.

namespace concord::ui {

/// A checkable action with this property set (to true) is one of the window's on/off
/// behaviours, shown as a checkbox in Edit → Preferences… (a tool or a project setting is not).
inline constexpr const char *kPreferenceProperty = "concordPreference";

/// An action with this property set (to true) has a class's key and follows the class (the
/// adjudication page's "Decide: scratch"): its key is changed with the class's, in Project →
/// Settings…, not bound here.
inline constexpr const char *kClassKeyProperty = "concordClassKey";

/// The actions under `window` whose keys the user may change: named ("action…"), with text,
/// not a class's own action nor one with kClassKeyProperty; sorted by their text without
/// mnemonics.
QList<QAction *> bindableActions(QWidget *window);

/// The keys an action had before any binding was applied (its default).
QList<QKeySequence> defaultKeys(QAction *action);

/// Puts the saved bindings on bindableActions(window); remembers each action's default first.
void applyKeyBindings(QWidget *window);

/// Saves `keys` as the binding of `action` and sets them (the default keys: the binding is
/// removed). An empty list leaves the action without a key.
void setKeyBinding(QAction *action, const QList<QKeySequence> &keys);

/// The action among `actions` other than `action` that has `key` where both can fire: in the
/// same widget, or one in a widget that holds the other's (a window's action against a page's).
/// Two pages' actions may share a key (D: next image on the labeling page, drop on the
/// objects page), as only the page shown has its keys enabled. Nullptr when none.
QAction *conflictingAction(const QList<QAction *> &actions, const QKeySequence &key, const QAction *action);

/// The labeling view's or the window's own action (bindableActions(window)) that a class key
/// `key` would clash with: one whose key fires where the class keys do (the labeling view,
/// the window around it). Nullptr when none, or when `window` has no labeling view.
QAction *actionWithClassKey(QWidget *window, const QKeySequence &key);

/// The class action (a key of the project's classes, in the labeling view) that `action`
/// would clash with if it had `key`; nullptr when none.
QAction *classActionWithKey(QWidget *window, const QKeySequence &key, const QAction *action);

/// An action's text without its mnemonic ampersands or a trailing ellipsis.
QString plainActionText(const QAction *action);

} // namespace concord::ui
