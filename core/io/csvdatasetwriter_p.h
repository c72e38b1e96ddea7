// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/datasetwriter.h"

namespace concord::core {

/// `labels.csv`: one row per exported image with its final label, where it came from, the consensus confidence, the
/// item agreement, who decided and the standard. Cells go through csvEscape, so a class or path that starts with = + -
/// @ cannot run as a spreadsheet formula.
class CsvDatasetWriter final : public DatasetWriter
{
public:
    std::string_view format() const override { return "csv"; }
    std::string imagePath(const ExportDataset &dataset, const ExportItem &item) const override;
    void write(const ExportDataset &dataset, ExportOutput &out) const override;
};

} // namespace concord::core
