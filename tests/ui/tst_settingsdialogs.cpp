// SPDX-License-Identifier: GPL-3.0-or-later
// Project → Settings… and File → Import labels… / Import attributes… (issue #19), driven
// through their widgets in a lead's window. What the project holds afterwards is read with a
// connection of the test's own (core::openProject), never through the window; expected values
// are worked out by hand in the comments and in tests/data/ui-import/README.md.
#include "uitestsupport.h"

#include "core/project/classkeys.h"
#include "core/project/project_ops.h"
#include "core/project/project_settings.h"
#include "core/store/store.h"
#include "ui/document/projectaccess.h"
#include "ui/document/projectdocument.h"
#include "ui/labeling/labelingview.h"
#include "ui/shell/keybindings.h"
#include "ui/shell/importattributesdialog.h"
#include "ui/shell/importlabelsdialog.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/projectsettingsdialog.h"

#include <QAction>
#include <QApplication>
#include <QColorDialog>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>

using namespace concord;

namespace {

QString testData(const char *file)
{
    return QStringLiteral(CONCORD_TEST_DATA "/ui-import/") + QLatin1String(file);
}

int rowOf(QTableWidget *table, const QString &name)
{
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, 0) && table->item(row, 0)->text() == name)
            return row;
    return -1;
}

QStringList labelList(const core::Store &store)
{
    QStringList out;
    for (const auto &r : store.labelRows())
        out << QString::fromStdString(r.labelerName + ":" + r.imagePath + "=" + r.className);
    return out;
}

QStringList attributeList(const core::Store &store)
{
    QStringList out;
    for (const auto &key : store.attributeKeys())
        for (const auto &a : store.attributes(key))
            out << QString::fromStdString(key) + QLatin1Char('@') + QString::number(a.image);
    out.sort();
    return out;
}

void clickOk(QDialog &dialog)
{
    QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

QStringList classNames(const core::Store &store)
{
    QStringList names;
    for (const auto &c : store.classes())
        names << QString::fromStdString(c.name);
    return names;
}

/// The text of the class bar's button in `row` ("3  dent"), empty when there is none.
QString classButton(const ui::MainWindow &window, int row)
{
    const auto *b = window.findChild<QToolButton *>(QStringLiteral("classButton_%1").arg(row));
    return b ? b->text() : QString();
}

} // namespace

class TestSettingsDialogs final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void menuOnlyForTheLead();
    void renameClassThroughTheDialog();
    void duplicateNameIsRefused();
    void addAndReorderClasses();
    void recolourThroughTheColourDialog();
    void enterConfirmsOnlyItsField();
    void escapeDropsATypedOverlap();
    void labelingViewFollowsTheClasses();
    void classKeysParseInQt();
    void classKeyOfAnActionIsRefused();
    void keysBeyondNineChooseTheClass();
    void settingsFromTheMenuAreFollowed();
    void overlapAndCalibrationSaved();
    void addedLabelerGetsAQueue();
    void importLabelsFromCsv();
    void badLabelFileNamesTheLine();
    void importLabelsShowMnemonics();
    void cancelImportsNothing();
    void importAttributes();
    void badAttributeFileNamesTheLine();

private:
    /// A lead's window on a fresh demo project (12 images, 3 labelers, k = 2).
    std::unique_ptr<ui::MainWindow> openAsLead();
    std::unique_ptr<core::Store> readBack() const { return core::openProject(m_project, core::OpenMode::ReadOnly); }

    QTemporaryDir m_dir;
    std::filesystem::path m_project;
    int m_case = 0;
};

void TestSettingsDialogs::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.filePath(QStringLiteral("settings")));
}

void TestSettingsDialogs::init()
{
    const QString dir = m_dir.filePath(QStringLiteral("case%1").arg(++m_case));
    QVERIFY(QDir().mkpath(dir));
    m_project = uitest::makeDemo(dir, 12, 3, 2);
}

void TestSettingsDialogs::cleanup()
{
    // A lead's window starts the pages' background jobs (dashboard, clusters): let them end
    // before the next case, and before the process exits with their statics.
    ui::ProjectAccess::pool().clear();
    ui::ProjectAccess::pool().waitForDone();
}

std::unique_ptr<ui::MainWindow> TestSettingsDialogs::openAsLead()
{
    auto window = std::make_unique<ui::MainWindow>();
    if (!window->openProject(QString::fromStdString(m_project.string()), QStringLiteral("lead")) ||
        !window->document()->isLead())
        return nullptr;
    return window;
}

