// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for a foreign label format reader (FUZZ_FORMAT = "coco", "labelme",
// "labelstudio", "voc" or "csv"). Readers take a path, so each input is written to a file in a
// private temporary folder first. Only concord::core::Error may escape the reader.
#include "core/common/error.h"
#include "core/io/labelreader.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const auto dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("concord-fuzz-" + std::to_string(getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    static const auto reader = concord::core::makeLabelReader(FUZZ_FORMAT);
    const std::string ext = std::string(FUZZ_FORMAT) == "voc"   ? ".xml"
                            : std::string(FUZZ_FORMAT) == "csv" ? ".csv"
                                                                : ".json";
    const auto file = dir / ("input" + ext);
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
    }
    try {
        concord::core::ReadOptions options;
        options.defaultLabeler = "fuzz";
        (void)reader->read(file, options);
    } catch (const concord::core::Error &) {
    }
    return 0;
}
