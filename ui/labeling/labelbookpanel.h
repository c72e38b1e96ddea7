// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QWidget>

#include <map>
#include <optional>

class QLabel;
class QListView;

namespace concord::ui {

class ExampleModel;
class ProjectDocument;
class StandardModel;
class StandardView;

/// The label book beside the image: the active standards' text and their example,
/// counterexample and borderline thumbnails, each with the class it should get, its measured
/// length and the lead's note (core::Session::taughtExamples); double-click one to enlarge it
/// with the shapes that teach (ExampleViewer).
class LabelBookPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit LabelBookPanel(QWidget *parent = nullptr);

    /// Reloads the active standards of the document (null clears the panel).
    void setDocument(const ProjectDocument *document);
    /// The queue round of the image on screen: in a relabel round, the standard whose apply
    /// created the round is shown first (the labeler was sent back because of it).
    void setRound(int round);
    StandardModel *standardModel() const { return m_standards; }
    ExampleModel *exampleModel() const;
    StandardView *standardView() const { return m_view; }

private:
    void showStandard(int row);
    /// Opens the example at `row` of exampleModel() enlarged; returns the viewer (tests).
    void enlarge(int row);

    const ProjectDocument *m_document = nullptr;
    StandardModel *m_standards;
    QListView *m_standardList;
    StandardView *m_view;
    QLabel *m_empty;
    int m_round = 0;
    std::map<int, std::optional<core::Id>> m_familyOfRound; ///< cache of standardOfRound()
};

} // namespace concord::ui