void TestSettingsDialogs::menuOnlyForTheLead()
{
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("labeler-1")));
    auto *settings = window.findChild<QAction *>(QStringLiteral("actionProjectSettings"));
    auto *importLabels = window.findChild<QAction *>(QStringLiteral("actionImportLabels"));
    QVERIFY(settings && importLabels);
    QVERIFY(!importLabels->isEnabled());
    auto *projectMenu = window.findChild<QMenu *>(QStringLiteral("projectMenu"));
    QVERIFY(projectMenu && projectMenu->actions().contains(settings));
    QVERIFY(!projectMenu->menuAction()->isVisible());
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("lead")));
    QVERIFY(importLabels->isEnabled());
    QVERIFY(projectMenu->menuAction()->isVisible());
}

void TestSettingsDialogs::renameClassThroughTheDialog()
{
    auto window = openAsLead();
    QVERIFY(window);
    ui::ProjectDocument *doc = window->document();
    const core::LabelClass dent = core::findClass(*readBack(), "dent");
    const auto dentLabels = [](const core::Store &s, const std::string &cls) {
        int n = 0;
        for (const auto &r : s.labelRows())
            n += r.className == cls ? 1 : 0;
        return n;
    };
    const int labeledDent = dentLabels(*readBack(), "dent");

    ui::ProjectSettingsDialog dialog(doc, window.get());
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("classTable"));
    QVERIFY(table);
    const int row = rowOf(table, QStringLiteral("dent"));
    QCOMPARE(row, 2);
    table->item(row, 0)->setText(QStringLiteral("pit"));
    QCOMPARE(dialog.errorText(), QString());

    auto store = readBack();
    QVERIFY(!store->classByName("dent"));
    const auto pit = store->classByName("pit");
    QVERIFY(pit);
    QCOMPARE(pit->id, dent.id); // the same class: every dent label is a pit label now
    QCOMPARE(dentLabels(*store, "pit"), labeledDent);
    QCOMPARE(QString::fromStdString(doc->classes().at(2).name), QStringLiteral("pit"));

    // One undo step puts the name back, in the project too.
    QCOMPARE(doc->undoStack()->count(), 1);
    doc->undoStack()->undo();
    QVERIFY(readBack()->classByName("dent"));
    QVERIFY(!readBack()->classByName("pit"));
    doc->undoStack()->redo();
    QVERIFY(readBack()->classByName("pit"));
}

void TestSettingsDialogs::duplicateNameIsRefused()
{
    auto window = openAsLead();
    QVERIFY(window);
    ui::ProjectSettingsDialog dialog(window->document(), window.get());
    dialog.show();
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("classTable"));
    table->item(rowOf(table, QStringLiteral("dent")), 0)->setText(QStringLiteral("scratch"));
    // Refused in words; the table shows the project's name again.
    QVERIFY2(
        dialog.errorText().contains(QStringLiteral("another class is called 'scratch' already"), Qt::CaseInsensitive),
        qPrintable(dialog.errorText()));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("settingsError"))->isVisible());
    QCOMPARE(rowOf(table, QStringLiteral("dent")), 2);
    QCOMPARE(classNames(*readBack()),
             (QStringList{QStringLiteral("ok"), QStringLiteral("scratch"), QStringLiteral("dent")}));
    QCOMPARE(window->document()->undoStack()->count(), 0);

    // The words name the row and the field that were refused.
    QVERIFY2(dialog.errorText().startsWith(QStringLiteral("Class dent keeps its name:")),
             qPrintable(dialog.errorText()));

    // A key in use is refused the same way.
    table->item(rowOf(table, QStringLiteral("dent")), 1)->setText(QStringLiteral("1"));
    QVERIFY2(dialog.errorText().contains(QStringLiteral("key 1 is the key of class 'ok'")),
             qPrintable(dialog.errorText()));
    QVERIFY2(dialog.errorText().startsWith(QStringLiteral("Class dent keeps key 3:")), qPrintable(dialog.errorText()));
    QCOMPARE(QString::fromStdString(readBack()->classByName("dent")->shortcut), QStringLiteral("3"));
    QCOMPARE(table->item(rowOf(table, QStringLiteral("dent")), 1)->text(), QStringLiteral("3"));

    // Fixed input clears the complaint: a free key is taken and the error goes.
    table->item(rowOf(table, QStringLiteral("dent")), 1)->setText(QStringLiteral("7"));
    QCOMPARE(dialog.errorText(), QString());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("settingsError"))->isHidden());
    QCOMPARE(QString::fromStdString(readBack()->classByName("dent")->shortcut), QStringLiteral("7"));
    QCOMPARE(window->document()->undoStack()->count(), 1);
}

