// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/session.h"

#include "core/common/error.h"
#include "core/project/checks.h"
#include "core/project/project_ops.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace concord::core {

namespace {

constexpr const char *kPassphraseKey = "lead_passphrase_hash";

void initSodium()
{
    if (sodium_init() < 0)
        throw Error(ErrorCode::Invalid, "libsodium could not be initialised");
}

/// project_meta key of a labeler's own passphrase hash (by id, so a rename keeps it).
std::string labelerPassphraseKey(Id labeler)
{
    return "labeler_passphrase_hash:" + std::to_string(labeler);
}

/// A stored hash, or nothing when the key is absent or empty (removed).
std::optional<std::string> storedHash(const Store &store, const std::string &key)
{
    auto h = store.meta(key);
    if (h && h->empty())
        h.reset();
    return h;
}

/// The one Argon2id code path of every passphrase: a salted slow hash (libsodium
/// crypto_pwhash_str, interactive limits), empty for an empty passphrase (= none).
std::string hashPassphrase(const std::string &passphrase)
{
    if (passphrase.empty())
        return {};
    initSodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, passphrase.data(), passphrase.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw Error(ErrorCode::Invalid, "could not hash the passphrase (out of memory)");
    return out;
}

bool matchesHash(const std::string &hash, const std::string &passphrase)
{
    initSodium();
    return crypto_pwhash_str_verify(hash.c_str(), passphrase.data(), passphrase.size()) == 0;
}

/// The own or the lead passphrase, whichever exists, matches.
bool matchesOwnOrLead(const Store &store, const std::optional<std::string> &own, const std::string &passphrase)
{
    if (own && matchesHash(*own, passphrase))
        return true;
    const auto lead = storedHash(store, kPassphraseKey);
    return lead && matchesHash(*lead, passphrase);
}

} // namespace

ShownImageName shownImageName(bool hideFileNames, Role viewer, const std::string &path, std::int64_t queueRow)
{
    ShownImageName out;
    out.queueNumber = queueRow + 1;
    if (hideFileNames && viewer != Role::Lead)
        return out;
    const auto slash = path.find_last_of("/\\");
    out.fileName = slash == std::string::npos ? path : path.substr(slash + 1);
    if (out.fileName.empty()) // a path ending in a separator: never pass for "hidden"
        out.fileName = path;
    return out;
}

Session::Session(Store &store, Labeler who)
    : m_store(&store)
    , m_who(std::move(who))
    , m_hideFileNames(store.settings().hideFileNames)
{
}

Session Session::labeler(Store &store, const std::string &name, const std::string &passphrase)
{
    if (auto existing = store.labelerByName(name)) {
        if (existing->role == Role::Lead)
            throw Error(ErrorCode::Denied, "this name belongs to a lead; sign in as lead", {}, 0, name);
        if (!verifySignIn(store, name, passphrase))
            throw Error(ErrorCode::Denied,
                        passphrase.empty() ? "this labeler signs in with a passphrase (their own or the lead's)"
                                           : "wrong passphrase for this labeler",
                        {}, 0, name);
        return Session(store, *existing);
    }
    return Session(store, ensureLabeler(store, name, Role::Labeler));
}

Session Session::signIn(Store &store, const std::string &name, Role roleIfNew, const std::string &passphrase)
{
    const auto existing = store.labelerByName(name);
    const Role role = existing ? existing->role : roleIfNew;
    // On a team server the login decides who one is (docs/TEAM.md): a labeler's login labels
    // as that labeler only and never leads. The server refuses the rest anyway; this says so
    // at sign-in, in words, instead of a queue that is mysteriously empty.
    if (const auto id = store.serverIdentity(); id && !id->lead) {
        if (role == Role::Lead)
            throw Error(ErrorCode::Denied,
                        "the server login '" + id->login + "' is a labeler's; only a lead's login signs in as a lead",
                        {}, 0, name);
        if (id->labeler != name)
            throw Error(ErrorCode::Denied,
                        "the server login '" + id->login + "' labels as " +
                            (id->labeler ? "'" + *id->labeler + "'" : std::string("nobody in this project")) +
                            "; sign in under that name",
                        {}, 0, name);
    }
    return role == Role::Lead ? lead(store, name, passphrase) : labeler(store, name, passphrase);
}

