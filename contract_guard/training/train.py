"""Train the decision layer, reproducibly, and validate it out of fold.

    contract-guard library train            # fit on every labelled source, write the model file
    contract-guard eval-oos --out reports/  # k-fold reports: every document judged by a model
                                            # that never saw it (grouped by contract)

Rows are clauses: each labelled document is read, segmented and examined by the same engine
that screens (so the rules' evidence in training is the evidence at run time). A clause is a
positive for a target when it covers at least half of a gold span (the scorers' rule).
One logistic regression per target (liblinear, fixed seed); each head's threshold is the one
that maximises F1 on its out-of-fold predictions, so thresholds are never chosen in sample.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..evaluation.spans import _compact_cover, gold_segments, tokens
from ..judge.features import Featurizer, UnitEvidence, audience_text
from ..judge.model import DecisionModel
from ..models import Clause
from ..readers import text_document
from .corpus import LabelledDoc

SEED = 20261206
SOURCE_WEIGHT = {"creator": 4.0, "tos": 1.0, "cuad": 1.0, "exemplar": 1.0}
# CUAD's lawyers answered "is there such a clause", for commercial parties, not "does it hurt a creator":
# its labels train the CUAD heads only; the concept heads learn from creator-side labels
CONCEPT_WEIGHT_CUAD = 0.0
NEGATIVE_WEIGHT_MNF = 3.0  # a benign look-alike a lawyer marked is a hard negative
MIN_POSITIVES = 8
# inverse regularisation strength of every head: chosen by comparing C = 1, 4, 8, 16 on the heads' out-of-fold
# predictions (row level, every set): 1 → 4 → 8 gained precision on the platform terms (0.62 → 0.69) and the
# creator sets (0.67 → 0.71) at equal recall, and CUAD F1 0.541 → 0.552; 16 gained nothing more
C_HEADS = 8.0
C_AUDIENCE = 1.0  # the audience head reads whole openings, one row per contract: it keeps the default


@dataclass
class Row:
    group: str
    source: str
    unit: UnitEvidence
    labels: dict[str, float] = field(default_factory=dict)  # target -> 1.0 / 0.0
    weights: dict[str, float] = field(default_factory=dict)  # target -> sample weight (absent: default)
    scope: set[str] | None = None  # the targets this row's labels speak for (None: all)
    weight: float = 1.0  # its set's share in training (LabelledSet.weight)


def covered(span: str, clause_tokens: list[str]) -> bool:
    segs = gold_segments(span)
    n = sum(len(s) for s in segs)
    return bool(n) and sum(_compact_cover(s, clause_tokens) for s in segs) >= 0.5 * n


def doc_rows(doc: LabelledDoc, units: list[UnitEvidence], texts: list[str]) -> list[Row]:
    rows = []
    for unit, text in zip(units, texts):
        if unit.kind != "clause":
            continue
        toks = tokens(text)
        row = Row(doc.group, doc.source, unit, scope=doc.scope, weight=doc.weight)
        for target, spans in doc.gold.items():
            if any(covered(s, toks) for s in spans):
                row.labels[target] = 1.0
        for target, spans in doc.ignore.items():
            if target not in row.labels and any(covered(s, toks) for s in spans):
                row.weights[target] = 0.0
        for target, spans in doc.negative.items():
            if target not in row.labels and any(covered(s, toks) for s in spans):
                row.weights[target] = NEGATIVE_WEIGHT_MNF * SOURCE_WEIGHT.get(doc.source, 1.0)
        rows.append(row)
    return rows


def _weight(row: Row, target: str) -> float:
    return _source_weight(row, target) * row.weight


def _source_weight(row: Row, target: str) -> float:
    if row.scope is not None and target not in row.scope:
        return 0.0
    if target in row.weights:
        return row.weights[target]
    base = SOURCE_WEIGHT.get(row.source, 1.0)
    if target.startswith("k:"):
        return base if row.source == "cuad" else 0.0  # CUAD heads learn from CUAD's lawyers only
    if row.source == "cuad":
        return CONCEPT_WEIGHT_CUAD
    if row.source == "exemplar" and target not in row.labels:
        return 0.3  # another pattern's exemplar is a weak negative (one clause can carry two risks)
    return base


def targets_of(rows: list[Row]) -> list[str]:
    counts: dict[str, int] = {}
    for r in rows:
        for t, y in r.labels.items():
            if y > 0:
                counts[t] = counts.get(t, 0) + 1
    return sorted(t for t, n in counts.items() if n >= MIN_POSITIVES)


def _xyw(rows: list[Row], target: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    y = np.array([r.labels.get(target, 0.0) for r in rows], dtype=np.float32)
    w = np.array([_weight(r, target) for r in rows], dtype=np.float32)
    return np.flatnonzero(w > 0), y, w


def fit(rows: list[Row], targets: list[str], thresholds: dict[str, float] | None = None,
        meta: dict | None = None, C: float = C_HEADS, docs: list[LabelledDoc] | None = None) -> DecisionModel:
    from sklearn.linear_model import LogisticRegression

    feat = Featurizer().fit([r.unit for r in rows])
    x = feat.transform([r.unit for r in rows])
    weights = np.zeros((len(targets), x.shape[1]), dtype=np.float32)
    bias = np.zeros(len(targets), dtype=np.float32)
    for j, t in enumerate(targets):
        idx, y, w = _xyw(rows, t)
        if y[idx].min() == y[idx].max():
            bias[j] = -10.0
            continue
        lr = LogisticRegression(C=C, solver="liblinear", random_state=SEED, max_iter=200)
        lr.fit(x[idx], y[idx], sample_weight=w[idx])
        weights[j] = lr.coef_[0]
        bias[j] = lr.intercept_[0]
    model = DecisionModel(feat, targets, weights, bias, dict(thresholds or {}), dict(meta or {}))
    labelled = [d for d in docs or [] if d.source != "exemplar"]
    if len({d.source == "cuad" for d in labelled}) == 2:
        xa = feat.words([audience_text(d.text) for d in labelled])
        ya = np.array([0 if d.source == "cuad" else 1 for d in labelled])
        lr = LogisticRegression(C=C_AUDIENCE, solver="liblinear", random_state=SEED, class_weight="balanced")
        lr.fit(xa, ya)
        model.audience_weights = lr.coef_[0].astype(np.float32)
        model.audience_bias = float(lr.intercept_[0])
    return model


def folds_of(groups: list[str], k: int) -> dict[str, int]:
    """A fixed, seeded assignment of each group (contract) to one of k folds: a hash of the seed
    and the contract's name, so a contract keeps its fold whatever else is in the data."""
    return {g: int.from_bytes(hashlib.sha256(f"{SEED}:{g}".encode()).digest()[:8], "big") % k for g in set(groups)}