void TestSettingsDialogs::addAndReorderClasses()
{
    auto window = openAsLead();
    QVERIFY(window);
    ui::ProjectSettingsDialog dialog(window->document(), window.get());
    dialog.show();
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("classTable"));
    auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("newClassName"));
    QTest::keyClicks(name, QStringLiteral("burr"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addClass")), Qt::LeftButton);
    QCOMPARE(dialog.errorText(), QString());
    const auto burr = readBack()->classByName("burr");
    QVERIFY(burr);
    QCOMPARE(QString::fromStdString(burr->shortcut), QStringLiteral("4")); // 1..3 are ok, scratch, dent
    QCOMPARE(table->rowCount(), 4);

    // Move burr up to the top, one row at a time: burr, ok, scratch, dent.
    table->selectRow(3);
    for (int i = 0; i < 3; ++i)
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("moveClassUp")), Qt::LeftButton);
    QCOMPARE(classNames(*readBack()), (QStringList{QStringLiteral("burr"), QStringLiteral("ok"),
                                                   QStringLiteral("scratch"), QStringLiteral("dent")}));
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("burr"));
    // Three moves, three undo steps; undoing them all restores the order (burr stays: adding is
    // not an undo step).
    QCOMPARE(window->document()->undoStack()->count(), 3);
    while (window->document()->undoStack()->canUndo())
        window->document()->undoStack()->undo();
    QCOMPARE(classNames(*readBack()), (QStringList{QStringLiteral("ok"), QStringLiteral("scratch"),
                                                   QStringLiteral("dent"), QStringLiteral("burr")}));
}

void TestSettingsDialogs::recolourThroughTheColourDialog()
{
    auto window = openAsLead();
    QVERIFY(window);
    ui::ProjectSettingsDialog dialog(window->document(), window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("classTable"));
    const int row = rowOf(table, QStringLiteral("scratch"));
    const std::string before = readBack()->classByName("scratch")->color;
    QVERIFY(before != "#123456");
    // The colour dialog is modal: pick in it once it is up.
    bool picked = false;
    QTimer::singleShot(0, this, [&picked] {
        auto *colours = qobject_cast<QColorDialog *>(QApplication::activeModalWidget());
        if (!colours)
            return;
        colours->setCurrentColor(QColor(0x12, 0x34, 0x56));
        colours->accept();
        picked = true;
    });
    const QPoint colourCell = table->visualItemRect(table->item(row, 2)).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, colourCell);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, colourCell);
    QVERIFY(picked);
    QCOMPARE(readBack()->classByName("scratch")->color, std::string("#123456"));
    QCOMPARE(table->item(row, 2)->text(), QStringLiteral("#123456"));
    // The class bar shows the colour at once (its checked tint names it).
    QVERIFY(window->findChild<QToolButton *>(QStringLiteral("classButton_1"))
                ->styleSheet()
                .contains(QStringLiteral("#123456")));
    QCOMPARE(window->document()->undoStack()->count(), 1);
    // The dialog is modal, so the window's Edit → Undo is out of reach: Ctrl+Z in the dialog,
    // and its Undo button names the step.
    auto *undoButton = dialog.findChild<QToolButton *>(QStringLiteral("settingsUndo"));
    QVERIFY2(undoButton->text().contains(QStringLiteral("Change class scratch")), qPrintable(undoButton->text()));
    QApplication::setActiveWindow(&dialog); // the colour dialog had it
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(readBack()->classByName("scratch")->color, before);
    QCOMPARE(table->item(row, 2)->text(), QString::fromStdString(before));
    QVERIFY(!undoButton->isEnabled());

    // A colour dialog closed with Cancel changes nothing.
    bool cancelled = false;
    QTimer::singleShot(0, this, [&cancelled] {
        if (auto *colours = qobject_cast<QColorDialog *>(QApplication::activeModalWidget())) {
            colours->setCurrentColor(QColor(0x65, 0x43, 0x21));
            colours->reject();
            cancelled = true;
        }
    });
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, colourCell);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, colourCell);
    QVERIFY(cancelled);
    QCOMPARE(readBack()->classByName("scratch")->color, before);
    QCOMPARE(window->document()->undoStack()->count(), 1);
}

