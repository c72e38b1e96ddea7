// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/standards/rule.h"

#include "core/geometry/objectattributes.h"

#include "core/clusters/imageattributes.h"
#include "core/clusters/objectstats.h"

#include "core/standards/ruleerror.h"
#include "core/standards/ruletokenizer_p.h"
#include "core/store/store.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

namespace concord::core {

namespace {

constexpr std::array<std::string_view, 12> kKeywords{"when", "if", "else",  "and",     "or",    "not",
                                                     "in",   "is", "known", "unknown", "label", "keep"};

bool isKeyword(std::string_view s)
{
    return std::find(kKeywords.begin(), kKeywords.end(), s) != kKeywords.end();
}

using CondPtr = std::shared_ptr<const RuleCondition>;

/// Recursive descent over the token list, one function per grammar rule (see rule.h). Each
/// failure names the column of the offending token and what the grammar allowed there.
class RuleParser
{
public:
    explicit RuleParser(std::string_view text)
        : m_tokens(tokenizeRule(text))
    {
    }

    Rule parse()
    {
        Rule rule;
        if (isWord("for")) {
            parseObjectRule(rule);
            return rule;
        }
        if (isWord("when")) {
            advance();
            rule.guard = parseOr();
            expect(RuleTokenKind::Colon, "':'");
        }
        parseResult(rule.branches);
        if (peek().kind != RuleTokenKind::End)
            fail("'if' or end of rule"); // after a complete result only a condition may follow
        return rule;
    }

private:
    const RuleToken &peek() const { return m_tokens[m_pos]; }
    const RuleToken &advance() { return m_tokens[m_pos++]; }
    bool isWord(std::string_view word) const { return peek().kind == RuleTokenKind::Identifier && peek().text == word; }

    /// A RuleError(Parse) at the current token for a rule beyond one of the limits.
    [[noreturn]] void failLimit(const std::string &what) const
    {
        const auto &t = peek();
        throw RuleError(ErrorCode::Parse, t.column, t.length,
                        what + " at column " + std::to_string(t.column) + " (docs/RULES.md, Limits)");
    }

    /// Enters one level of parentheses or `not`; see kMaxRuleNesting.
    void enterNesting()
    {
        if (++m_nesting > kMaxRuleNesting)
            failLimit("conditions nest more than " + std::to_string(kMaxRuleNesting) +
                      " levels deep (parentheses and 'not')");
    }

    /// Counts one `and` / `or`; see kMaxRuleOperators.
    void countOperator()
    {
        if (++m_operators > kMaxRuleOperators)
            failLimit("more than " + std::to_string(kMaxRuleOperators) + " 'and'/'or' in one rule");
    }

    [[noreturn]] void fail(const std::string &expected) const
    {
        const auto &t = peek();
        throw RuleError(ErrorCode::Parse, t.column, t.length,
                        "expected " + expected + " at column " + std::to_string(t.column) + ", found " +
                            describeToken(t),
                        expected);
    }

    void expect(RuleTokenKind kind, const std::string &expected)
    {
        if (peek().kind != kind)
            fail(expected);
        advance();
    }

    void expectWord(std::string_view word)
    {
        if (!isWord(word))
            fail("'" + std::string(word) + "'");
        advance();
    }

    /// A class name: a bare name that is not a keyword, or a quoted one.
    RuleName parseClassName(const std::string &expected)
    {
        const auto &t = peek();
        if (t.kind == RuleTokenKind::String || (t.kind == RuleTokenKind::Identifier && !isKeyword(t.text))) {
            if (t.text.empty())
                fail(expected + " (a class name cannot be empty)");
            advance();
            return RuleName{t.text, t.column, t.length};
        }
        if (t.kind == RuleTokenKind::Identifier)
            fail(expected + " (a class named like the keyword '" + t.text + "' must be quoted)");
        fail(expected);
    }

