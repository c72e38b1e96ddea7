// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/labeling/labelbookpanel.h"

#include "ui/document/projectdocument.h"
#include "ui/labeling/exampleviewer.h"
#include "ui/labeling/standardview.h"
#include "ui/models/examplemodel.h"
#include "ui/models/standardmodel.h"

#include <QLabel>
#include <QListView>
#include <QVBoxLayout>

namespace concord::ui {

LabelBookPanel::LabelBookPanel(QWidget *parent)
    : QWidget(parent)
    , m_standards(new StandardModel(this))
    , m_standardList(new QListView(this))
    , m_view(new StandardView(96, this))
    , m_empty(new QLabel(this))
{
    setObjectName(QStringLiteral("labelBook"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto *title = new QLabel(tr("<b>Label book</b>"), this);
    layout->addWidget(title);
    m_empty->setText(tr("No standard is active yet. Label by your own judgement; the lead will "
                        "add standards here as the team agrees on them."));
    m_empty->setWordWrap(true);
    // Secondary text that stays legible on light and dark palettes.
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_empty);

    m_standardList->setModel(m_standards);
    m_standardList->setFocusPolicy(Qt::NoFocus);
    m_standardList->setMaximumHeight(110);
    layout->addWidget(m_standardList);
    layout->addWidget(m_view, 2);
    // Keeps the title and the "no standard" note at the top when the lists are hidden.
    layout->addStretch(0);

    connect(m_standardList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showStandard(current.row()); });
    connect(m_view, &StandardView::exampleActivated, this, &LabelBookPanel::enlarge);
    setDocument(nullptr);
}

void LabelBookPanel::setDocument(const ProjectDocument *document)
{
    m_document = document;
    m_round = 0;
    m_familyOfRound.clear();
    m_standards->setStandards(document ? document->activeStandards() : std::vector<core::Standard>{});
    const bool any = m_standards->rowCount() > 0;
    m_empty->setVisible(!any);
    m_standardList->setVisible(any);
    m_view->setVisible(any);
    // Example file names are hidden from labelers like their queue's (they may carry the class).
    m_view->setFileNamesShown(document && (document->isLead() || !document->fileNamesHidden()));
    if (any)
        m_standardList->setCurrentIndex(m_standards->index(0));
    else
        showStandard(-1);
}

void LabelBookPanel::setRound(int round)
{
    if (!m_document || round == m_round)
        return;
    m_round = round;
    auto it = m_familyOfRound.find(round);
    if (it == m_familyOfRound.end()) {
        const auto standard = m_document->standardOfRound(round);
        it = m_familyOfRound.emplace(round, standard ? std::optional(standard->family) : std::nullopt).first;
    }
    // Round 0 and rounds no standard made: the book in its usual order, newest first.
    m_standards->setStandards(m_document->activeStandards());
    if (it->second)
        m_standards->setFirst(*it->second);
    if (m_standards->rowCount() > 0)
        m_standardList->setCurrentIndex(m_standards->index(0));
}

ExampleModel *LabelBookPanel::exampleModel() const
{
    return m_view->examples();
}

void LabelBookPanel::showStandard(int row)
{
    if (row < 0 || !m_document) {
        m_view->clear();
        return;
    }
    const core::Standard &standard = m_standards->standard(row);
    m_view->setStandard(standard, taughtExampleEntries(*m_document, standard));
}

void LabelBookPanel::enlarge(int row)
{
    if (m_document)
        enlargeExample(*m_view->examples(), row, *m_document, this);
}

} // namespace concord::ui
