// SPDX-License-Identifier: GPL-3.0-or-later
// The lead's project tasks of the main window (the File and Project menus' export, report,
// relink, settings and imports), kept apart from the window's shell (mainwindow.cpp: menus,
// opening, signing in) so that neither grows past what one reads at once.
#include "ui/shell/mainwindow.h"

#include "core/common/error.h"
#include "core/report/htmlreport.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"
#include "ui/labeling/labelingview.h"
#include "ui/shell/exportdialog.h"
#include "ui/shell/filedialogs.h"
#include "ui/shell/importattributesdialog.h"
#include "ui/shell/importlabelsdialog.h"
#include "ui/shell/longtask.h"
#include "ui/shell/projectsettingsdialog.h"
#include "ui/shell/relinkdialog.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QUrl>

namespace concord::ui {

void MainWindow::exportDataset()
{
    if (!m_document || !m_document->isLead())
        return;
    ExportDialog dialog(m_document->filePath(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // The dialog has asked about a previous export in the folder (its "replace" box).
    runExport(dialog.request());
}

bool MainWindow::runExport(core::ExportRequest request)
{
    if (!m_document || !m_document->isLead())
        return false;
    const ProjectAccess project = m_document->leadAccess();
    core::ExportReport report;
    const auto error = runWithProgress(this, tr("Exporting the data set…"), [&](const core::ProgressFn &progress) {
        // Its own connection: the window's store stays on the GUI thread.
        auto store = project.open();
        request.progress = progress;
        report = core::exportDataset(*store, request);
    });
    const QString folder = QString::fromStdString(request.outDir.string());
    if (error) {
        try {
            std::rethrow_exception(error);
        } catch (const core::Error &e) {
            if (e.code() == core::ErrorCode::Cancelled)
                statusBar()->showMessage(tr("Export cancelled; %1 is unchanged.").arg(QDir::toNativeSeparators(folder)),
                                         8000);
            else
                showError(tr("Export failed"), errorText(e));
        } catch (const std::exception &e) {
            showError(tr("Export failed"), errorText(e));
        }
        return false;
    }
    QString text = tr("Exported %n image(s) as %1 to %2.", nullptr, int(report.exported))
                       .arg(QString::fromStdString(request.format), QDir::toNativeSeparators(folder));
    if (request.blurFaces)
        text += QLatin1Char(' ') + tr("%n face(s) blurred in the copies.", nullptr, int(report.facesBlurred));
    if (report.replaced)
        text += QLatin1Char(' ') + tr("The previous export there was replaced.");
    if (!report.keptAside.empty())
        text +=
            QLatin1Char(' ') + tr("Files added to its folder during the export were kept in %1.")
                                   .arg(QDir::toNativeSeparators(QString::fromStdString(report.keptAside.string())));
    if (report.unresolved > 0)
        text += QStringLiteral("\n\n") +
                (request.options.includeUnresolved
                     ? tr("%n image(s) have no final label; they are included with an empty label and listed in "
                          "unresolved.csv.",
                          nullptr, int(report.unresolved))
                     : tr("%n image(s) have no final label; they are left out and listed in unresolved.csv. "
                          "Adjudicate them, or export with \"Include images without a final label\".",
                          nullptr, int(report.unresolved)));
    statusBar()->showMessage(tr("Exported %n image(s).", nullptr, int(report.exported)), 8000);
    showOutcome(tr("Data set exported"), text, folder);
    return true;
}

void MainWindow::writeReport()
{
    if (!m_document || !m_document->isLead())
        return;
    const QFileInfo project(m_document->filePath());
    const QString suggested =
        project.absoluteDir().filePath(project.completeBaseName() + QStringLiteral("-report.html"));
    const QString file = saveFileName(this, tr("Write report"), suggested, tr("HTML files (*.html);;All files (*)"));
    if (!file.isEmpty())
        runReport(file);
}

bool MainWindow::runReport(const QString &file)
{
    if (!m_document || !m_document->isLead())
        return false;
    const ProjectAccess project = m_document->leadAccess();
    const auto out = std::filesystem::path(QDir::toNativeSeparators(file).toStdString());
    const auto error = runWithProgress(this, tr("Writing the report…"), [&](const core::ProgressFn &progress) {
        auto store = project.open();
        core::writeHtmlReport(*store, out, {}, progress);
    });
    if (error) {
        try {
            std::rethrow_exception(error);
        } catch (const core::Error &e) {
            if (e.code() != core::ErrorCode::Cancelled)
                showError(tr("Report not written"), errorText(e));
        } catch (const std::exception &e) {
            showError(tr("Report not written"), errorText(e));
        }
        return false;
    }
    statusBar()->showMessage(tr("Report written to %1").arg(QDir::toNativeSeparators(file)), 8000);
    if (QGuiApplication::platformName() != QLatin1String("offscreen") &&
        QMessageBox::question(this, tr("Report written"),
                              tr("The report is in %1 (one self-contained HTML file). Open it now?")
                                  .arg(QDir::toNativeSeparators(file))) == QMessageBox::Yes)
        QDesktopServices::openUrl(QUrl::fromLocalFile(file));
    return true;
}

void MainWindow::relinkImages()
{
    if (!m_document)
        return;
    RelinkDialog dialog(m_document.get(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    try {
        const auto n = dialog.relink();
        statusBar()->showMessage(tr("Re-pointed %n image(s).", nullptr, int(n)), 8000);
    } catch (const std::exception &e) {
        showError(tr("Images not relinked"), errorText(e));
    }
}

void MainWindow::projectSettings()
{
    if (!m_document || !m_document->isLead())
        return;
    // The labeling view and the queue follow ProjectDocument::classesChanged themselves, each
    // edit as it is made (tst_settingsdialogs' labelingViewFollowsTheClasses).
    ProjectSettingsDialog dialog(m_document.get(), this);
    dialog.exec();
}

void MainWindow::importLabels()
{
    if (!m_document || !m_document->isLead())
        return;
    ImportLabelsDialog dialog(m_document.get(), this);
    if (dialog.exec() == QDialog::Accepted) {
        m_labelingView->setDocument(m_document.get()); // new classes, the lead's own labels
        statusBar()->showMessage(dialog.result(), 10000);
    }
}

void MainWindow::importAttributes()
{
    if (!m_document || !m_document->isLead())
        return;
    ImportAttributesDialog dialog(m_document.get(), this);
    if (dialog.exec() == QDialog::Accepted)
        statusBar()->showMessage(dialog.result(), 10000);
}

void MainWindow::showOutcome(const QString &title, const QString &text, const QString &folder)
{
    if (QGuiApplication::platformName() == QLatin1String("offscreen")) {
        qInfo("%s: %s", qPrintable(title), qPrintable(text));
        return;
    }
    QMessageBox box(QMessageBox::Information, title, text, QMessageBox::Ok, this);
    QPushButton *open = folder.isEmpty() ? nullptr : box.addButton(tr("Open folder"), QMessageBox::ActionRole);
    box.exec();
    if (open && box.clickedButton() == open)
        QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
}

} // namespace concord::ui
