// SPDX-License-Identifier: GPL-3.0-or-later
// Relabel rounds (issue 5): a labeler sent back to an image by a standard's apply sees that
// standard first in the label book, even when a newer standard would come first otherwise.
// The expected standard is the one this test applied; the round comes from core's apply.
#include "uitestsupport.h"

#include "core/clusters/imageattributes.h"
#include "core/project/project_ops.h"
#include "core/standards/standardapply.h"
#include "core/standards/standardbook.h"
#include "core/store/store.h"
#include "ui/document/projectdocument.h"
#include "ui/labeling/labelbookpanel.h"
#include "ui/labeling/labelingview.h"
#include "ui/models/queuemodel.h"
#include "ui/models/standardmodel.h"
#include "ui/shell/mainwindow.h"

#include <QLabel>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <algorithm>
#include <map>
#include <set>

using namespace concord;

class TestRelabelRound final : public QObject
{
    Q_OBJECT

private slots:
    void triggeringStandardComesFirst();
    void aClassAStandardSetIsShownAsSuch();
};

void TestRelabelRound::triggeringStandardComesFirst()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    uitest::isolateSettings(dir.filePath(QStringLiteral("settings")));
    const auto project = uitest::makeDemo(dir.path(), 60, 5, 3);

    core::Id trigger = 0;
    core::Id newer = 0;
    core::Id relabelImage = 0;
    std::string relabeler;
    {
        auto store = core::openProject(project);
        QVERIFY(core::fillMeasuredAttributes(*store) > 10);
        // Forget the measurement of one image labeled both ok and scratch (the stored value and
        // the lines it is measured from), so the rule cannot decide it and it stays disputed:
        // its labelers get it again in a new round.
        std::map<core::Id, std::set<std::string>> classes;
        for (const auto &row : store->labelRows())
            classes[row.label.image].insert(row.className);
        const auto measured = store->attributes(core::kAttrLengthMm);
        for (const auto &a : measured)
            if (classes[a.image] == std::set<std::string>{"ok", "scratch"}) {
                relabelImage = a.image;
                break;
            }
        QVERIFY(relabelImage != 0);
        store->transaction([&] {
            store->removeAttributes(core::kAttrLengthMm, core::AttrSource::Measured);
            for (const auto &a : measured)
                if (a.image != relabelImage)
                    store->setAttribute(a);
            for (const auto &l : store->labelsOfImage(relabelImage))
                store->replaceAnnotations(l.id, {});
        });
        trigger = core::createStandard(*store, {"Scratch length", "A scratch of **1.5 mm** or longer is a *defect*.",
                                                "when label in {ok, scratch}: scratch if length_mm >= 1.5 else ok",
                                                core::StandardStatus::Draft});
        const auto applied = core::applyStandard(*store, trigger);
        QVERIFY(applied.round > 0);
        for (const auto &r : applied.preview.relabel)
            if (r.image == relabelImage)
                relabeler = r.labelerName;
        QVERIFY(!relabeler.empty());
        // A newer active standard of another family: newest first would put it on top.
        newer = core::createStandard(*store, {"Dents", "Any dent is a defect.", "", core::StandardStatus::Active});
        QCOMPARE(core::standardOfRound(*store, applied.round)->id, trigger);
        QVERIFY(!core::standardOfRound(*store, 0));
    }

    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(project.string()), QString::fromStdString(relabeler)));
    ui::LabelingView *view = window.labelingView();
    const ui::ProjectDocument *document = window.document();
    int relabelIndex = -1;
    int firstRoundIndex = -1;
    for (int i = 0; i < document->queueSize(); ++i) {
        const core::QueueEntry e = document->queueEntry(i);
        if (e.image == relabelImage && e.round > 0)
            relabelIndex = i;
        else if (e.round == 0 && firstRoundIndex < 0)
            firstRoundIndex = i;
    }
    QVERIFY(relabelIndex >= 0);
    QVERIFY(firstRoundIndex >= 0);
    auto firstStandard = [&] {
        const auto *model = view->labelBook()->standardModel();
        return model->index(0).data(ui::StandardModel::StandardIdRole).toLongLong();
    };

    view->goTo(firstRoundIndex);
    QCOMPARE(firstStandard(), newer);
    view->goTo(relabelIndex);
    QCOMPARE(firstStandard(), trigger);
    QCOMPARE(view->labelBook()->standardModel()->rowCount(), 2);
    // The labeler reads the standard rendered, as the lead's pages show it (issue #16 §3:
    // the label book used to show the Markdown's asterisks).
    const auto *body = view->labelBook()->findChild<QTextBrowser *>(QStringLiteral("standardBody"));
    QVERIFY(body);
    QVERIFY2(body->toPlainText().contains(QStringLiteral("A scratch of 1.5 mm or longer is a defect.")),
             qPrintable(body->toPlainText()));
    QVERIFY(body->toPlainText().contains(QStringLiteral("Scratch length")));
    view->goTo(firstRoundIndex);
    QCOMPARE(firstStandard(), newer);

    // The returned image (issue #19): marked "relabel" with the standard that sent it back,
    // not done until labeled in its round, and where "first unlabeled" goes when every first
    // round row is labeled (the demo's labelers labeled all of theirs).
    const QModelIndex relabelRow = view->queueModel()->index(relabelIndex);
    QVERIFY2(relabelRow.data().toString().endsWith(QStringLiteral("· relabel")),
             qPrintable(relabelRow.data().toString()));
    QVERIFY(relabelRow.data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("Sent back by the standard “Scratch length” v1")));
    int relabelRows = 0;
    int firstRelabel = -1;
    for (int i = 0; i < document->queueSize(); ++i)
        if (document->queueEntry(i).round > 0) {
            ++relabelRows;
            firstRelabel = firstRelabel < 0 ? i : firstRelabel;
        }
    QCOMPARE(document->labeledCount(), document->queueSize() - relabelRows);
    QCOMPARE(document->firstUnlabeledIndex(), firstRelabel);
    view->goTo(relabelIndex);
    const core::Id label = *document->queueEntry(relabelIndex).myLabelClass;
    view->chooseClass(label); // the same class again is an answer in this round
    QVERIFY(window.document()->saveNow());
    QCOMPARE(document->labeledCount(), document->queueSize() - relabelRows + 1);
    QTRY_VERIFY(!view->queueModel()->index(relabelIndex).data().toString().endsWith(QStringLiteral("· relabel")));
    {
        auto check = core::openProject(project, core::OpenMode::ReadOnly);
        const core::Id who = check->labelerByName(relabeler)->id;
        QCOMPARE(check->queueLabeledCount(who), std::int64_t(document->labeledCount()));
    }
}

