// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/examplemodel.h"

#include "ui/document/enumtext.h"

#include <QColor>
#include <QFileInfo>

namespace concord::ui {

ExampleModel::ExampleModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_thumbnails(new Thumbnails(96, this))
{
    connect(m_thumbnails, &Thumbnails::ready, this, &ExampleModel::thumbnailReady);
}

ExampleModel::~ExampleModel() = default;

void ExampleModel::setThumbnailSize(int side)
{
    m_thumbnails->setSide(side);
}

void ExampleModel::setExamples(std::vector<Entry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
    for (const auto &e : m_entries)
        m_thumbnails->get(e.path); // asks for the ones not made yet
}

void ExampleModel::thumbnailReady(const QString &path)
{
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].path == path)
            emit dataChanged(index(static_cast<int>(i)), index(static_cast<int>(i)), {Qt::DecorationRole});
}

int ExampleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant ExampleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &e = m_entries[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: {
        // "Example · scratch", then the measurement and the note, one line each (elided).
        QString text = EnumText::capitalized(EnumText::of(e.example.role));
        if (!e.expectedClass.isEmpty())
            text += QStringLiteral(" \u00b7 ") + e.expectedClass;
        if (!e.measurement.isEmpty())
            text += QLatin1Char('\n') + e.measurement;
        if (m_notesInText && !e.example.note.empty())
            text += QLatin1Char('\n') + QString::fromStdString(e.example.note);
        return text;
    }
    case Qt::ToolTipRole:
        if (!e.example.note.empty())
            return QString::fromStdString(e.example.note);
        return m_fileNamesShown ? QFileInfo(e.path).fileName() : QString();
    case NoteRole: return QString::fromStdString(e.example.note);
    case ExpectedClassRole: return e.expectedClass;
    case MeasurementRole: return e.measurement;
    case Qt::DecorationRole: {
        if (const QImage image = m_thumbnails->get(e.path); !image.isNull())
            return image;
        const int side = m_thumbnails->side();
        QImage grey(side, side, QImage::Format_RGB32);
        grey.fill(QColor(0x60, 0x60, 0x60));
        return grey;
    }
    case ImageIdRole: return QVariant::fromValue<qint64>(e.example.image);
    case PathRole: return e.path;
    case ExampleRoleRole: {
        const auto s = core::toString(e.example.role);
        return QString::fromLatin1(s.data(), static_cast<qsizetype>(s.size()));
    }
    default: return {};
    }
}

} // namespace concord::ui
