// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/document/projectdocument.h"

#include "core/common/error.h"
#include "core/geometry/geometry.h"
#include "core/project/drafts.h"
#include "core/project/project_ops.h"
#include "core/standards/standardapply.h"
#include "ui/commands/addannotationcommand.h"
#include "ui/commands/applystandardcommand.h"
#include "ui/commands/changeannotationcommand.h"
#include "ui/commands/decisioncommand.h"
#include "ui/commands/removeannotationcommand.h"
#include "ui/commands/setlabelcommand.h"
#include "ui/commands/skipimagecommand.h"
#include "ui/document/errortext.h"
#include "ui/document/serverimages.h"
#include "ui/image/imagefetch.h"
#include "ui/image/thumbnails.h"

#include <QDir>
#include <QFileInfo>
#include <QUndoStack>

#include <algorithm>
#include <limits>

namespace concord::ui {

namespace {

/// Seed of the queue a late-joining labeler gets (core mixes in the labeler id).
/// Longest wait of a save for another process's write lock (the store's default is 40 s).
constexpr int kLockWaitMs = 1000;

std::filesystem::path toPath(const QString &file)
{
    return std::filesystem::path(QDir::toNativeSeparators(file).toStdString());
}

} // namespace

ProjectDocument::ProjectDocument(std::unique_ptr<core::Store> store, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_undoStack(new QUndoStack(this))
{
    m_classes = m_store->classes();
    // A save waits at most this long for another process's write lock, so the window never
    // freezes; the input stays in memory and is retried (retryUnsaved()).
    m_store->setLockWait(std::chrono::milliseconds(kLockWaitMs));
    m_retryTimer.setInterval(2000);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ProjectDocument::retryUnsaved);
    m_dataVersion = m_store->dataVersion();
    m_outsideTimer.setInterval(kOutsideChangePollMs);
    connect(&m_outsideTimer, &QTimer::timeout, this, &ProjectDocument::syncWithStore);
    m_outsideTimer.start();
}

ProjectDocument::~ProjectDocument()
{
    // Last chance for input that failed to save.
    if (!m_unsaved.empty())
        retryUnsaved();
    m_retryTimer.stop();
    // Commands refer to the document; drop them before the store goes.
    m_undoStack->clear();
    if (m_serverImages) // a decode still running keeps its own reference
        unregisterImageFetcher(m_serverImages.get());
}

std::unique_ptr<ProjectDocument> ProjectDocument::open(const QString &file, QObject *parent)
{
    // A file path or a server's connection string (core::openStore decides). The location is
    // kept as given for the lead's worker connections: a typed password lives only here.
    auto doc =
        std::make_unique<ProjectDocument>(core::openStore(file.toStdString(), core::OpenMode::AutoReadOnly), parent);
    doc->m_location = file.toStdString();
    if (doc->m_store->holdsImageContent()) {
        doc->m_serverImages = std::make_shared<ServerImages>(ProjectAccess(doc->m_location));
        registerImageFetcher(doc->m_serverImages);
    }
    return doc;
}

std::unique_ptr<ProjectDocument> ProjectDocument::create(const QString &file, const core::ProjectSettings &settings,
                                                         const std::vector<core::LabelClass> &classes, QObject *parent)
{
    // The same checks as `concord-cli init` (names, duplicates, calibration): one door.
    auto store = core::initProjectWithClasses(toPath(file).string(), settings, classes);
    auto doc = std::make_unique<ProjectDocument>(std::move(store), parent);
    doc->m_location = toPath(file).string();
    return doc;
}

QString ProjectDocument::filePath() const
{
    return QString::fromStdString(m_store->path().string());
}

QString ProjectDocument::displayName() const
{
    const auto name = m_store->settings().name;
    return name.empty() ? QFileInfo(filePath()).completeBaseName() : QString::fromStdString(name);
}

bool ProjectDocument::isReadOnly() const
{
    return m_store->isReadOnly();
}

void ProjectDocument::startSession(const QString &name, core::Role role, const QString &passphrase)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        throw core::Error(core::ErrorCode::Invalid, "the labeler's name is empty", {}, 0, "labeler");
    const std::string who = trimmed.toStdString();
    core::Session session = core::Session::signIn(*m_store, who, role, passphrase.toStdString());
    const core::Labeler me = session.who();
    if (!session.isLead())
        core::ensureQueue(*m_store, me);

