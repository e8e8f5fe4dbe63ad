"""Labelled documents for training and validating the decision layer, all in one shape.

Each source becomes `LabelledDoc`s: the text, a group (the contract, so no contract is ever in
both a training and a validation fold), and per target ("c:<concept>", "k:<CUAD category>")
the gold spans, the spans to ignore (optional findings: neither right nor wrong) and the
benign look-alikes (must_not_flag: hard negatives). Readers for:

- CUAD (`labels.jsonl` with `labels`: category -> spans; cuad-train, cuad-dev);
- the creator layout of `../shared/tools/creator_score.py` (`labels.json` keyed by id:
  findings / optional_findings / must_not_flag; real-dev and the project's fresh set);
- the project's older creator layout (`labels.jsonl` with `concepts`; eval/creator, tos-unfair);
- the library's own exemplars (each a one-clause document of its pattern's concepts).

Nothing here copies a text into the project: the sets are read where they lie.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..library.loader import Library

from ..library.taxonomy import CUAD_PRIMARY as CUAD_CONCEPT


@dataclass
class LabelledDoc:
    name: str
    source: str  # cuad | creator | tos | exemplar
    text: str
    gold: dict[str, list[str]] = field(default_factory=dict)
    ignore: dict[str, list[str]] = field(default_factory=dict)
    negative: dict[str, list[str]] = field(default_factory=dict)
    # which targets this document's labels speak for (tos-unfair labels only four concepts)
    scope: set[str] | None = None
    fair: bool | None = None
    weight: float = 1.0  # the share of its set in training (1: as its source weighs)

    @property
    def group(self) -> str:
        return f"{self.source}:{self.name}"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def cuad_docs(root: Path, concepts_for: dict[str, list[str]]) -> list[LabelledDoc]:
    out = []
    for line in _read(root / "labels.jsonl").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        gold: dict[str, list[str]] = {}
        for cat, spans in rec["labels"].items():
            if not spans or cat not in concepts_for:
                continue
            gold.setdefault(f"k:{cat}", []).extend(spans)
            gold.setdefault(f"c:{CUAD_CONCEPT.get(cat, concepts_for[cat][0])}", []).extend(spans)
        out.append(LabelledDoc(rec["name"], "cuad", _read(root / rec["txt"]), gold))
    return out


def creator_docs(labels_path: Path, data_dir: Path | None = None) -> list[LabelledDoc]:
    """The creator-score layout: labels.json keyed by contract id, <id>.txt beside it."""
    data_dir = data_dir or labels_path.parent
    labels = json.loads(_read(labels_path))
    out = []
    for name, lab in labels.items():
        txt = data_dir / f"{name}.txt"
        if not txt.is_file():
            continue
        doc = LabelledDoc(name, "creator", _read(txt), fair=bool(lab.get("fair")))
        for key, into in (("findings", doc.gold), ("optional_findings", doc.ignore), ("must_not_flag", doc.negative)):
            for e in lab.get(key, []):
                quotes = [e["quote"], *e.get("alt_quotes", [])]
                into.setdefault(f"c:{e['category']}", []).extend(quotes)
        out.append(doc)
    return out


def concept_docs(root: Path, source: str = "creator") -> list[LabelledDoc]:
    """The project's labels.jsonl layout (`concepts`: id -> {severity, spans}; `not_risky`)."""
    out = []
    scope_all = source != "tos"
    for line in _read(root / "labels.jsonl").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        doc = LabelledDoc(rec["name"], source, _read(root / rec["txt"]), fair=bool(rec.get("fair")))
        for concept, v in rec.get("concepts", {}).items():
            doc.gold.setdefault(f"c:{concept}", []).extend(v.get("spans", []))
        for e in rec.get("not_risky", []) or []:
            doc.negative.setdefault(f"c:{e['concept']}", []).append(e["span"])
        if not scope_all:
            doc.scope = {"c:unilateral-amendment", "c:one-sided-termination", "c:dispute-forum", "c:claim-waiver"}
        out.append(doc)
    return out


def exemplar_docs(library: Library) -> list[LabelledDoc]:
    """Each exemplar of the library as a one-clause document of its pattern's concepts (the
    patterns' test sentences are never used: they stay the rules' own check)."""
    out = []
    for p in library.patterns:
        for lang in ("en", "zh"):
            for i, text in enumerate(getattr(p.exemplars, lang, []) or []):
                gold = {f"c:{c}": [text] for c in p.concepts}
                out.append(LabelledDoc(f"{p.id}-{lang}-{i}", "exemplar", text, gold))
    return out
