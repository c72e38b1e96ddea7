// SPDX-License-Identifier: GPL-3.0-or-later
// concord: the desktop application. Argument parsing and wiring only (Tiled's tiledapp/main.cpp);
// everything else lives in concord_ui.
#include "ui/document/projectaccess.h"
#include "ui/document/projectdocument.h"
#include "ui/labeling/exampleviewer.h"
#include "ui/labeling/labelingview.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/importattributesdialog.h"
#include "ui/shell/importlabelsdialog.h"
#include "ui/shell/appearance.h"
#include "ui/shell/preferencesdialog.h"
#include "ui/shell/projectsettingsdialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <string_view>

namespace {

/// Whether the command line asks only for the help or the version, which show no window.
bool onlyPrints(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (arg == "--")
            break;
        if (arg == "-h" || arg == "--help" || arg == "-?" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

/// The dialog named on the command line (--dialog), for screenshots; null when there is no
/// such dialog or it is a lead's and the session is not.
std::unique_ptr<QWidget> leadDialog(const QString &name, concord::ui::MainWindow &window)
{
    if (name == QLatin1String("preferences")) // anyone's
        return std::make_unique<concord::ui::PreferencesDialog>(&window, &window);
    concord::ui::ProjectDocument *document = window.document();
    if (name == QLatin1String("example") && document) // anyone's: the first example of the label book
        for (const auto &standard : document->activeStandards()) {
            concord::ui::ExampleModel examples;
            examples.setExamples(concord::ui::taughtExampleEntries(*document, standard));
            if (examples.rowCount() > 0)
                return std::make_unique<concord::ui::ExampleViewer>(concord::ui::exampleContent(examples, 0, *document),
                                                                    &window);
        }
    if (!document || !document->isLead())
        return nullptr;
    if (name == QLatin1String("settings"))
        return std::make_unique<concord::ui::ProjectSettingsDialog>(document, &window);
    if (name == QLatin1String("import-labels"))
        return std::make_unique<concord::ui::ImportLabelsDialog>(document, &window);
    if (name == QLatin1String("import-attributes"))
        return std::make_unique<concord::ui::ImportAttributesDialog>(document, &window);
    return nullptr;
}

} // namespace

int main(int argc, char **argv)
{
    // The icons live in concord_ui, a static library: register its resources explicitly.
    Q_INIT_RESOURCE(concord);
    // QApplication needs a display before anything is parsed; --help and --version print and
    // quit, so they get the offscreen platform and work over ssh and in scripts.
    if (onlyPrints(argc, argv) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Concord"));
    QApplication::setApplicationName(QStringLiteral("Concord"));
    QApplication::setApplicationVersion(QStringLiteral(CONCORD_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/concord/icons/concord.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Concord: label images blind and raise the agreement between labelers."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("PROJECT"),
        QApplication::translate("main", "Project file (*.concord) to open, or a team server's connection "
                                        "string (postgresql://USER@HOST/DB; password from "
                                        "PGPASSWORD or ~/.pgpass, docs/TEAM.md)."),
        QStringLiteral("[PROJECT]"));
    const QCommandLineOption labelerOption(
        QStringLiteral("labeler"),
        QApplication::translate("main", "Label as NAME (created when new) instead of asking who is labeling."),
        QStringLiteral("NAME"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save a picture of the window to FILE once it is shown, then quit (docs)."),
        QStringLiteral("FILE"));
    const QCommandLineOption delayOption(
        QStringLiteral("screenshot-delay"),
        QApplication::translate("main", "Milliseconds to wait before the screenshot (default 1500)."),
        QStringLiteral("MS"), QStringLiteral("1500"));
    const QCommandLineOption widthOption(
        QStringLiteral("screenshot-width"),
        QApplication::translate("main", "Scale the screenshot to this width in pixels (the tour's pictures)."),
        QStringLiteral("PX"));
    const QCommandLineOption paletteOption(
        QStringLiteral("palette"),
        QApplication::translate("main", "Use a light or dark palette (Fusion style), or the desktop's, for this run "
                                        "(Edit > Preferences... keeps a choice)."),
        QStringLiteral("light|dark|desktop"));
    const QCommandLineOption toolOption(QStringLiteral("tool"),
                                        QApplication::translate("main", "Start with a tool: select, box or line."),
                                        QStringLiteral("TOOL"));
    const QCommandLineOption imageOption(
        QStringLiteral("image"), QApplication::translate("main", "Show this image of the queue first (file name)."),
        QStringLiteral("NAME"));
    const QCommandLineOption pageOption(
        QStringLiteral("page"),
        QApplication::translate(
            "main", "For a lead: start on this page (labeling, dashboard, clusters, standards, adjudication, "
                    "adjudication-objects: its Objects mode)."),
        QStringLiteral("PAGE"));
    const QCommandLineOption zoomOption(
        QStringLiteral("zoom"),
        QApplication::translate("main", "Show the first image at actual pixels (1:1, centred) instead of fitted."),
        QStringLiteral("1:1"));
    const QCommandLineOption dialogOption(
        QStringLiteral("dialog"),
        QApplication::translate("main", "Open this dialog too (preferences: Edit > Preferences...; example: the "
                                        "first example of the first active standard, enlarged; for a lead: "
                                        "settings: Project > Settings..., import-labels, import-attributes: File > "
                                        "Import...); --screenshot then saves the dialog."),
        QStringLiteral("NAME"));
    parser.addOptions({labelerOption, imageOption, screenshotOption, delayOption, widthOption, toolOption, pageOption,
                       paletteOption, zoomOption, dialogOption});
    parser.process(app);

    // --palette for this run only (screenshots); else the colours chosen in Edit → Preferences….
    if (parser.isSet(paletteOption)) {
        const auto named = concord::ui::appearanceNamed(parser.value(paletteOption));
        if (!named) {
            std::fprintf(stderr, "concord: --palette is light, dark or desktop, not %s\n",
                         qPrintable(parser.value(paletteOption)));
            return 2;
        }
        concord::ui::setAppearance(*named, false);
    } else {
        concord::ui::setAppearance(concord::ui::savedAppearance(), false);
    }

    concord::ui::MainWindow window;
    window.show();
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty() && !window.openProject(args.first(), parser.value(labelerOption)) &&
        parser.isSet(screenshotOption))
        return 1;
    if (parser.isSet(imageOption) && !window.labelingView()->goToImageNamed(parser.value(imageOption)))
        qWarning("%s is not in this labeler's queue", qPrintable(parser.value(imageOption)));
    if (parser.isSet(toolOption)) {
        const QString tool = parser.value(toolOption);
        const QString name = tool == QLatin1String("box")    ? QStringLiteral("actionBoxTool")
                             : tool == QLatin1String("line") ? QStringLiteral("actionLineTool")
                                                             : QStringLiteral("actionSelectTool");
        if (auto *a = window.labelingView()->findChild<QAction *>(name))
            a->trigger();
    }
    if (parser.isSet(zoomOption)) {
        if (parser.value(zoomOption) != QLatin1String("1:1"))
            qWarning("--zoom takes 1:1");
        else if (auto *a = window.labelingView()->findChild<QAction *>(QStringLiteral("actionOneToOne")))
            a->trigger();
    }
    if (parser.isSet(pageOption)) {
        // "adjudication-objects": the adjudication page, switched to its Objects mode.
        const QString page = parser.value(pageOption);
        const bool objects = page.compare(QLatin1String("adjudication-objects"), Qt::CaseInsensitive) == 0;
        if (!window.showPageNamed(objects ? QStringLiteral("adjudication") : page))
            qWarning("no page %s for this session", qPrintable(page));
        else if (auto *a = objects ? window.findChild<QAction *>(QStringLiteral("actionAdjudicationObjects")) : nullptr)
            a->trigger();
    }
    std::unique_ptr<QWidget> dialog;
    if (parser.isSet(dialogOption)) {
        dialog = leadDialog(parser.value(dialogOption), window);
        if (dialog)
            dialog->show();
        else
            qWarning("no dialog %s for this session (preferences, example; settings, import-labels, "
                     "import-attributes for a lead)",
                     qPrintable(parser.value(dialogOption)));
        if (auto *viewer = qobject_cast<concord::ui::ExampleViewer *>(dialog.get()))
            viewer->canvas()->fitToWindow();
    }
    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        const int width = parser.value(widthOption).toInt();
        QWidget *shown = dialog ? dialog.get() : &window;
        QTimer::singleShot(parser.value(delayOption).toInt(), &window, [shown, file, width] {
            QPixmap shot = shown->grab();
            if (width > 0)
                shot = shot.scaledToWidth(width, Qt::SmoothTransformation);
            const bool ok = shot.save(file, nullptr, 88);
            QApplication::exit(ok ? 0 : 1);
        });
    }
    const int status = app.exec();
    // A page's background job (the clusters page decoding images) may still run. Wait for it
    // here, while every library is alive: left to the pool's static destructor, it ran on after
    // OpenCV's own statics were gone and crashed the exit (seen with --screenshot).
    concord::ui::ProjectAccess::pool().clear();
    concord::ui::ProjectAccess::pool().waitForDone();
    return status;
}
