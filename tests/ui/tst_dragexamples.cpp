// SPDX-License-Identifier: GPL-3.0-or-later
// Examples dragged from the clusters grid onto the standards editor (issue 6): the images the
// grid puts in the drag (its members, read here from the grid's model) become examples, or
// selected candidates when dropped on the candidates.
#include "uitestsupport.h"

#include "ui/lead/thumbnailgridmodel.h"
#include "ui/shell/mainwindow.h"

#include <QDropEvent>
#include <QListView>
#include <QListWidget>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>
#include <set>

using namespace concord;

class TestDragExamples final : public QObject
{
    Q_OBJECT

private slots:
    void dropFromTheGrid();
};

void TestDragExamples::dropFromTheGrid()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    uitest::isolateSettings(dir.filePath(QStringLiteral("settings")));
    const auto project = uitest::makeDemo(dir.path(), 120, 5, 3);

    ui::MainWindow window;
    window.show();
    QVERIFY(window.openProject(QString::fromStdString(project.string()), QStringLiteral("lead")));
    QVERIFY(window.showPageNamed(QStringLiteral("clusters")));
    auto *grid = window.findChild<QListView *>(QStringLiteral("clusterMembers"));
    QVERIFY(grid);
    QTRY_VERIFY_WITH_TIMEOUT(grid->model() && grid->model()->rowCount() >= 5, 60000);
    QAbstractItemModel *model = grid->model();
    const QModelIndexList rows{model->index(0, 0), model->index(1, 0), model->index(2, 0)};
    std::set<qint64> dragged;
    for (const auto &i : rows)
        dragged.insert(i.data(ui::ThumbnailGridModel::ImageIdRole).toLongLong());
    QCOMPARE(dragged.size(), std::size_t(3));
    const std::unique_ptr<QMimeData> mime(model->mimeData(rows));
    QVERIFY(mime->hasFormat(ui::ThumbnailGridModel::imageIdsMimeType()));

    QVERIFY(window.showPageNamed(QStringLiteral("standards")));
    auto *chosen = window.findChild<QTreeWidget *>(QStringLiteral("chosenExamples"));
    auto *candidates = window.findChild<QListWidget *>(QStringLiteral("candidateList"));
    QVERIFY(chosen && candidates);
    QTRY_VERIFY(chosen->isVisible());
    const int before = chosen->topLevelItemCount();

    const auto drop = [&](QWidget *viewport) {
        const QPoint at = viewport->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent dropEvent(QPointF(at), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport, &dropEvent);
        QVERIFY(dropEvent.isAccepted());
    };
    drop(chosen->viewport());
    QCOMPARE(chosen->topLevelItemCount(), before + 3);
    std::set<qint64> examples;
    for (int i = 0; i < chosen->topLevelItemCount(); ++i) {
        const auto *item = chosen->topLevelItem(i);
        const qint64 id = item->data(0, Qt::UserRole).toLongLong();
        if (dragged.count(id)) {
            examples.insert(id);
            QCOMPARE(item->text(1), QStringLiteral("example"));
        }
    }
    QCOMPARE(examples, dragged);

    // Onto the candidates: offered and selected, waiting for a role.
    drop(candidates->viewport());
    std::set<qint64> selected;
    for (auto *item : candidates->selectedItems())
        selected.insert(item->data(Qt::UserRole).toLongLong());
    QCOMPARE(selected, dragged);
}

QTEST_MAIN(TestDragExamples)
#include "tst_dragexamples.moc"
