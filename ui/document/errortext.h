// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <exception>

namespace concord::core {
class Error;
}

namespace concord::ui {

/// A core error in words for people: what happened, then the file/line/field it concerns.
QString errorText(const core::Error &error);

/// Same for any exception caught at a ui boundary (core::Error gets its full text).
QString errorText(const std::exception &error);

/// `text` as a sentence: its first letter upper case (core's details start in lower case,
/// "the class exists already", because the CLI prints them after a colon).
QString sentence(QString text);

/// `text` shown under the heading `title`, without the title repeated in it: core's detail
/// "cannot open project: unable to open database file" under "Cannot open project" reads
/// "… Unable to open database file", not "Cannot open project: … cannot open project: …".
/// The letter after a dropped repeat becomes upper case.
QString withoutRepeatedTitle(const QString &title, QString text);

} // namespace concord::ui
