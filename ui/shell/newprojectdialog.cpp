// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/newprojectdialog.h"

#include "core/common/error.h"
#include "core/project/project_ops.h"
#include "core/project/classkeys.h"
#include "ui/document/errortext.h"
#include "ui/shell/filedialogs.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <functional>

namespace concord::ui {

namespace {

enum Column
{
    NameColumn,
    KeyColumn,
    ColorColumn
};

QWidget *withBrowse(QLineEdit *edit, QWidget *parent, const std::function<void()> &browse)
{
    auto *w = new QWidget(parent);
    auto *l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(edit, 1);
    auto *b = new QPushButton(QObject::tr("Browse…"), w);
    QObject::connect(b, &QPushButton::clicked, w, browse);
    l->addWidget(b);
    return w;
}

} // namespace

NewProjectDialog::NewProjectDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_file(new QLineEdit(this))
    , m_folder(new QLineEdit(this))
    , m_classes(new QTableWidget(0, 3, this))
    , m_overlap(new QSpinBox(this))
    , m_pxPerMm(new QDoubleSpinBox(this))
    , m_hideFileNames(new QCheckBox(tr("&Hide file names from labelers"), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("newProjectDialog"));
    setWindowTitle(tr("New project"));
    m_name->setObjectName(QStringLiteral("projectName"));
    m_file->setObjectName(QStringLiteral("projectFile"));
    m_folder->setObjectName(QStringLiteral("imageFolder"));
    m_classes->setObjectName(QStringLiteral("classTable"));
    m_error->setObjectName(QStringLiteral("newProjectError"));
    auto *form = new QFormLayout;
    m_name->setPlaceholderText(tr("e.g. Phone surfaces, lot 7"));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Project &file:"), withBrowse(m_file, this, [this] {
                     const QString f =
                         saveFileName(this, tr("Project file"), m_file->text(), tr("Concord projects (*.concord)"));
                     if (!f.isEmpty()) {
                         m_file->setText(f.endsWith(QStringLiteral(".concord")) ? f : f + QStringLiteral(".concord"));
                         m_fileEdited = true;
                     }
                 }));
    form->addRow(tr("&Image folder:"), withBrowse(m_folder, this, [this] {
                     const QString d = existingDirectory(this, tr("Image folder"), m_folder->text());
                     if (!d.isEmpty())
                         m_folder->setText(d);
                 }));
    m_overlap->setRange(1, 50);
    m_overlap->setValue(3);
    m_overlap->setToolTip(tr("How many labelers label each image (k)."));
    form->addRow(tr("&Labels per image (k):"), m_overlap);
    m_pxPerMm->setRange(0.0, 100000.0);
    m_pxPerMm->setDecimals(3);
    m_pxPerMm->setSpecialValueText(tr("unknown"));
    m_pxPerMm->setSuffix(tr(" px/mm"));
    m_pxPerMm->setToolTip(tr("Calibration used to turn measured lengths into millimetres."));
    form->addRow(tr("&Scale:"), m_pxPerMm);
    m_hideFileNames->setObjectName(QStringLiteral("hideFileNames"));
    m_hideFileNames->setChecked(core::ProjectSettings{}.hideFileNames);
    m_hideFileNames->setToolTip(tr("Labelers see \"Image 12\" instead of file names, which often carry the class."));
    form->addRow(QString(), m_hideFileNames);

    m_classes->setHorizontalHeaderLabels({tr("Class"), tr("Key"), tr("Colour")});
    m_classes->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_classes->verticalHeader()->hide();
    m_classes->setMinimumHeight(170);
    for (const QString &c : {QStringLiteral("ok"), QStringLiteral("scratch"), QStringLiteral("dent")})
        addClassRow(c);
    auto *classButtons = new QHBoxLayout;
    auto *add = new QToolButton(this);
    add->setText(tr("Add class"));
    auto *remove = new QToolButton(this);
    remove->setText(tr("Remove class"));
    classButtons->addWidget(add);
    classButtons->addWidget(remove);
    classButtons->addStretch(1);
    connect(add, &QToolButton::clicked, this, [this] { addClassRow(QString()); });
    connect(remove, &QToolButton::clicked, this, [this] {
        if (m_classes->currentRow() >= 0)
            m_classes->removeRow(m_classes->currentRow());
    });
    connect(m_classes, &QTableWidget::cellDoubleClicked, this, [this](int row, int col) {
        if (col == ColorColumn)
            pickColor(row);
    });

    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    connect(buttons, &QDialogButtonBox::accepted, this, &NewProjectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textEdited, this, &NewProjectDialog::updateFileFromName);
    for (QLineEdit *edit : {m_name, m_file, m_folder})
        connect(edit, &QLineEdit::textChanged, this, &NewProjectDialog::recheck);
    connect(m_classes, &QTableWidget::itemChanged, this, &NewProjectDialog::recheck);
    connect(m_classes->model(), &QAbstractItemModel::rowsRemoved, this, &NewProjectDialog::recheck);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("<b>Classes</b> (double-click a colour to change it)"), this));
    layout->addWidget(m_classes);
    layout->addLayout(classButtons);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(560, 560);
}

