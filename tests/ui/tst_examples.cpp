// SPDX-License-Identifier: GPL-3.0-or-later
// Examples that teach (issue #19): the lead's picker shows each candidate's measured values
// and enlarges it on double-click, each example takes a note, and the labelers' label book
// shows each example's expected class, measurement and note and enlarges it with its shapes.
// Measurements are worked out by hand at the project's 40 px/mm.
#include "uitestsupport.h"

#include "core/geometry/geometry.h"
#include "core/project/project_ops.h"
#include "core/store/store.h"
#include "ui/canvas/annotationitem.h"
#include "ui/labeling/exampleviewer.h"
#include "ui/labeling/labelbookpanel.h"
#include "ui/labeling/standardview.h"
#include "ui/lead/adjudicationpage.h"
#include "ui/lead/standardeditor.h"
#include "ui/lead/standardspage.h"
#include "ui/models/examplemodel.h"
#include "ui/shell/mainwindow.h"

#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace concord;

class TestExamples final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pickerShowsMeasurementsAndNotes();
    void labelBookTeaches();
    void adjudicationEnlargesExamples();

private:
    QTemporaryDir m_dir;
    std::filesystem::path m_project;
    core::Id m_a = 0, m_b = 0, m_scratch = 0;
};

namespace {

constexpr double kPxPerMm = 40.0;
const char *const kNote = "2.25 mm: a defect, however faint";

core::Annotation line(double x1, double y1, double x2, double y2)
{
    return core::makeLineAnnotation({x1, y1, x2, y2}, kPxPerMm);
}

/// A double-click as a person makes it: Qt 6's mouseDClick alone is no press and release first,
/// so an item view does not take it for a double-click on an item.
void doubleClick(QWidget *viewport, QPoint at)
{
    QTest::mouseClick(viewport, Qt::LeftButton, {}, at);
    QTest::mouseDClick(viewport, Qt::LeftButton, {}, at);
}

/// The viewer opened last (each deletes itself when closed).
ui::ExampleViewer *openViewer(QWidget *root)
{
    const auto viewers = root->findChildren<ui::ExampleViewer *>();
    return viewers.isEmpty() ? nullptr : viewers.last();
}

QStringList shapeTexts(const ui::ExampleViewer *viewer)
{
    QStringList texts;
    for (const ui::AnnotationItem *item : viewer->canvas()->annotationItems())
        texts << item->tagText();
    texts.sort();
    return texts;
}

} // namespace

void TestExamples::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.filePath(QStringLiteral("settings")));
    m_project = std::filesystem::path(m_dir.filePath(QStringLiteral("examples.concord")).toStdString());
    core::ProjectSettings settings;
    settings.name = "examples";
    settings.pxPerMm = kPxPerMm;
    settings.hideFileNames = false;
    auto store = core::initProject(m_project.string(), settings, {"ok", "scratch"});
    const core::Id ok = store->classByName("ok")->id;
    m_scratch = store->classByName("scratch")->id;
    store->addLabeler("lead", core::Role::Lead);
    const auto image = [&](const QString &name) {
        return uitest::addPlainImage(*store, m_dir.path(), name, QSize(400, 300), QColor(0x70, 0x70, 0x70));
    };
    m_a = image(QStringLiteral("a.png"));
    m_b = image(QStringLiteral("b.png"));
    QVERIFY(m_a && m_b);
    const core::Id ana = store->addLabeler("ana", core::Role::Labeler);
    const core::Id ben = store->addLabeler("ben", core::Role::Labeler);
    const core::Id cy = store->addLabeler("cy", core::Role::Labeler);
    // a.png: ana draws 80 px = 2.00 mm, ben 100 px = 2.50 mm (both scratch), cy says ok.
    // Its length_mm is the median of the longest lines, (2.00 + 2.50) / 2 = 2.25 mm.
    core::saveLabel(*store, m_a, ana, m_scratch, {line(100, 100, 180, 100)});
    core::saveLabel(*store, m_a, ben, m_scratch, {line(100, 120, 200, 120)});
    core::saveLabel(*store, m_a, cy, ok);
    // b.png: nobody draws a line: no measurement.
    for (const core::Id who : {ana, ben, cy})
        core::saveLabel(*store, m_b, who, ok);
}

