// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/imaging/image_check.h"
#include "core/project/project_settings.h"
#include "core/project/relink.h"
#include "core/project/session.h"
#include "core/standards/standardbook.h"
#include "core/common/error.h"
#include "core/store/store.h"
#include "ui/document/imagestate.h"
#include "ui/document/projectaccess.h"
#include "ui/document/projectchange.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <set>
#include <unordered_map>
#include <vector>

class QUndoStack;

namespace concord::ui {

class ServerImages;

/// The open project as the GUI sees it: owns the core::Store and the QUndoStack, and offers
/// intention-level methods that push undo commands (Tiled's Document). Widgets read through
/// it and never write to core themselves.
///
/// Blind labeling is enforced here: the document only ever asks core for the session
/// labeler's own queue, labels and annotations (Store::queue(me), Store::label(image, me),
/// Store::annotationsOfLabel(my label)), so nothing built on it can show another labeler's
/// work.
///
/// A save that fails (locked or read-only file, full disk) never loses the input: the state
/// stays in memory, saveFailed() is emitted and the write is retried until it succeeds.
class ProjectDocument final : public QObject
{
    Q_OBJECT

public:
    explicit ProjectDocument(std::unique_ptr<core::Store> store, QObject *parent = nullptr);
    ~ProjectDocument() override;

    /// Opens a project file (read-write, or read-only when the file is not writable).
    /// Throws core::Error.
    static std::unique_ptr<ProjectDocument> open(const QString &file, QObject *parent = nullptr);

    /// Creates a project with the given classes (their colours and keys as given).
    /// Throws core::Error; leaves no file behind on failure.
    static std::unique_ptr<ProjectDocument> create(const QString &file, const core::ProjectSettings &settings,
                                                   const std::vector<core::LabelClass> &classes,
                                                   QObject *parent = nullptr);

    // The document hands out no Store (issue #16 §2): labeler-side widgets read through the
    // calls below (what a labeler may see), lead pages through leadReader(), and lead actions
    // write through leadStore(); work off the GUI thread goes through leadAccess().

    /// Every read a lead page makes; Error(Denied) unless this is a lead's session.
    const core::Store &leadReader() const;
    /// The store for lead actions (decisions, applies, the lead passphrase); Error(Denied)
    /// unless this is a lead's session.
    core::Store &leadStore();
    QString filePath() const;
    QString displayName() const;
    bool isReadOnly() const;
    QUndoStack *undoStack() const { return m_undoStack; }

    // --- session -------------------------------------------------------------------------
    /// Starts labeling as `name` through core::Session::signIn (created with `role` when new):
    /// a lead's name signs in as lead and needs the lead passphrase when the project has one;
    /// a labeler whom signInProtection() protects needs their own or the lead passphrase; a
    /// labeler's session cannot read anyone else's work. A labeler without assignments gets a
    /// queue at once (core::assignNewLabeler). Throws core::Error (Denied for a wrong or
    /// missing passphrase or a role the name does not have).
    void startSession(const QString &name, core::Role role = core::Role::Labeler, const QString &passphrase = {});
    bool hasSession() const { return m_labeler.id != 0; }
    const core::Labeler &labeler() const { return m_labeler; }
    /// True for a lead's session: only then may the lead views read every labeler's work.
    bool isLead() const { return m_session && m_session->isLead(); }
    /// The door for a lead's work off the GUI thread (ui/document/projectaccess.h); an invalid access
    /// in a labeler's session or none, since such a connection reads every labeler's labels.
    ProjectAccess leadAccess() const;
    /// The session the document reads and writes the labeler's own work through.
    const core::Session *session() const { return m_session ? &*m_session : nullptr; }
    /// What signing in as `name` needs (core::signInProtection), for the sign-in dialog.
    core::SignInProtection signInProtection(const QString &name) const;
    /// Sets, changes or removes (empty `next`) the session labeler's own sign-in passphrase;
    /// `current` is needed when their sign-in is protected (core::setLabelerPassphrase).
    /// Throws core::Error (Denied for a lead's session: leads have the lead passphrase).
    void setMyPassphrase(const QString &current, const QString &next);

    // --- what the session's person sees as an image's name (core::shownImageName) ---------
    /// The file name, or for a labeler in a project that hides file names "Image N" with N the
    /// image's number in the queue (`row` + 1).
    QString shownImageName(const std::string &path, int row) const;
    bool fileNamesHidden() const { return m_store->settings().hideFileNames; }
    /// Lead only: hides file names from labelers (their next sign-in) or shows them.
    void setFileNamesHidden(bool hidden);

