// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/startpage.h"

#include "ui/models/recentprojectsmodel.h"

#include <QCommandLinkButton>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListView>
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
    connect(list, &QListView::activated, this, [this](const QModelIndex &idx) {
        emit recentProjectRequested(idx.data(RecentProjectsModel::PathRole).toString());
    });
}

} // namespace concord::ui
