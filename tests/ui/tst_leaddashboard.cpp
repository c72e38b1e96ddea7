// SPDX-License-Identifier: GPL-3.0-or-later
// The lead's dashboard and clusters pages (issue 6). The figures must equal what concord-cli
// computes in its own process (`agreement --json`, `clusters --json`), the conflict count what
// the test counts from the label rows itself; a labeler's session must give these pages
// nothing (blind labeling); a label changed behind the window must reach the dashboard; the
// standard seed of the top cluster must carry a rule the rule parser and validator accept.
#include "uitestsupport.h"

#include "core/standards/rule.h"
#include "core/store/store.h"
#include "ui/document/projectdocument.h"
#include "ui/lead/clusterspage.h"
#include "ui/lead/dashboardlabelermodel.h"
#include "ui/lead/dashboardpage.h"
#include "ui/lead/dashboardprofilechart.h"
#include "ui/lead/dashboardrecompute.h"
#include "ui/lead/leadview.h"
#include "ui/lead/standardspage.h"
#include "ui/lead/thumbnailgriddelegate.h"
#include "ui/lead/thumbnailgridmodel.h"
#include "ui/shell/checksdialog.h"
#include "ui/shell/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QGraphicsSimpleTextItem>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QValueAxis>
#include <QThread>
#include <QTreeWidget>
#include <QTest>

#include <atomic>
#include <cmath>
#include <map>
#include <memory>
#include <set>

using namespace concord;

class TestLeadDashboard final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void recomputeDropsStaleAndCoalesces();
    void dashboardEqualsCli();
    void labelerSessionSeesNothing();
    void clustersEqualCli();
    void objectBandsEqualCli();
    void thumbnailGridIsLazy();
    void recomputesOnChange();
    void recomputesOnlyWhatAChangeTouches();
    void perStandardVersionEqualsCli();
    void tooFewComparedIsSaid();
    void consistencyChecksFromTheWindow();

private:
    QTemporaryDir m_dir;
    std::filesystem::path m_project;
};

namespace {

QJsonObject cliJson(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(CONCORD_CLI), args);
    if (!p.waitForFinished(300000) || p.exitCode() != 0) {
        qWarning() << "concord-cli" << args << "failed:" << p.readAllStandardError();
        return {};
    }
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

/// Images whose current labels name two or more classes and that have no decision: counted
/// here from the label rows, not through Store::conflictImages().
qint64 countConflicts(const std::filesystem::path &project)
{
    auto store = core::openProject(project, core::OpenMode::ReadOnly);
    std::map<core::Id, std::set<core::Id>> classes;
    for (const auto &r : store->labelRows())
        classes[r.label.image].insert(r.label.labelClass);
    std::set<core::Id> decided;
    for (const auto &d : store->decisions())
        decided.insert(d.image);
    qint64 n = 0;
    for (const auto &[image, set] : classes)
        n += set.size() > 1 && !decided.contains(image) ? 1 : 0;
    return n;
}

void compareFigures(const core::AgreementReport &r, const QJsonObject &cli)
{
    QVERIFY(!cli.isEmpty());
    QCOMPARE_LE(std::abs(r.percentAgreement - cli[QStringLiteral("percent_agreement")].toDouble()), 1e-9);
    QCOMPARE_LE(std::abs(r.fleissKappa - cli[QStringLiteral("fleiss_kappa")].toDouble()), 1e-9);
    QCOMPARE_LE(std::abs(r.alphaNominal -
                         cli[QStringLiteral("krippendorff_alpha")].toObject()[QStringLiteral("nominal")].toDouble()),
                1e-9);
    QCOMPARE_LE(std::abs(r.gwetAc1 - cli[QStringLiteral("gwet_ac1")].toDouble()), 1e-9);
    const QJsonArray ci = cli[QStringLiteral("ci95")].toObject()[QStringLiteral("percent_agreement")].toArray();
    QCOMPARE(ci.size(), 2);
    QCOMPARE_LE(std::abs(r.ci95.at("percent_agreement").lo - ci[0].toDouble()), 1e-9);
    QCOMPARE_LE(std::abs(r.ci95.at("percent_agreement").hi - ci[1].toDouble()), 1e-9);
    QCOMPARE(r.labels, static_cast<std::int64_t>(cli[QStringLiteral("labels")].toInteger()));
    QCOMPARE(static_cast<qint64>(r.coverage.compared), cli[QStringLiteral("compared_items")].toInteger());
    QCOMPARE(static_cast<qint64>(r.coverage.total), cli[QStringLiteral("project_items")].toInteger());
    QCOMPARE(r.coverage.tooFew(), cli[QStringLiteral("too_few_compared")].toBool());
}

} // namespace