Session Session::lead(Store &store, const std::string &name, const std::string &passphrase)
{
    const bool locked = hasLeadPassphrase(store);
    if (locked && !verifyLeadPassphrase(store, passphrase))
        throw Error(ErrorCode::Denied, "wrong lead passphrase", {}, 0, name);
    if (auto existing = store.labelerByName(name)) {
        if (existing->role != Role::Lead)
            throw Error(ErrorCode::Denied, "this labeler is not a lead", {}, 0, name);
        return Session(store, *existing);
    }
    if (locked)
        throw Error(ErrorCode::Denied, "no lead of this name (an existing lead must add new leads)", {}, 0, name);
    return Session(store, ensureLabeler(store, name, Role::Lead));
}

void Session::requireLead(const char *what) const
{
    if (!isLead())
        throw Error(ErrorCode::Denied, std::string("only a lead may ") + what, {}, 0, m_who.name);
}

std::vector<QueueEntry> Session::queue(std::int64_t offset, std::int64_t limit) const
{
    auto entries = m_store->queue(m_who.id, offset, limit);
    for (auto &e : entries)
        if (e.checkItem) {
            e.image = shownIdOfCheck(*e.checkItem);
            e.checkItem.reset(); // nothing in a front end can tell a check from a new image
        }
    return entries;
}

std::int64_t Session::queueSize() const
{
    return m_store->queueSize(m_who.id);
}

std::vector<std::int64_t> Session::queueRowsOf(Id image) const
{
    if (const auto item = checkOfShownId(image)) {
        const auto row = m_store->checkItemRow(m_who.id, *item);
        return row ? std::vector<std::int64_t>{*row} : std::vector<std::int64_t>{};
    }
    return m_store->queueRowsOf(m_who.id, image);
}

std::int64_t Session::queueLabeledCount() const
{
    return m_store->queueLabeledCount(m_who.id);
}

std::vector<std::pair<std::int64_t, Id>> Session::unlabeledQueueRows(bool skipped, std::int64_t limit) const
{
    std::vector<std::pair<std::int64_t, Id>> rows;
    for (const QueueRow &r : m_store->unlabeledQueueRows(m_who.id, skipped, limit))
        rows.emplace_back(r.row, r.checkItem ? shownIdOfCheck(*r.checkItem) : r.image);
    return rows;
}

std::vector<std::pair<std::int64_t, Id>> Session::searchQueue(const std::string &text, QueueFilter::Status status,
                                                              std::optional<Id> answer) const
{
    QueueFilter filter;
    filter.status = status;
    filter.answer = answer;
    // Trimmed; "12", "#12" and "Image 12" (the alias the queue shows) are queue numbers.
    const auto first = text.find_first_not_of(" \t");
    std::string query = first == std::string::npos ? std::string() : text.substr(first);
    query.erase(query.find_last_not_of(" \t") + 1);
    std::string digits = query;
    if (digits.size() > 5 && std::equal(digits.begin(), digits.begin() + 5, "image", [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == b;
        }))
        digits.erase(0, digits.find_first_not_of(' ', 5));
    if (!digits.empty() && digits.front() == '#')
        digits.erase(0, 1);
    const bool isNumber = !digits.empty() && digits.size() <= 12 &&
                          std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (isNumber)
        filter.number = std::stoll(digits);
    const bool namesShown = !shownImageName("x", 0).hidden();
    if (namesShown)
        filter.nameContains = query;
    else if (!query.empty() && !isNumber)
        return {};
    std::vector<std::pair<std::int64_t, Id>> rows;
    for (const QueueRow &r : m_store->queueSearch(m_who.id, filter))
        rows.emplace_back(r.row, r.checkItem ? shownIdOfCheck(*r.checkItem) : r.image);
    return rows;
}

