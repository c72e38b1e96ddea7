// SPDX-License-Identifier: GPL-3.0-or-later
// ProjectDocument's project settings (Project → Settings…, issue #19): classes, overlap,
// calibration, labelers. Kept beside projectdocument.cpp so that file stays a labeler's.
#include "ui/document/projectdocument.h"

#include "ui/commands/classescommand.h"
#include "ui/commands/settingscommand.h"

#include <QUndoStack>

#include <algorithm>

namespace concord::ui {

namespace {

bool sameLook(const core::LabelClass &a, const core::LabelClass &b)
{
    return a.name == b.name && a.color == b.color && a.shortcut == b.shortcut && a.description == b.description;
}

} // namespace

core::LabelClass ProjectDocument::addClass(const core::LabelClass &cls)
{
    core::LabelClass added = core::addProjectClass(leadStore(), cls, m_labeler.name);
    m_classes = m_store->classes();
    emit classesChanged();
    emit projectDataChanged({ProjectChange::Classes, {}});
    return added;
}

void ProjectDocument::changeClass(const core::LabelClass &changed)
{
    auto before = leadReader().classes();
    const auto old = std::find_if(before.begin(), before.end(), [&](const auto &c) { return c.id == changed.id; });
    core::changeClass(leadStore(), changed, m_labeler.name);
    QString text;
    if (old == before.end() || old->name != changed.name)
        text = tr("Rename class %1 to %2")
                   .arg(old == before.end() ? QString() : QString::fromStdString(old->name),
                        QString::fromStdString(changed.name));
    else
        text = tr("Change class %1").arg(QString::fromStdString(changed.name));
    m_classes = m_store->classes();
    m_undoStack->push(new ClassesCommand(this, std::move(before), m_classes, text));
    emit classesChanged();
    emit projectDataChanged({ProjectChange::Classes, {}});
}

void ProjectDocument::reorderClasses(const std::vector<core::Id> &ids)
{
    auto before = leadReader().classes();
    core::reorderClasses(leadStore(), ids, m_labeler.name);
    m_classes = m_store->classes();
    m_undoStack->push(new ClassesCommand(this, std::move(before), m_classes, tr("Reorder classes")));
    emit classesChanged();
    emit projectDataChanged({ProjectChange::Classes, {}});
}

void ProjectDocument::writeClasses(const std::vector<core::LabelClass> &classes)
{
    core::Store &store = leadStore();
    store.transaction([&] {
        const auto now = store.classes();
        for (const core::LabelClass &c : classes) {
            const auto cur = std::find_if(now.begin(), now.end(), [&](const auto &n) { return n.id == c.id; });
            if (cur != now.end() && !sameLook(*cur, c)) {
                core::LabelClass changed = *cur; // what else the class carries stays as it is now
                changed.name = c.name;
                changed.color = c.color;
                changed.shortcut = c.shortcut;
                changed.description = c.description;
                core::changeClass(store, changed, m_labeler.name);
            }
        }
        std::vector<core::Id> order;
        for (const core::LabelClass &c : classes)
            order.push_back(c.id);
        std::vector<core::Id> nowOrder;
        for (const core::LabelClass &c : store.classes())
            nowOrder.push_back(c.id);
        if (order != nowOrder && order.size() == nowOrder.size())
            core::reorderClasses(store, order, m_labeler.name);
    });
    m_classes = m_store->classes();
    emit classesChanged();
    emit projectDataChanged({ProjectChange::Classes, {}});
}

void ProjectDocument::setOverlap(int overlap)
{
    const core::ProjectSettings before = leadReader().settings();
    if (before.overlap == overlap)
        return;
    core::setOverlap(leadStore(), overlap, m_labeler.name);
    m_undoStack->push(new SettingsCommand(this, before, m_store->settings(), tr("Set overlap to %1").arg(overlap)));
    emit settingsChanged();
}

void ProjectDocument::setCalibration(double pxPerMm)
{
    const core::ProjectSettings before = leadReader().settings();
    if (before.pxPerMm == pxPerMm)
        return;
    core::setCalibration(leadStore(), pxPerMm, m_labeler.name);
    m_undoStack->push(new SettingsCommand(this, before, m_store->settings(), tr("Set calibration")));
    emit settingsChanged();
    // Lengths in mm follow the calibration: the pages that show them recompute.
    emit projectDataChanged({ProjectChange::Attributes | ProjectChange::Labels, {}});
}

void ProjectDocument::writeSettings(const core::ProjectSettings &settings)
{
    core::Store &store = leadStore();
    const core::ProjectSettings now = store.settings();
    store.transaction([&] {
        if (now.overlap != settings.overlap)
            core::setOverlap(store, settings.overlap, m_labeler.name);
        if (now.pxPerMm != settings.pxPerMm)
            core::setCalibration(store, settings.pxPerMm, m_labeler.name);
    });
    emit settingsChanged();
    if (now.pxPerMm != settings.pxPerMm)
        emit projectDataChanged({ProjectChange::Attributes | ProjectChange::Labels, {}});
}

core::AddedLabeler ProjectDocument::addLabeler(const QString &name, core::Role role)
{
    const core::AddedLabeler added =
        core::addLabelerWithQueue(leadStore(), name.trimmed().toStdString(), role, m_labeler.name);
    emit projectDataChanged({ProjectChange::Labels, {}});
    return added;
}

std::vector<core::LabelerWorkload> ProjectDocument::labelerWorkloads() const
{
    return core::labelerWorkloads(leadReader());
}

} // namespace concord::ui