void TestLeadDashboard::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.filePath(QStringLiteral("settings")));
    m_project = uitest::makeDemo(m_dir.path(), 120, 5, 3);
    // Store the measured and computed attributes, as a lead would before looking at clusters,
    // so that the CLI and the GUI read the same attributes.
    const QJsonObject computed = cliJson({QStringLiteral("attributes"), QString::fromStdString(m_project.string()),
                                          QStringLiteral("--compute"), QStringLiteral("--json")});
    QVERIFY(computed.contains(QStringLiteral("attributes")));
}

void TestLeadDashboard::recomputeDropsStaleAndCoalesces()
{
    std::atomic<int> runs{0};
    ui::DashboardRecompute r([&runs](const ui::ProjectAccess &p) -> ui::DashboardRecompute::Result {
        ++runs;
        QThread::msleep(150);
        return std::make_shared<const std::string>(p.location());
    });
    r.setDebounce(100);
    QStringList got;
    connect(&r, &ui::DashboardRecompute::finished, this, [&](ui::DashboardRecompute::Result res) {
        got << QString::fromStdString(*std::static_pointer_cast<const std::string>(res));
    });
    const auto idle = [&] {
        QTest::qWait(50);
        QTRY_VERIFY_WITH_TIMEOUT(!r.isBusy(), 10000);
        QTest::qWait(300); // nothing more arrives
    };

    // A project replaced while its run is on the way: only the new project's answer arrives.
    r.setProject(ui::ProjectAccess("a"));
    r.setProject(ui::ProjectAccess("b"));
    idle();
    QCOMPARE(got, QStringList{QStringLiteral("b")});
    QCOMPARE(runs.load(), 2);

    // A burst of changes within the debounce delay: one run.
    got.clear();
    runs = 0;
    for (int i = 0; i < 5; ++i) {
        r.schedule();
        QTest::qWait(20);
    }
    idle();
    QCOMPARE(runs.load(), 1);
    QCOMPARE(got.size(), 1);

    // Changes during a run: its answer still shows, then exactly one more run.
    got.clear();
    runs = 0;
    r.runNow();
    QTest::qWait(20);
    QVERIFY(r.isBusy());
    r.runNow();
    r.runNow();
    idle();
    QCOMPARE(runs.load(), 2);
    QCOMPARE(got.size(), 2);

    // No project: nothing runs.
    got.clear();
    runs = 0;
    r.setProject(ui::ProjectAccess());
    r.runNow();
    r.schedule();
    idle();
    QCOMPARE(runs.load(), 0);
    QVERIFY(got.isEmpty());
}

