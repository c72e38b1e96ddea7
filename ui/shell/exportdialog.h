// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/datasetexporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace concord::ui {

/// Asks how to export the consistent data set (the same choices as `concord-cli export`):
/// format, output folder, consensus method and minimum agreement, unresolved images, face
/// blurring, copying or hard-linking. The output folder must be new or empty; when it holds a
/// previous export, the dialog asks whether to replace it (the "replace" box, `--replace`).
/// The choices are remembered (QSettings) for the next export. The export itself runs in
/// MainWindow with a progress dialog.
class ExportDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ExportDialog(const QString &projectFile, QWidget *parent = nullptr);

    /// The request as chosen (progress not set).
    core::ExportRequest request() const;

    QComboBox *formatBox() const { return m_format; }
    QLineEdit *folderEdit() const { return m_folder; }
    QCheckBox *replaceBox() const { return m_replace; }

    void accept() override;

private:
    void chooseFolder();
    void updateState();

    QComboBox *m_format;
    QLineEdit *m_folder;
    QComboBox *m_consensus;
    QDoubleSpinBox *m_minAgreement;
    QCheckBox *m_includeUnresolved;
    QCheckBox *m_blurFaces;
    QCheckBox *m_copyImages;
    QCheckBox *m_hardLink;
    QCheckBox *m_replace;
    QLabel *m_formatHint;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QString m_folderKey; ///< QSettings key of this project's last output folder
};

} // namespace concord::ui
