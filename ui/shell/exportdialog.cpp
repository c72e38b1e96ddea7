// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/exportdialog.h"

#include "core/io/datasetwriter.h"
#include "core/io/exportfolder.h"
#include "core/io/faceblurrer.h"
#include "ui/shell/filedialogs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

namespace concord::ui {

namespace {

const QString kGroup = QStringLiteral("export/");

/// What a training script finds in each format's output folder.
QString formatHint(const QString &format)
{
    if (format == QLatin1String("csv"))
        return ExportDialog::tr("labels.csv: image, final label, where it came from, consensus, agreement, labels.");
    if (format == QLatin1String("json"))
        return ExportDialog::tr("provenance.json: every labeler's label, consensus, decision and standard per image.");
    if (format == QLatin1String("coco"))
        return ExportDialog::tr("annotations.json (COCO) and images/; consensus boxes and polygons.");
    if (format == QLatin1String("yolo"))
        return ExportDialog::tr("images/, labels/ with one .txt per image, and data.yaml.");
    if (format == QLatin1String("voc"))
        return ExportDialog::tr("Pascal VOC: JPEGImages/ and Annotations/ with one XML per image.");
    if (format == QLatin1String("imagefolder"))
        return ExportDialog::tr("One folder per class holding its images (torchvision's ImageFolder).");
    if (format == QLatin1String("labelme"))
        return ExportDialog::tr("images/ with a labelme JSON beside each image.");
    if (format == QLatin1String("labelstudio"))
        return ExportDialog::tr("labelstudio.json (one task per image) and images/.");
    return {};
}

} // namespace

ExportDialog::ExportDialog(const QString &projectFile, QWidget *parent)
    : QDialog(parent)
    , m_format(new QComboBox(this))
    , m_folder(new QLineEdit(this))
    , m_consensus(new QComboBox(this))
    , m_minAgreement(new QDoubleSpinBox(this))
    , m_includeUnresolved(new QCheckBox(tr("Include images without a final label (empty label)"), this))
    , m_blurFaces(new QCheckBox(tr("Blur faces in the exported images (privacy)"), this))
    , m_copyImages(new QCheckBox(tr("Copy the images into the folder"), this))
    , m_hardLink(new QCheckBox(tr("Hard-link instead of copying where possible"), this))
    , m_replace(new QCheckBox(tr("Replace the previous export in this folder (only its own files are removed)"), this))
    , m_formatHint(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export data set"));
    QSettings settings;

    for (const auto &f : core::datasetWriterFormats())
        m_format->addItem(QString::fromStdString(f), QString::fromStdString(f));
    m_format->setObjectName(QStringLiteral("format"));
    const int saved = m_format->findData(settings.value(kGroup + QStringLiteral("format"), QStringLiteral("coco")));
    m_format->setCurrentIndex(std::max(saved, 0));
    m_formatHint->setWordWrap(true);
    m_formatHint->setForegroundRole(QPalette::PlaceholderText);

    const QFileInfo project(projectFile);
    const QString defaultFolder =
        project.absoluteDir().filePath(project.completeBaseName() + QStringLiteral("-export"));
    m_folder->setObjectName(QStringLiteral("folder"));
    m_folderKey =
        kGroup + QStringLiteral("folder/") +
        QString::fromLatin1(
            QCryptographicHash::hash(project.absoluteFilePath().toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
    m_folder->setText(settings.value(m_folderKey, defaultFolder).toString());
    auto *browse = new QToolButton(this);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose the output folder"));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    m_replace->setObjectName(QStringLiteral("replace"));
    m_replace->hide();

    m_consensus->addItem(tr("Majority vote"), QStringLiteral("majority"));
    m_consensus->addItem(tr("Dawid–Skene (weighs labelers by their accuracy)"), QStringLiteral("dawid-skene"));
    m_consensus->setCurrentIndex(
        std::max(0, m_consensus->findData(settings.value(kGroup + QStringLiteral("consensus")))));
    m_minAgreement->setRange(0.0, 1.0);
    m_minAgreement->setSingleStep(0.05);
    m_minAgreement->setDecimals(2);
    m_minAgreement->setValue(settings.value(kGroup + QStringLiteral("minAgreement"), 0.0).toDouble());
    m_minAgreement->setToolTip(tr("Share of agreeing labeler pairs an image needs for its consensus to count; "
                                  "decisions and standards always count."));
    m_includeUnresolved->setChecked(settings.value(kGroup + QStringLiteral("includeUnresolved"), false).toBool());
    m_blurFaces->setChecked(settings.value(kGroup + QStringLiteral("blurFaces"), false).toBool());
    m_copyImages->setChecked(settings.value(kGroup + QStringLiteral("copyImages"), false).toBool());
    m_hardLink->setChecked(settings.value(kGroup + QStringLiteral("hardLink"), false).toBool());
    m_blurFaces->setToolTip(tr("Detects faces with OpenCV's Haar cascade and blurs them in the copies only; "
                               "the project's images are never touched."));

    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(QString(), m_formatHint);
    // A row of two widgets gets no label buddy from QFormLayout, so the label would show its
    // "&" literally: give it the line edit, so Alt+O underlines and focuses the folder.
    auto *folderLabel = new QLabel(tr("&Output folder:"), this);
    folderLabel->setObjectName(QStringLiteral("folderLabel"));
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    form->addRow(QString(), m_replace);
    form->addRow(tr("&Consensus:"), m_consensus);
    form->addRow(tr("&Minimum agreement:"), m_minAgreement);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_includeUnresolved);
    layout->addWidget(m_copyImages);
    layout->addWidget(m_hardLink);
    layout->addWidget(m_blurFaces);
    auto *order = new QLabel(tr("Each image's final label is its adjudicated decision, else the label its standard "
                                "set, else the consensus. Images without one are listed in unresolved.csv."),
                             this);
    order->setWordWrap(true);
    layout->addWidget(order);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: palette(bright-text); background: #b3261e; padding: 4px;"));
    m_problem->hide();
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));

