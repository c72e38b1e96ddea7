// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Comparisons of core enums in Qt Test: compares and prints their names ("scratch", "lead").

#include "core/store/types.h"

#include <QtTest>

#define QCOMPARE_ENUM(actual, expected)                                                                                \
    QCOMPARE(QString::fromUtf8(std::string(concord::core::toString(actual)).c_str()),                                  \
             QString::fromUtf8(std::string(concord::core::toString(expected)).c_str()))
