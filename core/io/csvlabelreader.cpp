// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/csvlabelreader_p.h"

#include "core/common/csv.h"
#include "core/common/error.h"

namespace concord::core {

std::vector<ImportedLabel> CsvLabelReader::read(const std::filesystem::path &path, const ReadOptions &options) const
{
    const auto table = CsvTable::readFile(path.string(), ',', options.encoding);
    const int image = table.requireColumn("image");
    const int label = table.requireColumn("label");
    const int labeler = table.column("labeler");
    if (labeler < 0 && options.defaultLabeler.empty())
        throw Error(ErrorCode::Parse, "expected a 'labeler' column, or give the labeler's name with --labeler",
                    table.fileName(), 1, "labeler");
    std::vector<ImportedLabel> out;
    out.reserve(table.rows().size());
    for (const auto &row : table.rows()) {
        const auto cell = [&](int col, const char *name) {
            const auto c = static_cast<std::size_t>(col);
            if (c >= row.cells.size())
                throw Error(ErrorCode::Parse,
                            "expected " + std::to_string(table.header().size()) + " cells, found " +
                                std::to_string(row.cells.size()),
                            table.fileName(), row.line, name);
            return std::string(trim(row.cells[c]));
        };
        ImportedLabel l;
        l.where = {table.fileName(), row.line, {}};
        l.image = cell(image, "image");
        l.className = cell(label, "label");
        if (labeler >= 0)
            l.labeler = cell(labeler, "labeler");
        if (l.image.empty())
            throw Error(ErrorCode::Parse, "expected an image path, found an empty cell", table.fileName(), row.line,
                        "image");
        if (l.className.empty())
            throw Error(ErrorCode::Parse, "expected a class name, found an empty cell", table.fileName(), row.line,
                        "label");
        out.push_back(std::move(l));
    }
    return out;
}

} // namespace concord::core
