// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/progress.h"

#include <cstdint>
#include <filesystem>

/// \file
/// The built-in demo (DESIGN §8): a complete project with the problem Concord exists to solve,
/// generated from a seed so that a first-time user, the README's `scripts/demo` and the tests
/// all see the same data without downloading anything. docs/DEMO.md describes the scenario.

namespace concord::core {

/// Knobs of the demo. The defaults are the scenario of the seed letter: 300 images, five
/// labelers, three labels per image, 40 px/mm.
struct DemoOptions
{
    int images = 300;       ///< number of images, >= 1
    int labelers = 5;       ///< simulated labelers (role labeler), >= 1; a lead is added
    int overlap = 3;        ///< labels per image, 1..labelers
    std::uint64_t seed = 1; ///< same seed, same images (bytes) and same labels
    double pxPerMm = 40.0;  ///< calibration, 5..100 px/mm (a 5 mm scratch must fit the frame)
    int threads = 0;        ///< threads drawing images; 0 = all cores. Does not change output.
    /// Share of each labeler's queue shown again as repeats (ProjectSettings::repeatShare),
    /// answered by the simulated labelers with their own inconsistency (truth file).
    double repeatShare = 0.05;
};

/// Where the demo went. Paths are absolute.
struct DemoResult
{
    std::filesystem::path project;   ///< the .concord file
    std::filesystem::path imageDir;  ///< `<stem>-images/` beside the project
    std::filesystem::path truthFile; ///< `<stem>.truth.json` beside the project
    std::int64_t images = 0;
    std::int64_t labels = 0;
};

/// Generates the demo project `projectFile` with its image folder and ground-truth file.
///
/// Refuses (Error Io, naming the path) when the project file, the image folder or the truth
/// file exists, and (Error Invalid, naming the option) for options out of range, before
/// anything is written. Images are drawn on `options.threads` threads; all database writes
/// are one transaction. On any failure, including cancellation through `progress`
/// (Error Cancelled), everything created so far is removed, so there is never a half demo.
/// `progress` is called from worker threads with phases "images" and "labels".
DemoResult generateDemo(const std::filesystem::path &projectFile, const DemoOptions &options,
                        const ProgressFn &progress = {});

} // namespace concord::core
