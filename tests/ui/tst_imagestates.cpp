// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #15 §2, in the window: no label on an image nobody could see. A missing file and a
// truncated JPEG show their state (banner, queue icon) and the class keys save nothing; a
// folder that comes back or is relinked loads again without a restart; a shape drawn before
// a class was chosen survives leaving the image and quitting. What is checked is read back
// through a fresh core connection.
#include "uitestsupport.h"

#include "core/imaging/image_check.h"
#include "core/project/drafts.h"
#include "core/store/store.h"
#include "ui/canvas/annotationitem.h"
#include "ui/canvas/imagecanvas.h"
#include "ui/document/projectdocument.h"
#include "ui/labeling/imagebanner.h"
#include "ui/labeling/labelingview.h"
#include "ui/models/queuemodel.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/relinkdialog.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace concord;

namespace {

QString name(core::ImageHealth h)
{
    const auto t = core::toString(h);
    return QString::fromLatin1(t.data(), qsizetype(t.size()));
}

} // namespace

class TestImageStates final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void missingFileSavesNoLabelUntilItIsBack();
    void truncatedJpegIsFlaggedDamaged();
    void relinkLoadsWithoutRestart();
    void drawnShapeSurvivesLeavingAndQuitting();

private:
    /// A fresh demo project of 12 images in its own folder; returns the project file.
    QString makeProject(const QString &name);
    static bool hasLabel(const QString &project, const std::string &labeler, core::Id image);
    QTemporaryDir m_dir;
};

void TestImageStates::initTestCase()
{
    QVERIFY(m_dir.isValid());
    uitest::isolateSettings(m_dir.filePath(QStringLiteral("settings")));
}

QString TestImageStates::makeProject(const QString &name)
{
    const QString dir = m_dir.filePath(name);
    QDir().mkpath(dir);
    // 12 images, 3 simulated labelers, 2 labels each: a fourth labeler gets 12*2/4 = 6.
    return QString::fromStdString(uitest::makeDemo(dir, 12, 3, 2).string());
}

bool TestImageStates::hasLabel(const QString &project, const std::string &labeler, core::Id image)
{
    auto store = core::openProject(project.toStdString(), core::OpenMode::ReadOnly);
    const auto who = store->labelerByName(labeler);
    return who && store->label(image, who->id).has_value();
}

void TestImageStates::missingFileSavesNoLabelUntilItIsBack()
{
    const QString project = makeProject(QStringLiteral("missing"));
    ui::MainWindow window;
    QVERIFY(window.openProject(project, QStringLiteral("ann")));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    ui::LabelingView *view = window.labelingView();
    ui::ProjectDocument *doc = window.document();
    const core::Id image = view->currentImage();
    const QString file = doc->imageFilePath(image);
    QTRY_VERIFY_WITH_TIMEOUT(view->canvas()->hasImage(), 10000);

    // The file goes (a drive unmounted); F5 looks again.
    QVERIFY(QFile::rename(file, file + QStringLiteral(".away")));
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(view->imageBanner()->isVisible(), true, 10000);
    QCOMPARE(name(view->imageBanner()->health()), QStringLiteral("missing"));
    QVERIFY(!view->canvas()->hasImage());
    QVERIFY2(view->imageBanner()->text().contains(QStringLiteral("missing")), qPrintable(view->imageBanner()->text()));
    const QModelIndex row = view->queueModel()->index(view->currentIndex());
    QCOMPARE(row.data(ui::QueueModel::HealthRole).toInt(), int(core::ImageHealth::Missing));
    QCOMPARE(row.data(Qt::DecorationRole).metaType(), QMetaType::fromType<QIcon>()); // the warning icon

    // The class key saves nothing and stays on the image; the toast says why.
    const int index = view->currentIndex();
    QTest::keyClick(&window, Qt::Key_1);
    QCOMPARE(view->currentIndex(), index);
    QVERIFY(!hasLabel(project, "ann", image));
    auto *toast = view->canvas()->findChild<QLabel *>(QStringLiteral("toast"));
    QVERIFY(toast && toast->isVisible());
    QVERIFY2(toast->text().contains(QStringLiteral("No label saved")) &&
                 toast->text().contains(QStringLiteral("missing")),
             qPrintable(toast->text()));

    // The file comes back: the next key finds it and shows it again (no restart), the one
    // after that saves.
    QVERIFY(QFile::rename(file + QStringLiteral(".away"), file));
    QTest::keyClick(&window, Qt::Key_1);
    QVERIFY(!hasLabel(project, "ann", image)); // not seen yet
    QTRY_VERIFY_WITH_TIMEOUT(view->canvas()->hasImage(), 10000);
    QVERIFY(!view->imageBanner()->isVisible());
    QCOMPARE(row.data(ui::QueueModel::HealthRole).toInt(), int(core::ImageHealth::Ok));
    QTest::keyClick(&window, Qt::Key_1);
    QVERIFY(hasLabel(project, "ann", image));
}

