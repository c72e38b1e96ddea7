// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/clusterspage.h"

#include "core/standards/standardseed.h"
#include "ui/document/projectdocument.h"
#include "ui/lead/dashboardformat.h"
#include "ui/lead/dashboardrecompute.h"
#include "ui/lead/thumbnailgriddelegate.h"
#include "ui/lead/thumbnailgridmodel.h"

#include <QAction>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>

namespace concord::ui {

namespace {

QString kindText(core::ClusterKind kind)
{
    switch (kind) {
    case core::ClusterKind::Band: return ClustersPage::tr("band");
    case core::ClusterKind::Categorical: return ClustersPage::tr("value");
    case core::ClusterKind::Visual: return ClustersPage::tr("visual");
    }
    return {};
}

QString shareOf(std::int64_t part, std::int64_t whole)
{
    return percentText(whole ? double(part) / double(whole) : 0.0, 0);
}

} // namespace

ClustersPage::ClustersPage(QWidget *parent)
    : LeadPage(parent)
    , m_recompute(new DashboardRecompute(
          [](const ProjectAccess &project) -> DashboardRecompute::Result {
              return std::make_shared<const ClusterData>(computeClusterData(*project.open()));
          },
          this))
    , m_summary(new QLabel(this))
    , m_status(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_detail(new QLabel(this))
    , m_legend(new QLabel(this))
    , m_write(new QPushButton(tr("&Write a standard for this…"), this))
    , m_grid(new QListView(this))
    , m_members(new ThumbnailGridModel(this))
    , m_writeAction(new QAction(tr("Write a Standard for This Cluster…"), this))
{
    setObjectName(QStringLiteral("clustersPage"));
    m_summary->setObjectName(QStringLiteral("clustersSummary"));
    m_status->setObjectName(QStringLiteral("clustersStatus"));
    // Secondary text that stays legible on light and dark palettes.
    m_status->setForegroundRole(QPalette::PlaceholderText);

    m_list->setObjectName(QStringLiteral("clusterList"));
    m_list->setColumnCount(6);
    m_list->setHeaderLabels(
        {tr("#"), tr("Kind"), tr("Description"), tr("Members"), tr("Disputed inside"), tr("outside")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(false);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &ClustersPage::showMembers);

    m_detail->setObjectName(QStringLiteral("clusterDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::RichText);
    m_legend->setObjectName(QStringLiteral("clusterLegend"));
    m_legend->setTextFormat(Qt::RichText);
    m_write->setObjectName(QStringLiteral("writeStandardButton"));
    m_write->setEnabled(false);
    connect(m_write, &QPushButton::clicked, this, &ClustersPage::writeStandard);
    m_writeAction->setObjectName(QStringLiteral("actionWriteStandard"));
    m_writeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    m_writeAction->setEnabled(false);
    connect(m_writeAction, &QAction::triggered, this, &ClustersPage::writeStandard);
    addAction(m_writeAction);

    m_grid->setObjectName(QStringLiteral("clusterMembers"));
    m_grid->setViewMode(QListView::IconMode);
    m_grid->setResizeMode(QListView::Adjust);
    m_grid->setMovement(QListView::Static);
    m_grid->setUniformItemSizes(true);
    m_grid->setSpacing(4);
    m_grid->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_grid->setDragEnabled(true);
    m_grid->setModel(m_members);
    m_grid->setItemDelegate(new ThumbnailGridDelegate(m_members->thumbnailSide(), m_grid));

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_status);

    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *detailRow = new QHBoxLayout;
    detailRow->addWidget(m_detail, 1);
    detailRow->addWidget(m_write, 0, Qt::AlignTop);
    rightLayout->addLayout(detailRow);
    rightLayout->addWidget(m_legend);
    rightLayout->addWidget(m_grid, 1);

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_list);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setSizes({150, 600});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    // Clusters read every image's feature thumbnail: a slower debounce than the dashboard's.
    m_recompute->setDebounce(1000);
    // Clusters come from labels, attributes and the images' pixels; not from decisions or standards.
    m_recompute->setDependsOn(ProjectChange::Labels | ProjectChange::Attributes | ProjectChange::Classes |
                              ProjectChange::Images);
    m_recompute->setStatusLabel(m_status);
    connect(m_recompute, &DashboardRecompute::finished, this,
            [this](const DashboardRecompute::Result &r) { showData(std::static_pointer_cast<const ClusterData>(r)); });
    clear();
}

ClustersPage::~ClustersPage() = default;

QList<QAction *> ClustersPage::pageActions() const
{
    return {m_writeAction};
}

bool ClustersPage::isComputing() const
{
    return m_recompute->isBusy();
}

void ClustersPage::setDocument(ProjectDocument *document)
{
    m_document = document;
    clear();
    if (document) // until the first result: the status label says it is computing
        m_summary->setText(tr("<i>Finding the clusters…</i>"));
    m_recompute->setDocument(document);
}

void ClustersPage::clear()
{
    m_data.reset();
    m_summary->setText(tr("<i>No project open as lead.</i>"));
    m_list->clear();
    m_detail->clear();
    m_legend->clear();
    m_members->setEntries({});
    m_write->setEnabled(false);
    m_writeAction->setEnabled(false);
}

void ClustersPage::showData(std::shared_ptr<const ClusterData> computed)
{
    // Keep the selection on the same cluster (by description) across recomputations.
    const QString selected = m_list->currentItem() ? m_list->currentItem()->text(2) : QString();
    m_data = std::move(computed);
    const auto &report = m_data->report;
    m_summary->setText(tr("<b>%1</b> of %2 images with two or more labels are disputed (%3). %4")
                           .arg(report.disagreeing)
                           .arg(report.items)
                           .arg(shareOf(report.disagreeing, report.items))
                           .arg(report.clusters.empty() ? tr("No cluster stands out.")
                                : report.clusters.size() == 1
                                    ? tr("One cluster says where and why.")
                                    : tr("%1 clusters say where and why, best first.").arg(report.clusters.size())));
    const auto &objects = m_data->objectReport;
    if (objects.objects > 0)
        m_summary->setText(
            m_summary->text() +
            tr("<br><b>%1</b> of %2 objects are not drawn by every labeler of their image (%3); %4")
                .arg(objects.disputed)
                .arg(objects.objects)
                .arg(shareOf(objects.disputed, objects.objects))
                .arg(objects.bands.empty() ? tr("no band of objects stands out.")
                     : objects.bands.size() == 1
                         ? tr("one band of objects follows the image clusters.")
                         : tr("%1 bands of objects follow the image clusters.").arg(objects.bands.size())));
    const QSignalBlocker block(m_list);
    m_list->clear();
    int rank = 0;
    QTreeWidgetItem *keep = nullptr;
    for (const auto &c : report.clusters) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, QString::number(++rank));
        item->setText(1, kindText(c.kind));
        item->setText(2, QString::fromStdString(c.description));
        item->setToolTip(2, QString::fromStdString(c.description));
        item->setText(3, QString::number(c.members.size()));
        item->setText(4, percentText(c.rateInside, 0));
        item->setText(5, percentText(c.rateOutside, 0));
        for (int col : {0, 3, 4, 5})
            item->setTextAlignment(col, Qt::AlignRight | Qt::AlignVCenter);
        if (item->text(2) == selected)
            keep = item;
    }
    for (const auto &band : objects.bands) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, QString::number(++rank));
        item->setText(1, tr("objects"));
        item->setText(2, QString::fromStdString(band.description));
        item->setToolTip(2, QString::fromStdString(band.description));
        item->setText(3, QString::number(band.members.size()));
        item->setText(4, percentText(band.rateInside, 0));
        item->setText(5, percentText(band.rateOutside, 0));
        for (int col : {0, 3, 4, 5})
            item->setTextAlignment(col, Qt::AlignRight | Qt::AlignVCenter);
        if (item->text(2) == selected)
            keep = item;
    }
    if (!keep && m_list->topLevelItemCount() > 0)
        keep = m_list->topLevelItem(0);
    m_list->setCurrentItem(keep);
    showMembers();
    emit updated();
}

