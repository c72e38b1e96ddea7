// SPDX-License-Identifier: GPL-3.0-or-later
// Standards end to end: the label book, a preview checked against a hand calculation on a
// seven-image project, apply and an undo that restores the label table exactly (checksum),
// agreement per standard version, and the acceptance scenario of issue 4 on the demo project.
#include "core/agreement/agreementreport.h"
#include "core/clusters/imageattributes.h"
#include "core/common/hash.h"
#include "core/demo/demo.h"
#include "core/geometry/geometry.h"
#include "core/project/project_agreement.h"
#include "core/project/project_ops.h"
#include "core/project/project_ratings.h"
#include "core/standards/ruleerror.h"
#include "core/standards/standardagreement.h"
#include "core/standards/standardapply.h"
#include "core/standards/standardbook.h"
#include "core/standards/standardpreview.h"
#include "test_printers.h"

#include <nlohmann/json.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <map>
#include <set>

using namespace concord::core;
namespace fs = std::filesystem;

namespace {

const char *kSeedRule = "when label in {ok, scratch} and length_mm is known: scratch if length_mm >= 1.5 else ok";

/// The label table's rows as text, independent of the code under test: any difference in
/// image, labeler, class, source, standard, round or update time changes it.
std::string labelTableChecksum(const Store &store)
{
    std::string text;
    for (const auto &r : store.labelRows()) {
        const auto &l = r.label;
        text += std::to_string(l.image) + '|' + std::to_string(l.labeler) + '|' + std::to_string(l.labelClass) + '|' +
                std::string(toString(l.source)) + '|' + (l.standard ? std::to_string(*l.standard) : "-") + '|' +
                std::to_string(l.round) + '|' + l.updatedAt + '\n';
    }
    return contentHash(text);
}

AgreementReport agreementOf(const Store &store)
{
    AgreementOptions o;
    o.bootstrap.resamples = 0;
    return computeAgreement(ratingTableFromStore(store), o);
}

} // namespace

class TestStandards : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path file(const std::string &name) const { return fs::path(m_dir.path().toStdString()) / name; }

    /// Seven images, three labelers (ana, ben, eli), every image labeled by all three:
    ///   img1 0.8 mm  ok ok scratch      → rule: all ok        (eli changes)
    ///   img2 2.0 mm  ok scratch scratch → rule: all scratch   (ana changes; decision ok → scratch)
    ///   img3 1.5 mm  ok ok ok           → rule: all scratch   (three change: 1.5 is inclusive)
    ///   img4 —       ok scratch ok      → undecided, disputed: relabel
    ///   img5 —       ok ok ok           → undecided, unanimous: left alone
    ///   img6 3.0 mm  dent scratch scratch → dent out of scope, the others stay scratch
    ///   img7 —       dent dent ok       → eli undecided, disputed: relabel
    std::unique_ptr<Store> handProject(const std::string &name)
    {
        auto store = initProject(file(name), {"hand", 40.0, 3, false}, {"ok", "scratch", "dent"});
        const Id ana = store->addLabeler("ana", Role::Labeler);
        const Id ben = store->addLabeler("ben", Role::Labeler);
        const Id eli = store->addLabeler("eli", Role::Labeler);
        const Id lead = store->addLabeler("lead", Role::Lead);
        const std::map<std::string, Id> cls{{"ok", store->classByName("ok")->id},
                                            {"scratch", store->classByName("scratch")->id},
                                            {"dent", store->classByName("dent")->id}};
        struct Row
        {
            const char *path;
            double length;
            const char *a;
            const char *b;
            const char *e;
        };
        const Row rows[] = {{"img1.png", 0.8, "ok", "ok", "scratch"}, {"img2.png", 2.0, "ok", "scratch", "scratch"},
                            {"img3.png", 1.5, "ok", "ok", "ok"},      {"img4.png", -1, "ok", "scratch", "ok"},
                            {"img5.png", -1, "ok", "ok", "ok"},       {"img6.png", 3.0, "dent", "scratch", "scratch"},
                            {"img7.png", -1, "dent", "dent", "ok"}};
        int n = 0;
        for (const auto &r : rows) {
            ImageRecord img;
            img.path = r.path;
            img.hash = std::string(31, '0') + char('1' + n++);
            img.width = img.height = 100;
            const Id id = store->addImage(img);
            store->setAttribute({id, "camera", std::string(n % 2 ? "cam-A" : "cam-B"), AttrSource::Imported});
            if (r.length >= 0)
                store->setAttribute({id, "length_mm", r.length, AttrSource::Measured});
            store->assign({id, ana, 0, n, AssignmentState::Pending});
            store->assign({id, ben, 0, n, AssignmentState::Pending});
            store->assign({id, eli, 0, n, AssignmentState::Pending});
            saveLabel(*store, id, ana, cls.at(r.a));
            saveLabel(*store, id, ben, cls.at(r.b));
            saveLabel(*store, id, eli, cls.at(r.e));
        }
        const Id img2 = store->imageByPath("img2.png")->id;
        store->setDecision({img2, cls.at("ok"), DecisionMethod::Adjudicated, std::nullopt, lead, "looked short",
                            "2026-01-02T03:04:05.678Z"});
        return store;
    }

    static std::set<std::string> changeKeys(const StandardPreview &p)
    {
        std::set<std::string> out;
        for (const auto &c : p.changes)
            out.insert(c.imagePath + " " + c.labelerName + " " + c.from + ">" + c.to);
        return out;
    }

