// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/labelstudiolabelreader_p.h"

#include "core/common/error.h"
#include "core/common/text.h"
#include "core/io/jsoncursor_p.h"

#include <cctype>
#include <set>

namespace concord::core {

namespace {

std::string percentDecode(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

/// The image reference inside a task's data URL, as Label Studio writes it:
///  - local storage "/data/local-files/?d=folder/img.jpg" → "folder/img.jpg";
///  - uploads "/data/upload/3/1a2b3c4d-img.jpg" → "img.jpg" (Label Studio prefixes uploaded
///    files with 8 hex digits and a dash);
///  - "http(s)://host/path" → "path"; anything else unchanged.
std::string imageReference(std::string url)
{
    if (const auto d = url.find("?d="); d != std::string::npos)
        return percentDecode(url.substr(d + 3));
    if (const auto scheme = url.find("://"); scheme != std::string::npos) {
        const auto slash = url.find('/', scheme + 3);
        url = slash == std::string::npos ? std::string() : url.substr(slash + 1);
    }
    url = percentDecode(url);
    if (const auto up = url.find("data/upload/"); up != std::string::npos) {
        const auto slash = url.find_last_of('/');
        std::string name = url.substr(slash + 1);
        bool hexPrefix = name.size() > 9 && name[8] == '-';
        for (std::size_t i = 0; hexPrefix && i < 8; ++i)
            hexPrefix = std::isxdigit(static_cast<unsigned char>(name[i])) != 0;
        return hexPrefix ? name.substr(9) : name;
    }
    return url;
}

std::string labelerOf(const JsonCursor &annotation)
{
    const auto by = annotation.find("completed_by");
    if (!by)
        return {};
    if (by->node().is_object()) {
        if (const auto email = by->find("email"))
            return email->string();
        return "labelstudio-user-" + by->at("id").idText();
    }
    return "labelstudio-user-" + by->idText();
}

/// The single class name in value[key], e.g. value.choices = ["scratch"].
std::string singleName(const JsonCursor &value, const char *key)
{
    const auto names = value.at(key);
    if (names.size() != 1)
        names.fail("exactly one class name");
    std::string name = names[0].string();
    // Checked here: an empty choice would otherwise look like no choice at all.
    checkName(name, "class name", names.file(), 0, names[0].path());
    return name;
}

} // namespace

std::vector<ImportedLabel> LabelStudioLabelReader::read(const std::filesystem::path &path,
                                                        const ReadOptions &options) const
{
    const std::string file = path.string();
    const auto doc = readJsonFile(path, options.encoding);
    const JsonCursor root(doc, file);
    std::vector<ImportedLabel> out;
    std::set<std::string> taskIds;
    for (std::size_t t = 0; t < root.size(); ++t) {
        const auto task = root[t];
        task.object();
        if (const auto id = task.find("id"); id && !taskIds.insert(id->idText()).second)
            throw Error(ErrorCode::Parse, "duplicate task id " + id->idText(), file, 0, id->path());
        const auto data = task.at("data");
        const auto image = data.at("image");
        const std::string ref = imageReference(image.string());
        if (ref.empty())
            image.fail("an image path or URL");
        // Older exports call the list "completions".
        const char *listKey = task.has("annotations") ? "annotations" : "completions";
        const auto anns = task.at(listKey);
        for (std::size_t a = 0; a < anns.size(); ++a) {
            const auto ann = anns[a];
            if (const auto cancelled = ann.find("was_cancelled"); cancelled && cancelled->boolean())
                continue;
            ImportedLabel l;
            l.image = ref;
            l.labeler = labelerOf(ann);
            l.where = {file, 0, ann.path()};
            const auto results = ann.at("result");
            for (std::size_t r = 0; r < results.size(); ++r) {
                const auto res = results[r];
                const auto type = res.at("type").string();
                const auto value = res.at("value");
                if (type == "choices") {
                    const auto name = singleName(value, "choices");
                    if (!l.className.empty() && l.className != name)
                        value.at("choices").fail("one choice per annotation (already '" + l.className + "')");
                    l.className = name;
                    continue;
                }
                ImportedShape s;
                s.percent = true;
                s.where = {file, 0, res.path()};
                if (type == "rectanglelabels") {
                    if (const auto rot = value.find("rotation"); rot && rot->number() != 0.0)
                        rot->fail("rotation 0 (rotated rectangles are not supported)");
                    s.kind = AnnotationKind::Box;
                    s.className = singleName(value, "rectanglelabels");
                    const double x = value.at("x").number();
                    const double y = value.at("y").number();
                    const double w = value.at("width").number();
                    const double h = value.at("height").number();
                    if (w < 0 || h < 0)
                        value.fail("a non-negative width and height");
                    s.points = {{x, y}, {x + w, y + h}};
                } else if (type == "polygonlabels") {
                    s.kind = AnnotationKind::Polygon;
                    s.className = singleName(value, "polygonlabels");
                    const auto pts = value.at("points");
                    if (pts.size() < 3)
                        pts.fail("at least 3 points");
                    for (std::size_t k = 0; k < pts.size(); ++k) {
                        if (pts[k].size() != 2)
                            pts[k].fail("a point [x, y]");
                        s.points.push_back({pts[k][0].number(), pts[k][1].number()});
                    }
                } else {
                    res.at("type").fail("one of choices, rectanglelabels, polygonlabels");
                }
                l.shapes.push_back(std::move(s));
            }
            if (!l.className.empty() || !l.shapes.empty())
                out.push_back(std::move(l));
        }
    }
    return out;
}

} // namespace concord::core
