// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/projectsettingsdialog.h"

#include "core/common/error.h"
#include "core/project/classkeys.h"
#include "core/store/store.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"
#include "ui/shell/keybindings.h"

#include <QAction>
#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace concord::ui {

namespace {

QTableWidgetItem *readOnlyItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

} // namespace

ProjectSettingsDialog::ProjectSettingsDialog(ProjectDocument *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_classes(new QTableWidget(0, 3, this))
    , m_newClass(new QLineEdit(this))
    , m_up(new QPushButton(tr("Move &up"), this))
    , m_down(new QPushButton(tr("Move do&wn"), this))
    , m_overlap(new QSpinBox(this))
    , m_pxPerMm(new QDoubleSpinBox(this))
    , m_labelers(new QTableWidget(0, 4, this))
    , m_newLabeler(new QLineEdit(this))
    , m_newRole(new QComboBox(this))
    , m_error(new QLabel(this))
    , m_done(new QLabel(this))
{
    setObjectName(QStringLiteral("projectSettingsDialog"));
    setWindowTitle(tr("Project settings"));

    // --- classes ---------------------------------------------------------------------------
    m_classes->setObjectName(QStringLiteral("classTable"));
    m_classes->setHorizontalHeaderLabels({tr("Class"), tr("Key"), tr("Colour")});
    m_classes->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_classes->verticalHeader()->hide();
    m_classes->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_classes->setSelectionMode(QAbstractItemView::SingleSelection);
    m_classes->setToolTip(tr("Double-click a name or a key to change it, a colour to pick another"));
    connect(m_classes, &QTableWidget::cellChanged, this, &ProjectSettingsDialog::classEdited);
    connect(m_classes, &QTableWidget::cellDoubleClicked, this, [this](int row, int column) {
        if (column == ColorColumn)
            pickColor(row);
    });
    m_up->setObjectName(QStringLiteral("moveClassUp"));
    m_down->setObjectName(QStringLiteral("moveClassDown"));
    connect(m_up, &QPushButton::clicked, this, [this] { moveClass(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveClass(+1); });
    m_newClass->setObjectName(QStringLiteral("newClassName"));
    m_newClass->setPlaceholderText(tr("New class name"));
    auto *addClassButton = new QPushButton(tr("&Add class"), this);
    addClassButton->setObjectName(QStringLiteral("addClass"));
    connect(addClassButton, &QPushButton::clicked, this, &ProjectSettingsDialog::addClass);
    connect(m_newClass, &QLineEdit::returnPressed, this, &ProjectSettingsDialog::addClass);
    auto *classRow = new QHBoxLayout;
    classRow->addWidget(m_newClass, 1);
    classRow->addWidget(addClassButton);
    auto *orderRow = new QHBoxLayout;
    orderRow->addWidget(m_up);
    orderRow->addWidget(m_down);
    orderRow->addStretch(1);
    auto *classBox = new QGroupBox(tr("Classes"), this);
    auto *classLayout = new QVBoxLayout(classBox);
    auto *classNote = new QLabel(tr("Labels keep their class when it is renamed. The order is the class bar's."), this);
    classNote->setWordWrap(true);
    classLayout->addWidget(classNote);
    classLayout->addWidget(m_classes, 1);
    classLayout->addLayout(orderRow);
    classLayout->addLayout(classRow);

    // --- labeling ----------------------------------------------------------------------------
    m_overlap->setObjectName(QStringLiteral("overlap"));
    m_overlap->setRange(1, core::kMaxOverlap);
    m_overlap->setSuffix(tr(" labelers per image"));
    m_overlap->setToolTip(tr("k: how many labelers label each image. Queues given out already stay; a labeler "
                             "who joins gets a share of the new k."));
    m_pxPerMm->setObjectName(QStringLiteral("pxPerMm"));
    m_pxPerMm->setRange(0.0, 1e6);
    m_pxPerMm->setDecimals(4);
    m_pxPerMm->setSuffix(tr(" px/mm"));
    m_pxPerMm->setSpecialValueText(tr("not calibrated"));
    m_pxPerMm->setToolTip(tr("Pixels per millimetre for images without a calibration of their own: lengths in mm "
                             "and length_mm in rules follow it."));
    connect(m_overlap, &QSpinBox::editingFinished, this, &ProjectSettingsDialog::applyOverlap);
    connect(m_pxPerMm, &QDoubleSpinBox::editingFinished, this, &ProjectSettingsDialog::applyCalibration);
    auto *settingsBox = new QGroupBox(tr("Labeling"), this);
    auto *form = new QFormLayout(settingsBox);
    form->addRow(tr("&Overlap k:"), m_overlap);
    form->addRow(tr("&Calibration:"), m_pxPerMm);

    // --- labelers ----------------------------------------------------------------------------
    m_labelers->setObjectName(QStringLiteral("labelerTable"));
    m_labelers->setHorizontalHeaderLabels({tr("Person"), tr("Role"), tr("Queue"), tr("Labeled")});
    m_labelers->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_labelers->verticalHeader()->hide();
    m_labelers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_labelers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_newLabeler->setObjectName(QStringLiteral("newLabelerName"));
    m_newLabeler->setPlaceholderText(tr("New person's name"));
    m_newRole->setObjectName(QStringLiteral("newLabelerRole"));
    m_newRole->addItem(tr("Labeler"), static_cast<int>(core::Role::Labeler));
    m_newRole->addItem(tr("Lead"), static_cast<int>(core::Role::Lead));
    auto *addLabelerButton = new QPushButton(tr("Add &person"), this);
    addLabelerButton->setObjectName(QStringLiteral("addLabeler"));
    connect(addLabelerButton, &QPushButton::clicked, this, &ProjectSettingsDialog::addLabeler);
    connect(m_newLabeler, &QLineEdit::returnPressed, this, &ProjectSettingsDialog::addLabeler);
    auto *labelerRow = new QHBoxLayout;
    labelerRow->addWidget(m_newLabeler, 1);
    labelerRow->addWidget(m_newRole);
    labelerRow->addWidget(addLabelerButton);
    auto *labelerBox = new QGroupBox(tr("Who labels what"), this);
    auto *labelerLayout = new QVBoxLayout(labelerBox);
    auto *labelerNote =
        new QLabel(tr("A new labeler gets their share of the images at once (images still short of k first)."), this);
    labelerNote->setWordWrap(true);
    labelerLayout->addWidget(labelerNote);
    if (core::isServerLocation(m_document->filePath().toStdString())) {
        auto *serverNote = new QLabel(tr("On a team server a new person also needs a login: concord-cli server "
                                         "add-labeler (docs/TEAM.md)."),
                                      this);
        serverNote->setWordWrap(true);
        labelerLayout->addWidget(serverNote);
    }
    labelerLayout->addWidget(m_labelers, 1);
    labelerLayout->addLayout(labelerRow);

    // --- the dialog --------------------------------------------------------------------------
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    m_error->hide();
    m_done->setObjectName(QStringLiteral("settingsDone"));
    m_done->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // The window's Edit → Undo cannot be reached while this modal dialog is open: the dialog
    // has its own, on the same undo stack, naming the step it takes back.
    QUndoStack *undoStack = m_document->undoStack();
    QAction *undo = undoStack->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("settingsUndoAction"));
    undo->setShortcuts(QKeySequence::Undo);
    QAction *redo = undoStack->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("settingsRedoAction"));
    redo->setShortcuts(QKeySequence::Redo);
    addAction(undo);
    addAction(redo);
    auto *undoButton = new QToolButton(this);
    undoButton->setObjectName(QStringLiteral("settingsUndo"));
    undoButton->setDefaultAction(undo);
    undoButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *redoButton = new QToolButton(this);
    redoButton->setObjectName(QStringLiteral("settingsRedo"));
    redoButton->setDefaultAction(redo);
    redoButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // An undo or redo the project refuses (the old key was given to another class since).
    connect(m_document, &ProjectDocument::leadActionFailed, this, &ProjectSettingsDialog::showProblem);
    // Enter confirms the field it is typed in (a name, the overlap) and nothing else: with no
    // Accept button, Qt would make the first button in the focus chain the default, and Enter
    // in the calibration would also move a class, add one, or close the dialog.
    for (QPushButton *b : findChildren<QPushButton *>())
        b->setAutoDefault(false);
    // A complaint about a name to add goes once that name is edited.
    for (QLineEdit *name : {m_newClass, m_newLabeler})
        connect(name, &QLineEdit::textEdited, this, [this] { showProblem({}); });

    auto *right = new QVBoxLayout;
    right->addWidget(settingsBox);
    right->addWidget(labelerBox, 1);
    auto *columns = new QHBoxLayout;
    columns->addWidget(classBox, 1);
    columns->addLayout(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_done);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(undoButton);
    bottom->addWidget(redoButton);
    bottom->addWidget(buttons, 1);
    layout->addLayout(bottom);

    // An undo (Ctrl+Z in the window) or another view may change what the dialog shows.
    connect(m_document, &ProjectDocument::classesChanged, this, &ProjectSettingsDialog::fillClasses);
    connect(m_document, &ProjectDocument::settingsChanged, this, &ProjectSettingsDialog::fillSettings);
    fillClasses();
    fillSettings();
    fillLabelers();
    resize(900, 520);
}

