// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/dashboardpage.h"

#include "core/agreement/pairwise.h"

#include "ui/document/projectdocument.h"
#include "ui/lead/clusterdata.h"
#include "ui/lead/dashboardformat.h"
#include "ui/lead/dashboardlabelermodel.h"
#include "ui/lead/dashboardprofilechart.h"
#include "ui/lead/dashboardrecompute.h"

#include <QAction>
#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace concord::ui {

namespace {

/// Red (κ ≤ 0) → yellow (0.5) → green (1), the ends of ColorBrewer's RdYlGn, as the HTML
/// report's heatmap colours them.
QColor kappaColour(double k)
{
    const double t = std::clamp(k, 0.0, 1.0);
    const QColor lo(215, 48, 39), mid(254, 224, 139), hi(26, 152, 80);
    const auto mix = [](const QColor &a, const QColor &b, double u) {
        return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * u),
                                static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * u),
                                static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * u));
    };
    return t < 0.5 ? mix(lo, mid, t * 2.0) : mix(mid, hi, (t - 0.5) * 2.0);
}

QTableWidget *makeTable(const QStringList &headers, const QString &name)
{
    auto *t = new QTableWidget(0, static_cast<int>(headers.size()));
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setAlternatingRowColors(true);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    return t;
}

QTableWidgetItem *cell(const QString &text, bool number = true)
{
    auto *item = new QTableWidgetItem(text);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QGroupBox *box(const QString &title, QWidget *content)
{
    auto *g = new QGroupBox(title);
    auto *l = new QVBoxLayout(g);
    l->setContentsMargins(6, 6, 6, 6);
    l->addWidget(content);
    return g;
}

QString interval(const core::AgreementReport &r, const char *key, bool percent)
{
    const auto it = r.ci95.find(key);
    if (it == r.ci95.end() || !std::isfinite(it->second.lo))
        return {};
    const auto bound = [percent](double v) {
        return QString::fromStdString(percent ? core::formatFixed(v * 100.0, core::kShareDecimals)
                                              : core::formatFixed(v));
    };
    return QStringLiteral(" [%1 – %2]").arg(bound(it->second.lo), bound(it->second.hi));
}

/// "HLP 83.7 % [80.1 – 87.0] · Fleiss κ 0.727 […] · …", `size` the HLP's font size in points.
QString figuresLine(const core::AgreementReport &r, int size)
{
    return DashboardPage::tr("<span style='font-size:%1pt'><b>HLP %2</b></span>%3 &nbsp; · &nbsp; Fleiss κ <b>%4</b>%5 "
                             "&nbsp; · &nbsp; Krippendorff α <b>%6</b>%7 &nbsp; · &nbsp; Gwet AC1 <b>%8</b>%9")
        .arg(size)
        .arg(percentText(r.percentAgreement), interval(r, "percent_agreement", true), coefficientText(r.fleissKappa),
             interval(r, "fleiss_kappa", false), coefficientText(r.alphaNominal),
             interval(r, "krippendorff_alpha_nominal", false), coefficientText(r.gwetAc1),
             interval(r, "gwet_ac1", false));
}

/// The object figures of `concord-cli agreement --objects` and the report, three decimals.
QString objectsLine(const core::ObjectAgreement &o)
{
    const auto fixed = [](double v) { return std::isfinite(v) ? QString::number(v, 'f', 3) : QStringLiteral("–"); };
    const bool ci = std::isfinite(o.f1Iou50Ci.lo) && std::isfinite(o.f1Iou50Ci.hi);
    return DashboardPage::tr("<b>Objects</b>: F1@0.5 <b>%1</b>%2 &nbsp; · &nbsp; F1@0.75 <b>%3</b> &nbsp; · &nbsp; "
                             "mean IoU of matches <b>%4</b> &nbsp; · &nbsp; class κ of matches <b>%5</b> &nbsp; · "
                             "&nbsp; %6 shapes, %7 image pairs")
        .arg(fixed(o.f1Iou50),
             ci ? QStringLiteral(" <small>[%1, %2]</small>").arg(fixed(o.f1Iou50Ci.lo), fixed(o.f1Iou50Ci.hi))
                : QString(),
             fixed(o.f1Iou75), fixed(o.meanMatchedIou), fixed(o.classKappa))
        .arg(o.shapes)
        .arg(o.imagePairs);
}

/// "compared: 120 of 120 images (two or more human labels) · 63.3 % of them unanimous".
QString comparedLine(const core::AgreementReport &r, bool human)
{
    return (human ? DashboardPage::tr(
                        "compared: <b>%1</b> of %2 images (two or more human labels) · %3 of them unanimous")
                  : DashboardPage::tr("compared: <b>%1</b> of %2 images (two or more labels) · %3 of them unanimous"))
        .arg(r.coverage.compared)
        .arg(r.coverage.total)
        .arg(percentText(r.unanimousShare));
}

/// The warning for a coverage core judged too few (core::assessCoverage), empty otherwise;
/// `which` names the figures when there are two sets ("Human labels", "Data set").
QString coverageWarning(const core::Coverage &c, const QString &which = {})
{
    if (!c.tooFew())
        return {};
    QStringList why;
    if (c.fewerThanMinimum)
        why << DashboardPage::tr("fewer than %1").arg(core::kMinComparedItems);
    if (c.underMinimumShare)
        why << DashboardPage::tr("%1 % of the project, under %2 %")
                   .arg(static_cast<double>(c.sharePermille()) / 10.0, 0, 'f', 1)
                   .arg(core::kMinComparedPercent);
    const QString text =
        which.isEmpty()
            ? DashboardPage::tr("⚠ Only %1 of %2 images compared (%3): too few for these figures to mean much.")
            : DashboardPage::tr("⚠ %4: only %1 of %2 images compared (%3): too few for these figures to mean much.");
    const QString filled = text.arg(c.compared).arg(c.total).arg(why.join(QStringLiteral(", ")));
    return which.isEmpty() ? filled : filled.arg(which);
}

} // namespace

