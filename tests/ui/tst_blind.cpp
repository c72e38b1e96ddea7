// SPDX-License-Identifier: GPL-3.0-or-later
// Blind labeling (issue 5): with other labelers' labels in the project, nothing the labeling
// view shows (any role of any item model, any visible text) reveals another labeler's label,
// name or count. Expected values come from the database read through core.
// Issue 15 §3: switching to a labeler who has labels needs a passphrase when the project has
// one; the sign-in dialog says when nothing protects the project and never pre-selects a lead;
// labelers see queue numbers instead of file names when the project hides them.
#include "uitestsupport.h"

#include "core/common/error.h"
#include "core/project/session.h"
#include "core/store/store.h"
#include "ui/document/projectdocument.h"
#include "ui/labeling/labelingview.h"
#include "ui/models/queuemodel.h"
#include "ui/shell/labelerdialog.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/newprojectdialog.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QCheckBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <map>
#include <set>

using namespace concord;

class TestBlind final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void nothingRevealsOthers_data();
    void nothingRevealsOthers();
    void signInDialogNeverPreselectsTheLead();
    void signInDialogSaysWhatProtectsAName();
    void switchingToAProtectedLabelerNeedsAPassphrase();
    void labelersSeeQueueNumbersNotFileNames();
    void aRepeatLooksLikeANewImage();

private:
    /// Answers the next "Who is labeling?" dialog with `name` and `passphrase`.
    static void answerSignIn(const QString &name, const QString &passphrase);

    QTemporaryDir m_dir;
    std::filesystem::path m_project;
};

void TestBlind::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.filePath(QStringLiteral("settings")));
    m_project = uitest::makeDemo(m_dir.path(), 40, 3, 3);
    // An active standard with an example, so the label book has content to check too.
    auto store = core::openProject(m_project);
    core::Standard s;
    s.title = "Scratch length";
    s.body = "A scratch of 1.5 mm or longer is a defect.";
    s.status = core::StandardStatus::Active;
    const core::Id id = store->addStandard(s);
    store->setExample({id, store->images(0, 1).front().id, core::ExampleRole::Example, "long scratch"});
}

void TestBlind::nothingRevealsOthers_data()
{
    QTest::addColumn<QString>("labeler");
    QTest::addColumn<int>("labelFirst"); // images the test labels before looking
    QTest::newRow("new labeler") << QStringLiteral("newcomer") << 3;
    QTest::newRow("labeler with labels") << QStringLiteral("ben") << 0;
}

