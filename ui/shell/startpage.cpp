// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/startpage.h"

#include "ui/models/recentprojectsmodel.h"
#include "ui/shell/filedialogs.h"

#include <QCommandLinkButton>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QShortcut>
#include <QVBoxLayout>

namespace concord::ui {

StartPage::StartPage(RecentProjectsModel *recent, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("startPage"));
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    auto *column = new QVBoxLayout;
    column->addStretch(1);

    auto *titleRow = new QHBoxLayout;
    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(QStringLiteral(":/concord/icons/concord.svg")).pixmap(56, 56));
    titleRow->addWidget(logo);
    auto *title = new QLabel(tr("Concord"), this);
    QFont tf = title->font();
    tf.setPointSizeF(tf.pointSizeF() * 2.6);
    tf.setBold(true);
    title->setFont(tf);
    titleRow->addWidget(title);
    titleRow->addStretch(1);
    column->addLayout(titleRow);
    auto *subtitle = new QLabel(tr("Label images blind, measure how often labelers agree, and raise it."), this);
    subtitle->setWordWrap(true);
    column->addWidget(subtitle);
    column->addSpacing(18);
    // First run: nothing to reopen yet, so say where to begin.
    auto *firstRun =
        new QLabel(tr("New to Concord? Take the tour, then open the demo and follow it as the lead."), this);
    firstRun->setObjectName(QStringLiteral("firstRunHint"));
    firstRun->setWordWrap(true);
    column->addWidget(firstRun);
    auto updateHint = [firstRun, recent] { firstRun->setVisible(recent->rowCount() == 0); };
    updateHint();
    connect(recent, &QAbstractItemModel::modelReset, this, updateHint);
    connect(recent, &QAbstractItemModel::rowsInserted, this, updateHint);
    connect(recent, &QAbstractItemModel::rowsRemoved, this, updateHint);

    auto *row = new QHBoxLayout;
    auto *actions = new QVBoxLayout;
    auto *newButton =
        new QCommandLinkButton(tr("New project…"), tr("From a folder of images and a list of classes"), this);
    auto *openButton = new QCommandLinkButton(tr("Open project…"), tr("A .concord file"), this);
    auto *demoButton = new QCommandLinkButton(
        tr("Open the demo"), tr("Phone surfaces with scratches and dents, five simulated labelers"), this);
    auto *tourButton = new QCommandLinkButton(
        tr("Take the tour"),
        tr("Label → see the disagreement → write a standard → apply → adjudicate → export, in six pictures (F1)"),
        this);
    tourButton->setObjectName(QStringLiteral("tourButton"));
    newButton->setObjectName(QStringLiteral("newProjectButton"));
    openButton->setObjectName(QStringLiteral("openProjectButton"));
    demoButton->setObjectName(QStringLiteral("openDemoButton"));
    for (auto *b : {newButton, openButton, demoButton, tourButton}) {
        b->setMinimumWidth(320);
        actions->addWidget(b);
    }
    actions->addStretch(1);
    row->addLayout(actions);
    row->addSpacing(24);

    auto *recentColumn = new QVBoxLayout;
    recentColumn->addWidget(new QLabel(tr("<b>Recent projects</b>"), this));
    auto *list = new QListView(this);
    list->setObjectName(QStringLiteral("recentProjects"));
    list->setModel(recent);
    list->setMinimumSize(340, 220);
    list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    recentColumn->addWidget(list);
    row->addLayout(recentColumn);
    column->addLayout(row);
    column->addStretch(2);
    outer->addLayout(column);
    outer->addStretch(1);

    connect(newButton, &QAbstractButton::clicked, this, &StartPage::newProjectRequested);
    connect(openButton, &QAbstractButton::clicked, this, &StartPage::openProjectRequested);
    connect(demoButton, &QAbstractButton::clicked, this, &StartPage::openDemoRequested);
    connect(tourButton, &QAbstractButton::clicked, this, &StartPage::tourRequested);
    connect(list, &QListView::activated, this, [this, recent](const QModelIndex &idx) {
        if (idx.data(RecentProjectsModel::MissingRole).toBool())
            locate(recent, idx.data(RecentProjectsModel::PathRole).toString());
        else
            emit recentProjectRequested(idx.data(RecentProjectsModel::PathRole).toString());
    });
    // Right-click or Delete: remove an entry; a missing project can be located again.
    list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(list, &QWidget::customContextMenuRequested, this, [this, list, recent](const QPoint &at) {
        const QModelIndex idx = list->indexAt(at);
        if (!idx.isValid())
            return;
        const QString path = idx.data(RecentProjectsModel::PathRole).toString();
        QMenu menu(this);
        if (idx.data(RecentProjectsModel::MissingRole).toBool())
            menu.addAction(tr("&Locate…"), this, [this, recent, path] { locate(recent, path); });
        else
            menu.addAction(tr("&Open"), this, [this, path] { emit recentProjectRequested(path); });
        menu.addAction(tr("&Remove from the list"), this, [recent, path] { recent->remove(path); });
        menu.exec(list->viewport()->mapToGlobal(at));
    });
    auto *removeKey = new QShortcut(QKeySequence::Delete, list, nullptr, nullptr, Qt::WidgetShortcut);
    connect(removeKey, &QShortcut::activated, this, [list, recent] {
        if (const QModelIndex idx = list->currentIndex(); idx.isValid())
            recent->remove(idx.data(RecentProjectsModel::PathRole).toString());
    });
}

void StartPage::locate(RecentProjectsModel *recent, const QString &missing)
{
    const QString found = openFileName(this, tr("Where is %1 now?").arg(QFileInfo(missing).fileName()),
                                       QFileInfo(missing).absolutePath(), tr("Concord projects (*.concord)"));
    if (found.isEmpty())
        return;
    recent->relocate(missing, found);
    emit recentProjectRequested(found);
}

} // namespace concord::ui
