// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include <functional>

class QAction;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QComboBox;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace concord::ui {

class ProjectDocument;

/// Project → Settings… (lead only, issue #19): the project's classes (add, rename, recolour,
/// re-key, reorder), the overlap k, the calibration, and who labels what (each person's queue;
/// add a labeler and fill their queue). Every edit is written at once through a
/// ProjectDocument intention, so the other views follow and Edit → Undo takes back a rename, a
/// colour, a key, an order, an overlap or a calibration; a class or a person added is not an
/// undo step (the project has no call that removes either). Core checks each edit: a refused
/// one (a name another class has, a key in use or not one key press) is put back in the table
/// and the reason is shown in words under it. A class key that an action of the labeling view
/// has (S skips) is refused here, naming the action: core knows no actions. The same for a
/// project file and a server project.
class ProjectSettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ProjectSettingsDialog(ProjectDocument *document, QWidget *parent = nullptr);
    ~ProjectSettingsDialog() override;

    /// Closing drops an overlap or calibration typed but not confirmed (Enter, or leaving the
    /// field); every edit made before stays, and Edit → Undo takes it back.
    void done(int result) override;

    /// The last refusal in words; empty after an edit that was written.
    QString errorText() const;

private:
    enum Column
    {
        NameColumn,
        KeyColumn,
        ColorColumn,
    };
    void fillClasses();
    void fillLabelers();
    void fillSettings();
    void classEdited(int row, int column);
    void pickColor(int row);
    void moveClass(int by);
    void addClass();
    void addLabeler();
    void applyOverlap();
    void applyCalibration();
    /// Runs an edit; a core refusal shows its words after `what` (the row and field: "Class
    /// dent keeps its name") and reloads the tables from the project.
    bool attempt(const QString &what, const std::function<void()> &edit);
    void showProblem(const QString &text);
    /// The labeling view's or the window's action with class key `key` (stored form), which
    /// the key would clash with; nullptr when none or the dialog has no window.
    const QAction *actionWithKey(const QString &key) const;

    ProjectDocument *m_document;
    QTableWidget *m_classes;
    QLineEdit *m_newClass;
    QPushButton *m_up;
    QPushButton *m_down;
    QSpinBox *m_overlap;
    QDoubleSpinBox *m_pxPerMm;
    QTableWidget *m_labelers;
    QLineEdit *m_newLabeler;
    QComboBox *m_newRole;
    QLabel *m_error;
    QLabel *m_done;
    bool m_filling = false;
    bool m_closing = false;
};

} // namespace concord::ui
