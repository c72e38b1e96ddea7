// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/lead/dashboarddata.h"
#include "ui/lead/leadpage.h"

#include <QPointer>

#include <memory>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;

namespace concord::ui {

struct ClusterData;
class DashboardLabelerModel;
class DashboardProfileChart;
class DashboardRecompute;

/// The lead's agreement dashboard: project HLP with its 95 % interval, Fleiss' κ,
/// Krippendorff's α, Gwet's AC1 over human labels, how many images they compare (with a
/// warning when too few), the data set's figures once a standard wrote labels, and the counts; the same per standard
/// version; per labeler (sortable), pairwise Cohen's κ as a heatmap, per class; and the disagreement profile along a
/// chosen attribute with each labeler's threshold. Everything is recomputed off the GUI thread, on its own read-only
/// connection, shortly after the project's labels change.
class DashboardPage final : public LeadPage
{
    Q_OBJECT

public:
    explicit DashboardPage(QWidget *parent = nullptr);
    ~DashboardPage() override;

    void setDocument(ProjectDocument *document) override;
    QList<QAction *> pageActions() const override;

    /// The figures last computed for the current document, or nullptr (none yet, or no
    /// document). Valid until the next updated() or setDocument().
    const DashboardData *figures() const { return m_data.get(); }
    /// The headline report: human labels only.
    const core::AgreementReport *report() const { return m_data ? &m_data->agreement.human : nullptr; }
    /// True while a recomputation runs (the figures' or the clusters' the profiles come from).
    bool isComputing() const;
    /// Shows the disagreement profiles of `clusters`' results (the clusters page's computation:
    /// the clusters are computed once for both pages).
    void followClusters(DashboardRecompute *clusters);

    /// Recomputes now (also the page's Refresh action, F5).
    void refresh();

signals:
    /// New figures are shown (figures() returns them).
    void updated();

private:
    void showData(std::shared_ptr<const DashboardData> computed);
    void clear();
    void showProfile(int index);
    void showProfiles(std::shared_ptr<const ClusterData> clusters);

    QPointer<ProjectDocument> m_document;
    DashboardRecompute *m_recompute;
    std::shared_ptr<const DashboardData> m_data;
    QPointer<DashboardRecompute> m_clusters;
    std::shared_ptr<const ClusterData> m_clusterData; ///< the profiles shown

    QLabel *m_headline;
    QLabel *m_warning; ///< "too few images compared", shown only then
    QLabel *m_status;
    QTableWidget *m_versions;
    DashboardLabelerModel *m_labelerModel;
    QSortFilterProxyModel *m_labelerProxy;
    QTableView *m_labelers;
    QTableWidget *m_pairs;
    QTableWidget *m_classes;
    QComboBox *m_attribute;
    DashboardProfileChart *m_chart;
    QAction *m_refresh;
};

} // namespace concord::ui