void TestExamples::pickerShowsMeasurementsAndNotes()
{
    ui::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("lead")));
    QVERIFY(window.showPageNamed(QStringLiteral("standards")));
    auto *editor = window.findChild<ui::StandardEditor *>();
    QVERIFY(editor);
    editor->startNew({m_a, m_b});
    auto *candidates = editor->findChild<QListWidget *>(QStringLiteral("candidateList"));
    QCOMPARE(candidates->count(), 2);
    // Without a rule the captions show length_mm; b.png has none.
    QCOMPARE(candidates->item(0)->text(), QStringLiteral("a.png\n2.25 mm"));
    QCOMPARE(candidates->item(1)->text(), QStringLiteral("b.png"));

    // Double-click enlarges, with every labeler's line measured at 40 px/mm (cy drew none).
    QTRY_VERIFY(candidates->isVisible());
    const QRect rect = candidates->visualItemRect(candidates->item(0));
    doubleClick(candidates->viewport(), rect.center());
    ui::ExampleViewer *viewer = openViewer(&window);
    QVERIFY(viewer);
    QTRY_VERIFY(viewer->isVisible());
    QCOMPARE(shapeTexts(viewer),
             (QStringList{QStringLiteral("scratch \u00b7 2.00 mm"), QStringLiteral("scratch \u00b7 2.50 mm")}));
    QVERIFY2(viewer->caption()->text().contains(QStringLiteral("2.25 mm")), qPrintable(viewer->caption()->text()));
    // Tags that may overlap on the picture are listed under the caption as well.
    QVERIFY2(viewer->caption()->text().contains(
                 QStringLiteral("Each shape: scratch \u00b7 2.00 mm; scratch \u00b7 2.50 mm")),
             qPrintable(viewer->caption()->text()));
    QCOMPARE(viewer->canvas()->imageSize(), QSize(400, 300));
    viewer->close();
    QTRY_VERIFY(!openViewer(&window));
    // A double-click enlarges, it does not pick: nothing chosen yet.
    auto *chosen = editor->findChild<QTreeWidget *>(QStringLiteral("chosenExamples"));
    QCOMPARE(chosen->topLevelItemCount(), 0);

    // A rule on another attribute: the captions follow the attributes it reads.
    auto *rule = editor->findChild<QLineEdit *>(QStringLiteral("ruleEdit"));
    QTest::keyClicks(rule, QStringLiteral("when label in {ok, scratch} and length_mm is known: scratch if "
                                          "length_mm >= 2 else ok"));
    QTRY_VERIFY2(editor->ruleErrorText().isEmpty(), qPrintable(editor->ruleErrorText()));
    QCOMPARE(candidates->item(0)->text(), QStringLiteral("a.png\n2.25 mm"));

    // Pick a.png as an example and write its note in place.
    candidates->item(0)->setSelected(true);
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("exampleButton")), Qt::LeftButton);
    QCOMPARE(chosen->topLevelItemCount(), 1);
    QTreeWidgetItem *item = chosen->topLevelItem(0);
    QCOMPARE(item->text(2), QStringLiteral("2.25 mm"));
    const QRect noteRect = chosen->visualItemRect(item);
    const QPoint noteAt(chosen->header()->sectionViewportPosition(3) + 10, noteRect.center().y());
    doubleClick(chosen->viewport(), noteAt);
    auto *noteEditor = chosen->viewport()->findChild<QLineEdit *>();
    QVERIFY2(noteEditor, "double-clicking the note opens its editor");
    QTest::keyClicks(noteEditor, QString::fromUtf8(kNote));
    QTest::keyClick(noteEditor, Qt::Key_Return);
    QTRY_COMPARE(item->text(3), QString::fromUtf8(kNote)); // the delegate commits on its next turn
    QVERIFY(!openViewer(&window));                         // editing the note enlarged nothing
    QCOMPARE(editor->examples().front().note, std::string(kNote));
    // Double-clicking the image column enlarges the chosen example, with its role and note.
    const QPoint imageAt(chosen->header()->sectionViewportPosition(0) + 60, noteRect.center().y());
    doubleClick(chosen->viewport(), imageAt);
    viewer = openViewer(&window);
    QVERIFY(viewer);
    QVERIFY2(viewer->caption()->text().contains(QStringLiteral("Example")) &&
                 viewer->caption()->text().contains(QStringLiteral("however faint")),
             qPrintable(viewer->caption()->text()));
    viewer->close();

    // Saved active, with the note.
    auto *title = editor->findChild<QLineEdit *>(QStringLiteral("titleEdit"));
    QTest::keyClicks(title, QStringLiteral("Scratch length"));
    auto *status = editor->findChild<QComboBox *>(QStringLiteral("statusCombo"));
    status->setCurrentIndex(1);
    auto *save = editor->findChild<QPushButton *>(QStringLiteral("saveButton"));
    QTRY_VERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    auto store = core::openProject(m_project, core::OpenMode::ReadOnly);
    const auto standards = store->standards();
    QCOMPARE(standards.size(), std::size_t(1));
    QVERIFY(standards.front().status == core::StandardStatus::Active);
    const auto examples = store->examples(standards.front().id);
    QCOMPARE(examples.size(), std::size_t(1));
    QCOMPARE(examples.front().image, m_a);
    QCOMPARE(examples.front().note, std::string(kNote));
}

