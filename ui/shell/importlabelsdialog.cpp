// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/importlabelsdialog.h"

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/io/labelimporter.h"
#include "core/io/labelreader.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"
#include "ui/shell/filedialogs.h"
#include "ui/shell/longtask.h"

#include <QCheckBox>
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

ImportLabelsDialog::ImportLabelsDialog(ProjectDocument *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_input(new QLineEdit(this))
    , m_format(new QComboBox(this))
    , m_labeler(new QComboBox(this))
    , m_encoding(new QComboBox(this))
    , m_addClasses(new QCheckBox(tr("Create &classes the project does not have"), this))
    , m_skipUnmatched(new QCheckBox(tr("&Skip entries whose image is not in the project"), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("importLabelsDialog"));
    setWindowTitle(tr("Import labels"));
    m_input->setObjectName(QStringLiteral("importInput"));
    m_input->setPlaceholderText(tr("A label file, or a folder of per-image files (labelme, VOC)"));
    connect(m_input, &QLineEdit::textEdited, this, &ImportLabelsDialog::guessFormat);
    auto *file = new QPushButton(tr("&File…"), this);
    connect(file, &QPushButton::clicked, this, &ImportLabelsDialog::browseFile);
    auto *folder = new QPushButton(tr("F&older…"), this);
    connect(folder, &QPushButton::clicked, this, &ImportLabelsDialog::browseFolder);
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(file);
    inputRow->addWidget(folder);

    m_format->setObjectName(QStringLiteral("importFormat"));
    for (const std::string &f : core::labelReaderFormats())
        m_format->addItem(QString::fromStdString(f));
    m_labeler->setObjectName(QStringLiteral("importLabeler"));
    m_labeler->setEditable(true);
    m_labeler->addItem(QString());
    for (const core::Labeler &l : m_document->labelers())
        if (l.role == core::Role::Labeler)
            m_labeler->addItem(QString::fromStdString(l.name));
    m_labeler->setToolTip(tr("Whose labels these are, for files that do not name a labeler per entry. A new name "
                             "becomes a new labeler."));
    m_encoding->setObjectName(QStringLiteral("importEncoding"));
    for (const std::string &e : {std::string("utf-8"), std::string("windows-1252"), std::string("latin1")})
        m_encoding->addItem(QString::fromStdString(e));
    m_addClasses->setObjectName(QStringLiteral("importAddClasses"));
    m_skipUnmatched->setObjectName(QStringLiteral("importSkipUnmatched"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Input:"), inputRow);
    form->addRow(tr("For&mat:"), m_format);
    form->addRow(tr("&Labeler:"), m_labeler);
    form->addRow(tr("&Encoding:"), m_encoding);
    form->addRow(QString(), m_addClasses);
    form->addRow(QString(), m_skipUnmatched);
    auto *note = new QLabel(tr("All or nothing: everything is checked before anything is written, so an error leaves "
                               "the project unchanged. An imported label replaces that labeler's label of the image."),
                            this);
    note->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("importError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ImportLabelsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(620, sizeHint().height());
}

QString ImportLabelsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ImportLabelsDialog::browseFile()
{
    const QString f = openFileName(this, tr("Import labels"), QFileInfo(m_document->filePath()).absolutePath(),
                                   tr("Label files (*.csv *.json *.xml);;All files (*)"));
    if (f.isEmpty())
        return;
    m_input->setText(QDir::toNativeSeparators(f));
    guessFormat(f);
}

void ImportLabelsDialog::browseFolder()
{
    const QString d =
        existingDirectory(this, tr("Folder of label files"), QFileInfo(m_document->filePath()).absolutePath());
    if (d.isEmpty())
        return;
    m_input->setText(QDir::toNativeSeparators(d));
    guessFormat(d);
}

void ImportLabelsDialog::guessFormat(const QString &path)
{
    const QFileInfo info(path);
    QString format;
    if (info.isDir())
        format = QStringLiteral("labelme");
    else if (info.suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0)
        format = QStringLiteral("csv");
    else if (info.suffix().compare(QLatin1String("xml"), Qt::CaseInsensitive) == 0)
        format = QStringLiteral("voc");
    // A .json may be COCO, Label Studio or labelme: the choice stays the user's.
    const int index = m_format->findText(format);
    if (index >= 0)
        m_format->setCurrentIndex(index);
}

void ImportLabelsDialog::accept()
{
    const QString input = m_input->text().trimmed();
    if (input.isEmpty()) {
        m_error->setText(tr("Choose the file or folder to import."));
        m_error->show();
        return;
    }
    core::ImportOptions options;
    options.format = m_format->currentText().toStdString();
    options.labeler = m_labeler->currentText().trimmed().toStdString();
    options.addClasses = m_addClasses->isChecked();
    options.skipUnmatched = m_skipUnmatched->isChecked();
    core::ImportReport report;
    std::exception_ptr error;
    try {
        options.encoding = core::parseTextEncoding(m_encoding->currentText().toStdString());
        const ProjectAccess project = m_document->leadAccess(); // invalid unless a lead's session
        if (!project.isValid())
            throw core::Error(core::ErrorCode::Denied, "only a lead imports labels");
        const std::filesystem::path path(QDir::fromNativeSeparators(input).toStdString());
        error = runWithProgress(this, tr("Importing labels…"), [&](const core::ProgressFn &progress) {
            // A connection of its own (the window's store stays on the GUI thread);
            // core::importLabels writes in one transaction after checking everything.
            auto store = project.open(core::OpenMode::ReadWrite);
            options.progress = progress;
            report = core::importLabels(*store, path, options);
        });
    } catch (...) {
        error = std::current_exception();
    }
    if (error) {
        QString text;
        try {
            std::rethrow_exception(error);
        } catch (const core::Error &e) {
            text = e.code() == core::ErrorCode::Cancelled
                       ? tr("Import cancelled; the project is unchanged.")
                       : concord::ui::errorText(e) + QLatin1Char('\n') + tr("Nothing was imported.");
        } catch (const std::exception &e) {
            text = concord::ui::errorText(e) + QLatin1Char('\n') + tr("Nothing was imported.");
        }
        m_error->setText(text);
        m_error->show();
        return;
    }
    m_error->hide();
    // The labels were written by another connection: the document reads what it holds again.
    m_document->checkOutsideChanges();
    if (!report.classesAdded.empty())
        emit m_document->classesChanged();
    m_document->notifyProjectDataChanged({ProjectChange::Labels | ProjectChange::Classes, {}});
    QStringList who;
    for (const auto &l : report.labelers)
        who << QString::fromStdString(l);
    m_result = tr("Imported %n label(s)", nullptr, static_cast<int>(report.labels)) + QLatin1Char(' ') +
               tr("with %n shape(s)", nullptr, static_cast<int>(report.annotations));
    if (!who.isEmpty())
        m_result += QLatin1Char(' ') + tr("from %1").arg(who.join(QStringLiteral(", ")));
    m_result += QLatin1Char('.');
    if (!report.classesAdded.empty()) {
        QStringList added;
        for (const auto &c : report.classesAdded)
            added << QString::fromStdString(c);
        m_result += QLatin1Char(' ') + tr("New classes: %1.").arg(added.join(QStringLiteral(", ")));
    }
    if (!report.unmatched.empty())
        m_result += QLatin1Char(' ') + tr("%n entry(ies) skipped: their image is not in the project.", nullptr,
                                          static_cast<int>(report.unmatched.size()));
    QDialog::accept();
}

} // namespace concord::ui
