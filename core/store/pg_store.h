// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/pg_db.h"
#include "core/store/store.h"

#include <chrono>
#include <memory>
#include <random>

namespace concord::core {

/// The team backend (DESIGN §10, docs/TEAM.md): a project in a PostgreSQL database, reached
/// through libpq. Every person signs in as their own server role; the server's row-level
/// security, not this class, keeps labelers blind to each other. Transactions are SERIALIZABLE
/// and retried whole on a serialization failure, as the SQLite backend retries a busy lock.
class PgStore final : public Store
{
public:
    /// Use openStore()/createServerProject(); this constructor expects a created schema.
    PgStore(std::unique_ptr<pg::Connection> db, bool readOnly);
    ~PgStore() override;

    std::filesystem::path path() const override;
    std::filesystem::path baseDir() const override;
    bool isReadOnly() const override { return m_readOnly; }
    std::filesystem::path resolveImagePath(const ImageRecord &image) const override;
    std::filesystem::path localImagePath(const ImageRecord &image) const override;
    bool holdsImageContent() const override { return true; }
    void putImageContent(const std::string &hash, const std::string &bytes) override;
    bool hasImageContent(const std::string &hash) const override;
    std::optional<ServerIdentity> serverIdentity() const override;
    void transaction(const std::function<void()> &work) override;
    /// core::saveLabel() on a server (issue #18, "Speed"): the same statements as
    /// setLabel() + replaceAnnotations() + markAssignmentsDone(), with the round and the
    /// standard in force looked up by the label's statement itself, sent in one round trip
    /// together with BEGIN and COMMIT (Connection::pipeline). Each statement runs as the
    /// signed-in role, so row-level security applies exactly as to the separate calls. Inside
    /// a transaction() it joins it and the enclosing unit commits.
    Id saveLabel(Id image, Id labeler, Id labelClass, const std::vector<Annotation> &annotations, LabelSource source);
    void setLockWait(std::chrono::milliseconds total) override;
    void lockLabelsForRewrite() override;
    std::int64_t dataVersion() const override;

    ProjectSettings settings() const override;
    void setSettings(const ProjectSettings &settings) override;
    std::optional<std::string> meta(const std::string &key) const override;
    void setMeta(const std::string &key, const std::string &value) override;
    int schemaVersion() const override;
    /// Upgrades the tables from schema `from` to kSchemaVersion in one transaction.
    void migrate(int from);

    Id addClass(const LabelClass &c) override;
    void updateClass(const LabelClass &c) override;
    std::vector<LabelClass> classes() const override;
    std::optional<LabelClass> classByName(const std::string &name) const override;

    Id addLabeler(const std::string &name, Role role) override;
    std::vector<Labeler> labelers() const override;
    std::optional<Labeler> labelerByName(const std::string &name) const override;
    std::optional<Labeler> labeler(Id id) const override;

    Id addImage(const ImageRecord &image) override;
    std::optional<ImageRecord> image(Id id) const override;
    std::optional<ImageRecord> imageByPath(const std::string &path) const override;
    std::vector<ImageRecord> imagesByHash(const std::string &hash) const override;
    std::vector<ImageRecord> imagesByFileName(const std::string &name) const override;
    std::vector<ImageRecord> images(std::int64_t offset, std::int64_t limit) const override;
    std::int64_t imageCount() const override;
    std::int64_t relinkImages(const std::string &oldPrefix, const std::string &newPrefix) override;

    void setAttribute(const ImageAttribute &attr) override;
    std::vector<ImageAttribute> attributes(const std::string &key) const override;
    std::vector<ImageAttribute> imageAttributes(Id image) const override;
    std::vector<std::string> attributeKeys() const override;
    void removeAttributes(const std::string &key, AttrSource source) override;

    Id setLabel(const Label &label) override;
    void removeLabel(Id image, Id labeler) override;
    std::optional<Label> label(Id image, Id labeler) const override;
    std::optional<Label> labelById(Id id) const override;
    std::vector<Label> labelsOfImage(Id image) const override;
    std::vector<Label> labelsOfLabeler(Id labeler) const override;
    std::vector<LabelRow> labelRows() const override;
    std::int64_t labelCount() const override;
    std::vector<Id> conflictImages(std::int64_t offset, std::int64_t limit) const override;

