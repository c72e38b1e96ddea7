// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/tourdialog.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

namespace concord::ui {

namespace {

struct TourPage
{
    const char *title;
    const char *text;
    const char *picture; ///< resource path
};

// The loop of DESIGN §1, in the words a quality lead uses.
const TourPage kPages[] = {
    {QT_TRANSLATE_NOOP("concord::ui::TourDialog", "1. Label, blind"),
     QT_TRANSLATE_NOOP("concord::ui::TourDialog",
                       "Several labelers label the same images without seeing each other's answers. One key per "
                       "class saves and moves on; L measures a defect in millimetres. Each labeler works through "
                       "their own queue; nobody sees another's label or count."),
     ":/concord/tour/label.jpg"},
    {QT_TRANSLATE_NOOP("concord::ui::TourDialog", "2. See where they disagree"),
     QT_TRANSLATE_NOOP("concord::ui::TourDialog",
                       "The lead's dashboard shows human-level performance (HLP: how often two labelers agree) with "
                       "Fleiss' κ, Krippendorff's α and Gwet's AC1, per labeler and per class. The disagreement "
                       "profile shows where along an attribute the answers part, and each labeler's own threshold."),
     ":/concord/tour/dashboard.jpg"},
    {QT_TRANSLATE_NOOP("concord::ui::TourDialog", "3. Find the cause"),
     QT_TRANSLATE_NOOP("concord::ui::TourDialog",
                       "Clusters explain the disputes: \"length_mm between 1.06 and 2.76: 71 % disagree vs 7 % "
                       "outside\". Select one to see its images with every labeler's vote, then write a standard "
                       "for it."),
     ":/concord/tour/clusters.jpg"},
    {QT_TRANSLATE_NOOP("concord::ui::TourDialog", "4. Write the standard, preview it, apply it"),
     QT_TRANSLATE_NOOP("concord::ui::TourDialog",
                       "A standard is text labelers read, example images, and optionally a rule Concord can apply: "
                       "\"scratch if length_mm >= 1.5 else ok\". The preview lists every label it would change and "
                       "HLP before → after; Apply writes it in one step, and Ctrl+Z takes it back exactly."),
     ":/concord/tour/standards.jpg"},
    {QT_TRANSLATE_NOOP("concord::ui::TourDialog", "5. Adjudicate what is left"),
     QT_TRANSLATE_NOOP("concord::ui::TourDialog",
                       "The remaining conflicts come one by one with every labeler's label and shapes on the "
                       "image: 1–9 decides, M takes the majority, U marks it ambiguous, Enter moves on."),
     ":/concord/tour/adjudication.jpg"},
    {QT_TRANSLATE_NOOP("concord::ui::TourDialog", "6. Export a consistent data set"),
     QT_TRANSLATE_NOOP("concord::ui::TourDialog",
                       "File → Export writes COCO, YOLO, Pascal VOC, CSV, ImageFolder or JSON with the provenance "
                       "of every label, optionally with faces blurred; File → Write report gives one HTML page "
                       "with the figures before and after."),
     ":/concord/tour/export.jpg"},
};

} // namespace

TourDialog::TourDialog(QWidget *parent)
    : QDialog(parent)
    , m_step(new QLabel(this))
    , m_title(new QLabel(this))
    , m_picture(new QLabel(this))
    , m_text(new QLabel(this))
    , m_back(new QPushButton(tr("← &Back"), this))
    , m_next(new QPushButton(tr("&Next →"), this))
    , m_demo(new QPushButton(tr("Try it on the &demo"), this))
{
    setObjectName(QStringLiteral("tourDialog"));
    setWindowTitle(tr("Tour: raising the agreement between labelers"));
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.5);
    tf.setBold(true);
    m_title->setFont(tf);
    m_step->setForegroundRole(QPalette::PlaceholderText);
    m_picture->setAlignment(Qt::AlignCenter);
    m_picture->setMinimumSize(720, 450);
    m_text->setWordWrap(true);
    m_text->setMinimumHeight(70);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_step);
    buttons->addStretch(1);
    buttons->addWidget(m_demo);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_picture, 1);
    layout->addWidget(m_text);
    layout->addLayout(buttons);

    connect(m_back, &QPushButton::clicked, this, [this] { showPage(m_page - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] {
        if (m_page + 1 < pageCount())
            showPage(m_page + 1);
        else
            accept();
    });
    connect(m_demo, &QPushButton::clicked, this, [this] {
        accept();
        emit demoRequested();
    });
    showPage(0);
}

int TourDialog::pageCount() const
{
    return int(std::size(kPages));
}

void TourDialog::showPage(int page)
{
    if (page < 0 || page >= pageCount() || page == m_page)
        return;
    m_page = page;
    const TourPage &p = kPages[page];
    m_title->setText(tr(p.title));
    m_text->setText(tr(p.text));
    const QPixmap picture(QString::fromLatin1(p.picture));
    m_picture->setPixmap(picture.isNull()
                             ? QPixmap()
                             : picture.scaled(m_picture->minimumSize(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
    m_step->setText(tr("Step %1 of %2").arg(page + 1).arg(pageCount()));
    m_back->setEnabled(page > 0);
    const bool last = page + 1 == pageCount();
    m_next->setText(last ? tr("&Close") : tr("&Next →"));
    m_next->setDefault(true);
    m_demo->setVisible(last);
}

void TourDialog::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_PageDown: showPage(m_page + 1); return;
    case Qt::Key_Left:
    case Qt::Key_PageUp: showPage(m_page - 1); return;
    default: QDialog::keyPressEvent(event);
    }
}

} // namespace concord::ui
