// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/commands/classescommand.h"

#include "core/common/error.h"
#include "ui/document/errortext.h"
#include "ui/document/projectdocument.h"

#include <QCoreApplication>

#include <algorithm>

namespace concord::ui {

namespace {

const core::LabelClass *byId(const std::vector<core::LabelClass> &classes, core::Id id)
{
    const auto it = std::find_if(classes.begin(), classes.end(), [id](const auto &c) { return c.id == id; });
    return it == classes.end() ? nullptr : &*it;
}

std::vector<core::Id> idsOf(const std::vector<core::LabelClass> &classes)
{
    std::vector<core::Id> ids;
    for (const auto &c : classes)
        ids.push_back(c.id);
    return ids;
}

} // namespace

std::vector<core::LabelClass> ClassesCommand::replayed(std::vector<core::LabelClass> now,
                                                       const std::vector<core::LabelClass> &from,
                                                       const std::vector<core::LabelClass> &to)
{
    for (core::LabelClass &c : now) {
        const core::LabelClass *f = byId(from, c.id);
        const core::LabelClass *t = byId(to, c.id);
        if (!f || !t)
            continue;
        if (f->name != t->name)
            c.name = t->name;
        if (f->color != t->color)
            c.color = t->color;
        if (f->shortcut != t->shortcut)
            c.shortcut = t->shortcut;
        if (f->description != t->description)
            c.description = t->description;
    }
    const std::vector<core::Id> toOrder = idsOf(to);
    if (idsOf(from) != toOrder) {
        // The order of `to`; classes it does not know (added since) stay after, as they are.
        const auto rank = [&](const core::LabelClass &c) {
            const auto it = std::find(toOrder.begin(), toOrder.end(), c.id);
            return static_cast<std::size_t>(it - toOrder.begin());
        };
        std::stable_sort(now.begin(), now.end(),
                         [&](const core::LabelClass &a, const core::LabelClass &b) { return rank(a) < rank(b); });
    }
    return now;
}

ClassesCommand::ClassesCommand(ProjectDocument *document, std::vector<core::LabelClass> before,
                               std::vector<core::LabelClass> after, const QString &text)
    : m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
}

void ClassesCommand::redo()
{
    if (m_written) {
        m_written = false;
        return;
    }
    write(replayed(m_document->leadReader().classes(), m_before, m_after),
          QCoreApplication::translate("concord::ui::ClassesCommand", "Cannot redo “%1”"));
}

void ClassesCommand::undo()
{
    write(replayed(m_document->leadReader().classes(), m_after, m_before),
          QCoreApplication::translate("concord::ui::ClassesCommand", "Cannot undo “%1”"));
}

void ClassesCommand::write(const std::vector<core::LabelClass> &classes, const QString &refused)
{
    try {
        m_document->writeClasses(classes);
    } catch (const core::Error &e) {
        setObsolete(true);
        // A refusal reads best as core's reason after the step's name; anything else (a lock,
        // a server away) in full.
        const QString what = refused.arg(text());
        emit m_document->leadActionFailed(e.code() == core::ErrorCode::Invalid
                                              ? what + QStringLiteral(": ") + QString::fromStdString(e.detail()) +
                                                    QLatin1Char('.')
                                              : what + QStringLiteral(". ") + errorText(e));
    }
}

} // namespace concord::ui