    /// `for objects [of class a, b] [when c]: oresult` (rule.h).
    void parseObjectRule(Rule &rule)
    {
        advance(); // for
        rule.forObjects = true;
        expectWord("objects");
        if (isWord("of")) {
            advance();
            expectWord("class");
            rule.objectClasses.push_back(parseClassName("a class name"));
            while (peek().kind == RuleTokenKind::Comma) {
                advance();
                rule.objectClasses.push_back(parseClassName("a class name"));
            }
        }
        if (isWord("when")) {
            advance();
            rule.guard = parseOr();
        }
        expect(RuleTokenKind::Colon, rule.objectClasses.empty() && !rule.guard ? "'of', 'when' or ':'" : "':'");
        bool elseMayFollow = false; // the last action had a condition
        for (;;) {
            RuleBranch b;
            b.column = peek().column;
            if (isWord("drop")) {
                advance();
                b.drop = true;
            } else if (isWord("relabel")) {
                advance();
                b.resultClass = parseClassName("the class to relabel to");
            } else if (isWord("keep")) {
                advance();
            } else {
                fail("'drop', 'relabel' or 'keep'");
            }
            if (!isWord("if")) {
                rule.branches.push_back(std::move(b));
                break;
            }
            advance();
            b.condition = parseOr();
            rule.branches.push_back(std::move(b));
            elseMayFollow = true;
            if (!isWord("else")) {
                RuleBranch keep; // no else: every other object is kept
                keep.column = peek().column;
                rule.branches.push_back(std::move(keep));
                break;
            }
            advance();
        }
        if (peek().kind != RuleTokenKind::End)
            fail(elseMayFollow ? "'else' or end of rule" : "'if' or end of rule");
    }

    void parseResult(std::vector<RuleBranch> &branches)
    {
        for (;;) {
            RuleBranch b;
            b.column = peek().column;
            if (isWord("keep"))
                advance();
            else
                b.resultClass = parseClassName("a result class or 'keep'");
            if (!isWord("if")) {
                branches.push_back(std::move(b));
                return;
            }
            advance();
            b.condition = parseOr();
            expectWord("else");
            branches.push_back(std::move(b));
        }
    }

    CondPtr binary(RuleCondition::Kind kind, CondPtr left, CondPtr right)
    {
        auto node = std::make_shared<RuleCondition>();
        node->kind = kind;
        node->column = left->column;
        node->left = std::move(left);
        node->right = std::move(right);
        return node;
    }

    CondPtr parseOr()
    {
        auto left = parseAnd();
        while (isWord("or")) {
            countOperator();
            advance();
            left = binary(RuleCondition::Kind::Or, left, parseAnd());
        }
        return left;
    }

    CondPtr parseAnd()
    {
        auto left = parseNot();
        while (isWord("and")) {
            countOperator();
            advance();
            left = binary(RuleCondition::Kind::And, left, parseNot());
        }
        return left;
    }

    CondPtr parseNot()
    {
        if (isWord("not")) {
            enterNesting();
            auto node = std::make_shared<RuleCondition>();
            node->kind = RuleCondition::Kind::Not;
            node->column = advance().column;
            node->left = parseNot();
            --m_nesting;
            return node;
        }
        return parsePrimary();
    }

    CondPtr parsePrimary()
    {
        const auto &t = peek();
        if (t.kind == RuleTokenKind::LParen) {
            enterNesting();
            advance();
            auto inner = parseOr();
            expect(RuleTokenKind::RParen, "')'");
            --m_nesting;
            return inner;
        }
        if (t.kind == RuleTokenKind::Identifier && t.text == "label")
            return parseLabelCondition();
        if (t.kind == RuleTokenKind::Identifier && !isKeyword(t.text))
            return parseAttributeCondition();
        fail("a condition (label, an attribute name, 'not' or '(')");
    }

