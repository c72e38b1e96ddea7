// SPDX-License-Identifier: GPL-3.0-or-later
// Export dialog and report action (issue 7): the lead exports the data set and writes the
// report from the window. Expected final labels are counted here from the label rows (the demo
// has no decisions or standards, so each image's final label is the strict majority of its
// labels); the report's headline is compared with `concord-cli agreement --json`.
#include "uitestsupport.h"

#include "core/project/project_ops.h"
#include "core/store/store.h"
#include "ui/document/projectdocument.h"
#include "ui/shell/exportdialog.h"
#include "ui/shell/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace concord;

class TestExportReport final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void dialogBuildsTheRequest();
    void folderLabelHasItsMnemonic();
    void leadExportsTheMajority();
    void dialogAsksBeforeReplacing();
    void leadWritesTheReport();
    void labelerCannotExport();

private:
    QTemporaryDir m_dir;
    std::filesystem::path m_project;
};

void TestExportReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.filePath(QStringLiteral("settings")));
    m_project = uitest::makeDemo(m_dir.path(), 60, 5, 3);
}

void TestExportReport::dialogBuildsTheRequest()
{
    ui::ExportDialog dialog(QString::fromStdString(m_project.string()));
    // The default folder sits beside the project.
    QVERIFY(dialog.folderEdit()->text().endsWith(QStringLiteral("-export")));
    dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData(QStringLiteral("yolo")));
    dialog.folderEdit()->setText(m_dir.filePath(QStringLiteral("out-yolo")));
    auto *consensus = dialog.findChildren<QComboBox *>().at(1);
    consensus->setCurrentIndex(consensus->findData(QStringLiteral("dawid-skene")));
    for (auto *box : dialog.findChildren<QCheckBox *>())
        if (box->text().startsWith(QStringLiteral("Include")))
            box->setChecked(true);
    const auto r = dialog.request();
    QCOMPARE(r.format, std::string("yolo"));
    QCOMPARE(QString::fromStdString(r.outDir.string()), m_dir.filePath(QStringLiteral("out-yolo")));
    QVERIFY(r.options.consensus == core::ConsensusMethod::DawidSkene);
    QVERIFY(r.options.includeUnresolved);
    QVERIFY(!r.blurFaces);
    // Without a folder there is nothing to export to.
    dialog.folderEdit()->clear();
    QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
}

/// "&Output folder:" labels a row of two widgets: without a buddy QLabel showed the "&" as
/// text and Alt+O did nothing (issue 19). With the line edit as buddy, Alt+O focuses it.
void TestExportReport::folderLabelHasItsMnemonic()
{
    ui::ExportDialog dialog(QString::fromStdString(m_project.string()));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QLabel *label = nullptr;
    for (auto *l : dialog.findChildren<QLabel *>())
        if (l->text() == QStringLiteral("&Output folder:"))
            label = l;
    QVERIFY(label);
    QCOMPARE(label->buddy(), static_cast<QWidget *>(dialog.folderEdit()));
    dialog.formatBox()->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(dialog.formatBox()));
    QTest::keyClick(&dialog, Qt::Key_O, Qt::AltModifier);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(dialog.folderEdit()));
}