CheckItem Session::myCheck(Id shownId) const
{
    const auto item = checkOfShownId(shownId);
    auto c = item ? m_store->checkItem(*item) : std::nullopt;
    if (!c || c->labeler != m_who.id)
        throw Error(ErrorCode::NotFound, "no such image in your queue", {}, 0, std::to_string(shownId));
    return *c;
}

std::optional<ImageRecord> Session::image(Id shownId) const
{
    if (checkOfShownId(shownId)) {
        auto rec = m_store->image(myCheck(shownId).image);
        if (rec)
            rec->id = shownId;
        return rec;
    }
    return m_store->image(shownId);
}

std::optional<Label> Session::myLabel(Id image) const
{
    if (checkOfShownId(image)) {
        const CheckItem c = myCheck(image);
        if (!c.answer)
            return std::nullopt;
        Label l;
        l.image = image;
        l.labeler = m_who.id;
        l.labelClass = *c.answer;
        l.round = c.round;
        l.source = LabelSource::Manual;
        l.createdAt = l.updatedAt = c.answeredAt;
        return l;
    }
    return m_store->label(image, m_who.id);
}

std::vector<Annotation> Session::myAnnotations(Id image) const
{
    if (checkOfShownId(image))
        return m_store->checkAnnotations(myCheck(image).id);
    const auto l = myLabel(image);
    return l ? m_store->annotationsOfLabel(l->id) : std::vector<Annotation>{};
}

Id Session::saveLabel(Id image, Id labelClass, const std::vector<Annotation> &annotations)
{
    if (checkOfShownId(image)) {
        const CheckItem c = myCheck(image);
        answerCheck(*m_store, c.id, labelClass, annotations);
        return image;
    }
    return concord::core::saveLabel(*m_store, image, m_who.id, labelClass, annotations);
}

void Session::removeMyLabel(Id image)
{
    if (checkOfShownId(image)) {
        const CheckItem c = myCheck(image);
        m_store->transaction([&] {
            m_store->answerCheckItem(c.id, std::nullopt, AssignmentState::Pending);
            m_store->replaceCheckAnnotations(c.id, {});
        });
        return;
    }
    m_store->removeLabel(image, m_who.id);
}

void Session::setUnlabeledState(Id image, bool skipped)
{
    const auto state = skipped ? AssignmentState::Skipped : AssignmentState::Pending;
    if (checkOfShownId(image)) {
        const CheckItem c = myCheck(image);
        m_store->answerCheckItem(c.id, std::nullopt, state);
        return;
    }
    const int round = m_store->assignmentRound(image, m_who.id).value_or(0);
    m_store->setAssignmentState(image, m_who.id, round, state);
}

std::vector<Standard> Session::activeStandards() const
{
    std::vector<Standard> out;
    for (auto &s : m_store->standards())
        if (s.status == StandardStatus::Active)
            out.push_back(std::move(s));
    return out;
}

std::vector<LabelRow> Session::allLabels() const
{
    requireLead("read every labeler's labels");
    return m_store->labelRows();
}

std::vector<Label> Session::labelsOfImage(Id image) const
{
    requireLead("read other labelers' labels");
    return m_store->labelsOfImage(image);
}

DecisionEdit Session::recordDecision(Decision decision)
{
    requireLead("adjudicate");
    decision.by = m_who.id;
    return core::recordDecision(*m_store, decision, m_who.name);
}

DecisionEdit Session::removeDecision(Id image)
{
    requireLead("adjudicate");
    return core::removeDecision(*m_store, image, m_who.name);
}

