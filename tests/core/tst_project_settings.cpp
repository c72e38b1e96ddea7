// SPDX-License-Identifier: GPL-3.0-or-later
// Project → Settings… in core (issue #19): classes added, renamed, re-keyed and reordered, the
// overlap, the calibration and a labeler who joins, on a project file and on a server project.
// Expected values are worked out by hand in the comments.
#include "core/common/error.h"
#include "core/project/classkeys.h"
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

    void classKeyGrammar_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("stored"); // "refused" when the grammar refuses it
        QTest::newRow("digit") << "7"
                               << "7";
        QTest::newRow("zero") << "0"
                              << "0";
        QTest::newRow("none") << ""
                              << "";
        QTest::newRow("blank") << "  "
                               << "";
        QTest::newRow("lower letter") << "s"
                                      << "S";
        QTest::newRow("spaces") << " k "
                                << "K";
        QTest::newRow("F1") << "f1"
                            << "F1";
        QTest::newRow("F12") << "F12"
                             << "F12";
        QTest::newRow("shift letter") << "shift+a"
                                      << "Shift+A";
        QTest::newRow("shift F-key") << "SHIFT+F3"
                                     << "Shift+F3";
        QTest::newRow("two digits") << "10"
                                    << "refused";
        QTest::newRow("shift digit") << "Shift+1"
                                     << "refused";
        QTest::newRow("F0") << "F0"
                            << "refused";
        QTest::newRow("F13") << "F13"
                             << "refused";
        QTest::newRow("F01") << "F01"
                             << "refused";
        QTest::newRow("ctrl") << "Ctrl+A"
                              << "refused";
        QTest::newRow("shift alone") << "Shift+"
                                     << "refused";
        QTest::newRow("punctuation") << "/"
                                     << "refused";
        QTest::newRow("non-ASCII") << "\u00e9"
                                   << "refused";
        QTest::newRow("word") << "ab"
                              << "refused";
    }
    void classKeyGrammar()
    {
        QFETCH(QString, typed);
        QFETCH(QString, stored);
        const auto key = canonicalClassKey(typed.toStdString());
        QCOMPARE(key ? QString::fromStdString(*key) : QStringLiteral("refused"), stored);
    }

    void keySets()
    {
        // 10 digits + 26 letters + 12 F-keys, and the 38 letters and F-keys again with Shift+.
        const auto all = classKeys();
        QCOMPARE(all.size(), std::size_t(86));
        QCOMPARE(QString::fromStdString(all.back()), QStringLiteral("Shift+F12"));
        for (const auto &k : all)
            QCOMPARE(canonicalClassKey(k), std::optional<std::string>(k));
        // Defaults: 1…9, 0, then Shift+A…Shift+Z (36), each one the grammar accepts.
        const auto &defaults = defaultClassKeys();
        QCOMPARE(defaults.size(), std::size_t(36));
        QCOMPARE(QString::fromStdString(defaults[8]), QStringLiteral("9"));
        QCOMPARE(QString::fromStdString(defaults[9]), QStringLiteral("0"));
        QCOMPARE(QString::fromStdString(defaults[10]), QStringLiteral("Shift+A"));
        QCOMPARE(QString::fromStdString(defaults[35]), QStringLiteral("Shift+Z"));
        // A class keyed "s" (a project from before the grammar) takes no default; "1" and "2"
        // are taken, "3" too when the caller says so.
        std::vector<LabelClass> classes(2);
        classes[0].shortcut = "1";
        classes[1].shortcut = "2";
        QCOMPARE(QString::fromStdString(firstFreeClassKey(classes, {"3"})), QStringLiteral("4"));
        classes.resize(36);
        for (std::size_t i = 0; i < 36; ++i)
            classes[i].shortcut = i == 10 ? "shift+a" : defaults[i];
        QCOMPARE(QString::fromStdString(firstFreeClassKey(classes)), QString());
    }

    void keysBeyondNine_data() { addBackendRows(); }
    void keysBeyondNine()
    {
        QFETCH(QString, backend);
        auto store = makeProject(backend, "beyondnine");
        // ok, scratch, dent have 1, 2, 3: the next eight classes get 4…9, then 0, then Shift+A.
        QStringList keys;
        for (int i = 4; i <= 11; ++i) {
            LabelClass c;
            c.name = "class" + std::to_string(i);
            keys << QString::fromStdString(addProjectClass(*store, c, "lead").shortcut);
        }
        QCOMPARE(keys, (QStringList{"4", "5", "6", "7", "8", "9", "0", "Shift+A"}));

        // A key given is stored in its one spelling; "k" and "K" are one key.
        LabelClass k;
        k.name = "kink";
        k.shortcut = " k";
        QCOMPARE(QString::fromStdString(addProjectClass(*store, k, "lead").shortcut), QStringLiteral("K"));
        LabelClass again;
        again.name = "knot";
        again.shortcut = "K";
        QVERIFY(expectError([&] { addProjectClass(*store, again, "lead"); }, ErrorCode::Invalid, "shortcut")
                    .contains(QStringLiteral("key K is the key of class 'kink' already")));

        // A key no one can press as one key is refused, naming the class and what is allowed.
        LabelClass dent = findClass(*store, "dent");
        dent.shortcut = "10";
        const QString why = expectError([&] { changeClass(*store, dent, "lead"); }, ErrorCode::Invalid, "shortcut");
        QVERIFY2(why.contains(QStringLiteral("class 'dent' cannot have key '10'")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("F1 to F12")), qPrintable(why));
        dent.shortcut = "Shift+1";
        QVERIFY(expectError([&] { changeClass(*store, dent, "lead"); }, ErrorCode::Invalid, "shortcut")
                    .contains(QStringLiteral("keyboard layout")));
        QCOMPARE(QString::fromStdString(findClass(*store, "dent").shortcut), QStringLiteral("3"));
        dent.shortcut = "shift+f2";
        changeClass(*store, dent, "lead");
        QCOMPARE(QString::fromStdString(findClass(*store, "dent").shortcut), QStringLiteral("Shift+F2"));

        // A key stored before the grammar existed does not stop a rename.
        LabelClass old = findClass(*store, "class4");
        old.shortcut = "10";
        store->updateClass(old);
        old.name = "pit";
        changeClass(*store, old, "lead");
        QCOMPARE(QString::fromStdString(findClass(*store, "pit").shortcut), QStringLiteral("10"));
    }

    void newProjectKeys()
    {
        // Twelve classes: 1…9, then 0, Shift+A and Shift+B.
        std::vector<std::string> names;
        for (int i = 1; i <= 12; ++i)
            names.push_back("c" + std::to_string(i));
        auto store = initProject(m_dir.filePath(QStringLiteral("twelve.concord")).toStdString(), {}, names);
        QStringList keys;
        for (const auto &c : store->classes())
            keys << QString::fromStdString(c.shortcut);
        QCOMPARE(keys, (QStringList{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "Shift+A", "Shift+B"}));
        // Keys given to a new project pass the same grammar, in the field "classes".
        std::vector<LabelClass> given(2);
        given[0].name = "a";
        given[0].shortcut = "s";
        given[1].name = "b";
        given[1].shortcut = "12";
        QVERIFY(expectError([&] { checkProjectClasses(given); }, ErrorCode::Invalid, "classes")
                    .contains(QStringLiteral("class 'b' cannot have key '12'")));
        given[1].shortcut = "shift+s";
        checkProjectClasses(given);
        QCOMPARE(QString::fromStdString(given[0].shortcut), QStringLiteral("S"));
        QCOMPARE(QString::fromStdString(given[1].shortcut), QStringLiteral("Shift+S"));
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