QTEST_MAIN(TestRelabelRound)
/// A label a standard's rule changed is shown to its labeler as the standard's, not as their own
/// (issue #19): in the queue and in the status bar, until they choose a class themselves.
void TestRelabelRound::aClassAStandardSetIsShownAsSuch()
{
    QTemporaryDir dir;
    uitest::isolateSettings(dir.filePath(QStringLiteral("settings")));
    const auto project = uitest::makeDemo(dir.path(), 30, 3, 2);
    core::Id image = 0;
    std::string labeler;
    {
        auto store = core::openProject(project);
        const core::Id standard = core::createStandard(
            *store, {"All scratch", "Every ok is a scratch.", "when label = ok: scratch", core::StandardStatus::Draft});
        const auto applied = core::applyStandard(*store, standard);
        QVERIFY(!applied.preview.changes.empty());
        image = applied.preview.changes.front().image;
        labeler = applied.preview.changes.front().labelerName;
    }
    ui::MainWindow window;
    QVERIFY(window.openProject(QString::fromStdString(project.string()), QString::fromStdString(labeler)));
    window.show();
    ui::LabelingView *view = window.labelingView();
    const auto rows = window.document()->queueRowsOf(image);
    QVERIFY(!rows.empty());
    view->goTo(rows.front());
    QTRY_COMPARE(view->currentIndex(), rows.front());
    auto *origin = window.findChild<QLabel *>(QStringLiteral("labelOriginLabel"));
    QVERIFY(origin);
    QCOMPARE(origin->text(), QStringLiteral("Class set by standard “All scratch” v1"));
    const QString row = view->queueModel()->index(rows.front()).data().toString();
    QVERIFY2(row.endsWith(QStringLiteral("scratch (set by a standard)")), qPrintable(row));
    // Choosing the class makes it the labeler's own: the note goes.
    const auto classes = window.document()->classes();
    const auto scratch =
        std::find_if(classes.begin(), classes.end(), [](const core::LabelClass &c) { return c.name == "scratch"; });
    QVERIFY(scratch != classes.end());
    view->chooseClass(scratch->id);
    QVERIFY(window.document()->saveNow());
    view->goTo(rows.front());
    QTRY_VERIFY(origin->text().isEmpty());
    window.closeProject();
}

#include "tst_relabelround.moc"