    m_undoStack->clear();
    m_states.clear();
    m_unsaved.clear();
    m_session.emplace(std::move(session));
    m_labeler = me;
    m_queuePages.clear();
    m_queueSize = static_cast<int>(m_session->queueSize());
    m_labeledCount = static_cast<int>(m_session->queueLabeledCount());
    emit sessionStarted();
}

core::SignInProtection ProjectDocument::signInProtection(const QString &name) const
{
    return core::signInProtection(*m_store, name.trimmed().toStdString());
}

void ProjectDocument::setMyPassphrase(const QString &current, const QString &next)
{
    if (!m_session || m_session->isLead())
        throw core::Error(core::ErrorCode::Denied, "leads sign in with the lead passphrase", {}, 0, m_labeler.name);
    core::setLabelerPassphrase(*m_store, m_labeler.name, current.toStdString(), next.toStdString(), m_labeler.name);
}

QString ProjectDocument::shownImageName(const std::string &path, int row) const
{
    if (!m_session)
        return {};
    const core::ShownImageName shown = m_session->shownImageName(path, row);
    return shown.hidden() ? tr("Image %1").arg(shown.queueNumber) : QString::fromStdString(shown.fileName);
}

void ProjectDocument::setFileNamesHidden(bool hidden)
{
    if (!m_session)
        throw core::Error(core::ErrorCode::Denied, "no one is signed in");
    m_session->setFileNamesHidden(hidden);
}

core::QueueEntry ProjectDocument::queueEntry(int row) const
{
    if (!m_session || row < 0 || row >= m_queueSize)
        return {};
    const int first = row - row % kQueuePageSize;
    auto it = std::find_if(m_queuePages.begin(), m_queuePages.end(),
                           [first](const QueuePage &p) { return p.first == first; });
    if (it == m_queuePages.end()) {
        if (m_queuePages.size() >= static_cast<std::size_t>(kQueuePagesKept))
            m_queuePages.erase(
                std::min_element(m_queuePages.begin(), m_queuePages.end(),
                                 [](const QueuePage &a, const QueuePage &b) { return a.lastUse < b.lastUse; }));
        auto entries = offlineSafe([&] { return m_session->queue(first, kQueuePageSize); },
                                   std::optional<std::vector<core::QueueEntry>>());
        if (!entries)
            return {}; // the server is away: an empty row until it answers again
        m_queuePages.push_back(QueuePage{first, std::move(*entries), 0});
        it = std::prev(m_queuePages.end());
    }
    it->lastUse = ++m_queueClock;
    const auto offset = static_cast<std::size_t>(row - first);
    if (offset >= it->entries.size())
        return {}; // the queue shrank under us (another process); the next sign-in reads it again
    core::QueueEntry entry = it->entries[offset];
    overlayUnsaved(entry);
    return entry;
}

void ProjectDocument::overlayUnsaved(core::QueueEntry &entry) const
{
    if (!m_unsaved.count(entry.image))
        return;
    const auto it = m_states.find(entry.image);
    if (it == m_states.end())
        return;
    const ImageState &state = it->second;
    entry.myLabelClass = state.labelClass;
    entry.state = state.labelClass ? core::AssignmentState::Done
                                   : (state.skipped ? core::AssignmentState::Skipped : core::AssignmentState::Pending);
}

void ProjectDocument::forgetQueuePagesOf(core::Id image)
{
    std::erase_if(m_queuePages, [image](const QueuePage &p) {
        return std::any_of(p.entries.begin(), p.entries.end(),
                           [image](const core::QueueEntry &e) { return e.image == image; });
    });
}

int ProjectDocument::cachedQueueEntries() const
{
    std::size_t n = 0;
    for (const auto &p : m_queuePages)
        n += p.entries.size();
    return static_cast<int>(n);
}

