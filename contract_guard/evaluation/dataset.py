"""A labelled folder: `labels.jsonl` plus `pdf/` and/or `txt/` (the CUAD dev layout).

Two kinds of labels: CUAD (`labels`: CUAD category -> gold spans) and the project's creator
set (`concepts`: taxonomy concept -> {severity, spans}, `fair`: bool).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class LabelledContract:
    name: str
    path: Path
    gold: dict[str, list[str]]  # category or concept -> spans
    severity: dict[str, str] = field(default_factory=dict)
    fair: bool = False
    deal_type: str | None = None


@dataclass
class Dataset:
    kind: str  # "cuad" | "creator"
    contracts: list[LabelledContract]


def load_dataset(root: Path, prefer: str = "pdf") -> Dataset:
    labels = root / "labels.jsonl"
    if not labels.is_file():
        raise FileNotFoundError(f"{labels} not found: a labelled folder needs labels.jsonl")
    contracts, kind = [], "cuad"
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        keys = [prefer, "txt" if prefer == "pdf" else "pdf", "docx"]
        rel = next((rec[k] for k in keys if rec.get(k) and (root / rec[k]).is_file()), None)
        if rel is None:
            raise FileNotFoundError(f"no file for {rec.get('name')} under {root}")
        if "concepts" in rec:
            kind = "creator"
            gold = {c: list(v.get("spans", [])) for c, v in rec["concepts"].items()}
            sev = {c: v.get("severity", "") for c, v in rec["concepts"].items()}
            contracts.append(LabelledContract(rec["name"], root / rel, gold, sev, bool(rec.get("fair")),
                                              rec.get("deal_type")))
        else:
            contracts.append(LabelledContract(rec["name"], root / rel, {k: v for k, v in rec["labels"].items() if v}))
    return Dataset(kind, contracts)
