// SPDX-License-Identifier: GPL-3.0-or-later
// Edit → Preferences… (issue #19, "custom key bindings in a preferences dialog that also holds
// ... zoom behaviour and auto-advance"): a new key is set at once, kept for the next window,
// refused when another action has it (naming that action), and reset to the default; the
// window's on/off behaviours are the checkable actions themselves.
#include "uitestsupport.h"

#include "core/project/project_ops.h"
#include "core/project/project_settings.h"
#include "core/store/store.h"
#include "ui/shell/appearance.h"
#include "ui/shell/keybindings.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/preferencesdialog.h"
#include "ui/shell/toast.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QStyle>
#include <QTest>

using namespace concord;

class TestPreferences final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void keysAreSetKeptRefusedAndReset();
    void behavioursAreTheActions();
    void aClassKeyIsRefused();
    void coloursOfTheWindow();

private:
    QTemporaryDir m_dir;
};

namespace {

QAction *action(QWidget &window, const char *name)
{
    return window.findChild<QAction *>(QString::fromLatin1(name));
}

} // namespace

void TestPreferences::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.filePath(QStringLiteral("settings")));
}

void TestPreferences::keysAreSetKeptRefusedAndReset()
{
    const QKeySequence k(Qt::Key_K);
    {
        ui::MainWindow window;
        QAction *skip = action(window, "actionSkip");
        QVERIFY(skip);
        QCOMPARE(skip->shortcut(), QKeySequence(Qt::Key_S)); // the default
        ui::PreferencesDialog dialog(&window, &window);
        QVERIFY(dialog.rowOf(skip) >= 0);
        QVERIFY(dialog.rowOf(action(window, "actionClass_1")) < 0); // a class's key is the project's

        // K is free: Skip gets it at once.
        QVERIFY(dialog.setKey(skip, k));
        QCOMPARE(skip->shortcuts(), QList<QKeySequence>{k});
        QVERIFY(dialog.errorText().isEmpty());

        // D is Next image's: refused, naming it, and Skip keeps K.
        QVERIFY(!dialog.setKey(skip, QKeySequence(Qt::Key_D)));
        QVERIFY2(dialog.errorText().contains(QStringLiteral("“Next image”")), qPrintable(dialog.errorText()));
        QCOMPARE(skip->shortcuts(), QList<QKeySequence>{k});
    }
    {
        // The next window puts the saved key on the action.
        ui::MainWindow window;
        QAction *skip = action(window, "actionSkip");
        QCOMPARE(skip->shortcuts(), QList<QKeySequence>{k});
        // Next image keeps its second key when its first changes.
        ui::PreferencesDialog dialog(&window, &window);
        QAction *next = action(window, "actionNext");
        QVERIFY(dialog.setKey(next, QKeySequence(Qt::Key_N)));
        QCOMPARE(next->shortcuts(), (QList<QKeySequence>{QKeySequence(Qt::Key_N), QKeySequence(Qt::Key_Right)}));

        // Default gives S back and forgets the binding.
        dialog.resetKeys(skip);
        QCOMPARE(skip->shortcuts(), QList<QKeySequence>{QKeySequence(Qt::Key_S)});
        QVERIFY(!QSettings().contains(QStringLiteral("keys/actionSkip")));
        dialog.resetKeys(next);
        QCOMPARE(next->shortcuts(), (QList<QKeySequence>{QKeySequence(Qt::Key_D), QKeySequence(Qt::Key_Right)}));
    }
}

void TestPreferences::behavioursAreTheActions()
{
    ui::MainWindow window;
    QAction *fitNew = action(window, "actionFitNewImages");
    QVERIFY(fitNew && fitNew->isCheckable());
    ui::PreferencesDialog dialog(&window, &window);
    auto *box = dialog.findChild<QCheckBox *>(QStringLiteral("pref_actionFitNewImages"));
    QVERIFY(box);
    QCOMPARE(box->isChecked(), fitNew->isChecked());
    const bool before = fitNew->isChecked();
    box->click();
    QCOMPARE(fitNew->isChecked(), !before);
    fitNew->setChecked(before); // and the other way round (the View menu; disabled without a project)
    QCOMPARE(box->isChecked(), before);
}