private slots:
    /// A rule on length_mm works as soon as labelers drew lines, without `attributes --compute`,
    /// and follows the lines as they change (issue #19: the engines read the same values).
    void lengthFollowsTheCurrentLines()
    {
        QTemporaryDir dir;
        auto store = initProject(dir.filePath(QStringLiteral("len.concord")).toStdString(), {"len", 10.0, 2, false},
                                 {"ok", "scratch"});
        ImageRecord r;
        r.path = "a.png";
        r.hash = "a";
        r.width = r.height = 100;
        const Id image = store->addImage(r);
        const Id ana = store->addLabeler("ana", Role::Labeler);
        const Id ben = store->addLabeler("ben", Role::Labeler);
        const Id ok = store->classByName("ok")->id;
        // Lines of 10 px and 30 px at 10 px/mm: 1 mm and 3 mm, median 2 mm.
        auto line = [](double lengthPx) { return makeLineAnnotation({0, 0, lengthPx, 0}, 10.0); };
        saveLabel(*store, image, ana, ok, {line(10)});
        saveLabel(*store, image, ben, ok, {line(30)});
        QVERIFY(store->attributes("length_mm").empty()); // nothing stored
        StandardDraft s;
        s.title = "Scratch length";
        s.rule = "when label = ok and length_mm is known: scratch if length_mm >= 1.5 else ok";
        s.status = StandardStatus::Active;
        const Id id = createStandard(*store, s, "lead");
        QCOMPARE(previewStandard(*store, id).changes.size(), std::size_t(2)); // 2 mm ≥ 1.5 mm
        // ben redraws his line at 1.2 mm: the median is 1.1 mm, under the threshold.
        saveLabel(*store, image, ben, ok, {line(12)});
        QCOMPARE(previewStandard(*store, id).changes.size(), std::size_t(0));
    }

    void labelBook()
    {
        auto store = handProject("book.concord");
        const Id v1 = createStandard(*store, {"Scratch length", "A scratch of 1.5 mm or longer is a defect.", kSeedRule,
                                              StandardStatus::Active});
        const Id v2 = createStandardVersion(*store, v1,
                                            {"Scratch length", "Now 2 mm.",
                                             "when label in {ok, scratch} and length_mm is known: "
                                             "scratch if length_mm >= 2 else ok",
                                             StandardStatus::Active});
        const Id other = createStandard(*store, {"Dents", "Any dent is a defect.", "", StandardStatus::Draft});
        const auto s2 = findStandard(*store, v2);
        QCOMPARE(s2.family, v1);
        QCOMPARE(s2.version, 2);
        QCOMPARE_ENUM(findStandard(*store, v1).status, StandardStatus::Retired); // one version in force
        QCOMPARE_ENUM(s2.status, StandardStatus::Active);
        QCOMPARE(standardInForce(*store)->id, v2);

        const Id img1 = store->imageByPath("img1.png")->id;
        const Id img2 = store->imageByPath("img2.png")->id;
        const Id img3 = store->imageByPath("img3.png")->id;
        setStandardExample(*store, v2, img1, ExampleRole::Counterexample, "0.8 mm");
        setStandardExample(*store, v2, img2, ExampleRole::Example);
        setStandardExample(*store, v2, img3, ExampleRole::Borderline, "right on 1.5");
        setStandardExample(*store, v2, img3, ExampleRole::Example); // re-attached: role replaced
        QVERIFY_THROWS_EXCEPTION(Error, setStandardExample(*store, 999, img1, ExampleRole::Example));

        const auto list = standardSummaries(*store);
        QCOMPARE(list.size(), std::size_t(3));
        const auto &sv2 = *std::find_if(list.begin(), list.end(), [&](const auto &s) { return s.standard.id == v2; });
        QCOMPARE(sv2.examples, 2);
        QCOMPARE(sv2.counterexamples, 1);
        QCOMPARE(sv2.borderline, 0);
        QVERIFY(sv2.latest);
        QCOMPARE(sv2.exampleHint, std::string("needs 2 more examples, 2 more counterexamples, 3 more borderline"));
        const auto &sv1 = *std::find_if(list.begin(), list.end(), [&](const auto &s) { return s.standard.id == v1; });
        QVERIFY(!sv1.latest);
        QVERIFY(std::any_of(list.begin(), list.end(), [&](const auto &s) { return s.standard.id == other; }));

        // A bad rule is refused with its position, and no standard is added.
        try {
            createStandard(*store, {"Bad", "", "when label = ok: defect", StandardStatus::Draft});
            QFAIL("no error");
        } catch (const RuleError &e) {
            QCOMPARE(e.column(), 18);
            QCOMPARE(e.name(), std::string("defect"));
        }
        QCOMPARE(store->standards().size(), std::size_t(3));
    }

    void previewMatchesHandCalculation()
    {
        auto store = handProject("preview.concord");
        const Id sid = createStandard(*store, {"Scratch length", "1.5 mm", kSeedRule, StandardStatus::Draft});
        const auto p = previewStandard(*store, sid);
        const std::set<std::string> expected{"img1.png eli scratch>ok", "img2.png ana ok>scratch",
                                             "img3.png ana ok>scratch", "img3.png ben ok>scratch",
                                             "img3.png eli ok>scratch"};
        QCOMPARE(changeKeys(p), expected);
        for (const auto &c : p.changes) {
            QCOMPARE(c.decidedBy.size(), std::size_t(1));
            QCOMPARE(c.decidedBy[0].first, std::string("length_mm"));
        }
        QCOMPARE(std::get<double>(p.changes.front().decidedBy[0].second), 0.8); // img1 comes first
        QCOMPARE(p.decisionChanges.size(), std::size_t(1));
        QCOMPARE(p.decisionChanges[0].imagePath, std::string("img2.png"));
        QCOMPARE(p.decisionChanges[0].to, std::string("scratch"));

        std::vector<std::string> undecided;
        std::vector<bool> disputed;
        for (const auto &u : p.undecided) {
            undecided.push_back(u.imagePath);
            disputed.push_back(u.disputed);
            QCOMPARE(u.missing, std::vector<std::string>{"length_mm"});
        }
        QCOMPARE(undecided, (std::vector<std::string>{"img4.png", "img5.png", "img7.png"}));
        QCOMPARE(disputed, (std::vector<bool>{true, false, true}));
        QCOMPARE(p.relabel.size(), std::size_t(6));      // three labelers each on img4 and img7
        QCOMPARE(p.decidedItems.size(), std::size_t(3)); // img1..img3
        QCOMPARE(p.labelsDecided, std::int64_t(11));     // 9 on img1-3 and ben, eli on img6
        QCOMPARE(p.labelsUndecided, std::int64_t(7));    // img4 ×3, img5 ×3, eli on img7

        // By hand: agreeing pairs per image before 1+1+3+1+3+1+1 = 11 of 21, after
        // 3+3+3+1+3+1+1 = 15 of 21. Class shares before ok 12, scratch 6, dent 3 of 21:
        // Pe = 189/441, κ = (231-189)/(441-189) = 1/6; after ok 9, scratch 9, dent 3:
        // Pe = 171/441, κ = (315-171)/(441-171) = 144/270.
        QVERIFY(qFuzzyCompare(p.before.hlp, 11.0 / 21.0));
        QVERIFY(qFuzzyCompare(p.after.hlp, 15.0 / 21.0));
        QVERIFY(qFuzzyCompare(p.before.fleissKappa, 1.0 / 6.0));
        QVERIFY(qFuzzyCompare(p.after.fleissKappa, 144.0 / 270.0));
        QCOMPARE(p.before.labels, std::int64_t(21));
        QCOMPARE(p.after.items, std::int64_t(7));
    }

    void applyAndUndoRestoreExactly()
    {
        auto store = handProject("apply.concord");
        const Id sid = createStandard(*store, {"Scratch length", "1.5 mm", kSeedRule, StandardStatus::Draft});
        const std::string before = labelTableChecksum(*store);
        const Decision decisionBefore = *store->decision(store->imageByPath("img2.png")->id);
        const auto ana = *store->labelerByName("ana");
        const auto queueBefore = store->queueSize(ana.id);
        QCOMPARE(store->maxRound(), 0);

        const auto result = applyStandard(*store, sid);
        QVERIFY(labelTableChecksum(*store) != before);
        QCOMPARE(result.round, 1);
        QCOMPARE(result.assignments, std::int64_t(6));
        QCOMPARE_ENUM(findStandard(*store, sid).status, StandardStatus::Active);
        const Id img3 = store->imageByPath("img3.png")->id;
        for (const auto &l : store->labelsOfImage(img3)) {
            QCOMPARE(l.labelClass, store->classByName("scratch")->id);
            QCOMPARE_ENUM(l.source, LabelSource::Standard);
            QCOMPARE(l.standard.value_or(0), sid);
            QCOMPARE(l.round, 0); // the label's own round is kept
        }
        const auto untouched = *store->label(store->imageByPath("img6.png")->id, ana.id);
        QCOMPARE_ENUM(untouched.source, LabelSource::Manual);
        const auto d = *store->decision(store->imageByPath("img2.png")->id);
        QCOMPARE_ENUM(d.method, DecisionMethod::Standard);
        QCOMPARE(d.labelClass.value_or(0), store->classByName("scratch")->id);
        // The relabel round: ana gets img4 and img7 again.
        QCOMPARE(store->queueSize(ana.id), queueBefore + 2);
        std::vector<std::string> round1;
        for (const auto &q : store->queue(ana.id))
            if (q.round == 1)
                round1.push_back(q.path);
        QCOMPARE(round1, (std::vector<std::string>{"img4.png", "img7.png"}));
        const auto r = agreementOf(*store);
        QVERIFY(qFuzzyCompare(r.percentAgreement, 15.0 / 21.0));
        const auto log = store->auditLog();
        QCOMPARE(log.front().action, std::string(kAuditStandardApply));
        QCOMPARE(log.front().id, result.auditId);

        const auto undo = undoLastStandard(*store);
        QCOMPARE(undo.applyAuditId, result.auditId);
        QCOMPARE(undo.labels, std::int64_t(5));
        QCOMPARE(undo.assignments, std::int64_t(6));
        QCOMPARE(labelTableChecksum(*store), before);
        QCOMPARE(store->queueSize(ana.id), queueBefore);
        QCOMPARE(store->maxRound(), 0);
        QCOMPARE_ENUM(findStandard(*store, sid).status, StandardStatus::Draft);
        const auto dBack = *store->decision(store->imageByPath("img2.png")->id);
        QCOMPARE(dBack.labelClass, decisionBefore.labelClass);
        QCOMPARE_ENUM(dBack.method, decisionBefore.method);
        QCOMPARE(dBack.by, decisionBefore.by);
        QCOMPARE(dBack.note, decisionBefore.note);
        QCOMPARE(dBack.createdAt, std::string("2026-01-02T03:04:05.678Z"));
        QVERIFY(qFuzzyCompare(agreementOf(*store).percentAgreement, 11.0 / 21.0));
        const auto after = store->auditLog();
        QCOMPARE(after[0].action, std::string(kAuditStandardUndo));
        QVERIFY(after[1].undone);
        QCOMPARE(after[1].id, result.auditId);
        QVERIFY_THROWS_EXCEPTION(Error, undoLastStandard(*store)); // nothing left to undo
    }

    void reapplyingDoesNotQueueImagesTwice()
    {
        auto store = handProject("reapply.concord");
        const Id sid = createStandard(*store, {"Scratch length", "", kSeedRule, StandardStatus::Draft});
        const std::string before = labelTableChecksum(*store);
        QCOMPARE(applyStandard(*store, sid).assignments, std::int64_t(6));
        // Nothing left to change, and img4/img7 are still pending for their labelers.
        const auto again = applyStandard(*store, sid);
        QCOMPARE(again.preview.changes.size(), std::size_t(0));
        QCOMPARE(again.assignments, std::int64_t(0));
        QCOMPARE(store->maxRound(), 1);
        QCOMPARE(undoLastStandard(*store).labels, std::int64_t(0));
        QCOMPARE(undoLastStandard(*store).labels, std::int64_t(5));
        QCOMPARE(labelTableChecksum(*store), before);
        QCOMPARE(store->maxRound(), 0);
    }

    void undoRefusesToDiscardLaterWork()
    {
        auto store = handProject("conflict.concord");
        const Id sid = createStandard(*store, {"Scratch length", "", kSeedRule, StandardStatus::Draft});
        applyStandard(*store, sid);
        // eli looks at img1 again and says scratch: the standard's label is replaced.
        const Id img1 = store->imageByPath("img1.png")->id;
        saveLabel(*store, img1, store->labelerByName("eli")->id, store->classByName("scratch")->id);
        const std::string before = labelTableChecksum(*store);
        try {
            undoLastStandard(*store);
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Invalid);
            QVERIFY2(std::string(e.what()).find("img1.png by eli") != std::string::npos, e.what());
        }
        QCOMPARE(labelTableChecksum(*store), before);
        QVERIFY(!store->auditLog().front().undone);
    }

    void undoRefusesWhenALabelerChoseTheStandardsClass()
    {
        // tst_multiprocess soak (CI): a labeler chose exactly the class the standard had set.
        // Class and time alone (equal within a millisecond) took that for the standard's own
        // label, and the undo put the old class back over the labeler's answer.
        auto store = handProject("same-class.concord");
        const Id sid = createStandard(*store, {"Scratch length", "", kSeedRule, StandardStatus::Draft});
        const auto applied = applyStandard(*store, sid);
        QVERIFY(!applied.preview.changes.empty());
        const auto &ch = applied.preview.changes.front();
        Label theirs = *store->label(ch.image, ch.labeler);
        QCOMPARE_ENUM(theirs.source, LabelSource::Standard);
        theirs.source = LabelSource::Manual; // same class, same updated_at: only the source differs
        store->setLabel(theirs);
        const std::string before = labelTableChecksum(*store);
        QVERIFY_THROWS_EXCEPTION(Error, undoLastStandard(*store));
        QCOMPARE(labelTableChecksum(*store), before);
        QCOMPARE(store->label(ch.image, ch.labeler)->labelClass, ch.toClass);
    }

    void undoRefusesToDiscardALaterDecision()
    {
        // Issue #21: the standard set img2's decision (method Standard); the lead then decides
        // img2 again by hand. Undoing the apply would put back the pre-apply decision and lose
        // the lead's newer one, so the undo is refused and changes nothing.
        auto store = handProject("decision-conflict.concord");
        const Id sid = createStandard(*store, {"Scratch length", "", kSeedRule, StandardStatus::Draft});
        applyStandard(*store, sid);
        const Id img2 = store->imageByPath("img2.png")->id;
        QCOMPARE_ENUM(store->decision(img2)->method, DecisionMethod::Standard);
        Decision mine;
        mine.image = img2;
        mine.labelClass = store->classByName("dent")->id;
        mine.method = DecisionMethod::Adjudicated;
        mine.note = "looked again";
        mine.createdAt = "2026-12-03T10:00:00.000Z";
        store->setDecision(mine);
        const std::string before = labelTableChecksum(*store);
        try {
            undoLastStandard(*store);
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Invalid);
            QVERIFY2(std::string(e.what()).find("img2.png (the lead's decision)") != std::string::npos, e.what());
        }
        QCOMPARE(labelTableChecksum(*store), before);
        QCOMPARE(store->decision(img2)->labelClass.value_or(0), store->classByName("dent")->id);
        QCOMPARE(store->decision(img2)->note, std::string("looked again"));
        QVERIFY(!store->auditLog().front().undone);
    }

    void undoByAuditIdTakesBackThatApplyOnly()
    {
        // Issue #21: the window's undo step names its own apply. With "Dent rule" applied after
        // "Scratch length" (by another process, say), undoing "Scratch length" must not undo
        // the dent rule: it is refused until the later apply is undone.
        auto store = handProject("undo-by-id.concord");
        const std::string before = labelTableChecksum(*store);
        const Id scratch = createStandard(*store, {"Scratch length", "", kSeedRule, StandardStatus::Draft});
        const Id dent =
            createStandard(*store, {"Dent rule", "", "when label in {dent}: scratch", StandardStatus::Draft});
        const auto first = applyStandard(*store, scratch);
        const std::string afterFirst = labelTableChecksum(*store);
        const auto second = applyStandard(*store, dent);
        QCOMPARE(second.preview.changes.size(), std::size_t(3)); // ana img6, ana and ben img7
        const std::string afterBoth = labelTableChecksum(*store);
        try {
            undoStandardApply(*store, first.auditId);
            QFAIL("undid an apply under a later one");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::Invalid);
            QVERIFY2(std::string(e.what()).find("\"Dent rule\"") != std::string::npos, e.what());
        }
        QCOMPARE(labelTableChecksum(*store), afterBoth);

        QCOMPARE(undoStandardApply(*store, second.auditId).applyAuditId, second.auditId);
        QCOMPARE(labelTableChecksum(*store), afterFirst);
        QVERIFY_THROWS_EXCEPTION(Error, undoStandardApply(*store, second.auditId)); // undone already
        QCOMPARE(undoStandardApply(*store, first.auditId).labels, std::int64_t(5));
        QCOMPARE(labelTableChecksum(*store), before);
        try {
            undoStandardApply(*store, 999999);
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::NotFound);
        }
    }

    void retiredStandardIsNotApplied()
    {
        auto store = handProject("retired.concord");
        const Id v1 = createStandard(*store, {"Scratch length", "", kSeedRule, StandardStatus::Active});
        createStandardVersion(*store, v1, {"Scratch length", "", kSeedRule, StandardStatus::Active});
        const std::string before = labelTableChecksum(*store);
        QVERIFY_THROWS_EXCEPTION(Error, applyStandard(*store, v1));
        QCOMPARE(labelTableChecksum(*store), before);
    }

    void applyingANewVersionRetiresTheOldOneAndUndoBringsItBack()
    {
        auto store = handProject("versions.concord");
        const Id v1 = createStandard(*store, {"Scratch length", "", kSeedRule, StandardStatus::Active});
        const Id v2 = createStandardVersion(*store, v1, {"Scratch length", "", kSeedRule, StandardStatus::Draft});
        applyStandard(*store, v2);
        QCOMPARE_ENUM(findStandard(*store, v1).status, StandardStatus::Retired);
        QCOMPARE_ENUM(findStandard(*store, v2).status, StandardStatus::Active);
        undoLastStandard(*store);
        QCOMPARE_ENUM(findStandard(*store, v1).status, StandardStatus::Active);
        QCOMPARE_ENUM(findStandard(*store, v2).status, StandardStatus::Draft);
    }

    void agreementPerVersion()
    {
        auto store = handProject("perversion.concord");
        const Id sid = createStandard(*store, {"Scratch length", "", kSeedRule, StandardStatus::Draft});
        applyStandard(*store, sid);
        const auto groups = agreementPerStandardVersion(*store);
        QCOMPARE(groups.size(), std::size_t(2));
        // Without a standard: 16 labels; pairs within the group per image: img1 ana-ben (agree),
        // img2 ben-eli (agree), img4 1 of 3, img5 3 of 3, img6 1 of 3, img7 1 of 3 = 8 of 14.
        QVERIFY(!groups[0].standard);
        QCOMPARE(groups[0].figures.labels, std::int64_t(16));
        QVERIFY(qFuzzyCompare(groups[0].figures.hlp, 8.0 / 14.0));
        // Set by the standard: 5 labels; only img3 has a pair (3 of 3 agree).
        QCOMPARE(groups[1].standard.value_or(0), sid);
        QCOMPARE(groups[1].version, 1);
        QCOMPARE(groups[1].figures.labels, std::int64_t(5));
        QCOMPARE(groups[1].figures.items, std::int64_t(3));
        QCOMPARE(groups[1].figures.hlp, 1.0);

        // The CLI shows the same hand-calculated figures.
        QProcess p;
        p.start(QStringLiteral(CONCORD_CLI),
                {QStringLiteral("standard"), QStringLiteral("agreement"),
                 QString::fromStdString(file("perversion.concord").string()), QStringLiteral("--json")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonArray v =
            QJsonDocument::fromJson(p.readAllStandardOutput()).object()[QStringLiteral("versions")].toArray();
        QCOMPARE(v.size(), 2);
        const QJsonObject none = v[0].toObject();
        const QJsonObject v1 = v[1].toObject();
        QVERIFY(none[QStringLiteral("standard")].isNull());
        QCOMPARE(none[QStringLiteral("labels")].toInt(), 16);
        QVERIFY(qFuzzyCompare(none[QStringLiteral("hlp")].toDouble(), 8.0 / 14.0));
        QCOMPARE(Id(v1[QStringLiteral("standard")].toInteger()), sid);
        QCOMPARE(v1[QStringLiteral("title")].toString(), QStringLiteral("Scratch length"));
        QCOMPARE(v1[QStringLiteral("version")].toInt(), 1);
        QCOMPARE(v1[QStringLiteral("items")].toInt(), 3);
        QCOMPARE(v1[QStringLiteral("hlp")].toDouble(), 1.0);
    }

    void badRulesChangeNothing_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<int>("column");
        QTest::newRow("unknown attribute")
            << "when label in {ok, scratch} and lenght_mm is known: scratch if lenght_mm >= 1.5 else ok" << 33;
        QTest::newRow("unknown class")
            << "when label in {ok, scrach} and length_mm is known: scratch if length_mm >= 1.5 else ok" << 20;
        QTest::newRow("syntax error")
            << "when label in {ok, scratch} and length_mm is known scratch if length_mm >= 1.5 else ok" << 52;
    }

    void badRulesChangeNothing()
    {
        QFETCH(QString, rule);
        QFETCH(int, column);
        const fs::path path = file(std::string("bad-") + QTest::currentDataTag() + ".concord");
        handProject(path.filename().string()).reset();
        const std::string hash = fileContentHash(path.string());
        {
            auto store = openProject(path);
            QVERIFY_THROWS_EXCEPTION(RuleError,
                                     createStandard(*store, {"Bad", "", rule.toStdString(), StandardStatus::Active}));
            try {
                createStandard(*store, {"Bad", "", rule.toStdString(), StandardStatus::Active});
            } catch (const RuleError &e) {
                QCOMPARE(e.column(), column);
            }
        }
        QCOMPARE(fileContentHash(path.string()), hash);
    }

    /// concord-cli's standard commands on the hand project: the JSON keys of the brief and
    /// the hand-calculated figures, an error naming the column, and an undo back to the start.
    void commandLine()
    {
        const fs::path path = file("cli.concord");
        handProject(path.filename().string()).reset();
        const QString project = QString::fromStdString(path.string());
        auto run = [&](const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr) {
            QProcess p;
            p.start(QStringLiteral(CONCORD_CLI), QStringList{QStringLiteral("standard")} + args);
            p.waitForFinished(120000);
            if (out)
                *out = p.readAllStandardOutput();
            if (err)
                *err = p.readAllStandardError();
            return p.exitCode();
        };
        QByteArray out;
        QByteArray err;
        QCOMPARE(run({QStringLiteral("add"), project, QStringLiteral("--title"), QStringLiteral("Bad"),
                      QStringLiteral("--body"), QStringLiteral("x"), QStringLiteral("--rule"),
                      QStringLiteral("when label = ok: defect")},
                     nullptr, &err),
                 1);
        QVERIFY2(err.contains("unknown class 'defect' at column 18"), err.constData());
        QCOMPARE(run({QStringLiteral("add"), project, QStringLiteral("--title"), QStringLiteral("Scratch length"),
                      QStringLiteral("--body"), QStringLiteral("1.5 mm"), QStringLiteral("--rule"),
                      QString::fromUtf8(kSeedRule)}),
                 0);
        const std::string before = [&] { return labelTableChecksum(*openProject(path, OpenMode::ReadOnly)); }();

        QCOMPARE(run({QStringLiteral("list"), project, QStringLiteral("--json")}, &out), 0);
        const auto list = QJsonDocument::fromJson(out).object()[QStringLiteral("standards")].toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].toObject()[QStringLiteral("status")].toString(), QStringLiteral("draft"));
        const QString id = QString::number(list[0].toObject()[QStringLiteral("id")].toInteger());

        QCOMPARE(run({QStringLiteral("preview"), project, id, QStringLiteral("--json")}, &out), 0);
        const auto j = QJsonDocument::fromJson(out).object();
        const auto changes = j[QStringLiteral("changes")].toArray();
        QCOMPARE(changes.size(), 5);
        const auto first = changes[0].toObject();
        QCOMPARE(first[QStringLiteral("image")].toString(), QStringLiteral("img1.png"));
        QCOMPARE(first[QStringLiteral("labeler")].toString(), QStringLiteral("eli"));
        QCOMPARE(first[QStringLiteral("from")].toString(), QStringLiteral("scratch"));
        QCOMPARE(first[QStringLiteral("to")].toString(), QStringLiteral("ok"));
        QCOMPARE(first[QStringLiteral("value")].toDouble(), 0.8);
        QCOMPARE(j[QStringLiteral("undecided")].toArray().size(), 3);
        QCOMPARE(j[QStringLiteral("relabel")].toArray().size(), 6);
        QVERIFY(qFuzzyCompare(j[QStringLiteral("before")].toObject()[QStringLiteral("hlp")].toDouble(), 11.0 / 21.0));
        QVERIFY(qFuzzyCompare(j[QStringLiteral("after")].toObject()[QStringLiteral("hlp")].toDouble(), 15.0 / 21.0));
        QVERIFY(qFuzzyCompare(j[QStringLiteral("after")].toObject()[QStringLiteral("fleiss_kappa")].toDouble(),
                              144.0 / 270.0));

        QCOMPARE(run({QStringLiteral("apply"), project, id}, &out), 0);
        // κ 1/6 → 144/270 with three decimals, as every front end writes a coefficient.
        QVERIFY2(
            out.startsWith(
                "HLP 52.4 % \xe2\x86\x92 71.4 % \xc2\xb7 \xce\xba 0.167 \xe2\x86\x92 0.533 \xc2\xb7 5 labels changed"),
            out.constData());
        QCOMPARE(run({QStringLiteral("undo"), project}), 0);
        QCOMPARE(labelTableChecksum(*openProject(path, OpenMode::ReadOnly)), before);
        QCOMPARE(run({QStringLiteral("undo"), project}, nullptr, &err), 1);
        QVERIFY2(err.contains("no applied standard to undo"), err.constData());
    }

    /// Issue #15 §4: after the 1.5 mm rule rewrote 5 labels (eli on img1, ana on img2, all of
    /// img3), human agreement is measured on the labels people gave, the data set's on all.
    /// Hand calculation, human labels (img3 has none left; 6 images compared of 7):
    ///   img1 ok ok · img2 scratch scratch · img4 ok scratch ok · img5 ok ok ok ·
    ///   img6 dent scratch scratch · img7 dent dent ok
    ///   HLP = agreeing pairs / pairs = (1+1+1+3+1+1)/(1+1+3+3+3+3) = 8/14 = 4/7
    ///   P_i = 1, 1, 1/3, 1, 1/3, 1/3 → P̄ = 2/3; responses ok 8, scratch 5, dent 3 of 16 →
    ///   P̄e = 98/256; κ = (2/3 − 49/128)/(79/128) = 109/237
    ///   α: disagreeing coincidences 2 + 2 + 2 = 6, Σ n_c n_k = 256 − 98 = 158 →
    ///   α = 1 − 15 · 6/158 = 34/79
    ///   AC1: π = (3, 2, 1)/6 → p_e = (1/4 + 2/9 + 5/36)/2 = 11/36 → (2/3 − 11/36)/(25/36) = 13/25
    ///   unanimous: img1, img2, img5 of the 6 compared = 1/2
    /// Data set (7 images, 3 labels each): HLP 15/21 = 5/7; P̄ = 5/7, P̄e = (81+81+9)/441 →
    ///   κ = 8/15; α = 1 − 20 · 6/270 = 5/9; AC1: π = (3, 3, 1)/7 → p_e = 15/49 → 10/17;
    ///   unanimous img1, img2, img3, img5 = 4/7.
    void humanAndDatasetFigures()
    {
        const fs::path path = file("human.concord");
        auto store = handProject(path.filename().string());
        AgreementOptions o;
        o.bootstrap.resamples = 0;

        // Before any apply every label is human: no data set figures, the old numbers.
        const ProjectAgreement before = computeProjectAgreement(*store, o);
        QCOMPARE(before.standardLabels, std::int64_t{0});
        QVERIFY(!before.dataset);
        QVERIFY(qFuzzyCompare(before.human.percentAgreement, 11.0 / 21.0));
        QCOMPARE(before.human.coverage.compared, std::int64_t{7});
        QCOMPARE(before.human.coverage.total, std::int64_t{7});
        QVERIFY(before.human.coverage.tooFew()); // 7 < 30
        const nlohmann::json jb = toJson(before);
        QVERIFY(!jb.contains("human") && !jb.contains("dataset"));
        QCOMPARE(jb.at("standard_labels").get<int>(), 0);
        QCOMPARE(jb.at("compared_items").get<int>(), 7);
        QCOMPARE(jb.at("warning").get<std::string>(),
                 std::string("only 7 of 7 images compared (fewer than 30): too few for these figures to mean much"));

        const Id sid = createStandard(*store, {"Scratch length", "1.5 mm", kSeedRule, StandardStatus::Draft});
        applyStandard(*store, sid);
        const ProjectAgreement a = computeProjectAgreement(*store, o);
        QCOMPARE(a.images, std::int64_t{7});
        QCOMPARE(a.standardLabels, std::int64_t{5});
        const AgreementReport &h = a.human;
        QCOMPARE(h.items, 6);
        QCOMPARE(h.labels, std::int64_t{16});
        QCOMPARE(h.coverage.compared, std::int64_t{6});
        QCOMPARE(h.coverage.total, std::int64_t{7});
        QVERIFY(h.coverage.fewerThanMinimum && !h.coverage.underMinimumShare);
        QVERIFY(std::abs(h.percentAgreement - 4.0 / 7.0) < 1e-12);
        QVERIFY(std::abs(h.fleissKappa - 109.0 / 237.0) < 1e-12);
        QVERIFY(std::abs(h.alphaNominal - 34.0 / 79.0) < 1e-12);
        QVERIFY(std::abs(h.gwetAc1 - 13.0 / 25.0) < 1e-12);
        QVERIFY(std::abs(h.unanimousShare - 0.5) < 1e-12);
        QVERIFY(a.dataset);
        const AgreementReport &d = *a.dataset;
        QCOMPARE(d.items, 7);
        QCOMPARE(d.labels, std::int64_t{21});
        QCOMPARE(d.coverage.compared, std::int64_t{7});
        QVERIFY(std::abs(d.percentAgreement - 5.0 / 7.0) < 1e-12);
        QVERIFY(std::abs(d.fleissKappa - 8.0 / 15.0) < 1e-12);
        QVERIFY(std::abs(d.alphaNominal - 5.0 / 9.0) < 1e-12);
        QVERIFY(std::abs(d.gwetAc1 - 10.0 / 17.0) < 1e-12);
        QVERIFY(std::abs(d.unanimousShare - 4.0 / 7.0) < 1e-12);

        // concord-cli agreement --json: the top level is the human figures, `human` and
        // `dataset` each a whole report.
        store.reset();
        QProcess p;
        p.start(QStringLiteral(CONCORD_CLI),
                {QStringLiteral("agreement"), QString::fromStdString(path.string()), QStringLiteral("--json"),
                 QStringLiteral("--resamples"), QStringLiteral("0")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject j = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(j[QStringLiteral("standard_labels")].toInt(), 5);
        QCOMPARE(j[QStringLiteral("compared_items")].toInt(), 6);
        QCOMPARE(j[QStringLiteral("project_items")].toInt(), 7);
        QVERIFY(j[QStringLiteral("too_few_compared")].toBool());
        QVERIFY(qFuzzyCompare(j[QStringLiteral("percent_agreement")].toDouble(), 4.0 / 7.0));
        const QJsonObject jh = j[QStringLiteral("human")].toObject();
        const QJsonObject jd = j[QStringLiteral("dataset")].toObject();
        QVERIFY(qFuzzyCompare(jh[QStringLiteral("percent_agreement")].toDouble(), 4.0 / 7.0));
        QVERIFY(qFuzzyCompare(jh[QStringLiteral("unanimous_share")].toDouble(), 0.5));
        QCOMPARE(jh[QStringLiteral("compared_items")].toInt(), 6);
        QVERIFY(qFuzzyCompare(jd[QStringLiteral("percent_agreement")].toDouble(), 5.0 / 7.0));
        QVERIFY(qFuzzyCompare(jd[QStringLiteral("fleiss_kappa")].toDouble(), 8.0 / 15.0));
        QVERIFY(qFuzzyCompare(jd[QStringLiteral("gwet_ac1")].toDouble(), 10.0 / 17.0));
        QCOMPARE(jd[QStringLiteral("compared_items")].toInt(), 7);
        QVERIFY(jd.contains(QStringLiteral("per_labeler")) && jd.contains(QStringLiteral("ci95")));

        // The text names both and warns.
        p.start(QStringLiteral(CONCORD_CLI), {QStringLiteral("agreement"), QString::fromStdString(path.string()),
                                              QStringLiteral("--resamples"), QStringLiteral("0")});
        QVERIFY(p.waitForFinished(60000));
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(text.startsWith(
                     QStringLiteral("Human labels only (the 5 labels a standard wrote are left out):\nHLP 57.1 %")),
                 qPrintable(text));
        QVERIFY2(
            text.contains(QStringLiteral("\nData set as exported (with the 5 labels a standard wrote):\nHLP 71.4 %")),
            qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("WARNING: only 6 of 7 images compared (fewer than 30)")),
                 qPrintable(text));
    }

    /// Issue 4's acceptance scenario on the built-in demo (300 images, 5 labelers, seed 1).
    void demoAcceptance()
    {
        const fs::path path = file("demo/demo.concord");
        fs::create_directories(path.parent_path());
        generateDemo(path, DemoOptions{});
        {
            auto store = openProject(path);
            QVERIFY(fillMeasuredAttributes(*store) > 0); // length_mm: median of the line measurements
        }
        // Bad rules first: an error naming the position, and the file untouched.
        const std::string hash = fileContentHash(path.string());
        {
            auto store = openProject(path);
            const std::pair<std::string, int> bad[] = {
                {"when label in {ok, scratch} and length is known: scratch if length >= 1.5 else ok", 33},
                {"when label in {ok, scratch} and length_mm is known: defect if length_mm >= 1.5 else ok", 53},
                {"when label in {ok, scratch} and length_mm is known: scratch if length_mm >= else ok", 77},
            };
            for (const auto &[text, column] : bad) {
                try {
                    createStandard(*store, {"Bad", "", text, StandardStatus::Active});
                    QFAIL("no error");
                } catch (const RuleError &e) {
                    QCOMPARE(e.column(), column);
                }
            }
        }
        QCOMPARE(fileContentHash(path.string()), hash);

        auto store = openProject(path);
        const Id sid = createStandard(
            *store, {"Scratch length", "A scratch of 1.5 mm or longer is a defect.", kSeedRule, StandardStatus::Draft});
        const std::string checksum = labelTableChecksum(*store);
        const auto before = agreementOf(*store);
        const auto result = applyStandard(*store, sid);
        const auto &p = result.preview;
        QVERIFY(!p.changes.empty());
        QVERIFY(!p.decidedItems.empty());

        // Every item the rule decided is now unanimous.
        for (const Id image : p.decidedItems) {
            std::set<Id> classes;
            for (const auto &l : store->labelsOfImage(image))
                classes.insert(l.labelClass);
            QCOMPARE(classes.size(), std::size_t(1));
        }
        const auto after = agreementOf(*store);
        qInfo("demo: HLP %.4f -> %.4f, kappa %.4f -> %.4f, %zu labels change, %zu relabel", before.percentAgreement,
              after.percentAgreement, before.fleissKappa, after.fleissKappa, p.changes.size(), p.relabel.size());
        QVERIFY(after.percentAgreement >= before.percentAgreement + 0.05);
        QVERIFY(after.percentAgreement >= 0.95);
        QVERIFY(after.fleissKappa >= 0.9);
        // The preview promised exactly these figures.
        QVERIFY(qFuzzyCompare(p.before.hlp, before.percentAgreement));
        QVERIFY(qFuzzyCompare(p.after.hlp, after.percentAgreement));
        QVERIFY(qFuzzyCompare(p.after.fleissKappa, after.fleissKappa));

        undoLastStandard(*store);
        QCOMPARE(labelTableChecksum(*store), checksum);
        const auto back = agreementOf(*store);
        QCOMPARE(back.percentAgreement, before.percentAgreement);
        QCOMPARE(back.fleissKappa, before.fleissKappa);
    }
};

QTEST_GUILESS_MAIN(TestStandards)
#include "tst_standards.moc"