ProjectSettingsDialog::~ProjectSettingsDialog()
{
    // QDialog deletes the children after this part of the object is gone; a spin box that
    // loses the focus then reports editingFinished, which must not reach this dialog.
    for (QObject *child : findChildren<QObject *>())
        child->disconnect(this);
}

void ProjectSettingsDialog::done(int result)
{
    m_closing = true; // the focus leaving a spin box as the dialog hides confirms nothing
    QDialog::done(result);
    m_closing = false;
}

QString ProjectSettingsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ProjectSettingsDialog::showProblem(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    if (!text.isEmpty())
        m_done->clear();
}

bool ProjectSettingsDialog::attempt(const QString &what, const std::function<void()> &edit)
{
    try {
        edit();
        showProblem({});
        return true;
    } catch (const core::Error &e) {
        // Core's reason for refusing this edit reads best after what was refused; anything
        // else (a lock, a server away) gets its full text.
        showProblem(e.code() == core::ErrorCode::Invalid ? tr("%1: %2.").arg(what, QString::fromStdString(e.detail()))
                                                         : tr("%1. %2").arg(what, concord::ui::errorText(e)));
    } catch (const std::exception &e) {
        showProblem(tr("%1. %2").arg(what, concord::ui::errorText(e)));
    }
    fillClasses();
    fillSettings();
    fillLabelers();
    return false;
}

