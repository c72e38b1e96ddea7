// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace concord::ui {

class ProjectDocument;

/// File → Import attributes… (lead only, issue #19): a wide CSV of per-image metadata (an
/// `image` column and one column per attribute), as `concord-cli import-attributes` reads it,
/// imported by core::importAttributesCsv on a connection of its own. One transaction: an
/// unknown image or a malformed row fails the whole import, named by file, line and column in
/// the error shown here, and the project is unchanged.
class ImportAttributesDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ImportAttributesDialog(ProjectDocument *document, QWidget *parent = nullptr);

    void accept() override;
    QString result() const { return m_result; }
    QString errorText() const;

private:
    ProjectDocument *m_document;
    QLineEdit *m_input;
    QComboBox *m_encoding;
    QLabel *m_error;
    QString m_result;
};

} // namespace concord::ui
