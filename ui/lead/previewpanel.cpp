// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/previewpanel.h"

#include "core/common/error.h"
#include "core/standards/standardapply.h"
#include "core/store/store.h"
#include "ui/commands/applystandardcommand.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"
#include "ui/image/thumbnails.h"
#include "ui/lead/dashboardformat.h"

#include <QApplication>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <functional>

namespace concord::ui {

namespace {

constexpr int kPathRole = Qt::UserRole + 1;

QString valueText(const core::AttrValue &v)
{
    if (const auto *d = std::get_if<double>(&v))
        return QString::number(*d, 'g', 4);
    return QLatin1Char('"') + QString::fromStdString(std::get<std::string>(v)) + QLatin1Char('"');
}

QString decidedBy(const std::vector<std::pair<std::string, core::AttrValue>> &values)
{
    QStringList parts;
    for (const auto &[key, value] : values)
        parts << QString::fromStdString(key) + QStringLiteral(" = ") + valueText(value);
    return parts.join(QStringLiteral(", "));
}

/// Runs worker code; what it threw, in words (empty when it finished).
QString errorOf(const std::function<void()> &work)
{
    try {
        work();
    } catch (const std::exception &e) {
        return errorText(e); // core::Error keeps its file/line/field
    }
    return {};
}

const ApplyStandardCommand *topApply(const QUndoStack *stack)
{
    if (!stack || stack->index() == 0)
        return nullptr;
    return dynamic_cast<const ApplyStandardCommand *>(stack->command(stack->index() - 1));
}

QTableWidget *makeTable(QWidget *parent, const QString &name, const QStringList &headers)
{
    auto *t = new QTableWidget(parent);
    t->setObjectName(name);
    t->setColumnCount(int(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->setVisible(false);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setIconSize(QSize(40, 40));
    return t;
}

} // namespace

PreviewPanel::PreviewPanel(QWidget *parent)
    : QWidget(parent)
    , m_thumbnails(new Thumbnails(40, this))
    , m_headline(new QLabel(this))
    , m_status(new QLabel(this))
    , m_apply(new QPushButton(tr("&Apply standard"), this))
    , m_undo(new QPushButton(tr("&Undo apply"), this))
{
    setObjectName(QStringLiteral("previewPanel"));
    m_headline->setObjectName(QStringLiteral("previewHeadline"));
    m_headline->setTextFormat(Qt::RichText);
    m_headline->setWordWrap(true); // "No preview: <a long error>" must not widen the window
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_headline->setFont(big);
    m_status->setObjectName(QStringLiteral("previewStatus"));
    m_status->setWordWrap(true);
    m_changes = makeTable(this, QStringLiteral("changesTable"),
                          {tr("Image"), tr("Labeler"), tr("From \u2192 to"), tr("Because")});
    m_undecided =
        makeTable(this, QStringLiteral("undecidedTable"), {tr("Undecided image"), tr("Unknown"), tr("Still disputed")});
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_undo->setObjectName(QStringLiteral("undoApplyButton"));
    m_undo->setToolTip(tr("Take the last apply back, restoring every label exactly (Ctrl+Z)"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_undo);
    buttons->addWidget(m_apply);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_changes);
    split->addWidget(m_undecided);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);

    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &PreviewPanel::finished);
    connect(&m_applyWatcher, &QFutureWatcher<ApplyOutcome>::finished, this, &PreviewPanel::applyFinished);
    connect(m_apply, &QPushButton::clicked, this, &PreviewPanel::apply);
    connect(m_undo, &QPushButton::clicked, this, &PreviewPanel::undoApply);
    connect(m_thumbnails, &Thumbnails::ready, this, &PreviewPanel::thumbnailReady);
    preview(0);
}

PreviewPanel::~PreviewPanel()
{
    m_watcher.waitForFinished();
    m_applyWatcher.waitForFinished();
}

void PreviewPanel::setDocument(ProjectDocument *document)
{
    if (m_document) {
        disconnect(m_document->undoStack(), nullptr, this, nullptr);
        disconnect(m_document, nullptr, this, nullptr);
    }
    m_document = document;
    if (m_document) {
        connect(m_document->undoStack(), &QUndoStack::indexChanged, this, &PreviewPanel::updateButtons);
        // An undo or redo of an apply that core refused (a label changed since, say).
        connect(m_document, &ProjectDocument::leadActionFailed, this, [this](const QString &text) {
            m_status->setText(tr("<span style='color:#c62828'>%1</span>").arg(text.toHtmlEscaped()));
        });
        // Undone or redone from anywhere (Ctrl+Z, Edit menu, the Undo button): the status no
        // longer says "Applied", and the preview is recomputed from the labels as they are now.
        connect(m_document, &ProjectDocument::leadActionDone, this, [this](const QString &text) {
            m_note = text;
            preview(m_standard);
        });
    }
    preview(0);
}

void PreviewPanel::preview(core::Id standard)
{
    m_standard = standard;
    m_result.reset();
    m_changes->setRowCount(0);
    m_undecided->setRowCount(0);
    if (!m_document || standard == 0) {
        m_headline->setText(tr("Select a standard and press Preview to see what it would change."));
        m_status->setText(m_note);
        m_note.clear();
        updateButtons();
        return;
    }
    m_headline->setText(tr("Computing the preview\u2026"));
    m_status->setText(m_note);
    // Its own read-only connection: the worker never touches the document's store.
    m_watcher.setFuture(m_document->leadAccess().run([standard](const ProjectAccess &project) -> Outcome {
        Outcome out;
        out.error = errorOf([&] {
            auto store = project.open();
            out.preview = std::make_shared<core::StandardPreview>(core::previewStandard(*store, standard));
        });
        return out;
    }));
    updateButtons();
}

void PreviewPanel::finished()
{
    const Outcome out = m_watcher.result();
    if (!out.preview) {
        m_headline->setText(tr("<span style='color:#c62828'>No preview:</span> %1").arg(out.error.toHtmlEscaped()));
        m_note.clear();
    } else if (out.preview->standard.id == m_standard) {
        m_result = out.preview;
        show(*m_result);
    }
    updateButtons();
    emit previewFinished();
}

/// An object rule changes objects, not image classes: its figures are the object figures
/// and its rows the objects it drops or relabels (docs/RULES.md, "Object rules").
void PreviewPanel::showObjectRule(const core::StandardPreview &p)
{
    const auto arrow = QStringLiteral(" \u2192 ");
    const QString color = p.objectsAfter.f1Iou50 >= p.objectsBefore.f1Iou50 || std::isnan(p.objectsBefore.f1Iou50)
                              ? QStringLiteral("#1b7f3b")
                              : QStringLiteral("#c62828");
    m_headline->setText(tr("<b>%1</b> v%2: object F1@0.5 %3%4<b style='color:%5'>%6</b> \u00b7 F1@0.75 %7%4%8 "
                           "\u00b7 <b>%n object(s)</b> change",
                           nullptr, int(p.objectChanges.size()))
                            .arg(QString::fromStdString(p.standard.title).toHtmlEscaped())
                            .arg(p.standard.version)
                            .arg(percentText(p.objectsBefore.f1Iou50), arrow, color,
                                 percentText(p.objectsAfter.f1Iou50), percentText(p.objectsBefore.f1Iou75),
                                 percentText(p.objectsAfter.f1Iou75)));
    QString status = tr("%1 objects in scope, %2 decided, %3 undecided (a value they need is unknown).")
                         .arg(p.objectsInScope)
                         .arg(p.objectsDecided)
                         .arg(p.objectsUndecided);
    if (p.objectChanges.size() > std::size_t(kMaxRows))
        status += QLatin1Char(' ') + tr("The table shows the first %1 changes.").arg(kMaxRows);
    if (!m_note.isEmpty())
        status = m_note + QLatin1Char(' ') + status;
    m_note.clear();
    m_status->setText(status);
    const int rows = int(std::min<std::size_t>(p.objectChanges.size(), kMaxRows));
    m_changes->setUpdatesEnabled(false);
    m_changes->setRowCount(rows);
    for (int r = 0; r < rows; ++r) {
        const auto &c = p.objectChanges[std::size_t(r)];
        auto *img = new QTableWidgetItem(QFileInfo(QString::fromStdString(c.imagePath)).fileName());
        img->setToolTip(QString::fromStdString(c.imagePath));
        m_changes->setItem(r, 0, img);
        m_changes->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(c.labelerName)));
        const QString to = c.drop ? tr("dropped") : QString::fromStdString(c.to);
        const QString kind = QString::fromUtf8(core::toString(c.kind).data(), qsizetype(core::toString(c.kind).size()));
        m_changes->setItem(
            r, 2, new QTableWidgetItem(kind + QStringLiteral(": ") + QString::fromStdString(c.from) + arrow + to));
        m_changes->setItem(r, 3, new QTableWidgetItem(decidedBy(c.decidedBy)));
    }
    m_changes->resizeColumnsToContents();
    m_changes->setUpdatesEnabled(true);
    m_undecided->setRowCount(0);
}