int ProjectDocument::queueIndexOf(core::Id image) const
{
    const auto rows = queueRowsOf(image);
    return rows.empty() ? -1 : rows.back();
}

std::vector<int> ProjectDocument::queueRowsOf(core::Id image) const
{
    std::vector<int> out;
    if (!m_session)
        return out;
    const auto rows = offlineSafe([&] { return std::optional(m_session->queueRowsOf(image)); },
                                  std::optional<std::vector<std::int64_t>>());
    if (!rows)
        return cachedQueueRowsOf(image);
    for (const std::int64_t row : *rows)
        out.push_back(static_cast<int>(row));
    return out;
}

std::vector<int> ProjectDocument::cachedQueueRowsOf(core::Id image) const
{
    std::vector<int> out;
    for (const QueuePage &p : m_queuePages)
        for (std::size_t i = 0; i < p.entries.size(); ++i)
            if (p.entries[i].image == image)
                out.push_back(p.first + static_cast<int>(i));
    std::sort(out.begin(), out.end());
    return out;
}

void ProjectDocument::serverLost(const core::Error &e)
{
    const bool first = !m_serverLost;
    m_serverLost = true;
    if (first)
        emit serverAway(errorText(e));
    m_retryTimer.start();
}

std::optional<std::vector<int>> ProjectDocument::searchQueue(const QString &text, core::QueueFilter::Status status,
                                                             std::optional<core::Id> answer) const
{
    if (!m_session)
        return std::vector<int>{};
    return offlineSafe(
        [&] {
            std::vector<int> rows;
            for (const auto &hit : m_session->searchQueue(text.toStdString(), status, answer))
                rows.push_back(static_cast<int>(hit.first));
            return std::optional(std::move(rows));
        },
        std::optional<std::vector<int>>());
}

int ProjectDocument::firstUnlabeledIndex() const
{
    if (!m_session)
        return -1;
    return offlineSafe([&] { return firstUnlabeledIndexFromStore(); }, -1);
}

int ProjectDocument::firstUnlabeledIndexFromStore() const
{
    // The store knows the saved state; input that failed to save (m_unsaved, a handful) is
    // known only here. Asking for one row more than there are unsaved images guarantees a
    // saved candidate, and the unsaved images are judged by their state in memory.
    const auto extra = static_cast<std::int64_t>(m_unsaved.size()) + 1;
    const auto firstOf = [&](bool skipped) {
        std::int64_t best = -1;
        for (const auto &[row, image] : m_session->unlabeledQueueRows(skipped, extra)) {
            if (!m_unsaved.count(image)) {
                best = row;
                break;
            }
        }
        for (core::Id image : m_unsaved) {
            const auto it = m_states.find(image);
            if (it == m_states.end() || it->second.labelClass || it->second.skipped != skipped)
                continue;
            const auto rows = m_session->queueRowsOf(image);
            if (!rows.empty() && (best < 0 || rows.front() < best))
                best = rows.front();
        }
        return static_cast<int>(best);
    };
    const int pending = firstOf(false);
    return pending >= 0 ? pending : firstOf(true);
}

int ProjectDocument::nextUnlabeledIndex(int after) const
{
    if (!m_session)
        return -1;
    // The next rows first, from the pages in memory (unsaved input included): the common case
    // is the very next row, and a run of labeled ones is short.
    const int first = std::max(0, after + 1);
    const int scanned = std::min(m_queueSize, first + 2 * kQueuePageSize);
    for (int row = first; row < scanned; ++row) {
        const core::QueueEntry e = queueEntry(row);
        if (e.image && !core::isAnswered(e) && e.state != core::AssignmentState::Skipped)
            return row;
    }
    if (scanned < m_queueSize) {
        // Further on, ask the store (its rows come in queue order, so `scanned` plus the unsaved
        // ones are enough to reach past the rows already looked at).
        const auto limit = static_cast<std::int64_t>(scanned) + static_cast<std::int64_t>(m_unsaved.size()) + 1;
        const auto rows = offlineSafe([&] { return m_session->unlabeledQueueRows(false, limit); },
                                      std::vector<std::pair<std::int64_t, core::Id>>());
        for (const auto &[row, image] : rows)
            if (row >= scanned && !m_unsaved.count(image))
                return static_cast<int>(row);
    }
    return firstUnlabeledIndex(); // none after this one: wrap around
}

