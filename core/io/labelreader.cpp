// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/labelreader.h"

#include "core/common/error.h"
#include "core/io/cocolabelreader_p.h"
#include "core/io/csvlabelreader_p.h"
#include "core/io/labelmelabelreader_p.h"
#include "core/io/labelstudiolabelreader_p.h"
#include "core/io/voclabelreader_p.h"
#include "core/io/yololabelreader_p.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace concord::core {

std::string SourceRef::describe() const
{
    std::string out = file;
    if (line > 0)
        out += ":" + std::to_string(line);
    if (!field.empty())
        out += " '" + field + "'";
    return out;
}

std::unique_ptr<LabelReader> makeLabelReader(std::string_view format)
{
    if (format == "csv")
        return std::make_unique<CsvLabelReader>();
    if (format == "coco")
        return std::make_unique<CocoLabelReader>();
    if (format == "labelme")
        return std::make_unique<LabelmeLabelReader>();
    if (format == "labelstudio")
        return std::make_unique<LabelStudioLabelReader>();
    if (format == "voc")
        return std::make_unique<VocLabelReader>();
    if (format == "yolo")
        return std::make_unique<YoloLabelReader>();
    std::string list;
    for (const auto &f : labelReaderFormats())
        list += (list.empty() ? "" : ", ") + f;
    throw Error(ErrorCode::Invalid, "unknown import format (expected one of " + list + ")", {}, 0, std::string(format));
}

std::vector<std::string> labelReaderFormats()
{
    return {"csv", "coco", "labelme", "labelstudio", "voc", "yolo"};
}

std::vector<std::filesystem::path> listInputFiles(const std::filesystem::path &path, std::string_view extension)
{
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec))
        return {path};
    if (!std::filesystem::is_directory(path, ec))
        throw Error(ErrorCode::Io, "no such file or folder", path.string());
    std::vector<std::filesystem::path> out;
    for (const auto &entry : std::filesystem::recursive_directory_iterator(path)) {
        if (!entry.is_regular_file())
            continue;
        std::string ext = entry.path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (ext == extension)
            out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    if (out.empty())
        throw Error(ErrorCode::NotFound, "the folder holds no " + std::string(extension) + " files", path.string());
    return out;
}

std::string readTextFile(const std::filesystem::path &path, TextEncoding encoding)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::Io, "cannot open the file for reading", path.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad())
        throw Error(ErrorCode::Io, "read error", path.string());
    if (encoding == TextEncoding::Utf8) {
        std::string text = std::move(ss).str();
        checkUtf8Text(text, path.string());
        return text;
    }
    return decodeText(ss.str(), encoding, path.string());
}

} // namespace concord::core
