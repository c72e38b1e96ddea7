// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace concord::core {

/// How a project is opened.
enum class OpenMode : std::uint8_t
{
    ReadWrite,   ///< the default; fails with ReadOnly when the file is not writable
    ReadOnly,    ///< never writes; every change throws Error(ReadOnly)
    AutoReadOnly ///< read-write when possible, else read-only (the GUI shows a banner)
};

/// Label with the names resolved, as the engines and exports want it.
struct LabelRow
{
    Label label;
    std::string imagePath;
    std::string labelerName;
    std::string className;
};

/// One entry in a labeler's queue. A queue is ordered by round, then position, then image
/// (so every row has one well-defined index, even when positions tie).
struct QueueEntry
{
    Id image = 0;
    std::string path;
    int round = 0;
    int position = 0;
    AssignmentState state = AssignmentState::Pending;
    std::optional<Id> myLabelClass; ///< the labeler's own current label, if any
    /// Set when the row is a consistency check (CheckItem) of this image rather than an
    /// assignment; myLabelClass is then the check's answer, never the labeler's label.
    std::optional<Id> checkItem;
    /// The labeler's label was written by a standard's apply, not chosen by them.
    bool labelByStandard = false;
};

/// Whether the labeler has answered a queue row: their label (or check answer) exists and, for
/// a row of a relabel round (round > 0, a standard sent the image back), was given in that
/// round (the row is done). A returned image counts as not done until it is labeled again.
/// The store's queueLabeledCount() and unlabeledQueueRows() count by the same rule.
inline bool isAnswered(const QueueEntry &e)
{
    return e.myLabelClass.has_value() && (e.round == 0 || e.state == AssignmentState::Done);
}

/// A row of a labeler's queue found without reading the queue.
struct QueueRow
{
    std::int64_t row = 0; ///< 0-based index in queue() order
    Id image = 0;
    std::optional<Id> checkItem; ///< as in QueueEntry
    bool operator==(const QueueRow &) const = default;
};

/// Which rows of a labeler's queue a search of the queue shows (issue #19, "a queue you can
/// work with"). The conditions are ANDed; an empty filter matches every row. "Answered" is
/// isAnswered(): a row of a relabel round is answered only once labeled in that round.
struct QueueFilter
{
    enum class Status : std::uint8_t
    {
        Any,
        Unlabeled, ///< not answered and not skipped (a returned relabel row included)
        Skipped,   ///< not answered and skipped
        Relabel,   ///< a row of a relabel round (round > 0), answered or not
        Labeled,   ///< answered
    };
    Status status = Status::Any;
    /// Only answered rows whose answer (the labeler's class, or a check's answer) is this class.
    std::optional<Id> answer;
    /// Rows whose image file name (the path's last part, what shownImageName() shows) contains
    /// this text, ASCII letters compared without case, or whose 1-based queue number is
    /// `number`; when both are empty, any row.
    std::string nameContains;
    std::optional<std::int64_t> number;

    /// Whether queue row `row` (0-based), holding `entry`, passes.
    bool matches(const QueueEntry &entry, std::int64_t row) const;
};

/// Every row of a project, ids included: what copyProject() (core/project/project_copy.h)
/// moves between a project file and a server project. Each table holds the existing value
/// types, in id (or key) order. Not here: thumbnails (a cache), image bytes (files beside a
/// project file, table image_content on a server), a server's logins, and the columns the
/// value types do not carry (image added_at, labeler created_at).
struct ProjectRows
{
    std::vector<std::pair<std::string, std::string>> meta; ///< project_meta (key, value), by key
    std::vector<LabelClass> classes;
    std::vector<Labeler> labelers;
    std::vector<ImageRecord> images;
    std::vector<ImageAttribute> attributes;
    std::vector<Standard> standards;
    std::vector<StandardExample> examples;
    std::vector<Assignment> assignments;
    std::vector<Label> labels;
    std::vector<Annotation> annotations;
    std::vector<CheckItem> checkItems;
    std::vector<Annotation> checkAnnotations; ///< Annotation::label holds the check item's id
    std::vector<GoldLabel> gold;
    std::vector<Decision> decisions;
    std::vector<ObjectDecision> objectDecisions;
    std::vector<AuditEntry> audit;
};

