// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/project/attribute_import.h"
#include "ui/shell/importdialog.h"

namespace concord::ui {

/// File → Import attributes… (lead only, issue #19): a wide CSV of per-image metadata (an
/// `image` column and one column per attribute), as `concord-cli import-attributes` reads it,
/// imported by core::importAttributesCsv. One transaction: an unknown image or a malformed row
/// fails the whole import, named by file, line and column in the error shown here, and the
/// project is unchanged (ImportDialog).
class ImportAttributesDialog final : public ImportDialog
{
    Q_OBJECT

public:
    explicit ImportAttributesDialog(ProjectDocument *document, QWidget *parent = nullptr);

private:
    void run(core::Store &store, const std::filesystem::path &input, core::TextEncoding encoding,
             const core::ProgressFn &progress) override;
    QString summary() override;

    core::AttributeImportResult m_imported;
};

} // namespace concord::ui
