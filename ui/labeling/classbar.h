// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QWidget>

#include <optional>

class QButtonGroup;
class QComboBox;
class QHBoxLayout;

namespace concord::ui {

class ClassModel;

/// One button per class, showing its key and colour; the labeler's current class is checked.
/// Clicking a button does what its key does. Beyond kMaxButtons classes the rest are chosen in
/// a searchable list beside the buttons (type part of a name): a project of 200,000 classes
/// made 200,000 buttons and the window showed nothing for ten minutes (issue #21).
class ClassBar final : public QWidget
{
    Q_OBJECT

public:
    /// Classes that get a button (the first ones, in the project's order).
    static constexpr int kMaxButtons = 12;

    explicit ClassBar(ClassModel *model, QWidget *parent = nullptr);

    void setCurrentClass(std::optional<core::Id> id);
    /// The list of the classes beyond the buttons, or nullptr when every class has a button.
    QComboBox *picker() const { return m_picker; }

signals:
    void classChosen(qint64 id);

private:
    void rebuild();

    ClassModel *m_model;
    QHBoxLayout *m_layout;
    QButtonGroup *m_group;
    QComboBox *m_picker = nullptr;
};

} // namespace concord::ui
