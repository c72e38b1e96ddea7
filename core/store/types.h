// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

/// \file
/// Plain value types of a Concord project (DESIGN §3). They carry no behaviour and no storage
/// details, so the engines and the front ends can use them whatever backend holds the data.
/// Geometry is in image pixels (double), origin at the top-left of the decoded image.

namespace concord::core {

/// Row id in the project. 0 means "not stored yet".
using Id = std::int64_t;

enum class Role : std::uint8_t
{
    Labeler,
    Lead
};
enum class LabelSource : std::uint8_t
{
    Manual,
    Import,
    Standard
};
enum class AttrSource : std::uint8_t
{
    Imported,
    Computed,
    Measured
};
enum class AnnotationKind : std::uint8_t
{
    Box,
    Line,
    Polygon,
    Point
};
enum class StandardStatus : std::uint8_t
{
    Draft,
    Active,
    Retired
};
enum class ExampleRole : std::uint8_t
{
    Example,
    Counterexample,
    Borderline
};
enum class DecisionMethod : std::uint8_t
{
    Adjudicated,
    Consensus,
    Standard,
    Excluded
};
/// What a class names (issue #17): a class for a whole image ("ok"), for a shape on it
/// ("scratch" objects), or both. Every class of a project written before schema 4 is Both.
enum class ClassScope : std::uint8_t
{
    Image,
    Object,
    Both
};
enum class AssignmentState : std::uint8_t
{
    Pending,
    Done,
    Skipped
};

/// Project-wide settings kept in project_meta.
struct ProjectSettings
{
    std::string name;
    double pxPerMm = 0.0;        ///< default calibration for new images; 0 = unknown
    int overlap = 3;             ///< k: labels wanted per image
    bool classesOrdered = false; ///< classes form an ordinal scale (enables ordinal/interval α)
    /// Labelers see a queue number instead of file names, which often carry the class
    /// (NEU-DET's "scratches_91.jpg"); see core::shownImageName(). On for new projects; a
    /// project written before this setting existed reads as off (it showed names then).
    bool hideFileNames = true;
    /// Consistency checks (issue #20, docs/CONSISTENCY.md): the share of each labeler's queue
    /// that are repeats of images they labeled (0 = off), each at least `repeatGap` queue rows
    /// after its first showing, and the share that are gold images they were not assigned.
    double repeatShare = 0.05;
    int repeatGap = 50;
    double goldShare = 0.0;
};

struct ImageRecord
{
    Id id = 0;
    std::string path; ///< relative to the project file's folder (or absolute), '/' separators
    std::string hash; ///< XXH3-128 of the file bytes, 32 hex digits
    std::int64_t bytes = 0;
    int width = 0;
    int height = 0;
    double pxPerMm = 0.0; ///< 0 = unknown
};

struct LabelClass
{
    Id id = 0;
    std::string name;
    std::string color;    ///< "#rrggbb"
    std::string shortcut; ///< a key such as "1"
    std::string description;
    int order = 0;
    ClassScope scope = ClassScope::Both;
};

struct Labeler
{
    Id id = 0;
    std::string name;
    Role role = Role::Labeler;
};

/// The current label of one labeler on one image (one row per image × labeler).
struct Label
{
    Id id = 0;
    Id image = 0;
    Id labeler = 0;
    Id labelClass = 0;
    int round = 0;
    std::optional<Id> standard; ///< standard (row id of the version) in force when it was made
    LabelSource source = LabelSource::Manual;
    std::string createdAt; ///< UTC, ISO 8601
    std::string updatedAt;
};

struct Annotation
{
    Id id = 0;
    Id label = 0;
    AnnotationKind kind = AnnotationKind::Box;
    std::string geometry; ///< JSON, e.g. {"x1":..,"y1":..,"x2":..,"y2":..} for box and line
    double lengthPx = 0.0;
    std::optional<double> lengthMm;
    double area = 0.0;
    /// The shape's own class (a LabelClass id; schema 4, issue #17). The store returns it set
    /// (0 only for a shape of a check not answered yet). On write, 0 means: the class the geometry names ("class",
    /// core/geometry) when the project has it, else the class of the shape's label (of the check item's answer for a
    /// check's shapes). The stored class is the shape's; a "class" left in the geometry is only that input hint and is
    /// never read back as the shape's class.
    Id classId = 0;
};

/// An attribute value: a number or a text.
using AttrValue = std::variant<double, std::string>;

struct ImageAttribute
{
    Id image = 0;
    std::string key;
    AttrValue value;
    AttrSource source = AttrSource::Imported;
};

struct Standard
{
    Id id = 0;
    Id family = 0; ///< id of version 1; all versions of one standard share it
    int version = 1;
    std::string title;
    std::string body;
    std::string rule; ///< empty when the standard has no executable rule
    StandardStatus status = StandardStatus::Draft;
    std::string createdAt;
};

struct StandardExample
{
    Id standard = 0;
    Id image = 0;
    ExampleRole role = ExampleRole::Example;
    std::string note;
};

struct Decision
{
    Id image = 0;
    std::optional<Id> labelClass; ///< empty when excluded/ambiguous
    DecisionMethod method = DecisionMethod::Adjudicated;
    std::optional<Id> standard;
    std::optional<Id> by; ///< labeler (lead) who decided
    std::string note;
    std::string createdAt;
};

/// What the lead decided about an unresolved object (issue #17, docs/AGREEMENT.md "Adjudicating
/// objects"): accept the cluster as an object with its voted class, accept it with a class the
/// lead picked, or drop it (not an object).
enum class ObjectAction : std::uint8_t
{
    Accept,
    Class,
    Drop
};

/// The lead's decision on one unresolved object: a cluster of labelers' shapes below quorum.
/// The cluster is named by its members (`members`, JSON), so the decision applies while the
/// same shapes form the same cluster (core/adjudication/objectqueue.h).
struct ObjectDecision
{
    Id id = 0;
    Id image = 0;
    AnnotationKind kind = AnnotationKind::Box;
    std::string geometry;  ///< the object's shape (core/geometry JSON): the cluster's fused one
    std::optional<Id> cls; ///< the object's class; none when dropped
    ObjectAction action = ObjectAction::Accept;
    std::string members;   ///< JSON [{"labeler", "annotation", "class", "points"}], by labeler
    std::optional<Id> by;  ///< labeler (lead) who decided
    std::string createdAt; ///< UTC, ISO 8601 (empty on write: now)
};

struct Assignment
{
    Id image = 0;
    Id labeler = 0;
    int round = 0;
    int position = 0; ///< order in the labeler's queue
    AssignmentState state = AssignmentState::Pending;
};

/// What a consistency check asks of a labeler (issue #20, docs/CONSISTENCY.md).
enum class CheckKind : std::uint8_t
{
    Repeat, ///< an image the labeler labeled before, shown again (test–retest)
    Gold    ///< an image with the lead's gold class that the labeler was not assigned
};

/// A consistency check in a labeler's queue: shown exactly like a new image, answered like
/// one, but its answer is kept here and never becomes (or replaces) a label, so it never
/// counts in the agreement between labelers.
struct CheckItem
{
    Id id = 0;
    Id image = 0;
    Id labeler = 0;
    CheckKind kind = CheckKind::Repeat;
    int round = 0;
    int position = 0; ///< sorts after the assignment of the same round and position
    AssignmentState state = AssignmentState::Pending;
    std::optional<Id> answer; ///< the class the labeler chose; none until answered
    std::string answeredAt;   ///< UTC, ISO 8601; empty until answered
};

/// The lead's gold class of an image: the reference labelers are checked against.
struct GoldLabel
{
    Id image = 0;
    Id labelClass = 0;
    std::string source; ///< "decision" (marked from the lead's decision) or "import" (a gold CSV)
    std::string createdAt;
};

struct AuditEntry
{
    Id id = 0;
    std::string at;
    std::string actor;
    std::string action;
    std::string payload; ///< JSON with enough to undo the change
    bool undone = false;
};

// Text forms used in the database and in JSON output.
std::string_view toString(Role v);
std::string_view toString(LabelSource v);
std::string_view toString(AttrSource v);
std::string_view toString(AnnotationKind v);
std::string_view toString(StandardStatus v);
std::string_view toString(ExampleRole v);
std::string_view toString(DecisionMethod v);
std::string_view toString(AssignmentState v);
std::string_view toString(CheckKind v);
std::string_view toString(ClassScope v);
std::string_view toString(ObjectAction v);

// Parsers; throw Error(Invalid) naming the unknown text.
Role parseRole(std::string_view s);
LabelSource parseLabelSource(std::string_view s);
AttrSource parseAttrSource(std::string_view s);
AnnotationKind parseAnnotationKind(std::string_view s);
StandardStatus parseStandardStatus(std::string_view s);
ExampleRole parseExampleRole(std::string_view s);
DecisionMethod parseDecisionMethod(std::string_view s);
AssignmentState parseAssignmentState(std::string_view s);
CheckKind parseCheckKind(std::string_view s);
ClassScope parseClassScope(std::string_view s);
ObjectAction parseObjectAction(std::string_view s);

} // namespace concord::core
