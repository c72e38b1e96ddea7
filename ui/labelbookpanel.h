// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QTextBrowser;

namespace concord::ui {

class ExampleModel;
class ProjectDocument;
class StandardModel;

/// The label book beside the image: the active standards' text and their example,
/// counterexample and borderline thumbnails (click one to enlarge it).
class LabelBookPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit LabelBookPanel(QWidget *parent = nullptr);

    /// Reloads the active standards of the document (null clears the panel).
    void setDocument(const ProjectDocument *document);
    StandardModel *standardModel() const { return m_standards; }
    ExampleModel *exampleModel() const { return m_examples; }

private:
    void showStandard(int row);
    void enlarge(const QModelIndex &index);

    const ProjectDocument *m_document = nullptr;
    StandardModel *m_standards;
    ExampleModel *m_examples;
    QListView *m_standardList;
    QTextBrowser *m_body;
    QListView *m_exampleList;
    QLabel *m_empty;
};

} // namespace concord::ui
