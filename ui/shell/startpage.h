// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace concord::ui {

class RecentProjectsModel;

/// What Concord shows with no project open: New, Open, Open Demo, the tour and the recent
/// projects. On a first run (no recent project) it says where to begin.
class StartPage final : public QWidget
{
    Q_OBJECT

public:
    explicit StartPage(RecentProjectsModel *recent, QWidget *parent = nullptr);

signals:
    void newProjectRequested();
    void openProjectRequested();
    void openDemoRequested();
    void tourRequested();
    void recentProjectRequested(const QString &path);

private:
    /// Asks where a missing project is now; the entry follows it and the project opens.
    void locate(RecentProjectsModel *recent, const QString &missing);
};

} // namespace concord::ui
