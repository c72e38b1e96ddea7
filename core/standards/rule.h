// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// \file
/// The executable part of a standard (DESIGN §6): a small rule language, parsed into an AST
/// and evaluated here in core, never turned into SQL or shell text, so a rule can only read
/// a label's class and the image's attributes and only choose a class. docs/RULES.md is the
/// reference; the grammar in short:
///
///     rule      := [ 'when' condition ':' ] result
///     result    := class [ 'if' condition 'else' result ]
///     condition := and { 'or' and } ; and := not { 'and' not } ; not := 'not' not | primary
///     primary   := '(' condition ')' | 'label' ('in' | 'not' 'in') '{' class {',' class} '}'
///                | 'label' ('=' | '!=') class | attribute 'is' ['not'] ('known' | 'unknown')
///                | attribute ('<' | '<=' | '>' | '>=' | '=' | '!=') (number | "text")
///     class     := name | "quoted name" | 'keep'
///
/// An object rule acts on the shapes of the labels instead (issue #17); in its conditions
/// `label` is the object's own class and the attributes are the object's (objectattributes.h),
/// else its image's:
///
///     objectrule := 'for' 'objects' [ 'of' 'class' class {',' class} ] [ 'when' condition ]
///                   ':' oresult
///     oresult    := action [ 'if' condition [ 'else' oresult ] ]   (no 'else': keep)
///     action     := 'drop' | 'relabel' class | 'keep'

namespace concord::core {

class Store;

/// A name as written in the rule, with where it was written, so that validation against a
/// project can point at it.
struct RuleName
{
    std::string text;
    int column = 0; ///< 1-based, in characters
    int length = 0; ///< characters as written (quotes included)
};

enum class RuleCompare : std::uint8_t
{
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Equal,
    NotEqual
};

/// One node of a condition. Immutable and shared, so a Rule is a cheap value to copy between
/// the GUI's editor and a background preview.
struct RuleCondition
{
    enum class Kind : std::uint8_t
    {
        And,     ///< left and right
        Or,      ///< left or right
        Not,     ///< not left
        LabelIn, ///< the label's class is one of `classes` (negated: not one of them)
        Known,   ///< `attribute` has a value for the image (negated: is unknown)
        Compare, ///< `attribute` `op` `value`
    };
    Kind kind = Kind::And;
    int column = 0; ///< where the node starts
    std::shared_ptr<const RuleCondition> left;
    std::shared_ptr<const RuleCondition> right;
    bool negated = false;
    std::vector<RuleName> classes;
    RuleName attribute;
    RuleCompare op = RuleCompare::Equal;
    AttrValue value;     ///< a number or a text
    int valueColumn = 0; ///< where the literal is written
};

/// `result if condition` (condition null for the final `else` result).
struct RuleBranch
{
    /// Empty for `keep`: the rule deliberately leaves the label as it is. In an object rule,
    /// the class of `relabel`.
    std::optional<RuleName> resultClass;
    bool drop = false; ///< an object rule's `drop`: the object is removed
    int column = 0;
    std::shared_ptr<const RuleCondition> condition;
};

/// A parsed rule: the optional `when` guard and the chain of results, tried in order.
struct Rule
{
    std::string text;
    std::shared_ptr<const RuleCondition> guard; ///< null: the rule applies to every label
    std::vector<RuleBranch> branches;           ///< the last one has no condition
    bool forObjects = false;                    ///< `for objects …`: acts on shapes, not labels
    std::vector<RuleName> objectClasses;        ///< `of class …`; empty: objects of every class

    /// Attribute names in order of first use, each with its first position.
    std::vector<RuleName> attributes() const;
    /// Class names (conditions and results) in order of first use, with their first position.
    std::vector<RuleName> classes() const;
};

/// Parses rule text. Throws RuleError(Parse) naming the column and the expected token, e.g.
/// "expected ':' at column 41, found 'scratch'".
Rule parseRule(std::string_view text);

/// How deep parentheses and `not` may nest in a rule. The parser (and every walk over the
/// tree) recurses once per level, so without a bound a rule of 40,000 '(' overflowed the
/// stack; deeper nesting is a RuleError(Parse) at the token that goes too deep.
inline constexpr int kMaxRuleNesting = 100;
/// How many `and` / `or` operators one rule may hold. Each makes the condition tree one
/// level deeper (`a or b or c` is `(a or b) or c`), and evaluating it recurses that deep.
inline constexpr int kMaxRuleOperators = 1000;

/// Checks a parsed rule against a project: every attribute must be one of
/// Store::attributeKeys() and every class one of Store::classes() (RuleError NotFound naming
/// the name, its column and the known names), and a text literal must not be compared with a
/// numeric attribute or the reverse (RuleError Invalid). Reads only.
void validateRule(const Rule &rule, const Store &store);

/// parseRule then validateRule: what adding a standard and the rule editor call.
Rule checkRule(std::string_view text, const Store &store);

/// The rule in canonical form, every binary condition in parentheses: a test can compare the
/// parser's reading of precedence with one written by hand, and the GUI can show it.
std::string describeRule(const Rule &rule);
std::string describeCondition(const RuleCondition &condition);

// --- writing rule text (describeRule(), the standard seed of a cluster) ---------------------
/// True when `name` can stand bare in a rule: a name (letters, digits, '_', '-', '.'; first a
/// letter or '_') that is not one of the language's keywords.
bool isBareRuleName(std::string_view name);
/// A text literal: in double quotes, with '"' and '\\' escaped.
std::string quoteRuleText(std::string_view text);
/// A class name as a rule writes it: bare when isBareRuleName(), else quoteRuleText().
std::string quoteRuleClass(std::string_view name);
/// A number literal, shortest round-trip form (std::to_chars): 12.5, 0.1, -3.
std::string formatRuleNumber(double v);
/// A threshold as a suggested rule writes it: at most 2 decimals, trailing zeros dropped, no
/// exponent (a threshold is read in the attribute's unit, e.g. mm; finer than 0.01 is noise).
std::string formatRuleThreshold(double v);

} // namespace concord::core