void TestBlind::nothingRevealsOthers()
{
    QFETCH(QString, labeler);
    QFETCH(int, labelFirst);

    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(m_project.string()), labeler));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    for (int i = 0; i < labelFirst; ++i)
        QTest::keyClick(&window, Qt::Key_2);
    QTest::qWait(200); // let thumbnails and the first decode arrive
    // A labeler's window has no door to a connection of its own (it would read every label).
    QVERIFY(!window.document()->leadAccess().isValid());
    // Nor a reader of the whole project: the document hands widgets no Store (issue #16 §2).
    QVERIFY_THROWS_EXCEPTION(core::Error, window.document()->leadReader());

    // The truth, from core.
    auto store = core::openProject(m_project, core::OpenMode::ReadOnly);
    const auto me = *store->labelerByName(labeler.toStdString());
    std::map<core::Id, std::string> className;
    for (const auto &c : store->classes())
        className[c.id] = c.name;
    std::set<QString> otherNames;
    for (const auto &l : store->labelers())
        if (l.id != me.id)
            otherNames.insert(QString::fromStdString(l.name));
    QVERIFY(otherNames.size() >= 3);
    const auto queue = store->queue(me.id);
    int mine = 0;
    int othersOnMyImages = 0;
    for (const auto &q : queue) {
        mine += store->label(q.image, me.id) ? 1 : 0;
        for (const auto &l : store->labelsOfImage(q.image))
            othersOnMyImages += l.labeler != me.id ? 1 : 0;
    }
    QVERIFY2(othersOnMyImages > 0, "the fixture must have other labelers' labels on this queue");

    // 1. No text anywhere names another labeler.
    QStringList texts = uitest::visibleTexts(&window);
    const auto models = window.findChildren<QAbstractItemModel *>();
    QVERIFY(models.size() >= 4);
    for (const QAbstractItemModel *m : models)
        texts << uitest::modelTexts(*m);
    for (const QString &name : otherNames) {
        const QRegularExpression word(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(name)));
        for (const QString &t : texts)
            QVERIFY2(!word.match(t).hasMatch(), qPrintable(QStringLiteral("'%1' shows '%2'").arg(t, name)));
    }

    // 2. Each queue row shows my class or none, never another one, in any role.
    ui::QueueModel *queueModel = window.labelingView()->queueModel();
    while (queueModel->canFetchMore({})) // rows come a page at a time
        queueModel->fetchMore({});
    QCOMPARE(queueModel->rowCount(), int(queue.size()));
    for (int row = 0; row < queueModel->rowCount(); ++row) {
        const auto &q = queue[static_cast<std::size_t>(row)];
        const auto myLabel = store->label(q.image, me.id);
        QCOMPARE(queueModel->index(row).data(ui::QueueModel::ImageIdRole).toLongLong(), q.image);
        const QVariant shownClass = queueModel->index(row).data(ui::QueueModel::LabelClassRole);
        QCOMPARE(shownClass.isValid(), myLabel.has_value());
        if (myLabel)
            QCOMPARE(shownClass.toLongLong(), myLabel->labelClass);
        for (const auto &[id, name] : className) {
            if (myLabel && myLabel->labelClass == id)
                continue;
            const QRegularExpression word(QStringLiteral("\\b%1\\b").arg(QString::fromStdString(name)));
            for (int role = 0; role <= Qt::UserRole + 32; ++role) {
                const QString t = queueModel->index(row).data(role).toString();
                QVERIFY2(!word.match(t).hasMatch(), qPrintable(QStringLiteral("row %1 role %2 shows class '%3': %4")
                                                                   .arg(row)
                                                                   .arg(role)
                                                                   .arg(QString::fromStdString(name), t)));
            }
        }
    }

    // 3. The only count shown is my own progress.
    auto *progress = window.findChild<QLabel *>(QStringLiteral("progressLabel"));
    QCOMPARE(progress->text(), QStringLiteral("%1 / %2").arg(mine).arg(queue.size()));
    const QString total = QString::number(store->labelCount());
    for (const QString &t : std::as_const(texts))
        QVERIFY2(!QRegularExpression(QStringLiteral("\\b%1\\b").arg(total)).match(t).hasMatch() ||
                     t.contains(QLatin1String(".jpg")),
                 qPrintable(QStringLiteral("'%1' shows the project's label count").arg(t)));
    window.closeProject();
}

void TestBlind::answerSignIn(const QString &name, const QString &passphrase)
{
    QTimer::singleShot(0, qApp, [name, passphrase] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            auto *dialog = qobject_cast<ui::LabelerDialog *>(w);
            if (!dialog || !dialog->isVisible())
                continue;
            dialog->findChild<QLineEdit *>(QStringLiteral("labelerName"))->setText(name);
            dialog->findChild<QLineEdit *>(QStringLiteral("signInPassphrase"))->setText(passphrase);
            dialog->accept();
            return;
        }
        QFAIL("no sign-in dialog");
    });
}

