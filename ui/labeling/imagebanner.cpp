// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/labeling/imagebanner.h"

#include <QEvent>

namespace concord::ui {

ImageBanner::ImageBanner(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("imageBanner"));
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setMargin(12);
    parent->installEventFilter(this);
    hide();
}

void ImageBanner::showState(const core::ImageCheck &check, const QString &fileName)
{
    m_health = check.health;
    if (core::mayLabel(check.health)) {
        hide();
        return;
    }
    QString reason = QString::fromStdString(check.reason);
    if (reason.startsWith(QLatin1String("damaged: ")))
        reason = reason.mid(9); // the heading says it already
    reason = reason.toHtmlEscaped();
    const QString name = fileName.toHtmlEscaped();
    if (check.health == core::ImageHealth::Damaged) {
        setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        setStyleSheet(QStringLiteral("QLabel{background:rgba(230,159,0,240);color:#1a1a1a;border-radius:6px;}"));
        setText(tr("<b>%1 is damaged</b> — %2. What you see is not all from the file (a grey or smeared part "
                   "is made up by the decoder). No label can be saved for it; <b>S</b> skips it.")
                    .arg(name, reason));
    } else {
        setAlignment(Qt::AlignCenter);
        setStyleSheet(QStringLiteral("QLabel{background:rgba(176,32,32,240);color:white;border-radius:8px;}"));
        setText(tr("<p style='font-size:large'><b>Cannot show %1</b></p><p>%2</p><p>No label can be saved for an "
                   "image nobody could see.<br>If its folder moved: <b>File → Relink images…</b>; "
                   "<b>F5</b> tries again; <b>S</b> skips it.</p>")
                    .arg(name, reason));
    }
    place();
    show();
    raise();
}

void ImageBanner::place()
{
    const QWidget *p = parentWidget();
    const int w = std::max(160, std::min(p->width() - 40, m_health == core::ImageHealth::Damaged ? 900 : 620));
    setFixedWidth(w);
    adjustSize();
    const int y = m_health == core::ImageHealth::Damaged ? 12 : (p->height() - height()) / 2;
    move((p->width() - width()) / 2, std::max(0, y));
}

bool ImageBanner::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        place();
    return QLabel::eventFilter(watched, event);
}

} // namespace concord::ui
