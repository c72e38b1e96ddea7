// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/labeling/classbar.h"

#include "ui/models/classmodel.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QPainter>
#include <QToolButton>

namespace concord::ui {

namespace {

QIcon swatch(const QColor &color)
{
    QPixmap pm(14, 14);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(color.darker(140), 1));
    p.setBrush(color);
    p.drawRoundedRect(QRectF(0.5, 0.5, 13, 13), 3, 3);
    return QIcon(pm);
}

} // namespace

ClassBar::ClassBar(ClassModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_layout(new QHBoxLayout(this))
    , m_group(new QButtonGroup(this))
{
    setObjectName(QStringLiteral("classBar"));
    m_layout->setContentsMargins(8, 6, 8, 6);
    m_layout->setSpacing(6);
    m_group->setExclusive(false);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ClassBar::rebuild);
    connect(m_group, &QButtonGroup::idClicked, this, [this](int row) {
        const auto id = m_model->index(row).data(ClassModel::ClassIdRole).toLongLong();
        emit classChosen(id);
    });
    rebuild();
}

void ClassBar::rebuild()
{
    for (auto *b : m_group->buttons()) {
        m_group->removeButton(b);
        delete b;
    }
    while (auto *item = m_layout->takeAt(0))
        delete item;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex idx = m_model->index(row);
        auto *b = new QToolButton(this);
        b->setObjectName(QStringLiteral("classButton_%1").arg(row));
        b->setText(idx.data(Qt::DisplayRole).toString());
        b->setToolTip(idx.data(Qt::ToolTipRole).toString());
        const QColor color = idx.data(ClassModel::ColorRole).value<QColor>();
        b->setIcon(swatch(color));
        // The chosen class must be obvious at a glance: tinted in its colour, with a border.
        QColor tint = color;
        tint.setAlpha(60);
        b->setStyleSheet(QStringLiteral("QToolButton{padding:4px 10px;}"
                                        "QToolButton:checked{background:%1;border:2px solid %2;border-radius:4px;"
                                        "font-weight:bold;}")
                             .arg(tint.name(QColor::HexArgb), color.name()));
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setCheckable(true);
        b->setFocusPolicy(Qt::NoFocus);
        b->setMinimumHeight(34);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        QFont f = b->font();
        f.setPointSizeF(f.pointSizeF() * 1.1);
        b->setFont(f);
        m_group->addButton(b, row);
        m_layout->addWidget(b);
    }
}

void ClassBar::setCurrentClass(std::optional<core::Id> id)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const auto classId = m_model->index(row).data(ClassModel::ClassIdRole).toLongLong();
        if (auto *b = m_group->button(row))
            b->setChecked(id && *id == classId);
    }
}

} // namespace concord::ui
