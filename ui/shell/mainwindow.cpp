// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/mainwindow.h"

#include "core/common/error.h"
#include "core/demo/demo.h"
#include "core/imaging/image_import.h"
#include "core/project/project_ops.h"
#include "core/store/pg_db.h"
#include "ui/canvas/imagecanvas.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"
#include "ui/labeling/labelingview.h"
#include "ui/lead/leadview.h"
#include "ui/models/recentprojectsmodel.h"
#include "ui/shell/datafolder.h"
#include "ui/shell/checksdialog.h"
#include "ui/shell/connectdialog.h"
#include "ui/shell/shortcutsheet.h"
#include "ui/shell/filedialogs.h"
#include "ui/shell/labelerdialog.h"
#include "ui/shell/longtask.h"
#include "ui/shell/keybindings.h"
#include "ui/shell/newprojectdialog.h"
#include "ui/shell/preferencesdialog.h"
#include "ui/shell/startpage.h"
#include "ui/shell/tourdialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QUndoGroup>
#include <QToolBar>
#include <QUndoStack>

namespace concord::ui {

namespace {

/// QSettings key remembering who labels a given project on this machine.
QString labelerKey(const QString &projectFile)
{
    const QByteArray hash =
        QCryptographicHash::hash(QFileInfo(projectFile).absoluteFilePath().toUtf8(), QCryptographicHash::Sha1);
    return QStringLiteral("labelerOfProject/") + QString::fromLatin1(hash.toHex().left(16));
}

const QString kLastLabeler = QStringLiteral("lastLabeler");

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_undoGroup(new QUndoGroup(this))
    , m_recent(new RecentProjectsModel(this))
    , m_stack(new QStackedWidget(this))
    , m_startPage(new StartPage(m_recent, this))
    , m_labelingView(new LabelingView(this))
    , m_leadView(new LeadView(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_stack->addWidget(m_startPage);
    m_stack->addWidget(m_labelingView);
    m_stack->addWidget(m_leadView);
    connect(m_leadView, &LeadView::pageRequested, this, &MainWindow::showLeadView);
    setCentralWidget(m_stack);
    createMenus();
    for (QWidget *w : m_labelingView->statusWidgets())
        statusBar()->addPermanentWidget(w);

    connect(m_startPage, &StartPage::newProjectRequested, this, &MainWindow::newProject);
    connect(m_startPage, &StartPage::openProjectRequested, this, &MainWindow::openProjectDialog);
    connect(m_startPage, &StartPage::openDemoRequested, this, [this] { openDemo(); });
    connect(m_startPage, &StartPage::tourRequested, this, &MainWindow::showTour);
    connect(m_startPage, &StartPage::recentProjectRequested, this, [this](const QString &path) { openProject(path); });
    resize(1440, 900);
    updateTitle();
    applyKeyBindings(this); // the user's own keys (Edit → Preferences…)
}

MainWindow::~MainWindow()
{
    closeProject();
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    for (int row = 0; row < m_recent->rowCount(); ++row) {
        const QModelIndex index = m_recent->index(row);
        const QString path = index.data(RecentProjectsModel::PathRole).toString();
        QAction *a = m_recentMenu->addAction(index.data().toString(), this, [this, path] { openProject(path); });
        a->setToolTip(index.data(Qt::ToolTipRole).toString());
        a->setEnabled(!index.data(RecentProjectsModel::MissingRole).toBool());
    }
    if (m_recent->rowCount() == 0) {
        m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Remove &missing projects"), this, [this] { m_recent->removeMissing(); });
    m_recentMenu->addAction(tr("&Clear the list"), this, [this] {
        for (const QString &p : m_recent->paths())
            m_recent->remove(p);
    });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New project…"), QKeySequence::New, this, &MainWindow::newProject);
    file->addAction(tr("&Open project…"), QKeySequence::Open, this, &MainWindow::openProjectDialog);
    file->addAction(tr("&Connect to server…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                    [this] { connectToServer(); })
        ->setObjectName(QStringLiteral("actionConnectToServer"));
    m_recentMenu = file->addMenu(tr("Open &recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addAction(tr("Open the &demo"), this, [this] { openDemo(); });
    file->addSeparator();
    m_exportAction =
        file->addAction(tr("&Export data set…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::exportDataset);
    m_exportAction->setObjectName(QStringLiteral("actionExport"));
    m_reportAction = file->addAction(tr("Write &report…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this,
                                     &MainWindow::writeReport);
    m_reportAction->setObjectName(QStringLiteral("actionReport"));
    m_exportAction->setEnabled(false);
    m_reportAction->setEnabled(false);
    m_importLabelsAction = file->addAction(tr("Import &labels…"), this, &MainWindow::importLabels);
    m_importLabelsAction->setObjectName(QStringLiteral("actionImportLabels"));
    m_importAttributesAction = file->addAction(tr("Import &attributes…"), this, &MainWindow::importAttributes);
    m_importAttributesAction->setObjectName(QStringLiteral("actionImportAttributes"));
    m_importLabelsAction->setEnabled(false);
    m_importAttributesAction->setEnabled(false);
    file->addSeparator();
    file->addAction(tr("Re&link images…"), this, &MainWindow::relinkImages)
        ->setObjectName(QStringLiteral("actionRelinkImages"));
    file->addAction(tr("S&witch labeler…"), this, &MainWindow::switchLabeler);
    m_myPassphraseAction = file->addAction(tr("My &passphrase…"), this, &MainWindow::changeMyPassphrase);
    m_myPassphraseAction->setObjectName(QStringLiteral("actionMyPassphrase"));
    m_myPassphraseAction->setEnabled(false);
    file->addAction(tr("&Close project"), QKeySequence::Close, this, &MainWindow::closeProject);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Z)});
    undo->setObjectName(QStringLiteral("actionUndo"));
    QAction *redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    redo->setObjectName(QStringLiteral("actionRedo"));
    edit->addAction(undo);
    edit->addAction(redo);
    addAction(undo);
    addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("&Preferences…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), this,
                    [this] {
                        PreferencesDialog dialog(this, this);
                        dialog.exec();
                    })
        ->setObjectName(QStringLiteral("actionPreferences"));

    m_projectMenu = menuBar()->addMenu(tr("&Project"));
    m_projectMenu->setObjectName(QStringLiteral("projectMenu"));
    m_projectMenu->addAction(tr("&Settings…"), this, &MainWindow::projectSettings)
        ->setObjectName(QStringLiteral("actionProjectSettings"));
    m_projectMenu->menuAction()->setVisible(false);

    QMenu *label = menuBar()->addMenu(tr("&Label"));
    connect(label, &QMenu::aboutToShow, this, [this, label] {
        label->clear();
        label->addActions(m_labelingView->labelActions());
        label->addSeparator();
        label->addActions(m_labelingView->navigationActions());
    });
    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addActions(m_labelingView->toolActions());
    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_showLabeling =
        view->addAction(tr("&Labeling"), QKeySequence(Qt::ALT | Qt::Key_1), this, &MainWindow::showLabelingView);
    m_showLabeling->setObjectName(QStringLiteral("actionShowLabeling"));
    view->addActions(m_leadView->pageActions());
    view->addSeparator();
    view->addActions(m_labelingView->viewActions());

    // The lead's page actions, rebuilt on show so that each page can offer its own.
    m_leadMenu = menuBar()->addMenu(tr("L&ead"));
    auto *passphraseAction = new QAction(tr("Lead &passphrase…"), this);
    passphraseAction->setObjectName(QStringLiteral("actionLeadPassphrase"));
    connect(passphraseAction, &QAction::triggered, this, &MainWindow::changeLeadPassphrase);
    m_hideNamesAction = new QAction(tr("&Hide file names from labelers"), this);
    m_hideNamesAction->setObjectName(QStringLiteral("actionHideFileNames"));
    m_hideNamesAction->setCheckable(true);
    m_hideNamesAction->setToolTip(tr("Labelers see \"Image 12\" instead of file names, which often carry the class"));
    connect(m_hideNamesAction, &QAction::triggered, this, [this](bool hidden) {
        if (!m_document || !m_document->isLead())
            return;
        try {
            m_document->setFileNamesHidden(hidden);
            statusBar()->showMessage(
                hidden ? tr("Labelers see queue numbers instead of file names from their next sign-in.")
                       : tr("Labelers see file names from their next sign-in."),
                8000);
        } catch (const std::exception &e) {
            showError(tr("Setting not changed"), errorText(e));
        }
        m_hideNamesAction->setChecked(m_document->fileNamesHidden());
    });
    auto *checksAction = new QAction(tr("Consistency &checks…"), this);
    checksAction->setObjectName(QStringLiteral("actionConsistencyChecks"));
    checksAction->setToolTip(tr("Repeats and gold images in the labelers' queues"));
    connect(checksAction, &QAction::triggered, this, [this] {
        if (!m_document || !m_document->isLead())
            return;
        ChecksDialog dialog(m_document.get(), this);
        if (dialog.exec() == QDialog::Accepted)
            statusBar()->showMessage(dialog.result(), 8000);
    });
    connect(m_leadMenu, &QMenu::aboutToShow, this, [this, passphraseAction, checksAction] {
        m_leadMenu->clear();
        m_leadMenu->addActions(m_leadView->pageActions());
        m_leadMenu->addSeparator();
        m_leadMenu->addActions(m_leadView->allPageActions());
        m_leadMenu->addSeparator();
        m_leadMenu->addAction(checksAction);
        m_leadMenu->addAction(passphraseAction);
        if (m_document)
            m_hideNamesAction->setChecked(m_document->fileNamesHidden());
        m_leadMenu->addAction(m_hideNamesAction);
    });
    m_leadMenu->menuAction()->setVisible(false);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *tour =
        help->addAction(tr("&Tour of the raise-HLP loop"), QKeySequence::HelpContents, this, &MainWindow::showTour);
    tour->setObjectName(QStringLiteral("actionTour"));
    QAction *shortcuts = help->addAction(tr("&Keyboard shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_F1), this, [this] {
        ShortcutSheet sheet(this, this);
        sheet.exec();
    });
    shortcuts->setObjectName(QStringLiteral("actionShortcuts"));
    help->addAction(tr("&About Concord"), this, [this] {
        QMessageBox::about(this, tr("About Concord"),
                           tr("<h3>Concord %1</h3><p>Label images blind, measure how often labelers agree, "
                              "find why they disagree, and raise it with written standards.</p>"
                              "<p>GPL-3.0-or-later.</p>")
                               .arg(QApplication::applicationVersion()));
    });

    // One toolbar for the mouse user; every button has a key, shown in its tool tip.
    m_toolBar = addToolBar(tr("Labeling"));
    m_toolBar->setObjectName(QStringLiteral("labelingToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (QAction *tool : m_labelingView->toolActions())
        if (tool->isCheckable()) // the drawing tools; Esc, Enter and Delete are keys, not buttons
            m_toolBar->addAction(tool);
    m_toolBar->addSeparator();
    m_toolBar->addActions(m_labelingView->navigationActions());
    m_toolBar->addSeparator();
    m_toolBar->addActions(m_labelingView->viewActions().mid(0, 2));
    for (QAction *a : m_toolBar->actions())
        if (a->toolTip() == a->text().remove(QLatin1Char('&')) && !a->shortcut().isEmpty())
            a->setToolTip(QStringLiteral("%1 (%2)").arg(a->toolTip(), a->shortcut().toString()));
    m_toolBar->hide();

    // A lead moves between labeling and the lead pages; labelers never see this bar.
    m_viewBar = addToolBar(tr("Views"));
    m_viewBar->setObjectName(QStringLiteral("viewToolBar"));
    m_viewBar->setMovable(false);
    m_viewBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_viewBar->addAction(m_showLabeling);
    m_viewBar->addActions(m_leadView->pageActions());
    for (QAction *a : m_viewBar->actions())
        a->setToolTip(QStringLiteral("%1 (%2)").arg(a->text().remove(QLatin1Char('&')), a->shortcut().toString()));
    m_viewBar->hide();
}

void MainWindow::showLabelingView()
{
    if (!m_document || !m_document->hasSession())
        return;
    m_stack->setCurrentWidget(m_labelingView);
    m_toolBar->show();
    m_labelingView->canvas()->setFocus();
}

void MainWindow::showLeadView()
{
    if (!m_document || !m_document->isLead())
        return;
    m_stack->setCurrentWidget(m_leadView);
    m_toolBar->hide();
}

bool MainWindow::showPageNamed(const QString &name)
{
    if (!m_document || !m_document->hasSession())
        return false;
    if (name.compare(QLatin1String("labeling"), Qt::CaseInsensitive) == 0) {
        showLabelingView();
        return true;
    }
    if (!m_document->isLead())
        return false;
    for (QAction *a : m_leadView->pageActions()) {
        if (a->text().remove(QLatin1Char('&')).compare(name, Qt::CaseInsensitive) == 0) {
            a->trigger();
            return true;
        }
    }
    return false;
}

bool MainWindow::connectToServer(const QString &location, const QString &problem)
{
    ConnectDialog dialog(location, problem, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    return openProject(dialog.location());
}

bool MainWindow::openProject(const QString &file, const QString &labeler, const QString &passphrase)
{
    std::unique_ptr<ProjectDocument> doc;
    const bool server = core::isServerLocation(file.toStdString());
    try {
        doc = ProjectDocument::open(file);
    } catch (const core::Error &e) {
        // A server that wants a password (none in ~/.pgpass), or refused the one typed: ask
        // again with the fields filled in, instead of a dead end.
        if (server && e.code() == core::ErrorCode::Unavailable &&
            QGuiApplication::platformName() != QLatin1String("offscreen"))
            return connectToServer(file, errorText(e));
        showError(tr("Cannot open project"), errorText(e));
        return false;
    } catch (const std::exception &e) {
        showError(tr("Cannot open project"), errorText(e));
        return false;
    }
    closeProject();
    m_document = std::move(doc);
    // An apply undone or redone from the Edit menu says so where the apply was announced.
    connect(m_document.get(), &ProjectDocument::leadActionDone, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    // A server is remembered without its password.
    m_recent->add(server ? QString::fromStdString(core::pg::withoutPassword(file.toStdString())) : file,
                  m_document->displayName());
    if (!startSession(labeler, passphrase)) {
        closeProject();
        return false;
    }
    return true;
}

bool MainWindow::startSession(const QString &labeler, QString passphrase)
{
    QSettings settings;
    const QString file = m_document->filePath();
    QString name = labeler;
    core::Role role = core::Role::Labeler;
    if (name.isEmpty()) {
        const QString suggested = settings.value(labelerKey(file), settings.value(kLastLabeler)).toString();
        LabelerDialog dialog(*m_document, suggested, this);
        if (dialog.exec() != QDialog::Accepted)
            return false;
        name = dialog.name();
        role = dialog.role();
        passphrase = dialog.passphrase();
    }
    // A lead, and a labeler whose labels are protected, sign in with a passphrase
    // (core::signInProtection); core checks it.
    if (passphrase.isEmpty() && m_document->signInProtection(name).passphraseNeeded) {
        const auto existing = m_document->labelerByName(name);
        const bool asLead = existing && existing->role == core::Role::Lead;
        passphrase = qEnvironmentVariable(asLead ? "CONCORD_LEAD_PASSPHRASE" : "CONCORD_LABELER_PASSPHRASE");
        if (passphrase.isEmpty() && QGuiApplication::platformName() != QLatin1String("offscreen")) {
            bool ok = false;
            passphrase = QInputDialog::getText(
                this, asLead ? tr("Lead passphrase") : tr("Passphrase"),
                asLead ? tr("This project's lead actions are protected. Passphrase for %1:").arg(name.trimmed())
                       : tr("%1 signs in with a passphrase: theirs, or the lead passphrase.").arg(name.trimmed()),
                QLineEdit::Password, QString(), &ok);
            if (!ok)
                return false;
        }
    }
    try {
        m_labelingView->setDocument(nullptr);
        m_leadView->setDocument(nullptr);
        m_document->startSession(name, role, passphrase);
    } catch (const std::exception &e) {
        // A refused switch leaves the session that was signed in as it was.
        if (m_document->hasSession()) {
            m_labelingView->setDocument(m_document.get());
            m_leadView->setDocument(m_document->isLead() ? m_document.get() : nullptr);
        }
        showError(tr("Cannot start labeling"), errorText(e));
        return false;
    }
    settings.setValue(labelerKey(file), name);
    settings.setValue(kLastLabeler, name);
    m_undoGroup->addStack(m_document->undoStack());
    m_undoGroup->setActiveStack(m_document->undoStack());
    m_labelingView->setDocument(m_document.get());
    const bool lead = m_document->isLead();
    // Blind labeling: only a lead's session hands the project to the lead pages.
    m_leadView->setDocument(lead ? m_document.get() : nullptr);
    m_viewBar->setVisible(lead);
    m_leadMenu->menuAction()->setVisible(lead);
    m_projectMenu->menuAction()->setVisible(lead);
    m_showLabeling->setEnabled(true);
    updateLeadActions();
    applyKeyBindings(this); // actions a view made for this project (Ctrl+K's) get the user's keys too
    if (lead) {
        showLeadView();
    } else {
        m_stack->setCurrentWidget(m_labelingView);
        m_toolBar->show();
        m_labelingView->canvas()->setFocus();
    }
    if (m_document->isReadOnly())
        statusBar()->showMessage(tr("Read-only: this project file cannot be written; labels will not be saved."));
    updateTitle();
    return true;
}

void MainWindow::closeProject()
{
    m_labelingView->setDocument(nullptr);
    m_leadView->setDocument(nullptr);
    if (m_viewBar)
        m_viewBar->hide();
    if (m_leadMenu)
        m_leadMenu->menuAction()->setVisible(false);
    if (m_document)
        m_undoGroup->removeStack(m_document->undoStack());
    m_document.reset();
    updateLeadActions();
    m_stack->setCurrentWidget(m_startPage);
    m_toolBar->hide();
    updateTitle();
}

bool MainWindow::switchLabeler()
{
    return m_document && startSession({});
}

void MainWindow::openProjectDialog()
{
    const QString file =
        openFileName(this, tr("Open project"), QString(), tr("Concord projects (*.concord);;All files (*)"));
    if (!file.isEmpty())
        openProject(file);
}

void MainWindow::newProject()
{
    NewProjectDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString file = dialog.projectFile();
    try {
        ProjectDocument::create(file, dialog.settings(), dialog.classes());
    } catch (const std::exception &e) {
        showError(tr("Cannot create project"), errorText(e));
        return;
    }
    if (!dialog.imageFolder().isEmpty()) {
        const auto folder = std::filesystem::path(dialog.imageFolder().toStdString());
        core::ImageImportResult result;
        const auto error = runWithProgress(this, tr("Importing images…"), [&](const core::ProgressFn &progress) {
            auto store = ProjectAccess(file.toStdString()).open(core::OpenMode::ReadWrite);
            result = core::importImageFolder(*store, folder, {}, progress);
        });
        if (error) {
            try {
                std::rethrow_exception(error);
            } catch (const std::exception &e) {
                showError(tr("Images not imported"), errorText(e));
            }
        } else if (!result.failed.empty()) {
            QMessageBox::information(
                this, tr("Images imported"),
                tr("%n image(s) imported; %1 could not be read (first: %2).", nullptr, int(result.added))
                    .arg(result.failed.size())
                    .arg(QString::fromStdString(result.failed.front().path)));
        }
    }
    openProject(file);
}

void MainWindow::openDemo(const QString &labeler)
{
    const QString file = QDir(dataFolder()).filePath(QStringLiteral("demo/demo.concord"));
    if (!QFileInfo::exists(file)) {
        QDir().mkpath(QFileInfo(file).absolutePath());
        const auto error =
            runWithProgress(this, tr("Creating the demo project…"), [&](const core::ProgressFn &progress) {
                core::generateDemo(file.toStdString(), core::DemoOptions{}, progress);
            });
        if (error) {
            try {
                std::rethrow_exception(error);
            } catch (const core::Error &e) {
                if (e.code() != core::ErrorCode::Cancelled)
                    showError(tr("Cannot create the demo"), errorText(e));
                return;
            } catch (const std::exception &e) {
                showError(tr("Cannot create the demo"), errorText(e));
                return;
            }
        }
    }
    openProject(file, labeler);
}

void MainWindow::showTour()
{
    auto *tour = new TourDialog(this);
    tour->setAttribute(Qt::WA_DeleteOnClose);
    // The demo's lead is called "lead" (core/demo): the tour's loop is the lead's.
    connect(tour, &TourDialog::demoRequested, this, [this] { openDemo(QStringLiteral("lead")); });
    tour->open();
}

void MainWindow::updateTitle()
{
    if (!m_document || !m_document->hasSession()) {
        setWindowTitle(tr("Concord"));
        return;
    }
    setWindowTitle(
        tr("%1 — %2 — Concord").arg(m_document->displayName(), QString::fromStdString(m_document->labeler().name)));
}

bool MainWindow::askPassphraseChange(const QString &title, const QString &text, bool needCurrent, QString &current,
                                     QString &next)
{
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("passphraseDialog"));
    dialog.setWindowTitle(title);
    auto *currentEdit = new QLineEdit(&dialog);
    auto *nextEdit = new QLineEdit(&dialog);
    auto *repeatEdit = new QLineEdit(&dialog);
    for (auto *e : {currentEdit, nextEdit, repeatEdit})
        e->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout(&dialog);
    auto *intro = new QLabel(text, &dialog);
    intro->setWordWrap(true);
    form->addRow(intro);
    if (needCurrent)
        form->addRow(tr("&Current:"), currentEdit);
    form->addRow(tr("&New:"), nextEdit);
    form->addRow(tr("&Repeat:"), repeatEdit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    if (nextEdit->text() != repeatEdit->text()) {
        showError(tr("Passphrase not changed"), tr("The new passphrase and its repetition differ."));
        return false;
    }
    current = currentEdit->text();
    next = nextEdit->text();
    return true;
}

void MainWindow::changeLeadPassphrase()
{
    if (!m_document || !m_document->isLead())
        return;
    core::Store &store = m_document->leadStore();
    QString current;
    QString next;
    if (!askPassphraseChange(tr("Lead passphrase"),
                             tr("Leads sign in with this passphrase; standards, applies and decisions need a lead, "
                                "and it also opens every labeler's sign-in. Leave the new one empty to remove it."),
                             core::hasLeadPassphrase(store), current, next))
        return;
    try {
        core::setLeadPassphrase(store, current.toStdString(), next.toStdString(), m_document->labeler().name);
        statusBar()->showMessage(next.isEmpty() ? tr("Lead passphrase removed.") : tr("Lead passphrase set."), 8000);
    } catch (const std::exception &e) {
        showError(tr("Passphrase not changed"), errorText(e));
    }
}

void MainWindow::changeMyPassphrase()
{
    if (!m_document || !m_document->hasSession() || m_document->isLead())
        return;
    const QString me = QString::fromStdString(m_document->labeler().name);
    QString current;
    QString next;
    if (!askPassphraseChange(tr("My passphrase"),
                             tr("With a passphrase, switching to %1 in Concord needs it (or the lead passphrase), "
                                "so nobody else at this computer can see %1's labels. Leave the new one empty to "
                                "remove it.")
                                 .arg(me),
                             m_document->signInProtection(me).passphraseNeeded, current, next))
        return;
    try {
        m_document->setMyPassphrase(current, next);
        statusBar()->showMessage(next.isEmpty() ? tr("Your passphrase is removed.") : tr("Your passphrase is set."),
                                 8000);
    } catch (const std::exception &e) {
        showError(tr("Passphrase not changed"), errorText(e));
    }
}

void MainWindow::updateLeadActions()
{
    const bool lead = m_document && m_document->isLead();
    if (m_exportAction)
        m_exportAction->setEnabled(lead);
    if (m_reportAction)
        m_reportAction->setEnabled(lead);
    if (m_importLabelsAction)
        m_importLabelsAction->setEnabled(lead);
    if (m_importAttributesAction)
        m_importAttributesAction->setEnabled(lead);
    if (m_myPassphraseAction)
        m_myPassphraseAction->setEnabled(m_document && m_document->hasSession() && !lead);
}

void MainWindow::showError(const QString &title, const QString &message)
{
    const QString text = withoutRepeatedTitle(title, message);
    // Offscreen runs (tests, screenshots) must never block on a dialog.
    if (QGuiApplication::platformName() == QLatin1String("offscreen")) {
        qWarning("%s: %s", qPrintable(title), qPrintable(text));
        return;
    }
    QMessageBox::warning(this, title, text);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Drawn shapes are kept in the project as drafts; only input whose save failed (a locked
    // or read-only file) would be lost: try once more, then ask.
    if (m_document && m_document->hasUnsavedInput() && !m_document->saveNow() &&
        QMessageBox::question(this, tr("Quit without saving?"),
                              tr("Some labels or shapes could not be saved yet (the project file is locked or "
                                 "read-only). Quitting now loses them. Quit anyway?"),
                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes) {
        event->ignore();
        return;
    }
    closeProject();
    event->accept();
}

} // namespace concord::ui