void TestSettingsDialogs::enterConfirmsOnlyItsField()
{
    auto window = openAsLead();
    QVERIFY(window);
    ui::ProjectSettingsDialog dialog(window->document(), window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("classTable"));
    table->selectRow(2);
    // Enter in the new class's name adds it, and does nothing else: no class moved, the
    // dialog stays open.
    auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("newClassName"));
    name->setFocus();
    QTest::keyClicks(name, QStringLiteral("burr"));
    QTest::keyClick(name, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QCOMPARE(classNames(*readBack()), (QStringList{QStringLiteral("ok"), QStringLiteral("scratch"),
                                                   QStringLiteral("dent"), QStringLiteral("burr")}));
    // Enter with the name empty complains in words; typing a name clears the complaint.
    QTest::keyClick(name, Qt::Key_Return);
    QCOMPARE(dialog.errorText(), QStringLiteral("Type the new class's name first."));
    QTest::keyClicks(name, QStringLiteral("p"));
    QCOMPARE(dialog.errorText(), QString());
    name->clear();
    // Enter in the overlap sets it, and does nothing else either.
    auto *overlap = dialog.findChild<QSpinBox *>(QStringLiteral("overlap"));
    overlap->setFocus();
    overlap->selectAll();
    QTest::keyClicks(overlap, QStringLiteral("3"));
    QTest::keyClick(overlap, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QCOMPARE(readBack()->settings().overlap, 3);
    QCOMPARE(classNames(*readBack()).size(), 4);
    QCOMPARE(dialog.errorText(), QString());
    QCOMPARE(window->document()->undoStack()->count(), 1); // the overlap; an added class is no step
}

void TestSettingsDialogs::escapeDropsATypedOverlap()
{
    auto window = openAsLead();
    QVERIFY(window);
    ui::ProjectSettingsDialog dialog(window->document(), window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *overlap = dialog.findChild<QSpinBox *>(QStringLiteral("overlap"));
    overlap->setFocus();
    overlap->selectAll();
    QTest::keyClicks(overlap, QStringLiteral("4"));
    QTest::keyClick(overlap, Qt::Key_Escape); // closes the dialog: cancels what was typed
    QVERIFY(!dialog.isVisible());
    QCoreApplication::processEvents();
    QCOMPARE(readBack()->settings().overlap, 2);
    QCOMPARE(window->document()->undoStack()->count(), 0);
}

void TestSettingsDialogs::labelingViewFollowsTheClasses()
{
    auto window = openAsLead();
    QVERIFY(window);
    ui::ProjectDocument *doc = window->document();
    // The class bar: one button per class, "key  name", in the project's order.
    QCOMPARE(classButton(*window, 2), QStringLiteral("3  dent"));
    ui::ProjectSettingsDialog dialog(doc, window.get());
    dialog.show();
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("classTable"));
    table->item(2, 0)->setText(QStringLiteral("pit"));
    QCOMPARE(classButton(*window, 2), QStringLiteral("3  pit")); // while the dialog is open
    table->item(2, 1)->setText(QStringLiteral("5"));
    QCOMPARE(classButton(*window, 2), QStringLiteral("5  pit"));
    // A new class gets a button and a key at once (the first free one: 3).
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("newClassName")), QStringLiteral("burr"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addClass")), Qt::LeftButton);
    QCOMPARE(classButton(*window, 3), QStringLiteral("3  burr"));
    const auto burr = readBack()->classByName("burr");
    QVERIFY(burr);
    auto *key = window->findChild<QAction *>(QStringLiteral("actionClass_%1").arg(burr->id));
    QVERIFY(key);
    QCOMPARE(key->shortcut(), QKeySequence(QStringLiteral("3")));
    // Moving burr up moves its button.
    table->selectRow(3);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("moveClassUp")), Qt::LeftButton);
    QCOMPARE(classButton(*window, 2), QStringLiteral("3  burr"));
    QCOMPARE(classButton(*window, 3), QStringLiteral("5  pit"));
    // Undo (after the dialog closed) is followed too: the order first.
    dialog.close();
    QCOMPARE(doc->undoStack()->count(), 3); // rename, key, order (an added class is no step)
    doc->undoStack()->undo();
    QCOMPARE(classButton(*window, 2), QStringLiteral("5  pit"));
    QCOMPARE(classButton(*window, 3), QStringLiteral("3  burr"));
    // Undoing the key would give pit key 3, which burr has now: refused in words, nothing
    // changes, and the step is dropped.
    QString failed;
    connect(doc, &ui::ProjectDocument::leadActionFailed, this, [&failed](const QString &m) { failed = m; });
    doc->undoStack()->undo();
    QCOMPARE(failed, QStringLiteral("Cannot undo \u201cChange class pit\u201d: key 3 is the key of class 'burr' "
                                    "already."));
    QCOMPARE(classButton(*window, 2), QStringLiteral("5  pit"));
    QCOMPARE(QString::fromStdString(readBack()->classByName("pit")->shortcut), QStringLiteral("5"));
    // The rename's undo puts back the name only, not the key dent had then.
    doc->undoStack()->undo();
    QCOMPARE(classButton(*window, 2), QStringLiteral("5  dent"));
    QCOMPARE(classNames(*readBack()), (QStringList{QStringLiteral("ok"), QStringLiteral("scratch"),
                                                   QStringLiteral("dent"), QStringLiteral("burr")}));
    QVERIFY(!doc->undoStack()->canUndo());
}