void TestLeadDashboard::dashboardEqualsCli()
{
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("lead")));
    window.show();
    auto *page = window.leadView()->page<ui::DashboardPage>();
    QVERIFY(page);
    QCOMPARE(page->objectName(), QStringLiteral("dashboardPage"));
    // Before the clusters' computation reports, the chart says it is looking, not that the
    // project has no attribute (it said so for seconds on a server project).
    auto *chart = page->findChild<ui::DashboardProfileChart *>(QStringLiteral("dashboardChart"));
    QVERIFY(chart);
    QCOMPARE(chart->message(), QStringLiteral("Finding where labelers disagree along the attributes…"));
    QTRY_VERIFY_WITH_TIMEOUT(page->report() != nullptr && !page->isComputing(), 240000);
    QVERIFY(chart->message().isEmpty());

    const QString file = QString::fromStdString(m_project.string());
    compareFigures(*page->report(), cliJson({QStringLiteral("agreement"), file, QStringLiteral("--json")}));

    QCOMPARE(page->figures()->images, 120);
    QCOMPARE(page->figures()->conflicts, countConflicts(m_project));
    QVERIFY(page->figures()->conflicts > 0);
    // Before any standard, every label is in the "no standard" group: its figures are the
    // project's HLP and κ.
    QCOMPARE(page->figures()->versions.size(), std::size_t(1));
    QVERIFY(!page->figures()->versions[0].standard);
    QCOMPARE_LE(std::abs(page->figures()->versions[0].figures.hlp - page->report()->percentAgreement), 1e-12);

    // The labeler table: one row per labeler, sortable by the number (not the text).
    auto *table = page->findChild<QTableView *>(QStringLiteral("dashboardLabelers"));
    QVERIFY(table);
    QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(table->model()->rowCount(), 5);
    table->sortByColumn(2, Qt::AscendingOrder);
    double previous = -1.0;
    for (int row = 0; row < 5; ++row) {
        const double hlp = table->model()->index(row, 2).data(Qt::UserRole + 1).toDouble();
        QVERIFY(hlp >= previous);
        previous = hlp;
    }
    // Self-agreement on repeats beside agreement with others: the figures of `agreement --self`,
    // and the mark exactly on the labelers it flags (issue #20).
    const QJsonObject self =
        cliJson({QStringLiteral("agreement"), file, QStringLiteral("--self"), QStringLiteral("--json")});
    int withRepeats = 0;
    for (const auto &entry : self[QStringLiteral("labelers")].toArray()) {
        const QJsonObject l = entry.toObject();
        const auto rows =
            table->model()->match(table->model()->index(0, 0), Qt::DisplayRole, l[QStringLiteral("labeler")]);
        QCOMPARE(rows.size(), 1);
        const QModelIndex cell = rows.front().siblingAtColumn(ui::DashboardLabelerModel::Self);
        const QJsonValue agreement = l[QStringLiteral("self")].toObject()[QStringLiteral("agreement")];
        if (agreement.isNull()) {
            QVERIFY(std::isnan(cell.data(ui::DashboardLabelerModel::SortRole).toDouble()));
            continue;
        }
        ++withRepeats;
        QCOMPARE_LE(std::abs(cell.data(ui::DashboardLabelerModel::SortRole).toDouble() - agreement.toDouble()), 1e-12);
        QCOMPARE(cell.data().toString().endsWith(QStringLiteral("⚠")), l[QStringLiteral("flagged")].toBool());
    }
    QVERIFY(withRepeats > 0);

    // The profile chart: the top band's attribute first, with every labeler's marker.
    const QJsonObject clusters = cliJson({QStringLiteral("clusters"), file, QStringLiteral("--json")});
    const QJsonObject thresholds = clusters[QStringLiteral("labeler_thresholds")].toObject();
    QVERIFY(!thresholds.isEmpty());
    auto *combo = page->findChild<QComboBox *>(QStringLiteral("dashboardAttribute"));
    QVERIFY(combo && combo->count() >= 1);
    QVERIFY(combo->currentText().startsWith(QStringLiteral("length_mm")));
    for (const auto &t : thresholds[QStringLiteral("length_mm")].toArray()) {
        const QJsonObject o = t.toObject();
        if (o.contains(QStringLiteral("threshold")))
            QVERIFY2(chart->markerNames().contains(o[QStringLiteral("labeler")].toString()),
                     qPrintable(o[QStringLiteral("labeler")].toString()));
    }
    QVERIFY(chart->markerNames().contains(QStringLiteral("suggested")));
    // A share runs 0–1: the "disputed share" axis stops at 1 (it ran to 1.4 to make room for
    // the names, which now sit above the plot).
    const auto vertical = chart->chart()->axes(Qt::Vertical);
    QCOMPARE(vertical.size(), 1);
    auto *share = qobject_cast<QValueAxis *>(vertical.front());
    QVERIFY(share);
    QCOMPARE(share->titleText(), QStringLiteral("disputed share"));
    QCOMPARE(share->min(), 0.0);
    QCOMPARE(share->max(), 1.0);
    // Every marker's name is drawn, inside the chart and above the plot (once the chart is laid
    // out: the names follow the plot area).
    QCOMPARE(chart->markerTexts().size(), chart->markerNames().size());
    const auto namesAbovePlot = [chart] {
        int drawn = 0;
        for (QGraphicsItem *item : chart->chart()->childItems()) {
            auto *text = dynamic_cast<QGraphicsSimpleTextItem *>(item);
            if (!text || !chart->markerTexts().contains(text->text()))
                continue;
            if (text->pos().y() < 0.0 ||
                text->pos().y() + text->boundingRect().height() > chart->chart()->plotArea().top() + 1.0)
                return false;
            ++drawn;
        }
        return drawn == static_cast<int>(chart->markerTexts().size());
    };
    QTRY_VERIFY_WITH_TIMEOUT(namesAbovePlot(), 10000);

    // Every image is labeled by three labelers: 120 of 120 compared, no warning.
    const QString headline = page->findChild<QLabel *>(QStringLiteral("dashboardHeadline"))->text();
    QVERIFY2(headline.contains(QStringLiteral("compared: <b>120</b> of 120 images")), qPrintable(headline));
    QVERIFY2(!headline.contains(QStringLiteral("Human labels only")), qPrintable(headline));
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("dashboardWarning"))->isHidden());

    // The demo's labelers draw marks: the object figures are `agreement --objects`' (issue #17).
    const QJsonObject objects =
        cliJson({QStringLiteral("agreement"), file, QStringLiteral("--objects"), QStringLiteral("--json")})
            .value(QStringLiteral("objects"))
            .toObject();
    const double f1 = objects.value(QStringLiteral("f1_iou50")).toDouble();
    QVERIFY(f1 > 0.0 && f1 < 1.0);
    QCOMPARE_LE(std::abs(page->figures()->objects.f1Iou50 - f1), 1e-12);
    QCOMPARE_LE(std::abs(page->figures()->objects.f1Iou75 - objects.value(QStringLiteral("f1_iou75")).toDouble()),
                1e-12);
    QVERIFY2(headline.contains(QStringLiteral("F1@0.5 <b>%1</b>").arg(QString::number(f1, 'f', 3))),
             qPrintable(headline));

    // Closing the project leaves nothing behind.
    window.closeProject();
    QVERIFY(page->report() == nullptr);
    QCOMPARE(table->model()->rowCount(), 0);
}