    // --- the session labeler's queue, paged (issue #10: a queue of 10^5 images opens at once)
    /// Rows in the session labeler's queue (read at sign-in).
    int queueSize() const { return m_queueSize; }
    /// Row `row` of the queue (0 ≤ row < queueSize()), unsaved input included. The queue is
    /// never read whole: the page holding the row is read from the store and kept among the
    /// few most recently used pages (kQueuePagesKept), so memory does not grow with the queue.
    /// An empty entry (image 0) for a row out of range.
    core::QueueEntry queueEntry(int row) const;
    /// Row of the image's latest round in the queue, or -1 (index lookups, no page read).
    int queueIndexOf(core::Id image) const;
    /// Every row of the image in the queue (one per round), ascending: all of them show the
    /// labeler's label, so a change repaints them all.
    std::vector<int> queueRowsOf(core::Id image) const;
    /// Rows of the queue that carry the labeler's label (unsaved input included): counted in
    /// SQL at sign-in, then kept up to date by each change, so the progress bar costs nothing
    /// per key press.
    int labeledCount() const { return m_labeledCount; }
    /// The queue rows a search of the queue shows (core::Session::searchQueue: file names only
    /// when the session is shown them, numbers always), ascending. The store's saved state is
    /// searched; std::nullopt while the server is away (the banner says so).
    std::optional<std::vector<int>> searchQueue(const QString &text, core::QueueFilter::Status status,
                                                std::optional<core::Id> answer) const;
    /// First queue index without the labeler's label (skipped ones last), or -1. Asked of the
    /// store (an indexed query), corrected for input that is not saved yet.
    int firstUnlabeledIndex() const;
    /// The next queue index after `after` that still needs this labeler (no label of theirs,
    /// not skipped); when none follows, firstUnlabeledIndex() (earlier ones, then the skipped
    /// ones); -1 when every image is labeled. Auto-advance goes there, so it never lands on an
    /// image the labeler has labeled already.
    int nextUnlabeledIndex(int after) const;
    /// Rows read from the store at a time.
    static constexpr int kQueuePageSize = 128;
    /// Pages of the queue kept in memory at most.
    static constexpr int kQueuePagesKept = 8;
    /// Queue entries held in memory now (tests: a big queue is never held whole).
    int cachedQueueEntries() const;

    // --- project data (read) ----------------------------------------------------------------
    const std::vector<core::LabelClass> &classes() const { return m_classes; }
    std::optional<core::LabelClass> labelClass(core::Id id) const;
    /// Class bound to a key such as "1", if any.
    std::optional<core::LabelClass> classForShortcut(const QString &key) const;
    core::ImageRecord image(core::Id id) const;
    /// Absolute path of an image file. For a server project the file of the desk's cache,
    /// answered at once: it may not be there yet, and the decoders fetch it on their workers
    /// (ServerImages), so the GUI thread never waits for the server's bytes.
    QString imageFilePath(core::Id id) const;
    /// Calibration of an image (its own or the project's default), 0 when unknown.
    double pxPerMm(core::Id image) const;
    /// Active standards (the label book), newest first.
    std::vector<core::Standard> activeStandards() const;
    /// “Scratch length” v2: a standard as the window names it; empty for an unknown id.
    QString standardName(core::Id id) const;
    /// The example images of a standard in the label book.
    std::vector<core::StandardExample> examplesOf(core::Id standard) const;
    /// The standard whose apply sent images back in relabel round `round` (core::standardOfRound).
    std::optional<core::Standard> standardOfRound(int round) const;
    /// The project's people, for signing in (names and roles; never their labels).
    std::vector<core::Labeler> labelers() const;
    std::optional<core::Labeler> labelerByName(const QString &name) const;
    /// Images whose stored path or file name is `name` (indexed lookups).
    std::vector<core::ImageRecord> imagesNamed(const QString &name) const;

    /// The labeler's current state of an image (unsaved or draft input included). Shapes
    /// drawn before a class was chosen are a draft kept in the project (core/project/drafts.h):
    /// they are there again after leaving the image, quitting or a crash.
    ImageState imageState(core::Id image) const;

    // --- what can be seen of an image (issue #15: no labels on images nobody could see) ----
    /// Records what decoding found about an image's file (the labeling view reports every
    /// checked decode). Unknown is ignored.
    void setImageHealth(core::Id image, const core::ImageCheck &check);
    /// The last known state of the image's file; Unknown before it was decoded.
    core::ImageCheck imageHealth(core::Id image) const;
    /// Why no label may be saved for the image now (core::mayLabel on its last known state,
    /// and, when one is known, the file's presence checked again), in words; empty when a
    /// label may be saved. An image whose state is not known yet is not refused.
    QString labelRefusal(core::Id image);

