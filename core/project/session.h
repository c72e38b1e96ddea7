// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/adjudication/decisionlog.h"
#include "core/store/store.h"
#include "core/project/taughtexample.h"

#include <optional>
#include <string>
#include <vector>

namespace concord::core {

/// Who is working on a project, and what they may see and do. Blind labeling is enforced here,
/// in core, not only hidden in the UI: a labeler session has no call that returns another
/// labeler's label, decision or count, and the lead-only calls throw Error(Denied) for it.
/// The GUI and the CLI reach labels through a Session, so neither front end can leak them.
///
/// Limits (docs/RELIABILITY.md): with the embedded SQLite file, someone who opens the file with
/// another program can read everything; server-side roles are the answer for that (DESIGN §10).
/// What a person is shown as an image's name (the decision lives here, so the window and the
/// command line agree): the file name, or a neutral alias, the 1-based number of the image in
/// the labeler's queue. The front ends turn it into words ("Image 12").
struct ShownImageName
{
    std::string fileName;         ///< the file name without folders; empty when hidden
    std::int64_t queueNumber = 0; ///< 1-based queue position, the alias when fileName is empty
    bool hidden() const noexcept { return fileName.empty(); }
};

/// A lead sees file names; a labeler sees them unless the project hides them
/// (ProjectSettings::hideFileNames), then only `queueRow + 1`. File names often carry the class
/// (NEU-DET's "scratches_91.jpg"), which would tell a labeler the answer.
ShownImageName shownImageName(bool hideFileNames, Role viewer, const std::string &path, std::int64_t queueRow);

/// A consistency check (CheckItem: a repeat or a gold image, issue #20) appears in a labeler's
/// queue under an id of its own, −(check item id), never under its image's id. Everything keyed
/// by id in a front end (the window's state cache and undo commands, queue rows, drafts) then
/// keeps the check's answer apart from the labeler's label of the same image, and no front end
/// needs to know that checks exist: they are shown, answered and skipped exactly like images.
constexpr Id shownIdOfCheck(Id item) noexcept
{
    return -item;
}
constexpr std::optional<Id> checkOfShownId(Id shownId) noexcept
{
    return shownId < 0 ? std::optional<Id>(-shownId) : std::nullopt;
}

class Session
{
public:
    /// A labeler's session (the labeler is created when new, with role Labeler). Throws
    /// Error(Denied) for a name that belongs to a lead (leads sign in with lead()), and when
    /// signInProtection() says the name needs a passphrase and `passphrase` is neither the
    /// labeler's own nor the lead passphrase: otherwise anyone at the computer could switch to
    /// a labeler and read that labeler's labels.
    static Session labeler(Store &store, const std::string &name, const std::string &passphrase = {});
    /// A lead's session. When the project has a lead passphrase, `passphrase` must match it
    /// (Error(Denied) otherwise). An unknown name is created as a lead only while the project
    /// has no passphrase yet; an existing labeler cannot become lead through this call.
    static Session lead(Store &store, const std::string &name, const std::string &passphrase = {});
    /// Signs in under `name` in the role the name has (lead() or labeler()); a new name gets
    /// `roleIfNew`. The one entry the window and the command line share.
    static Session signIn(Store &store, const std::string &name, Role roleIfNew, const std::string &passphrase = {});

    Role role() const noexcept { return m_who.role; }
    bool isLead() const noexcept { return m_who.role == Role::Lead; }
    const Labeler &who() const noexcept { return m_who; }

    // --- what every session may do, on its own labels only ------------------------------------
    // Image ids here are the ids the queue shows: a check item's is shownIdOfCheck(item), and
    // its label is the check's answer (never the labeler's label of the image).
    std::vector<QueueEntry> queue(std::int64_t offset = 0, std::int64_t limit = -1) const;
    std::int64_t queueSize() const;
    /// Paged access to the own queue (Store::queueRowsOf, queueLabeledCount,
    /// unlabeledQueueRows for this session's labeler only), so a view of a queue of 10^5
    /// images never reads it whole.
    std::vector<std::int64_t> queueRowsOf(Id image) const;
    std::int64_t queueLabeledCount() const;
    std::vector<std::pair<std::int64_t, Id>> unlabeledQueueRows(bool skipped, std::int64_t limit) const;
    /// The rows of the own queue a search shows (issue #19), in queue order, as (row, shown
    /// id). `text` is matched as the person sees the queue: a number ("12", "#12",
    /// "Image 12") finds that queue number; other text is looked for in the file names, and
    /// only when this person is shown them (shownImageName()): with names hidden, a search
    /// for a name finds nothing rather than telling which files hold it.
    std::vector<std::pair<std::int64_t, Id>> searchQueue(const std::string &text, QueueFilter::Status status,
                                                         std::optional<Id> answer = std::nullopt) const;
    std::optional<Label> myLabel(Id image) const;
    std::vector<Annotation> myAnnotations(Id image) const;
    Id saveLabel(Id image, Id labelClass, const std::vector<Annotation> &annotations = {});
    void removeMyLabel(Id image);
    /// Marks an unlabeled queue row skipped or pending again.
    void setUnlabeledState(Id image, bool skipped);
    /// The image shown under a queue id (a check's record carries the check's id).
    std::optional<ImageRecord> image(Id shownId) const;
    /// Standards are the project's shared rule book, visible to all.
    std::vector<Standard> activeStandards() const;
    /// The examples of standard `standard` as labelers are taught with them (taughtexample.h):
    /// the expected class, the shapes of that class and the measured length. An example is
    /// teaching material the lead chose to show, so this is the one view of other people's
    /// shapes a labeler gets, and only for examples of an active standard (a lead sees every
    /// standard's); Error(Denied) for another standard in a labeler's session.
    std::vector<TaughtExample> taughtExamples(Id standard) const;
    /// The name this session's person sees for the image at `queueRow` (0-based) of a queue:
    /// shownImageName() with the project's setting as it was at sign-in.
    ShownImageName shownImageName(const std::string &path, std::int64_t queueRow) const;

