// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"
#include "ui/models/examplemodel.h"

#include <QWidget>

#include <vector>

class QListView;
class QTextBrowser;

namespace concord::ui {

/// The Markdown every view renders for a standard: its title and version, the rule as code
/// (when it has one), then its body. One text, so the labeler's label book, the standards page
/// and adjudication read a standard the same way (issue #16 §3).
QString standardMarkdown(const core::Standard &standard);

/// How the window shows a standard: standardMarkdown() rendered, and its example images as
/// thumbnails below, each captioned with its role, expected class, measurement and the lead's
/// note when the caller gives them (double-clicking one asks to enlarge it). Used by the label
/// book, the standards page and the adjudication page.
class StandardView final : public QWidget
{
    Q_OBJECT

public:
    explicit StandardView(int thumbnailSide, QWidget *parent = nullptr);

    /// Shows `standard` with its examples (image paths resolved by the caller).
    void setStandard(const core::Standard &standard, std::vector<ExampleModel::Entry> examples);
    /// Shows a sentence instead of a standard (Markdown), and no examples.
    void setMessage(const QString &markdown);
    void clear() { setMessage({}); }
    /// Whether an example's tooltip may name its file (not for labelers when names are hidden).
    void setFileNamesShown(bool shown) { m_examples->setFileNamesShown(shown); }

    QTextBrowser *body() const { return m_body; }
    ExampleModel *examples() const { return m_examples; }

signals:
    /// An example was clicked: its image file.
    void exampleClicked(const QString &path);
    /// An example was double-clicked (or Enter pressed on it): its row in examples().
    void exampleActivated(int row);

private:
    QTextBrowser *m_body;
    ExampleModel *m_examples;
    QListView *m_exampleList;
};

} // namespace concord::ui
