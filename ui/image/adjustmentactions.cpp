// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/image/adjustmentactions.h"

#include <QAction>
#include <QCoreApplication>
#include <QWidget>

#include <array>

namespace concord::ui {

QList<QAction *> makeAdjustmentActions(QWidget *owner, const std::function<ImageAdjustment()> &get,
                                       const std::function<void(const ImageAdjustment &)> &set,
                                       Qt::ShortcutContext context)
{
    using QKS = QKeySequence;
    using Change = ImageAdjustment (*)(const ImageAdjustment &);
    struct Adjust
    {
        const char *text;
        QKS key;
        const char *name;
        Change change;
    };
    const std::array<Adjust, 9> table{{
        {QT_TRANSLATE_NOOP("ImageAdjustment", "&Brighter"), QKS(Qt::Key_BracketRight), "actionBrighter",
         [](const ImageAdjustment &a) { return a.brighter(1); }},
        {QT_TRANSLATE_NOOP("ImageAdjustment", "&Darker"), QKS(Qt::Key_BracketLeft), "actionDarker",
         [](const ImageAdjustment &a) { return a.brighter(-1); }},
        {QT_TRANSLATE_NOOP("ImageAdjustment", "More &contrast"), QKS(Qt::Key_BraceRight), "actionMoreContrast",
         [](const ImageAdjustment &a) { return a.moreContrast(1); }},
        {QT_TRANSLATE_NOOP("ImageAdjustment", "Less c&ontrast"), QKS(Qt::Key_BraceLeft), "actionLessContrast",
         [](const ImageAdjustment &a) { return a.moreContrast(-1); }},
        {QT_TRANSLATE_NOOP("ImageAdjustment", "Lighter &shadows (gamma up)"), QKS(Qt::CTRL | Qt::Key_BracketRight),
         "actionGammaUp", [](const ImageAdjustment &a) { return a.moreGamma(1); }},
        {QT_TRANSLATE_NOOP("ImageAdjustment", "Darker s&hadows (gamma down)"), QKS(Qt::CTRL | Qt::Key_BracketLeft),
         "actionGammaDown", [](const ImageAdjustment &a) { return a.moreGamma(-1); }},
        {QT_TRANSLATE_NOOP("ImageAdjustment", "&Invert"), QKS(Qt::Key_I), "actionInvert",
         [](const ImageAdjustment &a) {
             ImageAdjustment b = a;
             b.invert = !a.invert;
             return b;
         }},
        {QT_TRANSLATE_NOOP("ImageAdjustment", "&Equalise histogram"), QKS(Qt::Key_E), "actionEqualize",
         [](const ImageAdjustment &a) {
             ImageAdjustment b = a;
             b.equalize = !a.equalize;
             return b;
         }},
        {QT_TRANSLATE_NOOP("ImageAdjustment", "&Reset image adjustments"), QKS(Qt::Key_R), "actionResetAdjustments",
         [](const ImageAdjustment &) { return ImageAdjustment{}; }},
    }};
    QList<QAction *> actions;
    for (const Adjust &adjust : table) {
        auto *a = new QAction(QCoreApplication::translate("ImageAdjustment", adjust.text), owner);
        a->setObjectName(QString::fromLatin1(adjust.name));
        a->setShortcut(adjust.key);
        a->setShortcutContext(context);
        owner->addAction(a);
        QObject::connect(a, &QAction::triggered, owner, [get, set, change = adjust.change] { set(change(get())); });
        actions << a;
    }
    return actions;
}

} // namespace concord::ui
