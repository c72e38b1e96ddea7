// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/toast.h"

#include <QEvent>

namespace concord::ui {

Toast::Toast(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("toast"));
    setWordWrap(true);
    setAlignment(Qt::AlignCenter);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setMargin(10);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Toast::hide);
    parent->installEventFilter(this);
    hide();
}

void Toast::showMessage(const QString &text, Kind kind)
{
    setText(text);
    setStyleSheet(kind == Kind::Error
                      ? QStringLiteral("QLabel{background:rgba(176,32,32,235);color:white;border-radius:8px;"
                                       "font-weight:bold;}")
                      : QStringLiteral("QLabel{background:rgba(30,30,30,220);color:white;border-radius:8px;}"));
    place();
    show();
    raise();
    if (kind == Kind::Info)
        m_timer.start(2500);
    else
        m_timer.stop();
}

void Toast::dismiss()
{
    m_timer.stop();
    hide();
}

void Toast::place()
{
    const QWidget *p = parentWidget();
    const int w = std::min(p->width() - 40, 560);
    setFixedWidth(std::max(w, 120));
    adjustSize();
    move((p->width() - width()) / 2, p->height() - height() - 24);
}

bool Toast::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        place();
    return QLabel::eventFilter(watched, event);
}

} // namespace concord::ui
