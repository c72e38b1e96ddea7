// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/text.h"
#include "core/store/types.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// \file
/// The import side of core/io (DESIGN §9): one LabelReader per foreign format turns a file or
/// folder into ImportedLabel records. Readers only parse; matching images, checking classes and
/// writing to the project is LabelImporter's job, so every format gets the same rules.

namespace concord::core {

/// Where an imported record came from, so that every later error can name it.
struct SourceRef
{
    std::string file;      ///< path of the file as the user gave it
    std::int64_t line = 0; ///< 1-based line for line formats (CSV, XML), 0 otherwise
    std::string field;     ///< JSON path ("/annotations/3") or column, empty when none

    /// "file:line 'field'" for messages that list several places.
    std::string describe() const;
};

/// One shape drawn on an image, with the class the tool gave it. Points are in image pixels
/// (origin top-left), or in percent of the image size when `percent` is set (Label Studio), in
/// which case the importer scales them with the project's image size.
///   Box: two opposite corners; Line: two end points; Point: one; Polygon: three or more.
struct ImportedShape
{
    AnnotationKind kind = AnnotationKind::Box;
    std::string className;
    std::vector<std::array<double, 2>> points;
    bool percent = false;
    SourceRef where;
};

/// What one labeler said about one image in a foreign file.
struct ImportedLabel
{
    std::string image;   ///< the image reference as written in the file (path, URL or name)
    std::string labeler; ///< empty: the importer uses the --labeler name
    /// Image-level class when the format has one (CSV label, labelme flag, Label Studio
    /// choice, COCO annotation without bbox); empty when only shapes were given, in which
    /// case the importer takes the most frequent shape class.
    std::string className;
    std::vector<ImportedShape> shapes;
    SourceRef where;
    /// Match the image by file name without extension (VOC: the XML's own name, because the
    /// `<filename>` element is unreliable in real data sets such as NEU-DET).
    bool matchStem = false;
};

/// Reader options every format understands.
struct ReadOptions
{
    /// Labeler for records whose file does not name one (`--labeler`).
    std::string defaultLabeler;
    /// Encoding of the input files (`--encoding`); UTF-8 input is validated, so no byte that
    /// is not UTF-8 ever reaches the project (issue #21).
    TextEncoding encoding = TextEncoding::Utf8;
};

/// One foreign label format. Implementations are stateless; read() throws Error(Parse) naming
/// the file and the line or JSON path of the first malformed element and what was expected.
class LabelReader
{
public:
    virtual ~LabelReader() = default;
    /// Short name used on the command line ("coco").
    virtual std::string_view format() const = 0;
    /// Reads a file or, for folder formats (labelme, VOC), every matching file in a folder and
    /// its sub-folders (sorted by path, so errors and results do not depend on directory order).
    virtual std::vector<ImportedLabel> read(const std::filesystem::path &path, const ReadOptions &options) const = 0;
};

/// The reader for a format name; Error(Invalid) listing the known names otherwise.
std::unique_ptr<LabelReader> makeLabelReader(std::string_view format);

/// Format names makeLabelReader() accepts, for help texts.
std::vector<std::string> labelReaderFormats();

/// Files with `extension` (".json", lower case compare) in `path` and its sub-folders, sorted;
/// `path` itself when it is a file. Throws Error(Io) when the path does not exist.
std::vector<std::filesystem::path> listInputFiles(const std::filesystem::path &path, std::string_view extension);

/// Reads a whole text file as UTF-8: validated, or converted from `encoding`. Error(Io) naming
/// it when it cannot be read, Error(Parse) naming the line and column of a byte that is not
/// UTF-8 (or a NUL byte).
std::string readTextFile(const std::filesystem::path &path, TextEncoding encoding = TextEncoding::Utf8);

} // namespace concord::core
