// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/voclabelreader_p.h"

#include "core/common/csv.h"
#include "core/common/error.h"
#include "core/io/xmldocument_p.h"

namespace concord::core {

namespace {

double coordinate(const XmlElement &box, const char *name, const std::string &file)
{
    const auto *el = box.child(name);
    if (!el)
        throw Error(ErrorCode::Parse, std::string("expected <") + name + "> inside <bndbox>", file, box.line, name);
    const auto v = parseDouble(trim(el->text));
    if (!v)
        throw Error(ErrorCode::Parse, "expected a number, found '" + el->text + "'", file, el->line, name);
    return *v;
}

ImportedLabel readOne(const std::filesystem::path &path, TextEncoding encoding)
{
    const std::string file = path.string();
    const auto doc = XmlDocument::readFile(file, encoding);
    const auto &root = doc.root();
    if (root.name != "annotation")
        throw Error(ErrorCode::Parse, "expected the root element <annotation>, found <" + root.name + ">", file,
                    root.line);
    ImportedLabel l;
    l.where = {file, root.line, {}};
    l.image = path.stem().string();
    l.matchStem = true;
    for (const auto *obj : root.childrenNamed("object")) {
        const auto *name = obj->child("name");
        if (!name || trim(name->text).empty())
            throw Error(ErrorCode::Parse, "expected a <name> with the class inside <object>", file, obj->line, "name");
        const auto *box = obj->child("bndbox");
        if (!box)
            throw Error(ErrorCode::Parse, "expected <bndbox> inside <object>", file, obj->line, "bndbox");
        ImportedShape s;
        s.kind = AnnotationKind::Box;
        s.className = std::string(trim(name->text));
        s.where = {file, obj->line, {}};
        const double x1 = coordinate(*box, "xmin", file);
        const double y1 = coordinate(*box, "ymin", file);
        const double x2 = coordinate(*box, "xmax", file);
        const double y2 = coordinate(*box, "ymax", file);
        if (x2 < x1 || y2 < y1)
            throw Error(ErrorCode::Parse, "expected xmin <= xmax and ymin <= ymax", file, box->line, "bndbox");
        s.points = {{x1, y1}, {x2, y2}};
        l.shapes.push_back(std::move(s));
    }
    return l;
}

} // namespace

std::vector<ImportedLabel> VocLabelReader::read(const std::filesystem::path &path, const ReadOptions &options) const
{
    std::vector<ImportedLabel> out;
    for (const auto &file : listInputFiles(path, ".xml")) {
        auto l = readOne(file, options.encoding);
        if (!l.shapes.empty())
            out.push_back(std::move(l));
    }
    return out;
}

} // namespace concord::core