    // --- images that moved ---------------------------------------------------------------
    /// The relink that finds the most missing images in `folder` (core::planRelinkToFolder).
    core::RelinkPlan planRelink(const QString &folder) const;
    /// Re-points stored paths (core::relinkImages, audited; not an undo step: relinking back
    /// is the undo). Forgets every cached path and file state, then emits imagesRelinked().
    /// Throws core::Error (ReadOnly, Invalid).
    std::int64_t relinkImages(const std::string &oldPrefix, const std::string &newPrefix);
    /// True while some input failed to save and waits for a retry.
    bool hasUnsavedInput() const { return !m_unsaved.empty(); }
    /// Retries every unsaved input at once; true when nothing is left unsaved.
    bool saveNow();

    // --- intentions (each pushes one undo command) -------------------------------------------
    /// Saves the class, unless labelRefusal() gives a reason: then nothing is pushed or
    /// written, labelRefused() says why, and false is returned.
    bool setLabel(core::Id image, core::Id labelClass);
    void addAnnotation(core::Id image, const core::Annotation &annotation);
    void changeAnnotation(core::Id image, int index, const core::Annotation &annotation);
    void removeAnnotation(core::Id image, int index);
    void skip(core::Id image);

    // --- used by the undo commands ------------------------------------------------------------
    /// Makes `state` the image's state, in memory and in the project.
    void applyState(core::Id image, const ImageState &state);
    /// Asks the views to show an image (undo/redo of a change made elsewhere in the queue).
    void reveal(core::Id image);

    /// Tells the views what changed in the project (a saved label, an applied standard, a
    /// decision): the lead pages recompute what they show, if they show it. Undo commands of
    /// lead actions call it after each redo and undo.
    void notifyProjectDataChanged(const ProjectChange &change) { emit projectDataChanged(change); }

    // --- lead intentions (standards, adjudication; lead sessions only) ------------------------
    /// Adds a standard (or, with `versionOf`, the next version of that standard's family) with
    /// its example images, in one transaction. Not an undo step: the label book is append-only
    /// in core (no call removes a standard), so "undo" would have to leave a retired row
    /// behind; a wrong standard is replaced by a new version. Throws core::Error (RuleError
    /// for a bad rule) with nothing written.
    core::Id createStandard(const core::StandardDraft &draft, core::Id versionOf,
                            const std::vector<core::StandardExample> &examples);
    /// Applies a standard (core::applyStandard) and pushes an undo step whose undo is
    /// core::undoStandardApply of that apply (never one made elsewhere). Throws core::Error,
    /// pushing nothing, when the apply fails.
    void applyStandard(core::Id standard);
    /// The undo step of an apply that a worker did on its own connection (so applying to a
    /// big project never freezes the window), with the apply's audit id
    /// (core::ApplyResult::auditId); same undo as applyStandard(). Error(Denied) for a
    /// labeler's session.
    void standardApplied(core::Id standard, core::Id applyAudit, const QString &title);
    /// Records the lead's decision on an image (by = the session's lead) as an undo step.
    void recordDecision(core::Decision decision);

    // --- project settings (Project → Settings…; lead sessions only, Error(Denied) else) -----
    // The checks and the writing are core's (core/project/project_settings.h); each call
    // throws core::Error, pushing and writing nothing, when core refuses the change.
    /// Adds a class (core::addProjectClass). Not an undo step: the Store has no call that
    /// removes a class, and a class may be labeled at once by others.
    core::LabelClass addClass(const core::LabelClass &cls);
    /// Renames, recolours or re-keys a class (core::changeClass) as one undo step.
    void changeClass(const core::LabelClass &changed);
    /// Puts the classes in this order (core::reorderClasses) as one undo step.
    void reorderClasses(const std::vector<core::Id> &ids);
    /// Sets the overlap k (core::setOverlap) as one undo step.
    void setOverlap(int overlap);
    /// Sets the project's calibration in px per mm (core::setCalibration) as one undo step.
    void setCalibration(double pxPerMm);
    /// Adds a labeler (or a lead) and fills a labeler's queue at once (core::addLabelerWithQueue).
    /// Not an undo step: no call removes a person, who may have signed in meanwhile.
    core::AddedLabeler addLabeler(const QString &name, core::Role role);
    /// Who labels what: each person's queue (core::labelerWorkloads).
    std::vector<core::LabelerWorkload> labelerWorkloads() const;
    /// Used by the undo commands: writes `classes` (as core::changeClass and
    /// core::reorderClasses would) where they differ from the project's, then reads the classes
    /// again and emits classesChanged().
    void writeClasses(const std::vector<core::LabelClass> &classes);
    /// Used by the undo commands: writes the overlap and calibration of `settings`.
    void writeSettings(const core::ProjectSettings &settings);

    /// Delay before retrying a failed save (tests shorten it).
    void setRetryInterval(int ms) { m_retryTimer.setInterval(ms); }

