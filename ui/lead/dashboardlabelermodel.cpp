// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/dashboardlabelermodel.h"

#include "core/agreement/coefficients.h"
#include "core/common/numbertext.h"
#include "ui/lead/dashboardformat.h"

#include <algorithm>
#include <cmath>

namespace concord::ui {

DashboardLabelerModel::DashboardLabelerModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void DashboardLabelerModel::setReport(const core::AgreementReport *report, const core::ProjectConsistency *consistency)
{
    beginResetModel();
    m_rows.clear();
    m_consistency = consistency ? *consistency : core::ProjectConsistency{};
    if (report) {
        for (const auto &l : report->perLabeler) {
            Row row;
            row.name = QString::fromStdString(report->labelerNames.at(static_cast<std::size_t>(l.labeler)));
            row.items = l.items;
            row.hlp = l.hlp;
            row.hlpVsMajority = l.majorityCompared > 0 ? l.hlpVsMajority : std::nan("");
            row.kappa = l.kappaVsConsensus;
            for (const auto &c : m_consistency.labelers)
                if (QString::fromStdString(c.name) == row.name)
                    row.consistency = &c;
            m_rows.push_back(row);
        }
    }
    endResetModel();
}

bool DashboardLabelerModel::hasSelfFigures() const
{
    return std::any_of(m_consistency.labelers.begin(), m_consistency.labelers.end(),
                       [](const core::LabelerConsistency &l) { return l.repeatsScheduled > 0; });
}

bool DashboardLabelerModel::hasGoldFigures() const
{
    return std::any_of(m_consistency.labelers.begin(), m_consistency.labelers.end(),
                       [](const core::LabelerConsistency &l) { return l.goldScheduled > 0; });
}

int DashboardLabelerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DashboardLabelerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DashboardLabelerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() == Name ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const core::LabelerConsistency *c = r.consistency;
    if (role == Qt::ToolTipRole && c && index.column() == Self) {
        QString tip = tr("%1 of %2 repeats answered; Cohen's κ with the first answers %3.")
                          .arg(c->self.pairs)
                          .arg(c->repeatsScheduled)
                          .arg(coefficientText(c->self.kappa));
        if (c->self.measurement.pairs > 0)
            tip += QLatin1Char(' ') +
                   tr("Two measurements of one line differ by %1 mm on average.")
                       .arg(QString::fromStdString(core::formatFixed(c->self.measurement.meanAbsDiff, 3)));
        if (c->flagged)
            tip += QLatin1Char('\n') + tr("Less consistent with themselves than with the others: a written standard "
                                          "does not fix this; training or a break might.");
        return tip;
    }
    if (role == Qt::ToolTipRole && c && index.column() == GoldAccuracy && c->gold.items > 0)
        return tr("%1 of %2 gold checks answered; κ against gold %3.")
            .arg(c->gold.items)
            .arg(c->goldScheduled)
            .arg(coefficientText(c->gold.kappa));
    const double self = c && c->self.pairs > 0 ? c->self.agreement : std::nan("");
    const double gold = c && c->gold.items > 0 ? c->gold.accuracy : std::nan("");
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool display = role == Qt::DisplayRole;
    switch (index.column()) {
    case Name: return r.name;
    case Items: return r.items;
    case Hlp: return display ? QVariant(percentText(r.hlp)) : QVariant(r.hlp);
    case HlpVsMajority: return display ? QVariant(percentText(r.hlpVsMajority)) : QVariant(r.hlpVsMajority);
    case KappaVsConsensus: return display ? QVariant(coefficientText(r.kappa)) : QVariant(r.kappa);
    case Self:
        if (!display)
            return self;
        return c && c->flagged ? percentText(self) + QStringLiteral(" ⚠") : percentText(self);
    case GoldAccuracy: return display ? QVariant(percentText(gold)) : QVariant(gold);
    default: return {};
    }
}

QVariant DashboardLabelerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case Items: return tr("Images this labeler labeled");
        case Hlp: return tr("Agreement with every other labeler on the images both labeled");
        case HlpVsMajority: return tr("Agreement with the majority of the other labels of each image");
        case KappaVsConsensus: return tr("Cohen's κ against the consensus");
        case Self:
            return tr("Self-agreement: the labeler's answers on repeats against their first answers (consistency "
                      "checks). ⚠: less consistent with themselves than with the others");
        case GoldAccuracy: return tr("Accuracy on gold images the labeler was not assigned");
        default: return {};
        }
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Labeler");
    case Items: return tr("n");
    case Hlp: return tr("HLP");
    case HlpVsMajority: return tr("vs majority");
    case KappaVsConsensus: return tr("κ vs consensus");
    case Self: return tr("Self");
    case GoldAccuracy: return tr("vs gold");
    default: return {};
    }
}

} // namespace concord::ui
