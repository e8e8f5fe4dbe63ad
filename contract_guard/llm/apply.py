"""Apply the LLM's judgements to the offline findings: confirm, downgrade or reject a finding,
raise a near-miss, or flag the clause next to a candidate — but only where the quote it gives is
found in the document, in the clause it speaks of. A judgement whose quote is not found is
dropped and logged (with the pattern and clause number, never the text)."""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from ..library.loader import Library
from ..library.schema import Pattern
from ..models import SEVERITY_ORDER, Clause, ClauseRef, Evidence, Finding
from .candidates import Ask, Item
from .messages import msg
from .prompt import Judgement
from .quotes import find
from .redact import Redactor

log = logging.getLogger(__name__)
_SCORE = {"risky": 1.0, "unsure": 0.5, "not_risky": 0.0}


@dataclass
class Applied:
    verdicts: Counter = field(default_factory=Counter)
    dropped: int = 0


def _lower(a: str, b: str) -> str:
    return a if SEVERITY_ORDER[a] <= SEVERITY_ORDER[b] else b


def _where(j: Judgement, item: Item, text: str) -> tuple[Clause, tuple[int, int]] | None:
    for clause in (item.clause, item.neighbour):
        if clause is not None:
            span = find(j.quote, text, clause.start, clause.end)
            if span is not None:
                return clause, span
    return None


def _ask(j: Judgement, item: Item) -> Ask | None:
    return (next((a for a in item.asks if a.pattern.id == j.pattern and a.concept == j.concept), None)
            or next((a for a in item.asks if a.concept == j.concept), None)
            or next((a for a in item.asks if a.pattern.id == j.pattern), None))


def _evidence(j: Judgement, model: str, quote: str, change: str) -> Evidence:
    q = " ".join(quote.split())
    q = q if len(q) <= 80 else q[:79] + "…"
    return Evidence(matcher="llm", score=_SCORE[j.verdict], detail=f"{model}: {j.verdict.replace('_', ' ')}"
                    f"{', ' + change if change else ''}; “{q}”")


def _new(pattern: Pattern, concept: str, clause: Clause, severity: str, confidence: float,
         evidence: list[Evidence], why: str, counter: str, library: Library, lang: str) -> Finding:
    c = library.taxonomy.concepts[concept]
    return Finding(
        pattern_id=pattern.id, category=concept,
        title=pattern.title.get(lang) if concept == pattern.concept else (c.zh if lang == "zh" else c.en),
        severity=severity, confidence=round(confidence, 3),
        clause=ClauseRef(text=clause.text, page=clause.page, start=clause.start, end=clause.end, heading=clause.heading),
        why=why or pattern.why.get(lang), suggestion=pattern.suggestion.get(lang),
        counter_clause=counter or pattern.counter_clause.get(lang), references=list(pattern.references),
        cuad=list(pattern.cuad) if concept == pattern.concept else [], method=["llm"], evidence=evidence,
    )


def apply_review(findings: list[Finding], item: Item, judgements: list[Judgement], redactor: Redactor, text: str,
                 library: Library, lang: str, model: str, result: Applied) -> None:
    """Change `findings` (a copy of the offline ones) in place after one clause's judgements."""
    for j in judgements:
        j = j.model_copy(update={"quote": redactor.restore(j.quote)})
        where = _where(j, item, text)
        if where is None:
            result.dropped += 1
            log.warning("LLM judgement dropped: its quote is not in clause %d or the next one (pattern %s, %s)",
                        item.clause.index, j.pattern, j.verdict)
            continue
        clause, span = where
        quote = text[span[0]:span[1]]
        explanation = redactor.restore(j.explanation).strip()
        counter = redactor.restore(j.counter_clause).strip()
        why_prefix = msg("ai_label", lang) + explanation + " " if explanation else ""
        ask = _ask(j, item) if clause is item.clause else None
        if ask is not None and ask.origin == "finding":
            f = next((f for f in findings if f.clause.start == clause.start and f.category == ask.concept), None)
            if f is None:
                continue
            old = f.severity
            if j.verdict == "not_risky":
                # rejected: a note — but what can cost a creator their work stays in view, for a person to check
                new, kind = ("medium" if old == "critical" else "low"), "rejected"
            elif j.verdict == "risky":
                new = _lower(old, j.severity)
                kind = "downgraded" if new != old else "confirmed"
            else:
                new, kind = old, "unsure"
            f.severity = new
            f.evidence.append(_evidence(j, model, quote, f"{old} → {new}" if new != old else ""))
            if "llm" not in f.method:
                f.method.append("llm")
            f.why = why_prefix + f.why
            if counter and j.verdict != "not_risky":
                f.counter_clause = counter
            result.verdicts[kind] += 1
            continue
        if j.verdict != "risky":
            result.verdicts["unsure" if j.verdict == "unsure" else "not_added"] += 1
            continue
        # a near-miss the LLM finds risky, or a risk it flags in the clause next to a candidate
        if ask is not None:
            pattern, concept, prob = ask.pattern, ask.concept, ask.prob
        elif j.concept in library.taxonomy.concepts:
            concept, prob = j.concept, None
            pattern = next((p for p in sorted(library.patterns, key=lambda p: p.id) if p.concept == concept), None)
            if pattern is None:
                continue
        else:
            log.warning("LLM judgement ignored: unknown concept for clause %d", clause.index)
            continue
        if any(f.clause.start == clause.start and f.category == concept for f in findings):
            continue
        base = pattern.severity if concept == pattern.concept else library.taxonomy.concepts[concept].severity
        evidence = ([Evidence(matcher="model", score=round(prob, 3), detail=f"learned model: P({concept}) = {prob:.2f}, "
                              "below its threshold")] if prob is not None else [])
        evidence.append(_evidence(j, model, quote, "raised by the LLM review"))
        findings.append(_new(pattern, concept, clause, _lower(base, j.severity), max(prob or 0.0, 0.6), evidence,
                             why_prefix + pattern.why.get(lang), counter, library, lang))
        result.verdicts["added"] += 1