void TestLeadDashboard::labelerSessionSeesNothing()
{
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("ana")));
    window.show();
    auto *dashboard = window.leadView()->page<ui::DashboardPage>();
    auto *clusters = window.leadView()->page<ui::ClustersPage>();
    QVERIFY(dashboard && clusters);
    QTest::qWait(1500); // long enough for a computation to have started and ended
    QVERIFY(!dashboard->isComputing());
    QVERIFY(!clusters->isComputing());
    QVERIFY(dashboard->report() == nullptr);
    QVERIFY(clusters->clusters() == nullptr);
    QCOMPARE(clusters->membersModel()->rowCount(), 0);
    auto *table = dashboard->findChild<QTableView *>(QStringLiteral("dashboardLabelers"));
    QCOMPARE(table->model()->rowCount(), 0);
    // No other labeler's name anywhere on the lead view's widgets.
    const QStringList texts = uitest::visibleTexts(window.leadView());
    for (const QString &name : {QStringLiteral("ben"), QStringLiteral("eli"), QStringLiteral("kim")})
        for (const QString &t : texts)
            QVERIFY2(!t.contains(name), qPrintable(t));
    QVERIFY(!window.showPageNamed(QStringLiteral("dashboard")));
}

void TestLeadDashboard::clustersEqualCli()
{
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("lead")));
    window.show();
    QVERIFY(window.showPageNamed(QStringLiteral("clusters")));
    auto *page = window.leadView()->page<ui::ClustersPage>();
    QVERIFY(page);
    QCOMPARE(page->objectName(), QStringLiteral("clustersPage"));
    QTRY_VERIFY_WITH_TIMEOUT(page->clusters() != nullptr && !page->isComputing(), 240000);

    const QJsonObject cli = cliJson({QStringLiteral("clusters"), QString::fromStdString(m_project.string()),
                                     QStringLiteral("--json"), QStringLiteral("--suggest-rule")});
    const QJsonArray list = cli[QStringLiteral("clusters")].toArray();
    QVERIFY(!list.isEmpty());
    const auto &report = page->clusters()->report;
    QCOMPARE(static_cast<qsizetype>(report.clusters.size()), list.size());
    const QJsonObject top = list[0].toObject();
    const auto &c = report.clusters.front();
    QCOMPARE(QString::fromStdString(std::string(core::toString(c.kind))), top[QStringLiteral("kind")].toString());
    QCOMPARE(QString::fromStdString(c.attribute), top[QStringLiteral("attribute")].toString());
    QCOMPARE(static_cast<qint64>(c.members.size()), top[QStringLiteral("members")].toInteger());
    QCOMPARE(QString::fromStdString(c.description), top[QStringLiteral("description")].toString());

    // The top cluster is selected; its members fill the grid, decoded lazily.
    QCOMPARE(page->selectedCluster(), 0);
    auto *model = page->membersModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Rows come a page at a time (issue #10); fetching them all gives every member.
    QCOMPARE(static_cast<qint64>(model->rowCount()),
             std::min<qint64>(top[QStringLiteral("members")].toInteger(), ui::ThumbnailGridModel::kPageSize));
    while (model->canFetchMore({}))
        model->fetchMore({});
    QCOMPARE(static_cast<qint64>(model->rowCount()), top[QStringLiteral("members")].toInteger());
    QTRY_VERIFY_WITH_TIMEOUT(model->index(0).data(ui::ThumbnailGridModel::LoadedRole).toBool(), 20000);
    // Every member shows the votes the project holds for it (read here through core).
    {
        auto store = core::openProject(m_project, core::OpenMode::ReadOnly);
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto image = model->index(row).data(ui::ThumbnailGridModel::ImageIdRole).value<qint64>();
            const auto labels = store->labelsOfImage(image);
            QCOMPARE(model->index(row).data(ui::ThumbnailGridModel::VotesRole).toList().size(),
                     static_cast<qsizetype>(labels.size()));
        }
    }

    // Members drag out as their image ids.
    {
        std::unique_ptr<QMimeData> mime(model->mimeData({model->index(0), model->index(1)}));
        const QList<QByteArray> ids = mime->data(ui::ThumbnailGridModel::imageIdsMimeType()).split('\n');
        QCOMPARE(ids.value(0).toLongLong(), model->index(0).data(ui::ThumbnailGridModel::ImageIdRole).value<qint64>());
        QCOMPARE(ids.value(1).toLongLong(), model->index(1).data(ui::ThumbnailGridModel::ImageIdRole).value<qint64>());
    }

    // "Write a standard for this…" hands a seed with a valid rule and the CLI's threshold.
    std::vector<ui::StandardSeed> seeds;
    connect(page, &ui::ClustersPage::writeStandardRequested, this,
            [&](const ui::StandardSeed &s) { seeds.push_back(s); });
    auto *button = page->findChild<QPushButton *>(QStringLiteral("writeStandardButton"));
    QVERIFY(button && button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(seeds.size(), std::size_t(1));
    // …and the standards editor comes forward with it.
    QCOMPARE(window.leadView()->tabs()->currentWidget(),
             static_cast<QWidget *>(window.leadView()->page<ui::StandardsPage>()));
    const ui::StandardSeed &seed = seeds.front();
    QCOMPARE(seed.attribute, top[QStringLiteral("attribute")].toString());
    QVERIFY(seed.threshold.has_value());
    QCOMPARE_LE(std::abs(*seed.threshold - top[QStringLiteral("suggested_threshold")].toDouble()), 1e-9);
    QCOMPARE(seed.positiveClass, top[QStringLiteral("positive_class")].toString());
    QCOMPARE(static_cast<qint64>(seed.candidates.size()), top[QStringLiteral("members")].toInteger());
    QVERIFY(!seed.title.isEmpty());
    // The body is an instruction for the labelers (issue #19), the CLI's too.
    const QJsonObject suggested = top[QStringLiteral("suggested_standard")].toObject();
    QCOMPARE(seed.body, suggested[QStringLiteral("body")].toString());
    QVERIFY2(seed.body.startsWith(QStringLiteral("An image is **%1** when its ").arg(seed.positiveClass)),
             qPrintable(seed.body));
    QCOMPARE(seed.rule, suggested[QStringLiteral("rule")].toString());
    QVERIFY(!seed.rule.isEmpty());
    auto store = core::openProject(m_project, core::OpenMode::ReadOnly);
    try {
        const core::Rule rule = core::parseRule(seed.rule.toStdString());
        core::validateRule(rule, *store);
    } catch (const std::exception &e) {
        QFAIL(qPrintable(QStringLiteral("%1: %2").arg(seed.rule, QString::fromUtf8(e.what()))));
    }
    // The rule reads the threshold to two decimals, on the positive class's side.
    const auto m = QRegularExpression(QStringLiteral(": (\\S+) if (\\S+) >= ([0-9.]+) else (\\S+)$")).match(seed.rule);
    QVERIFY2(m.hasMatch(), qPrintable(seed.rule));
    QCOMPARE(m.captured(1), seed.positiveClass);
    QCOMPARE(m.captured(2), seed.attribute);
    QCOMPARE_LE(std::abs(m.captured(3).toDouble() - *seed.threshold), 0.005 + 1e-12);
    QVERIFY(m.captured(4) != seed.positiveClass);
}

