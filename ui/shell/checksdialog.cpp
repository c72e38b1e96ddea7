// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/checksdialog.h"

#include "core/project/checks.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace concord::ui {

namespace {

/// The seed of the placement; the CLI's default, so both place the same checks.
constexpr std::uint64_t kChecksSeed = 1;

} // namespace

ChecksDialog::ChecksDialog(ProjectDocument *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_repeatShare(new QDoubleSpinBox(this))
    , m_repeatGap(new QSpinBox(this))
    , m_goldShare(new QDoubleSpinBox(this))
    , m_goldCount(new QLabel(this))
{
    setWindowTitle(tr("Consistency checks"));
    const core::ProjectSettings s = m_document->leadReader().settings();
    m_repeatShare->setObjectName(QStringLiteral("repeatShare"));
    m_repeatShare->setRange(0.0, 50.0);
    m_repeatShare->setDecimals(1);
    m_repeatShare->setSuffix(QStringLiteral(" %"));
    m_repeatShare->setValue(s.repeatShare * 100.0);
    m_repeatGap->setObjectName(QStringLiteral("repeatGap"));
    m_repeatGap->setRange(1, 100000);
    m_repeatGap->setSuffix(tr(" images"));
    m_repeatGap->setValue(s.repeatGap);
    m_goldShare->setObjectName(QStringLiteral("goldShare"));
    m_goldShare->setRange(0.0, 50.0);
    m_goldShare->setDecimals(1);
    m_goldShare->setSuffix(QStringLiteral(" %"));
    m_goldShare->setValue(s.goldShare * 100.0);

    auto *intro = new QLabel(tr("A repeat shows a labeler an image they labeled again, later, exactly like a new "
                                "image; a gold check shows an image with your gold class that they were not "
                                "given. Answers are kept apart and never count between labelers. The dashboard "
                                "shows each labeler's self-agreement beside their agreement with others."),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Repeats in each queue:"), m_repeatShare);
    form->addRow(tr("At &least this much later:"), m_repeatGap);
    form->addRow(tr("&Gold checks in each queue:"), m_goldShare);
    auto *markGold = new QPushButton(tr("&Mark every decision as gold"), this);
    markGold->setObjectName(QStringLiteral("markDecisionsGold"));
    connect(markGold, &QPushButton::clicked, this, &ChecksDialog::markDecisionsGold);
    form->addRow(m_goldCount, markGold);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Apply to the queues"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ChecksDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ChecksDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    updateGoldCount();
}

void ChecksDialog::updateGoldCount()
{
    m_goldCount->setText(
        tr("%n gold image(s)", nullptr, static_cast<int>(m_document->leadReader().goldLabels().size())));
}

void ChecksDialog::markDecisionsGold()
{
    try {
        const std::int64_t set = core::markDecisionsGold(m_document->leadStore(), {}, m_document->labeler().name);
        updateGoldCount();
        if (set == 0)
            m_goldCount->setText(tr("No decision to mark yet: adjudicate first."));
    } catch (const std::exception &e) {
        QMessageBox::warning(this, tr("Not marked"), errorText(e));
    }
}

void ChecksDialog::accept()
{
    try {
        core::Store &store = m_document->leadStore();
        core::CheckSchedule added;
        store.transaction([&] {
            core::ProjectSettings s = store.settings();
            s.repeatShare = m_repeatShare->value() / 100.0;
            s.repeatGap = m_repeatGap->value();
            s.goldShare = m_goldShare->value() / 100.0;
            store.setSettings(s);
            added = core::scheduleChecks(store, kChecksSeed, std::nullopt, m_document->labeler().name);
        });
        m_document->notifyProjectDataChanged({ProjectChange::Labels, {}});
        m_result =
            tr("Added %1 repeats and %2 gold checks to the labelers' queues.").arg(added.repeats).arg(added.gold);
        QDialog::accept();
    } catch (const std::exception &e) {
        QMessageBox::warning(this, tr("Not applied"), errorText(e));
    }
}

} // namespace concord::ui