DashboardPage::DashboardPage(QWidget *parent)
    : LeadPage(parent)
    , m_recompute(new DashboardRecompute(
          [](const ProjectAccess &project) -> DashboardRecompute::Result {
              return std::make_shared<const DashboardData>(computeDashboardData(*project.open()));
          },
          this))
    , m_headline(new QLabel(this))
    , m_warning(new QLabel(this))
    , m_status(new QLabel(this))
    , m_versions(makeTable({tr("Labels made"), tr("HLP"), tr("Fleiss κ"), tr("Items"), tr("Labels")},
                           QStringLiteral("dashboardVersions")))
    , m_labelerModel(new DashboardLabelerModel(this))
    , m_labelerProxy(new QSortFilterProxyModel(this))
    , m_labelers(new QTableView(this))
    , m_pairs(makeTable({}, QStringLiteral("dashboardPairs")))
    , m_classes(makeTable({tr("Class"), tr("Share"), tr("Agreement"), tr("κ"), tr("α"), tr("AC1")},
                          QStringLiteral("dashboardClasses")))
    , m_attribute(new QComboBox(this))
    , m_chart(new DashboardProfileChart(this))
    , m_refresh(new QAction(tr("Recompute dashboard"), this))
{
    setObjectName(QStringLiteral("dashboardPage"));
    m_headline->setObjectName(QStringLiteral("dashboardHeadline"));
    m_headline->setTextFormat(Qt::RichText);
    m_headline->setWordWrap(true);
    m_warning->setObjectName(QStringLiteral("dashboardWarning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("QLabel { color: #7a2e00; background: #fff1e0; border: 1px solid #f0b070;"
                                            " border-radius: 3px; padding: 3px 6px; }"));
    m_warning->hide();
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    // Secondary text that stays legible on light and dark palettes.
    m_status->setForegroundRole(QPalette::PlaceholderText);

    m_labelerProxy->setSourceModel(m_labelerModel);
    m_labelerProxy->setSortRole(DashboardLabelerModel::SortRole);
    m_labelers->setObjectName(QStringLiteral("dashboardLabelers"));
    m_labelers->setModel(m_labelerProxy);
    m_labelers->setSortingEnabled(true);
    m_labelers->sortByColumn(DashboardLabelerModel::Hlp, Qt::DescendingOrder);
    m_labelers->verticalHeader()->hide();
    m_labelers->setAlternatingRowColors(true);
    m_labelers->verticalHeader()->setDefaultSectionSize(m_labelers->fontMetrics().height() + 8);
    m_labelers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_labelers->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_labelers->horizontalHeader()->setStretchLastSection(true);
    m_pairs->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_pairs->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_pairs->verticalHeader()->show();
    m_pairs->setAlternatingRowColors(false);
    m_pairs->setToolTip(tr("Cohen's κ of each pair of labelers over the images both labeled"));

    m_attribute->setObjectName(QStringLiteral("dashboardAttribute"));
    m_attribute->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_chart->setObjectName(QStringLiteral("dashboardChart"));
    connect(m_attribute, &QComboBox::currentIndexChanged, this, &DashboardPage::showProfile);

    auto *top = new QHBoxLayout;
    top->addWidget(m_headline, 1);
    top->addWidget(m_status, 0, Qt::AlignTop);

    auto *tables = new QSplitter(Qt::Horizontal);
    tables->addWidget(box(tr("Per labeler"), m_labelers));
    tables->addWidget(box(tr("Pairwise Cohen κ"), m_pairs));
    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(box(tr("Per class (one vs rest)"), m_classes));
    right->addWidget(box(tr("Per standard version"), m_versions));
    tables->addWidget(right);
    tables->setStretchFactor(0, 4);
    tables->setStretchFactor(1, 3);
    tables->setStretchFactor(2, 4);

    auto *chartBox = new QGroupBox(tr("Disagreement along an attribute"));
    auto *chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(6, 6, 6, 6);
    auto *attrRow = new QHBoxLayout;
    auto *attrLabel = new QLabel(tr("&Attribute:"));
    attrLabel->setBuddy(m_attribute);
    attrRow->addWidget(attrLabel);
    attrRow->addWidget(m_attribute);
    attrRow->addStretch(1);
    chartLayout->addLayout(attrRow);
    chartLayout->addWidget(m_chart, 1);

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(tables);
    split->addWidget(chartBox);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({300, 500});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_warning);
    layout->addWidget(split, 1);

    m_refresh->setObjectName(QStringLiteral("actionRecomputeDashboard"));
    m_refresh->setShortcut(QKeySequence(Qt::Key_F5));
    m_refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refresh->setEnabled(false);
    addAction(m_refresh);
    connect(m_refresh, &QAction::triggered, this, &DashboardPage::refresh);

    m_recompute->setStatusLabel(m_status);
    // The figures come from labels, decisions (conflicts), standards (per version) and classes.
    m_recompute->setDependsOn(ProjectChange::Labels | ProjectChange::Decisions | ProjectChange::Standards |
                              ProjectChange::Attributes | ProjectChange::Classes);
    connect(m_recompute, &DashboardRecompute::finished, this, [this](const DashboardRecompute::Result &r) {
        showData(std::static_pointer_cast<const DashboardData>(r));
    });
    clear();
}

