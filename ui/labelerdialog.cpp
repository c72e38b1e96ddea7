// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/labelerdialog.h"

#include "ui/models/labelermodel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

namespace concord::ui {

LabelerDialog::LabelerDialog(const std::vector<core::Labeler> &labelers, const QString &suggested,
                             QWidget *parent)
    : QDialog(parent)
    , m_model(new LabelerModel(this))
    , m_list(new QListView(this))
    , m_name(new QLineEdit(this))
    , m_lead(new QCheckBox(tr("I am the lead of this project"), this))
{
    setObjectName(QStringLiteral("labelerDialog"));
    setWindowTitle(tr("Who is labeling?"));
    m_model->setLabelers(labelers);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Choose your name, or type a new one. Concord remembers it on this computer."), this));
    m_list->setModel(m_model);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_list);
    m_name->setObjectName(QStringLiteral("labelerName"));
    m_name->setPlaceholderText(tr("Your name"));
    layout->addWidget(m_name);
    layout->addWidget(m_lead);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Start labeling"));
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &idx) {
                if (idx.isValid())
                    m_name->setText(idx.data(LabelerModel::NameRole).toString());
            });
    connect(m_list, &QListView::doubleClicked, this, &QDialog::accept);
    connect(m_name, &QLineEdit::textChanged, this, &LabelerDialog::updateLeadChoice);
    connect(m_name, &QLineEdit::textChanged, buttons, [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_name->text().trimmed().isEmpty());
    });
    m_name->setText(suggested);
    if (const int row = m_model->rowOf(suggested); row >= 0)
        m_list->setCurrentIndex(m_model->index(row));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!suggested.trimmed().isEmpty());
    updateLeadChoice();
}

void LabelerDialog::updateLeadChoice()
{
    const bool known = m_model->rowOf(m_name->text().trimmed()) >= 0;
    m_lead->setEnabled(!known);
    if (known)
        m_lead->setChecked(false);
}

QString LabelerDialog::name() const
{
    return m_name->text().trimmed();
}

core::Role LabelerDialog::role() const
{
    return m_lead->isChecked() ? core::Role::Lead : core::Role::Labeler;
}

} // namespace concord::ui
