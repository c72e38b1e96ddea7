// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace concord::ui {

class ProjectDocument;

/// File → Import labels… (lead only, issue #19): a label file or folder in one of the formats of
/// `concord-cli import-labels` (core::labelReaderFormats(): CSV, COCO, labelme, Label Studio,
/// Pascal VOC) with the same options, imported by core::importLabels on a connection of its
/// own while a progress dialog offers Cancel. Core checks everything before it writes, in one
/// transaction, so a malformed file (named with its line and field in the error shown here)
/// or a cancel leaves the project unchanged. The dialog stays open on an error, so the file
/// can be fixed and imported again.
class ImportLabelsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ImportLabelsDialog(ProjectDocument *document, QWidget *parent = nullptr);

    /// Runs the import; closes the dialog when it succeeded.
    void accept() override;
    /// What the import did ("Imported 3 labels…"), for the status bar; empty before.
    QString result() const { return m_result; }
    /// The error of the last attempt in words; empty when none.
    QString errorText() const;

private:
    void browseFile();
    void browseFolder();
    /// The format a file's name suggests (.csv, .xml, a folder of .json), if any.
    void guessFormat(const QString &path);

    ProjectDocument *m_document;
    QLineEdit *m_input;
    QComboBox *m_format;
    QComboBox *m_labeler;
    QComboBox *m_encoding;
    QCheckBox *m_addClasses;
    QCheckBox *m_skipUnmatched;
    QLabel *m_error;
    QString m_result;
};

} // namespace concord::ui