DashboardPage::~DashboardPage() = default;

QList<QAction *> DashboardPage::pageActions() const
{
    return {m_refresh};
}

bool DashboardPage::isComputing() const
{
    return m_recompute->isBusy() || (m_clusters && m_clusters->isBusy());
}

void DashboardPage::followClusters(DashboardRecompute *clusters)
{
    m_clusters = clusters;
    connect(clusters, &DashboardRecompute::finished, this, [this](const DashboardRecompute::Result &r) {
        showProfiles(std::static_pointer_cast<const ClusterData>(r));
    });
}

void DashboardPage::setDocument(ProjectDocument *document)
{
    m_document = document;
    clear();
    m_refresh->setEnabled(document != nullptr);
    m_recompute->setDocument(document);
}

void DashboardPage::refresh()
{
    m_recompute->runNow();
    if (m_clusters)
        m_clusters->runNow();
}

void DashboardPage::clear()
{
    m_data.reset();
    m_clusterData.reset();
    m_headline->setText(tr("<i>No project open as lead.</i>"));
    m_warning->clear();
    m_warning->hide();
    m_status->clear();
    m_versions->setRowCount(0);
    m_labelerModel->setReport(nullptr);
    m_pairs->setRowCount(0);
    m_pairs->setColumnCount(0);
    m_classes->setRowCount(0);
    const QSignalBlocker block(m_attribute);
    m_attribute->clear();
    // Until the clusters' computation reports, "no attribute" would be a guess; on a server
    // project it takes seconds.
    m_chart->setMessage(m_document ? tr("Finding where labelers disagree along the attributes…") : QString());
}