int ClustersPage::selectedCluster() const
{
    return m_list->currentItem() ? m_list->indexOfTopLevelItem(m_list->currentItem()) : -1;
}

void ClustersPage::selectCluster(int rank)
{
    m_list->setCurrentItem(m_list->topLevelItem(rank));
}

const core::ObjectBand *ClustersPage::selectedObjectBand() const
{
    if (!m_data)
        return nullptr;
    const int rank = selectedCluster() - static_cast<int>(m_data->report.clusters.size());
    const auto &bands = m_data->objectReport.bands;
    return rank >= 0 && rank < static_cast<int>(bands.size()) ? &bands[static_cast<std::size_t>(rank)] : nullptr;
}

void ClustersPage::showMembers()
{
    const int rank = selectedCluster();
    const bool has = m_data && rank >= 0 && rank < static_cast<int>(m_data->report.clusters.size());
    const core::ObjectBand *band = selectedObjectBand();
    m_write->setEnabled(has || band);
    m_writeAction->setEnabled(has || band);
    if (band && m_document) {
        showObjectBand(*band);
        return;
    }
    if (!has || !m_document) {
        m_detail->clear();
        m_legend->clear();
        m_members->setEntries({});
        return;
    }
    const auto &input = m_data->input;
    const auto &c = m_data->report.clusters[static_cast<std::size_t>(rank)];
    QString detail = tr("<b>%1</b><br>%2 images, %3 disputed (%4 inside vs %5 outside); explains %6 disputes, p = %7")
                         .arg(QString::fromStdString(c.description).toHtmlEscaped())
                         .arg(c.members.size())
                         .arg(c.disagreeInside)
                         .arg(percentText(c.rateInside, 0), percentText(c.rateOutside, 0))
                         .arg(c.score, 0, 'f', 1)
                         .arg(c.pValue, 0, 'g', 2);
    if (c.kind == core::ClusterKind::Band) {
        const auto it = m_data->report.labelerThresholds.find(c.attribute);
        if (it != m_data->report.labelerThresholds.end()) {
            QStringList switches;
            for (const auto &t : it->second)
                if (t.ok)
                    switches << tr("%1 at %2").arg(QString::fromStdString(t.labeler)).arg(t.threshold, 0, 'g', 3);
            if (!switches.isEmpty())
                detail += tr("<br>Switch to %1: %2")
                              .arg(QString::fromStdString(c.positiveClass).toHtmlEscaped(),
                                   switches.join(QStringLiteral(", ")).toHtmlEscaped());
        }
    }
    m_detail->setText(detail);

    std::map<std::string, QColor> colours;
    QString legend = tr("Badges: each labeler's vote, coloured by class:");
    for (const auto &cls : m_document->classes()) {
        const QColor colour(QString::fromStdString(cls.color));
        colours[cls.name] = colour;
        legend += QStringLiteral(" <span style='background:%1'>&nbsp;&nbsp;&nbsp;</span> %2")
                      .arg(colour.name(), QString::fromStdString(cls.name).toHtmlEscaped());
    }
    m_legend->setText(legend);

    const auto attr = input.numeric.find(c.attribute);
    const std::vector<double> *values = attr == input.numeric.end() ? nullptr : &attr->second;
    std::vector<ThumbnailGridModel::Entry> entries;
    entries.reserve(c.members.size());
    for (const std::size_t i : c.members) {
        const auto &item = input.items[i];
        ThumbnailGridModel::Entry e;
        e.image = item.image;
        e.path = m_document->imageFilePath(item.image);
        e.name = QFileInfo(QString::fromStdString(item.path)).fileName();
        if (values && std::isfinite((*values)[i])) // a band's members show where they lie on it
            e.name = tr("%1 · %2").arg(QString::number((*values)[i], 'g', 3), e.name);
        for (const auto &v : item.votes) {
            const std::string &cls = input.classNames.at(static_cast<std::size_t>(v.cls));
            const auto it = colours.find(cls);
            e.votes.push_back({QString::fromStdString(input.labelerNames.at(static_cast<std::size_t>(v.labeler))),
                               QString::fromStdString(cls), it == colours.end() ? QColor() : it->second});
        }
        entries.push_back(std::move(e));
    }
    m_members->setEntries(std::move(entries));
}