    CondPtr parseLabelCondition()
    {
        auto node = std::make_shared<RuleCondition>();
        node->kind = RuleCondition::Kind::LabelIn;
        node->column = advance().column;
        const auto kind = peek().kind;
        if (kind == RuleTokenKind::Equal || kind == RuleTokenKind::NotEqual) {
            advance();
            node->negated = kind == RuleTokenKind::NotEqual;
            node->classes.push_back(parseClassName("a class name"));
            return node;
        }
        if (isWord("not")) {
            advance();
            node->negated = true;
            expectWord("in");
        } else if (isWord("in")) {
            advance();
        } else {
            fail("'in', 'not in', '=' or '!='");
        }
        expect(RuleTokenKind::LBrace, "'{'");
        node->classes.push_back(parseClassName("a class name"));
        while (peek().kind == RuleTokenKind::Comma) {
            advance();
            node->classes.push_back(parseClassName("a class name"));
        }
        expect(RuleTokenKind::RBrace, "',' or '}'");
        return node;
    }

    CondPtr parseAttributeCondition()
    {
        auto node = std::make_shared<RuleCondition>();
        const auto &name = advance();
        node->column = name.column;
        node->attribute = RuleName{name.text, name.column, name.length};
        if (isWord("is")) {
            advance();
            node->kind = RuleCondition::Kind::Known;
            if (isWord("not")) {
                advance();
                node->negated = true;
            }
            if (isWord("unknown"))
                node->negated = !node->negated;
            else if (!isWord("known"))
                fail("'known' or 'unknown'");
            advance();
            return node;
        }
        node->kind = RuleCondition::Kind::Compare;
        switch (peek().kind) {
        case RuleTokenKind::Less: node->op = RuleCompare::Less; break;
        case RuleTokenKind::LessEqual: node->op = RuleCompare::LessEqual; break;
        case RuleTokenKind::Greater: node->op = RuleCompare::Greater; break;
        case RuleTokenKind::GreaterEqual: node->op = RuleCompare::GreaterEqual; break;
        case RuleTokenKind::Equal: node->op = RuleCompare::Equal; break;
        case RuleTokenKind::NotEqual: node->op = RuleCompare::NotEqual; break;
        default: fail("'is', '<', '<=', '>', '>=', '=' or '!=' after attribute '" + name.text + "'");
        }
        advance();
        const bool ordering = node->op != RuleCompare::Equal && node->op != RuleCompare::NotEqual;
        const auto &value = peek();
        node->valueColumn = value.column;
        if (value.kind == RuleTokenKind::Number) {
            node->value = value.number;
        } else if (value.kind == RuleTokenKind::String && !ordering) {
            node->value = value.text;
        } else if (value.kind == RuleTokenKind::String) {
            fail("a number (text compares with '=' and '!=' only)");
        } else {
            fail(ordering ? "a number" : "a number or a quoted text");
        }
        advance();
        return node;
    }

    std::vector<RuleToken> m_tokens;
    std::size_t m_pos = 0;
    int m_nesting = 0;   ///< parentheses and `not` open at the current token
    int m_operators = 0; ///< `and` / `or` read so far
};

void visitCondition(const RuleCondition *c, const std::function<void(const RuleCondition &)> &fn)
{
    if (!c)
        return;
    fn(*c);
    visitCondition(c->left.get(), fn);
    visitCondition(c->right.get(), fn);
}

void addOnce(std::vector<RuleName> &out, std::set<std::string> &seen, const RuleName &n)
{
    if (seen.insert(n.text).second)
        out.push_back(n);
}

} // namespace

std::string quoteRuleText(std::string_view text)
{
    std::string out = "\"";
    for (char ch : text) {
        if (ch == '"' || ch == '\\')
            out += '\\';
        out += ch;
    }
    return out + "\"";
}

bool isBareRuleName(std::string_view name)
{
    bool bare = !name.empty() && !isKeyword(name) &&
                ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z') || name[0] == '_');
    for (char ch : name)
        bare = bare && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
                        ch == '-' || ch == '.');
    return bare;
}

std::string quoteRuleClass(std::string_view name)
{
    return isBareRuleName(name) ? std::string(name) : quoteRuleText(name);
}

