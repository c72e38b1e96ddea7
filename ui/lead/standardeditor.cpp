// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/standardeditor.h"

#include "core/standards/examplemeasurements.h"
#include "core/standards/rule.h"
#include "core/standards/ruleerror.h"
#include "ui/document/enumtext.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"
#include "ui/image/thumbnails.h"
#include "ui/labeling/exampleviewer.h"
#include "ui/lead/thumbnailgridmodel.h"

#include <QComboBox>
#include <QDropEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace concord::ui {

namespace {

constexpr int kImageRole = Qt::UserRole;
constexpr int kPathRole = Qt::UserRole + 1;
constexpr int kExampleRole = Qt::UserRole + 2;
constexpr int kNameRole = Qt::UserRole + 3;
/// Columns of the chosen examples.
constexpr int kRoleColumn = 1;
constexpr int kMeasuredColumn = 2;
constexpr int kNoteColumn = 3;
/// Characters of a rule shown either side of its error, above the caret line.
constexpr qsizetype kRuleContext = 40;

QString countText(int have, int want)
{
    return have >= want ? QStringLiteral("<b>%1</b>/%2 \u2713").arg(have).arg(want)
                        : QStringLiteral("<b>%1</b>/%2").arg(have).arg(want);
}

/// Edits nothing: the chosen list's columns other than the note.
class ReadOnlyDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        return nullptr;
    }
};

} // namespace