void ProjectSettingsDialog::fillClasses()
{
    m_filling = true;
    const int current = m_classes->currentRow();
    const auto &classes = m_document->classes();
    m_classes->setRowCount(static_cast<int>(classes.size()));
    for (int row = 0; row < static_cast<int>(classes.size()); ++row) {
        const core::LabelClass &c = classes[static_cast<std::size_t>(row)];
        auto *name = new QTableWidgetItem(QString::fromStdString(c.name));
        name->setData(Qt::UserRole, QVariant::fromValue<qint64>(c.id));
        m_classes->setItem(row, NameColumn, name);
        m_classes->setItem(row, KeyColumn, new QTableWidgetItem(QString::fromStdString(c.shortcut)));
        auto *color = readOnlyItem(QString::fromStdString(c.color));
        color->setBackground(QColor(QString::fromStdString(c.color)));
        color->setForeground(QColor(QString::fromStdString(c.color)).lightness() < 128 ? Qt::white : Qt::black);
        m_classes->setItem(row, ColorColumn, color);
    }
    if (current >= 0 && current < m_classes->rowCount())
        m_classes->selectRow(current);
    m_filling = false;
}

void ProjectSettingsDialog::fillSettings()
{
    const core::ProjectSettings s = m_document->leadReader().settings();
    const QSignalBlocker b1(m_overlap);
    const QSignalBlocker b2(m_pxPerMm);
    m_overlap->setValue(s.overlap);
    m_pxPerMm->setValue(s.pxPerMm);
}

void ProjectSettingsDialog::fillLabelers()
{
    const auto rows = m_document->labelerWorkloads();
    m_labelers->setRowCount(static_cast<int>(rows.size()));
    for (int row = 0; row < static_cast<int>(rows.size()); ++row) {
        const auto &w = rows[static_cast<std::size_t>(row)];
        m_labelers->setItem(row, 0, readOnlyItem(QString::fromStdString(w.labeler.name)));
        m_labelers->setItem(row, 1, readOnlyItem(w.labeler.role == core::Role::Lead ? tr("lead") : tr("labeler")));
        auto *queue = readOnlyItem(QString::number(w.assigned));
        queue->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_labelers->setItem(row, 2, queue);
        auto *labeled = readOnlyItem(QString::number(w.labeled));
        labeled->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_labelers->setItem(row, 3, labeled);
    }
}

void ProjectSettingsDialog::classEdited(int row, int column)
{
    if (m_filling || column == ColorColumn)
        return;
    const auto &classes = m_document->classes();
    if (row < 0 || row >= static_cast<int>(classes.size()))
        return;
    const core::LabelClass &was = classes[static_cast<std::size_t>(row)];
    core::LabelClass changed = was;
    QString text = m_classes->item(row, column)->text().trimmed();
    if (column == NameColumn) {
        changed.name = text.toStdString();
    } else {
        // Core's spelling ("s" is S), so the key is compared with the actions' as stored.
        const auto key = core::canonicalClassKey(text.toStdString());
        changed.shortcut = key ? *key : text.toStdString();
        text = QString::fromStdString(changed.shortcut);
    }
    const QString before = QString::fromStdString(was.name);
    if (changed.name == was.name && changed.shortcut == was.shortcut) {
        fillClasses(); // only spaces added: nothing to write, no undo step
        return;
    }
    const QString what = column == NameColumn ? tr("Class %1 keeps its name").arg(before)
                         : was.shortcut.empty()
                             ? tr("Class %1 keeps no key").arg(before)
                             : tr("Class %1 keeps key %2").arg(before, QString::fromStdString(was.shortcut));
    if (column == KeyColumn)
        if (const QAction *action = actionWithKey(text)) {
            showProblem(tr("%1: %2 is the key of “%3” in the labeling view.").arg(what, text, plainActionText(action)));
            fillClasses();
            return;
        }
    if (attempt(what, [&] { m_document->changeClass(changed); })) {
        m_done->setText(column == NameColumn ? tr("Class %1 is now %2.").arg(before, text)
                                             : tr("Class %1 now has key %2.").arg(before, text));
        fillClasses();
    }
}