std::optional<core::LabelClass> ProjectDocument::labelClass(core::Id id) const
{
    const auto it =
        std::find_if(m_classes.begin(), m_classes.end(), [id](const core::LabelClass &c) { return c.id == id; });
    return it == m_classes.end() ? std::nullopt : std::optional(*it);
}

std::optional<core::LabelClass> ProjectDocument::classForShortcut(const QString &key) const
{
    const std::string k = key.toStdString();
    const auto it = std::find_if(m_classes.begin(), m_classes.end(),
                                 [&k](const core::LabelClass &c) { return !k.empty() && c.shortcut == k; });
    return it == m_classes.end() ? std::nullopt : std::optional(*it);
}

core::ImageRecord ProjectDocument::image(core::Id id) const
{
    auto it = m_images.find(id);
    if (it == m_images.end()) {
        // A labeler's queue shows checks under ids of their own (core::shownIdOfCheck).
        auto rec = offlineSafe([&] { return m_session ? m_session->image(id) : m_store->image(id); },
                               std::optional<core::ImageRecord>());
        if (!rec)
            return {};
        it = m_images.emplace(id, *rec).first;
    }
    return it->second;
}

QString ProjectDocument::imageFilePath(core::Id id) const
{
    const auto rec = image(id);
    if (rec.id == 0)
        return {};
    if (m_serverImages) {
        const QString path = QString::fromStdString(m_store->localImagePath(rec).string());
        m_serverImages->remember(path, rec);
        return path;
    }
    return offlineSafe([&] { return QString::fromStdString(m_store->resolveImagePath(rec).string()); }, QString());
}

double ProjectDocument::pxPerMm(core::Id imageId) const
{
    const auto rec = image(imageId);
    return offlineSafe([&] { return core::effectivePxPerMm(rec, m_store->settings()); }, rec.pxPerMm);
}

std::vector<core::StandardExample> ProjectDocument::examplesOf(core::Id standard) const
{
    return m_store->examples(standard);
}

std::optional<core::Standard> ProjectDocument::standardOfRound(int round) const
{
    return core::standardOfRound(*m_store, round);
}

std::vector<core::Labeler> ProjectDocument::labelers() const
{
    return m_store->labelers();
}

std::optional<core::Labeler> ProjectDocument::labelerByName(const QString &name) const
{
    return m_store->labelerByName(name.trimmed().toStdString());
}

std::vector<core::ImageRecord> ProjectDocument::imagesNamed(const QString &name) const
{
    const std::string key = name.toStdString();
    std::vector<core::ImageRecord> out;
    if (auto byPath = m_store->imageByPath(key))
        out.push_back(*byPath);
    for (auto &rec : m_store->imagesByFileName(key))
        if (out.empty() || rec.id != out.front().id)
            out.push_back(std::move(rec));
    return out;
}

QString ProjectDocument::standardName(core::Id id) const
{
    for (const auto &s : m_store->standards())
        if (s.id == id)
            return tr("“%1” v%2").arg(QString::fromStdString(s.title)).arg(s.version);
    return {};
}

std::vector<core::Standard> ProjectDocument::activeStandards() const
{
    std::vector<core::Standard> out;
    for (const auto &s : m_store->standards())
        if (s.status == core::StandardStatus::Active)
            out.push_back(s);
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.id > b.id; });
    return out;
}

ImageState ProjectDocument::loadState(core::Id imageId) const
{
    ImageState s;
    const auto label = offlineSafe([&] { return m_session->myLabel(imageId); }, std::optional<core::Label>());
    if (label) {
        s.labelClass = label->labelClass;
        s.setByStandard = label->source == core::LabelSource::Standard;
        if (s.setByStandard)
            s.standard = label->standard;
        s.annotations = offlineSafe([&] { return m_session->myAnnotations(imageId); }, std::vector<core::Annotation>());
    } else {
        try {
            s.annotations = core::draftOf(*m_store, m_labeler.id, imageId);
        } catch (const core::Error &e) {
            qWarning("Draft shapes of image %lld not read: %s", static_cast<long long>(imageId), e.what());
        }
    }
    const int idx = queueIndexOf(imageId);
    s.skipped = idx >= 0 && queueEntry(idx).state == core::AssignmentState::Skipped;
    return s;
}

