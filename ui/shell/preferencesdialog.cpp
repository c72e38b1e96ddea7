// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/preferencesdialog.h"

#include "ui/shell/appearance.h"
#include "ui/shell/keybindings.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace concord::ui {

namespace {

enum Column
{
    ActionColumn,
    KeysColumn,
    EditColumn,
    ResetColumn,
    ColumnCount
};

QString keysText(const QList<QKeySequence> &keys)
{
    QStringList parts;
    for (const QKeySequence &k : keys)
        parts << k.toString(QKeySequence::NativeText);
    return parts.join(QStringLiteral(", "));
}

} // namespace

PreferencesDialog::PreferencesDialog(QWidget *window, QWidget *parent)
    : QDialog(parent)
    , m_window(window)
    , m_actions(bindableActions(window))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableWidget(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));

    // The on/off behaviours are the window's checkable actions: one checkbox each.
    auto *behaviour = new QGroupBox(tr("Behaviour"), this);
    auto *behaviourLayout = new QVBoxLayout(behaviour);
    for (QAction *a : std::as_const(m_actions)) {
        if (!a->isCheckable() || !a->property(kPreferenceProperty).toBool())
            continue;
        auto *box = new QCheckBox(plainActionText(a), behaviour);
        box->setObjectName(QStringLiteral("pref_") + a->objectName());
        box->setChecked(a->isChecked());
        // setChecked, not trigger(): a behaviour may be changed while its action is disabled
        // (no project open); the action's toggled handler keeps the setting.
        connect(box, &QCheckBox::toggled, a, &QAction::setChecked);
        connect(a, &QAction::toggled, box, &QCheckBox::setChecked);
        behaviourLayout->addWidget(box);
    }
    // The window's colours: shown at once, kept for the next start (appearance.h).
    auto *appearanceRow = new QHBoxLayout;
    auto *appearance = new QComboBox(behaviour);
    appearance->setObjectName(QStringLiteral("prefAppearance"));
    appearance->addItem(tr("The desktop's"), static_cast<int>(Appearance::Desktop));
    appearance->addItem(tr("Light"), static_cast<int>(Appearance::Light));
    appearance->addItem(tr("Dark"), static_cast<int>(Appearance::Dark));
    appearance->setCurrentIndex(appearance->findData(static_cast<int>(currentAppearance())));
    connect(appearance, &QComboBox::currentIndexChanged, this,
            [appearance] { setAppearance(static_cast<Appearance>(appearance->currentData().toInt())); });
    auto *appearanceLabel = new QLabel(tr("&Colours of the window:"), behaviour);
    appearanceLabel->setBuddy(appearance);
    appearanceRow->addWidget(appearanceLabel);
    appearanceRow->addWidget(appearance);
    appearanceRow->addStretch(1);
    behaviourLayout->addLayout(appearanceRow);

    auto *keys = new QGroupBox(tr("Keys"), this);
    auto *keysLayout = new QVBoxLayout(keys);
    m_filter->setObjectName(QStringLiteral("preferencesFilter"));
    m_filter->setPlaceholderText(tr("Find an action or a key"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &PreferencesDialog::filter);
    m_table->setObjectName(QStringLiteral("keyBindings"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Action"), tr("Keys"), tr("New key"), QString()});
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setSectionResizeMode(ActionColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(KeysColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(EditColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ResetColumn, QHeaderView::ResizeToContents);
    m_error->setObjectName(QStringLiteral("preferencesError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b"));
    auto *hint = new QLabel(tr("Click a “New key” cell and press the key. A class's key is set in "
                               "Project → Settings…, with the project."),
                            this);
    hint->setWordWrap(true);
    keysLayout->addWidget(m_filter);
    keysLayout->addWidget(m_table, 1);
    keysLayout->addWidget(m_error);
    keysLayout->addWidget(hint);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(behaviour);
    layout->addWidget(keys, 1);
    layout->addWidget(buttons);
    fillTable();
    resize(640, 640);
}

void PreferencesDialog::fillTable()
{
    m_table->setRowCount(int(m_actions.size()));
    for (int row = 0; row < m_actions.size(); ++row) {
        QAction *a = m_actions[row];
        auto *name = new QTableWidgetItem(plainActionText(a));
        name->setFlags(Qt::ItemIsEnabled);
        m_table->setItem(row, ActionColumn, name);
        auto *current = new QTableWidgetItem;
        current->setFlags(Qt::ItemIsEnabled);
        m_table->setItem(row, KeysColumn, current);
        auto *edit = new QKeySequenceEdit(m_table);
        connect(edit, &QKeySequenceEdit::editingFinished, this, [this, a, edit] {
            // One key: the first chord of what was pressed (the edit takes up to four).
            const QKeySequence pressed = edit->keySequence();
            if (!pressed.isEmpty())
                setKey(a, QKeySequence(pressed[0]));
            edit->clear();
        });
        m_table->setCellWidget(row, EditColumn, edit);
        auto *reset = new QPushButton(tr("Default"), m_table);
        reset->setObjectName(QStringLiteral("reset_") + a->objectName());
        connect(reset, &QPushButton::clicked, this, [this, a] { resetKeys(a); });
        m_table->setCellWidget(row, ResetColumn, reset);
        showRow(row);
    }
}

void PreferencesDialog::showRow(int row)
{
    QAction *a = m_actions[row];
    m_table->item(row, KeysColumn)->setText(keysText(a->shortcuts()));
    m_table->cellWidget(row, ResetColumn)->setEnabled(a->shortcuts() != defaultKeys(a));
}

int PreferencesDialog::rowOf(const QAction *action) const
{
    return int(m_actions.indexOf(const_cast<QAction *>(action)));
}

QString PreferencesDialog::classKeyProblem(QAction *action, const QKeySequence &key) const
{
    // A class's key belongs to the project; the action gives way, not the class.
    if (QAction *cls = classActionWithKey(m_window, key, action))
        return tr("%1 is the key of class “%2” in this project. Change the class's key in Project → Settings… "
                  "first, or give the action another key.")
            .arg(key.toString(QKeySequence::NativeText), plainActionText(cls));
    return {};
}

bool PreferencesDialog::setKey(QAction *action, const QKeySequence &key)
{
    if (QAction *other = conflictingAction(m_actions, key, action)) {
        m_error->setText(tr("%1 is already the key of “%2”. Give that action another key first.")
                             .arg(key.toString(QKeySequence::NativeText), plainActionText(other)));
        return false;
    }
    if (const QString problem = classKeyProblem(action, key); !problem.isEmpty()) {
        m_error->setText(problem);
        return false;
    }
    m_error->clear();
    QList<QKeySequence> keys = action->shortcuts();
    keys.removeAll(key);
    if (keys.isEmpty())
        keys << key;
    else
        keys[0] = key;
    setKeyBinding(action, keys);
    showRow(rowOf(action));
    return true;
}

void PreferencesDialog::resetKeys(QAction *action)
{
    const QList<QKeySequence> defaults = defaultKeys(action);
    for (const QKeySequence &k : defaults)
        if (QAction *other = conflictingAction(m_actions, k, action)) {
            m_error->setText(
                tr("The default key %1 of “%2” is now the key of “%3”. Give that action another key first.")
                    .arg(k.toString(QKeySequence::NativeText), plainActionText(action), plainActionText(other)));
            return;
        }
    for (const QKeySequence &k : defaults)
        if (const QString problem = classKeyProblem(action, k); !problem.isEmpty()) {
            m_error->setText(problem);
            return;
        }
    m_error->clear();
    setKeyBinding(action, defaults);
    showRow(rowOf(action));
}

QString PreferencesDialog::errorText() const
{
    return m_error->text();
}

void PreferencesDialog::filter(const QString &text)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const bool match = text.isEmpty() ||
                           m_table->item(row, ActionColumn)->text().contains(text, Qt::CaseInsensitive) ||
                           m_table->item(row, KeysColumn)->text().contains(text, Qt::CaseInsensitive);
        m_table->setRowHidden(row, !match);
    }
}

} // namespace concord::ui
