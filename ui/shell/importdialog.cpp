// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/importdialog.h"

#include "core/common/error.h"
#include "core/store/store.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"
#include "ui/shell/longtask.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace concord::ui {

ImportDialog::ImportDialog(ProjectDocument *document, const Texts &texts, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_texts(texts)
    , m_input(new QLineEdit(this))
    , m_inputRow(new QHBoxLayout)
    , m_encoding(new QComboBox(this))
    , m_form(new QFormLayout)
    , m_note(new QLabel(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(texts.title);
    m_input->setObjectName(QStringLiteral("importInput"));
    connect(m_input, &QLineEdit::textChanged, this, &ImportDialog::clearError);
    m_inputRow->addWidget(m_input, 1);
    // A row whose field is a layout gets no buddy from QFormLayout, and its "&" would show.
    auto *inputLabel = new QLabel(texts.inputLabel, this);
    inputLabel->setBuddy(m_input);
    m_form->addRow(inputLabel, m_inputRow);

    m_encoding->setObjectName(QStringLiteral("importEncoding"));
    for (const char *e : {"utf-8", "windows-1252", "latin1"})
        m_encoding->addItem(QString::fromLatin1(e));
    m_encoding->setToolTip(tr("How the file's text is written: UTF-8, or Windows-1252 / Latin-1 for older "
                              "spreadsheets"));
    connect(m_encoding, &QComboBox::currentIndexChanged, this, &ImportDialog::clearError);
    m_encoding->hide(); // until addEncodingRow() places it

    m_note->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("importError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ImportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_note);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);
}

void ImportDialog::addEncodingRow()
{
    m_form->addRow(tr("&Encoding:"), m_encoding);
    m_encoding->show();
}

void ImportDialog::setNote(const QString &note)
{
    m_note->setText(note);
}

void ImportDialog::setInput(const QString &path)
{
    m_input->setText(QDir::toNativeSeparators(path));
}

QString ImportDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ImportDialog::clearError()
{
    m_error->clear();
    m_error->hide();
}

void ImportDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
}

void ImportDialog::accept()
{
    const QString input = m_input->text().trimmed();
    if (input.isEmpty()) {
        showError(m_texts.emptyInput);
        return;
    }
    std::exception_ptr error;
    try {
        const core::TextEncoding encoding = core::parseTextEncoding(m_encoding->currentText().toStdString());
        const ProjectAccess project = m_document->leadAccess(); // invalid unless a lead's session
        if (!project.isValid())
            throw core::Error(core::ErrorCode::Denied, "only a lead imports into a project");
        const std::filesystem::path path(QDir::fromNativeSeparators(input).toStdString());
        prepare();
        error = runWithProgress(this, m_texts.progress, [&](const core::ProgressFn &progress) {
            auto store = project.open(core::OpenMode::ReadWrite);
            run(*store, path, encoding, progress);
        });
    } catch (...) {
        error = std::current_exception();
    }
    if (error) {
        try {
            std::rethrow_exception(error);
        } catch (const core::Error &e) {
            showError(e.code() == core::ErrorCode::Cancelled
                          ? tr("Import cancelled; the project is unchanged.")
                          : concord::ui::errorText(e) + QLatin1Char('\n') + tr("Nothing was imported."));
        } catch (const std::exception &e) {
            showError(concord::ui::errorText(e) + QLatin1Char('\n') + tr("Nothing was imported."));
        } catch (...) {
            showError(tr("Unexpected error.") + QLatin1Char('\n') + tr("Nothing was imported."));
        }
        return;
    }
    clearError();
    // The project was written by another connection: the document reads what it holds again.
    m_document->checkOutsideChanges();
    m_result = summary();
    QDialog::accept();
}

} // namespace concord::ui
