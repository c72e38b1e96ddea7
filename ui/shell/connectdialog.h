// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QSpinBox;
class QComboBox;

namespace concord::ui {

/// File → Connect to server…: where a team project lives (host, port, database), who signs in
/// and their password (docs/TEAM.md). The password goes into the connection string this
/// dialog returns and stays in the window's memory; it is never stored or shown.
class ConnectDialog final : public QDialog
{
    Q_OBJECT

public:
    /// `location`: a connection string to fill the fields from (a recent server); `problem`:
    /// why the dialog is shown again (e.g. the server refused the password).
    explicit ConnectDialog(const QString &location = {}, const QString &problem = {}, QWidget *parent = nullptr);

    /// The libpq connection string of the fields, password included.
    QString location() const;

private:
    void updateOk();

    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QComboBox *m_tls;
    QLabel *m_problem;
    QPushButton *m_ok = nullptr;
};

} // namespace concord::ui
