// SPDX-License-Identifier: GPL-3.0-or-later
// Every item model of the labeler GUI under QAbstractItemModelTester (fatal mode), while the
// changes a session makes go through it; contents checked against what was put in via core.
#include "uitestsupport.h"

#include "core/project/project_ops.h"
#include "core/store/store.h"
#include "ui/document/enumtext.h"
#include "ui/document/projectdocument.h"
#include "ui/image/thumbnails.h"
#include "ui/models/classmodel.h"
#include "ui/models/examplemodel.h"
#include "ui/models/labelermodel.h"
#include "ui/models/queuemodel.h"
#include "ui/models/recentprojectsmodel.h"
#include "ui/models/standardmodel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace concord;

class TestModels final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void queueModel();
    void classModel();
    void standardModel();
    void exampleModel();
    void thumbnailsAreMadeOnce();
    void enumTextsCoverEveryValue();
    void labelerModel();
    void recentProjectsModel();

private:
    QString project() const { return m_dir.filePath(QStringLiteral("p.concord")); }

    QTemporaryDir m_dir;
    std::vector<core::Id> m_images;
};

void TestModels::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.filePath(QStringLiteral("settings")));
    core::ProjectSettings settings;
    settings.name = "models";
    settings.pxPerMm = 10.0;
    settings.overlap = 1;
    auto store = core::initProject(project().toStdString(), settings, {"ok", "scratch", "dent"});
    for (int i = 0; i < 6; ++i) {
        const QString name = QStringLiteral("img%1.png").arg(i);
        QImage img(64, 48, QImage::Format_RGB32);
        img.fill(QColor::fromHsv(i * 50, 200, 200));
        QVERIFY(img.save(m_dir.filePath(name)));
        core::ImageRecord r;
        r.path = name.toStdString();
        r.hash = std::string(31, '0') + char('a' + i);
        r.width = 64;
        r.height = 48;
        m_images.push_back(store->addImage(r));
    }
}

void TestModels::queueModel()
{
    auto doc = ui::ProjectDocument::open(project());
    ui::QueueModel model(doc.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0); // no session yet
    doc->startSession(QStringLiteral("ana"));
    QCOMPARE(model.rowCount(), 6); // overlap 1, one labeler: every image
    const auto classes = doc->classes();
    const core::Id first = model.index(0).data(ui::QueueModel::ImageIdRole).toLongLong();
    doc->setLabel(first, classes[1].id);
    QCOMPARE(model.index(0).data(ui::QueueModel::LabelClassRole).toLongLong(), classes[1].id);
    QVERIFY(model.index(0).data().toString().contains(QLatin1String("scratch")));
    QCOMPARE(model.index(0).data(ui::QueueModel::StateRole).toString(), QStringLiteral("done"));
    const core::Id second = model.index(1).data(ui::QueueModel::ImageIdRole).toLongLong();
    doc->skip(second);
    QCOMPARE(model.index(1).data(ui::QueueModel::StateRole).toString(), QStringLiteral("skipped"));
    doc->undoStack()->undo();
    doc->undoStack()->undo();
    QVERIFY(!model.index(0).data(ui::QueueModel::LabelClassRole).isValid());
    QCOMPARE(model.index(1).data(ui::QueueModel::StateRole).toString(), QStringLiteral("pending"));
    doc->startSession(QStringLiteral("ben")); // a reset under the tester
    // A second labeler's even share: 6 images x k=1 / 2 labelers.
    QCOMPARE(model.rowCount(), 3);
}

void TestModels::classModel()
{
    auto store = core::openProject(project().toStdString(), core::OpenMode::ReadOnly);
    ui::ClassModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setClasses(store->classes());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("2  scratch"));
    QCOMPARE(model.index(1).data(ui::ClassModel::ShortcutRole).toString(), QStringLiteral("2"));
    QCOMPARE(model.index(1).data(ui::ClassModel::ColorRole).value<QColor>(),
             QColor(QString::fromStdString(core::defaultClassColor(1))));
    model.setClasses({});
    QCOMPARE(model.rowCount(), 0);
}