void TestExamples::labelBookTeaches()
{
    ui::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("dee")));
    auto *book = window.findChild<ui::LabelBookPanel *>();
    QVERIFY(book);
    const ui::ExampleModel *model = book->exampleModel();
    QTRY_COMPARE(model->rowCount(), 1);
    const QModelIndex row = model->index(0);
    // Two scratch labels against one ok: scratch is expected; measured 2.25 mm (above).
    QCOMPARE(row.data(ui::ExampleModel::ExpectedClassRole).toString(), QStringLiteral("scratch"));
    QCOMPARE(row.data(ui::ExampleModel::MeasurementRole).toString(), QStringLiteral("2.25 mm"));
    QCOMPARE(row.data(ui::ExampleModel::NoteRole).toString(), QString::fromUtf8(kNote));
    QCOMPARE(row.data().toString(), QStringLiteral("Example \u00b7 scratch\n2.25 mm\n") + QString::fromUtf8(kNote));

    // Double-click enlarges it with the scratch lines measured, the class and the note.
    auto *list = book->findChild<QListView *>(QStringLiteral("standardExamples"));
    QTRY_VERIFY(list->isVisible());
    doubleClick(list->viewport(), list->visualRect(row).center());
    ui::ExampleViewer *viewer = openViewer(&window);
    QVERIFY(viewer);
    QCOMPARE(shapeTexts(viewer),
             (QStringList{QStringLiteral("scratch \u00b7 2.00 mm"), QStringLiteral("scratch \u00b7 2.50 mm")}));
    const QString caption = viewer->caption()->text();
    QVERIFY2(caption.contains(QStringLiteral("expected class <b>scratch</b>")) &&
                 caption.contains(QStringLiteral("2.25 mm")) && caption.contains(QStringLiteral("however faint")),
             qPrintable(caption));
    viewer->close();
}

void TestExamples::adjudicationEnlargesExamples()
{
    // a.png is in dispute (scratch, scratch, ok) and the standard of the first case speaks
    // about ok and scratch: the adjudication page cites it with its example.
    ui::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("lead")));
    QVERIFY(window.showPageNamed(QStringLiteral("adjudication")));
    auto *page = window.findChild<ui::AdjudicationPage *>();
    QVERIFY(page);
    auto *standard = page->findChild<ui::StandardView *>(QStringLiteral("adjudicationStandard"));
    QVERIFY(standard);
    QTRY_COMPARE_WITH_TIMEOUT(standard->examples()->rowCount(), 1, 10000);
    // The same entry as the label book's: expected scratch, 2.25 mm, the note.
    const QModelIndex row = standard->examples()->index(0);
    QCOMPARE(row.data(ui::ExampleModel::ExpectedClassRole).toString(), QStringLiteral("scratch"));
    QCOMPARE(row.data(ui::ExampleModel::MeasurementRole).toString(), QStringLiteral("2.25 mm"));

    auto *list = standard->findChild<QListView *>(QStringLiteral("standardExamples"));
    QVERIFY(list);
    QTRY_VERIFY(list->isVisible());
    doubleClick(list->viewport(), list->visualRect(row).center());
    ui::ExampleViewer *viewer = openViewer(&window);
    QVERIFY(viewer);
    QTRY_VERIFY(viewer->isVisible());
    QCOMPARE(shapeTexts(viewer),
             (QStringList{QStringLiteral("scratch \u00b7 2.00 mm"), QStringLiteral("scratch \u00b7 2.50 mm")}));
    QVERIFY2(viewer->caption()->text().contains(QStringLiteral("expected class <b>scratch</b>")),
             qPrintable(viewer->caption()->text()));

    // The labeling view's adjustment keys work in the viewer (hand-worked: brightness steps of
    // 0.05, contrast and gamma steps of ×1.1; ImageAdjustment::brighter and moreContrast).
    QApplication::setActiveWindow(viewer); // as the window manager does with a new window
    QTRY_COMPARE(QApplication::activeWindow(), viewer);
    QCOMPARE(QApplication::focusWidget(), viewer->canvas()); // the keys go to the picture
    ui::ImageCanvas *canvas = viewer->canvas();
    QVERIFY(canvas->adjustment().isIdentity());
    QTest::keyClick(viewer, Qt::Key_BracketRight); // brightness + 0.05
    QTest::keyClick(viewer, Qt::Key_BracketRight); // + 0.05 = 0.10
    QCOMPARE(canvas->adjustment().brightness, 0.10);
    QTest::keyClick(viewer, Qt::Key_BraceRight); // contrast × 1.1
    QCOMPARE(canvas->adjustment().contrast, 1.1);
    QTest::keyClick(viewer, Qt::Key_BracketLeft, Qt::ControlModifier); // gamma ÷ 1.1
    QCOMPARE(canvas->adjustment().gamma, 1.0 / 1.1);
    QTest::keyClick(viewer, Qt::Key_I);
    QVERIFY(canvas->adjustment().invert);
    QTest::keyClick(viewer, Qt::Key_R); // reset: as the file is
    QVERIFY(canvas->adjustment().isIdentity());
    QCOMPARE(canvas->adjustment(), ui::ImageAdjustment{});
    viewer->close();
}

QTEST_MAIN(TestExamples)
#include "tst_examples.moc"