void ClustersPage::showObjectBand(const core::ObjectBand &band)
{
    const auto &input = m_data->objectInput;
    QString detail = tr("<b>%1</b><br>%2 objects, %3 not drawn by every labeler (%4 inside vs %5 outside); "
                        "explains %6, p = %7 (permutation test)")
                         .arg(QString::fromStdString(band.description).toHtmlEscaped())
                         .arg(band.members.size())
                         .arg(band.disputedInside)
                         .arg(percentText(band.rateInside, 0), percentText(band.rateOutside, 0))
                         .arg(band.score, 0, 'f', 1)
                         .arg(band.permutationP, 0, 'g', 2);
    for (const auto &t : m_data->objectReport.thresholds) {
        if (t.className != band.className || t.attribute != band.attribute)
            continue;
        QStringList starts;
        for (const auto &l : t.labelers)
            if (l.ok)
                starts << tr("%1 at %2").arg(QString::fromStdString(l.labeler)).arg(l.threshold, 0, 'g', 3);
        if (!starts.isEmpty())
            detail += tr("<br>Each labeler starts drawing a %1 at: %2")
                          .arg(QString::fromStdString(band.className).toHtmlEscaped(),
                               starts.join(QStringLiteral(", ")).toHtmlEscaped());
    }
    const std::string rule = core::suggestedObjectRule(band);
    if (!rule.empty())
        detail += tr("<br>Suggested rule: <code>%1</code>").arg(QString::fromStdString(rule).toHtmlEscaped());
    m_detail->setText(detail);

    QColor drawn;
    for (const auto &cls : m_document->classes())
        if (cls.name == band.className)
            drawn = QColor(QString::fromStdString(cls.color));
    const QColor notDrawn(Qt::gray);
    m_legend->setText(tr("Badges: the labelers of the image. <span style='background:%1'>&nbsp;&nbsp;&nbsp;</span> "
                         "drew this %2; <span style='background:%3'>&nbsp;&nbsp;&nbsp;</span> drew it as "
                         "another class or not at all.")
                          .arg(drawn.name(), QString::fromStdString(band.className).toHtmlEscaped(), notDrawn.name()));

    const auto attribute =
        std::find(core::objectClusterAttributes().begin(), core::objectClusterAttributes().end(), band.attribute) -
        core::objectClusterAttributes().begin();
    std::vector<ThumbnailGridModel::Entry> entries;
    entries.reserve(band.members.size());
    for (const std::size_t i : band.members) {
        const core::ClusterObject &object = input.objects[i];
        const auto item = static_cast<std::size_t>(object.item);
        ThumbnailGridModel::Entry e;
        e.image = item < m_data->objectItemImages.size() ? m_data->objectItemImages[item] : 0;
        e.path = e.image ? m_document->imageFilePath(e.image) : QString();
        e.name = QFileInfo(QString::fromStdString(input.itemNames[item])).fileName();
        const auto a = static_cast<std::size_t>(attribute);
        if (a < object.values.size() && std::isfinite(object.values[a]))
            e.name = tr("%1 · %2").arg(QString::number(object.values[a], 'g', 3), e.name);
        for (const std::int32_t labeler : input.itemLabelers[item]) {
            const bool drew = std::find(object.drawnBy.begin(), object.drawnBy.end(), labeler) != object.drawnBy.end();
            const bool other =
                !drew && std::find(object.members.begin(), object.members.end(), labeler) != object.members.end();
            e.votes.push_back({QString::fromStdString(input.labelerNames.at(static_cast<std::size_t>(labeler))),
                               drew    ? QString::fromStdString(band.className)
                               : other ? tr("other class")
                                       : tr("not drawn"),
                               drew ? drawn : notDrawn});
        }
        entries.push_back(std::move(e));
    }
    m_members->setEntries(std::move(entries));
}

StandardSeed ClustersPage::currentSeed() const
{
    if (const core::ObjectBand *band = selectedObjectBand())
        return ui::standardSeedFor(*m_data, *band);
    const int rank = selectedCluster();
    if (!m_data || rank < 0 || rank >= static_cast<int>(m_data->report.clusters.size()))
        return {};
    return ui::standardSeedFor(m_data->input, m_data->report.clusters[static_cast<std::size_t>(rank)]);
}

void ClustersPage::writeStandard()
{
    const StandardSeed seed = currentSeed();
    if (!seed.title.isEmpty())
        emit writeStandardRequested(seed);
}

} // namespace concord::ui
