// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/connectdialog.h"

#include "core/common/error.h"
#include "core/store/pg_db.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace concord::ui {

ConnectDialog::ConnectDialog(const QString &location, const QString &problem, QWidget *parent)
    : QDialog(parent)
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_tls(new QComboBox(this))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to a team server"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A team project lives in a PostgreSQL database. Your lead gives you its address, "
                                "your login and your password."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_host->setObjectName(QStringLiteral("serverHost"));
    m_host->setPlaceholderText(tr("e.g. labels.factory.local"));
    form->addRow(tr("&Server:"), m_host);
    m_port->setObjectName(QStringLiteral("serverPort"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    form->addRow(tr("&Port:"), m_port);
    m_database->setObjectName(QStringLiteral("serverDatabase"));
    form->addRow(tr("&Database:"), m_database);
    m_user->setObjectName(QStringLiteral("serverUser"));
    form->addRow(tr("&Login:"), m_user);
    m_password->setObjectName(QStringLiteral("serverPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("from ~/.pgpass when empty"));
    form->addRow(tr("Pass&word:"), m_password);
    m_tls->setObjectName(QStringLiteral("serverTls"));
    m_tls->addItem(tr("Required (encrypted)"), QStringLiteral("require"));
    m_tls->addItem(tr("Required, and the server's certificate checked"), QStringLiteral("verify-full"));
    m_tls->addItem(tr("When the server offers it"), QStringLiteral("prefer"));
    m_tls->addItem(tr("Off (only on this computer or a trusted network)"), QStringLiteral("disable"));
    m_tls->setCurrentIndex(2);
    form->addRow(tr("&Encryption:"), m_tls);
    layout->addLayout(form);

    m_problem->setObjectName(QStringLiteral("connectProblem"));
    m_problem->setWordWrap(true);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    layout->addWidget(m_problem);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Connect"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *e : {m_host, m_database, m_user})
        connect(e, &QLineEdit::textChanged, this, &ConnectDialog::updateOk);

    if (!location.isEmpty()) {
        try {
            for (const auto &[key, value] : core::pg::parseConnectionString(location.toStdString())) {
                const QString v = QString::fromStdString(value);
                if (key == "host")
                    m_host->setText(v);
                else if (key == "port")
                    m_port->setValue(v.toInt());
                else if (key == "dbname")
                    m_database->setText(v);
                else if (key == "user")
                    m_user->setText(v);
                else if (key == "sslmode" && m_tls->findData(v) >= 0)
                    m_tls->setCurrentIndex(m_tls->findData(v));
            }
        } catch (const core::Error &) { // an unreadable recent entry: start from empty fields
        }
    }
    if (m_user->text().isEmpty())
        m_user->setText(qEnvironmentVariable("USER"));
    updateOk();
    (m_host->text().isEmpty() ? m_host : m_password)->setFocus();
}

void ConnectDialog::updateOk()
{
    m_ok->setEnabled(!m_host->text().trimmed().isEmpty() && !m_database->text().trimmed().isEmpty() &&
                     !m_user->text().trimmed().isEmpty());
}

QString ConnectDialog::location() const
{
    return QString::fromStdString(core::pg::makeConnectionString({
        {"host", m_host->text().trimmed().toStdString()},
        {"port", std::to_string(m_port->value())},
        {"dbname", m_database->text().trimmed().toStdString()},
        {"user", m_user->text().trimmed().toStdString()},
        {"password", m_password->text().toStdString()},
        {"sslmode", m_tls->currentData().toString().toStdString()},
    }));
}

} // namespace concord::ui
