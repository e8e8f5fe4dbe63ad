"""Assemble the Report: combination rules, missing protections, overall risk level and score."""
from __future__ import annotations

from ..library.schema import Combination, MissingCheck
from ..models import SEVERITY_ORDER, Finding, MissingProtection, Summary

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


def apply_combinations(findings: list[Finding], combos: list[Combination], deal_type: str, lang: str) -> list[str]:
    """Raise the severity of findings that combine into a known trap; return the notes for the summary."""
    notes = []
    present = {f.category for f in findings}
    for combo in combos:
        if deal_type not in combo.deal_types:
            continue
        if not all(any(c in present for c in group) for group in combo.requires):
            continue
        involved = {c for group in combo.requires for c in group}
        for f in findings:
            if f.category in involved and SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[combo.severity]:
                f.severity = combo.severity
            if f.category in involved:
                f.escalated_by.append(combo.id)
        notes.append(f"{combo.title.get(lang)}: {combo.note.get(lang)}")
    return notes


def missing_protections(checks: list[MissingCheck], lang: str) -> list[MissingProtection]:
    return [MissingProtection(check_id=c.id, title=c.title.get(lang), severity=c.severity, why=c.why.get(lang),
                              suggestion=c.suggestion.get(lang)) for c in checks]


def summarise(findings: list[Finding], missing: list[MissingProtection], combos: list[str], lang: str) -> Summary:
    counts = {k: sum(1 for f in findings if f.severity == k) for k in ("critical", "high", "medium", "low")}
    severities = [f.severity for f in findings] + [m.severity for m in missing]
    level = max(severities, key=lambda s: SEVERITY_ORDER[s], default="none")
    lo, hi = _BANDS[level]
    weight = sum(_WEIGHT[f.severity] for f in findings) + sum(_WEIGHT[m.severity] for m in missing) // 2
    score = lo if level == "none" else min(hi, lo + weight)
    return Summary(risk_level=level, risk_score=score, counts=counts,
                   headline=_HEADLINES[level]["zh" if lang == "zh" else "en"], combinations=combos)