void TestImageStates::truncatedJpegIsFlaggedDamaged()
{
    const QString project = makeProject(QStringLiteral("damaged"));
    ui::MainWindow window;
    QVERIFY(window.openProject(project, QStringLiteral("ann")));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    ui::LabelingView *view = window.labelingView();
    const core::Id image = view->currentImage();
    const QString file = window.document()->imageFilePath(image);
    QTRY_VERIFY_WITH_TIMEOUT(view->canvas()->hasImage(), 10000);

    // Cut the JPEG at 60 % of its bytes.
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.resize(f.size() * 6 / 10));
    f.close();
    // What core says of the file, independently of the window.
    const core::ImageCheck expected = core::checkImageFile(file.toStdString());
    QCOMPARE(name(expected.health), QStringLiteral("damaged"));
    QVERIFY(expected.damagedFromRow > 0);

    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(name(view->imageBanner()->health()), QStringLiteral("damaged"), 10000);
    QVERIFY(view->imageBanner()->isVisible());
    QVERIFY(view->canvas()->hasImage()); // shown, under the banner
    const QString banner = view->imageBanner()->text();
    QVERIFY2(banner.contains(QStringLiteral("premature end of JPEG data at row %1").arg(expected.damagedFromRow)),
             qPrintable(banner));
    const QModelIndex row = view->queueModel()->index(view->currentIndex());
    QCOMPARE(row.data(ui::QueueModel::HealthRole).toInt(), int(core::ImageHealth::Damaged));

    QTest::keyClick(&window, Qt::Key_2);
    QVERIFY(!hasLabel(project, "ann", image));
    // Skipping it is what the labeler can do.
    QTest::keyClick(&window, Qt::Key_S);
    QVERIFY(view->currentImage() != image);
}

void TestImageStates::relinkLoadsWithoutRestart()
{
    const QString project = makeProject(QStringLiteral("relink"));
    ui::MainWindow window;
    QVERIFY(window.openProject(project, QStringLiteral("ann")));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    ui::LabelingView *view = window.labelingView();
    ui::ProjectDocument *doc = window.document();
    QTRY_VERIFY_WITH_TIMEOUT(view->canvas()->hasImage(), 10000);
    const core::Id image = view->currentImage();

    // The whole image folder moves.
    const QFileInfo first(doc->imageFilePath(image));
    const QString oldDir = first.absolutePath();
    const QString newDir = QFileInfo(project).absolutePath() + QStringLiteral("/moved-images");
    QVERIFY(QDir().rename(oldDir, newDir));
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(name(view->imageBanner()->health()), QStringLiteral("missing"), 10000);

    // File → Relink images…: the dialog previews 12 images found, and relinks.
    QString preview;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<ui::RelinkDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->setFolder(newDir);
        preview = dialog->previewText();
        QCOMPARE(dialog->plan().images, std::int64_t(12));
        QCOMPARE(dialog->plan().found, std::int64_t(12));
        QCOMPARE(dialog->plan().missingInProject, std::int64_t(12));
        dialog->accept();
    });
    auto *action = window.findChild<QAction *>(QStringLiteral("actionRelinkImages"));
    QVERIFY(action);
    action->trigger();
    QVERIFY2(preview.contains(QStringLiteral("12")), qPrintable(preview));

    // Loaded again at the new place, without a restart; the key saves.
    QTRY_VERIFY_WITH_TIMEOUT(view->canvas()->hasImage(), 10000);
    QVERIFY(!view->imageBanner()->isVisible());
    QCOMPARE(QFileInfo(doc->imageFilePath(image)).absolutePath(), newDir);
    QCOMPARE(doc->labelRefusal(image), QString());
    window.activateWindow(); // the dialog has gone
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_1);
    QVERIFY(hasLabel(project, "ann", image));
    auto store = core::openProject(project.toStdString(), core::OpenMode::ReadOnly);
    QVERIFY(store->image(image)->path.rfind("moved-images/", 0) == 0);
}

void TestImageStates::drawnShapeSurvivesLeavingAndQuitting()
{
    const QString project = makeProject(QStringLiteral("draft"));
    core::Id image = 0;
    {
        ui::MainWindow window;
        QVERIFY(window.openProject(project, QStringLiteral("ann")));
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        ui::LabelingView *view = window.labelingView();
        ui::ImageCanvas *canvas = view->canvas();
        QTRY_VERIFY_WITH_TIMEOUT(canvas->hasImage(), 10000);
        image = view->currentImage();
        QTest::keyClick(&window, Qt::Key_B);
        const QPoint c = canvas->viewport()->rect().center();
        uitest::drag(canvas->viewport(), c - QPoint(40, 30), c + QPoint(40, 30));
        QCOMPARE(canvas->annotationItems().size(), 1);
        // Leave the image and come back: still there.
        QTest::keyClick(&window, Qt::Key_D);
        QVERIFY(view->currentImage() != image);
        QTest::keyClick(&window, Qt::Key_A);
        QCOMPARE(view->currentImage(), image);
        QCOMPARE(canvas->annotationItems().size(), 1);
        QVERIFY(window.close()); // quitting keeps it, without asking
    }
    {
        auto store = core::openProject(project.toStdString(), core::OpenMode::ReadOnly);
        const auto ann = store->labelerByName("ann");
        QVERIFY(ann);
        QVERIFY(!store->label(image, ann->id)); // no class chosen: no label
        const auto draft = core::draftOf(*store, ann->id, image);
        QCOMPARE(draft.size(), std::size_t(1));
        QVERIFY(draft.front().kind == core::AnnotationKind::Box);
    }
    // Reopened: the draft is back on the image, and choosing a class makes it the label's.
    ui::MainWindow window;
    QVERIFY(window.openProject(project, QStringLiteral("ann")));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    ui::LabelingView *view = window.labelingView();
    QCOMPARE(view->currentImage(), image);
    QCOMPARE(view->canvas()->annotationItems().size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(view->canvas()->hasImage(), 10000);
    QTest::keyClick(&window, Qt::Key_1);
    auto store = core::openProject(project.toStdString(), core::OpenMode::ReadOnly);
    const auto ann = store->labelerByName("ann");
    const auto label = store->label(image, ann->id);
    QVERIFY(label);
    QCOMPARE(store->annotationsOfLabel(label->id).size(), std::size_t(1));
    QVERIFY(core::draftOf(*store, ann->id, image).empty());
}

QTEST_MAIN(TestImageStates)
#include "tst_imagestates.moc"
