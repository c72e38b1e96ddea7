// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/standards/ruleevaluator.h"

#include <algorithm>

namespace concord::core {

namespace {

enum class Tri : std::uint8_t
{
    False,
    True,
    Unknown
};

Tri notTri(Tri v)
{
    return v == Tri::Unknown ? Tri::Unknown : (v == Tri::True ? Tri::False : Tri::True);
}

Tri fromBool(bool b)
{
    return b ? Tri::True : Tri::False;
}

/// One evaluation pass. `hypothetical` answers "would this hold if the missing values were
/// known?": `is known` / `is unknown` on a missing attribute become unknown instead of
/// false / true.
class Evaluator
{
public:
    Evaluator(std::string_view labelClass, const AttributeValues &attributes, bool hypothetical)
        : m_label(labelClass)
        , m_attributes(attributes)
        , m_hypothetical(hypothetical)
    {
    }

    Tri eval(const RuleCondition &c)
    {
        switch (c.kind) {
        case RuleCondition::Kind::And: {
            // Both sides are always evaluated so `read` lists every value that mattered.
            const Tri a = eval(*c.left);
            const Tri b = eval(*c.right);
            if (a == Tri::False || b == Tri::False)
                return Tri::False;
            return a == Tri::True && b == Tri::True ? Tri::True : Tri::Unknown;
        }
        case RuleCondition::Kind::Or: {
            const Tri a = eval(*c.left);
            const Tri b = eval(*c.right);
            if (a == Tri::True || b == Tri::True)
                return Tri::True;
            return a == Tri::False && b == Tri::False ? Tri::False : Tri::Unknown;
        }
        case RuleCondition::Kind::Not: return notTri(eval(*c.left));
        case RuleCondition::Kind::LabelIn: {
            const bool in =
                std::any_of(c.classes.begin(), c.classes.end(), [&](const RuleName &n) { return n.text == m_label; });
            return fromBool(in != c.negated);
        }
        case RuleCondition::Kind::Known: {
            const auto *v = lookup(c.attribute.text);
            if (!v && m_hypothetical)
                return Tri::Unknown;
            return fromBool((v != nullptr) != c.negated);
        }
        case RuleCondition::Kind::Compare: return compare(c);
        }
        return Tri::Unknown;
    }

    std::vector<std::pair<std::string, AttrValue>> read;

private:
    const AttrValue *lookup(const std::string &key)
    {
        const auto it = m_attributes.find(key);
        if (it == m_attributes.end())
            return nullptr;
        const bool seen = std::any_of(read.begin(), read.end(), [&](const auto &p) { return p.first == key; });
        if (!seen)
            read.emplace_back(key, it->second);
        return &it->second;
    }

    Tri compare(const RuleCondition &c)
    {
        const auto *v = lookup(c.attribute.text);
        if (!v)
            return Tri::Unknown;
        if (const auto *lit = std::get_if<double>(&c.value)) {
            const auto *num = std::get_if<double>(v);
            if (!num)
                return Tri::Unknown;
            switch (c.op) {
            case RuleCompare::Less: return fromBool(*num < *lit);
            case RuleCompare::LessEqual: return fromBool(*num <= *lit);
            case RuleCompare::Greater: return fromBool(*num > *lit);
            case RuleCompare::GreaterEqual: return fromBool(*num >= *lit);
            case RuleCompare::Equal: return fromBool(*num == *lit);
            case RuleCompare::NotEqual: return fromBool(*num != *lit);
            }
            return Tri::Unknown;
        }
        const auto *text = std::get_if<std::string>(v);
        if (!text)
            return Tri::Unknown;
        const bool equal = *text == std::get<std::string>(c.value);
        return fromBool(c.op == RuleCompare::Equal ? equal : !equal);
    }

    std::string_view m_label;
    const AttributeValues &m_attributes;
    bool m_hypothetical;
};

std::vector<std::string> missingAttributes(const Rule &rule, const AttributeValues &attributes)
{
    std::vector<std::string> out;
    for (const auto &a : rule.attributes())
        if (attributes.find(a.text) == attributes.end())
            out.push_back(a.text);
    return out;
}

} // namespace

RuleOutcome evaluateRule(const Rule &rule, std::string_view labelClass, const AttributeValues &attributes)
{
    RuleOutcome out;
    if (rule.forObjects && !rule.objectClasses.empty() &&
        std::none_of(rule.objectClasses.begin(), rule.objectClasses.end(),
                     [&](const RuleName &n) { return n.text == labelClass; }))
        return out; // OutOfScope: an object of another class
    Evaluator guardEval(labelClass, attributes, false);
    const Tri guard = rule.guard ? guardEval.eval(*rule.guard) : Tri::True;
    if (guard != Tri::True) {
        Tri hypothetical = guard;
        if (guard == Tri::False) {
            Evaluator again(labelClass, attributes, true);
            hypothetical = again.eval(*rule.guard);
        }
        if (hypothetical == Tri::False) {
            out.verdict = RuleVerdict::OutOfScope;
        } else {
            out.verdict = RuleVerdict::Undecided;
            out.missing = missingAttributes(rule, attributes);
        }
        return out;
    }
    Evaluator chain(labelClass, attributes, false);
    for (const auto &b : rule.branches) {
        const Tri t = b.condition ? chain.eval(*b.condition) : Tri::True;
        if (t == Tri::Unknown) {
            out.verdict = RuleVerdict::Undecided;
            out.missing = missingAttributes(rule, attributes);
            return out;
        }
        if (t == Tri::True) {
            out.verdict = b.resultClass || b.drop ? RuleVerdict::Decided : RuleVerdict::Kept;
            out.drop = b.drop;
            if (b.resultClass)
                out.resultClass = b.resultClass->text;
            out.decidedBy = chain.read.empty() ? guardEval.read : chain.read;
            return out;
        }
    }
    return out; // unreachable: the last branch has no condition
}

} // namespace concord::core
