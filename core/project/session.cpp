// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/session.h"

#include "core/common/error.h"
#include "core/project/project_ops.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

namespace concord::core {

namespace {

constexpr const char *kPassphraseKey = "lead_passphrase_hash";

void initSodium()
{
    if (sodium_init() < 0)
        throw Error(ErrorCode::Invalid, "libsodium could not be initialised");
}

} // namespace

Session::Session(Store &store, Labeler who)
    : m_store(&store)
    , m_who(std::move(who))
{
}

Session Session::labeler(Store &store, const std::string &name)
{
    if (auto existing = store.labelerByName(name)) {
        if (existing->role == Role::Lead)
            throw Error(ErrorCode::Denied, "this name belongs to a lead; sign in as lead", {}, 0, name);
        return Session(store, *existing);
    }
    return Session(store, ensureLabeler(store, name, Role::Labeler));
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
    return m_store->queue(m_who.id, offset, limit);
}

std::int64_t Session::queueSize() const { return m_store->queueSize(m_who.id); }

std::vector<std::int64_t> Session::queueRowsOf(Id image) const { return m_store->queueRowsOf(m_who.id, image); }

std::int64_t Session::queueLabeledCount() const { return m_store->queueLabeledCount(m_who.id); }

std::vector<std::pair<std::int64_t, Id>> Session::unlabeledQueueRows(bool skipped, std::int64_t limit) const
{
    return m_store->unlabeledQueueRows(m_who.id, skipped, limit);
}

std::optional<Label> Session::myLabel(Id image) const { return m_store->label(image, m_who.id); }

std::vector<Annotation> Session::myAnnotations(Id image) const
{
    const auto l = myLabel(image);
    return l ? m_store->annotationsOfLabel(l->id) : std::vector<Annotation>{};
}

Id Session::saveLabel(Id image, Id labelClass, const std::vector<Annotation> &annotations)
{
    return concord::core::saveLabel(*m_store, image, m_who.id, labelClass, annotations);
}

void Session::removeMyLabel(Id image) { m_store->removeLabel(image, m_who.id); }

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

void Session::recordDecision(Decision decision)
{
    requireLead("adjudicate");
    decision.by = m_who.id;
    m_store->transaction([&] {
        const auto before = m_store->decision(decision.image);
        m_store->setDecision(decision);
        nlohmann::json payload{{"image", decision.image},
                               {"class", decision.labelClass ? nlohmann::json(*decision.labelClass) : nlohmann::json()},
                               {"method", std::string(toString(decision.method))},
                               {"had_previous", before.has_value()}};
        if (before)
            payload["previous_class"] = before->labelClass ? nlohmann::json(*before->labelClass) : nlohmann::json();
        m_store->appendAudit(m_who.name, "decision", payload.dump());
    });
}

void Session::removeDecision(Id image)
{
    requireLead("adjudicate");
    m_store->transaction([&] {
        m_store->removeDecision(image);
        m_store->appendAudit(m_who.name, "remove-decision", nlohmann::json{{"image", image}}.dump());
    });
}

Store &Session::leadStore() const
{
    requireLead("use lead tools");
    return *m_store;
}

bool hasLeadPassphrase(const Store &store)
{
    const auto h = store.meta(kPassphraseKey);
    return h && !h->empty();
}

bool verifyLeadPassphrase(const Store &store, const std::string &passphrase)
{
    const auto h = store.meta(kPassphraseKey);
    if (!h || h->empty())
        return true;
    initSodium();
    return crypto_pwhash_str_verify(h->c_str(), passphrase.data(), passphrase.size()) == 0;
}

void setLeadPassphrase(Store &store, const std::string &current, const std::string &next,
                       const std::string &actor)
{
    if (!verifyLeadPassphrase(store, current))
        throw Error(ErrorCode::Denied, "wrong current lead passphrase");
    std::string stored;
    if (!next.empty()) {
        initSodium();
        char out[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(out, next.data(), next.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
            throw Error(ErrorCode::Invalid, "could not hash the passphrase (out of memory)");
        stored = out;
    }
    store.transaction([&] {
        store.setMeta(kPassphraseKey, stored);
        store.appendAudit(actor, next.empty() ? "remove-lead-passphrase" : "set-lead-passphrase", "{}");
    });
}

} // namespace concord::core
