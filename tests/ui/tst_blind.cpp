// SPDX-License-Identifier: GPL-3.0-or-later
// Blind labeling (issue 5): with other labelers' labels in the project, nothing the labeling
// view shows (any role of any item model, any visible text) reveals another labeler's label,
// name or count. Expected values come from the database read through core.
#include "uitestsupport.h"

#include "core/store/store.h"
#include "ui/labelingview.h"
#include "ui/mainwindow.h"
#include "ui/models/queuemodel.h"

#include <QAbstractItemModel>
#include <QLabel>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

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

private:
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
                QVERIFY2(!word.match(t).hasMatch(),
                         qPrintable(QStringLiteral("row %1 role %2 shows class '%3': %4")
                                        .arg(row).arg(role).arg(QString::fromStdString(name), t)));
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

QTEST_MAIN(TestBlind)
#include "tst_blind.moc"
