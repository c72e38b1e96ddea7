// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/importattributesdialog.h"

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/project/attribute_import.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"
#include "ui/shell/filedialogs.h"
#include "ui/shell/longtask.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace concord::ui {

ImportAttributesDialog::ImportAttributesDialog(ProjectDocument *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_input(new QLineEdit(this))
    , m_encoding(new QComboBox(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("importAttributesDialog"));
    setWindowTitle(tr("Import attributes"));
    m_input->setObjectName(QStringLiteral("importInput"));
    m_input->setPlaceholderText(tr("A CSV file: an image column, then one column per attribute"));
    auto *browse = new QPushButton(tr("&File…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = openFileName(this, tr("Import attributes"), QFileInfo(m_document->filePath()).absolutePath(),
                                       tr("CSV files (*.csv);;All files (*)"));
        if (!f.isEmpty())
            m_input->setText(QDir::toNativeSeparators(f));
    });
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(browse);
    m_encoding->setObjectName(QStringLiteral("importEncoding"));
    for (const std::string &e : {std::string("utf-8"), std::string("windows-1252"), std::string("latin1")})
        m_encoding->addItem(QString::fromStdString(e));
    auto *form = new QFormLayout;
    form->addRow(tr("&CSV file:"), inputRow);
    form->addRow(tr("&Encoding:"), m_encoding);
    auto *note = new QLabel(tr("The image column holds a relative path or a file name. A column whose cells are all "
                               "numbers is numeric (rules compare it: lighting_lux >= 300), else text. All or "
                               "nothing: an unknown image or a bad row leaves the project unchanged."),
                            this);
    note->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("importError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ImportAttributesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

QString ImportAttributesDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ImportAttributesDialog::accept()
{
    const QString input = m_input->text().trimmed();
    if (input.isEmpty()) {
        m_error->setText(tr("Choose the CSV file to import."));
        m_error->show();
        return;
    }
    core::AttributeImportResult result;
    std::exception_ptr error;
    try {
        const core::TextEncoding encoding = core::parseTextEncoding(m_encoding->currentText().toStdString());
        const ProjectAccess project = m_document->leadAccess();
        if (!project.isValid())
            throw core::Error(core::ErrorCode::Denied, "only a lead imports attributes");
        const std::filesystem::path path(QDir::fromNativeSeparators(input).toStdString());
        // core::importAttributesCsv reports no progress (a CSV of metadata reads in moments):
        // the dialog shows that it works, and Cancel has nothing to stop.
        error = runWithProgress(this, tr("Importing attributes…"), [&](const core::ProgressFn &) {
            auto store = project.open(core::OpenMode::ReadWrite);
            result = core::importAttributesCsv(*store, path, encoding);
        });
    } catch (...) {
        error = std::current_exception();
    }
    if (error) {
        QString text;
        try {
            std::rethrow_exception(error);
        } catch (const std::exception &e) {
            text = concord::ui::errorText(e) + QLatin1Char('\n') + tr("Nothing was imported.");
        }
        m_error->setText(text);
        m_error->show();
        return;
    }
    m_error->hide();
    m_document->checkOutsideChanges();
    m_document->notifyProjectDataChanged({ProjectChange::Attributes, {}});
    m_result = tr("Imported %1 value(s) for %2 image(s): %3 numeric and %4 text attribute(s).")
                   .arg(result.values)
                   .arg(result.images)
                   .arg(result.numericKeys.size())
                   .arg(result.textKeys.size());
    QDialog::accept();
}

} // namespace concord::ui
