// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QWidget>

#include <optional>

class QButtonGroup;
class QHBoxLayout;

namespace concord::ui {

class ClassModel;

/// One button per class, showing its key and colour; the labeler's current class is checked.
/// Clicking a button does what its key does.
class ClassBar final : public QWidget
{
    Q_OBJECT

public:
    explicit ClassBar(ClassModel *model, QWidget *parent = nullptr);

    void setCurrentClass(std::optional<core::Id> id);

signals:
    void classChosen(qint64 id);

private:
    void rebuild();

    ClassModel *m_model;
    QHBoxLayout *m_layout;
    QButtonGroup *m_group;
};

} // namespace concord::ui
