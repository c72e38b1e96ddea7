// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/adjudicationqueuemodel.h"

#include "ui/document/enumtext.h"
#include <QFileInfo>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace concord::ui {

AdjudicationQueueModel::AdjudicationQueueModel(std::function<QString(std::optional<core::Id>)> className,
                                               QObject *parent)
    : PagedListModel(kPageSize, parent)
    , m_className(std::move(className))
{
}

void AdjudicationQueueModel::setEntries(std::vector<Entry> entries)
{
    resetRows([&] { m_entries = std::move(entries); });
}

int AdjudicationQueueModel::rowOf(core::Id image) const
{
    const auto it =
        std::find_if(m_entries.begin(), m_entries.end(), [image](const Entry &e) { return e.image == image; });
    return it == m_entries.end() ? -1 : static_cast<int>(it - m_entries.begin());
}

void AdjudicationQueueModel::setDecision(int row, std::optional<core::Decision> decision)
{
    if (row < 0 || row >= static_cast<int>(m_entries.size()))
        return;
    m_entries[static_cast<std::size_t>(row)].decision = std::move(decision);
    if (row < rowCount())
        emit dataChanged(index(row), index(row));
}

QVariant AdjudicationQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: {
        QString text = QStringLiteral("%1%2 \u00b7 %3 % \u00b7 %4")
                           .arg(e.cluster ? tr("cluster %1 \u00b7 ").arg(e.cluster) : QString(), e.dispute)
                           .arg(qRound(e.agreement * 100))
                           .arg(QFileInfo(e.path).fileName());
        if (e.decision) {
            const QString what = e.decision->method == core::DecisionMethod::Excluded
                                     ? EnumText::of(core::DecisionMethod::Excluded)
                                     : m_className(e.decision->labelClass);
            text = QStringLiteral("\u2713 %1 \u2014 ").arg(what) + text;
        }
        return text;
    }
    case Qt::ForegroundRole:
        // Decided rows greyed out; the others in the view's own colours.
        return e.decision ? QVariant(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text)) : QVariant();
    case Qt::ToolTipRole: return e.path;
    case ImageIdRole: return QVariant::fromValue<qint64>(e.image);
    case DecidedRole: return e.decision.has_value();
    default: return {};
    }
}

} // namespace concord::ui
