// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/standards/standardbook.h"
#include "ui/lead/standardseed.h"

#include <QHash>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;
class QTimer;
class QTreeWidget;

namespace concord::ui {

class Thumbnails;
class ProjectDocument;

/// Writes one standard: title, body (Markdown, shown rendered beside the text), the rule with
/// live validation against the project (the error under the exact column), and the example /
/// counterexample / borderline images picked from candidate thumbnails, with the 4/3/3 hint.
/// Each candidate and example shows its measured values (the attributes the rule reads) and
/// enlarges on double-click; each example takes a note for the labelers.
/// It only collects; StandardsPage saves through the document.
class StandardEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit StandardEditor(QWidget *parent = nullptr);

    void setDocument(ProjectDocument *document);

    /// A blank standard; `candidates` are images offered as examples.
    void startNew(const std::vector<core::Id> &candidates);
    /// A standard pre-filled from a disagreement cluster.
    void startDraft(const StandardSeed &seed);
    /// The next version of `standard`, starting from its text and examples.
    void startVersionOf(const core::Standard &standard, const std::vector<core::Id> &candidates);

    core::StandardDraft draft() const;
    std::vector<core::StandardExample> examples() const;
    /// Row id of the standard this is a new version of, 0 for a new standard.
    core::Id versionOf() const { return m_versionOf; }
    /// True when the rule is empty or valid for the project and the title is not empty.
    bool canSave() const;
    /// The rule's current error text, empty when it is valid.
    QString ruleErrorText() const;

signals:
    void saveRequested();

protected:
    /// Image ids dropped from the clusters grid (ThumbnailGridModel's mime type): onto the
    /// candidates they are offered and selected, onto the chosen list they become examples.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void clear();
    void setCandidates(const std::vector<core::Id> &candidates);
    void addExample(core::Id image, core::ExampleRole role, const std::string &note = {});
    /// Captions every candidate and chosen example with its measured values (the attributes
    /// the rule reads, core::exampleMeasurements), when the rule's keys changed or `force`.
    void updateMeasurements(bool force);
    /// Opens `image` enlarged with every labeler's shapes (ExampleViewer).
    void enlarge(core::Id image);
    void assignSelected(core::ExampleRole role);
    void removeSelected();
    void validateRule();
    void updateHint();
    void updateSaveEnabled();
    void thumbnailReady(const QString &path, const QImage &image);

    ProjectDocument *m_document = nullptr;
    Thumbnails *m_thumbnails;
    core::Id m_versionOf = 0;
    QString m_ruleError;
    /// Typing restarts it; the rule is checked when it fires (checking reads the attributes'
    /// values, too much for every keystroke on a big project).
    QTimer *m_ruleTimer;
    bool m_rulePending = false;

    QLabel *m_heading;
    QLineEdit *m_title;
    QComboBox *m_status;
    QPlainTextEdit *m_body;
    QTextBrowser *m_bodyPreview;
    QLineEdit *m_rule;
    QLabel *m_ruleStatus;
    QListWidget *m_candidates;
    QTreeWidget *m_chosen;
    QLabel *m_hint;
    QPushButton *m_save;
    /// The attribute keys the captions show (core::exampleMeasurementKeys of the rule).
    std::vector<std::string> m_measurementKeys;
    /// Measured values in words, per image (candidates and chosen ones).
    QHash<core::Id, QString> m_measurementText;
};

} // namespace concord::ui
