// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/sqlite_db.h"
#include "core/store/store.h"

namespace concord::core {

/// The embedded backend: one SQLite file in WAL mode with foreign keys and a busy timeout.
class SqliteStore final : public Store
{
public:
    /// Use createProject()/openProject(); this constructor expects a migrated database.
    SqliteStore(std::unique_ptr<sqlite::Database> db, bool readOnly);
    ~SqliteStore() override;

    std::filesystem::path path() const override;
    std::filesystem::path baseDir() const override;
    bool isReadOnly() const override { return m_readOnly; }
    void transaction(const std::function<void()> &work) override;
    void setLockWait(std::chrono::milliseconds total) override;
    std::int64_t dataVersion() const override;

    ProjectSettings settings() const override;
    void setSettings(const ProjectSettings &settings) override;
    std::optional<std::string> meta(const std::string &key) const override;
    void setMeta(const std::string &key, const std::string &value) override;
    int schemaVersion() const override;

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
    void restoreRows(const ProjectRows &rows) override; ///< sqlite_restore.cpp

    /// The connection, for store-internal helpers and tests (EXPLAIN QUERY PLAN).
    sqlite::Database &database() const { return *m_db; }

protected:
    std::int64_t queueRowIndex(Id labeler, const QueueKey &key) const override;
    std::vector<QueueKey> assignmentKeys(Id labeler, Id image) const override;
    std::vector<QueueKey> unlabeledQueueKeys(Id labeler, bool skipped, std::int64_t limit) const override;

private:
    void requireWritable() const;
    /// Ends the open transaction, if SQLite has not ended it already; never throws.
    void rollback() noexcept;
    /// Index in the labeler's queue order of the row (round, position, image).
    /// Rows before the queue row keyed (round, position, check, key) in queue() order, where
    /// check is 0 for an assignment (key: its image) and 1 for a check item (key: its id).
    /// Runs a single write as its own transaction unless one is open.
    void write(const std::function<void()> &work);

    std::unique_ptr<sqlite::Database> m_db;
    bool m_readOnly;
    int m_depth = 0;
    int m_attempts; ///< transaction attempts, each waiting the connection's busy timeout
};

} // namespace concord::core
