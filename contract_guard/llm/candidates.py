"""What may leave the machine: the clauses the offline judge raised, and the few it nearly raised.

One item per clause (several concepts of one clause are asked together), with the pattern's
description, and the following clause as context (cut short) so that the LLM can point at an
exception or a risk right next to a candidate. Never the whole contract.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..judge.model import DecisionModel, Verdict
from ..library.loader import Library
from ..library.schema import Pattern
from ..matching.engine import Examined
from ..models import SEVERITY_ORDER, Clause, Finding

NEAR = 0.5  # a near-miss: the model's probability reached this share of its threshold (or a rule saw it)
NEXT_CHARS = 160  # how much of the following clause goes along as context
MAX_CLAUSE_CHARS = 1500  # a very long clause is cut (the quote check still runs on the whole document)


@dataclass
class Ask:
    """One concept asked about in a clause."""

    pattern: Pattern
    concept: str
    origin: str  # "finding" (the offline report raised it) or "near_miss"
    severity: str | None = None  # the offline severity of a finding
    prob: float | None = None  # the model's probability


@dataclass
class Item:
    clause: Clause
    asks: list[Ask] = field(default_factory=list)
    neighbour: Clause | None = None
    priority: float = 0.0

    @property
    def text(self) -> str:
        return self.clause.text[:MAX_CLAUSE_CHARS]

    @property
    def neighbour_text(self) -> str:
        return self.neighbour.text[:NEXT_CHARS] if self.neighbour is not None else ""


def _pattern_for(e: Examined, concept: str, library: Library) -> Pattern | None:
    for d in e.decisions:
        if concept in d.pattern.concepts:
            return d.pattern
    return next((p for p in sorted(library.patterns, key=lambda p: p.id) if p.concept == concept), None)


def select(findings: list[Finding], examined: list[Examined], verdicts: list[Verdict | None],
           model: DecisionModel | None, library: Library, *, near_misses: int) -> list[Item]:
    """The items to review, most important first: findings by severity, then near-misses by closeness."""
    by_start = {e.clause.start: i for i, e in enumerate(examined)}
    items: dict[int, Item] = {}

    def item(i: int) -> Item:
        if i not in items:
            nxt = next((x.clause for x in examined[i + 1:i + 4] if x.kind.is_clause), None)
            items[i] = Item(examined[i].clause, neighbour=nxt)
        return items[i]

    raised: set[tuple[int, str]] = set()
    for f in findings:
        i = by_start.get(f.clause.start)
        if i is None or f.severity == "low":  # notes are not worth a request
            continue
        try:
            pattern = library.pattern(f.pattern_id)
        except KeyError:
            continue
        prob = next((ev.score for ev in f.evidence if ev.matcher == "model"), None)
        it = item(i)
        if any(a.concept == f.category for a in it.asks):
            continue
        it.asks.append(Ask(pattern, f.category, "finding", f.severity, prob))
        it.priority = max(it.priority, 10 + SEVERITY_ORDER[f.severity])
        raised.add((i, f.category))

    near: list[tuple[float, int, str, float | None]] = []
    if model is not None:
        for i, (e, v) in enumerate(zip(examined, verdicts)):
            if v is None or not e.kind.is_clause:
                continue
            for concept in library.taxonomy.concepts:
                p = v.concept(concept)
                if p is None or (i, concept) in raised:
                    continue
                t = model.threshold(f"c:{concept}")
                rule = e.unit.rule_concepts.get(concept) == "risk"
                if p < t and (p >= NEAR * t or rule):
                    near.append((p / t + (0.5 if rule else 0.0), i, concept, p))
    for score, i, concept, p in sorted(near, key=lambda x: -x[0])[:max(0, near_misses)]:
        pattern = _pattern_for(examined[i], concept, library)
        if pattern is None:
            continue
        it = item(i)
        it.asks.append(Ask(pattern, concept, "near_miss", None, p))
        it.priority = max(it.priority, min(score, 9.0))
    chosen = [it for it in items.values() if it.asks]
    reviewed = {it.clause.start for it in chosen}
    for it in chosen:  # a neighbour that is itself reviewed goes in its own message, not twice
        if it.neighbour is not None and it.neighbour.start in reviewed:
            it.neighbour = None
    return sorted(chosen, key=lambda it: (-it.priority, it.clause.start))