ImageState ProjectDocument::imageState(core::Id imageId) const
{
    auto it = m_states.find(imageId);
    if (it == m_states.end())
        it = m_states.emplace(imageId, loadState(imageId)).first;
    return it->second;
}

// --- intentions ---------------------------------------------------------------------------

bool ProjectDocument::setLabel(core::Id imageId, core::Id classId)
{
    if (const QString why = labelRefusal(imageId); !why.isEmpty()) {
        emit labelRefused(imageId, why);
        return false;
    }
    // What the label was must be what the store holds now, not what the last poll saw:
    // another process may have changed it since (a standard applied and undone), and a
    // choice equal to a stale copy would be taken as "unchanged" and never written.
    syncWithStore();
    // A class a standard set is not the labeler's answer yet: choosing it makes it theirs. In a
    // relabel round the same class again is the answer the round asks for.
    const ImageState before = imageState(imageId);
    const auto rows = queueRowsOf(imageId);
    const bool sentBack =
        std::any_of(rows.begin(), rows.end(), [this](int row) { return !core::isAnswered(queueEntry(row)); });
    if (before.labelClass == classId && !before.setByStandard && !sentBack && !m_unsaved.count(imageId))
        return true;
    m_undoStack->push(new SetLabelCommand(this, imageId, before, classId));
    return true;
}

// --- what can be seen of an image ---------------------------------------------------------------

void ProjectDocument::setImageHealth(core::Id imageId, const core::ImageCheck &check)
{
    if (check.health == core::ImageHealth::Unknown || imageId == 0)
        return;
    const auto it = m_health.find(imageId);
    if (it != m_health.end() && it->second.health == check.health && it->second.reason == check.reason)
        return;
    m_health[imageId] = check;
    emit imageHealthChanged(imageId);
}

core::ImageCheck ProjectDocument::imageHealth(core::Id imageId) const
{
    const auto it = m_health.find(imageId);
    return it == m_health.end() ? core::ImageCheck{} : it->second;
}

QString ProjectDocument::labelRefusal(core::Id imageId)
{
    core::ImageCheck check = imageHealth(imageId);
    const bool accessProblem =
        check.health == core::ImageHealth::Missing || check.health == core::ImageHealth::Unreadable;
    // Nothing known (no view decoded it): nothing to refuse. The labeling view reports the
    // file's state before it asks for a label (LabelingView::chooseClass).
    if (check.health == core::ImageHealth::Ok || accessProblem) {
        // Good when last seen: the file may have gone since; missing when last seen: it may
        // be back (a stat and an open).
        const core::ImageCheck access = core::checkImageAccess(toPath(imageFilePath(imageId)));
        if (!access.ok()) {
            setImageHealth(imageId, access);
            check = access;
        } else if (accessProblem) {
            // Back, but nobody has seen it yet: the views decode it again (imageHealthChanged
            // with the state Unknown), and then it may be labeled.
            m_health.erase(imageId);
            emit imageHealthChanged(imageId);
            return tr("No label saved: the image file is back but was not shown yet; look at it, then choose again.");
        }
    }
    if (core::mayLabel(check.health))
        return {};
    return tr("No label saved: %1.").arg(QString::fromStdString(check.reason));
}

core::RelinkPlan ProjectDocument::planRelink(const QString &folder) const
{
    return core::planRelinkToFolder(*m_store, toPath(folder));
}

std::int64_t ProjectDocument::relinkImages(const std::string &oldPrefix, const std::string &newPrefix)
{
    const std::int64_t n = core::relinkImages(*m_store, oldPrefix, newPrefix);
    // Every cached path and file state is stale now.
    m_images.clear();
    m_queuePages.clear();
    m_health.clear();
    Thumbnails::clearCache(); // the thumbnail service's, shared by every page
    emit imagesRelinked();
    return n;
}