void TestPreferences::aClassKeyIsRefused()
{
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("classkeys"))));
    const auto project = uitest::makeDemo(m_dir.filePath(QStringLiteral("classkeys")), 6, 2, 2);
    const QString file = QString::fromStdString(project.string());
    {
        ui::MainWindow window;
        QVERIFY(window.openProject(file, QStringLiteral("labeler-1")));
        QAction *skip = action(window, "actionSkip");
        ui::PreferencesDialog dialog(&window, &window);
        // 3 is the demo's dent (1 ok, 2 scratch, 3 dent): refused, naming the class.
        QVERIFY(!dialog.setKey(skip, QKeySequence(Qt::Key_3)));
        QVERIFY2(dialog.errorText().startsWith(QStringLiteral("3 is the key of class \u201cdent\u201d")),
                 qPrintable(dialog.errorText()));
        QCOMPARE(skip->shortcuts(), QList<QKeySequence>{QKeySequence(Qt::Key_S)});
        QVERIFY(dialog.setKey(skip, QKeySequence(Qt::Key_K)));
    }
    // The command line, which knows no window, gives scratch the key S (core allows it).
    {
        auto store = core::openProject(project);
        core::LabelClass scratch = core::findClass(*store, "scratch");
        scratch.shortcut = "S";
        core::changeClass(*store, scratch, "lead");
    }
    // Skip's default, S, is now scratch's: Default is refused, naming the class; Skip keeps K.
    ui::MainWindow window;
    QVERIFY(window.openProject(file, QStringLiteral("labeler-1")));
    QAction *skip = action(window, "actionSkip");
    QCOMPARE(skip->shortcuts(), QList<QKeySequence>{QKeySequence(Qt::Key_K)});
    ui::PreferencesDialog dialog(&window, &window);
    dialog.resetKeys(skip);
    QVERIFY2(dialog.errorText().startsWith(QStringLiteral("S is the key of class \u201cscratch\u201d")),
             qPrintable(dialog.errorText()));
    QCOMPARE(skip->shortcuts(), QList<QKeySequence>{QKeySequence(Qt::Key_K)});
    // Next image may take a free key still.
    QVERIFY(dialog.setKey(action(window, "actionNext"), QKeySequence(Qt::Key_N)));
    dialog.resetKeys(action(window, "actionNext"));
    // S is scratch's alone: nothing to say.
    QVERIFY(!window.findChild<ui::Toast *>()->text().contains(QStringLiteral("both have")));

    // A binding made where no class is known (here: as with no project open) can still meet
    // a class key later: S for Skip again, and the window says that neither fires.
    ui::setKeyBinding(skip, {QKeySequence(Qt::Key_S)});
    ui::MainWindow again;
    again.show();
    QVERIFY(again.openProject(file, QStringLiteral("labeler-1")));
    auto *toast = again.findChild<ui::Toast *>();
    QTRY_VERIFY(toast->isVisible());
    QVERIFY2(toast->text().contains(QStringLiteral("class \u201cscratch\u201d and \u201cSkip image\u201d both have S")),
             qPrintable(toast->text()));
    ui::setKeyBinding(action(again, "actionSkip"), ui::defaultKeys(action(again, "actionSkip")));
}

/// The window's colours are chosen in Preferences, shown at once and kept; "The desktop's"
/// brings back the palette the application started with.
void TestPreferences::coloursOfTheWindow()
{
    const QColor before = QApplication::palette().color(QPalette::Window);
    ui::MainWindow window;
    ui::PreferencesDialog dialog(&window, &window);
    auto *box = dialog.findChild<QComboBox *>(QStringLiteral("prefAppearance"));
    QVERIFY(box);
    QCOMPARE(box->currentText(), QStringLiteral("The desktop's"));
    box->setCurrentIndex(box->findText(QStringLiteral("Dark")));
    QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(0x2a, 0x2e, 0x32)); // darkPalette()
    QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
    QCOMPARE(QSettings().value(QStringLiteral("appearance")).toString(), QStringLiteral("dark"));
    QCOMPARE(ui::savedAppearance(), ui::Appearance::Dark);
    box->setCurrentIndex(box->findText(QStringLiteral("The desktop's")));
    QCOMPARE(QApplication::palette().color(QPalette::Window), before);
    QCOMPARE(ui::savedAppearance(), ui::Appearance::Desktop);
    QCOMPARE(ui::appearanceNamed(QStringLiteral(" Light ")), std::optional(ui::Appearance::Light));
    QVERIFY(!ui::appearanceNamed(QStringLiteral("blue")));
}

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