void TestBlind::signInDialogNeverPreselectsTheLead()
{
    const auto doc = ui::ProjectDocument::open(QString::fromStdString(m_project.string()));
    // The lead was the last to sign in on this computer: the name is not filled in, no row is
    // selected, and giving the list the focus (as the dialog's first widget) selects nothing.
    ui::LabelerDialog dialog(*doc, QStringLiteral("lead"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *list = dialog.findChild<QListView *>();
    list->setFocus(Qt::TabFocusReason);
    QCoreApplication::processEvents();
    QVERIFY(list->currentIndex().isValid());                   // Qt made a row current ...
    QVERIFY(list->selectionModel()->selectedRows().isEmpty()); // ... but selected none
    QCOMPARE(dialog.name(), QString());
    // A labeler's name is still suggested.
    ui::LabelerDialog labeler(*doc, QStringLiteral("ben"));
    QCOMPARE(labeler.name(), QStringLiteral("ben"));
    QVERIFY(labeler.role() == core::Role::Labeler);
}

void TestBlind::signInDialogSaysWhatProtectsAName()
{
    QTemporaryDir dir;
    const auto project = uitest::makeDemo(dir.path(), 12, 3, 2);
    const QString file = QString::fromStdString(project.string());
    const auto shows = [](ui::LabelerDialog &d) {
        return !d.findChild<QLineEdit *>(QStringLiteral("signInPassphrase"))->isHidden();
    };
    const auto says = [](ui::LabelerDialog &d) {
        return d.findChild<QLabel *>(QStringLiteral("signInProtection"))->text();
    };
    {
        const auto doc = ui::ProjectDocument::open(file);
        ui::LabelerDialog d(*doc, QStringLiteral("ana"));
        QVERIFY(!shows(d));
        QVERIFY2(says(d).contains(QLatin1String("no sign-in protection")), qPrintable(says(d)));
    }
    {
        auto store = core::openProject(project);
        core::setLabelerPassphrase(*store, "ben", "", "ben-pw", "ben");
    }
    const auto doc = ui::ProjectDocument::open(file);
    ui::LabelerDialog d(*doc, QStringLiteral("ben"));
    QVERIFY(shows(d));
    QVERIFY(!says(d).contains(QLatin1String("no sign-in protection")));
    d.findChild<QLineEdit *>(QStringLiteral("signInPassphrase"))->setText(QStringLiteral("ben-pw"));
    QCOMPARE(d.passphrase(), QStringLiteral("ben-pw"));
    // ana has labels and no passphrase, and the project has no lead passphrase: said plainly.
    d.findChild<QLineEdit *>(QStringLiteral("labelerName"))->setText(QStringLiteral("ana"));
    QVERIFY(!shows(d));
    QCOMPARE(d.passphrase(), QString());
    QCOMPARE(says(d), QStringLiteral("ana has no passphrase: anyone can sign in as ana."));
    // A new name needs nothing and is told nothing.
    d.findChild<QLineEdit *>(QStringLiteral("labelerName"))->setText(QStringLiteral("newcomer"));
    QVERIFY(!shows(d));
    QCOMPARE(says(d), QString());
}

void TestBlind::switchingToAProtectedLabelerNeedsAPassphrase()
{
    QTemporaryDir dir;
    const auto project = uitest::makeDemo(dir.path(), 12, 3, 2);
    {
        auto store = core::openProject(project);
        core::setLabelerPassphrase(*store, "ben", "", "ben-pw", "ben");
        core::setLeadPassphrase(*store, "", "lead-pw", "lead");
    }
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(project.string()), QStringLiteral("newcomer")));
    const core::Id newcomer = window.document()->labeler().id;
    // Without the passphrase, or with another labeler's, the switch fails and the window stays
    // with the labeler who was signed in, views and all.
    for (const QString &wrong : {QString(), QStringLiteral("ana-pw"), QStringLiteral("nope")}) {
        answerSignIn(QStringLiteral("ben"), wrong);
        QVERIFY(!window.switchLabeler());
        QCOMPARE(window.document()->labeler().id, newcomer);
        QVERIFY(window.labelingView()->queueModel()->rowCount() > 0);
    }
    // ana has labels and no passphrase of her own: the lead passphrase protects her.
    answerSignIn(QStringLiteral("ana"), QString());
    QVERIFY(!window.switchLabeler());
    QCOMPARE(window.document()->labeler().id, newcomer);
    answerSignIn(QStringLiteral("ana"), QStringLiteral("lead-pw"));
    QVERIFY(window.switchLabeler());
    QCOMPARE(window.document()->labeler().name, std::string("ana"));
    answerSignIn(QStringLiteral("ben"), QStringLiteral("ben-pw"));
    QVERIFY(window.switchLabeler());
    QCOMPARE(window.document()->labeler().name, std::string("ben"));
    QVERIFY(!window.document()->isLead());
    window.closeProject();
}

