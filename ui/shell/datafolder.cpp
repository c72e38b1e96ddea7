// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/datafolder.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace concord::ui {

QString dataFolder()
{
    const QString app = QCoreApplication::applicationName();
    const QDir root(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation));
    QString folder = root.filePath(app);
    QDir().mkpath(folder);
    // The doubled folder of earlier versions: <data>/<organisation>/<application>.
    const QString organisation = QCoreApplication::organizationName();
    if (organisation.isEmpty())
        return folder;
    QDir old(root.filePath(organisation + QLatin1Char('/') + app));
    if (QDir::cleanPath(old.absolutePath()) == QDir::cleanPath(QDir(folder).absolutePath()) || !old.exists())
        return folder;
    const QDir target(folder);
    for (const QString &entry : old.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)) {
        if (!QFileInfo::exists(target.filePath(entry)))
            QDir().rename(old.filePath(entry), target.filePath(entry)); // same file system: a rename
    }
    if (old.isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot))
        old.removeRecursively();
    return folder;
}

} // namespace concord::ui
