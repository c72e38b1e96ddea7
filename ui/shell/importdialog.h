// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/progress.h"
#include "core/common/text.h"

#include <QDialog>

#include <filesystem>

class QComboBox;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;

namespace concord::core {
class Store;
}

namespace concord::ui {

class ProjectDocument;

/// What File → Import labels… and File → Import attributes… share (issue #19), written once:
/// the input line with its browse buttons, the encoding, the note, the error under the form,
/// Import and Cancel, and the run itself. accept() runs run() on a worker thread with a
/// connection of its own (the window's store stays on the GUI thread) while a progress dialog
/// offers Cancel. Core checks everything before it writes, in one transaction, so an error or a
/// cancel leaves the project unchanged: the error is shown in words, naming the file, line and
/// field, and the dialog stays open so the file can be fixed and imported again. The error
/// goes as soon as any input changes, since it spoke of the input as it was.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    /// Runs the import; closes the dialog when it succeeded.
    void accept() final;
    /// What the import did ("Imported 3 labels…"), for the status bar; empty before.
    QString result() const { return m_result; }
    /// The error of the last attempt in words; empty when none, or once the input changed.
    QString errorText() const;

protected:
    /// The words that differ between the two dialogs.
    struct Texts
    {
        QString title;      ///< "Import attributes"
        QString inputLabel; ///< names the input row: "&CSV file:"
        QString emptyInput; ///< the error for Import with no input: "Choose the CSV file to import."
        QString progress;   ///< the progress dialog's title: "Importing attributes…"
    };
    ImportDialog(ProjectDocument *document, const Texts &texts, QWidget *parent);

    /// Reads the dialog's choices, on the GUI thread just before run() (which must not touch
    /// widgets).
    virtual void prepare() {}
    /// The import, on the worker thread: reads `input` and writes into `store` (one
    /// transaction), keeping what it needs for summary(). Throws core::Error.
    virtual void run(core::Store &store, const std::filesystem::path &input, core::TextEncoding encoding,
                     const core::ProgressFn &progress) = 0;
    /// After a run that succeeded, on the GUI thread (the document has read the project
    /// again): tells the views what changed and returns what was done, in words.
    virtual QString summary() = 0;

    /// Adds the encoding row to the form (where the subclass wants it).
    void addEncodingRow();
    /// Puts `path` in the input line as if typed (native separators), clearing the error.
    void setInput(const QString &path);
    /// Hides the error: connect each input of the dialog to it.
    void clearError();
    /// The note under the form: what the import does and does not do.
    void setNote(const QString &note);

    ProjectDocument *document() const { return m_document; }
    QLineEdit *input() const { return m_input; }
    QHBoxLayout *inputRow() const { return m_inputRow; }
    QFormLayout *form() const { return m_form; }

private:
    void showError(const QString &text);

    ProjectDocument *m_document;
    Texts m_texts;
    QLineEdit *m_input;
    QHBoxLayout *m_inputRow;
    QComboBox *m_encoding;
    QFormLayout *m_form;
    QLabel *m_note;
    QLabel *m_error;
    QString m_result;
};

} // namespace concord::ui
