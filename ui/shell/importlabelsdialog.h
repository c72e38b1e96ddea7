// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/labelimporter.h"
#include "ui/shell/importdialog.h"

class QCheckBox;
class QComboBox;

namespace concord::ui {

/// File → Import labels… (lead only, issue #19): a label file or folder in one of the formats of
/// `concord-cli import-labels` (core::labelReaderFormats(): CSV, COCO, labelme, Label Studio,
/// Pascal VOC) with the same options, imported by core::importLabels. Core checks everything
/// before it writes, so a malformed file (named with its line and field in the error shown
/// here) or a cancel leaves the project unchanged (ImportDialog).
class ImportLabelsDialog final : public ImportDialog
{
    Q_OBJECT

public:
    explicit ImportLabelsDialog(ProjectDocument *document, QWidget *parent = nullptr);

private:
    void prepare() override;
    void run(core::Store &store, const std::filesystem::path &input, core::TextEncoding encoding,
             const core::ProgressFn &progress) override;
    QString summary() override;
    void browseFile();
    void browseFolder();
    /// The format a file's name suggests (.csv, .xml, a folder of .json), if any.
    void guessFormat(const QString &path);

    QComboBox *m_format;
    QComboBox *m_labeler;
    QCheckBox *m_addClasses;
    QCheckBox *m_skipUnmatched;
    core::ImportOptions m_options;
    core::ImportReport m_report;
};

} // namespace concord::ui
