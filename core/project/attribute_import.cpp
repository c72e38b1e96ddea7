// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/attribute_import.h"

#include "core/common/csv.h"
#include "core/common/error.h"
#include "core/common/text.h"
#include "core/project/project_ops.h"

#include <map>

namespace concord::core {

AttributeImportResult importAttributesCsv(Store &store, const std::filesystem::path &csv, TextEncoding encoding)
{
    const CsvTable table = CsvTable::readFile(csv.string(), ',', encoding);
    const int imageCol = table.requireColumn("image");
    const auto &header = table.header();
    if (header.size() < 2)
        throw Error(ErrorCode::Parse, "no attribute columns besides 'image'", csv.string(), 1);
    for (std::size_t c = 0; c < header.size(); ++c)
        if (header[c].empty())
            throw Error(ErrorCode::Parse, "column " + std::to_string(c + 1) + " has no name", csv.string(), 1);
        else
            checkName(header[c], "attribute name", csv.string(), 1, header[c]);

    AttributeImportResult result;
    std::vector<bool> numeric(header.size(), true);
    for (const auto &row : table.rows())
        for (std::size_t c = 0; c < header.size(); ++c)
            if (static_cast<int>(c) != imageCol && !row.cells[c].empty() && !parseDouble(row.cells[c]))
                numeric[c] = false;
    for (std::size_t c = 0; c < header.size(); ++c)
        if (static_cast<int>(c) != imageCol)
            (numeric[c] ? result.numericKeys : result.textKeys).push_back(header[c]);

    // Resolve every image first so an unknown one fails before anything is written.
    std::vector<Id> ids;
    ids.reserve(table.rows().size());
    std::map<Id, std::int64_t> lineOf; // image → the row that set it, for duplicate messages
    for (const auto &row : table.rows()) {
        const std::string &ref = row.cells[static_cast<std::size_t>(imageCol)];
        ImageRecord image;
        try {
            image = findImage(store, ref);
        } catch (const Error &e) {
            throw Error(e.code(), e.detail() + " ('" + ref + "')", csv.string(), row.line, "image");
        }
        // A second row for one image (also under another name, "img1.png" and "cam1/img1.png")
        // would silently overwrite the first.
        if (const auto [it, fresh] = lineOf.emplace(image.id, row.line); !fresh)
            throw Error(ErrorCode::Invalid,
                        "duplicate row: image " + image.path + " is also on line " + std::to_string(it->second),
                        csv.string(), row.line, "image");
        ids.push_back(image.id);
    }
    store.transaction([&] {
        result.images = 0;
        result.values = 0;
        for (std::size_t r = 0; r < table.rows().size(); ++r) {
            const auto &row = table.rows()[r];
            for (std::size_t c = 0; c < header.size(); ++c) {
                if (static_cast<int>(c) == imageCol || row.cells[c].empty())
                    continue;
                ImageAttribute a;
                a.image = ids[r];
                a.key = header[c];
                a.source = AttrSource::Imported;
                if (numeric[c])
                    a.value = *parseDouble(row.cells[c]);
                else
                    a.value = row.cells[c];
                store.setAttribute(a);
                ++result.values;
            }
            ++result.images;
        }
        store.appendAudit("concord", "import-attributes", "{\"rows\":" + std::to_string(result.images) + "}");
    });
    return result;
}

} // namespace concord::core