void TestSettingsDialogs::classKeysParseInQt()
{
    // Core's grammar (classkeys.h) is written in Qt's portable spelling: every key it accepts
    // is one key chord to QKeySequence, read back the same, as the labeling view reads it.
    const auto keys = core::classKeys();
    QCOMPARE(keys.size(), std::size_t(86));
    for (const std::string &key : keys) {
        const QString text = QString::fromStdString(key);
        const QKeySequence portable = QKeySequence::fromString(text, QKeySequence::PortableText);
        QCOMPARE(portable.count(), 1);
        QCOMPARE(portable.toString(QKeySequence::PortableText), text);
        QCOMPARE(QKeySequence(text), portable); // labelingview_classes.cpp's QKeySequence(key)
    }
    QCOMPARE(QKeySequence(QStringLiteral("Shift+A")), QKeySequence(Qt::SHIFT | Qt::Key_A));
    QCOMPARE(QKeySequence(QStringLiteral("F12")), QKeySequence(Qt::Key_F12));
}

void TestSettingsDialogs::classKeyOfAnActionIsRefused()
{
    auto window = openAsLead();
    QVERIFY(window);
    ui::ProjectSettingsDialog dialog(window->document(), window.get());
    dialog.show();
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("classTable"));
    const int dent = rowOf(table, QStringLiteral("dent"));
    // "s" is S, the labeling view's Skip: refused naming the action; dent keeps 3.
    table->item(dent, 1)->setText(QStringLiteral("s"));
    QCOMPARE(dialog.errorText(),
             QStringLiteral("Class dent keeps key 3: S is the key of \u201cSkip image\u201d in the labeling view."));
    QCOMPARE(table->item(dent, 1)->text(), QStringLiteral("3"));
    QCOMPARE(QString::fromStdString(readBack()->classByName("dent")->shortcut), QStringLiteral("3"));
    // F5 reloads the image; "f5" is the same key.
    table->item(dent, 1)->setText(QStringLiteral("f5"));
    QCOMPARE(dialog.errorText(),
             QStringLiteral("Class dent keeps key 3: F5 is the key of \u201cReload image\u201d in the labeling view."));
    // "10" cannot be pressed as one key: core's words name the class.
    table->item(dent, 1)->setText(QStringLiteral("10"));
    QVERIFY2(dialog.errorText().startsWith(QStringLiteral("Class dent keeps key 3: class 'dent' cannot have key '10'")),
             qPrintable(dialog.errorText()));
    // A free letter with Shift is taken, in Qt's spelling.
    table->item(dent, 1)->setText(QStringLiteral("shift+k"));
    QCOMPARE(dialog.errorText(), QString());
    QCOMPARE(QString::fromStdString(readBack()->classByName("dent")->shortcut), QStringLiteral("Shift+K"));
    QCOMPARE(table->item(dent, 1)->text(), QStringLiteral("Shift+K"));
    const auto *key =
        window->findChild<QAction *>(QStringLiteral("actionClass_%1").arg(readBack()->classByName("dent")->id));
    QVERIFY(key);
    QCOMPARE(key->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_K));
    // D: the labeling view's Next image (the objects page's Drop is not where class keys work).
    table->item(dent, 1)->setText(QStringLiteral("d"));
    QVERIFY2(dialog.errorText().contains(QStringLiteral("\u201cNext image\u201d")), qPrintable(dialog.errorText()));
}

