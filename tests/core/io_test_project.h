// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Builds small test projects for the core/io tests: real image files written with OpenCV,
// registered with their content hash and size, as the image import would.

#include "core/common/hash.h"
#include "core/project/project_ops.h"
#include "core/store/store.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace iotest {

/// Writes `image` at `dir/rel` and registers it in the project.
inline concord::core::Id addImage(concord::core::Store &store, const std::filesystem::path &dir, const std::string &rel,
                                  const cv::Mat &image)
{
    const auto file = dir / rel;
    std::filesystem::create_directories(file.parent_path());
    if (!cv::imwrite(file.string(), image))
        qFatal("cannot write test image %s", file.string().c_str());
    concord::core::ImageRecord r;
    r.path = rel;
    r.hash = concord::core::fileContentHash(file.string());
    r.bytes = static_cast<std::int64_t>(std::filesystem::file_size(file));
    r.width = image.cols;
    r.height = image.rows;
    return store.addImage(r);
}

/// A flat test image whose colour depends on `seed`, so every image has its own hash.
inline cv::Mat plainImage(int width, int height, int seed)
{
    cv::Mat m(height, width, CV_8UC3, cv::Scalar(seed * 37 % 256, seed * 91 % 256, seed * 53 % 256));
    cv::putText(m, std::to_string(seed), {5, height / 2}, cv::FONT_HERSHEY_SIMPLEX, 0.8, cv::Scalar(255, 255, 255));
    return m;
}

/// Project "fixture.concord" in `dir` with classes ok, scratch, dent and the images the
/// hand-written files in tests/data/io/foreign refer to (all 200 × 100).
inline std::unique_ptr<concord::core::Store> makeFixtureProject(const std::filesystem::path &dir)
{
    concord::core::ProjectSettings s;
    s.name = "fixture";
    s.pxPerMm = 10.0;
    auto store = concord::core::initProject(dir / "fixture.concord", s, {"ok", "scratch", "dent"});
    addImage(*store, dir, "cam1/img1.png", plainImage(200, 100, 1));
    addImage(*store, dir, "cam1/img2.png", plainImage(200, 100, 2));
    addImage(*store, dir, "img3.png", plainImage(200, 100, 3));
    return store;
}

/// "labeler:image=class" for every label of the project, sorted: compact to compare.
inline QStringList labelList(const concord::core::Store &store)
{
    QStringList out;
    for (const auto &r : store.labelRows())
        out << QString::fromStdString(r.labelerName + ":" + r.imagePath + "=" + r.className);
    out.sort();
    return out;
}

/// A temporary folder holding one pristine project and numbered copies of it, so that every
/// test case starts from the same file (copies sit beside it: relative image paths resolve).
struct Workspace
{
    QTemporaryDir dir;
    std::filesystem::path pristine;
    int cases = 0;

    std::filesystem::path root() const { return dir.path().toStdString(); }
    std::filesystem::path freshProject()
    {
        const auto file = root() / ("case-" + std::to_string(++cases) + ".concord");
        std::filesystem::copy_file(pristine, file);
        return file;
    }
    /// A new, not yet existing folder name for an export.
    std::filesystem::path freshDir() { return root() / ("out-" + std::to_string(++cases)); }
};

inline QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace iotest
