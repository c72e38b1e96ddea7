// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QCoreApplication>
#include <QString>

namespace concord::ui {

/// The words for core's enums, said one way in every page of the window (issue #16 §3) and
/// translated in one context. Lower case, to sit inside a sentence; capitalized() starts a
/// label or a heading with them. (core::toString gives the stored, untranslated names, for
/// JSON and the audit log, never for people.)
class EnumText
{
    Q_DECLARE_TR_FUNCTIONS(EnumText)

public:
    static QString of(core::ExampleRole role);
    static QString of(core::StandardStatus status);
    static QString of(core::DecisionMethod method);
    static QString of(core::LabelSource source);
    /// "counterexample" → "Counterexample".
    static QString capitalized(const QString &text);
};

} // namespace concord::ui
