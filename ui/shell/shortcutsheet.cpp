// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/shortcutsheet.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace concord::ui {

namespace {

QString plainText(const QAction *a)
{
    QString text = a->text();
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QStringLiteral("…")))
        text.chop(1);
    return text;
}

QString keysText(const QAction *a)
{
    QStringList keys;
    for (const QKeySequence &k : a->shortcuts())
        keys << k.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

} // namespace

ShortcutSheet::ShortcutSheet(QWidget *window, QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_table(new QTableWidget(this))
{
    setWindowTitle(tr("Keyboard shortcuts"));
    // The menu that holds an action names its group; actions outside every menu (the class
    // keys, the canvas's) are grouped as the window's.
    QHash<const QAction *, QString> groupOf;
    if (auto *main = qobject_cast<QMainWindow *>(window)) {
        const std::function<void(const QMenu *, const QString &)> walk = [&](const QMenu *menu, const QString &path) {
            for (const QAction *a : menu->actions()) {
                if (a->menu())
                    walk(a->menu(), path + QStringLiteral(" › ") + plainText(a));
                else if (!groupOf.contains(a))
                    groupOf.insert(a, path);
            }
        };
        for (const QAction *top : main->menuBar()->actions())
            if (top->menu())
                walk(top->menu(), plainText(top));
    }
    // An action outside every menu belongs to the page or view that holds it: the nearest
    // widget with a title ("Labeling", "Adjudication").
    const auto ownerTitle = [window](const QAction *a) {
        for (const QObject *o = a->parent(); o && o != window; o = o->parent())
            if (const auto *w = qobject_cast<const QWidget *>(o); w && !w->windowTitle().isEmpty())
                return w->windowTitle();
        return tr("Window");
    };
    QList<QStringList> rows;
    QSet<QString> seen;
    for (const QAction *a : window->findChildren<QAction *>()) {
        if (a->shortcuts().isEmpty() || a->text().isEmpty() || !a->isVisible()) // hidden: a key no class has
            continue;
        const QString group = groupOf.contains(a) ? groupOf.value(a) : ownerTitle(a);
        const QStringList row{group, plainText(a), keysText(a)};
        if (seen.contains(row.join(QLatin1Char('\n'))))
            continue;
        seen.insert(row.join(QLatin1Char('\n')));
        rows << row;
    }
    std::sort(rows.begin(), rows.end());

    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Where"), tr("Action"), tr("Keys")});
    m_table->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < 3; ++c)
            m_table->setItem(r, c, new QTableWidgetItem(rows[r][c]));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setObjectName(QStringLiteral("shortcutTable"));
    m_filter->setPlaceholderText(tr("Filter by action or key"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutSheet::filter);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &ShortcutSheet::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(640, 560);
}

QList<QStringList> ShortcutSheet::rows() const
{
    QList<QStringList> out;
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (!m_table->isRowHidden(r))
            out << QStringList{m_table->item(r, 0)->text(), m_table->item(r, 1)->text(), m_table->item(r, 2)->text()};
    return out;
}

void ShortcutSheet::filter(const QString &text)
{
    for (int r = 0; r < m_table->rowCount(); ++r) {
        bool match = text.isEmpty();
        for (int c = 0; c < 3 && !match; ++c)
            match = m_table->item(r, c)->text().contains(text, Qt::CaseInsensitive);
        m_table->setRowHidden(r, !match);
    }
}

} // namespace concord::ui
