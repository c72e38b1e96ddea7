// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLineEdit;
class QTableWidget;

namespace concord::ui {

/// Help → Keyboard shortcuts: every action of a window that has a key, generated from the
/// actions themselves (so the sheet cannot fall out of date), grouped by the menu that holds
/// them, or else by the page or view they belong to (its window title), with a filter.
class ShortcutSheet final : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutSheet(QWidget *window, QWidget *parent = nullptr);

    /// (group, action, keys) rows as shown, for tests.
    QList<QStringList> rows() const;

private:
    void filter(const QString &text);

    QLineEdit *m_filter;
    QTableWidget *m_table;
};

} // namespace concord::ui