void TestModels::standardModel()
{
    ui::StandardModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    core::Standard a;
    a.id = 1;
    a.family = 1;
    a.title = "Scratch length";
    a.body = "1.5 mm or longer is a defect";
    core::Standard b = a;
    b.id = 2;
    b.family = 2;
    b.version = 3;
    b.title = "Dents";
    model.setStandards({a, b});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("Dents (v3)"));
    model.setFirst(2);
    QCOMPARE(model.index(0).data(ui::StandardModel::StandardIdRole).toLongLong(), 2);
    QCOMPARE(model.index(1).data(ui::StandardModel::BodyRole).toString(),
             QStringLiteral("1.5 mm or longer is a defect"));
}

void TestModels::exampleModel()
{
    ui::ExampleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setThumbnailSize(32);
    // Filled field by field: GCC 12 at -O3 took the nested braced temporaries for uninitialised.
    const auto entry = [](core::Id image, core::ExampleRole role, const char *note, const QString &path) {
        ui::ExampleModel::Entry e;
        e.example.standard = 1;
        e.example.image = image;
        e.example.role = role;
        e.example.note = note;
        e.path = path;
        return e;
    };
    std::vector<ui::ExampleModel::Entry> entries;
    entries.push_back(
        entry(m_images[0], core::ExampleRole::Counterexample, "too short", m_dir.filePath(QStringLiteral("img0.png"))));
    entries.push_back(
        entry(m_images[1], core::ExampleRole::Borderline, "", m_dir.filePath(QStringLiteral("img1.png"))));
    model.setExamples(entries);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("Counterexample"));
    QCOMPARE(model.index(0).data(Qt::ToolTipRole).toString(), QStringLiteral("too short"));
    // The thumbnail arrives from a worker thread: 64x48 scaled into 32x32 is 32x24 (the grey
    // placeholder is square), in the colour of the file.
    QTRY_COMPARE(model.index(1).data(Qt::DecorationRole).value<QImage>().height(), 24);
    const QColor expected = QColor::fromHsv(50, 200, 200);
    const QColor shown = model.index(1).data(Qt::DecorationRole).value<QImage>().pixelColor(10, 10);
    QVERIFY(std::abs(shown.red() - expected.red()) <= 2 && std::abs(shown.green() - expected.green()) <= 2);
    model.setExamples({});
    QCOMPARE(model.rowCount(), 0);
}

void TestModels::thumbnailsAreMadeOnce()
{
    // One service behind every client (issue #16 §2): two clients asking for one file at one
    // size cause one decode and are both told; another size is another decode; a file that
    // cannot be read is answered (null) rather than asked for again.
    const QString file = m_dir.filePath(QStringLiteral("img1.png")); // 64 × 48
    const QString missing = m_dir.filePath(QStringLiteral("no-such-image.png"));
    ui::Thumbnails a(20), b(20), c(10);
    QSignalSpy readyA(&a, &ui::Thumbnails::ready), readyB(&b, &ui::Thumbnails::ready);
    QVERIFY(a.get(file).isNull());
    QVERIFY(b.get(file).isNull());
    QVERIFY(c.get(file).isNull());
    QTRY_COMPARE(readyA.size(), 1);
    QTRY_COMPARE(readyB.size(), 1);
    QCOMPARE(a.requested() + b.requested(), 1);
    QCOMPARE(c.requested(), 1);
    QCOMPARE(a.get(file).size(), QSize(20, 15));
    QCOMPARE(b.get(file).size(), QSize(20, 15));
    QTRY_VERIFY(c.isReady(file));
    QCOMPARE(c.get(file).size(), QSize(10, 7)); // 48 · 10 / 64 = 7.5, cut to whole pixels

    QVERIFY(a.get(missing).isNull());
    QTRY_VERIFY(a.isReady(missing));
    QVERIFY(a.get(missing).isNull());
    QCOMPARE(a.requested(), 2); // the missing file was decoded once, not on every get()
}