void TestExportReport::leadExportsTheMajority()
{
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("lead")));
    QVERIFY(window.document()->isLead());
    QVERIFY(window.findChild<QAction *>(QStringLiteral("actionExport"))->isEnabled());

    core::ExportRequest request;
    request.format = "csv";
    request.outDir = std::filesystem::path(m_dir.filePath(QStringLiteral("out-csv")).toStdString());
    QVERIFY(window.runExport(request));

    // Expected: the strict majority of each image's labels, counted here.
    std::map<std::string, std::map<std::string, int>> votes;
    auto store = core::openProject(m_project, core::OpenMode::ReadOnly);
    for (const auto &row : store->labelRows())
        ++votes[row.imagePath][row.className];
    std::map<std::string, std::string> expected;
    for (const auto &[image, counts] : votes) {
        std::string best;
        int top = 0;
        bool tie = false;
        for (const auto &[cls, n] : counts) {
            if (n > top) {
                top = n;
                best = cls;
                tie = false;
            } else if (n == top) {
                tie = true;
            }
        }
        if (!tie)
            expected[image] = best;
    }
    QVERIFY(expected.size() > 40);

    QFile csv(m_dir.filePath(QStringLiteral("out-csv/labels.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList header = QString::fromUtf8(csv.readLine()).trimmed().split(QLatin1Char(','));
    const qsizetype imageColumn = header.indexOf(QStringLiteral("image"));
    const qsizetype labelColumn = header.indexOf(QStringLiteral("label"));
    QVERIFY(imageColumn >= 0 && labelColumn >= 0);
    std::map<std::string, std::string> exported;
    while (!csv.atEnd()) {
        const QStringList cells = QString::fromUtf8(csv.readLine()).trimmed().split(QLatin1Char(','));
        exported[cells[imageColumn].toStdString()] = cells[labelColumn].toStdString();
    }
    QCOMPARE(exported, expected);
    // Images without a majority are listed, not guessed.
    QCOMPARE(QFile::exists(m_dir.filePath(QStringLiteral("out-csv/unresolved.csv"))), expected.size() < votes.size());
}

/// Runs after leadExportsTheMajority, whose out-csv folder now holds an export: the dialog
/// offers to replace it (off until ticked), refuses a foreign non-empty folder, and a replacing
/// export from the window leaves exactly the new data set.
void TestExportReport::dialogAsksBeforeReplacing()
{
    ui::ExportDialog dialog(QString::fromStdString(m_project.string()));
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData(QStringLiteral("csv")));
    const QString previous = m_dir.filePath(QStringLiteral("out-csv"));
    dialog.folderEdit()->setText(previous);
    QVERIFY(!dialog.replaceBox()->isHidden());
    QVERIFY(!ok->isEnabled());
    QVERIFY(!dialog.request().replace);
    dialog.replaceBox()->setChecked(true);
    QVERIFY(ok->isEnabled());
    QVERIFY(dialog.request().replace);

    QDir(m_dir.path()).mkpath(QStringLiteral("foreign"));
    QFile mine(m_dir.filePath(QStringLiteral("foreign/notes.txt")));
    QVERIFY(mine.open(QIODevice::WriteOnly));
    mine.write("mine");
    mine.close();
    dialog.folderEdit()->setText(m_dir.filePath(QStringLiteral("foreign")));
    QVERIFY(dialog.replaceBox()->isHidden());
    QVERIFY(!ok->isEnabled());
    dialog.folderEdit()->setText(m_dir.filePath(QStringLiteral("new-folder")));
    QVERIFY(ok->isEnabled());
    QVERIFY(!dialog.request().replace);

    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("lead")));
    core::ExportRequest request;
    request.format = "json";
    request.outDir = previous.toStdString();
    QVERIFY(!window.runExport(request)); // not empty: refused without replace
    QVERIFY(QFile::exists(previous + QStringLiteral("/labels.csv")));
    request.replace = true;
    QVERIFY(window.runExport(request));
    // The csv export's labels.csv is gone; the json export is provenance.json (+ unresolved.csv).
    QVERIFY(!QFile::exists(previous + QStringLiteral("/labels.csv")));
    QVERIFY(QFile::exists(previous + QStringLiteral("/provenance.json")));
}

void TestExportReport::leadWritesTheReport()
{
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("lead")));
    const QString file = m_dir.filePath(QStringLiteral("report.html"));
    QVERIFY(window.runReport(file));
    QFile html(file);
    QVERIFY(html.open(QIODevice::ReadOnly));
    const QString page = QString::fromUtf8(html.readAll());
    QVERIFY(page.startsWith(QStringLiteral("<!DOCTYPE html>")));

    QProcess cli;
    cli.start(QStringLiteral(CONCORD_CLI),
              {QStringLiteral("agreement"), QString::fromStdString(m_project.string()), QStringLiteral("--json"),
               QStringLiteral("--resamples"), QStringLiteral("0")});
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 0);
    const double hlp =
        QJsonDocument::fromJson(cli.readAllStandardOutput()).object()[QStringLiteral("percent_agreement")].toDouble();
    QVERIFY(hlp > 0.5 && hlp < 1.0);
    // The headline shows HLP in percent with one decimal.
    const QString shown = QString::number(hlp * 100.0, 'f', 1);
    QVERIFY2(page.contains(shown), qPrintable(shown));
}

void TestExportReport::labelerCannotExport()
{
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("ben")));
    QVERIFY(!window.document()->isLead());
    QVERIFY(!window.findChild<QAction *>(QStringLiteral("actionExport"))->isEnabled());
    QVERIFY(!window.findChild<QAction *>(QStringLiteral("actionReport"))->isEnabled());
    core::ExportRequest request;
    request.format = "csv";
    request.outDir = std::filesystem::path(m_dir.filePath(QStringLiteral("out-blind")).toStdString());
    QVERIFY(!window.runExport(request));
    QVERIFY(!window.runReport(m_dir.filePath(QStringLiteral("blind.html"))));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("out-blind"))));
}

QTEST_MAIN(TestExportReport)
#include "tst_exportreport.moc"