void TestSettingsDialogs::keysBeyondNineChooseTheClass()
{
    {
        auto window = openAsLead();
        QVERIFY(window);
        // Skip bound to Shift+A (Edit → Preferences…): the eleventh class passes it over.
        QAction *skip = window->findChild<QAction *>(QStringLiteral("actionSkip"));
        ui::setKeyBinding(skip, {QKeySequence(Qt::SHIFT | Qt::Key_A)});
        ui::ProjectSettingsDialog dialog(window->document(), window.get());
        auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("newClassName"));
        for (int i = 4; i <= 13; ++i) {
            QTest::keyClicks(name, QStringLiteral("c%1").arg(i));
            QTest::keyClick(name, Qt::Key_Return);
            QCOMPARE(dialog.errorText(), QString());
        }
        ui::setKeyBinding(skip, {QKeySequence(Qt::Key_S)}); // the default again
    }
    // ok, scratch, dent have 1…3; c4…c9 get 4…9, c10 gets 0; Shift+A was Skip's while the
    // classes were added, so c11, c12 and c13 get Shift+B, Shift+C and Shift+D.
    QStringList keys;
    for (const auto &c : readBack()->classes())
        keys << QString::fromStdString(c.shortcut);
    QCOMPARE(keys, (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4"),
                                QStringLiteral("5"), QStringLiteral("6"), QStringLiteral("7"), QStringLiteral("8"),
                                QStringLiteral("9"), QStringLiteral("0"), QStringLiteral("Shift+B"),
                                QStringLiteral("Shift+C"), QStringLiteral("Shift+D")}));

    // A labeler's window: the keys choose those classes for the image shown.
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), QStringLiteral("labeler-1")));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    ui::LabelingView *view = window.labelingView();
    window.findChild<QAction *>(QStringLiteral("actionAutoAdvance"))->setChecked(false);
    const core::Id labeler = readBack()->labelerByName("labeler-1")->id;
    const core::Id image = view->currentImage();
    QVERIFY(image != 0);
    const auto classOf = [&] {
        const auto label = readBack()->label(image, labeler);
        if (!label)
            return QString();
        for (const auto &c : readBack()->classes())
            if (c.id == label->labelClass)
                return QString::fromStdString(c.name);
        return QString();
    };
    QTest::keyClick(&window, Qt::Key_0);
    QCOMPARE(classOf(), QStringLiteral("c10"));
    QTest::keyClick(&window, Qt::Key_B, Qt::ShiftModifier);
    QCOMPARE(classOf(), QStringLiteral("c11"));
    QTest::keyClick(&window, Qt::Key_C, Qt::ShiftModifier);
    QCOMPARE(classOf(), QStringLiteral("c12"));
    QTest::keyClick(&window, Qt::Key_2);
    QCOMPARE(classOf(), QStringLiteral("scratch"));
    QCOMPARE(view->currentImage(), image); // auto-advance off: still the same image

    // Thirteen classes: twelve buttons and the type-ahead list, which "/" opens.
    auto *picker = window.findChild<QComboBox *>(QStringLiteral("classPicker"));
    QVERIFY(picker);
    QTest::keyClick(&window, Qt::Key_Slash);
    QVERIFY(picker->hasFocus() || picker->lineEdit()->hasFocus());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("c13"));
    QCOMPARE(picker->completer()->completionCount(), 1); // "Shift+D  c13" only
    QCOMPARE(classOf(), QStringLiteral("scratch"));      // typing chose nothing yet
}

void TestSettingsDialogs::settingsFromTheMenuAreFollowed()
{
    // Project → Settings… as a person opens it (modal): the class bar and the class keys
    // follow each edit without the window handing the document to the labeling view again.
    auto window = openAsLead();
    QVERIFY(window);
    window->show();
    QCOMPARE(classButton(*window, 2), QStringLiteral("3  dent"));
    bool edited = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = window->findChild<ui::ProjectSettingsDialog *>();
        QVERIFY(dialog);
        auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("classTable"));
        table->item(2, 0)->setText(QStringLiteral("pit"));
        table->item(2, 1)->setText(QStringLiteral("shift+p"));
        QCOMPARE(dialog->errorText(), QString());
        QCOMPARE(classButton(*window, 2), QStringLiteral("Shift+P  pit")); // while it is open
        edited = true;
        dialog->reject();
    });
    window->findChild<QAction *>(QStringLiteral("actionProjectSettings"))->trigger();
    QVERIFY(edited);
    QCOMPARE(classButton(*window, 2), QStringLiteral("Shift+P  pit"));
    const core::Id pit = readBack()->classByName("pit")->id;
    const auto *key = window->findChild<QAction *>(QStringLiteral("actionClass_%1").arg(pit));
    QVERIFY(key);
    QCOMPARE(key->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_P));
    QCOMPARE(window->findChildren<QAction *>(QStringLiteral("actionClass_%1").arg(pit)).size(), 1);
}