    /// Other processes (a labeler's window, the command line, a worker of this window) may
    /// change the project at any time. The document asks the store (Store::dataVersion())
    /// every kOutsideChangePollMs while the window runs, and when anything changed reads what
    /// it holds again: classes, image records, the queue, and every image state except input
    /// not saved yet and drawn shapes without a class (both stay exactly as they are). Then it
    /// emits reloaded() and projectDataChanged(). Returns whether something had changed.
    bool checkOutsideChanges();
    static constexpr int kOutsideChangePollMs = 1500;

signals:
    void imageStateChanged(qint64 image);
    /// What is known about an image's file changed (setImageHealth()).
    void imageHealthChanged(qint64 image);
    /// setLabel() refused to save a label; `reason` says why in words.
    void labelRefused(qint64 image, const QString &reason);
    /// Image paths were re-pointed: every image may load differently now.
    void imagesRelinked();
    /// Something of the project changed; `change` says what (see notifyProjectDataChanged()).
    void projectDataChanged(const concord::ui::ProjectChange &change);
    void sessionStarted();
    /// Another connection changed the project and the document read it again: views reset
    /// what they show of the queue and of the current image.
    void reloaded();
    void revealRequested(qint64 image);
    /// The project's classes changed (names, colours, keys, order, a new class): views that
    /// show classes read classes() again.
    void classesChanged();
    /// The overlap or calibration changed.
    void settingsChanged();
    /// A save failed; `message` says why in words. The input is kept and retried.
    void saveFailed(const QString &message);
    /// Every input that had failed is now saved.
    void saveRecovered();
    /// The team server stopped answering (`why` in words); the window goes on from memory.
    void serverAway(const QString &why);
    /// The server answers again; what was read while away has been read again.
    void serverBack();

    // --- lead intentions -------------------------------------------------------------------
    /// The decision on an image was recorded, replaced or undone.
    void decisionChanged(qint64 image);
    /// A lead action run from the undo stack (redo/undo of an apply or decision) failed;
    /// `message` says why in words.
    void leadActionFailed(const QString &message);
    /// A lead action run from the undo stack (undo or redo of an apply) succeeded; `message`
    /// says what it did, for the status texts that described the state before.
    void leadActionDone(const QString &message);

private:
    /// checkOutsideChanges() that never throws: used by the poll and before every input, so
    /// what an input changes is compared with the store's state, never a stale copy.
    void syncWithStore();
    ImageState loadState(core::Id image) const;
    bool persist(core::Id image, const ImageState &state);
    void retryUnsaved();
    /// Drops the cached pages that hold the image, so they are read again from the store.
    void forgetQueuePagesOf(core::Id image);
    /// Applies in-memory input that is not saved yet to an entry read from the store.
    void overlayUnsaved(core::QueueEntry &entry) const;

    std::unique_ptr<core::Store> m_store;
    std::optional<core::Session> m_session;
    QUndoStack *m_undoStack = nullptr;
    /// Runs a read of the store; when the project's server cannot be reached (a team
    /// project, core::ErrorCode::Unavailable) it notes the outage (serverLost()) and returns
    /// `fallback`, so the window stays usable on what it has in memory.
    template <typename F, typename T>
    T offlineSafe(F &&read, T fallback) const
    {
        try {
            return read();
        } catch (const core::Error &e) {
            if (e.code() != core::ErrorCode::Unavailable)
                throw;
            const_cast<ProjectDocument *>(this)->serverLost(e);
            return fallback;
        }
    }
    /// Says once that the server is away and retries until it answers again.
    void serverLost(const core::Error &e);
    /// The rows of the image among the queue pages in memory (while the server is away).
    std::vector<int> cachedQueueRowsOf(core::Id image) const;
    bool m_serverLost = false;
    int firstUnlabeledIndexFromStore() const;

    core::Labeler m_labeler;
    /// Where the project was opened from: a file path or a server's full connection string.
    std::string m_location;
    /// A server project's images, fetched by the decoders (registered while the document lives).
    std::shared_ptr<ServerImages> m_serverImages;
    struct QueuePage
    {
        int first = 0; ///< row of entries[0]
        std::vector<core::QueueEntry> entries;
        std::uint64_t lastUse = 0;
    };
    mutable std::vector<QueuePage> m_queuePages; ///< at most kQueuePagesKept, least recent evicted
    mutable std::uint64_t m_queueClock = 0;
    int m_queueSize = 0;
    int m_labeledCount = 0;
    std::vector<core::LabelClass> m_classes;
    mutable std::unordered_map<core::Id, core::ImageRecord> m_images;
    mutable std::unordered_map<core::Id, ImageState> m_states;
    std::unordered_map<core::Id, core::ImageCheck> m_health;
    std::set<core::Id> m_unsaved;
    QTimer m_retryTimer;
    QTimer m_outsideTimer;
    std::int64_t m_dataVersion = 0;
};

} // namespace concord::ui
