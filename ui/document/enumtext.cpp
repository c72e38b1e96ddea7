// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/document/enumtext.h"

namespace concord::ui {

QString EnumText::of(core::ExampleRole role)
{
    switch (role) {
    case core::ExampleRole::Example: return tr("example");
    case core::ExampleRole::Counterexample: return tr("counterexample");
    case core::ExampleRole::Borderline: return tr("borderline");
    }
    return {};
}

QString EnumText::of(core::StandardStatus status)
{
    switch (status) {
    case core::StandardStatus::Draft: return tr("draft");
    case core::StandardStatus::Active: return tr("active");
    case core::StandardStatus::Retired: return tr("retired");
    }
    return {};
}

QString EnumText::of(core::DecisionMethod method)
{
    switch (method) {
    case core::DecisionMethod::Adjudicated: return tr("decided by the lead");
    case core::DecisionMethod::Consensus: return tr("majority accepted");
    case core::DecisionMethod::Standard: return tr("set by a standard");
    case core::DecisionMethod::Excluded: return tr("ambiguous (excluded)");
    }
    return {};
}

QString EnumText::of(core::LabelSource source)
{
    switch (source) {
    case core::LabelSource::Manual: return tr("the labeler's own");
    case core::LabelSource::Import: return tr("imported");
    case core::LabelSource::Standard: return tr("set by a standard");
    }
    return {};
}

QString EnumText::capitalized(const QString &text)
{
    return text.isEmpty() ? text : text.front().toUpper() + text.mid(1);
}

} // namespace concord::ui