void PreviewPanel::show(const core::StandardPreview &p)
{
    const auto arrow = QStringLiteral(" \u2192 ");
    const QString hlpColor = p.after.hlp >= p.before.hlp ? QStringLiteral("#1b7f3b") : QStringLiteral("#c62828");
    if (p.objectRule) {
        showObjectRule(p);
        return;
    }
    m_headline->setText(tr("<b>%1</b> v%2: HLP %3%4<b style='color:%5'>%6</b> \u00b7 \u03ba %7%4%8 \u00b7 "
                           "<b>%n label(s)</b> change",
                           nullptr, int(p.changes.size()))
                            .arg(QString::fromStdString(p.standard.title).toHtmlEscaped())
                            .arg(p.standard.version)
                            .arg(percentText(p.before.hlp), arrow, hlpColor, percentText(p.after.hlp),
                                 coefficientText(p.before.fleissKappa), coefficientText(p.after.fleissKappa)));
    std::size_t disputed = 0;
    for (const auto &u : p.undecided)
        disputed += u.disputed ? 1 : 0;
    QString status = tr("%1 labels decided by the rule; %2 images undecided (%3 still disputed, %4 relabel "
                        "assignments).")
                         .arg(p.labelsDecided)
                         .arg(p.undecided.size())
                         .arg(disputed)
                         .arg(p.relabel.size());
    if (!p.decisionChanges.empty())
        status += QLatin1Char(' ') + tr("%n decision(s) change too.", nullptr, int(p.decisionChanges.size()));
    if (p.standard.rule.empty())
        status = tr("This standard has no rule: applying it only makes it the active text.");
    if (p.changes.size() > std::size_t(kMaxRows))
        status += QLatin1Char(' ') + tr("The table shows the first %1 changes.").arg(kMaxRows);
    if (!m_note.isEmpty())
        status = m_note + QLatin1Char(' ') + status;
    m_note.clear();
    m_status->setText(status);

    const int rows = int(std::min<std::size_t>(p.changes.size(), kMaxRows));
    m_changes->setUpdatesEnabled(false);
    m_changes->setRowCount(rows);
    const QString base = QString::fromStdString(m_document->leadReader().baseDir().string());
    for (int r = 0; r < rows; ++r) {
        const auto &c = p.changes[std::size_t(r)];
        auto *img = new QTableWidgetItem(QFileInfo(QString::fromStdString(c.imagePath)).fileName());
        img->setToolTip(QString::fromStdString(c.imagePath));
        const QString file = QFileInfo(QString::fromStdString(c.imagePath)).isAbsolute()
                                 ? QString::fromStdString(c.imagePath)
                                 : base + QLatin1Char('/') + QString::fromStdString(c.imagePath);
        img->setData(kPathRole, file);
        if (r < 300) { // thumbnails for the rows a person looks at first
            const QImage t = m_thumbnails->get(file);
            if (!t.isNull())
                img->setIcon(QIcon(QPixmap::fromImage(t)));
        }
        m_changes->setItem(r, 0, img);
        m_changes->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(c.labelerName)));
        m_changes->setItem(r, 2,
                           new QTableWidgetItem(QString::fromStdString(c.from) + arrow + QString::fromStdString(c.to)));
        m_changes->setItem(r, 3, new QTableWidgetItem(decidedBy(c.decidedBy)));
    }
    m_changes->resizeColumnsToContents();
    // Room for the thumbnails, which arrive after the columns were measured.
    m_changes->setColumnWidth(0, m_changes->columnWidth(0) + m_changes->iconSize().width() + 8);
    m_changes->verticalHeader()->setDefaultSectionSize(44);
    m_changes->setUpdatesEnabled(true);

    // Disputed ones first: they are the ones that go back to the labelers.
    std::vector<const core::UndecidedItem *> undecided;
    for (const auto &u : p.undecided)
        undecided.push_back(&u);
    std::stable_sort(undecided.begin(), undecided.end(),
                     [](const auto *a, const auto *b) { return a->disputed && !b->disputed; });
    const int urows = int(std::min<std::size_t>(undecided.size(), kMaxRows));
    m_undecided->setRowCount(urows);
    for (int r = 0; r < urows; ++r) {
        const auto &u = *undecided[std::size_t(r)];
        QStringList missing;
        for (const auto &m : u.missing)
            missing << QString::fromStdString(m);
        m_undecided->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(u.imagePath)));
        m_undecided->setItem(r, 1, new QTableWidgetItem(missing.join(QStringLiteral(", "))));
        m_undecided->setItem(r, 2, new QTableWidgetItem(u.disputed ? tr("yes: relabel") : tr("no")));
    }
    m_undecided->resizeColumnsToContents();
}