DecisionEdit Session::undoDecision(const DecisionEdit &change)
{
    requireLead("adjudicate");
    return core::undoDecision(*m_store, change, m_who.name);
}

Store &Session::leadStore() const
{
    requireLead("use lead tools");
    return *m_store;
}

ShownImageName Session::shownImageName(const std::string &path, std::int64_t queueRow) const
{
    return core::shownImageName(m_hideFileNames, m_who.role, path, queueRow);
}

void Session::setFileNamesHidden(bool hidden)
{
    requireLead("change what labelers see");
    m_store->transaction([&] {
        ProjectSettings s = m_store->settings();
        s.hideFileNames = hidden;
        m_store->setSettings(s);
        m_store->appendAudit(m_who.name, hidden ? "hide-file-names" : "show-file-names", "{}");
    });
}

SignInProtection signInProtection(const Store &store, const std::string &name)
{
    SignInProtection p;
    p.leadPassphrase = hasLeadPassphrase(store);
    p.projectProtected = p.leadPassphrase;
    const auto labelers = store.labelers();
    for (const auto &l : labelers) {
        const bool own = l.role != Role::Lead && hasLabelerPassphrase(store, l.id);
        p.projectProtected = p.projectProtected || own;
        if (l.name != name)
            continue;
        p.ownPassphrase = own;
        if (l.role == Role::Lead)
            p.passphraseNeeded = p.leadPassphrase;
        else
            p.passphraseNeeded = own || (p.leadPassphrase && !store.labelsOfLabeler(l.id).empty());
    }
    return p;
}

bool verifySignIn(const Store &store, const std::string &name, const std::string &passphrase)
{
    if (!signInProtection(store, name).passphraseNeeded)
        return true;
    const auto who = store.labelerByName(name);
    const auto own = who && who->role != Role::Lead ? storedHash(store, labelerPassphraseKey(who->id)) : std::nullopt;
    return matchesOwnOrLead(store, own, passphrase);
}

bool hasLabelerPassphrase(const Store &store, Id labeler)
{
    return storedHash(store, labelerPassphraseKey(labeler)).has_value();
}

void setLabelerPassphrase(Store &store, const std::string &name, const std::string &current, const std::string &next,
                          const std::string &actor)
{
    const auto who = store.labelerByName(name);
    if (!who)
        throw Error(ErrorCode::NotFound, "no labeler of this name", {}, 0, name);
    if (who->role == Role::Lead)
        throw Error(ErrorCode::Denied, "this name belongs to a lead, who signs in with the lead passphrase", {}, 0,
                    name);
    if (!verifySignIn(store, name, current))
        throw Error(ErrorCode::Denied, "wrong current passphrase (the labeler's own or the lead's)", {}, 0, name);
    const std::string stored = hashPassphrase(next);
    store.transaction([&] {
        store.setMeta(labelerPassphraseKey(who->id), stored);
        store.appendAudit(actor, next.empty() ? "remove-labeler-passphrase" : "set-labeler-passphrase",
                          nlohmann::json{{"labeler", who->name}}.dump());
    });
}

bool hasLeadPassphrase(const Store &store)
{
    return storedHash(store, kPassphraseKey).has_value();
}

bool verifyLeadPassphrase(const Store &store, const std::string &passphrase)
{
    const auto h = storedHash(store, kPassphraseKey);
    return !h || matchesHash(*h, passphrase);
}

void setLeadPassphrase(Store &store, const std::string &current, const std::string &next, const std::string &actor)
{
    if (!verifyLeadPassphrase(store, current))
        throw Error(ErrorCode::Denied, "wrong current lead passphrase");
    const std::string stored = hashPassphrase(next);
    store.transaction([&] {
        store.setMeta(kPassphraseKey, stored);
        store.appendAudit(actor, next.empty() ? "remove-lead-passphrase" : "set-lead-passphrase", "{}");
    });
}

} // namespace concord::core
