// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/appearance.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace concord::ui {

namespace {

constexpr auto kAppearanceKey = "appearance";

struct Desktop
{
    QString style;
    QPalette palette;
};

/// What the desktop gave the application, read before the first change.
const Desktop &desktop()
{
    static const Desktop d{QApplication::style()->name(), QApplication::palette()};
    return d;
}

Appearance g_current = Appearance::Desktop;

} // namespace

std::optional<Appearance> appearanceNamed(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("desktop"))
        return Appearance::Desktop;
    if (n == QLatin1String("light"))
        return Appearance::Light;
    if (n == QLatin1String("dark"))
        return Appearance::Dark;
    return std::nullopt;
}

QString appearanceName(Appearance appearance)
{
    switch (appearance) {
    case Appearance::Light: return QStringLiteral("light");
    case Appearance::Dark: return QStringLiteral("dark");
    case Appearance::Desktop: break;
    }
    return QStringLiteral("desktop");
}

Appearance savedAppearance()
{
    return appearanceNamed(QSettings().value(QLatin1String(kAppearanceKey)).toString()).value_or(Appearance::Desktop);
}

Appearance currentAppearance()
{
    return g_current;
}

void setAppearance(Appearance appearance, bool keep)
{
    const Desktop &d = desktop();
    if (appearance == Appearance::Desktop) {
        if (g_current != Appearance::Desktop) {
            QApplication::setStyle(QStyleFactory::create(d.style));
            QApplication::setPalette(d.palette);
        }
    } else {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(appearance == Appearance::Dark ? darkPalette()
                                                                : QApplication::style()->standardPalette());
    }
    g_current = appearance;
    if (keep)
        QSettings().setValue(QLatin1String(kAppearanceKey), appearanceName(appearance));
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2a, 0x2e, 0x32), base(0x1b, 0x1e, 0x20), text(0xfc, 0xfc, 0xfc);
    const QColor disabled(0x80, 0x80, 0x80), highlight(0x3d, 0xae, 0xe9);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x40, 0x46, 0x4c));
    p.setColor(QPalette::Midlight, QColor(0x36, 0x3b, 0x40));
    p.setColor(QPalette::Mid, QColor(0x25, 0x28, 0x2b));
    p.setColor(QPalette::Dark, QColor(0x18, 0x1a, 0x1c));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, text);
    p.setColor(QPalette::Link, highlight);
    p.setColor(QPalette::LinkVisited, QColor(0x9b, 0x59, 0xb6));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

} // namespace concord::ui
