"""Screen a labelled folder and print the scores as a Markdown table."""
from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path

from ..errors import ContractGuardError
from ..models import Report
from .dataset import Dataset, load_dataset
from .scoring import CREATOR_CUAD, Scores, score


def evaluate(root: Path, screener, prefer: str = "pdf", categories: list[str] | None = None,
             progress=None, reports: Path | None = None) -> tuple[Dataset, Scores, list[str]]:
    """Screen every labelled contract and score it — or, with `reports`, score the reports already
    there (`<stem>.json`, e.g. the out-of-fold reports of `contract-guard validate`)."""
    data = load_dataset(root, prefer)
    failures: list[str] = []
    pairs: list[tuple] = []
    t0 = time.perf_counter()
    for c in data.contracts:
        report: Report | None = None
        try:
            if reports is not None:
                p = reports / f"{c.path.stem}.json"
                if p.is_file():
                    report = Report.model_validate_json(p.read_text(encoding="utf-8"))
                else:
                    failures.append(f"{c.path.name}: no report {p.name} in {reports}")
            else:
                report = screener.screen(c.path)
        except ContractGuardError as exc:
            failures.append(f"{c.path.name}: {exc.message('en')}")
        pairs.append((c, report))
        if progress is not None:
            progress.update(1)
    if categories is None:
        if data.kind == "cuad":
            categories = CREATOR_CUAD
        else:
            from ..config import get_settings
            from ..library.taxonomy import Taxonomy

            categories = sorted(screener.library.taxonomy.concepts if screener is not None
                                else Taxonomy.load(get_settings().library_dir / "taxonomy.yaml").concepts)
    result = score(pairs, categories, data.kind)
    result.seconds = time.perf_counter() - t0
    return data, result, failures


def _f(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def format_table(data: Dataset, s: Scores) -> str:
    unit = "CUAD category" if data.kind == "cuad" else "concept"
    lines = [f"| {unit} | contracts with | flagged | clause recall | gold | hit | clause precision | findings | contract P | contract R | contract F1 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for cat, c in s.per_category.items():
        if not c.support and not c.predicted:
            continue
        lines.append(f"| {cat} | {c.support} | {c.predicted} | {_f(c.recall)} | {c.gold_spans} | {c.hit_spans} | "
                     f"{_f(c.precision)} | {c.findings} | {_f(c.contract_p)} | {_f(c.contract_r)} | {_f(c.contract_f1)} |")
    n = max(1, s.contracts)
    lines += [
        "",
        f"overall clause recall {_f(s.recall)}  ·  clause precision {_f(s.precision)} ({s.findings_correct}/{s.findings_scored})"
        f"  ·  contract-level macro F1 {_f(s.macro_f1)}",
        f"findings per contract {s.findings_total / n:.2f}  ·  {s.contracts} contracts in {s.seconds:.1f} s"
        f" ({s.seconds / n:.2f} s per contract)",
    ]
    if s.false_alarms:
        lines.append("false alarms (medium or above) on fair contracts: "
                     + ", ".join(f"{k}: {v}" for k, v in s.false_alarms.items()))
        lines.append("low-severity notes on fair contracts: " + ", ".join(f"{k}: {v}" for k, v in s.notes_on_fair.items()))
    if s.deal_types:
        right = sum(1 for _, gold, got in s.deal_types if gold == got)
        wrong = ", ".join(f"{n} ({gold}→{got})" for n, gold, got in s.deal_types if gold != got)
        lines.append(f"deal type detected right {right}/{len(s.deal_types)}" + (f"; wrong: {wrong}" if wrong else ""))
    if data.kind == "creator":
        lines.append("critical gold findings missed: " + (", ".join(s.critical_missed) or "none"))
    return "\n".join(lines)


def scores_json(s: Scores) -> str:
    per = {k: dict(asdict(v), recall=v.recall, precision=v.precision, contract_f1=v.contract_f1)
           for k, v in s.per_category.items()}
    return json.dumps({"recall": s.recall, "precision": s.precision, "macro_f1": s.macro_f1,
                       "findings_total": s.findings_total, "contracts": s.contracts, "seconds": s.seconds,
                       "false_alarms": s.false_alarms, "notes_on_fair": s.notes_on_fair, "critical_missed": s.critical_missed,
                       "per_category": per}, indent=1, ensure_ascii=False)
