// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/labeling/standardview.h"

#include <QListView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace concord::ui {

QString standardMarkdown(const core::Standard &standard)
{
    QString md = QStringLiteral("**%1** v%2\n\n").arg(QString::fromStdString(standard.title)).arg(standard.version);
    if (!standard.rule.empty())
        md += QStringLiteral("`%1`\n\n").arg(QString::fromStdString(standard.rule));
    return md + QString::fromStdString(standard.body);
}

StandardView::StandardView(int thumbnailSide, QWidget *parent)
    : QWidget(parent)
    , m_body(new QTextBrowser(this))
    , m_examples(new ExampleModel(this))
    , m_exampleList(new QListView(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_body->setObjectName(QStringLiteral("standardBody"));
    m_body->setOpenExternalLinks(false);
    m_body->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(m_body, 1);

    m_examples->setThumbnailSize(thumbnailSide);
    m_examples->setNotesInText(true);
    m_exampleList->setObjectName(QStringLiteral("standardExamples"));
    m_exampleList->setModel(m_examples);
    m_exampleList->setViewMode(QListView::IconMode);
    m_exampleList->setIconSize(QSize(thumbnailSide, thumbnailSide));
    // Room for three lines under the thumbnail: role and class, measurement, note.
    const int line = m_exampleList->fontMetrics().height();
    m_exampleList->setGridSize(QSize(thumbnailSide + 40, thumbnailSide + 3 * line + 12));
    m_exampleList->setWordWrap(true);
    m_exampleList->setUniformItemSizes(true);
    m_exampleList->setResizeMode(QListView::Adjust);
    m_exampleList->setMovement(QListView::Static);
    m_exampleList->setFocusPolicy(Qt::NoFocus);
    m_exampleList->setMinimumHeight(thumbnailSide + 3 * line + 20);
    layout->addWidget(m_exampleList, 1);
    connect(m_exampleList, &QListView::clicked, this,
            [this](const QModelIndex &index) { emit exampleClicked(index.data(ExampleModel::PathRole).toString()); });
    connect(m_exampleList, &QListView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid())
            emit exampleActivated(index.row());
    });
}

void StandardView::setStandard(const core::Standard &standard, std::vector<ExampleModel::Entry> examples)
{
    m_body->setMarkdown(standardMarkdown(standard));
    std::stable_sort(examples.begin(), examples.end(),
                     [](const auto &a, const auto &b) { return a.example.role < b.example.role; });
    m_examples->setExamples(std::move(examples));
    m_exampleList->setVisible(m_examples->rowCount() > 0);
}

void StandardView::setMessage(const QString &markdown)
{
    m_body->setMarkdown(markdown);
    m_examples->setExamples({});
    m_exampleList->setVisible(false);
}

} // namespace concord::ui
