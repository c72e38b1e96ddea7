// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/standardspage.h"

#include "core/common/error.h"
#include "core/standards/standardbook.h"
#include "ui/document/enumtext.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"
#include "ui/labeling/standardview.h"
#include "ui/lead/previewpanel.h"
#include "ui/lead/standardeditor.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace concord::ui {

namespace {

constexpr int kIdRole = Qt::UserRole;
/// Candidates offered for a standard written without a cluster: the first conflicts.
constexpr std::int64_t kDefaultCandidates = 48;

} // namespace

StandardsPage::StandardsPage(QWidget *parent)
    : LeadPage(parent)
    , m_list(new QTreeWidget(this))
    , m_details(new QTextBrowser(this))
    , m_tabs(new QTabWidget(this))
    , m_editor(new StandardEditor(this))
    , m_preview(new PreviewPanel(this))
    , m_newVersion(new QPushButton(tr("New &version"), this))
    , m_previewButton(new QPushButton(tr("&Preview\u2026"), this))
{
    setObjectName(QStringLiteral("standardsPage"));
    m_list->setObjectName(QStringLiteral("standardsList"));
    m_list->setHeaderLabels({tr("Standard"), tr("Version"), tr("Status"), tr("Examples (4/3/3)")});
    m_list->setRootIsDecorated(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_details->setObjectName(QStringLiteral("standardDetails"));
    m_details->setFrameShape(QFrame::NoFrame);
    m_details->viewport()->setAutoFillBackground(false);
    m_tabs->setObjectName(QStringLiteral("standardsTabs"));
    m_tabs->addTab(m_editor, tr("Editor"));
    m_tabs->addTab(m_preview, tr("Preview and apply"));

    auto *newButton = new QPushButton(tr("&New standard"), this);
    newButton->setObjectName(QStringLiteral("newStandardButton"));
    m_newVersion->setObjectName(QStringLiteral("newVersionButton"));
    m_previewButton->setObjectName(QStringLiteral("previewButton"));
    connect(newButton, &QPushButton::clicked, this, &StandardsPage::newStandard);
    connect(m_newVersion, &QPushButton::clicked, this, &StandardsPage::newVersion);
    connect(m_previewButton, &QPushButton::clicked, this, &StandardsPage::previewSelected);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("<b>Label book</b>"), left));
    leftLayout->addWidget(m_list, 2);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addWidget(m_newVersion);
    buttons->addWidget(m_previewButton);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_details, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    split->setSizes({400, 1000});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &StandardsPage::selectionChanged);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &StandardsPage::previewSelected);
    connect(m_editor, &StandardEditor::saveRequested, this, &StandardsPage::save);

    auto *newAction = new QAction(tr("New Standard"), this);
    newAction->setObjectName(QStringLiteral("actionNewStandard"));
    newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    newAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(newAction, &QAction::triggered, this, &StandardsPage::newStandard);
    auto *previewAction = new QAction(tr("Preview Standard"), this);
    previewAction->setObjectName(QStringLiteral("actionPreviewStandard"));
    previewAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    previewAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(previewAction, &QAction::triggered, this, &StandardsPage::previewSelected);
    m_actions = {newAction, previewAction};
    addActions(m_actions);
    selectionChanged();
}

void StandardsPage::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_editor->setDocument(document);
    m_preview->setDocument(document);
    if (m_document)
        // The label book and its example counts: re-read when standards changed, not for
        // every label a labeler keys.
        connect(m_document, &ProjectDocument::projectDataChanged, this, [this](const ProjectChange &change) {
            if (change.touches(ProjectChange::Standards))
                refresh();
        });
    refresh();
    if (!m_document)
        return;
    m_editor->startNew(defaultCandidates());
    // A draft with a rule waiting to be applied: show what it would do.
    const auto summaries = core::standardSummaries(m_document->leadReader());
    for (auto it = summaries.rbegin(); it != summaries.rend(); ++it) {
        if (it->latest && it->standard.status == core::StandardStatus::Draft && !it->standard.rule.empty()) {
            selectStandard(it->standard.id);
            previewSelected();
            break;
        }
    }
}

std::vector<core::Id> StandardsPage::defaultCandidates() const
{
    return m_document ? m_document->leadReader().conflictImages(0, kDefaultCandidates) : std::vector<core::Id>{};
}