void TestLeadDashboard::objectBandsEqualCli()
{
    // The demo's labelers leave out small marks (docs/DEMO.md): the clusters page lists the
    // object bands `clusters --objects` finds, after the image clusters, and a band's standard
    // carries the CLI's object rule.
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("lead")));
    window.show();
    QVERIFY(window.showPageNamed(QStringLiteral("clusters")));
    auto *page = window.leadView()->page<ui::ClustersPage>();
    QTRY_VERIFY_WITH_TIMEOUT(page->clusters() != nullptr && !page->isComputing(), 240000);
    const QJsonObject cli = cliJson({QStringLiteral("clusters"), QString::fromStdString(m_project.string()),
                                     QStringLiteral("--objects"), QStringLiteral("--json")})[QStringLiteral("objects")]
                                .toObject();
    const QJsonArray bands = cli[QStringLiteral("bands")].toArray();
    QVERIFY(!bands.isEmpty());
    const auto &data = *page->clusters();
    QCOMPARE(data.objectReport.objects, cli[QStringLiteral("objects")].toInteger());
    QCOMPARE(data.objectReport.disputed, cli[QStringLiteral("disputed")].toInteger());
    QCOMPARE(static_cast<qsizetype>(data.objectReport.bands.size()), bands.size());

    auto *list = page->findChild<QTreeWidget *>(QStringLiteral("clusterList"));
    const int imageClusters = static_cast<int>(data.report.clusters.size());
    QCOMPARE(list->topLevelItemCount(), imageClusters + static_cast<int>(bands.size()));
    const QJsonObject top = bands[0].toObject();
    QTreeWidgetItem *row = list->topLevelItem(imageClusters);
    QCOMPARE(row->text(1), QStringLiteral("objects"));
    QCOMPARE(row->text(2), top[QStringLiteral("description")].toString());
    QCOMPARE(row->text(3).toLongLong(), top[QStringLiteral("members")].toInteger());

    QVERIFY(!page->selectedObjectBand());
    page->selectCluster(imageClusters);
    QVERIFY(page->selectedObjectBand());
    // One thumbnail per member object, each badge a labeler of its image.
    QCOMPARE(static_cast<qint64>(page->membersModel()->entries().size()), top[QStringLiteral("members")].toInteger());
    for (const auto &e : page->membersModel()->entries()) {
        QVERIFY(e.image > 0);
        QVERIFY(!e.path.isEmpty());
        QCOMPARE_GE(e.votes.size(), std::size_t(2));
    }
    const ui::StandardSeed seed = page->currentSeed();
    QCOMPARE(seed.rule, top[QStringLiteral("suggested_rule")].toString());
    QCOMPARE(seed.title,
             QStringLiteral("%1 objects: %2 threshold")
                 .arg(top[QStringLiteral("class")].toString(), top[QStringLiteral("attribute")].toString()));
    QVERIFY2(seed.body.startsWith(
                 QStringLiteral("Draw a **%1** only when its ").arg(top[QStringLiteral("class")].toString())),
             qPrintable(seed.body));
    // Every image of the band's members, once.
    std::set<core::Id> images;
    for (const auto &e : page->membersModel()->entries())
        images.insert(e.image);
    QCOMPARE(seed.candidates.size(), images.size());
    auto store = core::openProject(m_project, core::OpenMode::ReadOnly);
    core::validateRule(core::parseRule(seed.rule.toStdString()), *store);
}

