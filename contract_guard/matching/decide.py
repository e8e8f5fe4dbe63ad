"""Run every pattern's rules over a clause's sentences: the offline decider."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..library.loader import Library
from ..library.schema import Pattern
from ..models import Clause
from .parties import swap_parties
from .rules import PatternRules, RuleHit
from ..text_norm import normalise, scripts

# decision units: sentences, but ";" / "；" do not end one (a rule often spans "…；…")
_UNIT_END = re.compile(r"(?<=[。！？!?])|(?<=\.)(?=\s+[\"'“(\[]?[A-Z0-9(（])|\n\s*\n")


@dataclass(frozen=True)
class RuleDecision:
    pattern: Pattern
    hit: RuleHit
    unit: str  # the normalised sentence the rule fired on


_ABBREV_END = re.compile(r"(?:\b(?:U\.S|U\.K|Inc|Corp|Co|Ltd|No|Nos|Sec|Art|para|e\.g|i\.e|etc|vs|approx|Mr|Ms|Dr|St)|\b[A-Z])\.$")
# a blank line inside a sentence: the text before it does not end a sentence and the text after
# it starts in lower case (a page break or a wrapped PDF line), so the two halves belong together
_CONTINUES = re.compile(r"^\s*[a-z(\[]")
_ENDS_SENTENCE = re.compile(r"[.!?;:。！？；：]\s*$")
_PAGE_NO = re.compile(r"^\s*(?:(?:page|p\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)


def decision_units(text: str, creator: str = "b") -> list[str]:
    """Sentences to decide on, normalised; `creator` is the label the creator carries (see parties.py)."""
    parts, cur = [], 0
    for m in _UNIT_END.finditer(text):
        if m.end() <= cur:
            continue
        if text[m.start() - 1:m.start()] == "." and _ABBREV_END.search(text[max(cur, m.start() - 8):m.start()]):
            continue  # "U.S. Dollars", "Acme Inc. shall"
        parts.append(text[cur:m.end()])
        cur = m.end()
    parts.append(text[cur:])
    merged: list[str] = []
    for p in parts:
        if merged and _PAGE_NO.match(p):
            continue  # a lone page number between two halves of a sentence
        if merged and (merged[-1].rstrip().endswith((":", "："))  # a lead-in belongs with its list
                       or (not _ENDS_SENTENCE.search(merged[-1]) and _CONTINUES.match(p))):
            merged[-1] += p
        else:
            merged.append(p)
    units = [normalise(swap_parties(p, creator)) for p in merged]
    return [u for u in units if len(u) > 3]


class RuleDecider:
    def __init__(self, library: Library) -> None:
        self.rules = [PatternRules(p) for p in library.patterns]

    def decide(self, clause: Clause, allowed: set[str] | None = None, creator: str = "b") -> list[RuleDecision]:
        """Patterns whose rules fire on some sentence of the clause (first hit per pattern)."""
        out: list[RuleDecision] = []
        whole = normalise(swap_parties(clause.text, creator))
        whole_langs = scripts(whole)
        whole_low = whole.lower()
        units: list[tuple[str, list[str]]] | None = None
        for pr in self.rules:
            if allowed is not None and pr.pattern.id not in allowed:
                continue
            if not any(pr.could_match(whole, lang, whole_low) for lang in whole_langs):
                continue
            if units is None:  # split into sentences only when some pattern might fire
                units = [(u, scripts(u), u.lower()) for u in decision_units(clause.text, creator)]
            for unit, langs, low in units:
                hit = next((h for lang in langs if (h := pr.decide(unit, lang, low)) is not None), None)
                if hit is not None:
                    out.append(RuleDecision(pr.pattern, hit, unit))
                    break
        return out