/// A repeat (issue #20) of an image ben labeled: the window shows it like any new image (no
/// class, "Image N", nothing of the first answer), and choosing a class answers the repeat
/// without touching ben's label.
void TestBlind::aRepeatLooksLikeANewImage()
{
    QTemporaryDir dir;
    const auto project = uitest::makeDemo(dir.path(), 12, 3, 2);
    core::Id image = 0;
    core::Id firstClass = 0;
    core::Id item = 0;
    {
        auto store = core::openProject(project);
        const core::Id ben = store->labelerByName("ben")->id;
        const auto queue = store->queue(ben);
        image = queue.front().image;
        firstClass = store->label(image, ben)->labelClass;
        core::CheckItem check;
        check.image = image;
        check.labeler = ben;
        check.position = queue.back().position; // the last row
        item = store->addCheckItem(check);
    }
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(project.string()), QStringLiteral("ben")));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    ui::QueueModel *model = window.labelingView()->queueModel();
    while (model->canFetchMore({}))
        model->fetchMore({});
    const int last = model->rowCount() - 1;
    window.labelingView()->goTo(last);
    QTest::qWait(100);
    QCOMPARE(window.labelingView()->currentIndex(), last);
    // Exactly what an unlabeled new image shows: its queue number, no class, no file name.
    QCOMPARE(model->index(last).data(Qt::DisplayRole).toString(), QStringLiteral("Image %1").arg(last + 1));
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("imageNameLabel"))->text(),
             QStringLiteral("Image %1").arg(last + 1));
    const QString name =
        QFileInfo(QString::fromStdString(core::openProject(project, core::OpenMode::ReadOnly)->image(image)->path))
            .completeBaseName();
    QVERIFY(!window.windowTitle().contains(name));
    for (const QString &t : uitest::visibleTexts(&window))
        QVERIFY2(!t.contains(name), qPrintable(t));
    // The first row is the same image, labeled: it shows its class, the repeat does not.
    QVERIFY(model->index(0).data(Qt::DisplayRole).toString().contains(QStringLiteral("  · ")));

    // Answering the repeat with another class keeps ben's label as it was.
    auto store = core::openProject(project, core::OpenMode::ReadOnly);
    const auto classes = store->classes();
    const auto other =
        std::find_if(classes.begin(), classes.end(), [&](const core::LabelClass &c) { return c.id != firstClass; });
    window.labelingView()->chooseClass(other->id);
    QVERIFY(window.document()->saveNow());
    const core::Id ben = store->labelerByName("ben")->id;
    QTRY_COMPARE(store->checkItem(item)->answer, std::optional<core::Id>(other->id));
    QCOMPARE(store->label(image, ben)->labelClass, firstClass);
    window.closeProject();
}

void TestBlind::labelersSeeQueueNumbersNotFileNames()
{
    QTemporaryDir dir;
    const auto project = uitest::makeDemo(dir.path(), 12, 3, 2);
    auto store = core::openProject(project, core::OpenMode::ReadOnly);
    QVERIFY(store->settings().hideFileNames); // new projects hide them, the window's too:
    {
        const ui::NewProjectDialog dialog;
        const QString file = dir.filePath(QStringLiteral("new.concord"));
        core::LabelClass ok;
        ok.name = "ok";
        QVERIFY(ui::ProjectDocument::create(file, dialog.settings(), {ok})->fileNamesHidden());
    }
    const auto queue = store->queue(store->labelerByName("ben")->id);
    QVERIFY(queue.size() >= 4);

    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(project.string()), QStringLiteral("ben")));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_Right); // the second image: "Image 2" in the status bar
    QTest::qWait(100);
    ui::QueueModel *model = window.labelingView()->queueModel();
    while (model->canFetchMore({}))
        model->fetchMore({});
    QCOMPARE(model->rowCount(), int(queue.size()));
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString text = model->index(row).data(Qt::DisplayRole).toString();
        const QRegularExpression shown(QStringLiteral("^Image %1(  · .+)?$").arg(row + 1));
        QVERIFY2(shown.match(text).hasMatch(), qPrintable(text));
        QCOMPARE(model->index(row).data(Qt::ToolTipRole).toString(), QStringLiteral("Image %1").arg(row + 1));
    }
    const int current = window.labelingView()->currentIndex();
    QVERIFY(current >= 0);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("imageNameLabel"))->text(),
             QStringLiteral("Image %1").arg(current + 1));
    // No file name of the queue anywhere: title, status bar, models, any visible text.
    QStringList texts = uitest::visibleTexts(&window);
    for (const QAbstractItemModel *m : window.findChildren<QAbstractItemModel *>())
        texts << uitest::modelTexts(*m);
    for (const auto &q : queue) {
        const QString name = QFileInfo(QString::fromStdString(q.path)).completeBaseName();
        QVERIFY(!window.windowTitle().contains(name));
        for (const QString &t : std::as_const(texts))
            QVERIFY2(!t.contains(name), qPrintable(QStringLiteral("'%1' shows '%2'").arg(t, name)));
    }
    window.closeProject();

    // The lead shows file names again: the labeler's next session shows them.
    store.reset();
    {
        auto rw = core::openProject(project);
        core::Session::lead(*rw, "lead").setFileNamesHidden(false);
    }
    QVERIFY(window.openProject(QString::fromStdString(project.string()), QStringLiteral("ben")));
    model = window.labelingView()->queueModel();
    const QString fileName = QFileInfo(QString::fromStdString(queue.front().path)).fileName();
    QVERIFY(model->index(0).data(Qt::DisplayRole).toString().startsWith(QStringLiteral("  1  ") + fileName));
    QCOMPARE(model->index(0).data(Qt::ToolTipRole).toString(), QString::fromStdString(queue.front().path));
    window.closeProject();
}

QTEST_MAIN(TestBlind)
#include "tst_blind.moc"
