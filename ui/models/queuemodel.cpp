// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/queuemodel.h"

#include "ui/document/projectdocument.h"

#include <QColor>
#include <QIcon>

namespace concord::ui {

QueueModel::QueueModel(ProjectDocument *document, QObject *parent)
    : PagedListModel(ProjectDocument::kQueuePageSize, parent)
    , m_document(document)
{
    resetRows([] {});
    connect(document, &ProjectDocument::sessionStarted, this, [this] { resetRows([] {}); });
    connect(document, &ProjectDocument::reloaded, this, [this] { resetRows([] {}); });
    connect(document, &ProjectDocument::imageStateChanged, this, &QueueModel::imageChanged);
    connect(document, &ProjectDocument::imageHealthChanged, this, &QueueModel::imageChanged);
    connect(document, &ProjectDocument::imagesRelinked, this, [this] {
        if (rowCount() > 0)
            emit dataChanged(index(0), index(rowCount() - 1));
    });
}

int QueueModel::totalRows() const
{
    return m_document->queueSize();
}

namespace {

/// The session shows this row by its queue number, not its file name (also with no session).
bool isNameHidden(const ProjectDocument &document, const std::string &path, int row)
{
    const core::Session *session = document.session();
    return !session || session->shownImageName(path, row).hidden();
}

} // namespace

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return rowData(*m_document, index.row(), role);
}

QVariant QueueModel::rowData(const ProjectDocument &document, int row, int role)
{
    const core::QueueEntry e = document.queueEntry(row);
    const auto cls = e.myLabelClass ? document.labelClass(*e.myLabelClass) : std::nullopt;
    switch (role) {
    case Qt::DisplayRole: {
        // File names often carry the class: a labeler may see only the queue number ("Image 12").
        const bool hidden = isNameHidden(document, e.path, row);
        const QString name = document.shownImageName(e.path, row);
        QString text = hidden ? name : QStringLiteral("%1  %2").arg(row + 1, 3).arg(name);
        if (e.round > 0 && !core::isAnswered(e) && e.state != core::AssignmentState::Skipped)
            text += QStringLiteral("  · ") + tr("relabel"); // sent back by a standard: answer again
        else if (cls)
            text += QStringLiteral("  · ") + QString::fromStdString(cls->name) +
                    (e.labelByStandard ? QLatin1Char(' ') + tr("(set by a standard)") : QString());
        else if (e.state == core::AssignmentState::Skipped)
            text += QStringLiteral("  · ") + tr("skipped");
        return text;
    }
    case Qt::ToolTipRole: {
        QString tip =
            isNameHidden(document, e.path, row) ? document.shownImageName(e.path, row) : QString::fromStdString(e.path);
        if (e.round > 0 && !core::isAnswered(e))
            if (const auto s = document.standardOfRound(e.round))
                tip += QLatin1Char('\n') + tr("Sent back by the standard “%1” v%2: label it again.")
                                               .arg(QString::fromStdString(s->title))
                                               .arg(s->version);
        return tip;
    }
    case Qt::DecorationRole:
        if (const auto h = document.imageHealth(e.image).health; !core::mayLabel(h))
            return QIcon(h == core::ImageHealth::Damaged ? QStringLiteral(":/concord/icons/image-damaged.svg")
                                                         : QStringLiteral(":/concord/icons/image-missing.svg"));
        if (cls)
            return QColor(QString::fromStdString(cls->color));
        return QColor(e.state == core::AssignmentState::Skipped ? 0x9e9e9e : 0xdedede);
    case ImageIdRole: return QVariant::fromValue<qint64>(e.image);
    case LabelClassRole: return e.myLabelClass ? QVariant::fromValue<qint64>(*e.myLabelClass) : QVariant();
    case StateRole:
        return QString::fromLatin1(core::toString(e.state).data(),
                                   static_cast<qsizetype>(core::toString(e.state).size()));
    case HealthRole: return static_cast<int>(document.imageHealth(e.image).health);
    case QueueRowRole: return row;
    default: return {};
    }
}

QHash<int, QByteArray> QueueModel::roleNames() const
{
    return rowRoleNames();
}

QHash<int, QByteArray> QueueModel::rowRoleNames()
{
    QHash<int, QByteArray> names{
        {Qt::DisplayRole, "display"}, {Qt::DecorationRole, "decoration"}, {Qt::ToolTipRole, "toolTip"}};
    names.insert(ImageIdRole, "imageId");
    names.insert(LabelClassRole, "labelClass");
    names.insert(StateRole, "state");
    names.insert(HealthRole, "health");
    names.insert(QueueRowRole, "queueRow");
    return names;
}

void QueueModel::imageChanged(qint64 image)
{
    for (const int row : m_document->queueRowsOf(image)) // one row per round of the image
        if (row < rowCount())
            emit dataChanged(index(row), index(row));
}

} // namespace concord::ui
