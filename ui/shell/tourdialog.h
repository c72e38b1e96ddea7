// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace concord::ui {

/// A short guided tour of the raise-HLP loop, offered on the start page and in the Help
/// menu: label → see the disagreement → write a standard → apply it → adjudicate → export, one
/// page each with a picture of the real window. The last page opens the demo as its lead.
/// Keys: → / Page Down next, ← / Page Up back, Esc closes.
class TourDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit TourDialog(QWidget *parent = nullptr);

    int pageCount() const;
    int currentPage() const { return m_page; }
    void showPage(int page);

signals:
    /// "Try it on the demo": open the demo project as its lead.
    void demoRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    int m_page = -1;
    QLabel *m_step;
    QLabel *m_title;
    QLabel *m_picture;
    QLabel *m_text;
    QPushButton *m_back;
    QPushButton *m_next;
    QPushButton *m_demo;
};

} // namespace concord::ui