/// The repository interface over a project's data (DESIGN §3). All SQL lives behind it in
/// core/store, so a PostgreSQL backend for teams (DESIGN §10) can be added without touching
/// the engines or the front ends. Every mutating call is atomic on its own; transaction()
/// groups several into one atomic, retried unit.
///
/// Not thread-safe: use one Store per thread (SQLite allows several connections, WAL mode lets
/// readers run beside one writer).
class Store
{
public:
    virtual ~Store() = default;

    /// Path of the project file (empty for in-memory stores); for a server project its
    /// connection string without any password.
    virtual std::filesystem::path path() const = 0;
    /// Folder that relative image paths are resolved against.
    virtual std::filesystem::path baseDir() const = 0;
    virtual bool isReadOnly() const = 0;
    /// Resolves an image's stored path to a file system path. A server project keeps the
    /// bytes itself and answers with a file of the desk's bounded cache, fetched when missing
    /// (Error(NotFound) when the server has no bytes for the image).
    virtual std::filesystem::path resolveImagePath(const ImageRecord &image) const;
    /// Where resolveImagePath() finds or puts the image's file, without reading anything: for
    /// a server project the file of the desk's cache, which may not exist yet (the window
    /// fetches it on a decoder's worker with resolveImagePath(), never on its GUI thread); for
    /// a project file the same as resolveImagePath().
    virtual std::filesystem::path localImagePath(const ImageRecord &image) const { return resolveImagePath(image); }
    /// Whether the project keeps the images' bytes itself (a server project) rather than
    /// pointing at files beside it (a project file).
    virtual bool holdsImageContent() const { return false; }
    /// Stores an image's bytes under its content hash (once per hash) in a project that
    /// holdsImageContent(); a no-op for a project file.
    virtual void putImageContent(const std::string &hash, const std::string &bytes)
    {
        (void)hash;
        (void)bytes;
    }
    /// Who a server project's connection signs in as (team mode): its login, the labeler the
    /// login labels as (none for a login without a labeler of its own, e.g. the server's
    /// administrator) and whether it may lead. None for a project file, where anyone at the
    /// desk may sign in as anyone (core::Session checks passphrases instead).
    struct ServerIdentity
    {
        std::string login;
        std::optional<std::string> labeler;
        bool lead = false;
    };
    virtual std::optional<ServerIdentity> serverIdentity() const { return std::nullopt; }
    /// Whether the project holds the bytes of this content hash (always false for a file).
    virtual bool hasImageContent(const std::string &hash) const
    {
        (void)hash;
        return false;
    }

    /// Runs `work` as one transaction: all of it is committed or none of it. When another
    /// process holds the write lock beyond the busy timeout, the whole unit is retried (so
    /// `work` must be safe to run again); nested calls join the outer transaction.
    virtual void transaction(const std::function<void()> &work) = 0;
    /// How long, in total, one transaction waits for another process's write lock before it
    /// throws Error(Busy): 40 s by default (8 attempts of 5 s), which suits batch work. The
    /// GUI asks for much less, so a save never freezes the window: its document keeps unsaved
    /// input in memory and retries in the background instead.
    virtual void setLockWait(std::chrono::milliseconds total) = 0;
    /// Called first inside a transaction that reads the labels and rewrites many of them (a
    /// standard's apply or undo): no other connection writes labels, shapes or queue rows until
    /// it commits, so labelers saving beside it wait for it instead of aborting it again and
    /// again. A project file's single writer needs nothing; a server takes a table lock.
    virtual void lockLabelsForRewrite() {}
    /// A number that changes whenever another connection (another process, or another
    /// connection of this one) commits a change to the project; this connection's own
    /// commits leave it alone (SQLite's PRAGMA data_version). The window polls it while idle
    /// to show what others changed.
    virtual std::int64_t dataVersion() const = 0;

    // --- settings -------------------------------------------------------------------------
    virtual ProjectSettings settings() const = 0;
    virtual void setSettings(const ProjectSettings &settings) = 0;
    virtual std::optional<std::string> meta(const std::string &key) const = 0;
    virtual void setMeta(const std::string &key, const std::string &value) = 0;
    /// Schema version of the open file (PRAGMA user_version).
    virtual int schemaVersion() const = 0;

