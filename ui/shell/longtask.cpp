// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/longtask.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QProgressDialog>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <mutex>
#include <string>

namespace concord::ui {

std::exception_ptr runWithProgress(QWidget *parent, const QString &title,
                                   const std::function<void(const core::ProgressFn &)> &work)
{
    std::atomic<bool> cancelled{false};
    std::atomic<std::size_t> done{0};
    std::atomic<std::size_t> total{0};
    std::mutex whatMutex;
    std::string what;
    const core::ProgressFn progress = [&](std::size_t d, std::size_t t, std::string_view w) {
        done = d;
        total = t;
        {
            const std::lock_guard lock(whatMutex);
            what.assign(w);
        }
        return !cancelled.load();
    };

    QProgressDialog dialog(title, QObject::tr("Cancel"), 0, 0, parent);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(300);
    dialog.setAutoClose(false);
    dialog.setAutoReset(false);
    QObject::connect(&dialog, &QProgressDialog::canceled, &dialog, [&] { cancelled = true; });

    std::exception_ptr error;
    QFutureWatcher<void> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<void>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run([&] {
        try {
            work(progress);
        } catch (...) {
            error = std::current_exception();
        }
    }));
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &dialog, [&] {
        const auto t = total.load();
        dialog.setMaximum(static_cast<int>(std::min<std::size_t>(t, 1'000'000'000)));
        dialog.setValue(static_cast<int>(std::min(done.load(), t)));
        const std::lock_guard lock(whatMutex);
        if (!what.empty())
            dialog.setLabelText(title + QStringLiteral("\n") + QString::fromStdString(what));
    });
    poll.start(100);
    if (!watcher.isFinished())
        loop.exec();
    poll.stop();
    dialog.close();
    return error;
}

} // namespace concord::ui
