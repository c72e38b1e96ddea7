// SPDX-License-Identifier: GPL-3.0-or-later
// Project → Settings… in core (issue #19): classes added, renamed, re-keyed and reordered, the
// overlap, the calibration and a labeler who joins, on a project file and on a server project.
// Expected values are worked out by hand in the comments.
#include "core/common/error.h"
#include "core/project/project_ops.h"
#include "core/project/project_settings.h"
#include "store_backends.h"
#include "test_printers.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace concord::core;
using concord_test::addBackendRows;
using concord_test::freshLocation;

namespace {

QStringList classNames(const Store &store)
{
    QStringList out;
    for (const auto &c : store.classes())
        out << QString::fromStdString(c.name);
    return out;
}

/// Expects Error(code) naming `field`, and returns its message for further checks.
template <class F>
QString expectError(F &&f, ErrorCode code, const std::string &field)
{
    try {
        f();
    } catch (const Error &e) {
        if (e.code() != code || e.field() != field)
            return QStringLiteral("wrong error: ") + QString::fromStdString(e.what());
        return QString::fromStdString(e.detail());
    }
    return QStringLiteral("no error");
}

} // namespace

class TestProjectSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<Store> makeProject(const QString &backend, const std::string &name, int images = 0)
    {
        ProjectSettings s;
        s.name = name;
        s.overlap = 2;
        auto store = initProject(freshLocation(backend, m_dir, name), s, {"ok", "scratch", "dent"});
        for (int i = 1; i <= images; ++i) {
            ImageRecord r;
            r.path = "img" + std::to_string(i) + ".png";
            r.hash = std::string(32 - std::to_string(i).size(), 'a') + std::to_string(i);
            r.bytes = 100;
            r.width = 64;
            r.height = 48;
            store->addImage(r);
        }
        return store;
    }