void NewProjectDialog::addClassRow(const QString &name)
{
    const int row = m_classes->rowCount();
    m_classes->insertRow(row);
    m_classes->setItem(row, NameColumn, new QTableWidgetItem(name));
    const auto &keys = core::defaultClassKeys(); // the keys a project created in core would give
    m_classes->setItem(row, KeyColumn,
                       new QTableWidgetItem(static_cast<std::size_t>(row) < keys.size()
                                                ? QString::fromStdString(keys[static_cast<std::size_t>(row)])
                                                : QString()));
    auto *color = new QTableWidgetItem(QString::fromStdString(core::defaultClassColor(static_cast<std::size_t>(row))));
    color->setFlags(color->flags() & ~Qt::ItemIsEditable);
    color->setBackground(QColor(color->text()));
    m_classes->setItem(row, ColorColumn, color);
    if (name.isEmpty())
        m_classes->editItem(m_classes->item(row, NameColumn));
}

void NewProjectDialog::pickColor(int row)
{
    auto *item = m_classes->item(row, ColorColumn);
    const QColor c = QColorDialog::getColor(QColor(item->text()), this, tr("Class colour"));
    if (c.isValid()) {
        item->setText(c.name());
        item->setBackground(c);
    }
}

void NewProjectDialog::updateFileFromName()
{
    if (m_fileEdited)
        return;
    QString base = m_name->text().trimmed();
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]+")), QStringLiteral("-"));
    if (base.isEmpty())
        return;
    const QString dir = m_folder->text().isEmpty() ? QDir::homePath() : QFileInfo(m_folder->text()).absolutePath();
    m_file->setText(QDir(dir).filePath(base + QStringLiteral(".concord")));
}

QString NewProjectDialog::projectFile() const
{
    return m_file->text().trimmed();
}

QString NewProjectDialog::imageFolder() const
{
    return m_folder->text().trimmed();
}

core::ProjectSettings NewProjectDialog::settings() const
{
    core::ProjectSettings s;
    s.name = m_name->text().trimmed().toStdString();
    s.overlap = m_overlap->value();
    s.pxPerMm = m_pxPerMm->value();
    s.hideFileNames = m_hideFileNames->isChecked();
    return s;
}

std::vector<core::LabelClass> NewProjectDialog::classes() const
{
    std::vector<core::LabelClass> out;
    for (int row = 0; row < m_classes->rowCount(); ++row) {
        const QString name =
            m_classes->item(row, NameColumn) ? m_classes->item(row, NameColumn)->text().trimmed() : QString();
        if (name.isEmpty())
            continue;
        core::LabelClass c;
        c.name = name.toStdString();
        c.shortcut = m_classes->item(row, KeyColumn) ? m_classes->item(row, KeyColumn)->text().trimmed().toStdString()
                                                     : std::string();
        c.color = m_classes->item(row, ColorColumn)->text().toStdString();
        out.push_back(c);
    }
    return out;
}

QString NewProjectDialog::problem() const
{
    QString problem;
    auto cls = classes();
    try {
        core::checkProjectClasses(cls); // the checks the project makes when it is created
    } catch (const core::Error &e) {
        problem = sentence(QString::fromStdString(e.detail())) + QLatin1Char('.');
    }
    if (m_name->text().trimmed().isEmpty())
        problem = tr("Give the project a name.");
    if (projectFile().isEmpty())
        problem = tr("Choose where to save the project file.");
    else if (QFileInfo::exists(projectFile()))
        problem = tr("%1 exists already; choose another file.").arg(projectFile());
    if (!imageFolder().isEmpty() && !QFileInfo(imageFolder()).isDir())
        problem = tr("The image folder %1 does not exist.").arg(imageFolder());
    return problem;
}

void NewProjectDialog::recheck()
{
    if (!m_error->text().isEmpty())
        m_error->setText(problem());
}

void NewProjectDialog::accept()
{
    const QString text = problem();
    m_error->setText(text);
    if (text.isEmpty())
        QDialog::accept();
}

} // namespace concord::ui
