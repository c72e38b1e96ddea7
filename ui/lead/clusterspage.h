// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/lead/clusterdata.h"
#include "ui/lead/leadpage.h"
#include "ui/lead/standardseed.h"

#include <QPointer>

#include <memory>

class QLabel;
class QListView;
class QPushButton;
class QTreeWidget;

namespace concord::ui {

class DashboardRecompute;
class ThumbnailGridModel;

/// The disagreement clusters, ranked as core::findClusters ranks them, each with its one-line
/// description, size and disputed share inside vs outside, then the object bands as
/// core::findObjectClusters ranks them (kind "objects": marks not every labeler draws).
/// Selecting one shows its members as a thumbnail grid with every labeler's vote (for an
/// object: whether they drew it) as a badge; "Write a standard for this…" hands a StandardSeed
/// (for an object band: its object rule) to the standards editor. Recomputed off the GUI
/// thread when labels change.
class ClustersPage final : public LeadPage
{
    Q_OBJECT

public:
    explicit ClustersPage(QWidget *parent = nullptr);
    ~ClustersPage() override;

    void setDocument(ProjectDocument *document) override;
    QList<QAction *> pageActions() const override;

    /// The clusters last computed for the current document, or nullptr.
    const ClusterData *clusters() const { return m_data.get(); }
    bool isComputing() const;
    /// Selects the row at `rank` (0 = the best image cluster; the object bands follow the image
    /// clusters) and shows its members.
    void selectCluster(int rank);
    /// The selected row's rank, or -1.
    int selectedCluster() const;
    /// The selected object band, or nullptr when none (or an image cluster) is selected.
    const core::ObjectBand *selectedObjectBand() const;
    /// The seed of the selected cluster (empty title when none is selected).
    StandardSeed currentSeed() const;
    ThumbnailGridModel *membersModel() const { return m_members; }
    /// The clusters' computation (ClusterData), which the dashboard follows for its profiles.
    DashboardRecompute *computation() const { return m_recompute; }

    /// Emits writeStandardRequested() for the selected cluster (the button and the action).
    void writeStandard();

signals:
    /// New clusters are shown (clusters() returns them).
    void updated();
    /// The lead wants a standard for this cluster: open the editor pre-filled with `seed`.
    void writeStandardRequested(const concord::ui::StandardSeed &seed);

private:
    void showData(std::shared_ptr<const ClusterData> computed);
    void showMembers();
    void showObjectBand(const core::ObjectBand &band);
    void clear();

    QPointer<ProjectDocument> m_document;
    DashboardRecompute *m_recompute;
    std::shared_ptr<const ClusterData> m_data;

    QLabel *m_summary;
    QLabel *m_status;
    QTreeWidget *m_list;
    QLabel *m_detail;
    QLabel *m_legend;
    QPushButton *m_write;
    QListView *m_grid;
    ThumbnailGridModel *m_members;
    QAction *m_writeAction;
};

} // namespace concord::ui
