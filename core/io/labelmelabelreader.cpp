// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/labelmelabelreader_p.h"

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/io/jsoncursor_p.h"

#include <algorithm>
#include <cstdint>

namespace concord::core {

namespace {

ImportedLabel readOne(const std::filesystem::path &path, const std::filesystem::path &importRoot, TextEncoding encoding)
{
    const std::string file = path.string();
    const auto doc = readJsonFile(path, encoding);
    const JsonCursor root(doc, file);
    root.object();
    ImportedLabel l;
    l.where = {file, 0, {}};
    const auto imagePath = root.at("imagePath");
    l.image = imagePath.string();
    if (l.image.empty())
        imagePath.fail("a non-empty image path");
    // labelme writes imagePath relative to the JSON file: make it relative to the folder that
    // was imported, so that sub-folders match the project's relative paths.
    std::replace(l.image.begin(), l.image.end(), '\\', '/');
    const auto folder = path.parent_path().lexically_relative(importRoot);
    if (!folder.empty() && folder != ".")
        l.image = (folder / l.image).lexically_normal().generic_string();
    while (l.image.rfind("../", 0) == 0)
        l.image.erase(0, 3);

    if (const auto flags = root.find("flags")) {
        for (const auto &[name, value] : flags->object().items()) {
            const auto flag = flags->at(name);
            if (!flag.boolean())
                continue;
            checkName(name, "class name (flag)", file, 0, flag.path());
            if (!l.className.empty())
                throw Error(ErrorCode::Parse,
                            "expected at most one flag set to true, found '" + l.className + "' and '" + name + "'",
                            file, 0, flags->path());
            l.className = name;
        }
    }

    if (const auto shapes = root.find("shapes")) {
        for (std::size_t i = 0; i < shapes->size(); ++i) {
            const auto sh = (*shapes)[i];
            ImportedShape s;
            s.className = sh.at("label").string();
            s.where = {file, 0, sh.path()};
            const std::string type = sh.find("shape_type") ? sh.at("shape_type").string() : "polygon";
            std::size_t minPoints = 1;
            std::size_t maxPoints = 1;
            if (type == "rectangle") {
                s.kind = AnnotationKind::Box;
                minPoints = maxPoints = 2;
            } else if (type == "line") {
                s.kind = AnnotationKind::Line;
                minPoints = maxPoints = 2;
            } else if (type == "point") {
                s.kind = AnnotationKind::Point;
            } else if (type == "polygon") {
                s.kind = AnnotationKind::Polygon;
                minPoints = 3;
                maxPoints = SIZE_MAX;
            } else {
                sh.at("shape_type").fail("one of rectangle, line, point, polygon");
            }
            const auto points = sh.at("points");
            if (points.size() < minPoints || points.size() > maxPoints)
                points.fail(type == "polygon" ? std::string("at least 3 points")
                                              : std::to_string(minPoints) + " point(s) for a " + type);
            for (std::size_t k = 0; k < points.size(); ++k) {
                const auto pt = points[k];
                if (pt.size() != 2)
                    pt.fail("a point [x, y]");
                s.points.push_back({pt[0].number(), pt[1].number()});
            }
            l.shapes.push_back(std::move(s));
        }
    }
    return l;
}

} // namespace

std::vector<ImportedLabel> LabelmeLabelReader::read(const std::filesystem::path &path, const ReadOptions &options) const
{
    std::vector<ImportedLabel> out;
    std::error_code ec;
    const auto root = std::filesystem::is_directory(path, ec) ? path : path.parent_path();
    for (const auto &file : listInputFiles(path, ".json")) {
        auto l = readOne(file, root, options.encoding);
        if (!l.className.empty() || !l.shapes.empty())
            out.push_back(std::move(l));
    }
    return out;
}

} // namespace concord::core
