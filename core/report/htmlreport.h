// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/reportdata.h"

#include <filesystem>
#include <string>

/// \file
/// The project report as one self-contained HTML file (issue 7, docs/REPORT.md): inline CSS,
/// inline SVG charts, thumbnails as data: URIs, no script and no network reference, so it can
/// be mailed, archived or opened offline and shows the same thing everywhere.

namespace concord::core {

/// The element ids of the report's sections, in page order; tests and links rely on them.
inline constexpr const char *kReportSections[] = {"summary", "labelers", "kappa",     "consistency", "objects",
                                                  "profile", "clusters", "standards", "adjudication"};

/// Renders the page. Every text from the project is escaped; headline values carry ids
/// (`v-hlp`, `v-hlp-ci`, `v-fleiss-kappa`, `v-alpha`, `v-ac1`, their `-ci`, `v-images`,
/// `v-labels`, `v-labelers`, `v-conflicts`) so scripts can read them back. The consistency
/// checks' cells carry `v-<figure>-<i>`, i the labeler's index in ReportData::consistency
/// (`v-repeats`, `v-self`, `v-self-ci`, `v-self-kappa`, `v-self-kappa-ci`, `v-others`,
/// `v-line-pairs`, `v-line-diff`, `v-line-limits`, and with gold checks `v-gold`,
/// `v-gold-accuracy`, `v-gold-accuracy-ci`, `v-gold-kappa`, `v-gold-kappa-ci`); a flagged
/// labeler's mark is `v-flag-<i>`; without any repeat, `v-no-repeats` says so. The agreement on
/// objects: `v-objects-f1-50`, `v-objects-f1-50-ci`, `v-objects-f1-75`, `v-objects-iou`,
/// `v-objects-kappa`, `v-objects-pairs`, `v-objects-compared` (and `v-objects-compared-warning`),
/// per labeler `v-objects-<figure>-<i>`, i the labeler's index in ReportData::objects.perLabeler
/// (`v-objects-images`, `v-objects-shapes`, `v-objects-matched`, `v-objects-misses`,
/// `v-objects-extras`), and `v-objects-polygons-by-box` when a crossed polygon was compared by
/// its bounding box; without any shape `v-no-objects`, and when it could not be computed
/// `v-objects-error`, say so.
std::string renderReportHtml(const ReportData &data);

/// Gathers the data (gatherReportData) and writes the page to `file` atomically (temporary
/// file + rename): a reader never sees half a report, and a failed run leaves an older report
/// in place. Error(Io) naming the file when it cannot be written.
void writeHtmlReport(const Store &store, const std::filesystem::path &file, const ReportOptions &options = {},
                     const ProgressFn &progress = {});

} // namespace concord::core
