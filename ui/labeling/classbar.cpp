// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/labeling/classbar.h"

#include "ui/models/classmodel.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QToolButton>

#include <algorithm>

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
    delete m_picker;
    m_picker = nullptr;
    while (auto *item = m_layout->takeAt(0))
        delete item;
    const int buttons = std::min(m_model->rowCount(), kMaxButtons);
    for (int row = 0; row < buttons; ++row) {
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
    if (m_model->rowCount() > buttons) {
        // Every class, searchable by any part of its name; the model is shared, not copied.
        m_picker = new QComboBox(this);
        m_picker->setObjectName(QStringLiteral("classPicker"));
        m_picker->setEditable(true);
        m_picker->setInsertPolicy(QComboBox::NoInsert);
        m_picker->setModel(m_model);
        m_picker->setMaxVisibleItems(20);
        m_picker->setMinimumContentsLength(16);
        m_picker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        // Rows of one height: a list of 200,000 classes lays out without measuring each row.
        auto *list = new QListView(m_picker);
        list->setUniformItemSizes(true);
        m_picker->setView(list);
        // The text shown ("Shift+D  burr"): the class model has no edit role, the completer's
        // default, so typing found nothing.
        m_picker->completer()->setCompletionRole(Qt::DisplayRole);
        m_picker->completer()->setFilterMode(Qt::MatchContains);
        m_picker->completer()->setCaseSensitivity(Qt::CaseInsensitive);
        m_picker->completer()->setCompletionMode(QCompleter::PopupCompletion);
        if (auto *popup = qobject_cast<QListView *>(m_picker->completer()->popup()))
            popup->setUniformItemSizes(true);
        m_picker->setCurrentIndex(-1);
        m_picker->lineEdit()->setPlaceholderText(
            tr("%n more class(es): type to find one", nullptr, m_model->rowCount() - buttons));
        m_picker->setFocusPolicy(Qt::ClickFocus);
        connect(m_picker, &QComboBox::activated, this, [this](int row) {
            if (row >= 0)
                emit classChosen(m_model->index(row).data(ClassModel::ClassIdRole).toLongLong());
        });
        m_layout->addWidget(m_picker, 1);
    }
}

void ClassBar::setCurrentClass(std::optional<core::Id> id)
{
    bool onButton = false;
    for (auto *b : m_group->buttons()) {
        const int row = m_group->id(b);
        const bool current = id && *id == m_model->index(row).data(ClassModel::ClassIdRole).toLongLong();
        b->setChecked(current);
        onButton = onButton || current;
    }
    if (!m_picker)
        return;
    const QSignalBlocker block(m_picker);
    const int row = id && !onButton ? m_model->rowOf(*id) : -1;
    m_picker->setCurrentIndex(row);
}

} // namespace concord::ui
