// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/relinkdialog.h"

#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"
#include "ui/shell/filedialogs.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace concord::ui {

RelinkDialog::RelinkDialog(ProjectDocument *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_folder(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_preview(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("relinkDialog"));
    setWindowTitle(tr("Relink images"));
    m_folder->setObjectName(QStringLiteral("relinkFolder"));
    m_preview->setObjectName(QStringLiteral("relinkPreview"));
    m_summary->setWordWrap(true);
    m_preview->setWordWrap(true);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    auto *row = new QHBoxLayout;
    row->addWidget(m_folder, 1);
    row->addWidget(browse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(new QLabel(tr("The folder the images are in now:"), this));
    layout->addLayout(row);
    layout->addWidget(m_preview);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Relink"));
    connect(browse, &QPushButton::clicked, this, &RelinkDialog::browse);
    connect(m_folder, &QLineEdit::editingFinished, this, [this] { setFolder(m_folder->text()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setFolder({});
    resize(620, sizeHint().height());
}

void RelinkDialog::browse()
{
    const QString start =
        m_folder->text().isEmpty() ? QFileInfo(m_document->filePath()).absolutePath() : m_folder->text();
    // Through ui/shell/filedialogs.h: a dialog that sniffs files would drop the project's locks.
    const QString dir = existingDirectory(this, tr("Folder the images are in now"), start);
    if (!dir.isEmpty())
        setFolder(dir);
}

void RelinkDialog::setFolder(const QString &folder)
{
    m_folder->setText(QDir::toNativeSeparators(folder));
    m_plan = {};
    if (!folder.isEmpty()) {
        try {
            m_plan = m_document->planRelink(folder);
        } catch (const std::exception &e) {
            m_preview->setText(errorText(e));
        }
    } else {
        m_plan = m_document->planRelink(QFileInfo(m_document->filePath()).absolutePath());
        m_plan.found = 0; // nothing proposed before a folder is chosen
    }
    updatePreview();
}

QString RelinkDialog::previewText() const
{
    return m_preview->text();
}

void RelinkDialog::updatePreview()
{
    m_summary->setText(m_plan.missingInProject == 0
                           ? tr("Every image file of this project is where the project expects it.")
                           : tr("%n image file(s) of this project cannot be found where the project expects them.",
                                nullptr, int(m_plan.missingInProject)));
    const bool usable = m_plan.found > 0;
    if (m_folder->text().isEmpty())
        m_preview->setText(tr("Choose the folder to see how many images would be found there."));
    else if (!usable)
        m_preview->setText(
            tr("None of the missing images is in this folder (or below it, with the same sub-folders)."));
    else
        m_preview->setText(tr("Re-points %n image(s) stored under \"%1\" to \"%2\": %3 of them are there.", nullptr,
                              int(m_plan.images))
                               .arg(QString::fromStdString(m_plan.oldPrefix.empty() ? std::string("(project folder)")
                                                                                    : m_plan.oldPrefix),
                                    QString::fromStdString(m_plan.newPrefix))
                               .arg(m_plan.found));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(usable);
}

std::int64_t RelinkDialog::relink()
{
    if (m_plan.found <= 0)
        return 0;
    return m_document->relinkImages(m_plan.oldPrefix, m_plan.newPrefix);
}

} // namespace concord::ui