void TestModels::enumTextsCoverEveryValue()
{
    // One table of words for core's enums (issue #16 §3): every value has its own, so a value
    // added to core without words shows up here, not as a blank cell in a page.
    const auto distinct = [](const QStringList &texts) {
        for (const QString &t : texts)
            if (t.isEmpty())
                return false;
        return QSet<QString>(texts.begin(), texts.end()).size() == texts.size();
    };
    QVERIFY(distinct({ui::EnumText::of(core::ExampleRole::Example), ui::EnumText::of(core::ExampleRole::Counterexample),
                      ui::EnumText::of(core::ExampleRole::Borderline)}));
    QVERIFY(distinct({ui::EnumText::of(core::StandardStatus::Draft), ui::EnumText::of(core::StandardStatus::Active),
                      ui::EnumText::of(core::StandardStatus::Retired)}));
    QVERIFY(distinct(
        {ui::EnumText::of(core::DecisionMethod::Adjudicated), ui::EnumText::of(core::DecisionMethod::Consensus),
         ui::EnumText::of(core::DecisionMethod::Standard), ui::EnumText::of(core::DecisionMethod::Excluded)}));
    QVERIFY(distinct({ui::EnumText::of(core::LabelSource::Manual), ui::EnumText::of(core::LabelSource::Import),
                      ui::EnumText::of(core::LabelSource::Standard)}));
    // Past the last value: no words (a cast, as a value from a newer project would arrive).
    QVERIFY(ui::EnumText::of(static_cast<core::ExampleRole>(3)).isEmpty());
    QCOMPARE(ui::EnumText::capitalized(QStringLiteral("counterexample")), QStringLiteral("Counterexample"));
}

void TestModels::labelerModel()
{
    ui::LabelerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLabelers({{1, "ana", core::Role::Labeler}, {2, "lee", core::Role::Lead}});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(QStringLiteral("lee")), 1);
    QCOMPARE(model.index(1).data(ui::LabelerModel::NameRole).toString(), QStringLiteral("lee"));
    QVERIFY(model.index(1).data(ui::LabelerModel::IsLeadRole).toBool());
    QVERIFY(!model.index(0).data(ui::LabelerModel::IsLeadRole).toBool());
}

void TestModels::recentProjectsModel()
{
    const QString a = m_dir.filePath(QStringLiteral("a.concord"));
    const QString b = m_dir.filePath(QStringLiteral("b.concord"));
    QFile(a).open(QIODevice::WriteOnly); // a is there, b is not
    {
        ui::RecentProjectsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.add(a, QStringLiteral("Line 3 scratches"));
        model.add(b);
        model.add(a); // moves to the top, no duplicate, keeps its name
        QCOMPARE(model.paths(), QStringList({a, b}));
        // The project's name and the last three folders of where it is.
        QCOMPARE(model.index(0).data().toString(),
                 QStringLiteral("Line 3 scratches — ") + ui::RecentProjectsModel::shortFolder(m_dir.path()));
        QVERIFY(!model.index(0).data(ui::RecentProjectsModel::MissingRole).toBool());
        // A file that is gone says so (and has no name but its file's).
        QCOMPARE(model.index(1).data().toString(), QStringLiteral("b — ") +
                                                       ui::RecentProjectsModel::shortFolder(m_dir.path()) +
                                                       QStringLiteral(" (missing)"));
        QVERIFY(model.index(1).data(ui::RecentProjectsModel::MissingRole).toBool());
        // Located again: the entry keeps its place and follows the file.
        const QString moved = m_dir.filePath(QStringLiteral("moved.concord"));
        model.relocate(b, moved);
        QCOMPARE(model.paths(), QStringList({a, moved}));
        QCOMPARE(model.removeMissing(), 1); // moved.concord does not exist either
        QCOMPARE(model.paths(), QStringList({a}));
    }
    ui::RecentProjectsModel reloaded; // remembered through QSettings, with the name
    QCOMPARE(reloaded.paths(), QStringList({a}));
    QCOMPARE(reloaded.index(0).data(ui::RecentProjectsModel::NameRole).toString(), QStringLiteral("Line 3 scratches"));

    QCOMPARE(ui::RecentProjectsModel::shortFolder(QStringLiteral("/home/ana/inspection/line-3/projects")),
             QDir::toNativeSeparators(QStringLiteral("…/inspection/line-3/projects")));
    QCOMPARE(ui::RecentProjectsModel::shortFolder(QStringLiteral("/srv/projects")),
             QDir::toNativeSeparators(QStringLiteral("/srv/projects")));
}

QTEST_MAIN(TestModels)
#include "tst_models.moc"
