// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/importlabelsdialog.h"

#include "core/io/labelreader.h"
#include "ui/document/projectdocument.h"
#include "ui/shell/filedialogs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace concord::ui {

ImportLabelsDialog::ImportLabelsDialog(ProjectDocument *document, QWidget *parent)
    : ImportDialog(
          document,
          {tr("Import labels"), tr("&Input:"), tr("Choose the file or folder to import."), tr("Importing labels…")},
          parent)
    , m_format(new QComboBox(this))
    , m_labeler(new QComboBox(this))
    , m_addClasses(new QCheckBox(tr("Create &classes the project does not have"), this))
    , m_skipUnmatched(new QCheckBox(tr("&Skip entries whose image is not in the project"), this))
{
    setObjectName(QStringLiteral("importLabelsDialog"));
    input()->setPlaceholderText(tr("A label file, or a folder of per-image files (labelme, VOC)"));
    connect(input(), &QLineEdit::textEdited, this, &ImportLabelsDialog::guessFormat);
    auto *file = new QPushButton(tr("&File…"), this);
    connect(file, &QPushButton::clicked, this, &ImportLabelsDialog::browseFile);
    auto *folder = new QPushButton(tr("F&older…"), this);
    connect(folder, &QPushButton::clicked, this, &ImportLabelsDialog::browseFolder);
    inputRow()->addWidget(file);
    inputRow()->addWidget(folder);

    m_format->setObjectName(QStringLiteral("importFormat"));
    for (const std::string &f : core::labelReaderFormats())
        m_format->addItem(QString::fromStdString(f));
    m_labeler->setObjectName(QStringLiteral("importLabeler"));
    m_labeler->setEditable(true);
    m_labeler->addItem(QString());
    for (const core::Labeler &l : document->labelers())
        if (l.role == core::Role::Labeler)
            m_labeler->addItem(QString::fromStdString(l.name));
    m_labeler->setToolTip(tr("Whose labels these are, for files that do not name a labeler per entry. A new name "
                             "becomes a new labeler."));
    m_addClasses->setObjectName(QStringLiteral("importAddClasses"));
    m_skipUnmatched->setObjectName(QStringLiteral("importSkipUnmatched"));
    // An error spoke of the choices as they were.
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportLabelsDialog::clearError);
    connect(m_labeler, &QComboBox::currentTextChanged, this, &ImportLabelsDialog::clearError);
    for (QCheckBox *box : {m_addClasses, m_skipUnmatched})
        connect(box, &QCheckBox::toggled, this, &ImportLabelsDialog::clearError);

    form()->addRow(tr("For&mat:"), m_format);
    form()->addRow(tr("&Labeler:"), m_labeler);
    addEncodingRow();
    form()->addRow(QString(), m_addClasses);
    form()->addRow(QString(), m_skipUnmatched);
    setNote(tr("All or nothing: everything is checked before anything is written, so an error leaves the project "
               "unchanged. An imported label replaces that labeler's label of the image."));
    resize(620, sizeHint().height());
}

void ImportLabelsDialog::browseFile()
{
    const QString f = openFileName(this, tr("Import labels"), QFileInfo(document()->filePath()).absolutePath(),
                                   tr("Label files (*.csv *.json *.xml);;All files (*)"));
    if (f.isEmpty())
        return;
    setInput(f);
    guessFormat(f);
}

void ImportLabelsDialog::browseFolder()
{
    const QString d =
        existingDirectory(this, tr("Folder of label files"), QFileInfo(document()->filePath()).absolutePath());
    if (d.isEmpty())
        return;
    setInput(d);
    guessFormat(d);
}

void ImportLabelsDialog::guessFormat(const QString &path)
{
    const QFileInfo info(path);
    QString format;
    if (info.isDir())
        format = QFileInfo::exists(QDir(path).filePath(QStringLiteral("data.yaml"))) ? QStringLiteral("yolo")
                                                                                     : QStringLiteral("labelme");
    else if (info.fileName().compare(QLatin1String("data.yaml"), Qt::CaseInsensitive) == 0)
        format = QStringLiteral("yolo");
    else if (info.suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0)
        format = QStringLiteral("csv");
    else if (info.suffix().compare(QLatin1String("xml"), Qt::CaseInsensitive) == 0)
        format = QStringLiteral("voc");
    // A .json may be COCO, Label Studio or labelme: the choice stays the user's.
    const int index = m_format->findText(format);
    if (index >= 0)
        m_format->setCurrentIndex(index);
}

void ImportLabelsDialog::prepare()
{
    m_options = {};
    m_options.format = m_format->currentText().toStdString();
    m_options.labeler = m_labeler->currentText().trimmed().toStdString();
    m_options.addClasses = m_addClasses->isChecked();
    m_options.skipUnmatched = m_skipUnmatched->isChecked();
}

void ImportLabelsDialog::run(core::Store &store, const std::filesystem::path &input, core::TextEncoding encoding,
                             const core::ProgressFn &progress)
{
    core::ImportOptions options = m_options;
    options.encoding = encoding;
    options.progress = progress;
    m_report = core::importLabels(store, input, options);
}

QString ImportLabelsDialog::summary()
{
    if (!m_report.classesAdded.empty())
        emit document()->classesChanged();
    document()->notifyProjectDataChanged({ProjectChange::Labels | ProjectChange::Classes, {}});
    QStringList who;
    for (const auto &l : m_report.labelers)
        who << QString::fromStdString(l);
    QString text = tr("Imported %n label(s)", nullptr, static_cast<int>(m_report.labels)) + QLatin1Char(' ') +
                   tr("with %n shape(s)", nullptr, static_cast<int>(m_report.annotations));
    if (!who.isEmpty())
        text += QLatin1Char(' ') + tr("from %1").arg(who.join(QStringLiteral(", ")));
    text += QLatin1Char('.');
    if (!m_report.classesAdded.empty()) {
        QStringList added;
        for (const auto &c : m_report.classesAdded)
            added << QString::fromStdString(c);
        text += QLatin1Char(' ') + tr("New classes: %1.").arg(added.join(QStringLiteral(", ")));
    }
    if (!m_report.unmatched.empty())
        text += QLatin1Char(' ') + tr("%n entry(ies) skipped: their image is not in the project.", nullptr,
                                      static_cast<int>(m_report.unmatched.size()));
    return text;
}

} // namespace concord::ui
