// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/store.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

/// \file
/// Project-level operations that the CLI and the GUI both call (DESIGN §2: everything a user
/// can do is a core call first). They validate names given by people and turn them into ids.

namespace concord::core {

/// Colours given to classes that are created without one (colour-blind safe, 20 before repeating).
std::string defaultClassColor(std::size_t index);
/// How many classes get colours of their own from defaultClassColor() before it repeats.
inline constexpr std::size_t kDistinctClassColors = 20;

/// Creates a project with the given classes (keys defaultClassKeys() in order: 1…9, 0,
/// Shift+A…; default colours): a
/// project file, or in an empty server database when `location` is a PostgreSQL connection
/// string (isServerLocation(), docs/TEAM.md).
std::unique_ptr<Store> initProject(const std::string &location, const ProjectSettings &settings,
                                   const std::vector<std::string> &classNames);

/// The checks initProject() and initProjectWithClasses() make of a project's classes (at
/// least one; names UTF-8, not empty, used once; a key classkeys.h's grammar accepts, used
/// once), as Error(Invalid) naming the field "classes".
/// Fills what may be left out: ids 0, order as given, default colours; keys in stored form. The new-project
/// dialog calls it to say what is wrong before anything is created.
void checkProjectClasses(std::vector<LabelClass> &classes);

/// Creates a project with classes as given (name, colour, shortcut; ids and order are
/// assigned here, in order), checked by checkProjectClasses(). Nothing is created when a check
/// fails; a project file is removed again when writing the classes fails.
std::unique_ptr<Store> initProjectWithClasses(const std::string &location, const ProjectSettings &settings,
                                              std::vector<LabelClass> classes);

/// Error(Invalid) naming `field` unless `pxPerMm` is finite and ≥ 0 (0 = not calibrated):
/// a NaN typed on the command line would otherwise be stored and turn every length into NaN.
void checkCalibration(double pxPerMm, const std::string &field);

/// Finds an image by relative path, then by file name. Throws Error(NotFound) when none
/// matches and Error(Invalid) listing the candidates when a file name is ambiguous.
ImageRecord findImage(const Store &store, const std::string &ref);

/// The class of that name, or Error(NotFound) listing the project's classes.
LabelClass findClass(const Store &store, const std::string &name);

/// The labeler of that name, created with `role` when absent (a new name must pass
/// checkName(): UTF-8, not empty, no control characters).
Labeler ensureLabeler(Store &store, const std::string &name, Role role = Role::Labeler);

/// Sets (or replaces) a labeler's label on an image, with its annotations, as one transaction.
/// Marks the labeler's assignment done and records the active standard version in force.
Id saveLabel(Store &store, Id image, Id labeler, Id labelClass, const std::vector<Annotation> &annotations = {},
             LabelSource source = LabelSource::Manual);

/// Counts for `info`.
struct ProjectSummary
{
    ProjectSettings settings;
    std::int64_t images = 0;
    std::int64_t labels = 0;
    std::int64_t decisions = 0;
    std::int64_t standards = 0;
    int schemaVersion = 0;
    struct ClassCount
    {
        LabelClass cls;
        std::int64_t labels = 0;
    };
    std::vector<ClassCount> classes;
    struct LabelerCount
    {
        Labeler labeler;
        std::int64_t labels = 0;
        std::int64_t assigned = 0;
    };
    std::vector<LabelerCount> labelers;
};
ProjectSummary summarize(const Store &store);

/// Gives each image to `overlap` labelers of role Labeler, spreading the load evenly (each
/// image goes to the labelers with the fewest assignments so far, ties broken by a seeded
/// shuffle), and shuffles each labeler's queue order. Images already assigned `overlap`
/// times are left alone; returns the number of new assignments. In round 0 it then tops up
/// each labeler's consistency checks (scheduleChecks, same seed).
std::int64_t assignImages(Store &store, int overlap, std::uint64_t seed, int round = 0);

/// Gives a labeler who joins later a queue at once: images still short of `overlap`
/// assignments first, then the rest up to an even share, then schedules the labeler's
/// consistency checks (scheduleChecks). Returns the queue length without the checks.
std::int64_t assignNewLabeler(Store &store, Id labeler, int overlap, std::uint64_t seed);

/// The seed of the queue a labeler gets on joining (ensureQueue): the same in every front end.
inline constexpr std::uint64_t kJoinQueueSeed = 0xC0C0'2D1DULL;

/// Gives a labeler (not a lead) who has no queue yet their share of the images at once
/// (assignNewLabeler with the project's overlap and kJoinQueueSeed), as the window does on a
/// first sign-in and `server add-labeler` does for a server login. Returns the rows added.
std::int64_t ensureQueue(Store &store, const Labeler &labeler);

/// Active standard with the highest id, if any (the version in force for new labels).
std::optional<Standard> standardInForce(const Store &store);

} // namespace concord::core