StandardEditor::StandardEditor(QWidget *parent)
    : QWidget(parent)
    , m_thumbnails(new Thumbnails(96, this))
    , m_ruleTimer(new QTimer(this))
    , m_heading(new QLabel(this))
    , m_title(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_body(new QPlainTextEdit(this))
    , m_bodyPreview(new QTextBrowser(this))
    , m_rule(new QLineEdit(this))
    , m_ruleStatus(new QLabel(this))
    , m_candidates(new QListWidget(this))
    , m_chosen(new QTreeWidget(this))
    , m_hint(new QLabel(this))
    , m_save(new QPushButton(tr("&Save standard"), this))
{
    setObjectName(QStringLiteral("standardEditor"));
    m_heading->setObjectName(QStringLiteral("editorHeading"));
    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_title->setPlaceholderText(tr("e.g. Scratch length"));
    m_status->setObjectName(QStringLiteral("statusCombo"));
    m_status->addItem(EnumText::capitalized(EnumText::of(core::StandardStatus::Draft)),
                      int(core::StandardStatus::Draft));
    m_status->addItem(EnumText::capitalized(EnumText::of(core::StandardStatus::Active)),
                      int(core::StandardStatus::Active));
    m_status->setToolTip(tr("A draft becomes active when it is applied"));
    m_body->setObjectName(QStringLiteral("bodyEdit"));
    m_body->setPlaceholderText(tr("What the labelers should do, in words (Markdown)"));
    m_body->setTabChangesFocus(true);
    m_bodyPreview->setObjectName(QStringLiteral("bodyPreview"));
    m_bodyPreview->setOpenExternalLinks(false);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_rule->setObjectName(QStringLiteral("ruleEdit"));
    m_rule->setFont(mono);
    m_rule->setPlaceholderText(
        tr("optional, e.g. when label in {ok, scratch} and length_mm is known: scratch if length_mm >= 1.5 else ok"));
    m_ruleStatus->setObjectName(QStringLiteral("ruleError"));
    m_ruleStatus->setTextFormat(Qt::RichText);
    m_ruleStatus->setWordWrap(true); // the message wraps; the excerpt of the rule is bounded
    m_ruleStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_candidates->setObjectName(QStringLiteral("candidateList"));
    m_candidates->setViewMode(QListView::IconMode);
    m_candidates->setIconSize(QSize(96, 96));
    // The file name and the measured values under each thumbnail.
    m_candidates->setGridSize(QSize(124, 96 + 2 * m_candidates->fontMetrics().height() + 14));
    m_candidates->setWordWrap(true);
    m_candidates->setToolTip(tr("Double-click a candidate to see it large, with the labelers' shapes"));
    m_candidates->setResizeMode(QListView::Adjust);
    m_candidates->setMovement(QListView::Static);
    m_candidates->setSelectionMode(QAbstractItemView::ExtendedSelection);
    for (QAbstractItemView *view :
         {static_cast<QAbstractItemView *>(m_candidates), static_cast<QAbstractItemView *>(m_chosen)}) {
        view->viewport()->setAcceptDrops(true);
        view->viewport()->installEventFilter(this);
    }
    m_chosen->setObjectName(QStringLiteral("chosenExamples"));
    m_chosen->setHeaderLabels({tr("Image"), tr("Role"), tr("Measured"), tr("Note for labelers")});
    m_chosen->setRootIsDecorated(false);
    m_chosen->setIconSize(QSize(40, 40));
    m_chosen->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // The note takes what the image, role and measurement leave, so all four fit.
    m_chosen->header()->setStretchLastSection(true);
    m_chosen->header()->setMinimumSectionSize(40);
    m_chosen->setColumnWidth(0, 120);
    m_chosen->setColumnWidth(kRoleColumn, 100);
    m_chosen->setColumnWidth(kMeasuredColumn, 70);
    // The note is typed in place (double-click or F2 on it); a double-click elsewhere enlarges.
    auto *readOnly = new ReadOnlyDelegate(m_chosen);
    for (int column : {0, kRoleColumn, kMeasuredColumn})
        m_chosen->setItemDelegateForColumn(column, readOnly);
    m_chosen->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                              QAbstractItemView::SelectedClicked);
    m_chosen->setToolTip(tr("Double-click the note to write what the example teaches; double-click the "
                            "image to see it large"));
    m_hint->setObjectName(QStringLiteral("exampleHint"));
    m_hint->setWordWrap(true);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setDefault(true);

    auto *exampleButton = new QPushButton(tr("E&xample"), this);
    exampleButton->setObjectName(QStringLiteral("exampleButton"));
    exampleButton->setToolTip(tr("The selected images show the class the standard asks for"));
    auto *counterButton = new QPushButton(tr("&Counterexample"), this);
    counterButton->setObjectName(QStringLiteral("counterexampleButton"));
    counterButton->setToolTip(tr("The selected images are on the other side of the line"));
    auto *borderButton = new QPushButton(tr("&Borderline"), this);
    borderButton->setObjectName(QStringLiteral("borderlineButton"));
    borderButton->setToolTip(tr("The selected images are close to the line: how to decide them"));
    auto *removeButton = new QPushButton(tr("&Remove"), this);
    removeButton->setObjectName(QStringLiteral("removeExampleButton"));
    connect(exampleButton, &QPushButton::clicked, this, [this] { assignSelected(core::ExampleRole::Example); });
    connect(counterButton, &QPushButton::clicked, this, [this] { assignSelected(core::ExampleRole::Counterexample); });
    connect(borderButton, &QPushButton::clicked, this, [this] { assignSelected(core::ExampleRole::Borderline); });
    connect(removeButton, &QPushButton::clicked, this, &StandardEditor::removeSelected);

    // Layout: text on top, examples below, Save at the bottom right.
    auto *form = new QFormLayout;
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(new QLabel(tr("Status:"), this));
    titleRow->addWidget(m_status);
    auto *titleLabel = new QLabel(tr("&Title:"), this);
    titleLabel->setBuddy(m_title);
    form->addRow(titleLabel, titleRow);
    auto *bodySplit = new QSplitter(Qt::Horizontal, this);
    bodySplit->addWidget(m_body);
    bodySplit->addWidget(m_bodyPreview);
    bodySplit->setChildrenCollapsible(false);
    bodySplit->setMinimumHeight(90);
    auto *bodyLabel = new QLabel(tr("Te&xt:"), this);
    bodyLabel->setBuddy(m_body);
    form->addRow(bodyLabel, bodySplit);
    auto *ruleBox = new QVBoxLayout;
    ruleBox->setSpacing(2);
    ruleBox->addWidget(m_rule);
    ruleBox->addWidget(m_ruleStatus);
    auto *ruleLabel = new QLabel(tr("R&ule:"), this);
    ruleLabel->setBuddy(m_rule);
    form->addRow(ruleLabel, ruleBox);

    auto *examples = new QGroupBox(tr("Examples"), this);
    auto *exLayout = new QHBoxLayout(examples);
    auto *candCol = new QVBoxLayout;
    candCol->addWidget(new QLabel(tr("Candidates (select, then give a role):"), this));
    candCol->addWidget(m_candidates, 1);
    exLayout->addLayout(candCol, 1);
    auto *buttons = new QVBoxLayout;
    buttons->addStretch();
    buttons->addWidget(exampleButton);
    buttons->addWidget(counterButton);
    buttons->addWidget(borderButton);
    buttons->addSpacing(12);
    buttons->addWidget(removeButton);
    buttons->addStretch();
    exLayout->addLayout(buttons);
    auto *chosenCol = new QVBoxLayout;
    chosenCol->addWidget(m_chosen, 1);
    chosenCol->addWidget(m_hint);
    exLayout->addLayout(chosenCol, 1);

    auto *bottom = new QHBoxLayout;
    bottom->addStretch();
    bottom->addWidget(m_save);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addLayout(form);
    layout->addWidget(examples, 1);
    layout->addLayout(bottom);

    connect(m_body, &QPlainTextEdit::textChanged, this, [this] { m_bodyPreview->setMarkdown(m_body->toPlainText()); });
    m_ruleTimer->setSingleShot(true);
    m_ruleTimer->setInterval(150);
    connect(m_ruleTimer, &QTimer::timeout, this, &StandardEditor::validateRule);
    connect(m_rule, &QLineEdit::textChanged, this, [this] {
        m_rulePending = true;
        updateSaveEnabled();
        m_ruleTimer->start();
    });
    connect(m_title, &QLineEdit::textChanged, this, &StandardEditor::updateSaveEnabled);
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (canSave())
            emit saveRequested();
    });
    connect(m_candidates, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem *item) { enlarge(item->data(kImageRole).toLongLong()); });
    connect(m_chosen, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item, int column) {
        if (column != kNoteColumn)
            enlarge(item->data(0, kImageRole).toLongLong());
    });
    connect(m_thumbnails, &Thumbnails::ready, this, &StandardEditor::thumbnailReady);
    clear();
}