std::string formatRuleNumber(double v)
{
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

namespace {

const char *opText(RuleCompare op)
{
    switch (op) {
    case RuleCompare::Less: return "<";
    case RuleCompare::LessEqual: return "<=";
    case RuleCompare::Greater: return ">";
    case RuleCompare::GreaterEqual: return ">=";
    case RuleCompare::Equal: return "=";
    case RuleCompare::NotEqual: return "!=";
    }
    return "?";
}

/// The measured and computed attributes exist once someone stores them; say how.
std::string storeHint(const std::string &name)
{
    if (name == kAttrLengthMm)
        return "; 'length_mm' is measured from the labelers' lines, and no label has a line yet";
    for (const char *known : {kAttrBrightness, kAttrContrast, kAttrSharpness, kAttrLineLengthMm})
        if (name == known)
            return "; '" + name + "' is stored by `concord-cli attributes PROJECT --compute`";
    return {};
}

std::string joinNames(const std::vector<std::string> &names)
{
    std::string out;
    for (const auto &n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "none" : out;
}

} // namespace

std::string formatRuleThreshold(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.'))
        s.pop_back();
    return s == "-0" ? "0" : s;
}

std::vector<RuleName> Rule::attributes() const
{
    std::vector<RuleName> out;
    std::set<std::string> seen;
    auto collect = [&](const RuleCondition &c) {
        if (c.kind == RuleCondition::Kind::Known || c.kind == RuleCondition::Kind::Compare)
            addOnce(out, seen, c.attribute);
    };
    visitCondition(guard.get(), collect);
    for (const auto &b : branches)
        visitCondition(b.condition.get(), collect);
    return out;
}

std::vector<RuleName> Rule::classes() const
{
    std::vector<RuleName> out;
    std::set<std::string> seen;
    auto collect = [&](const RuleCondition &c) {
        for (const auto &n : c.classes)
            addOnce(out, seen, n);
    };
    for (const auto &n : objectClasses)
        addOnce(out, seen, n);
    visitCondition(guard.get(), collect);
    for (const auto &b : branches) {
        if (b.resultClass)
            addOnce(out, seen, *b.resultClass);
        visitCondition(b.condition.get(), collect);
    }
    return out;
}

Rule parseRule(std::string_view text)
{
    Rule rule = RuleParser(text).parse();
    rule.text = std::string(text);
    return rule;
}

void validateRule(const Rule &rule, const Store &store)
{
    std::vector<std::string> classNames;
    for (const auto &c : store.classes())
        classNames.push_back(c.name);
    const auto keys = knownAttributeKeys(store); // length_mm from the current lines, too

    // Report the leftmost problem first, as a compiler would.
    struct Problem
    {
        int column;
        int length;
        ErrorCode code;
        std::string message;
        std::string name;
    };
    std::vector<Problem> problems;
    for (const auto &c : rule.classes())
        if (std::find(classNames.begin(), classNames.end(), c.text) == classNames.end())
            problems.push_back({c.column, c.length, ErrorCode::NotFound,
                                "unknown class '" + c.text + "' at column " + std::to_string(c.column) +
                                    " (the project's classes are: " + joinNames(classNames) + ")",
                                c.text});
    std::map<std::string, std::pair<bool, bool>> types; // key -> (has numbers, has texts)
    const auto &objectKeys = allObjectAttributeNames(); // geometry, then pixels
    for (const auto &a : rule.attributes()) {
        if (rule.forObjects && std::find(objectKeys.begin(), objectKeys.end(), a.text) != objectKeys.end()) {
            auto &[numbers, texts] = types[a.text]; // the object's own value comes first
            (isTextObjectAttribute(a.text) ? texts : numbers) = true;
            continue;
        }
        if (std::find(keys.begin(), keys.end(), a.text) == keys.end()) {
            problems.push_back({a.column, a.length, ErrorCode::NotFound,
                                "unknown attribute '" + a.text + "' at column " + std::to_string(a.column) +
                                    " (the project's attributes are: " + joinNames(keys) + ")" +
                                    (rule.forObjects ? "; an object's are: " + joinNames(objectKeys) : std::string()) +
                                    storeHint(a.text),
                                a.text});
            continue;
        }
        auto &[numbers, texts] = types[a.text];
        for (const auto &v : attributeValues(store, a.text))
            (std::holds_alternative<double>(v.value) ? numbers : texts) = true;
    }
    auto checkTypes = [&](const RuleCondition &c) {
        if (c.kind != RuleCondition::Kind::Compare)
            return;
        const auto it = types.find(c.attribute.text);
        if (it == types.end())
            return;
        const auto [numbers, texts] = it->second;
        const bool literalIsNumber = std::holds_alternative<double>(c.value);
        if (literalIsNumber && texts && !numbers)
            problems.push_back({c.valueColumn, 1, ErrorCode::Invalid,
                                "attribute '" + c.attribute.text +
                                    "' holds text, compare it with a quoted "
                                    "text, not a number, at column " +
                                    std::to_string(c.valueColumn),
                                c.attribute.text});
        if (!literalIsNumber && numbers && !texts)
            problems.push_back({c.valueColumn, 1, ErrorCode::Invalid,
                                "attribute '" + c.attribute.text +
                                    "' holds numbers, compare it with a "
                                    "number, not a text, at column " +
                                    std::to_string(c.valueColumn),
                                c.attribute.text});
    };
    visitCondition(rule.guard.get(), checkTypes);
    for (const auto &b : rule.branches)
        visitCondition(b.condition.get(), checkTypes);
    if (problems.empty())
        return;
    const auto first = std::min_element(problems.begin(), problems.end(),
                                        [](const Problem &a, const Problem &b) { return a.column < b.column; });
    throw RuleError(first->code, first->column, first->length, first->message, {}, first->name);
}

Rule checkRule(std::string_view text, const Store &store)
{
    Rule rule = parseRule(text);
    validateRule(rule, store);
    return rule;
}

std::string describeCondition(const RuleCondition &c)
{
    switch (c.kind) {
    case RuleCondition::Kind::And:
        return "(" + describeCondition(*c.left) + " and " + describeCondition(*c.right) + ")";
    case RuleCondition::Kind::Or: return "(" + describeCondition(*c.left) + " or " + describeCondition(*c.right) + ")";
    case RuleCondition::Kind::Not: return "not " + describeCondition(*c.left);
    case RuleCondition::Kind::LabelIn: {
        std::string out = c.negated ? "label not in {" : "label in {";
        for (std::size_t i = 0; i < c.classes.size(); ++i)
            out += (i ? ", " : "") + quoteRuleClass(c.classes[i].text);
        return out + "}";
    }
    case RuleCondition::Kind::Known: return c.attribute.text + (c.negated ? " is unknown" : " is known");
    case RuleCondition::Kind::Compare: {
        std::string out = c.attribute.text + " " + opText(c.op) + " ";
        if (const auto *d = std::get_if<double>(&c.value))
            return out + formatRuleNumber(*d);
        return out + quoteRuleText(std::get<std::string>(c.value));
    }
    }
    return {};
}

std::string describeRule(const Rule &rule)
{
    std::string out;
    if (rule.forObjects) {
        out = "for objects";
        for (std::size_t i = 0; i < rule.objectClasses.size(); ++i)
            out += (i ? ", " : " of class ") + quoteRuleClass(rule.objectClasses[i].text);
        if (rule.guard)
            out += " when " + describeCondition(*rule.guard);
        out += ": ";
        for (std::size_t i = 0; i < rule.branches.size(); ++i) {
            const auto &b = rule.branches[i];
            if (i)
                out += " else ";
            out += b.drop ? "drop" : (b.resultClass ? "relabel " + quoteRuleClass(b.resultClass->text) : "keep");
            if (b.condition)
                out += " if " + describeCondition(*b.condition);
        }
        return out;
    }
    if (rule.guard)
        out = "when " + describeCondition(*rule.guard) + ": ";
    for (std::size_t i = 0; i < rule.branches.size(); ++i) {
        const auto &b = rule.branches[i];
        if (i)
            out += " else ";
        out += b.resultClass ? quoteRuleClass(b.resultClass->text) : "keep";
        if (b.condition)
            out += " if " + describeCondition(*b.condition);
    }
    return out;
}

} // namespace concord::core
