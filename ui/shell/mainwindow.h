// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/datasetexporter.h"

#include <QMainWindow>

#include <memory>

class QMenu;
class QStackedWidget;
class QToolBar;
class QUndoGroup;

namespace concord::ui {

class LabelingView;
class LeadView;
class ProjectDocument;
class RecentProjectsModel;
class StartPage;

/// The main window only wires things together: the start page and the labeling view in a
/// stack, the menus built from the views' actions, the status bar, and the open/new/demo
/// flows that hand a ProjectDocument to the views.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a project and starts labeling as `labeler` (asks "Who is labeling?" when empty),
    /// with `passphrase` when signing in as that name needs one (core::signInProtection).
    /// Errors are shown to the user; returns false when nothing was opened.
    /// Opens a project file, or a server project from its connection string (File → Connect
    /// to server…, a recent server, or the command line).
    bool openProject(const QString &file, const QString &labeler = {}, const QString &passphrase = {});
    /// Asks where a team server is and who signs in, then opens its project.
    bool connectToServer(const QString &location = {}, const QString &problem = {});
    /// File → Switch labeler…: the sign-in dialog again; false when nobody new signed in.
    bool switchLabeler();
    void closeProject();

    ProjectDocument *document() const { return m_document.get(); }
    LabelingView *labelingView() const { return m_labelingView; }
    LeadView *leadView() const { return m_leadView; }
    /// Shows the labeling view (Alt+1); leads switch back to their pages with Alt+2…
    void showLabelingView();
    void showLeadView();
    /// Shows the page titled `name` (case-insensitive, "labeling" for the labeling view);
    /// false when the session has no such page.
    bool showPageNamed(const QString &name);

    /// Lead only (the export holds every labeler's labels): asks for the options and exports
    /// the data set with a progress dialog (Ctrl+E).
    void exportDataset();
    /// Runs one export with a progress dialog and reports the outcome; false when it failed
    /// or was cancelled. Reads the project through its own read-only connection.
    bool runExport(core::ExportRequest request);
    /// Lead only: asks where to save the HTML report and writes it (Ctrl+Shift+E).
    void writeReport();
    bool runReport(const QString &file);
    /// Asks for the folder the images are in now, previews and re-points them (File → Relink
    /// images…); the images then load again without a restart.
    void relinkImages();
    /// Lead only: Project → Settings… (classes, overlap, calibration, labelers).
    void projectSettings();
    /// Lead only: File → Import labels… / Import attributes…, as concord-cli import-labels and
    /// import-attributes (all or nothing, with progress).
    void importLabels();
    void importAttributes();
    StartPage *startPage() const { return m_startPage; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    /// File → Open recent, rebuilt each time it opens (missing files are shown, disabled).
    void fillRecentMenu();
    void newProject();
    void openProjectDialog();
    /// Opens (creating it first if needed) the demo project, as `labeler` when given.
    void openDemo(const QString &labeler = {});
    void showTour();
    bool startSession(const QString &labeler, QString passphrase = {});
    void updateTitle();
    void showError(const QString &title, const QString &text);
    /// An outcome worth a dialog; `folder`, when given, gets an "Open folder" button.
    void showOutcome(const QString &title, const QString &text, const QString &folder = {});
    void updateLeadActions();
    /// Lead only: sets, changes or removes the project's lead passphrase.
    void changeLeadPassphrase();
    /// A labeler's session: sets, changes or removes their own sign-in passphrase.
    void changeMyPassphrase();
    /// Asks for a current (when `needCurrent`), new and repeated passphrase; false when
    /// cancelled or the repetition differs (then says so).
    bool askPassphraseChange(const QString &title, const QString &text, bool needCurrent, QString &current,
                             QString &next);

    std::unique_ptr<ProjectDocument> m_document;
    QUndoGroup *m_undoGroup;
    RecentProjectsModel *m_recent;
    QStackedWidget *m_stack;
    StartPage *m_startPage;
    LabelingView *m_labelingView;
    LeadView *m_leadView;
    QToolBar *m_toolBar = nullptr;
    QToolBar *m_viewBar = nullptr;
    QAction *m_showLabeling = nullptr;
    QMenu *m_leadMenu = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_reportAction = nullptr;
    QAction *m_myPassphraseAction = nullptr;
    QAction *m_hideNamesAction = nullptr;
    QAction *m_importLabelsAction = nullptr;
    QAction *m_importAttributesAction = nullptr;
    QMenu *m_projectMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
};

} // namespace concord::ui
