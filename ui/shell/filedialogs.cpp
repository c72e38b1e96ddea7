// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/filedialogs.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileIconProvider>
#include <QMimeDatabase>

namespace concord::ui {

namespace {

/// Icons and type names from the file name alone: never opens a file. Called from the file
/// system model's gatherer thread too; QMimeDatabase is thread-safe.
class NameOnlyIconProvider final : public QFileIconProvider
{
public:
    QIcon icon(const QFileInfo &info) const override { return QFileIconProvider::icon(info.isDir() ? Folder : File); }
    QString type(const QFileInfo &info) const override
    {
        if (info.isDir())
            return QCoreApplication::translate("FileDialogs", "Folder");
        if (info.suffix().compare(QLatin1String("concord"), Qt::CaseInsensitive) == 0)
            return QCoreApplication::translate("FileDialogs", "Concord project");
        const QMimeType mime = QMimeDatabase().mimeTypeForFile(info.fileName(), QMimeDatabase::MatchExtension);
        if (!mime.isDefault())
            return mime.comment();
        return info.suffix().isEmpty() ? QCoreApplication::translate("FileDialogs", "File")
                                       : QCoreApplication::translate("FileDialogs", "%1 file").arg(info.suffix());
    }
};

QString run(QWidget *parent, const QString &caption, const QString &dir, const QString &filter,
            QFileDialog::AcceptMode accept, QFileDialog::FileMode mode)
{
    NameOnlyIconProvider icons; // outlives the dialog below
    QFileDialog dialog(parent, caption, dir, filter);
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    dialog.setIconProvider(&icons);
    dialog.setAcceptMode(accept);
    dialog.setFileMode(mode);
    if (mode == QFileDialog::Directory)
        dialog.setOption(QFileDialog::ShowDirsOnly);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    return dialog.selectedFiles().constFirst();
}

} // namespace

QString openFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter)
{
    return run(parent, caption, dir, filter, QFileDialog::AcceptOpen, QFileDialog::ExistingFile);
}

QString saveFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter)
{
    return run(parent, caption, dir, filter, QFileDialog::AcceptSave, QFileDialog::AnyFile);
}

QString existingDirectory(QWidget *parent, const QString &caption, const QString &dir)
{
    return run(parent, caption, dir, {}, QFileDialog::AcceptOpen, QFileDialog::Directory);
}

} // namespace concord::ui
