"""Severity with context: the pattern's severity, then what the clause itself says.

Critical stays for what can cost the creator their work, identity or personal assets (the
patterns of those concepts carry it); context only ever lowers it here, and every step down
is given as a reason in the finding:

- a mutual term, or a duty on the other side, is a **note** (low);
- a CUAD category that the model sees but judges no risk for the creator is a **note**;
- a risk that hangs on a **blank** ("违约金为＿＿元", "[amount]") is a note to fill in with care;
- an **exception or carve-out** in the clause ("except", "provided that", "除……外") lowers it a step;
- a transfer or use that waits until the creator is **paid in full** ("conditioned upon full payment",
  "甲方付清全部款项后": the counter-clause's own condition) lowers it a step;
- a finding that **no rule confirmed** and the model is not sure of (p < 0.7) is lowered a step.
- a **critical** risk a rule saw that the model doubts (below its threshold) is kept one level lower;
- a risk a rule saw that the model gives less than even odds (p < 0.5), though above its threshold, is
  lowered a step: it is reported for a person to check, not as certain.
These steps stop at medium: only the first three reasons make a risk a note.
"""
from __future__ import annotations

from .features import UnitEvidence

_ORDER = ["low", "medium", "high", "critical"]
UNSURE = 0.7  # a finding the model alone found needs this much to keep its severity
EVEN = 0.5  # a finding a rule saw needs even odds from the model to keep its severity


def _down(sev: str) -> str:
    """One level lower, but never to a note: doubt and carve-outs lower a risk, they do not dismiss it."""
    return _ORDER[max(1, _ORDER.index(sev) - 1)] if sev != "low" else "low"


def calibrate(base: str, *, note: str | None, unit: UnitEvidence, rule_fired: bool, prob: float | None,
              cuad_only: bool = False, doubted: float | None = None) -> tuple[str, list[str]]:
    if note:
        return "low", [note]
    if cuad_only:
        return "low", ["a commercial term of its CUAD category, not a risk the creator carries here: a note"]
    if unit.blank and base in ("critical", "high", "medium"):
        return "low", ["the amount or term is left blank: fill it in with care before signing"]
    sev, reasons = base, []
    if unit.carve_out and sev != "low":
        sev = _down(sev)
        reasons.append("an exception or carve-out in the clause narrows it: one level lower")
    if unit.paid_first and sev != "low":
        sev = _down(sev)
        reasons.append("the rights pass or the use begins only once the creator is paid in full: one level lower")
    if doubted is not None and prob is not None and sev != "low":
        sev = _down(sev)
        reasons.append(f"a rule saw a critical risk the model doubts (p = {prob:.2f}, its threshold {doubted:.2f}): "
                       "kept, one level lower, for a person to check")
    elif not rule_fired and prob is not None and prob < UNSURE and sev != "low":
        sev = _down(sev)
        reasons.append(f"found by the learned model alone (p = {prob:.2f}), no rule confirmed it: one level lower")
    elif rule_fired and prob is not None and prob < EVEN and sev != "low":
        sev = _down(sev)
        reasons.append(f"a rule saw it, but the learned model gives it less than even odds (p = {prob:.2f}): "
                       "one level lower, for a person to check")
    return sev, reasons