    connect(browse, &QToolButton::clicked, this, &ExportDialog::chooseFolder);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateState);
    connect(m_blurFaces, &QCheckBox::toggled, this, &ExportDialog::updateState);
    connect(m_folder, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    connect(m_replace, &QCheckBox::toggled, this, &ExportDialog::updateState);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    updateState();
    resize(560, sizeHint().height());
}

void ExportDialog::chooseFolder()
{
    const QString dir = existingDirectory(this, tr("Output folder"), m_folder->text());
    if (!dir.isEmpty())
        m_folder->setText(dir);
}

void ExportDialog::updateState()
{
    m_formatHint->setText(formatHint(m_format->currentData().toString()));
    // Blurring writes new pixels, so there is nothing to link to.
    m_hardLink->setEnabled(!m_blurFaces->isChecked());
    QString problem;
    const QString folder = m_folder->text().trimmed();
    const auto state = folder.isEmpty() ? core::ExportFolderState::Missing
                                        : core::exportFolderState(QDir::toNativeSeparators(folder).toStdString());
    m_replace->setVisible(state == core::ExportFolderState::PreviousExport);
    if (folder.isEmpty())
        problem = tr("Choose an output folder.");
    else if (state == core::ExportFolderState::NotAFolder)
        problem = tr("This is a file, not a folder.");
    else if (state == core::ExportFolderState::Other)
        problem = tr("This folder is not empty and holds no Concord export. Choose a new or empty folder: the "
                     "data set is built beside it and put in place whole.");
    else if (state == core::ExportFolderState::PreviousExport && !m_replace->isChecked())
        problem = tr("This folder holds a previous export. Tick “Replace” to replace it, or choose "
                     "another folder.");
    else if (m_blurFaces->isChecked() && !QFileInfo::exists(QString::fromUtf8(core::kDefaultFaceCascade)))
        problem = tr("Face blurring needs OpenCV's Haar cascade at %1 (Debian package opencv-data).")
                      .arg(QString::fromUtf8(core::kDefaultFaceCascade));
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

core::ExportRequest ExportDialog::request() const
{
    core::ExportRequest r;
    r.format = m_format->currentData().toString().toStdString();
    r.outDir = std::filesystem::path(QDir::toNativeSeparators(m_folder->text().trimmed()).toStdString());
    r.options.consensus = core::parseConsensusMethod(m_consensus->currentData().toString().toStdString());
    r.options.minAgreement = m_minAgreement->value();
    r.options.includeUnresolved = m_includeUnresolved->isChecked();
    r.blurFaces = m_blurFaces->isChecked();
    r.copyImages = m_copyImages->isChecked();
    r.hardLink = m_hardLink->isEnabled() && m_hardLink->isChecked();
    r.replace = !m_replace->isHidden() && m_replace->isChecked();
    return r;
}

void ExportDialog::accept()
{
    QSettings settings;
    settings.setValue(kGroup + QStringLiteral("format"), m_format->currentData());
    settings.setValue(kGroup + QStringLiteral("consensus"), m_consensus->currentData());
    settings.setValue(kGroup + QStringLiteral("minAgreement"), m_minAgreement->value());
    settings.setValue(kGroup + QStringLiteral("includeUnresolved"), m_includeUnresolved->isChecked());
    settings.setValue(kGroup + QStringLiteral("blurFaces"), m_blurFaces->isChecked());
    settings.setValue(kGroup + QStringLiteral("copyImages"), m_copyImages->isChecked());
    settings.setValue(kGroup + QStringLiteral("hardLink"), m_hardLink->isChecked());
    settings.setValue(m_folderKey, m_folder->text().trimmed());
    QDialog::accept();
}

} // namespace concord::ui
