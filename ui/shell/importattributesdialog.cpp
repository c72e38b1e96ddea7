// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/importattributesdialog.h"

#include "ui/document/projectdocument.h"
#include "ui/shell/filedialogs.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace concord::ui {

ImportAttributesDialog::ImportAttributesDialog(ProjectDocument *document, QWidget *parent)
    : ImportDialog(document,
                   {tr("Import attributes"), tr("&CSV file:"), tr("Choose the CSV file to import."),
                    tr("Importing attributes…")},
                   parent)
{
    setObjectName(QStringLiteral("importAttributesDialog"));
    input()->setPlaceholderText(tr("A CSV file: an image column, then one column per attribute"));
    auto *browse = new QPushButton(tr("&File…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f =
            openFileName(this, tr("Import attributes"), QFileInfo(this->document()->filePath()).absolutePath(),
                         tr("CSV files (*.csv);;All files (*)"));
        if (!f.isEmpty())
            setInput(f);
    });
    inputRow()->addWidget(browse);
    addEncodingRow();
    setNote(tr("The image column holds a relative path or a file name. A column whose cells are all numbers is "
               "numeric (rules compare it: lighting_lux >= 300), else text. All or nothing: an unknown image or a bad "
               "row leaves the project unchanged."));
    resize(560, sizeHint().height());
}

void ImportAttributesDialog::run(core::Store &store, const std::filesystem::path &input, core::TextEncoding encoding,
                                 const core::ProgressFn &)
{
    // core::importAttributesCsv reports no progress (a CSV of metadata reads in moments): the
    // progress dialog shows that it works, and Cancel has nothing to stop.
    m_imported = core::importAttributesCsv(store, input, encoding);
}

QString ImportAttributesDialog::summary()
{
    document()->notifyProjectDataChanged({ProjectChange::Attributes, {}});
    return tr("Imported %1 value(s) for %2 image(s): %3 numeric and %4 text attribute(s).")
        .arg(m_imported.values)
        .arg(m_imported.images)
        .arg(m_imported.numericKeys.size())
        .arg(m_imported.textKeys.size());
}

} // namespace concord::ui
