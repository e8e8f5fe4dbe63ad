"""Per-category clause recall / precision and contract-level P/R/F1 for a set of reports."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Report
from .dataset import LabelledContract
from .spans import covers, gold_segments, tokens

# CUAD categories the taxonomy maps a creator risk to (the project's judged set)
CREATOR_CUAD = [
    "IP Ownership Assignment", "Joint IP Ownership", "Irrevocable or Perpetual License",
    "Unlimited/All-You-Can-Eat-License", "Non-Compete", "No-Solicit of Customers", "Exclusivity", "Rofr/Rofo/Rofn",
    "Non-Disparagement", "Termination for Convenience", "Renewal Term", "Liquidated Damages", "Uncapped Liability",
    "Covenant Not to Sue", "Revenue/Profit Sharing", "Minimum Commitment", "Volume Restriction",
    "Most Favored Nation", "Price Restrictions", "Post-Termination Services",
]


@dataclass
class CategoryScore:
    support: int = 0
    predicted: int = 0
    tp: int = 0
    gold_spans: int = 0
    hit_spans: int = 0
    findings: int = 0
    correct_findings: int = 0

    @property
    def recall(self) -> float | None:
        return self.hit_spans / self.gold_spans if self.gold_spans else None

    @property
    def precision(self) -> float | None:
        return self.correct_findings / self.findings if self.findings else None

    @property
    def contract_p(self) -> float | None:
        return self.tp / self.predicted if self.predicted else (0.0 if self.support else None)

    @property
    def contract_r(self) -> float | None:
        return self.tp / self.support if self.support else None

    @property
    def contract_f1(self) -> float | None:
        p, r = self.contract_p, self.contract_r
        if r is None or p is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    per_category: dict[str, CategoryScore]
    findings_total: int = 0
    findings_scored: int = 0
    findings_correct: int = 0
    contracts: int = 0
    # fair contract -> findings of medium severity or more whose concept is not labelled there;
    # low-severity findings are notes ("either party may end this on 30 days' notice"), counted apart
    false_alarms: dict[str, int] = field(default_factory=dict)
    notes_on_fair: dict[str, int] = field(default_factory=dict)
    critical_missed: list[str] = field(default_factory=list)
    deal_types: list[tuple[str, str, str]] = field(default_factory=list)  # (contract, labelled, detected)
    seconds: float = 0.0

    @property
    def recall(self) -> float | None:
        g = sum(c.gold_spans for c in self.per_category.values())
        return sum(c.hit_spans for c in self.per_category.values()) / g if g else None

    @property
    def precision(self) -> float | None:
        return self.findings_correct / self.findings_scored if self.findings_scored else None

    @property
    def macro_f1(self) -> float | None:
        f = [c.contract_f1 for c in self.per_category.values() if c.support]
        return sum(f) / len(f) if f else None


def _labels_of(finding, kind: str) -> set[str]:
    return set(finding.cuad) if kind == "cuad" else {finding.category}


def score(pairs: list[tuple[LabelledContract, Report | None]], categories: list[str], kind: str) -> Scores:
    s = Scores({c: CategoryScore() for c in categories}, contracts=len(pairs))
    for contract, report in pairs:
        findings = report.findings if report else []
        s.findings_total += len(findings)
        ftoks = [tokens(f.clause.text) for f in findings]
        gold = {c: [gold_segments(x) for x in contract.gold.get(c, [])] for c in categories}
        hits: dict[tuple[int, str], bool] = {}

        def hit(i: int, cat: str) -> bool:
            if (i, cat) not in hits:
                hits[(i, cat)] = any(covers(ftoks[i], g) for g in gold[cat])
            return hits[(i, cat)]

        for cat in categories:
            cs = s.per_category[cat]
            mine = [i for i, f in enumerate(findings) if cat in _labels_of(f, kind)]
            has_gold, has_pred = bool(gold[cat]), bool(mine)
            cs.support += has_gold
            cs.predicted += has_pred
            cs.tp += has_gold and has_pred
            cs.gold_spans += len(gold[cat])
            cs.hit_spans += sum(any(covers(ftoks[i], g) for i in mine) for g in gold[cat])
            cs.findings += len(mine)
            cs.correct_findings += sum(hit(i, cat) for i in mine)
        for i, f in enumerate(findings):
            cats = [c for c in _labels_of(f, kind) if c in s.per_category]
            if cats:
                s.findings_scored += 1
                s.findings_correct += any(hit(i, c) for c in cats)
        if contract.deal_type and report is not None:
            s.deal_types.append((contract.name, contract.deal_type, report.document.deal_type))
        if contract.fair:
            unlabelled = [f for f in findings if f.category not in contract.gold]
            s.false_alarms[contract.name] = sum(1 for f in unlabelled if f.severity != "low")
            s.notes_on_fair[contract.name] = sum(1 for f in unlabelled if f.severity == "low")
        for concept, sev in contract.severity.items():
            if sev == "critical" and not any(f.category == concept for f in findings):
                s.critical_missed.append(f"{contract.name}: {concept}")
    return s