void StandardEditor::setDocument(ProjectDocument *document)
{
    m_document = document;
    clear();
}

void StandardEditor::clear()
{
    m_versionOf = 0;
    m_heading->setText(tr("<b>New standard</b>"));
    m_title->clear();
    m_status->setCurrentIndex(0);
    m_body->clear();
    m_rule->clear();
    m_candidates->clear();
    m_chosen->clear();
    validateRule();
    updateHint();
}

void StandardEditor::startNew(const std::vector<core::Id> &candidates)
{
    clear();
    setCandidates(candidates);
    m_title->setFocus();
}

void StandardEditor::startDraft(const StandardSeed &seed)
{
    clear();
    m_heading->setText(tr("<b>New standard</b> from a disagreement cluster"));
    m_title->setText(seed.title);
    m_body->setPlainText(seed.body);
    m_rule->setText(seed.rule); // core::standardSeedFor() wrote it, or left it to the lead
    setCandidates(seed.candidates);
    m_title->setFocus();
}

void StandardEditor::startVersionOf(const core::Standard &standard, const std::vector<core::Id> &candidates)
{
    clear();
    m_versionOf = standard.id;
    m_heading->setText(tr("<b>Version %1</b> of \u201c%2\u201d")
                           .arg(standard.version + 1)
                           .arg(QString::fromStdString(standard.title).toHtmlEscaped()));
    m_title->setText(QString::fromStdString(standard.title));
    m_body->setPlainText(QString::fromStdString(standard.body));
    m_rule->setText(QString::fromStdString(standard.rule));
    std::vector<core::Id> offered = candidates;
    if (m_document) {
        for (const auto &e : m_document->leadReader().examples(standard.id)) {
            addExample(e.image, e.role, e.note);
            offered.push_back(e.image);
        }
    }
    setCandidates(offered);
}

void StandardEditor::setCandidates(const std::vector<core::Id> &candidates)
{
    m_candidates->clear();
    if (!m_document)
        return;
    // Until a thumbnail is decoded, a blank of its size keeps the grid's layout steady.
    QPixmap blank(m_candidates->iconSize());
    blank.fill(palette().color(QPalette::Mid));
    const QIcon placeholder(blank);
    QSet<core::Id> seen;
    for (core::Id id : candidates) {
        if (seen.contains(id))
            continue;
        seen.insert(id);
        const QString path = m_document->imageFilePath(id);
        if (path.isEmpty())
            continue;
        auto *item = new QListWidgetItem(QFileInfo(path).fileName(), m_candidates);
        item->setData(kNameRole, QFileInfo(path).fileName());
        item->setData(kImageRole, QVariant::fromValue<qint64>(id));
        item->setData(kPathRole, path);
        item->setToolTip(path);
        const QImage thumb = m_thumbnails->get(path);
        item->setIcon(thumb.isNull() ? placeholder : QIcon(QPixmap::fromImage(thumb)));
    }
    updateMeasurements(true);
}