    // --- classes ----------------------------------------------------------------------------
    virtual Id addClass(const LabelClass &c) = 0;
    /// Writes every field of the class `c.id` (name, colour, key, description, order, scope).
    /// Labels, shapes and decisions refer to the class by id, so a rename keeps them.
    /// Error(Invalid) naming the field for an empty name or a name another class has;
    /// Error(NotFound) when no class has the id.
    virtual void updateClass(const LabelClass &c) = 0;
    virtual std::vector<LabelClass> classes() const = 0; ///< in display order
    virtual std::optional<LabelClass> classByName(const std::string &name) const = 0;

    // --- labelers ---------------------------------------------------------------------------
    virtual Id addLabeler(const std::string &name, Role role) = 0;
    virtual std::vector<Labeler> labelers() const = 0;
    virtual std::optional<Labeler> labelerByName(const std::string &name) const = 0;
    virtual std::optional<Labeler> labeler(Id id) const = 0;

    // --- images -----------------------------------------------------------------------------
    virtual Id addImage(const ImageRecord &image) = 0;
    virtual std::optional<ImageRecord> image(Id id) const = 0;
    virtual std::optional<ImageRecord> imageByPath(const std::string &path) const = 0;
    virtual std::vector<ImageRecord> imagesByHash(const std::string &hash) const = 0;
    /// Images whose file name (last path component) equals `name`.
    virtual std::vector<ImageRecord> imagesByFileName(const std::string &name) const = 0;
    /// Images ordered by id; `limit` < 0 means all.
    virtual std::vector<ImageRecord> images(std::int64_t offset = 0, std::int64_t limit = -1) const = 0;
    virtual std::int64_t imageCount() const = 0;
    /// Re-points every relative image path from `oldPrefix` to `newPrefix` (moved folder).
    virtual std::int64_t relinkImages(const std::string &oldPrefix, const std::string &newPrefix) = 0;

    // --- attributes -------------------------------------------------------------------------
    virtual void setAttribute(const ImageAttribute &attr) = 0;
    virtual std::vector<ImageAttribute> attributes(const std::string &key) const = 0;
    virtual std::vector<ImageAttribute> imageAttributes(Id image) const = 0;
    virtual std::vector<std::string> attributeKeys() const = 0;
    virtual void removeAttributes(const std::string &key, AttrSource source) = 0;

    // --- labels -----------------------------------------------------------------------------
    /// Inserts or replaces the label of (image, labeler); returns its id. Annotations of a
    /// replaced label are kept unless replaced with replaceAnnotations().
    virtual Id setLabel(const Label &label) = 0;
    virtual void removeLabel(Id image, Id labeler) = 0;
    virtual std::optional<Label> label(Id image, Id labeler) const = 0;
    virtual std::optional<Label> labelById(Id id) const = 0;
    virtual std::vector<Label> labelsOfImage(Id image) const = 0;
    virtual std::vector<Label> labelsOfLabeler(Id labeler) const = 0;
    /// Every current label with names resolved, ordered by image then labeler.
    virtual std::vector<LabelRow> labelRows() const = 0;
    virtual std::int64_t labelCount() const = 0;
    /// Images whose labels disagree (two or more classes) and that have no decision yet, in
    /// image order, one page at a time (the adjudication queue).
    virtual std::vector<Id> conflictImages(std::int64_t offset = 0, std::int64_t limit = -1) const = 0;

    // --- annotations ------------------------------------------------------------------------
    virtual Id addAnnotation(const Annotation &a) = 0;
    virtual void removeAnnotation(Id id) = 0;
    /// Gives one shape another class (an object standard's relabel). Error(NotFound) when no
    /// shape has the id.
    virtual void setAnnotationClass(Id annotation, Id cls) = 0;
    /// Writes a shape back with its own id, label and class, as it was before it was removed
    /// (the undo of an object standard's drop).
    virtual void restoreAnnotation(const Annotation &a) = 0;
    virtual void replaceAnnotations(Id label, const std::vector<Annotation> &annotations) = 0;
    virtual std::vector<Annotation> annotationsOfLabel(Id label) const = 0;
    /// Every annotation of a kind, with its label, for measurement attributes.
    virtual std::vector<std::pair<Label, Annotation>> annotationsOfKind(AnnotationKind kind) const = 0;

