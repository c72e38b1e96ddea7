// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/store.h"

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
class Session
{
public:
    /// A labeler's session (the labeler is created when new, with role Labeler). Throws
    /// Error(Denied) for a name that belongs to a lead: leads sign in with lead().
    static Session labeler(Store &store, const std::string &name);
    /// A lead's session. When the project has a lead passphrase, `passphrase` must match it
    /// (Error(Denied) otherwise). An unknown name is created as a lead only while the project
    /// has no passphrase yet; an existing labeler cannot become lead through this call.
    static Session lead(Store &store, const std::string &name, const std::string &passphrase = {});

    Role role() const noexcept { return m_who.role; }
    bool isLead() const noexcept { return m_who.role == Role::Lead; }
    const Labeler &who() const noexcept { return m_who; }

    // --- what every session may do, on its own labels only ------------------------------------
    std::vector<QueueEntry> queue(std::int64_t offset = 0, std::int64_t limit = -1) const;
    std::int64_t queueSize() const;
    /// Paged access to the own queue (Store::queueRowsOf, queueLabeledCount,
    /// unlabeledQueueRows for this session's labeler only), so a view of a queue of 10^5
    /// images never reads it whole.
    std::vector<std::int64_t> queueRowsOf(Id image) const;
    std::int64_t queueLabeledCount() const;
    std::vector<std::pair<std::int64_t, Id>> unlabeledQueueRows(bool skipped, std::int64_t limit) const;
    std::optional<Label> myLabel(Id image) const;
    std::vector<Annotation> myAnnotations(Id image) const;
    Id saveLabel(Id image, Id labelClass, const std::vector<Annotation> &annotations = {});
    void removeMyLabel(Id image);
    /// Standards are the project's shared rule book, visible to all.
    std::vector<Standard> activeStandards() const;

    // --- lead only (Error(Denied) otherwise); each change is audited with the lead's name ---
    std::vector<LabelRow> allLabels() const;
    std::vector<Label> labelsOfImage(Id image) const;
    void recordDecision(Decision decision);
    void removeDecision(Id image);
    /// Full access for lead-level engines (standards apply, export, agreement).
    Store &leadStore() const;

private:
    Session(Store &store, Labeler who);
    void requireLead(const char *what) const;

    Store *m_store;
    Labeler m_who;
};

/// Whether the project asks leads for a passphrase.
bool hasLeadPassphrase(const Store &store);
/// Sets or changes the lead passphrase, stored as a salted slow hash (libsodium
/// crypto_pwhash_str, Argon2id). When one is set already, `current` must match it. An empty
/// `next` removes it. Audited.
void setLeadPassphrase(Store &store, const std::string &current, const std::string &next,
                       const std::string &actor);
bool verifyLeadPassphrase(const Store &store, const std::string &passphrase);

} // namespace concord::core