void PreviewPanel::thumbnailReady(const QString &path, const QImage &image)
{
    const QIcon icon(QPixmap::fromImage(image));
    for (int r = 0; r < std::min(m_changes->rowCount(), 300); ++r)
        if (auto *item = m_changes->item(r, 0); item && item->data(kPathRole).toString() == path)
            item->setIcon(icon);
}

void PreviewPanel::apply()
{
    if (!m_document || !m_result || !m_document->isLead() || isApplying())
        return;
    // Its own read-write connection on a worker: one transaction, while the window keeps
    // painting; the document then records the undo step.
    const core::Id standard = m_standard;
    const std::string actor = m_document->labeler().name;
    m_applying = true;
    m_status->setText(tr("Applying\u2026"));
    QApplication::setOverrideCursor(Qt::BusyCursor);
    m_applyWatcher.setFuture(
        m_document->leadAccess().run([standard, actor](const ProjectAccess &project) -> ApplyOutcome {
            ApplyOutcome out;
            out.error = errorOf([&] {
                auto store = project.open(core::OpenMode::ReadWrite);
                const auto r = core::applyStandard(*store, standard, actor);
                out.ok = true;
                out.applyAudit = r.auditId;
                out.title = QString::fromStdString(r.preview.standard.title);
                out.changes = r.preview.changes.size();
                out.hlpBefore = r.preview.before.hlp;
                out.hlpAfter = r.preview.after.hlp;
            });
            return out;
        }));
    updateButtons();
}

