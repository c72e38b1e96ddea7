// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QList>

class QAction;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace concord::ui {

/// Edit → Preferences… (issue #19): the window's key bindings, each changed by pressing the
/// new key (a key another action or a class of the open project has is refused, naming the
/// action or the class) or reset to its default,
/// the window's on/off behaviours (fit every new image, auto-advance…), which are the
/// checkable actions themselves, and the window's colours (appearance.h). Changes take effect
/// at once and are kept (keybindings.h).
class PreferencesDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(QWidget *window, QWidget *parent = nullptr);

    /// Makes `key` the first key of `action` (its other keys stay); false, with the reason in
    /// errorText(), when another action has it. What pressing a key in the table does.
    bool setKey(QAction *action, const QKeySequence &key);
    /// Gives `action` its default keys back.
    void resetKeys(QAction *action);
    QString errorText() const;
    /// The table's row of `action`, or -1 (tests).
    int rowOf(const QAction *action) const;

private:
    void fillTable();
    void showRow(int row);
    void filter(const QString &text);
    /// Why `action` may not have `key`: a class of the open project has it (empty: it may).
    QString classKeyProblem(QAction *action, const QKeySequence &key) const;

    QWidget *m_window;
    QList<QAction *> m_actions;
    QLineEdit *m_filter;
    QTableWidget *m_table;
    QLabel *m_error;
};

} // namespace concord::ui