void TestSettingsDialogs::overlapAndCalibrationSaved()
{
    auto window = openAsLead();
    QVERIFY(window);
    ui::ProjectSettingsDialog dialog(window->document(), window.get());
    dialog.show();
    const core::ProjectSettings before = readBack()->settings();
    QVERIFY(before.pxPerMm != 12.5);
    auto *overlap = dialog.findChild<QSpinBox *>(QStringLiteral("overlap"));
    auto *pxPerMm = dialog.findChild<QDoubleSpinBox *>(QStringLiteral("pxPerMm"));
    QCOMPARE(overlap->value(), 2);
    overlap->selectAll();
    QTest::keyClicks(overlap, QStringLiteral("3"));
    QTest::keyClick(overlap, Qt::Key_Return);
    pxPerMm->selectAll();
    QTest::keyClicks(pxPerMm, QStringLiteral("12.5"));
    QTest::keyClick(pxPerMm, Qt::Key_Return);
    QCOMPARE(dialog.errorText(), QString());
    auto store = readBack();
    QCOMPARE(store->settings().overlap, 3);
    QCOMPARE(store->settings().pxPerMm, 12.5);
    // Each is one undo step: the last undoes the calibration only, the next the overlap.
    QCOMPARE(window->document()->undoStack()->count(), 2);
    window->document()->undoStack()->undo();
    QCOMPARE(readBack()->settings().pxPerMm, before.pxPerMm);
    QCOMPARE(readBack()->settings().overlap, 3);
    window->document()->undoStack()->undo();
    QCOMPARE(readBack()->settings().overlap, 2);
    QCOMPARE(overlap->value(), 2); // the dialog follows an undo made while it is open
}

void TestSettingsDialogs::addedLabelerGetsAQueue()
{
    auto window = openAsLead();
    QVERIFY(window);
    ui::ProjectSettingsDialog dialog(window->document(), window.get());
    dialog.show();
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("newLabelerName")), QStringLiteral("zoe"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addLabeler")), Qt::LeftButton);
    QCOMPARE(dialog.errorText(), QString());
    auto store = readBack();
    const auto zoe = store->labelerByName("zoe");
    QVERIFY(zoe);
    QVERIFY(zoe->role == core::Role::Labeler);
    // 12 images × k = 2 = 24 assignments among 4 labelers now: an even share is 24 / 4 = 6.
    QVERIFY(store->queueSize(zoe->id) >= 6);
    std::int64_t assigned = 0;
    for (const auto &e : store->queue(zoe->id))
        assigned += e.checkItem ? 0 : 1;
    QCOMPARE(assigned, std::int64_t(6));
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("labelerTable"));
    const int row = rowOf(table, QStringLiteral("zoe"));
    QVERIFY(row >= 0);
    QCOMPARE(table->item(row, 2)->text().toLongLong(), store->queueSize(zoe->id));
    // The same name again is refused in words.
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("newLabelerName")), QStringLiteral("zoe"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addLabeler")), Qt::LeftButton);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("called 'zoe' already")), qPrintable(dialog.errorText()));
}

void TestSettingsDialogs::importLabelsFromCsv()
{
    auto window = openAsLead();
    QVERIFY(window);
    ui::ImportLabelsDialog dialog(window->document(), window.get());
    dialog.findChild<QLineEdit *>(QStringLiteral("importInput"))->setText(testData("labels.csv"));
    auto *format = dialog.findChild<QComboBox *>(QStringLiteral("importFormat"));
    format->setCurrentIndex(format->findText(QStringLiteral("csv")));
    clickOk(dialog);
    QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
    QCOMPARE(dialog.result(), QStringLiteral("Imported 3 label(s) with 0 shape(s) from carol."));
    QStringList carol;
    for (const QString &l : labelList(*readBack()))
        if (l.startsWith(QStringLiteral("carol:")))
            carol << l.section(QLatin1Char('/'), -1);
    carol.sort();
    QCOMPARE(carol, (QStringList{QStringLiteral("img_0001.jpg=scratch"), QStringLiteral("img_0002.jpg=ok"),
                                 QStringLiteral("img_0003.jpg=dent")}));
}