def out_of_fold(rows: list[Row], targets: list[str], k: int = 5, progress=None,
                docs: list[LabelledDoc] | None = None) -> tuple[np.ndarray, dict[str, int], list[DecisionModel]]:
    fold = folds_of([r.group for r in rows] + [d.group for d in docs or []], k)
    oof = np.zeros((len(rows), len(targets)), dtype=np.float32)
    models = []
    for f in range(k):
        train = [r for r in rows if fold[r.group] != f]
        test = [i for i, r in enumerate(rows) if fold[r.group] == f]
        m = fit(train, targets, docs=[d for d in docs or [] if fold[d.group] != f])
        oof[test] = m.raw([rows[i].unit for i in test])
        models.append(m)
        if progress:
            progress(f"fold {f + 1}/{k} fitted")
    return oof, fold, models


def choose_thresholds(rows: list[Row], targets: list[str], oof: np.ndarray) -> dict[str, float]:
    """Per head, the threshold with the best F1 on out-of-fold predictions (weighted rows; for concept
    heads the creator and platform-terms rows where they hold enough positives)."""
    out = {}
    grid = np.round(np.arange(0.05, 0.91, 0.025), 3)
    for j, t in enumerate(targets):
        idx, y, w = _xyw(rows, t)
        if t.startswith("c:"):  # a concept head is judged on contracts labelled from the creator's side
            pick = np.array([i for i in idx if rows[i].source in ("creator", "tos")], dtype=int)
            if len(pick) and y[pick].sum() >= 5:
                idx = pick
        best, best_f = 0.5, -1.0
        for g in grid:
            pred = oof[idx, j] >= g
            tp = float((w[idx] * (pred & (y[idx] > 0))).sum())
            fp = float((w[idx] * (pred & (y[idx] == 0))).sum())
            fn = float((w[idx] * (~pred & (y[idx] > 0))).sum())
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            if f1 > best_f + 1e-9:
                best, best_f = float(g), f1
        out[t] = best
    return out


def data_hash(docs: list[LabelledDoc]) -> str:
    h = hashlib.sha256()
    for d in sorted(docs, key=lambda d: d.group):
        h.update(d.group.encode())
        h.update(hashlib.sha256(d.text.encode("utf-8")).digest())
        h.update(json.dumps([d.gold, d.ignore, d.negative, sorted(d.scope or [])], sort_keys=True, ensure_ascii=False).encode())
        if d.weight != 1.0:  # a set's training weight changes the model; at 1 the hash stays what it was
            h.update(f"weight={d.weight}".encode())
    return h.hexdigest()[:16]


def train(rows: list[Row], docs: list[LabelledDoc], library_version: str, k: int = 5, progress=None) -> tuple[DecisionModel, dict]:
    import sklearn

    t0 = time.perf_counter()
    targets = targets_of(rows)
    oof, fold, _ = out_of_fold(rows, targets, k, progress, docs)
    thresholds = choose_thresholds(rows, targets, oof)
    sources: dict[str, int] = {}
    for d in docs:
        sources[d.source] = sources.get(d.source, 0) + 1
    meta = {"library_version": library_version, "data_hash": data_hash(docs), "seed": SEED, "folds": k,
            "sources": sources, "rows": len(rows), "targets": len(targets), "C": C_HEADS,
            "cuad_languages": sorted({r.unit.lang for r in rows if r.source == "cuad"}),
            "sklearn": sklearn.__version__, "numpy": np.__version__,
            "trained_at": time.strftime("%Y-%m-%d", time.gmtime())}
    model = fit(rows, targets, thresholds, meta, docs=docs)
    model.meta["seconds"] = round(time.perf_counter() - t0, 1)
    return model, {"oof": oof, "fold": fold, "targets": targets}


def build_rows(screener, docs: list[LabelledDoc], progress=None) -> list[Row]:
    """Every labelled document examined by the screener's own engine: the training rows."""
    rows: list[Row] = []
    for i, d in enumerate(docs):
        if d.source == "exemplar":  # one clause, examined as one (no segmentation of a single sentence)
            clause = Clause(index=0, text=d.text, start=0, end=len(d.text), page=1,
                            language="zh" if any("\u4e00" <= ch <= "\u9fff" for ch in d.text) else "en")
            exam = screener.engine.examine([clause], deal_type=None, lang=clause.language)
            exam[0].unit.kind = "clause"  # an exemplar is a clause by construction
        else:
            exam = screener.examine(text_document(d.text, d.name))
        rows.extend(doc_rows(d, [e.unit for e in exam], [e.clause.text for e in exam]))
        if progress and (i + 1) % 50 == 0:
            progress(f"examined {i + 1}/{len(docs)} documents")
    return rows
