// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/store.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>

/// \file
/// The lead's decision on an image as an audited change, with its exact inverse. This is the
/// one place that writes a decision for a person: the window's undo step (DecisionCommand),
/// core::Session and `concord-cli adjudicate` all call it, and the standards apply stores a
/// decision's state in the same JSON (decisionStateJson()).
///
/// Audit schema (docs/RELIABILITY.md), for both actions:
///   {"image": <id>, "before": <state>|null, "after": <state>|null}
/// and an undo entry has "undoes": <audit id of the entry it takes back>. A state is
///   {"class": <id>|null, "method": "adjudicated"|…, "standard": <id>|null, "by": <id>|null,
///    "note": "…", "created_at": "…"}
/// null meaning "no decision". Undoing a change is itself a change with before and after
/// swapped, so redo is the undo of the undo.

namespace concord::core {

/// Audit actions written here.
inline constexpr const char *kAuditDecision = "decision";
inline constexpr const char *kAuditDecisionUndo = "decision.undo";

/// An optional row id in audit JSON: the id, or null (also used by the standards apply).
nlohmann::json optionalIdJson(const std::optional<Id> &id);
std::optional<Id> optionalIdFromJson(const nlohmann::json &j);

/// A decision's state in the audit schema above (null for none).
nlohmann::json decisionStateJson(const std::optional<Decision> &decision);
/// The inverse of decisionStateJson() for `image`. Throws nlohmann::json exceptions on a
/// malformed state, Error(Invalid) on an unknown method.
std::optional<Decision> decisionFromJson(Id image, const nlohmann::json &state);

/// One audited change of an image's decision, as the store holds it before and after.
struct DecisionEdit
{
    Id auditId = 0; ///< the change's audit entry
    Id image = 0;
    std::optional<Decision> before;
    std::optional<Decision> after;
};

/// Sets the image's decision (an empty createdAt becomes now) and logs it, in one
/// transaction. `actor` is the lead's name; `decision.by` is stored as given. Error(NotFound)
/// for an image or class that does not exist, before anything is written.
DecisionEdit recordDecision(Store &store, const Decision &decision, const std::string &actor);
/// Removes the image's decision (a no-op change when it has none) and logs it.
DecisionEdit removeDecision(Store &store, Id image, const std::string &actor);
/// Takes `change` back: the image's decision becomes `change.before` exactly (class, method,
/// standard, by, note and creation time), `change.auditId` is marked undone and the undo is
/// logged; returns the undo as a change of its own (undo it to redo). Error(Invalid), changing
/// nothing, when the decision is no longer `change.after` (someone changed it since: undoing
/// would discard that work; an undone change is no longer in force either, so undoing it
/// twice is refused too, unless it changed nothing).
DecisionEdit undoDecision(Store &store, const DecisionEdit &change, const std::string &actor);

/// Reads a "decision" or "decision.undo" audit entry back (Error(Invalid) for another action
/// or a payload that is not in the schema above).
DecisionEdit readDecisionEntry(const AuditEntry &entry);

} // namespace concord::core