void StandardsPage::refresh()
{
    const core::Id keep = selectedStandard();
    m_list->clear();
    if (!m_document) {
        selectionChanged();
        return;
    }
    // Families as top-level rows (their latest version), older versions beneath.
    QHash<core::Id, QTreeWidgetItem *> families;
    const auto summaries = core::standardSummaries(m_document->leadReader());
    for (auto it = summaries.rbegin(); it != summaries.rend(); ++it) {
        const auto &s = *it;
        QTreeWidgetItem *parent = families.value(s.standard.family);
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_list);
        if (!parent)
            families.insert(s.standard.family, item);
        item->setText(0, QString::fromStdString(s.standard.title));
        item->setText(1, QStringLiteral("v%1").arg(s.standard.version));
        item->setText(2, EnumText::of(s.standard.status));
        item->setText(3, QStringLiteral("%1/%2/%3").arg(s.examples).arg(s.counterexamples).arg(s.borderline));
        item->setToolTip(3, s.exampleHint.empty() ? tr("Meets the 4/3/3 recommendation")
                                                  : QString::fromStdString(s.exampleHint));
        item->setToolTip(0, QString::fromStdString(s.standard.rule));
        item->setData(0, kIdRole, QVariant::fromValue<qint64>(s.standard.id));
        if (s.standard.status == core::StandardStatus::Active) {
            QFont f = item->font(0);
            f.setBold(true);
            item->setFont(0, f);
        }
    }
    m_list->expandAll();
    for (int c = 1; c < m_list->columnCount(); ++c)
        m_list->resizeColumnToContents(c);
    if (keep)
        selectStandard(keep);
    selectionChanged();
}

core::Id StandardsPage::selectedStandard() const
{
    const auto items = m_list->selectedItems();
    return items.isEmpty() ? 0 : items.first()->data(0, kIdRole).toLongLong();
}

void StandardsPage::selectStandard(core::Id id)
{
    QTreeWidgetItemIterator it(m_list);
    while (*it) {
        if ((*it)->data(0, kIdRole).toLongLong() == id) {
            m_list->setCurrentItem(*it);
            return;
        }
        ++it;
    }
}

void StandardsPage::selectionChanged()
{
    const core::Id id = selectedStandard();
    m_newVersion->setEnabled(id != 0);
    m_previewButton->setEnabled(id != 0);
    if (!id || !m_document) {
        m_details->setPlainText(m_document ? tr("Select a standard to see its text, rule and examples.") : QString());
        return;
    }
    const auto s = m_document->leadReader().standard(id);
    if (!s)
        return;
    int n[3] = {0, 0, 0};
    for (const auto &e : m_document->leadReader().examples(id))
        ++n[static_cast<int>(e.role)];
    // What the lead needs to know about it, then the standard as the labelers' label book
    // and adjudication show it (standardMarkdown).
    QString md =
        QStringLiteral("*%1*%2 \u00b7 ")
            .arg(EnumText::capitalized(EnumText::of(s->status)), s->rule.empty() ? tr(", no rule") : QString());
    md += tr("%1 examples, %2 counterexamples, %3 borderline (recommended %4/%5/%6)")
              .arg(n[0])
              .arg(n[1])
              .arg(n[2])
              .arg(core::kRecommendedExamples)
              .arg(core::kRecommendedCounterexamples)
              .arg(core::kRecommendedBorderline);
    md += QStringLiteral("\n\n---\n\n") + standardMarkdown(*s);
    m_details->setMarkdown(md);
}

void StandardsPage::newStandard()
{
    if (!m_document)
        return;
    m_editor->startNew(defaultCandidates());
    m_tabs->setCurrentWidget(m_editor);
}

void StandardsPage::newVersion()
{
    const core::Id id = selectedStandard();
    if (!m_document || !id)
        return;
    if (const auto s = m_document->leadReader().standard(id)) {
        m_editor->startVersionOf(*s, defaultCandidates());
        m_tabs->setCurrentWidget(m_editor);
    }
}

void StandardsPage::startDraft(const StandardSeed &seed)
{
    if (!m_document)
        return;
    m_editor->startDraft(seed);
    m_tabs->setCurrentWidget(m_editor);
}

void StandardsPage::previewSelected()
{
    const core::Id id = selectedStandard();
    if (!m_document || !id)
        return;
    m_tabs->setCurrentWidget(m_preview);
    m_preview->preview(id);
}

void StandardsPage::save()
{
    if (!m_document)
        return;
    try {
        const core::Id id = m_document->createStandard(m_editor->draft(), m_editor->versionOf(), m_editor->examples());
        // refresh() ran on projectDataChanged; show the new standard and what it would do.
        selectStandard(id);
        m_editor->startNew(defaultCandidates());
        previewSelected();
    } catch (const core::Error &e) {
        QMessageBox::warning(this, tr("Standard not saved"), errorText(e));
    }
}

} // namespace concord::ui
