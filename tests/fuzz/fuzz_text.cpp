// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer targets for the parsers that read what users hand us. One source, one target per
// FUZZ_TARGET value (CMake builds fuzz_csv, fuzz_ratings, fuzz_rule, fuzz_header, fuzz_rows). Any
// exception other than concord::core::Error is a bug, as is any sanitizer report.
#include "core/agreement/ratingcsv.h"
#include "core/common/csv.h"
#include "core/common/error.h"
#include "core/common/text.h"
#include "core/imaging/image_header.h"
#include "core/imaging/image_integrity.h"
#include "core/imaging/row_reader.h"
#include "core/standards/rule.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string input(reinterpret_cast<const char *>(data), size);
    try {
#if FUZZ_TARGET == 1
        // The text checks every importer relies on (issue #21), then the CSV reader itself.
        (void)concord::core::printableUtf8(input);
        try {
            (void)concord::core::decodeText(input, concord::core::TextEncoding::Windows1252, "fuzz.csv");
            concord::core::checkName(input, "name");
        } catch (const concord::core::Error &) {
        }
        std::istringstream in(input);
        const auto table = concord::core::CsvTable::read(in, "fuzz.csv");
        for (const auto &row : table.rows())
            for (const auto &cell : row.cells)
                (void)concord::core::csvEscape(cell);
#elif FUZZ_TARGET == 2
        std::istringstream in(input);
        const auto ratings = concord::core::readRatingsCsv(in, "fuzz.csv");
        (void)ratings.itemCount();
#elif FUZZ_TARGET == 3
        const auto rule = concord::core::parseRule(input);
        (void)rule.attributes();
        (void)rule.classes();
#elif FUZZ_TARGET == 4
        (void)concord::core::readHeaderSize(input);
        (void)concord::core::findTruncation(input); // the import's structure walk (issue #21)
#elif FUZZ_TARGET == 5
        // The streaming JPEG/PNG reader of huge images (it reads files: one per process).
        static const std::string path = "/tmp/concord-fuzz-rows-" + std::to_string(getpid());
        if (std::FILE *f = std::fopen(path.c_str(), "wb")) {
            std::fwrite(data, 1, size, f);
            std::fclose(f);
        }
        if (auto reader = concord::core::RowReader::open(path)) {
            // Declared sizes can be huge; a few bands show whether the decoder holds up.
            const int width = reader->width();
            std::vector<std::uint8_t> band(static_cast<std::size_t>(width) * 4 * 16);
            for (int i = 0; i < 64 && reader->read(band.data(), static_cast<std::size_t>(width) * 4, 16) > 0; ++i) {
            }
        }
#else
#error "FUZZ_TARGET must be 1..5"
#endif
    } catch (const concord::core::Error &) {
        // A clear, typed error is the expected answer to bad input.
    }
    return 0;
}