void TestLeadDashboard::thumbnailGridIsLazy()
{
    // 5000 members (the demo's images over and over): opening the grid decodes only what is
    // on screen, not every member.
    auto store = core::openProject(m_project, core::OpenMode::ReadOnly);
    const auto images = store->images();
    std::vector<ui::ThumbnailGridModel::Entry> entries;
    for (int i = 0; i < 5000; ++i) {
        const auto &img = images[static_cast<std::size_t>(i) % images.size()];
        ui::ThumbnailGridModel::Entry e;
        e.image = img.id;
        e.path = QString::fromStdString(store->resolveImagePath(img).string()) +
                 (i < static_cast<int>(images.size()) ? QString() : QStringLiteral("?%1").arg(i));
        e.name = QString::number(i);
        e.votes = {{QStringLiteral("ana"), QStringLiteral("ok"), QColor(Qt::green)}};
        entries.push_back(std::move(e));
    }
    ui::ThumbnailGridModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QListView view;
    view.setViewMode(QListView::IconMode);
    view.setUniformItemSizes(true);
    view.setItemDelegate(new ui::ThumbnailGridDelegate(model.thumbnailSide(), &view));
    view.setModel(&model);
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    model.setEntries(std::move(entries));
    // Some pages of rows at first (the model tester fetches one more each time it checks)...
    QVERIFY(model.rowCount() >= ui::ThumbnailGridModel::kPageSize);
    QVERIFY(model.rowCount() < 5000);
    QVERIFY(model.canFetchMore({}));
    // ...and every member once fetched to the end.
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(model.index(0).data(ui::ThumbnailGridModel::LoadedRole).toBool(), 20000);
    QTest::qWait(300);
    // 800 × 600 holds about 5 × 3 cells of 136 × 180 px; allow generously for prefetching.
    QVERIFY2(model.decodesStarted() <= 100, qPrintable(QString::number(model.decodesStarted())));
    QVERIFY(model.decodesStarted() >= 5);
}

void TestLeadDashboard::recomputesOnChange()
{
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("lead")));
    window.show();
    auto *page = window.leadView()->page<ui::DashboardPage>();
    QTRY_VERIFY_WITH_TIMEOUT(page->report() != nullptr && !page->isComputing(), 240000);
    const double before = page->report()->percentAgreement;

    // Behind the window (a second connection, as another labeler's machine would): make every
    // disputed image of ana's unanimous by giving her the class of her first co-labeler.
    {
        auto store = core::openProject(m_project);
        const auto ana = *store->labelerByName("ana");
        int changed = 0;
        for (const auto &label : store->labelsOfLabeler(ana.id)) {
            for (const auto &other : store->labelsOfImage(label.image)) {
                if (other.labeler != ana.id && other.labelClass != label.labelClass) {
                    core::Label l = label;
                    l.labelClass = other.labelClass;
                    store->setLabel(l);
                    ++changed;
                    break;
                }
            }
        }
        QVERIFY(changed > 0);
    }
    QSignalSpy updated(page, &ui::DashboardPage::updated);
    window.document()->notifyProjectDataChanged({}); // anything may have changed
    QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 1 && !page->isComputing(), 240000);
    QVERIFY(page->report()->percentAgreement != before);
    compareFigures(*page->report(), cliJson({QStringLiteral("agreement"), QString::fromStdString(m_project.string()),
                                             QStringLiteral("--json")}));
    QCOMPARE(page->figures()->conflicts, countConflicts(m_project));
}

