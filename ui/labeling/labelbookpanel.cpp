// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/labeling/labelbookpanel.h"

#include "core/clusters/imageattributes.h"
#include "core/common/error.h"
#include "core/standards/examplemeasurements.h"
#include "ui/document/projectdocument.h"
#include "ui/labeling/exampleviewer.h"
#include "ui/labeling/standardview.h"
#include "ui/models/examplemodel.h"
#include "ui/models/standardmodel.h"

#include <QLabel>
#include <QListView>
#include <QVBoxLayout>

#include <algorithm>

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
    std::vector<ExampleModel::Entry> entries;
    std::vector<core::TaughtExample> taught;
    if (const core::Session *session = m_document->session()) {
        try {
            taught = session->taughtExamples(standard.id);
        } catch (const core::Error &) {
            // Not shown to this session (no longer active): the plain examples below.
        }
    }
    if (taught.empty())
        for (const auto &e : m_document->examplesOf(standard.id))
            taught.push_back({e, std::nullopt, {}, std::nullopt});
    for (auto &t : taught) {
        ExampleModel::Entry entry(t.example, m_document->imageFilePath(t.example.image));
        std::string expected;
        if (t.expectedClass)
            if (const auto cls = m_document->labelClass(*t.expectedClass))
                expected = cls->name;
        // The standard's own rule outranks the labelers' vote: it is what the example teaches.
        core::AttributeValues measured;
        if (t.lengthMm)
            measured.emplace(core::kAttrLengthMm, *t.lengthMm);
        if (const auto byRule = core::ruleClassFor(standard.rule, expected, measured))
            expected = *byRule;
        entry.expectedClass = QString::fromStdString(expected);
        if (t.lengthMm)
            entry.measurement = QString::fromStdString(core::measurementText({core::kAttrLengthMm, *t.lengthMm}));
        // The enlarged view draws the shapes of the class the example teaches (all of them when
        // none is of that class: the measurement still shows).
        const auto &classes = m_document->classes();
        const auto taughtClass =
            std::find_if(classes.begin(), classes.end(), [&](const core::LabelClass &c) { return c.name == expected; });
        if (taughtClass != classes.end())
            for (const auto &a : t.shapes)
                if (a.classId == taughtClass->id)
                    entry.shapes.push_back(a);
        if (entry.shapes.empty())
            entry.shapes = std::move(t.shapes);
        entries.push_back(std::move(entry));
    }
    m_view->setStandard(standard, std::move(entries));
}

void LabelBookPanel::enlarge(int row)
{
    const ExampleModel *examples = m_view->examples();
    if (!m_document || row < 0 || row >= examples->rowCount())
        return;
    const ExampleModel::Entry &e = examples->entry(row);
    ExampleViewer::Content content;
    content.path = e.path;
    content.title = examples->index(row).data(Qt::DisplayRole).toString().section(QLatin1Char('\n'), 0, 0);
    content.caption = exampleCaption(e);
    content.shapes = e.shapes;
    content.pxPerMm = m_document->pxPerMm(e.example.image);
    const ProjectDocument *document = m_document;
    content.style = [document](core::Id classId) { return shapeStyleOf(*document, classId); };
    ExampleViewer::showFor(std::move(content), this);
}

} // namespace concord::ui