private slots:
    void addClass_data() { addBackendRows(); }
    void addClass()
    {
        QFETCH(QString, backend);
        auto store = makeProject(backend, "addclass");
        LabelClass c;
        c.name = "pit";
        const LabelClass added = addProjectClass(*store, c, "lead");
        // Keys 1..3 are taken by ok, scratch, dent: the first free one is 4. Colour: the fourth
        // of defaultClassColor's list (Okabe & Ito's orange, #e69f00); order after dent's 2.
        QCOMPARE(QString::fromStdString(added.shortcut), QStringLiteral("4"));
        QCOMPARE(QString::fromStdString(added.color), QStringLiteral("#e69f00"));
        QCOMPARE(added.order, 3);
        QCOMPARE(classNames(*store), (QStringList{"ok", "scratch", "dent", "pit"}));
        QCOMPARE(QString::fromStdString(store->auditLog(1).front().action), QStringLiteral("class.add"));

        // A name in use and a key in use are refused in words, and nothing is written.
        LabelClass twice;
        twice.name = "scratch";
        QVERIFY(expectError([&] { addProjectClass(*store, twice, "lead"); }, ErrorCode::Invalid, "name")
                    .contains(QStringLiteral("called 'scratch' already")));
        LabelClass keyed;
        keyed.name = "burr";
        keyed.shortcut = "2";
        QVERIFY(expectError([&] { addProjectClass(*store, keyed, "lead"); }, ErrorCode::Invalid, "shortcut")
                    .contains(QStringLiteral("class 'scratch'")));
        QCOMPARE(store->classes().size(), std::size_t(4));
    }

    void renameKeepsLabels_data() { addBackendRows(); }
    void renameKeepsLabels()
    {
        QFETCH(QString, backend);
        auto store = makeProject(backend, "rename", 2);
        const Labeler alice = ensureLabeler(*store, "alice");
        const LabelClass dent = findClass(*store, "dent");
        saveLabel(*store, store->images().front().id, alice.id, dent.id);

        LabelClass renamed = dent;
        renamed.name = "pit";
        renamed.color = "#112233";
        renamed.shortcut = "9";
        changeClass(*store, renamed, "lead");
        QCOMPARE(classNames(*store), (QStringList{"ok", "scratch", "pit"}));
        const auto rows = store->labelRows();
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(rows.front().className), QStringLiteral("pit"));
        const LabelClass back = findClass(*store, "pit");
        QCOMPARE(back.id, dent.id);
        QCOMPARE(QString::fromStdString(back.color), QStringLiteral("#112233"));
        QCOMPARE(QString::fromStdString(back.shortcut), QStringLiteral("9"));

        // The undo is the same call with the class as it was.
        changeClass(*store, dent, "lead");
        QCOMPARE(QString::fromStdString(store->labelRows().front().className), QStringLiteral("dent"));
        QCOMPARE(QString::fromStdString(findClass(*store, "dent").shortcut), QStringLiteral("3"));
    }

    void refusedChanges_data() { addBackendRows(); }
    void refusedChanges()
    {
        QFETCH(QString, backend);
        auto store = makeProject(backend, "refused");
        const LabelClass dent = findClass(*store, "dent");
        LabelClass c = dent;
        c.name = "scratch";
        QVERIFY(expectError([&] { changeClass(*store, c, "lead"); }, ErrorCode::Invalid, "name")
                    .contains(QStringLiteral("another class is called 'scratch' already")));
        c = dent;
        c.name = "  ";
        QCOMPARE(expectError([&] { changeClass(*store, c, "lead"); }, ErrorCode::Invalid, "name").isEmpty(), false);
        c = dent;
        c.shortcut = "1";
        QVERIFY(expectError([&] { changeClass(*store, c, "lead"); }, ErrorCode::Invalid, "shortcut")
                    .contains(QStringLiteral("key 1 is the key of class 'ok'")));
        c = dent;
        c.color = "red";
        QVERIFY(expectError([&] { changeClass(*store, c, "lead"); }, ErrorCode::Invalid, "color").contains("#rrggbb"));
        c = dent;
        c.id = 999;
        QVERIFY(!expectError([&] { changeClass(*store, c, "lead"); }, ErrorCode::NotFound, "999").startsWith("wrong"));
        // Nothing of it was written.
        QCOMPARE(classNames(*store), (QStringList{"ok", "scratch", "dent"}));
        QCOMPARE(QString::fromStdString(findClass(*store, "dent").shortcut), QStringLiteral("3"));
    }

    void reorder_data() { addBackendRows(); }
    void reorder()
    {
        QFETCH(QString, backend);
        auto store = makeProject(backend, "reorder");
        const Id ok = findClass(*store, "ok").id;
        const Id scratch = findClass(*store, "scratch").id;
        const Id dent = findClass(*store, "dent").id;
        reorderClasses(*store, {dent, ok, scratch}, "lead");
        QCOMPARE(classNames(*store), (QStringList{"dent", "ok", "scratch"}));
        QCOMPARE(expectError(
                     [&] {
                         reorderClasses(*store, {dent, ok}, "lead");
                     },
                     ErrorCode::Invalid, "order")
                     .contains(QStringLiteral("every class")),
                 true);
        QCOMPARE(expectError(
                     [&] {
                         reorderClasses(*store, {dent, ok, ok}, "lead");
                     },
                     ErrorCode::Invalid, "order")
                     .contains(QStringLiteral("every class")),
                 true);
        QCOMPARE(classNames(*store), (QStringList{"dent", "ok", "scratch"}));
        reorderClasses(*store, {ok, scratch, dent}, "lead");
        QCOMPARE(classNames(*store), (QStringList{"ok", "scratch", "dent"}));
    }

    void overlapAndCalibration_data() { addBackendRows(); }
    void overlapAndCalibration()
    {
        QFETCH(QString, backend);
        auto store = makeProject(backend, "settings");
        setOverlap(*store, 3, "lead");
        setCalibration(*store, 12.5, "lead");
        QCOMPARE(store->settings().overlap, 3);
        QCOMPARE(store->settings().pxPerMm, 12.5);
        QCOMPARE(QString::fromStdString(store->settings().name), QStringLiteral("settings")); // the rest stays
        for (const int k : {0, -1, kMaxOverlap + 1})
            QVERIFY(!expectError([&] { setOverlap(*store, k, "lead"); }, ErrorCode::Invalid, "overlap")
                         .startsWith("no error"));
        for (const double v : {-1.0, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()})
            QVERIFY(!expectError([&] { setCalibration(*store, v, "lead"); }, ErrorCode::Invalid, "px_per_mm")
                         .startsWith("no error"));
        QCOMPARE(store->settings().overlap, 3);
        QCOMPARE(store->settings().pxPerMm, 12.5);
        setCalibration(*store, 0.0, "lead"); // 0 = not calibrated
        QCOMPARE(store->settings().pxPerMm, 0.0);
    }

    void labelerJoins_data() { addBackendRows(); }
    void labelerJoins()
    {
        QFETCH(QString, backend);
        auto store = makeProject(backend, "joins", 6);
        ProjectSettings s = store->settings();
        s.repeatShare = 0.0; // no consistency checks: the queue is the share alone
        store->setSettings(s);
        ensureLabeler(*store, "alice");
        ensureLabeler(*store, "bob");
        QCOMPARE(assignImages(*store, 2, 1), std::int64_t(12)); // 6 images × k = 2
        // carol joins: 3 labelers share 6 × 2 = 12 assignments, an even share is ⌈12 / 3⌉ = 4.
        const AddedLabeler carol = addLabelerWithQueue(*store, "carol", Role::Labeler, "lead");
        QCOMPARE(carol.queued, std::int64_t(4));
        QCOMPARE(store->queueSize(carol.labeler.id), std::int64_t(4));
        QCOMPARE(QString::fromStdString(store->auditLog(1).front().action), QStringLiteral("labeler.add"));
        // A lead gets no queue; a name in use is refused and adds nobody.
        const AddedLabeler dana = addLabelerWithQueue(*store, "dana", Role::Lead, "lead");
        QCOMPARE(dana.queued, std::int64_t(0));
        QVERIFY(expectError([&] { addLabelerWithQueue(*store, "carol", Role::Labeler, "lead"); }, ErrorCode::Invalid,
                            "labeler")
                    .contains(QStringLiteral("called 'carol' already")));
        QCOMPARE(store->labelers().size(), std::size_t(4));
        const auto rows = labelerWorkloads(*store);
        QCOMPARE(rows.size(), std::size_t(4));
        std::int64_t total = 0;
        for (const auto &r : rows)
            total += r.assigned;
        QCOMPARE(total, std::int64_t(16)); // alice's and bob's 12, carol's 4
    }
};

QTEST_GUILESS_MAIN(TestProjectSettings)
#include "tst_project_settings.moc"
