"""The rule matcher: decides whether a sentence says what a pattern describes.

Retrieval (vector, lexical) proposes; this module decides, because no embedding tells
"the Company may assign" from "the Company may not assign" (see docs/design.md).
A decision carries the terms that matched so a finding can explain itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..library.schema import Pattern, Rules, RuleSet
from .macros import expand
from .prefilter import may_match, required_literals

_FLAGS = re.IGNORECASE | re.UNICODE

# Negation right before the deciding term flips its meaning ("may not assign", "不得转让").
_NEG_EN = re.compile(
    r"(?:\b(?:shall|will|may|must|can|could|would|does|do|did|is|are|be)\s+not\b|\bcannot\b|\bnever\b|n't\b|"
    r"\bneither\b|\bnor\b|\bno\s+(?:right|obligation|license|licence)\b|\bnot\s+(?:be\s+)?(?:entitled|permitted|allowed)\b)"
    r"[^.;:]{0,40}$",
    _FLAGS,
)
_NEG_ZH = re.compile(r"(?:不得|不应|不会|不能|无权|禁止|严禁|不享有|并不|并非|不予|不再|不必|无须|无需|未经|不涉及|不构成|不包括|不发生|不视为|不属于|不含)[^，。；,;]{0,14}$")
_ZH_FALSE_NEG = re.compile(r"不可撤销|不可撤回|无偿|不限于|无论|不论|无条件|不区分|"
                            r"(?:无需|无须|不必|不需|未经)[^，。；,;]{0,14}?(?:同意|许可|批准|授权|通知)(?:即可|即|便可|可以|可)?")

_CREATOR_KEEPS = re.compile(
    expand(
        r"{CREATOR}\s+(?:shall\s+|will\s+|does\s+|hereby\s+)?(?:retains?|keeps?|remains?\s+the\s+(?:sole\s+)?owner|owns?)\b|"
        r"(?:remain|be)s?\s+(?:the\s+)?(?:sole\s+and\s+exclusive\s+|sole\s+|exclusive\s+)?property\s+of\s+{CREATOR}|"
        r"(?:归|属于)(?:乙方|创作者|艺人|作者|主播|创始人|受托方)(?:所有|独家所有|单独所有)|"
        r"(?:乙方|创作者|艺人|作者|主播|创始人|受托方)(?:保留|仍享有|继续享有|仍然享有|享有全部)|仍归(?:乙方|创作者|作者|艺人)"
    ),
    _FLAGS,
)


@dataclass(frozen=True)
class CompiledRuleSet:
    groups: tuple[re.Pattern[str], ...]
    guards: re.Pattern[str] | None
    window: int
    polarity: str | None = None
    # per group: literals one of which must be in the (lower-cased) text, or None
    needs: tuple[frozenset[str] | None, ...] = ()
    # the groups in the order the clause-level pre-check tries them: shortest regex first, as a short
    # regex is cheap to run and usually the rarer term, so a failing clause fails fast
    cheapest_first: tuple[re.Pattern[str], ...] = ()

    def may_match(self, low: str) -> bool:
        return all(may_match(req, low) for req in self.needs)


@dataclass(frozen=True)
class RuleHit:
    """Why a rule set fired: the term each group matched."""

    lang: str
    terms: tuple[str, ...]
    span: tuple[int, int]

    def explain(self) -> str:
        return " + ".join(f"'{t}'" for t in self.terms)


def _compile(regex: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(expand(regex), _FLAGS)
    except re.error as exc:  # reported by `library check` with the pattern id
        raise ValueError(f"{where}: bad regex {regex!r}: {exc}") from exc


def compile_ruleset(rs: RuleSet, where: str) -> CompiledRuleSet:
    sources = ["|".join(f"(?:{alt})" for alt in group) for group in rs.all]
    groups = tuple(_compile(src, where) for src in sources)
    needs = tuple(required_literals(expand(src)) for src in sources)
    guards = _compile("|".join(f"(?:{g})" for g in rs.none), where) if rs.none else None
    return CompiledRuleSet(groups=groups, guards=guards, window=rs.window, polarity=rs.polarity, needs=needs,
                           cheapest_first=tuple(sorted(groups, key=lambda g: len(g.pattern))))


class CompiledRules:
    """A compiled `Rules` object (a pattern's, or a missing-protection check's `present`)."""

    def __init__(self, rules_id: str, rules: Rules) -> None:
        self.rules = rules
        self.by_lang = {
            lang: [compile_ruleset(rs, f"{rules_id}.rules.{lang}[{i}]") for i, rs in enumerate(rules.for_lang(lang))]
            for lang in ("en", "zh")
        }

    def could_match(self, text: str, lang: str, low: str | None = None) -> bool:
        """Cheap pre-check on a whole clause: can some rule set's groups all be found in it?
        `low` is text.lower(), passed in so a clause is lower-cased once, not once per pattern."""
        low = text.lower() if low is None else low
        return any(crs.may_match(low) and all(g.search(text) for g in crs.cheapest_first) for crs in self.by_lang.get(lang, []))

    def decide(self, sentence: str, lang: str, low: str | None = None) -> RuleHit | None:
        """`sentence` is normalised text (see text_norm.normalise); `low` its lower-case form."""
        low = sentence.lower() if low is None else low
        for crs in self.by_lang.get(lang, []):
            hit = self._decide_one(crs, sentence, lang, low)
            if hit is not None:
                return hit
        return None

    def _decide_one(self, crs: CompiledRuleSet, s: str, lang: str, low: str) -> RuleHit | None:
        if not crs.may_match(low):
            return None
        if crs.guards is not None and crs.guards.search(s):
            return None
        first = None
        terms: list[str] = []
        lo, hi = len(s), 0
        for i, group in enumerate(crs.groups):
            m = self._first_unnegated(group, s, lang) if i == 0 and self._affirmative(crs) else group.search(s)
            if m is None:
                return None
            if i == 0:
                first = m
            terms.append(m.group(0).strip())
            lo, hi = min(lo, m.start()), max(hi, m.end())
        if crs.window and hi - lo > crs.window:
            # the first matches may be far apart; look for a closer combination around the first group
            if not self._within_window(crs, s, lang):
                return None
        if self.rules.holder == "counterparty" and (_CREATOR_KEEPS.search(s) or _CP_FORBIDDEN.search(s)):
            return None  # the creator keeps the right, or the other side is forbidden to take it
        assert first is not None
        return RuleHit(lang=lang, terms=tuple(terms), span=(lo, hi))

    def _affirmative(self, crs: CompiledRuleSet) -> bool:
        return (crs.polarity or self.rules.polarity) == "affirmative"

    @staticmethod
    def _negated(s: str, start: int, lang: str) -> bool:
        before = s[max(0, start - 60):start]
        if lang == "zh":
            return bool(_NEG_ZH.search(_ZH_FALSE_NEG.sub("", before)))
        return bool(_NEG_EN.search(before))

    def _first_unnegated(self, group: re.Pattern[str], s: str, lang: str) -> re.Match[str] | None:
        for m in group.finditer(s):
            if not self._negated(s, m.start(), lang):
                return m
        return None

    def _within_window(self, crs: CompiledRuleSet, s: str, lang: str) -> bool:
        for m in crs.groups[0].finditer(s):
            if self._affirmative(crs) and self._negated(s, m.start(), lang):
                continue
            a, b = max(0, m.start() - crs.window), min(len(s), m.end() + crs.window)
            if all(g.search(s, a, b) for g in crs.groups[1:]):
                return True
        return False


class PatternRules(CompiledRules):
    """The compiled rules of one pattern."""

    def __init__(self, pattern: Pattern) -> None:
        super().__init__(pattern.id, pattern.rules)
        self.pattern = pattern


_MUTUAL = re.compile(r"\b(?:either|each|both|neither)\s+part(?:y|ies)\b|\bmutual(?:ly)?\b|任何一方|任一方|双方(?:均|都|皆|各自)|各方", _FLAGS)


def is_mutual(sentence: str) -> bool:
    """Does the sentence give the term to both sides ("either party may terminate")?"""
    return bool(_MUTUAL.search(sentence))


_DUTY = (r"(?:\s+(?:\w+\s+){0,3}?(?:shall|must|will|agrees?\s+to|agrees?\s+not|undertakes?|may\s+not|is\s+(?:not\s+)?"
         r"(?:required|permitted|allowed|entitled)|warrants?|guarantees?|covenants?|pays?|bears?)\b"
         r"|[^，。；,;:：]{0,10}?(?:不得|不应|不能|无权|禁止|应当|应|须|需|必须|保证|承诺|同意|逾期|违约|未按|支付|承担|赔偿))")
# "应向甲方支付" makes 甲方 the one paid, not the one bound: a party right after 向/给 is a recipient
_BOUND = re.compile(expand(r"(?<![向给])(?P<cp>{CP})" + _DUTY + r"|(?<![向给])(?P<cr>{CREATOR})" + _DUTY), _FLAGS)


_CP_FORBIDDEN = re.compile(expand(
    r"{CP}\s+(?:\w+\s+){0,2}?(?:shall|may|must|will|can)\s+not\b|{CP}\s+(?:cannot|is\s+not\s+(?:entitled|permitted|allowed))\b|"
    r"{CP}[^，。；,;]{0,6}?(?:不得|无权|禁止|不能|不享有)"), _FLAGS)


def bound_party(sentence: str) -> str | None:
    """Whose duty or restriction is the sentence about? The first party named with a duty verb
    ("the Licensee shall not…", "甲方逾期付款的…"): "counterparty", "creator", or None."""
    m = _BOUND.search(sentence)
    if m is None:
        return None
    return "counterparty" if m.group("cp") else "creator"