void TestSettingsDialogs::badLabelFileNamesTheLine()
{
    auto window = openAsLead();
    QVERIFY(window);
    const QStringList before = labelList(*readBack());
    ui::ImportLabelsDialog dialog(window->document(), window.get());
    dialog.findChild<QLineEdit *>(QStringLiteral("importInput"))->setText(testData("labels-empty-class.csv"));
    auto *format = dialog.findChild<QComboBox *>(QStringLiteral("importFormat"));
    format->setCurrentIndex(format->findText(QStringLiteral("csv")));
    clickOk(dialog);
    const QString error = dialog.errorText();
    QVERIFY2(error.contains(QStringLiteral("labels-empty-class.csv")) && error.contains(QStringLiteral("line 3")),
             qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("class name")), qPrintable(error));
    QVERIFY(dialog.result().isEmpty());
    QCOMPARE(labelList(*readBack()), before); // all or nothing: lines 2 and 4 were not written
    QVERIFY(!readBack()->labelerByName("carol"));

    // The error goes once the input changes (it spoke of the file as it was); the fixed file
    // then imports.
    dialog.findChild<QLineEdit *>(QStringLiteral("importInput"))->setText(testData("labels.csv"));
    QCOMPARE(dialog.errorText(), QString());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("importError"))->isHidden());
    clickOk(dialog);
    QCOMPARE(dialog.errorText(), QString());
    QVERIFY(readBack()->labelerByName("carol"));
}

void TestSettingsDialogs::importLabelsShowMnemonics()
{
    auto window = openAsLead();
    QVERIFY(window);
    ui::ImportLabelsDialog labels(window->document(), window.get());
    ui::ImportAttributesDialog attributes(window->document(), window.get());
    // Every label with a mnemonic names the field it jumps to, so no "&" is shown.
    for (QDialog *dialog : {static_cast<QDialog *>(&labels), static_cast<QDialog *>(&attributes)})
        for (const QLabel *label : dialog->findChildren<QLabel *>())
            if (label->text().contains(QLatin1Char('&')))
                QVERIFY2(label->buddy(), qPrintable(label->text()));
}

void TestSettingsDialogs::cancelImportsNothing()
{
    auto window = openAsLead();
    QVERIFY(window);
    const QStringList labels = labelList(*readBack());
    const QStringList attributes = attributeList(*readBack());
    {
        ui::ImportLabelsDialog dialog(window->document(), window.get());
        dialog.show();
        dialog.findChild<QLineEdit *>(QStringLiteral("importInput"))->setText(testData("labels.csv"));
        QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
        QCOMPARE(dialog.QDialog::result(), int(QDialog::Rejected));
        QVERIFY(dialog.result().isEmpty());
    }
    {
        ui::ImportAttributesDialog dialog(window->document(), window.get());
        dialog.show();
        dialog.findChild<QLineEdit *>(QStringLiteral("importInput"))->setText(testData("attributes.csv"));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(dialog.QDialog::result(), int(QDialog::Rejected));
    }
    QCOMPARE(labelList(*readBack()), labels);
    QCOMPARE(attributeList(*readBack()), attributes);
    QVERIFY(!readBack()->labelerByName("carol"));
}

void TestSettingsDialogs::importAttributes()
{
    auto window = openAsLead();
    QVERIFY(window);
    ui::ImportAttributesDialog dialog(window->document(), window.get());
    dialog.findChild<QLineEdit *>(QStringLiteral("importInput"))->setText(testData("attributes.csv"));
    clickOk(dialog);
    QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
    QCOMPARE(dialog.result(), QStringLiteral("Imported 6 value(s) for 3 image(s): 1 numeric and 1 text attribute(s)."));
    auto store = readBack();
    const auto lux = store->attributes("lighting_lux");
    QCOMPARE(lux.size(), std::size_t(3));
    double sum = 0;
    for (const auto &a : lux)
        sum += std::get<double>(a.value);
    QCOMPARE(sum, 320.0 + 280.0 + 410.0);
}

void TestSettingsDialogs::badAttributeFileNamesTheLine()
{
    auto window = openAsLead();
    QVERIFY(window);
    const QStringList before = attributeList(*readBack());
    ui::ImportAttributesDialog dialog(window->document(), window.get());
    dialog.findChild<QLineEdit *>(QStringLiteral("importInput"))->setText(testData("attributes-unknown-image.csv"));
    clickOk(dialog);
    const QString error = dialog.errorText();
    QVERIFY2(error.contains(QStringLiteral("attributes-unknown-image.csv")) &&
                 error.contains(QStringLiteral("line 3")) && error.contains(QStringLiteral("img_9999.jpg")),
             qPrintable(error));
    QCOMPARE(attributeList(*readBack()), before);
    QVERIFY(readBack()->attributes("lighting_lux").empty());
}

QTEST_MAIN(TestSettingsDialogs)
#include "tst_settingsdialogs.moc"
