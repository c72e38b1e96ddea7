// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/keybindings.h"

#include "ui/labeling/labelingview.h"

#include <QAction>
#include <QRegularExpression>
#include <QSettings>
#include <QVariant>
#include <QWidget>

#include <algorithm>

namespace concord::ui {

namespace {

const char *const kDefaultKeysProperty = "concordDefaultKeys";

QString settingsKey(const QAction *action)
{
    return QStringLiteral("keys/") + action->objectName();
}

QString keysText(const QList<QKeySequence> &keys)
{
    QStringList parts;
    for (const QKeySequence &k : keys)
        parts << k.toString(QKeySequence::PortableText);
    return parts.join(QStringLiteral("; "));
}

QList<QKeySequence> keysFromText(const QString &text)
{
    QList<QKeySequence> keys;
    for (const QString &part : text.split(QStringLiteral("; "), Qt::SkipEmptyParts)) {
        const QKeySequence k = QKeySequence::fromString(part, QKeySequence::PortableText);
        if (!k.isEmpty())
            keys << k;
    }
    return keys;
}

/// The labeling view names its class actions "actionClass_<id>" (labelingview_classes.cpp).
const char *const kClassActionPrefix = "actionClass_";

/// The action among `actions` other than `except` that has `key` where an action of widget
/// `scope` fires too: the same widget, or one holding the other (nullptr: everywhere).
QAction *actionWithKeyIn(const QList<QAction *> &actions, const QKeySequence &key, const QWidget *scope,
                         const QAction *except)
{
    if (key.isEmpty())
        return nullptr;
    for (QAction *a : actions) {
        if (a == except || !a->shortcuts().contains(key))
            continue;
        const auto *theirs = qobject_cast<const QWidget *>(a->parent());
        if (!scope || !theirs || scope == theirs || scope->isAncestorOf(theirs) || theirs->isAncestorOf(scope))
            return a;
    }
    return nullptr;
}

void rememberDefault(QAction *action)
{
    if (!action->property(kDefaultKeysProperty).isValid())
        action->setProperty(kDefaultKeysProperty, keysText(action->shortcuts()));
}

} // namespace

QString plainActionText(const QAction *action)
{
    QString text = action->text();
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    text.replace(QStringLiteral("&&"), QStringLiteral("&"));
    if (text.endsWith(QChar(0x2026)))
        text.chop(1);
    return text;
}

QList<QAction *> bindableActions(QWidget *window)
{
    QList<QAction *> out;
    for (QAction *a : window->findChildren<QAction *>()) {
        const QString name = a->objectName();
        if (!name.startsWith(QStringLiteral("action")) || name.startsWith(QLatin1String(kClassActionPrefix)) ||
            a->property(kClassKeyProperty).toBool() || a->text().isEmpty() || a->isSeparator() || out.contains(a))
            continue;
        out << a;
    }
    std::sort(out.begin(), out.end(), [](const QAction *x, const QAction *y) {
        return QString::localeAwareCompare(plainActionText(x), plainActionText(y)) < 0;
    });
    return out;
}

QList<QKeySequence> defaultKeys(QAction *action)
{
    rememberDefault(action);
    return keysFromText(action->property(kDefaultKeysProperty).toString());
}

void applyKeyBindings(QWidget *window)
{
    const QSettings settings;
    for (QAction *a : bindableActions(window)) {
        rememberDefault(a);
        const QString key = settingsKey(a);
        if (settings.contains(key))
            a->setShortcuts(keysFromText(settings.value(key).toString()));
    }
}

void setKeyBinding(QAction *action, const QList<QKeySequence> &keys)
{
    rememberDefault(action);
    QSettings settings;
    if (keysText(keys) == action->property(kDefaultKeysProperty).toString())
        settings.remove(settingsKey(action));
    else
        settings.setValue(settingsKey(action), keysText(keys));
    action->setShortcuts(keys);
}

QAction *conflictingAction(const QList<QAction *> &actions, const QKeySequence &key, const QAction *action)
{
    return actionWithKeyIn(actions, key, qobject_cast<const QWidget *>(action->parent()), action);
}

QAction *actionWithClassKey(QWidget *window, const QKeySequence &key)
{
    const auto *view = window->findChild<const LabelingView *>();
    return view ? actionWithKeyIn(bindableActions(window), key, view, nullptr) : nullptr;
}

QAction *classActionWithKey(QWidget *window, const QKeySequence &key, const QAction *action)
{
    QList<QAction *> classActions;
    for (QAction *a : window->findChildren<QAction *>())
        if (a->objectName().startsWith(QLatin1String(kClassActionPrefix)))
            classActions << a;
    return conflictingAction(classActions, key, action);
}

} // namespace concord::ui