void ProjectDocument::addAnnotation(core::Id imageId, const core::Annotation &annotation)
{
    syncWithStore();
    m_undoStack->push(new AddAnnotationCommand(this, imageId, imageState(imageId), annotation));
}

void ProjectDocument::changeAnnotation(core::Id imageId, int index, const core::Annotation &annotation)
{
    syncWithStore();
    const ImageState before = imageState(imageId);
    if (index < 0 || static_cast<std::size_t>(index) >= before.annotations.size())
        return;
    m_undoStack->push(new ChangeAnnotationCommand(this, imageId, before, index, annotation));
}

void ProjectDocument::removeAnnotation(core::Id imageId, int index)
{
    syncWithStore();
    const ImageState before = imageState(imageId);
    if (index < 0 || static_cast<std::size_t>(index) >= before.annotations.size())
        return;
    m_undoStack->push(new RemoveAnnotationCommand(this, imageId, before, index));
}

void ProjectDocument::skip(core::Id imageId)
{
    syncWithStore();
    const ImageState before = imageState(imageId);
    if (before.labelClass || before.skipped)
        return;
    m_undoStack->push(new SkipImageCommand(this, imageId, before));
}

// --- lead intentions ------------------------------------------------------------------------

ProjectAccess ProjectDocument::leadAccess() const
{
    return isLead() ? ProjectAccess(m_location.empty() ? m_store->path().string() : m_location) : ProjectAccess();
}

core::Store &ProjectDocument::leadStore()
{
    if (!m_session)
        throw core::Error(core::ErrorCode::Denied, "nobody is signed in");
    return m_session->leadStore();
}

const core::Store &ProjectDocument::leadReader() const
{
    if (!m_session)
        throw core::Error(core::ErrorCode::Denied, "nobody is signed in");
    return m_session->leadStore();
}

core::Id ProjectDocument::createStandard(const core::StandardDraft &draft, core::Id versionOf,
                                         const std::vector<core::StandardExample> &examples)
{
    core::Id id = 0;
    const std::string actor = m_labeler.name.empty() ? std::string("lead") : m_labeler.name;
    core::Store &store = leadStore();
    store.transaction([&] {
        id = versionOf ? core::createStandardVersion(store, versionOf, draft, actor)
                       : core::createStandard(store, draft, actor);
        for (const auto &e : examples)
            core::setStandardExample(store, id, e.image, e.role, e.note);
    });
    emit projectDataChanged({ProjectChange::Standards, {}});
    return id;
}

void ProjectDocument::applyStandard(core::Id standard)
{
    const auto result = core::applyStandard(leadStore(), standard, m_labeler.name);
    standardApplied(standard, result.auditId, QString::fromStdString(result.preview.standard.title));
}

void ProjectDocument::standardApplied(core::Id standard, core::Id applyAudit, const QString &title)
{
    leadStore(); // Denied for a labeler's session
    m_undoStack->push(new ApplyStandardCommand(this, standard, applyAudit, title));
    emit projectDataChanged({ProjectChange::Labels | ProjectChange::Decisions | ProjectChange::Standards, {}});
}

void ProjectDocument::recordDecision(core::Decision decision)
{
    leadStore(); // Denied for a labeler's session, before anything is pushed
    decision.by = m_labeler.id;
    if (decision.createdAt.empty())
        decision.createdAt = core::utcNow();
    m_undoStack->push(new DecisionCommand(this, std::move(decision)));
}

// --- applying ---------------------------------------------------------------------------------

void ProjectDocument::applyState(core::Id imageId, const ImageState &state)
{
    // Progress: every row of the image (one per round) is answered once it has a class (saving
    // marks them all done), none without; a relabel row counted only once answered again.
    const auto rows = queueRowsOf(imageId);
    int answeredBefore = 0;
    for (const int row : rows)
        answeredBefore += core::isAnswered(queueEntry(row)) ? 1 : 0;
    m_labeledCount += (state.labelClass ? static_cast<int>(rows.size()) : 0) - answeredBefore;
    m_states[imageId] = state;
    if (persist(imageId, state)) {
        m_unsaved.erase(imageId);
    } else {
        m_unsaved.insert(imageId);
        m_retryTimer.start();
    }
    // Saved: the store has it, read its rows again; unsaved: overlayUnsaved() shows it.
    forgetQueuePagesOf(imageId);
    emit imageStateChanged(imageId);
    emit projectDataChanged({ProjectChange::Labels, {imageId}});
}