void TestLeadDashboard::recomputesOnlyWhatAChangeTouches()
{
    // Issue #16 §2: a change says what it touched; the clusters (which the dashboard's profiles
    // come from, computed once for both pages) follow labels, not decisions or standards.
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("lead")));
    window.show();
    auto *dashboard = window.leadView()->page<ui::DashboardPage>();
    auto *clusters = window.leadView()->page<ui::ClustersPage>()->computation();
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->report() != nullptr && !dashboard->isComputing(), 240000);
    QSignalSpy clustersDone(clusters, &ui::DashboardRecompute::finished);
    QSignalSpy dashboardUpdated(dashboard, &ui::DashboardPage::updated);

    // A decision: the dashboard's conflict count changes, the clusters do not.
    window.document()->notifyProjectDataChanged({ui::ProjectChange::Decisions, {}});
    QTRY_VERIFY_WITH_TIMEOUT(dashboardUpdated.count() >= 1 && !dashboard->isComputing(), 240000);
    QTest::qWait(1500); // past the clusters' debounce
    QCOMPARE(clustersDone.count(), 0);

    // A label: both, and the clusters once (for both pages).
    dashboardUpdated.clear();
    window.document()->notifyProjectDataChanged({ui::ProjectChange::Labels, {}});
    QTRY_VERIFY_WITH_TIMEOUT(clustersDone.count() >= 1, 240000);
    QTRY_VERIFY_WITH_TIMEOUT(!dashboard->isComputing(), 240000);
    QTest::qWait(1500);
    QCOMPARE(clustersDone.count(), 1);
    QVERIFY(dashboardUpdated.count() >= 2); // its figures and its profiles
}

