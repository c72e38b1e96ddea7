// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/types.h"

#include "core/common/error.h"

#include <array>
#include <utility>

namespace concord::core {

namespace {

template <typename E, std::size_t N>
std::string_view nameOf(E v, const std::array<std::string_view, N> &names)
{
    return names.at(static_cast<std::size_t>(v));
}

template <typename E, std::size_t N>
E parseName(std::string_view s, const std::array<std::string_view, N> &names, const char *what)
{
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == s)
            return static_cast<E>(i);
    std::string expected;
    for (std::size_t i = 0; i < N; ++i)
        expected += (i ? ", " : "") + std::string(names[i]);
    throw Error(ErrorCode::Invalid,
                "unknown " + std::string(what) + " '" + std::string(s) + "' (expected " + expected + ")");
}

constexpr std::array<std::string_view, 2> kRole{"labeler", "lead"};
constexpr std::array<std::string_view, 3> kLabelSource{"manual", "import", "standard"};
constexpr std::array<std::string_view, 3> kAttrSource{"imported", "computed", "measured"};
constexpr std::array<std::string_view, 4> kKind{"box", "line", "polygon", "point"};
constexpr std::array<std::string_view, 3> kStatus{"draft", "active", "retired"};
constexpr std::array<std::string_view, 3> kExample{"example", "counterexample", "borderline"};
constexpr std::array<std::string_view, 4> kMethod{"adjudicated", "consensus", "standard", "excluded"};
constexpr std::array<std::string_view, 3> kState{"pending", "done", "skipped"};
constexpr std::array<std::string_view, 2> kCheck{"repeat", "gold"};
constexpr std::array<std::string_view, 3> kScope{"image", "object", "both"};
constexpr std::array<std::string_view, 3> kObjectAction{"accept", "class", "drop"};

} // namespace

std::string_view toString(Role v)
{
    return nameOf(v, kRole);
}
std::string_view toString(LabelSource v)
{
    return nameOf(v, kLabelSource);
}
std::string_view toString(AttrSource v)
{
    return nameOf(v, kAttrSource);
}
std::string_view toString(AnnotationKind v)
{
    return nameOf(v, kKind);
}
std::string_view toString(StandardStatus v)
{
    return nameOf(v, kStatus);
}
std::string_view toString(ExampleRole v)
{
    return nameOf(v, kExample);
}
std::string_view toString(DecisionMethod v)
{
    return nameOf(v, kMethod);
}
std::string_view toString(AssignmentState v)
{
    return nameOf(v, kState);
}
std::string_view toString(CheckKind v)
{
    return nameOf(v, kCheck);
}
std::string_view toString(ClassScope v)
{
    return nameOf(v, kScope);
}
std::string_view toString(ObjectAction v)
{
    return nameOf(v, kObjectAction);
}

Role parseRole(std::string_view s)
{
    return parseName<Role>(s, kRole, "role");
}
LabelSource parseLabelSource(std::string_view s)
{
    return parseName<LabelSource>(s, kLabelSource, "label source");
}
AttrSource parseAttrSource(std::string_view s)
{
    return parseName<AttrSource>(s, kAttrSource, "attribute source");
}
AnnotationKind parseAnnotationKind(std::string_view s)
{
    return parseName<AnnotationKind>(s, kKind, "annotation kind");
}
StandardStatus parseStandardStatus(std::string_view s)
{
    return parseName<StandardStatus>(s, kStatus, "standard status");
}
ExampleRole parseExampleRole(std::string_view s)
{
    return parseName<ExampleRole>(s, kExample, "example role");
}
DecisionMethod parseDecisionMethod(std::string_view s)
{
    return parseName<DecisionMethod>(s, kMethod, "decision method");
}
AssignmentState parseAssignmentState(std::string_view s)
{
    return parseName<AssignmentState>(s, kState, "assignment state");
}
CheckKind parseCheckKind(std::string_view s)
{
    return parseName<CheckKind>(s, kCheck, "check kind");
}
ClassScope parseClassScope(std::string_view s)
{
    return parseName<ClassScope>(s, kScope, "class scope");
}
ObjectAction parseObjectAction(std::string_view s)
{
    return parseName<ObjectAction>(s, kObjectAction, "object action");
}

} // namespace concord::core
