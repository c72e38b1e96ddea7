// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/datasetwriter.h"

#include "core/common/error.h"
#include "core/io/cocodatasetwriter_p.h"
#include "core/io/csvdatasetwriter_p.h"
#include "core/io/exportfiles.h"
#include "core/io/imagefolderdatasetwriter_p.h"
#include "core/io/jsondatasetwriter_p.h"
#include "core/io/labelmedatasetwriter_p.h"
#include "core/io/labelstudiodatasetwriter_p.h"
#include "core/io/vocdatasetwriter_p.h"
#include "core/io/yolodatasetwriter_p.h"

#include <cmath>
#include <cstdio>

namespace concord::core {

std::unique_ptr<DatasetWriter> makeDatasetWriter(std::string_view format)
{
    if (format == "csv")
        return std::make_unique<CsvDatasetWriter>();
    if (format == "json")
        return std::make_unique<JsonDatasetWriter>();
    if (format == "coco")
        return std::make_unique<CocoDatasetWriter>();
    if (format == "yolo")
        return std::make_unique<YoloDatasetWriter>();
    if (format == "voc")
        return std::make_unique<VocDatasetWriter>();
    if (format == "imagefolder")
        return std::make_unique<ImageFolderDatasetWriter>();
    if (format == "labelme")
        return std::make_unique<LabelmeDatasetWriter>();
    if (format == "labelstudio")
        return std::make_unique<LabelStudioDatasetWriter>();
    std::string list;
    for (const auto &f : datasetWriterFormats())
        list += (list.empty() ? "" : ", ") + f;
    throw Error(ErrorCode::Invalid, "unknown export format (expected one of " + list + ")", {}, 0, std::string(format));
}

std::vector<std::string> datasetWriterFormats()
{
    return {"csv", "json", "coco", "yolo", "voc", "imagefolder", "labelme", "labelstudio"};
}

std::string formatCoordinate(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return std::to_string(static_cast<long long>(v));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    std::string s = buf;
    while (!s.empty() && s.back() == '0')
        s.pop_back();
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    return s;
}

} // namespace concord::core
