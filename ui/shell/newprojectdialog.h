// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QDialog>

#include <vector>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace concord::ui {

/// New Project: name, project file, image folder, classes (name, key, colour), labels per
/// image k, the default px per mm and whether labelers see file names (hidden by default). The dialog only collects and
/// checks; MainWindow creates the project and imports the folder.
class NewProjectDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit NewProjectDialog(QWidget *parent = nullptr);

    QString projectFile() const;
    QString imageFolder() const;
    core::ProjectSettings settings() const;
    std::vector<core::LabelClass> classes() const;

    void accept() override;

private:
    void addClassRow(const QString &name);
    void pickColor(int row);
    void updateFileFromName();
    /// What stops the project from being created, in words; empty when nothing does.
    QString problem() const;
    /// Once a problem is shown, checks again on every edit, so the error goes (or changes) as
    /// soon as the input is fixed instead of staying until the next Create.
    void recheck();

    QLineEdit *m_name;
    QLineEdit *m_file;
    QLineEdit *m_folder;
    QTableWidget *m_classes;
    QSpinBox *m_overlap;
    QDoubleSpinBox *m_pxPerMm;
    QCheckBox *m_hideFileNames;
    QLabel *m_error;
    bool m_fileEdited = false;
};

} // namespace concord::ui