void TestLeadDashboard::perStandardVersionEqualsCli()
{
    // A standard applied through the CLI: its labels form their own group.
    const QString file = QString::fromStdString(m_project.string());
    cliJson({QStringLiteral("standard"), QStringLiteral("add"), file, QStringLiteral("--title"),
             QStringLiteral("Scratch length"), QStringLiteral("--body"), QStringLiteral("2 mm or longer is a defect."),
             QStringLiteral("--rule"),
             QStringLiteral("when label in {ok, scratch} and length_mm is known: scratch if length_mm >= 2 else ok")});
    cliJson({QStringLiteral("standard"), QStringLiteral("apply"), file, QStringLiteral("1")});
    const QJsonArray cli = cliJson({QStringLiteral("standard"), QStringLiteral("agreement"), file,
                                    QStringLiteral("--json")})[QStringLiteral("versions")]
                               .toArray();
    QCOMPARE(cli.size(), 2);

    ui::MainWindow window;
    QVERIFY(window.openProject(file, QStringLiteral("lead")));
    auto *page = window.leadView()->page<ui::DashboardPage>();
    QTRY_VERIFY_WITH_TIMEOUT(page->figures() != nullptr && !page->isComputing(), 240000);
    const auto &versions = page->figures()->versions;
    QCOMPARE(static_cast<qsizetype>(versions.size()), cli.size());
    for (qsizetype i = 0; i < cli.size(); ++i) {
        const QJsonObject o = cli[i].toObject();
        const auto &v = versions[static_cast<std::size_t>(i)];
        QCOMPARE(v.standard.has_value(), !o[QStringLiteral("standard")].isNull());
        if (v.standard) {
            QCOMPARE(QString::fromStdString(v.title), o[QStringLiteral("title")].toString());
            QCOMPARE(v.version, o[QStringLiteral("version")].toInt());
        }
        QCOMPARE_LE(std::abs(v.figures.hlp - o[QStringLiteral("hlp")].toDouble()), 1e-9);
        QCOMPARE_LE(std::abs(v.figures.fleissKappa - o[QStringLiteral("fleiss_kappa")].toDouble()), 1e-9);
        QCOMPARE(v.figures.items, o[QStringLiteral("items")].toInteger());
        QCOMPARE(v.figures.labels, o[QStringLiteral("labels")].toInteger());
    }
    // The table shows one row per version.
    auto *table = page->findChild<QTableWidget *>(QStringLiteral("dashboardVersions"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 2);
    QVERIFY(table->item(1, 0)->text().contains(QStringLiteral("Scratch length")));

    // The standard wrote labels: the headline is human labels only, the data set's figures
    // follow, each named, and both equal the CLI's `human` and `dataset`.
    const QJsonObject agreement = cliJson({QStringLiteral("agreement"), file, QStringLiteral("--json")});
    QVERIFY(agreement[QStringLiteral("standard_labels")].toInteger() > 0);
    QCOMPARE(static_cast<qint64>(page->figures()->agreement.standardLabels),
             agreement[QStringLiteral("standard_labels")].toInteger());
    compareFigures(*page->report(), agreement[QStringLiteral("human")].toObject());
    QVERIFY(page->figures()->agreement.dataset);
    compareFigures(*page->figures()->agreement.dataset, agreement[QStringLiteral("dataset")].toObject());
    QVERIFY(page->report()->percentAgreement != page->figures()->agreement.dataset->percentAgreement);
    const QString headline = page->findChild<QLabel *>(QStringLiteral("dashboardHeadline"))->text();
    QVERIFY2(headline.contains(
                 QStringLiteral("<b>Human labels only</b> <small>(the %1 labels a standard wrote are left out)")
                     .arg(page->figures()->agreement.standardLabels)),
             qPrintable(headline));
    QVERIFY2(headline.contains(QStringLiteral("<b>Data set as exported</b>")), qPrintable(headline));
    QVERIFY2(headline.contains(
                 QStringLiteral("compared: <b>%1</b> of 120 images (two or more human labels)")
                     .arg(agreement[QStringLiteral("human")].toObject()[QStringLiteral("compared_items")].toInteger())),
             qPrintable(headline));
}

void TestLeadDashboard::tooFewComparedIsSaid()
{
    // 20 images, each labeled by 3: 20 compared, fewer than 30. The dashboard says so, with
    // the numbers the CLI prints.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto project = uitest::makeDemo(dir.path(), 20, 5, 3);
    const QString file = QString::fromStdString(project.string());
    const QJsonObject cli = cliJson({QStringLiteral("agreement"), file, QStringLiteral("--json")});
    QCOMPARE(cli[QStringLiteral("compared_items")].toInteger(), qint64(20));
    QVERIFY(cli[QStringLiteral("too_few_compared")].toBool());

    ui::MainWindow window;
    QVERIFY(window.openProject(file, QStringLiteral("lead")));
    window.show();
    auto *page = window.leadView()->page<ui::DashboardPage>();
    QTRY_VERIFY_WITH_TIMEOUT(page->report() != nullptr && !page->isComputing(), 240000);
    compareFigures(*page->report(), cli);
    auto *warning = page->findChild<QLabel *>(QStringLiteral("dashboardWarning"));
    QVERIFY(warning && !warning->isHidden());
    QCOMPARE(warning->text(), QStringLiteral("⚠ Only 20 of 20 images compared (fewer than 30): too few for "
                                             "these figures to mean much."));
}

QTEST_MAIN(TestLeadDashboard)
/// Lead → Consistency checks… stores the shares and tops up the queues like `concord-cli checks`,
/// and marks decisions as gold (issue #20).
void TestLeadDashboard::consistencyChecksFromTheWindow()
{
    QTemporaryDir dir;
    const auto project = uitest::makeDemo(dir.path(), 60, 2, 2); // 60 images in each queue
    // The demo's own 5 % repeats, as far as a 60-image queue has room 50 images on.
    const auto before = static_cast<int>(core::openProject(project, core::OpenMode::ReadOnly)->checkItems().size());
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(project.string()), QStringLiteral("lead")));
    {
        ui::ChecksDialog dialog(window.document());
        dialog.findChild<QDoubleSpinBox *>(QStringLiteral("repeatShare"))->setValue(10.0);
        dialog.findChild<QSpinBox *>(QStringLiteral("repeatGap"))->setValue(20);
        dialog.accept();
        // round(0.1 · 60) = 6 repeats per labeler in all: the queues are all labeled, so they go
        // to the end, where a labeler finds them next.
        QCOMPARE(dialog.result(),
                 QStringLiteral("Added %1 repeats and 0 gold checks to the labelers' queues.").arg(12 - before));
    }
    auto store = core::openProject(project, core::OpenMode::ReadOnly);
    QCOMPARE(store->settings().repeatShare, 0.1);
    QCOMPARE(store->settings().repeatGap, 20);
    for (const auto &l : store->labelers())
        if (l.role == core::Role::Labeler)
            QCOMPARE(store->queueSize(l.id), std::int64_t(60 + 6)); // round(0.1 · 60) repeats each

    // Gold: nothing decided yet, then one decision becomes the project's one gold image.
    ui::ChecksDialog dialog(window.document());
    auto *mark = dialog.findChild<QPushButton *>(QStringLiteral("markDecisionsGold"));
    mark->click();
    QVERIFY(store->goldLabels().empty());
    const core::Id image = store->images(0, 1).front().id;
    window.document()->leadStore().setDecision(
        {image, store->classes().front().id, core::DecisionMethod::Adjudicated, {}, {}, {}, {}});
    mark->click();
    QCOMPARE(store->goldLabels().size(), std::size_t(1));
    QCOMPARE(store->goldLabels().front().image, image);
    window.closeProject();
}

#include "tst_leaddashboard.moc"