void StandardEditor::updateMeasurements(bool force)
{
    if (!m_document)
        return;
    // A rule with an error may name an attribute that does not exist: show length_mm meanwhile.
    const auto keys =
        core::exampleMeasurementKeys(m_ruleError.isEmpty() ? m_rule->text().toStdString() : std::string());
    if (!force && keys == m_measurementKeys)
        return;
    m_measurementKeys = keys;
    std::vector<core::Id> ids;
    for (int i = 0; i < m_candidates->count(); ++i)
        ids.push_back(m_candidates->item(i)->data(kImageRole).toLongLong());
    for (int i = 0; i < m_chosen->topLevelItemCount(); ++i)
        ids.push_back(m_chosen->topLevelItem(i)->data(0, kImageRole).toLongLong());
    m_measurementText.clear();
    if (!ids.empty()) {
        try {
            for (const auto &[image, values] : core::exampleMeasurements(m_document->leadReader(), ids, keys)) {
                QStringList texts;
                for (const auto &m : values)
                    texts << QString::fromStdString(core::measurementText(m));
                m_measurementText.insert(image, texts.join(QStringLiteral(", ")));
            }
        } catch (const core::Error &) {
            // Nothing measured to show (a closed or unreadable project): the captions stay bare.
        }
    }
    for (int i = 0; i < m_candidates->count(); ++i) {
        QListWidgetItem *item = m_candidates->item(i);
        const QString measured = m_measurementText.value(item->data(kImageRole).toLongLong());
        const QString name = item->data(kNameRole).toString();
        item->setText(measured.isEmpty() ? name : name + QLatin1Char('\n') + measured);
    }
    for (int i = 0; i < m_chosen->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_chosen->topLevelItem(i);
        item->setText(kMeasuredColumn, m_measurementText.value(item->data(0, kImageRole).toLongLong()));
    }
}

void StandardEditor::enlarge(core::Id image)
{
    if (!m_document || image == 0)
        return;
    ExampleViewer::Content content;
    content.path = m_document->imageFilePath(image);
    content.title = QFileInfo(content.path).fileName();
    content.pxPerMm = m_document->pxPerMm(image);
    const ProjectDocument *document = m_document;
    content.style = [document](core::Id classId) { return shapeStyleOf(*document, classId); };
    ExampleModel::Entry entry(core::StandardExample{0, image, core::ExampleRole::Example, {}}, content.path);
    QString role;
    try {
        // The lead sees every labeler's shapes, each in its class's colour.
        const core::Store &store = m_document->leadReader();
        for (const auto &label : store.labelsOfImage(image))
            for (auto &a : store.annotationsOfLabel(label.id))
                content.shapes.push_back(std::move(a));
    } catch (const core::Error &) {
        // Not a lead's session: the picture alone.
    }
    for (int i = 0; i < m_chosen->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_chosen->topLevelItem(i);
        if (item->data(0, kImageRole).toLongLong() == image) {
            entry.example.role = static_cast<core::ExampleRole>(item->data(0, kExampleRole).toInt());
            entry.example.note = item->text(kNoteColumn).toStdString();
            role = EnumText::capitalized(EnumText::of(entry.example.role));
        }
    }
    QString caption = QStringLiteral("<b>%1</b>").arg(content.title.toHtmlEscaped());
    if (!role.isEmpty())
        caption += QStringLiteral(" \u00b7 ") + role;
    if (const QString measured = m_measurementText.value(image); !measured.isEmpty())
        caption += QStringLiteral(" \u00b7 ") + measured.toHtmlEscaped();
    if (!entry.example.note.empty())
        caption += QStringLiteral("<br>") + QString::fromStdString(entry.example.note).toHtmlEscaped();
    content.caption = caption;
    ExampleViewer::showFor(std::move(content), this);
}

void StandardEditor::thumbnailReady(const QString &path, const QImage &image)
{
    const QIcon icon(QPixmap::fromImage(image));
    for (int i = 0; i < m_candidates->count(); ++i)
        if (m_candidates->item(i)->data(kPathRole).toString() == path)
            m_candidates->item(i)->setIcon(icon);
    for (int i = 0; i < m_chosen->topLevelItemCount(); ++i)
        if (m_chosen->topLevelItem(i)->data(0, kPathRole).toString() == path)
            m_chosen->topLevelItem(i)->setIcon(0, icon);
}