    Id addAnnotation(const Annotation &a) override;
    void removeAnnotation(Id id) override;
    void setAnnotationClass(Id annotation, Id cls) override;
    void restoreAnnotation(const Annotation &a) override;
    void replaceAnnotations(Id label, const std::vector<Annotation> &annotations) override;
    std::vector<Annotation> annotationsOfLabel(Id label) const override;
    std::vector<std::pair<Label, Annotation>> annotationsOfKind(AnnotationKind kind) const override;

    void assign(const Assignment &a) override;
    std::vector<QueueEntry> queue(Id labeler, std::int64_t offset, std::int64_t limit) const override;
    std::int64_t queueSize(Id labeler) const override;
    std::int64_t queueLabeledCount(Id labeler) const override;
    void setAssignmentState(Id image, Id labeler, int round, AssignmentState state) override;
    void unassign(Id image, Id labeler, int round) override;
    std::vector<std::pair<Id, int>> assignmentCounts() const override;
    std::optional<int> assignmentRound(Id image, Id labeler) const override;
    void markAssignmentsDone(Id image, Id labeler) override;
    int maxRound() const override;

    Id addCheckItem(const CheckItem &item) override;
    std::optional<CheckItem> checkItem(Id id) const override;
    std::vector<CheckItem> checkItems() const override;
    void answerCheckItem(Id id, std::optional<Id> answer, AssignmentState state) override;
    void removeCheckItem(Id id) override;
    void replaceCheckAnnotations(Id item, const std::vector<Annotation> &annotations) override;
    std::vector<Annotation> checkAnnotations(Id item) const override;
    std::vector<std::pair<Id, Annotation>> checkAnnotationsOfKind(AnnotationKind kind) const override;
    void setGold(const GoldLabel &gold) override;
    void removeGold(Id image) override;
    std::optional<GoldLabel> gold(Id image) const override;
    std::vector<GoldLabel> goldLabels() const override;

    Id addStandard(const Standard &s) override;
    std::vector<Standard> standards() const override;
    std::optional<Standard> standard(Id id) const override;
    void setStandardStatus(Id id, StandardStatus status) override;
    void setExample(const StandardExample &e) override;
    void removeExample(Id standard, Id image) override;
    std::vector<StandardExample> examples(Id standard) const override;

    void setDecision(const Decision &d) override;
    void removeDecision(Id image) override;
    std::optional<Decision> decision(Id image) const override;
    std::vector<Decision> decisions() const override;
    Id addObjectDecision(const ObjectDecision &d) override;
    void removeObjectDecision(Id id) override;
    std::optional<ObjectDecision> objectDecision(Id id) const override;
    std::vector<ObjectDecision> objectDecisions() const override;

    std::optional<std::string> thumbnail(const std::string &hash, int size) const override;
    void putThumbnail(const std::string &hash, int size, const std::string &jpeg) override;

    Id appendAudit(const std::string &actor, const std::string &action, const std::string &payload) override;
    std::vector<AuditEntry> auditLog(std::int64_t limit) const override;
    void markAuditUndone(Id id) override;

    std::vector<std::pair<std::string, std::string>> metaRows() const override;
    void restoreRows(const ProjectRows &rows) override; ///< pg_restore.cpp

    /// The connection, for the server administration (server.cpp) and tests.
    pg::Connection &connection() const { return *m_db; }
    /// The project's group roles (set by createServerProject).
    std::string leadRole() const;
    std::string labelerRole() const;

protected:
    std::int64_t queueRowIndex(Id labeler, const QueueKey &key) const override;
    std::vector<QueueKey> assignmentKeys(Id labeler, Id image) const override;
    std::vector<QueueKey> unlabeledQueueKeys(Id labeler, bool skipped, std::int64_t limit) const override;

private:
    void requireWritable() const;
    void write(const std::function<void()> &work);

    std::unique_ptr<pg::Connection> m_db;
    bool m_readOnly;
    int m_depth = 0;
    std::chrono::milliseconds m_lockWait;
    std::minstd_rand m_jitter;
    mutable std::int64_t m_dataVersion = 0;
};

} // namespace concord::core