void PreviewPanel::applyFinished()
{
    QApplication::restoreOverrideCursor();
    m_applying = false;
    const ApplyOutcome out = m_applyWatcher.result();
    if (out.ok && m_document) {
        try {
            m_document->standardApplied(m_standard, out.applyAudit, out.title);
            m_status->setText(tr("Applied: HLP %1 \u2192 %2, %n label(s) changed. Undo (Ctrl+Z) takes it back exactly.",
                                 nullptr, int(out.changes))
                                  .arg(percentText(out.hlpBefore), percentText(out.hlpAfter)));
            emit applied();
        } catch (const core::Error &e) {
            m_status->setText(tr("<span style='color:#c62828'>%1</span>").arg(errorText(e).toHtmlEscaped()));
        }
    } else {
        m_status->setText(tr("<span style='color:#c62828'>Not applied:</span> %1").arg(out.error.toHtmlEscaped()));
    }
    updateButtons();
}

void PreviewPanel::undoApply()
{
    if (!m_document || !topApply(m_document->undoStack()))
        return;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    m_document->undoStack()->undo(); // leadActionDone recomputes the preview
    QApplication::restoreOverrideCursor();
}

void PreviewPanel::updateButtons()
{
    const bool writable = m_document && !m_document->isReadOnly();
    const ApplyStandardCommand *top = m_document ? topApply(m_document->undoStack()) : nullptr;
    const bool justApplied = top && top->standard() == m_standard;
    m_apply->setEnabled(writable && m_result && !m_watcher.isRunning() && !isApplying() && !justApplied &&
                        m_result->standard.status != core::StandardStatus::Retired);
    m_undo->setEnabled(writable && top != nullptr && !isApplying());
}

} // namespace concord::ui