const QAction *ProjectSettingsDialog::actionWithKey(const QString &key) const
{
    QWidget *window = parentWidget() ? parentWidget()->window() : nullptr;
    if (!window || key.isEmpty())
        return nullptr;
    return actionWithClassKey(window, QKeySequence::fromString(key, QKeySequence::PortableText));
}

void ProjectSettingsDialog::pickColor(int row)
{
    const auto &classes = m_document->classes();
    if (row < 0 || row >= static_cast<int>(classes.size()))
        return;
    core::LabelClass changed = classes[static_cast<std::size_t>(row)];
    const QColor c = QColorDialog::getColor(QColor(QString::fromStdString(changed.color)), this,
                                            tr("Colour of %1").arg(QString::fromStdString(changed.name)));
    if (!c.isValid())
        return;
    changed.color = c.name().toStdString();
    if (attempt(tr("Class %1 keeps its colour").arg(QString::fromStdString(changed.name)),
                [&] { m_document->changeClass(changed); }))
        fillClasses();
}

void ProjectSettingsDialog::moveClass(int by)
{
    const int row = m_classes->currentRow();
    const auto &classes = m_document->classes();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= static_cast<int>(classes.size()))
        return;
    std::vector<core::Id> ids;
    for (const auto &c : classes)
        ids.push_back(c.id);
    std::swap(ids[static_cast<std::size_t>(row)], ids[static_cast<std::size_t>(to)]);
    if (attempt(tr("The order stays as it was"), [&] { m_document->reorderClasses(ids); })) {
        fillClasses();
        m_classes->selectRow(to);
    }
}

void ProjectSettingsDialog::addClass()
{
    const QString name = m_newClass->text().trimmed();
    if (name.isEmpty()) {
        showProblem(tr("Type the new class's name first."));
        return;
    }
    core::LabelClass c;
    c.name = name.toStdString();
    // The first free default key that no action of the labeling view has either (a key bound
    // in Edit → Preferences… to Shift+A is skipped).
    std::vector<std::string> taken;
    for (const std::string &key : core::defaultClassKeys())
        if (actionWithKey(QString::fromStdString(key)))
            taken.push_back(key);
    c.shortcut = core::firstFreeClassKey(m_document->classes(), taken);
    core::LabelClass added;
    if (attempt(tr("Class %1 is not added").arg(name), [&] { added = m_document->addClass(c); })) {
        m_newClass->clear();
        fillClasses();
        m_done->setText(added.shortcut.empty()
                            ? tr("Class %1 added.").arg(name)
                            : tr("Class %1 added with key %2.").arg(name, QString::fromStdString(added.shortcut)));
    }
}

void ProjectSettingsDialog::addLabeler()
{
    const QString name = m_newLabeler->text().trimmed();
    if (name.isEmpty()) {
        showProblem(tr("Type the new person's name first."));
        return;
    }
    const auto role = static_cast<core::Role>(m_newRole->currentData().toInt());
    core::AddedLabeler added;
    if (attempt(tr("%1 is not added").arg(name), [&] { added = m_document->addLabeler(name, role); })) {
        m_newLabeler->clear();
        fillLabelers();
        m_done->setText(
            role == core::Role::Lead
                ? tr("%1 added as a lead.").arg(name)
                : tr("%1 added with %n image(s) in their queue.", nullptr, static_cast<int>(added.queued)).arg(name));
    }
}

void ProjectSettingsDialog::applyOverlap()
{
    const int k = m_overlap->value();
    const int was = m_document->leadReader().settings().overlap;
    if (m_closing || !isVisible() || k == was)
        return;
    if (attempt(tr("The overlap stays %1").arg(was), [&] { m_document->setOverlap(k); }))
        m_done->setText(tr("Overlap set to %1: new queues give each image to %1 labelers.").arg(k));
}

void ProjectSettingsDialog::applyCalibration()
{
    const double v = m_pxPerMm->value();
    if (m_closing || !isVisible() || v == m_document->leadReader().settings().pxPerMm)
        return;
    if (attempt(tr("The calibration stays as it was"), [&] { m_document->setCalibration(v); }))
        m_done->setText(v > 0 ? tr("Calibration set to %1 px/mm.").arg(v) : tr("The project is not calibrated now."));
}

} // namespace concord::ui