    // --- assignments ------------------------------------------------------------------------
    virtual void assign(const Assignment &a) = 0;
    virtual std::vector<QueueEntry> queue(Id labeler, std::int64_t offset = 0, std::int64_t limit = -1) const = 0;
    virtual std::int64_t queueSize(Id labeler) const = 0;
    /// Rows of queue() (0-based, ascending, one per round) that hold the image's assignments
    /// (check items of the image are not among them: checkItemRow). Lets a view find an image
    /// in a queue of 10^5 rows without reading the queue (index lookups only).
    std::vector<std::int64_t> queueRowsOf(Id labeler, Id image) const;
    /// The queue() row of a check item of the labeler; none for another labeler's item.
    std::optional<std::int64_t> checkItemRow(Id labeler, Id item) const;
    /// Rows of the labeler's queue that are answered (isAnswered()): assignments whose image
    /// carries the labeler's own label, given in the row's round for a relabel round, and
    /// answered check items. The progress of a queue that is never read whole.
    virtual std::int64_t queueLabeledCount(Id labeler) const = 0;
    /// The first `limit` unanswered rows of the labeler's queue in queue order: the skipped
    /// ones when `skipped`, else the others. "Go to the first unlabeled image" without reading
    /// the queue.
    std::vector<QueueRow> unlabeledQueueRows(Id labeler, bool skipped, std::int64_t limit) const;
    /// The labeler's queue rows that pass `filter` (QueueFilter::matches), in queue order: row
    /// numbers and ids only (the view reads each shown row through queue()). One read of the
    /// queue in its index order, filtered here, so both backends filter by the same code; a
    /// search for a number alone reads that row only. Sessions call it through
    /// Session::searchQueue(), which keeps file names out of a search when the project hides them.
    std::vector<QueueRow> queueSearch(Id labeler, const QueueFilter &filter) const;
    virtual void setAssignmentState(Id image, Id labeler, int round, AssignmentState state) = 0;
    /// Removes one assignment (undoing the relabel round a standard created); no-op if absent.
    virtual void unassign(Id image, Id labeler, int round) = 0;
    /// Number of assignments of each image (images with none are absent).
    virtual std::vector<std::pair<Id, int>> assignmentCounts() const = 0;
    /// Latest round in which the image is assigned to the labeler, if any (an index lookup:
    /// saving a label must not scan the assignment table).
    virtual std::optional<int> assignmentRound(Id image, Id labeler) const = 0;
    /// Marks every assignment of the image to the labeler done (all rounds).
    virtual void markAssignmentsDone(Id image, Id labeler) = 0;
    virtual int maxRound() const = 0;

    // --- consistency checks (issue #20): repeats and gold images in labelers' queues --------
    /// Adds a check item; Error(Invalid) when the labeler has one of that kind for the image.
    virtual Id addCheckItem(const CheckItem &item) = 0;
    virtual std::optional<CheckItem> checkItem(Id id) const = 0;
    /// Every check item, ordered by labeler, round, position.
    virtual std::vector<CheckItem> checkItems() const = 0;
    /// Records (or with no `answer` clears) the labeler's answer to a check and its state.
    virtual void answerCheckItem(Id id, std::optional<Id> answer, AssignmentState state) = 0;
    virtual void removeCheckItem(Id id) = 0;
    /// The shapes drawn in answer to a check (Annotation::label holds the check item's id).
    virtual void replaceCheckAnnotations(Id item, const std::vector<Annotation> &annotations) = 0;
    virtual std::vector<Annotation> checkAnnotations(Id item) const = 0;
    /// Every check item's line shapes, for measurement repeatability: (item, annotation).
    virtual std::vector<std::pair<Id, Annotation>> checkAnnotationsOfKind(AnnotationKind kind) const = 0;
    virtual void setGold(const GoldLabel &gold) = 0;
    virtual void removeGold(Id image) = 0;
    virtual std::optional<GoldLabel> gold(Id image) const = 0;
    virtual std::vector<GoldLabel> goldLabels() const = 0; ///< by image

    // --- standards --------------------------------------------------------------------------
    virtual Id addStandard(const Standard &s) = 0;
    virtual std::vector<Standard> standards() const = 0;
    virtual std::optional<Standard> standard(Id id) const = 0;
    virtual void setStandardStatus(Id id, StandardStatus status) = 0;
    virtual void setExample(const StandardExample &e) = 0;
    virtual void removeExample(Id standard, Id image) = 0;
    virtual std::vector<StandardExample> examples(Id standard) const = 0;

    // --- decisions --------------------------------------------------------------------------
    virtual void setDecision(const Decision &d) = 0;
    virtual void removeDecision(Id image) = 0;
    virtual std::optional<Decision> decision(Id image) const = 0;
    virtual std::vector<Decision> decisions() const = 0;

