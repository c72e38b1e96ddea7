// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>
#include <QTimer>

namespace concord::ui {

/// A short message floating at the bottom of its parent. Info toasts fade after a few
/// seconds; error toasts stay until dismiss() (a failed save stays visible until its retry
/// succeeds).
class Toast final : public QLabel
{
    Q_OBJECT

public:
    enum class Kind
    {
        Info,
        Error
    };

    explicit Toast(QWidget *parent);

    void showMessage(const QString &text, Kind kind = Kind::Info);
    void dismiss();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();

    QTimer m_timer;
};

} // namespace concord::ui
