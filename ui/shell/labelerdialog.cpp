// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/labelerdialog.h"

#include "ui/document/projectdocument.h"
#include "ui/models/labelermodel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

namespace concord::ui {

LabelerDialog::LabelerDialog(const ProjectDocument &document, const QString &suggested, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_model(new LabelerModel(this))
    , m_list(new QListView(this))
    , m_name(new QLineEdit(this))
    , m_lead(new QCheckBox(tr("I am the lead of this project"), this))
    , m_passphraseLabel(new QLabel(this))
    , m_passphrase(new QLineEdit(this))
    , m_protection(new QLabel(this))
{
    setObjectName(QStringLiteral("labelerDialog"));
    setWindowTitle(tr("Who is labeling?"));
    const auto labelers = document.labelers();
    m_model->setLabelers(labelers);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("Choose your name, or type a new one. Concord remembers it on this computer."), this));
    m_list->setModel(m_model);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_list);
    m_name->setObjectName(QStringLiteral("labelerName"));
    m_name->setPlaceholderText(tr("Your name"));
    layout->addWidget(m_name);
    layout->addWidget(m_lead);
    m_passphraseLabel->setBuddy(m_passphrase);
    layout->addWidget(m_passphraseLabel);
    m_passphrase->setObjectName(QStringLiteral("signInPassphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    layout->addWidget(m_passphrase);
    m_protection->setObjectName(QStringLiteral("signInProtection"));
    m_protection->setWordWrap(true);
    layout->addWidget(m_protection);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Start labeling"));
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Selection, not the current index: a list view makes its first row current when it gets
    // the focus, and that row may be the lead.
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList rows = m_list->selectionModel()->selectedRows();
        if (!rows.isEmpty())
            m_name->setText(rows.front().data(LabelerModel::NameRole).toString());
    });
    connect(m_list, &QListView::doubleClicked, this, &QDialog::accept);
    connect(m_name, &QLineEdit::textChanged, this, &LabelerDialog::updateForName);
    connect(m_name, &QLineEdit::textChanged, buttons, [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_name->text().trimmed().isEmpty());
    });
    const int row = m_model->rowOf(suggested);
    const bool suggestLead = row >= 0 && m_model->index(row).data(LabelerModel::IsLeadRole).toBool();
    if (row >= 0 && !suggestLead) {
        m_list->selectionModel()->select(m_model->index(row), QItemSelectionModel::ClearAndSelect);
        m_list->setCurrentIndex(m_model->index(row));
    }
    m_name->setText(suggestLead ? QString() : suggested);
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_name->text().trimmed().isEmpty());
    updateForName();
    if (m_passphrase->isHidden())
        m_name->setFocus();
    else
        m_passphrase->setFocus();
}

void LabelerDialog::updateForName()
{
    const QString name = m_name->text().trimmed();
    const bool known = m_model->rowOf(name) >= 0;
    m_lead->setEnabled(!known);
    if (known)
        m_lead->setChecked(false);

    const core::SignInProtection p = m_document.signInProtection(name);
    const auto who = m_document.labelerByName(name);
    const bool lead = who && who->role == core::Role::Lead;
    m_passphraseLabel->setVisible(p.passphraseNeeded);
    m_passphrase->setVisible(p.passphraseNeeded);
    if (p.passphraseNeeded)
        m_passphraseLabel->setText(lead ? tr("&Lead passphrase:")
                                        : tr("&Passphrase of %1 (or the lead passphrase):").arg(name));
    else
        m_passphrase->clear();
    if (!p.projectProtected)
        m_protection->setText(tr("This project has no sign-in protection: anyone who opens it in Concord can sign "
                                 "in as any labeler and see that labeler's labels. A lead can set a lead passphrase "
                                 "(Lead → Lead passphrase…), and each labeler a passphrase of their own (File → My "
                                 "passphrase…)."));
    else if (who && !p.passphraseNeeded && !lead)
        m_protection->setText(tr("%1 has no passphrase: anyone can sign in as %1.").arg(name));
    else
        m_protection->clear();
    m_protection->setVisible(!m_protection->text().isEmpty());
}

QString LabelerDialog::name() const
{
    return m_name->text().trimmed();
}

core::Role LabelerDialog::role() const
{
    return m_lead->isChecked() ? core::Role::Lead : core::Role::Labeler;
}

QString LabelerDialog::passphrase() const
{
    return m_passphrase->isHidden() ? QString() : m_passphrase->text();
}

} // namespace concord::ui
