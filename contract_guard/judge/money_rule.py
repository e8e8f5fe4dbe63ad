"""Severity that uses the money (config.MoneyRules; docs/money.md).

Only concepts about what the creator could owe are touched, and only when the contract's own numbers
fix both the sum and the creator's certain pay:
- sum >= raise_multiple × certain pay: one step up, at most high — critical only when a personal or
  joint guarantee puts the creator's own assets behind it (the README's meaning of critical);
- a capped sum <= lower_ratio × certain pay: one step down, never below low.
The rule that applied is written into the finding's exposure (`severity_rule`)."""
from __future__ import annotations

from ..config import MoneyRules
from ..models import Finding

OWE_CONCEPTS = {"excessive-damages", "buyback-obligation", "uncapped-liability", "minimum-commitment",
                "personal-guarantee", "valuation-adjustment", "post-termination-obligations"}
_STEPS = ["low", "medium", "high", "critical"]


def apply_money_rules(findings: list[Finding], rules: MoneyRules) -> None:
    for f in findings:
        e = f.exposure
        if (e is None or e.direction != "owe" or e.status != "computed" or e.times_certain_pay is None
                or f.category not in OWE_CONCEPTS or f.severity == "low"):
            continue
        i = _STEPS.index(f.severity)
        if e.times_certain_pay >= rules.raise_multiple:
            top = 3 if e.guaranteed else 2
            if i < top:
                f.severity = _STEPS[i + 1]  # type: ignore[assignment]
                e.severity_rule = (f"raised to {f.severity}: the sum is {e.times_certain_pay:g}× the creator's certain pay "
                                   f"(rule: ≥ {rules.raise_multiple:g}×{', personally guaranteed' if e.guaranteed else ''})")
        elif e.capped and e.times_certain_pay <= rules.lower_ratio and i > 0:
            f.severity = _STEPS[i - 1]  # type: ignore[assignment]
            e.severity_rule = (f"lowered to {f.severity}: capped at {e.times_certain_pay:g}× the creator's certain pay "
                               f"(rule: ≤ {rules.lower_ratio:g}×)")
