"""Assemble the Report: combination rules, missing protections, overall risk level and score."""
from __future__ import annotations

import math

from ..library.schema import Combination, MissingCheck
from ..library.taxonomy import Taxonomy
from ..models import SEVERITY_ORDER, Finding, FixFirst, MissingProtection, Summary

# score bands per overall level: a creator reads "72/100, critical" the same way every time
_BANDS = {"critical": (70, 100), "high": (45, 69), "medium": (20, 44), "low": (5, 19), "none": (0, 0)}
_WEIGHT = {"critical": 8, "high": 5, "medium": 3, "low": 1}

_HEADLINES = {
    "critical": {"en": "Do not sign before a lawyer has reviewed it: some terms can cost you your work, your identity or personal assets.",
                 "zh": "请在律师审阅前不要签字：部分条款可能让你失去作品、个人身份权益或个人财产。"},
    "high": {"en": "Serious terms that should be renegotiated before signing.",
             "zh": "存在应在签字前重新谈判的严重条款。"},
    "medium": {"en": "Some terms deserve negotiation.", "zh": "部分条款值得协商修改。"},
    "low": {"en": "Minor points to note.", "zh": "仅有需要留意的小问题。"},
    "none": {"en": "No risky terms from the library were found. This is not a guarantee that the contract is fair.",
             "zh": "未发现条款库中的风险条款。这并不保证合同公平。"},
}


def split_notes(findings: list[Finding], taxonomy: Taxonomy) -> tuple[list[Finding], list[Finding]]:
    """(risks, notes): a note is a finding that context lowered to low (a mutual term, a duty on the other
    side, a blank, a commercial category) — a concept that is low by nature stays a finding."""
    risks, notes = [], []
    for f in findings:
        lowered = f.severity == "low" and taxonomy.concepts[f.category].severity != "low"
        (notes if lowered else risks).append(f)
    return risks, notes


LIKELY = 0.5  # the confidence a finding needs to take part in a combination


def apply_combinations(findings: list[Finding], combos: list[Combination], deal_type: str, lang: str) -> list[str]:
    """Raise the severity of findings that combine into a known trap; return the notes for the summary."""
    notes = []
    # a trap is made of likely risks: notes, and findings the model doubts (a rule saw them, the model gives
    # them less than even odds), never combine into one, and a combination never raises them
    likely = [f for f in findings if f.severity != "low" and f.confidence >= LIKELY]
    present = {f.category for f in likely}
    for combo in combos:
        if deal_type not in combo.deal_types:
            continue
        if not all(any(c in present for c in group) for group in combo.requires):
            continue
        involved = {c for group in combo.requires for c in group}
        # the trap is one clause of each kind: the most certain finding of each concept is raised, the
        # others keep their own severity (ten penalty clauses do not make ten critical risks)
        for concept in involved:
            of_concept = [f for f in likely if f.category == concept]
            if not of_concept:
                continue
            f = max(of_concept, key=lambda f: (f.confidence, -f.clause.start))
            if SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[combo.severity]:
                f.severity = combo.severity
            f.escalated_by.append(combo.id)
        notes.append(f"{combo.title.get(lang)}: {combo.note.get(lang)}")
    return notes


def missing_protections(checks: list[MissingCheck], lang: str) -> list[MissingProtection]:
    return [MissingProtection(check_id=c.id, title=c.title.get(lang), severity=c.severity, why=c.why.get(lang),
                              suggestion=c.suggestion.get(lang)) for c in checks]


EARNED = 0.8  # how likely a severe risk must be for the contract to take its level

# missing protections that matter enough, in a deal of that type, to lift a medium contract to high
ESSENTIAL = {"investment": {"no-liability-cap"}, "ip": {"no-ip-reversion", "no-term-limit"},
             "agency": {"no-creator-termination", "no-term-limit"}, "commission": {"no-payment-schedule"}}


def overall_level(findings: list[Finding], missing: list[MissingProtection], deal_type: str) -> tuple[str, list[str]]:
    """The level is earned by the findings: the worst finding's severity. Missing protections are listed
    apart; they lift a medium contract to high only where the deal type is clear and the protection is
    essential to it, and alone they make a contract at most low. Returns the level and why."""
    level = max((f.severity for f in findings), key=lambda s: SEVERITY_ORDER[s], default="none")
    why: list[str] = [f"worst finding: {level}"] if level != "none" else []
    judged = [f for f in findings if any(e.matcher == "model" for e in f.evidence)]
    if judged and level in ("critical", "high", "medium"):
        # the model's probabilities are calibrated: a level is earned when it is likely that at least
        # one finding of that severity or worse is real (1 - prod(1 - p) >= EARNED)
        for sev in ("critical", "high", "medium"):
            if SEVERITY_ORDER[sev] > SEVERITY_ORDER[level]:
                continue
            ps = [f.confidence for f in findings if SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[sev]]
            p_any = 1.0 - math.prod(1.0 - p for p in ps)
            if p_any >= EARNED:
                if sev != level:
                    why.append(f"{sev}: the {level} findings are uncertain, P(a real {sev}-or-worse risk) = {p_any:.2f}")
                level = sev
                break
        else:
            level = "low"
            why.append("low: the findings are uncertain; none is likely enough to set a higher level")
    essential = [m.check_id for m in missing if m.check_id in ESSENTIAL.get(deal_type, set())]
    if level == "medium" and essential:
        level = "high"
        why.append(f"raised to high: the {deal_type} deal lacks {', '.join(essential)}")
    elif level == "none" and missing:
        level = "low"
        why.append("no risky clause; protections missing (listed apart)")
    return level, why


def fix_first(findings: list[Finding], n: int = 3) -> list[FixFirst]:
    """The few clauses to renegotiate before signing: the most severe, most certain, one per concept."""
    ranked = sorted((f for f in findings if f.severity != "low"),
                    key=lambda f: (-SEVERITY_ORDER[f.severity], -f.confidence, f.clause.start))
    out: list[FixFirst] = []
    seen: set[str] = set()
    for f in ranked:
        if f.category in seen or any(x.start == f.clause.start for x in out):
            continue
        seen.add(f.category)
        out.append(FixFirst(category=f.category, title=f.title, severity=f.severity, page=f.clause.page,
                            start=f.clause.start, suggestion=f.suggestion))
        if len(out) == n:
            break
    return out


def summarise(findings: list[Finding], missing: list[MissingProtection], combos: list[str], lang: str,
              deal_type: str = "general") -> Summary:
    counts = {k: sum(1 for f in findings if f.severity == k) for k in ("critical", "high", "medium", "low")}
    level, why = overall_level(findings, missing, deal_type)
    lo, hi = _BANDS[level]
    weight = sum(_WEIGHT[f.severity] for f in findings if f.severity != "low")
    score = lo if level == "none" else min(hi, lo + weight)
    return Summary(risk_level=level, risk_score=score, counts=counts,
                   headline=_HEADLINES[level]["zh" if lang == "zh" else "en"], combinations=combos,
                   level_reasons=why, fix_first=fix_first(findings))
