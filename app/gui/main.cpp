// SPDX-License-Identifier: GPL-3.0-or-later
// concord: the desktop application. Argument parsing and wiring only (Tiled's tiledapp/main.cpp);
// everything else lives in concord_ui.
#include "ui/labelingview.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

int main(int argc, char **argv)
{
    // The icons live in concord_ui, a static library: register its resources explicitly.
    Q_INIT_RESOURCE(concord);
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
    parser.addPositionalArgument(QStringLiteral("PROJECT"),
                                 QApplication::translate("main", "Project file (*.concord) to open."),
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
    const QCommandLineOption toolOption(
        QStringLiteral("tool"), QApplication::translate("main", "Start with a tool: select, box or line."),
        QStringLiteral("TOOL"));
    const QCommandLineOption imageOption(
        QStringLiteral("image"), QApplication::translate("main", "Show this image of the queue first (file name)."),
        QStringLiteral("NAME"));
    const QCommandLineOption pageOption(
        QStringLiteral("page"),
        QApplication::translate("main", "For a lead: start on this page (labeling, dashboard, clusters, standards, adjudication)."),
        QStringLiteral("PAGE"));
    parser.addOptions({labelerOption, imageOption, screenshotOption, delayOption, widthOption, toolOption, pageOption});
    parser.process(app);

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
    if (parser.isSet(pageOption) && !window.showPageNamed(parser.value(pageOption)))
        qWarning("no page %s for this session", qPrintable(parser.value(pageOption)));
    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        const int width = parser.value(widthOption).toInt();
        QTimer::singleShot(parser.value(delayOption).toInt(), &window, [&window, file, width] {
            QPixmap shot = window.grab();
            if (width > 0)
                shot = shot.scaledToWidth(width, Qt::SmoothTransformation);
            const bool ok = shot.save(file, nullptr, 88);
            QApplication::exit(ok ? 0 : 1);
        });
    }
    return app.exec();
}