bool StandardEditor::eventFilter(QObject *watched, QEvent *event)
{
    const bool onCandidates = watched == m_candidates->viewport();
    if (!onCandidates && watched != m_chosen->viewport())
        return QWidget::eventFilter(watched, event);
    const QString mime = ThumbnailGridModel::imageIdsMimeType();
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (m_document && drag->mimeData()->hasFormat(mime)) {
            drag->acceptProposedAction();
            return true;
        }
        return false;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        if (!m_document || !drop->mimeData()->hasFormat(mime))
            return false;
        std::vector<core::Id> ids;
        for (const QByteArray &line : drop->mimeData()->data(mime).split('\n')) {
            bool ok = false;
            const qlonglong id = line.toLongLong(&ok);
            if (ok)
                ids.push_back(id);
        }
        if (onCandidates) {
            std::vector<core::Id> all;
            all.reserve(static_cast<std::size_t>(m_candidates->count()) + ids.size());
            for (int i = 0; i < m_candidates->count(); ++i)
                all.push_back(m_candidates->item(i)->data(kImageRole).toLongLong());
            all.insert(all.end(), ids.begin(), ids.end());
            setCandidates(all);
            m_candidates->clearSelection();
            for (int i = 0; i < m_candidates->count(); ++i)
                if (std::find(ids.begin(), ids.end(), m_candidates->item(i)->data(kImageRole).toLongLong()) !=
                    ids.end())
                    m_candidates->item(i)->setSelected(true);
        } else {
            for (core::Id id : ids)
                addExample(id, core::ExampleRole::Example);
            updateMeasurements(true);
            updateHint();
        }
        drop->acceptProposedAction();
        return true;
    }
    default: return QWidget::eventFilter(watched, event);
    }
}

void StandardEditor::addExample(core::Id image, core::ExampleRole role, const std::string &note)
{
    if (!m_document)
        return;
    QTreeWidgetItem *item = nullptr;
    for (int i = 0; i < m_chosen->topLevelItemCount() && !item; ++i)
        if (m_chosen->topLevelItem(i)->data(0, kImageRole).toLongLong() == image)
            item = m_chosen->topLevelItem(i);
    const QString path = m_document->imageFilePath(image);
    if (!item) {
        item = new QTreeWidgetItem(m_chosen);
        item->setText(0, QFileInfo(path).fileName());
        item->setToolTip(0, path);
        item->setData(0, kImageRole, QVariant::fromValue<qint64>(image));
        item->setData(0, kPathRole, path);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        item->setToolTip(kNoteColumn, tr("What this example teaches; the labelers read it under the image"));
        const QImage thumb = m_thumbnails->get(path);
        if (!thumb.isNull())
            item->setIcon(0, QIcon(QPixmap::fromImage(thumb)));
        item->setText(kMeasuredColumn, m_measurementText.value(image));
    }
    if (!note.empty())
        item->setText(kNoteColumn, QString::fromStdString(note));
    item->setText(kRoleColumn, EnumText::of(role));
    item->setData(0, kExampleRole, int(role));
}

void StandardEditor::assignSelected(core::ExampleRole role)
{
    for (QListWidgetItem *item : m_candidates->selectedItems())
        addExample(item->data(kImageRole).toLongLong(), role);
    // Re-roling chosen ones works too.
    for (QTreeWidgetItem *item : m_chosen->selectedItems()) {
        item->setText(kRoleColumn, EnumText::of(role));
        item->setData(0, kExampleRole, int(role));
    }
    updateHint();
}

void StandardEditor::removeSelected()
{
    qDeleteAll(m_chosen->selectedItems());
    updateHint();
}

std::vector<core::StandardExample> StandardEditor::examples() const
{
    std::vector<core::StandardExample> out;
    for (int i = 0; i < m_chosen->topLevelItemCount(); ++i) {
        const auto *item = m_chosen->topLevelItem(i);
        core::StandardExample e;
        e.image = item->data(0, kImageRole).toLongLong();
        e.role = static_cast<core::ExampleRole>(item->data(0, kExampleRole).toInt());
        e.note = item->text(kNoteColumn).trimmed().toStdString();
        out.push_back(e);
    }
    return out;
}