void DashboardPage::showData(std::shared_ptr<const DashboardData> computed)
{
    m_data = std::move(computed);
    const DashboardData &d = *m_data;
    const core::AgreementReport &r = d.agreement.human;
    const core::AgreementReport *dataset = d.agreement.dataset ? &*d.agreement.dataset : nullptr;

    QString headline;
    if (dataset)
        headline += tr("<b>Human labels only</b> <small>(the %1 labels a standard wrote are left out)</small><br>")
                        .arg(d.agreement.standardLabels);
    headline += figuresLine(r, 16) + QStringLiteral("<br>") + comparedLine(r, dataset != nullptr);
    if (dataset)
        headline += tr("<br><b>Data set as exported</b> <small>(with the %1 labels a standard wrote)</small>: ")
                        .arg(d.agreement.standardLabels) +
                    figuresLine(*dataset, 11) + QStringLiteral(" &nbsp; · &nbsp; ") + comparedLine(*dataset, false);
    headline += tr("<br>%1 images &nbsp; · &nbsp; %2 labels by %3 labelers &nbsp; · &nbsp; <b>%4</b> conflicts to "
                   "adjudicate <small>(95 % bootstrap intervals in brackets)</small>")
                    .arg(d.images)
                    .arg(d.labels)
                    .arg((dataset ? *dataset : r).labelers)
                    .arg(d.conflicts);
    if (!d.objectsError.empty())
        headline +=
            tr("<br><b>Objects</b>: not computed (%1)").arg(QString::fromStdString(d.objectsError).toHtmlEscaped());
    else if (d.objects.shapes > 0)
        headline += QStringLiteral("<br>") + objectsLine(d.objects);
    m_headline->setText(headline);

    QStringList warnings;
    for (const QString &w : {coverageWarning(r.coverage, dataset ? tr("Human labels") : QString()),
                             dataset ? coverageWarning(dataset->coverage, tr("Data set")) : QString()})
        if (!w.isEmpty())
            warnings << w;
    m_warning->setText(warnings.join(QStringLiteral("\n")));
    m_warning->setVisible(!warnings.isEmpty());

    m_versions->setRowCount(static_cast<int>(d.versions.size()));
    for (int i = 0; i < static_cast<int>(d.versions.size()); ++i) {
        const auto &v = d.versions[static_cast<std::size_t>(i)];
        const QString name = v.standard ? tr("under %1 v%2").arg(QString::fromStdString(v.title)).arg(v.version)
                                        : tr("before any standard");
        m_versions->setItem(i, 0, cell(name, false));
        m_versions->setItem(i, 1, cell(percentText(v.figures.hlp)));
        m_versions->setItem(i, 2, cell(coefficientText(v.figures.fleissKappa)));
        m_versions->setItem(i, 3, cell(QString::number(v.figures.items)));
        m_versions->setItem(i, 4, cell(QString::number(v.figures.labels)));
    }

    m_labelerModel->setReport(&r, &d.consistency);
    m_labelers->setColumnHidden(DashboardLabelerModel::Self, !m_labelerModel->hasSelfFigures());
    m_labelers->setColumnHidden(DashboardLabelerModel::GoldAccuracy, !m_labelerModel->hasGoldFigures());

    // Beyond core::kPairGridLabelers the pair grid shows the labelers with the most images
    // (5,005 labelers were 25 million table cells); the labeler table lists everyone.
    const std::vector<std::int32_t> shown = core::pairGridLabelers(r.perLabeler);
    const int n = static_cast<int>(shown.size());
    std::vector<int> position(r.labelerNames.size(), -1);
    QStringList names;
    for (int i = 0; i < n; ++i) {
        const auto labeler = static_cast<std::size_t>(shown[static_cast<std::size_t>(i)]);
        position[labeler] = i;
        names << QString::fromStdString(r.labelerNames[labeler]);
    }
    m_pairs->setRowCount(n);
    m_pairs->setColumnCount(n);
    m_pairs->setHorizontalHeaderLabels(names);
    m_pairs->setVerticalHeaderLabels(names);
    m_pairs->setToolTip(n < static_cast<int>(r.labelerNames.size())
                            ? tr("The %1 of %2 labelers with the most images; every pair is in "
                                 "concord-cli agreement --json.")
                                  .arg(n)
                                  .arg(r.labelerNames.size())
                            : QString());
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            auto *item = cell(i == j ? QStringLiteral("—") : QString());
            item->setTextAlignment(Qt::AlignCenter);
            m_pairs->setItem(i, j, item);
        }
    for (const auto &p : r.pairs) {
        const int a = position[static_cast<std::size_t>(p.a)];
        const int b = position[static_cast<std::size_t>(p.b)];
        if (a < 0 || b < 0)
            continue;
        for (const auto &[i, j] : {std::pair{a, b}, std::pair{b, a}}) {
            auto *item = m_pairs->item(i, j);
            item->setText(coefficientText(p.cohenKappa));
            item->setBackground(kappaColour(p.cohenKappa));
            item->setForeground(Qt::black);
            item->setToolTip(tr("%1 and %2: κ %3, %4 agreement over %5 shared images")
                                 .arg(names[i], names[j], coefficientText(p.cohenKappa), percentText(p.agreement))
                                 .arg(p.n));
        }
    }

    m_classes->setRowCount(static_cast<int>(r.perClass.size()));
    for (int i = 0; i < static_cast<int>(r.perClass.size()); ++i) {
        const auto &c = r.perClass[static_cast<std::size_t>(i)];
        m_classes->setItem(i, 0, cell(QString::fromStdString(r.classNames.at(static_cast<std::size_t>(c.cls))), false));
        m_classes->setItem(i, 1, cell(percentText(c.prevalence)));
        m_classes->setItem(i, 2, cell(percentText(c.percentAgreement)));
        m_classes->setItem(i, 3, cell(coefficientText(c.fleissKappa)));
        m_classes->setItem(i, 4, cell(coefficientText(c.alphaNominal)));
        m_classes->setItem(i, 5, cell(coefficientText(c.gwetAc1)));
    }

    emit updated();
}

void DashboardPage::showProfiles(std::shared_ptr<const ClusterData> clusters)
{
    if (!m_document)
        return;
    m_clusterData = std::move(clusters);
    const auto &profiles = m_clusterData->profiles;
    // Keep the chosen attribute across recomputations.
    const QString chosen = m_attribute->currentText();
    {
        const QSignalBlocker block(m_attribute);
        m_attribute->clear();
        for (const auto &p : profiles)
            m_attribute->addItem(p.band ? tr("%1 (band)").arg(QString::fromStdString(p.attribute))
                                        : QString::fromStdString(p.attribute));
        const int keep = m_attribute->findText(chosen);
        m_attribute->setCurrentIndex(keep >= 0 ? keep : (profiles.empty() ? -1 : 0));
    }
    showProfile(m_attribute->currentIndex());
    emit updated();
}

void DashboardPage::showProfile(int index)
{
    if (!m_clusterData)
        return; // still finding them (clear())
    if (index < 0 || index >= static_cast<int>(m_clusterData->profiles.size())) {
        m_chart->setProfile(nullptr);
        return;
    }
    m_chart->setProfile(&m_clusterData->profiles[static_cast<std::size_t>(index)]);
}

} // namespace concord::ui
