// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/cocolabelreader_p.h"

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/io/jsoncursor_p.h"

#include <map>

namespace concord::core {

std::vector<ImportedLabel> CocoLabelReader::read(const std::filesystem::path &path, const ReadOptions &options) const
{
    const std::string file = path.string();
    const auto doc = readJsonFile(path, options.encoding);
    const JsonCursor root(doc, file);
    root.object();

    std::map<std::string, std::string> categories;    // id → name
    std::map<std::string, std::string> categoryPaths; // name → JSON path, for duplicate messages
    const auto cats = root.at("categories");
    for (std::size_t i = 0; i < cats.size(); ++i) {
        const auto c = cats[i];
        const auto id = c.at("id").idText();
        const auto nameNode = c.at("name");
        const auto name = nameNode.string();
        checkName(name, "category name", file, 0, nameNode.path());
        if (!categories.emplace(id, name).second)
            throw Error(ErrorCode::Parse, "duplicate category id " + id, file, 0, c.path() + "/id");
        // Two ids of one name would merge into one class without anyone noticing.
        if (const auto [it, fresh] = categoryPaths.emplace(name, nameNode.path()); !fresh)
            throw Error(ErrorCode::Parse, "duplicate category name '" + name + "' (also at " + it->second + ")", file,
                        0, nameNode.path());
    }

    struct Pending
    {
        ImportedLabel label;
        std::string imageLevelPath; ///< where the image-level class was set
    };
    std::map<std::string, std::size_t> imageIndex; // id → index into pending
    std::vector<Pending> pending;
    const auto images = root.at("images");
    for (std::size_t i = 0; i < images.size(); ++i) {
        const auto im = images[i];
        const auto id = im.at("id").idText();
        if (!imageIndex.emplace(id, pending.size()).second)
            throw Error(ErrorCode::Parse, "duplicate image id " + id, file, 0, im.path() + "/id");
        Pending p;
        p.label.image = im.at("file_name").string();
        p.label.where = {file, 0, im.path()};
        pending.push_back(std::move(p));
    }

    std::map<std::string, std::string> annotationIds; // id → path, for duplicate messages
    if (const auto anns = root.find("annotations")) {
        for (std::size_t i = 0; i < anns->size(); ++i) {
            const auto a = (*anns)[i];
            a.object();
            if (const auto id = a.find("id")) {
                const auto text = id->idText();
                if (const auto [it, fresh] = annotationIds.emplace(text, a.path()); !fresh)
                    throw Error(ErrorCode::Parse, "duplicate annotation id " + text + " (also at " + it->second + ")",
                                file, 0, id->path());
            }
            const auto imageId = a.at("image_id");
            const auto img = imageIndex.find(imageId.idText());
            if (img == imageIndex.end())
                throw Error(ErrorCode::Parse, "expected the id of an entry in /images, found " + imageId.idText(), file,
                            0, imageId.path());
            const auto catId = a.at("category_id");
            const auto cat = categories.find(catId.idText());
            if (cat == categories.end())
                throw Error(ErrorCode::Parse, "expected the id of an entry in /categories, found " + catId.idText(),
                            file, 0, catId.path());
            auto &p = pending[img->second];
            const auto bbox = a.find("bbox");
            if (!bbox || bbox->size() == 0) {
                if (!p.label.className.empty() && p.label.className != cat->second)
                    throw Error(ErrorCode::Parse,
                                "the image already has the image-level class '" + p.label.className + "' (at " +
                                    p.imageLevelPath + "), found a second one '" + cat->second + "'",
                                file, 0, a.path());
                p.label.className = cat->second;
                p.imageLevelPath = a.path();
                continue;
            }
            if (bbox->size() != 4)
                bbox->fail("an array [x, y, width, height] of 4 numbers");
            const double x = (*bbox)[0].number();
            const double y = (*bbox)[1].number();
            const double w = (*bbox)[2].number();
            const double h = (*bbox)[3].number();
            if (w < 0 || h < 0)
                bbox->fail("a non-negative width and height");
            ImportedShape s;
            s.kind = AnnotationKind::Box;
            s.className = cat->second;
            s.points = {{x, y}, {x + w, y + h}};
            s.where = {file, 0, a.path()};
            p.label.shapes.push_back(std::move(s));
        }
    }

    std::vector<ImportedLabel> out;
    for (auto &p : pending)
        if (!p.label.className.empty() || !p.label.shapes.empty())
            out.push_back(std::move(p.label));
    return out;
}

} // namespace concord::core