    // --- object decisions (issue #17): the lead's word on unresolved objects ----------------
    /// Stores a decision on an unresolved object (its id is ignored; an empty createdAt becomes
    /// now) and returns its id. core/adjudication/objectqueue.h is the one caller that audits it.
    virtual Id addObjectDecision(const ObjectDecision &d) = 0;
    /// Removes one object decision; a no-op when none has the id.
    virtual void removeObjectDecision(Id id) = 0;
    virtual std::optional<ObjectDecision> objectDecision(Id id) const = 0;
    virtual std::vector<ObjectDecision> objectDecisions() const = 0; ///< by id

    // --- thumbnail cache (keyed by content hash, so an edited file never shows a stale one) ---
    virtual std::optional<std::string> thumbnail(const std::string &hash, int size) const = 0;
    virtual void putThumbnail(const std::string &hash, int size, const std::string &jpeg) = 0;

    // --- audit ------------------------------------------------------------------------------
    virtual Id appendAudit(const std::string &actor, const std::string &action, const std::string &payload) = 0;
    virtual std::vector<AuditEntry> auditLog(std::int64_t limit = -1) const = 0;
    virtual void markAuditUndone(Id id) = 0;

    // --- whole project (push and pull, core/project/project_copy.h) -------------------------
    /// Every row of project_meta (settings, passphrase hashes, creation stamps), by key.
    virtual std::vector<std::pair<std::string, std::string>> metaRows() const = 0;
    /// Writes `rows` into an EMPTY project, as createProject()/createServerProject() leave it
    /// (no classes, labelers, images, standards or audit entries yet), in one transaction (it
    /// joins an open one), with every id kept: audit payloads name rows by id, so an undo
    /// after the copy still finds them. Meta keys are written over the target's, except the
    /// target's own schema_version, server_lead_role and server_labeler_role, which stay.
    /// Image added_at and labeler created_at become now (the value types do not carry them).
    /// Error(Invalid), writing nothing, when the target is not empty.
    virtual void restoreRows(const ProjectRows &rows) = 0;

protected:
    /// The sort key of a queue() row: round, position, 0 for an assignment and 1 for a check
    /// item, then the image (assignment) or the item's id (check), and the row's image.
    struct QueueKey
    {
        int round = 0;
        int position = 0;
        int check = 0;
        Id key = 0;
        Id image = 0;
    };
    /// The number of the labeler's queue() rows whose key is below `key` (its row index):
    /// index range counts, never a read of the queue. The queue arithmetic above (queueRowsOf,
    /// checkItemRow, unlabeledQueueRows) is written once, here in the base, on these three.
    virtual std::int64_t queueRowIndex(Id labeler, const QueueKey &key) const = 0;
    /// The keys of the labeler's assignments of `image`, one per round.
    virtual std::vector<QueueKey> assignmentKeys(Id labeler, Id image) const = 0;
    /// The keys of the first `limit` unanswered rows (skipped ones when `skipped`), in queue order.
    virtual std::vector<QueueKey> unlabeledQueueKeys(Id labeler, bool skipped, std::int64_t limit) const = 0;
};

/// Current schema version written by this build.
inline constexpr int kSchemaVersion = 4;

/// Creates a new, empty project file; fails with Error(Io) if it exists.
std::unique_ptr<Store> createProject(const std::filesystem::path &file, const ProjectSettings &settings);

/// Opens an existing project, migrating an older schema forward inside one transaction.
/// Throws Error(NotAProject) for a file that is not SQLite or has no Concord schema, and
/// Error(NewerVersion) for a schema newer than kSchemaVersion; in both cases the file is
/// not modified.
std::unique_ptr<Store> openProject(const std::filesystem::path &file, OpenMode mode = OpenMode::ReadWrite);

/// Opens a project file or, for a PostgreSQL connection string or URI (isServerLocation()),
/// a server project (docs/TEAM.md). The one door every front end uses.
std::unique_ptr<Store> openStore(const std::string &location, OpenMode mode = OpenMode::ReadWrite);

/// True for a PostgreSQL location: a `postgresql://`/`postgres://` URI or a libpq keyword/value
/// connection string (`host=… dbname=…`); anything else names a project file.
bool isServerLocation(std::string_view location);

/// UTC now as ISO 8601 with milliseconds ("2026-11-22T13:04:05.123Z").
std::string utcNow();

} // namespace concord::core
