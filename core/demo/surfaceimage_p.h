// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

/// \file
/// One synthetic phone-surface photo of the demo (DESIGN §8): what is on it (the ground truth)
/// and how it looks (SurfaceRenderer draws it). Planning and drawing are separate so the truth of every image is known
/// before any pixel is drawn, and so images can be drawn on many threads in any order.

namespace concord::core {

/// What is really on a demo image.
enum class SurfaceDefect : std::uint8_t
{
    None,
    Scratch,
    Dent
};

/// A further scratch on an image whose main defect is a scratch (issue #17): an object of its
/// own, always shorter than the main scratch (see planSurfaceImage).
struct ScratchMark
{
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0; ///< ends, image pixels
    double lengthMm = 0.0;
    double contrast = 0.0; ///< grey levels, > 0 bright, < 0 dark
    int thickness = 1;
};

/// A further dent on an image whose main defect is a dent (issue #17).
struct DentMark
{
    double cx = 0, cy = 0;   ///< centre
    double a = 0, b = 0;     ///< semi-axes in pixels
    double angleDeg = 0.0;   ///< rotation of the a axis
    double depth = 0.0;      ///< shading strength, grey levels
    double lightAngle = 0.0; ///< radians
};

/// Plan of one demo image: everything needed to draw it, all in image pixels. Drawn from
/// DemoRandom(seed, Images, index) only, so image i is the same whatever the other options
/// (labelers, overlap, threads) are.
struct SurfaceImage
{
    int index = 0;        ///< 0-based position in the demo
    std::string fileName; ///< "img_0001.jpg"
    int width = 800;
    int height = 600;
    double pxPerMm = 40.0;
    std::string camera; ///< "cam-A" .. "cam-C"
    std::string lot;    ///< "lot-01" ..

    // Lighting and texture.
    double baseGrey = 130.0;       ///< mean grey level before camera gain
    double cameraGain = 1.0;       ///< exposure of the camera times a per-shot jitter
    double tint[3] = {1, 1, 1};    ///< B, G, R multipliers (white balance of the camera)
    double gradientAngle = 0.0;    ///< radians, direction in which light increases
    double gradientAmount = 0.1;   ///< relative brightness change across the image
    double vignette = 0.2;         ///< relative darkening at the corners
    double noiseSigma = 4.0;       ///< sensor noise, grey levels
    bool brushVertical = false;    ///< brushed finish runs along y (camera mounted turned)
    double brushStrength = 5.0;    ///< standard deviation of the brushed texture, grey levels
    std::uint64_t textureSeed = 0; ///< seeds OpenCV's RNG for the noise fields

    SurfaceDefect defect = SurfaceDefect::None;

    // Scratch: a straight thin line from (x1,y1) to (x2,y2) of length lengthMm * pxPerMm.
    double lengthMm = 0.0;
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double scratchContrast = 0.0; ///< grey levels, > 0 bright, < 0 dark
    int scratchThickness = 1;

    // Dent: an elliptical depression, shaded as if lit from lightAngle.
    double dentX = 0, dentY = 0; ///< centre
    double dentA = 0, dentB = 0; ///< semi-axes in pixels
    double dentAngle = 0.0;      ///< degrees
    double dentDepth = 0.0;      ///< strength of the shading, grey levels
    double lightAngle = 0.0;     ///< radians

    /// Further defects, objects of their own (issue #17), drawn from DemoRandom(seed, Objects,
    /// index) so that everything above is what it was before they existed.
    std::vector<ScratchMark> moreScratches; ///< only when defect is Scratch
    std::vector<DentMark> moreDents;        ///< only when defect is Dent
};

/// Plans image `index` of a demo of `count` images. Mix of defects: 60 % scratch (length
/// uniform in 0–5 mm), 15 % dent, 25 % clean; cameras uniformly cam-A/B/C; lots in
/// consecutive blocks of about 50 images, as a production line would photograph them.
///
/// Several defects per image (issue #17), from their own random stream: a scratched image whose
/// main scratch is at least 1 mm long gets 0–3 further scratches, each uniform in 0.2 mm to
/// (main − 0.5 mm), so the main scratch stays the longest one even after a labeler's measuring
/// error and end jitter (the image's class and its longest drawn line are what they were); a
/// dented image gets 0–2 further dents, semi-axes 0.5–1.5 mm. Clean images stay clean. Marks keep
/// clear of each other (their extents are at least 20 px apart) and of the border.
SurfaceImage planSurfaceImage(std::uint64_t seed, int index, int count, double pxPerMm);

} // namespace concord::core