void ProjectDocument::syncWithStore()
{
    try {
        checkOutsideChanges();
    } catch (const core::Error &) {
        // A locked or vanished file: the next poll tries again; saves report their own errors.
    }
}

bool ProjectDocument::checkOutsideChanges()
{
    const std::int64_t version = m_store->dataVersion();
    if (version == m_dataVersion)
        return false;
    m_dataVersion = version;
    m_classes = m_store->classes();
    m_images.clear();
    for (auto it = m_states.begin(); it != m_states.end();) {
        const bool draft = !it->second.labelClass && !it->second.annotations.empty();
        if (m_unsaved.count(it->first) || draft)
            ++it;
        else
            it = m_states.erase(it);
    }
    m_queuePages.clear();
    if (m_session) {
        m_queueSize = static_cast<int>(m_session->queueSize());
        // The store's count, corrected for input that is not saved yet (as at sign-in).
        m_labeledCount = static_cast<int>(m_session->queueLabeledCount());
        for (core::Id image : m_unsaved) {
            const auto saved = m_session->myLabel(image);
            const bool mine = m_states[image].labelClass.has_value();
            if (mine != saved.has_value())
                m_labeledCount += (mine ? 1 : -1) * static_cast<int>(queueRowsOf(image).size());
        }
    }
    emit reloaded();
    emit projectDataChanged({}); // another connection: anything may have changed
    return true;
}

void ProjectDocument::reveal(core::Id imageId)
{
    emit revealRequested(imageId);
}

bool ProjectDocument::persist(core::Id imageId, const ImageState &state)
{
    try {
        if (state.labelClass) {
            m_store->transaction([&] {
                m_session->saveLabel(imageId, *state.labelClass, state.annotations);
                core::saveDraft(*m_store, m_labeler.id, imageId, {}); // the shapes are the label's now
            });
        } else {
            // Without a class there is no label to hang shapes on: drawn shapes are kept as
            // the labeler's draft in the project until a class is chosen (never dropped,
            // also not by quitting).
            m_store->transaction([&] {
                if (m_session->myLabel(imageId))
                    m_session->removeMyLabel(imageId);
                m_session->setUnlabeledState(imageId, state.skipped);
                core::saveDraft(*m_store, m_labeler.id, imageId, state.annotations);
            });
        }
        return true;
    } catch (const core::Error &e) {
        if (e.code() == core::ErrorCode::Unavailable)
            serverLost(e); // one banner for the outage, not a message per label
        else
            emit saveFailed(tr("Not saved yet, retrying: %1").arg(errorText(e)));
        return false;
    }
}

bool ProjectDocument::saveNow()
{
    if (!m_unsaved.empty())
        retryUnsaved();
    return m_unsaved.empty();
}

void ProjectDocument::retryUnsaved()
{
    if (m_serverLost) {
        try {
            m_classes = m_store->classes(); // a real statement: reconnects when the server is back
        } catch (const core::Error &) {
            m_retryTimer.start();
            return;
        }
        m_serverLost = false;
        emit serverBack();
        // What was read while away (empty rows, no labels) is dropped and read again.
        m_dataVersion = std::numeric_limits<std::int64_t>::min();
        try {
            checkOutsideChanges();
        } catch (const core::Error &) {
            m_retryTimer.start();
        }
    }
    const std::set<core::Id> pending = m_unsaved;
    for (core::Id imageId : pending) {
        if (persist(imageId, m_states[imageId])) {
            m_unsaved.erase(imageId);
            forgetQueuePagesOf(imageId); // the store has it now
        }
    }
    if (m_unsaved.empty()) {
        if (!pending.empty())
            emit saveRecovered();
    } else {
        m_retryTimer.start();
    }
}

} // namespace concord::ui