    // --- lead only (Error(Denied) otherwise); each change is audited with the lead's name ---
    std::vector<LabelRow> allLabels() const;
    std::vector<Label> labelsOfImage(Id image) const;
    /// The lead's decision on an image, audited (core/adjudication/decisionlog.h); `by` is
    /// this session's lead, whatever the caller put there.
    DecisionEdit recordDecision(Decision decision);
    DecisionEdit removeDecision(Id image);
    /// Takes back a change returned above (core::undoDecision: refused when the decision was
    /// changed since).
    DecisionEdit undoDecision(const DecisionEdit &change);
    /// Full access for lead-level engines (standards apply, export, agreement).
    Store &leadStore() const;
    /// Turns "hide file names from labelers" on or off (ProjectSettings::hideFileNames); audited.
    /// Labelers' sessions started afterwards follow it.
    void setFileNamesHidden(bool hidden);

private:
    Session(Store &store, Labeler who);
    void requireLead(const char *what) const;
    /// This labeler's check item behind a shown id; Error(NotFound) otherwise.
    CheckItem myCheck(Id shownId) const;

    Store *m_store;
    Labeler m_who;
    bool m_hideFileNames = false; ///< the project's setting, read at sign-in
};

/// Whether signing in under a name needs a passphrase, and which ones exist (the sign-in
/// dialog says what protects a name, or plainly that nothing does).
struct SignInProtection
{
    /// Signing in under this name needs its own or the lead passphrase: a lead's name when the
    /// project has a lead passphrase; a labeler with a passphrase of their own; a labeler who
    /// has labels when the project has a lead passphrase. A new name, or a labeler without a
    /// passphrase and without labels (there is nothing to read), needs none.
    bool passphraseNeeded = false;
    bool ownPassphrase = false;  ///< the name is a labeler with a passphrase of their own
    bool leadPassphrase = false; ///< the project has a lead passphrase (accepted for every name)
    /// Some sign-in of the project is protected (a lead passphrase or any labeler's). False
    /// means anyone who opens the project in Concord can sign in as anyone.
    bool projectProtected = false;
};
SignInProtection signInProtection(const Store &store, const std::string &name);
/// True when `passphrase` lets one sign in under `name` (always true when none is needed).
bool verifySignIn(const Store &store, const std::string &name, const std::string &passphrase);
/// Sets, changes or (with an empty `next`) removes a labeler's own sign-in passphrase, stored
/// like the lead's (Argon2id hash in project_meta, key "labeler_passphrase_hash:<labeler id>").
/// `current` must let one sign in under the name (verifySignIn): the labeler's own or the lead
/// passphrase, when the name is protected. Error(NotFound) for an unknown name, Error(Denied)
/// for a lead's name (leads use setLeadPassphrase) or a wrong `current`. Audited.
void setLabelerPassphrase(Store &store, const std::string &name, const std::string &current, const std::string &next,
                          const std::string &actor);
bool hasLabelerPassphrase(const Store &store, Id labeler);

/// Whether the project asks leads for a passphrase.
bool hasLeadPassphrase(const Store &store);
/// Sets or changes the lead passphrase, stored as a salted slow hash (libsodium
/// crypto_pwhash_str, Argon2id). When one is set already, `current` must match it. An empty
/// `next` removes it. Audited.
void setLeadPassphrase(Store &store, const std::string &current, const std::string &next, const std::string &actor);
bool verifyLeadPassphrase(const Store &store, const std::string &passphrase);

} // namespace concord::core