void StandardEditor::updateHint()
{
    int n[3] = {0, 0, 0};
    for (const auto &e : examples())
        ++n[static_cast<int>(e.role)];
    const int want[3] = {core::kRecommendedExamples, core::kRecommendedCounterexamples, core::kRecommendedBorderline};
    QStringList missing;
    if (n[0] < want[0])
        missing << tr("%n more example(s)", nullptr, want[0] - n[0]);
    if (n[1] < want[1])
        missing << tr("%n more counterexample(s)", nullptr, want[1] - n[1]);
    if (n[2] < want[2])
        missing << tr("%n more borderline case(s)", nullptr, want[2] - n[2]);
    QString text = tr("Examples %1 \u00b7 counterexamples %2 \u00b7 borderline %3")
                       .arg(countText(n[0], want[0]), countText(n[1], want[1]), countText(n[2], want[2]));
    text += QStringLiteral("<br>");
    text += missing.isEmpty() ? tr("Enough to show the line from both sides.")
                              : tr("Recommended 4/3/3: add %1.").arg(missing.join(QStringLiteral(", ")));
    m_hint->setText(text);
}

void StandardEditor::validateRule()
{
    m_ruleTimer->stop();
    m_rulePending = false;
    const QString text = m_rule->text();
    m_ruleError.clear();
    if (text.trimmed().isEmpty()) {
        m_ruleStatus->setText(tr("<span style='color:gray'>No rule: the standard is text and examples only.</span>"));
    } else if (m_document) {
        try {
            const core::Rule rule = core::checkRule(text.toStdString(), m_document->leadReader());
            m_ruleStatus->setText(tr("<span style='color:#1b7f3b'>\u2713 valid:</span> <code>%1</code>")
                                      .arg(QString::fromStdString(core::describeRule(rule)).toHtmlEscaped()));
        } catch (const core::RuleError &e) {
            m_ruleError = QString::fromUtf8(e.what());
            // The rule once more in the field's font, with a caret line under the exact columns.
            // Only kRuleContext characters either side of the error are shown, so a long rule
            // (the field holds 32,767) never widens the window past the screen.
            const qsizetype at = std::clamp<qsizetype>(e.column() - 1, 0, text.size());
            const qsizetype length = std::max<qsizetype>(1, e.length());
            const qsizetype from = std::max<qsizetype>(0, at - kRuleContext);
            const qsizetype to = std::min<qsizetype>(text.size(), at + length + kRuleContext);
            const QString before = from > 0 ? QStringLiteral("\u2026") : QString();
            const QString after = to < text.size() ? QStringLiteral("\u2026") : QString();
            const QString caret = QString(before.size() + at - from, QLatin1Char(' ')) +
                                  QString(std::clamp<qsizetype>(to - at, 1, length), QLatin1Char('^'));
            m_ruleStatus->setText(
                QStringLiteral(
                    "<pre style='margin:0; font-family:monospace'>%1\n<span style='color:#c62828'>%2</span></pre>"
                    "<span style='color:#c62828'>%3</span>")
                    .arg((before + text.mid(from, to - from) + after).toHtmlEscaped(), caret,
                         m_ruleError.toHtmlEscaped()));
        } catch (const core::Error &e) {
            m_ruleError = errorText(e);
            m_ruleStatus->setText(
                QStringLiteral("<span style='color:#c62828'>%1</span>").arg(m_ruleError.toHtmlEscaped()));
        }
    }
    m_rule->setStyleSheet(m_ruleError.isEmpty() ? QString()
                                                : QStringLiteral("QLineEdit { border: 1px solid #c62828; }"));
    updateMeasurements(false); // a rule on other attributes: the captions show those
    updateSaveEnabled();
}

QString StandardEditor::ruleErrorText() const
{
    return m_ruleError;
}

bool StandardEditor::canSave() const
{
    return m_document && !m_document->isReadOnly() && !m_rulePending && m_ruleError.isEmpty() &&
           !m_title->text().trimmed().isEmpty();
}

void StandardEditor::updateSaveEnabled()
{
    m_save->setEnabled(canSave());
}

core::StandardDraft StandardEditor::draft() const
{
    core::StandardDraft d;
    d.title = m_title->text().trimmed().toStdString();
    d.body = m_body->toPlainText().toStdString();
    d.rule = m_rule->text().trimmed().toStdString();
    d.status = static_cast<core::StandardStatus>(m_status->currentData().toInt());
    return d;
}

} // namespace concord::ui
