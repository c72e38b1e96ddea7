// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/document/errortext.h"

#include "core/common/error.h"

#include <QCoreApplication>

namespace concord::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("concord::ui::ErrorText", text);
}

QString headline(core::ErrorCode code)
{
    using core::ErrorCode;
    switch (code) {
    case ErrorCode::Io: return tr("A file could not be read or written.");
    case ErrorCode::NotAProject: return tr("This file is not a Concord project.");
    case ErrorCode::NewerVersion: return tr("This project was written by a newer Concord.");
    case ErrorCode::ReadOnly: return tr("The project is open read-only.");
    case ErrorCode::Database: return tr("The project database reported an error.");
    case ErrorCode::Parse: return tr("The input is malformed.");
    case ErrorCode::NotFound: return tr("Something named here does not exist.");
    case ErrorCode::Invalid: return tr("The request does not fit the project.");
    case ErrorCode::Busy: return tr("The project is locked by another program.");
    case ErrorCode::Cancelled: return tr("Cancelled.");
    case ErrorCode::Denied: return tr("Your role does not allow this.");
    case ErrorCode::Unavailable: return tr("The project's server cannot be reached.");
    }
    return tr("Unexpected error.");
}

} // namespace

QString errorText(const core::Error &error)
{
    QString text = headline(error.code());
    QString where;
    if (!error.file().empty())
        where = QString::fromStdString(error.file());
    if (error.line() > 0)
        where += tr(", line %1").arg(error.line());
    if (!error.field().empty())
        where += (where.isEmpty() ? QString() : QStringLiteral(", ")) + QString::fromStdString(error.field());
    text += QLatin1Char(' ') + sentence(QString::fromStdString(error.detail()));
    if (!where.isEmpty())
        text += QStringLiteral(" (") + where + QLatin1Char(')');
    return text;
}

QString sentence(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

QString withoutRepeatedTitle(const QString &title, QString text)
{
    QString repeat = title.trimmed();
    while (repeat.endsWith(QLatin1Char('.')) || repeat.endsWith(QLatin1Char(':')))
        repeat.chop(1);
    if (repeat.isEmpty())
        return text;
    repeat += QStringLiteral(": ");
    for (qsizetype at = text.indexOf(repeat, 0, Qt::CaseInsensitive); at >= 0;
         at = text.indexOf(repeat, at, Qt::CaseInsensitive)) {
        text.remove(at, repeat.size());
        if (at < text.size())
            text[at] = text[at].toUpper();
    }
    return sentence(text);
}

QString errorText(const std::exception &error)
{
    if (const auto *e = dynamic_cast<const core::Error *>(&error))
        return errorText(*e);
    return tr("Unexpected error: %1").arg(QString::fromLocal8Bit(error.what()));
}

} // namespace concord::ui
