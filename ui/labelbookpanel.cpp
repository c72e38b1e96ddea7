// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/labelbookpanel.h"

#include "core/standards/standardapply.h"

#include "ui/models/examplemodel.h"
#include "ui/models/standardmodel.h"
#include "ui/projectdocument.h"

#include <QDialog>
#include <QImageReader>
#include <QLabel>
#include <QListView>
#include <QScreen>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace concord::ui {

LabelBookPanel::LabelBookPanel(QWidget *parent)
    : QWidget(parent)
    , m_standards(new StandardModel(this))
    , m_examples(new ExampleModel(this))
    , m_standardList(new QListView(this))
    , m_body(new QTextBrowser(this))
    , m_exampleList(new QListView(this))
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
    m_body->setOpenExternalLinks(false);
    m_body->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(m_body, 1);

    m_exampleList->setModel(m_examples);
    m_exampleList->setViewMode(QListView::IconMode);
    m_exampleList->setIconSize(QSize(96, 96));
    m_exampleList->setGridSize(QSize(112, 124));
    m_exampleList->setResizeMode(QListView::Adjust);
    m_exampleList->setMovement(QListView::Static);
    m_exampleList->setFocusPolicy(Qt::NoFocus);
    m_exampleList->setMinimumHeight(140);
    layout->addWidget(m_exampleList, 1);
    // Keeps the title and the "no standard" note at the top when the lists are hidden.
    layout->addStretch(0);

    connect(m_standardList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showStandard(current.row()); });
    connect(m_exampleList, &QListView::clicked, this, &LabelBookPanel::enlarge);
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
    m_body->setVisible(any);
    m_exampleList->setVisible(any);
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

void LabelBookPanel::showStandard(int row)
{
    std::vector<ExampleModel::Entry> entries;
    if (row < 0 || !m_document) {
        m_body->clear();
        m_examples->setExamples({});
        return;
    }
    const QModelIndex idx = m_standards->index(row);
    const QString rule = idx.data(StandardModel::RuleRole).toString();
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p>")
                       .arg(idx.data(Qt::DisplayRole).toString().toHtmlEscaped(),
                            idx.data(StandardModel::BodyRole).toString().toHtmlEscaped().replace(
                                QLatin1Char('\n'), QStringLiteral("<br>")));
    if (!rule.isEmpty())
        html += tr("<p><i>Rule:</i> <code>%1</code></p>").arg(rule.toHtmlEscaped());
    m_body->setHtml(html);
    const auto id = idx.data(StandardModel::StandardIdRole).toLongLong();
    for (const auto &e : m_document->examplesOf(id))
        entries.push_back({e, m_document->imageFilePath(e.image)});
    m_examples->setExamples(std::move(entries));
}

void LabelBookPanel::enlarge(const QModelIndex &index)
{
    const QString path = index.data(ExampleModel::PathRole).toString();
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize avail = screen() ? screen()->availableSize() * 0.8 : QSize(1200, 800);
    if (reader.size().isValid())
        reader.setScaledSize(reader.size().scaled(avail.boundedTo(reader.size()), Qt::KeepAspectRatio));
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(index.data(Qt::DisplayRole).toString() + QStringLiteral(" — ") +
                           index.data(Qt::ToolTipRole).toString());
    auto *layout = new QVBoxLayout(dialog);
    auto *label = new QLabel(dialog);
    label->setPixmap(QPixmap::fromImage(reader.read()));
    layout->addWidget(label);
    dialog->show();
}

} // namespace concord::ui
