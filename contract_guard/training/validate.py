"""Out-of-sample validation: every labelled document screened by a model that never saw it.

The documents of all sets are split into k folds by contract (a fixed seed); for each fold a
model is trained on the other folds (thresholds chosen out of fold inside them too would cost
k² fits, so each fold model uses the thresholds of the full cross-validation — the thresholds
are per head, a handful of numbers, and are reported as such); each document of the fold is
then screened through the real pipeline (read the PDF or text → segment → rules → that fold's
model → report) and the JSON report written to `<out>/<set>/<stem>.json`, where the shared
scorers (`cuad_score.py --reports`, `creator_score.py --reports`) or `contract-guard eval`
score it.
"""
from __future__ import annotations

import time
from pathlib import Path

from .corpus import LabelledDoc
from .sources import LabelledSet
from .train import Row, choose_thresholds, folds_of, out_of_fold, targets_of


def oos_reports(screener, sets: list[LabelledSet], docs: list[LabelledDoc], rows: list[Row], out: Path,
                k: int = 5, progress=None) -> dict[str, dict]:
    from ..errors import ContractGuardError

    t0 = time.perf_counter()
    targets = targets_of(rows)
    oof, fold, models = out_of_fold(rows, targets, k, progress, docs)
    thresholds = choose_thresholds(rows, targets, oof)
    for m in models:
        m.thresholds = dict(thresholds)
        m.meta = {"library_version": screener.library.version, "trained_at": "fold"}
    fold_of = folds_of([d.group for d in docs], k)
    summary: dict[str, dict] = {}
    saved, vector = screener.engine.model, screener.engine.vector
    screener.engine.vector = None  # vector similarity is evidence only: it changes no finding, so validation skips it
    try:
        for s in sets:
            if not s.exists():
                continue
            dest = out / s.name
            dest.mkdir(parents=True, exist_ok=True)
            done = failed = 0
            for d in s.docs(screener.library):
                screener.engine.model = models[fold_of[d.group]]
                path = s.file_for(d)
                try:
                    report = screener.screen(path)
                except ContractGuardError as exc:
                    failed += 1
                    if progress:
                        progress(f"{s.name}/{path.name}: {exc.message('en')}")
                    continue
                (dest / f"{path.stem}.json").write_text(report.to_json(), encoding="utf-8")
                done += 1
            summary[s.name] = {"reports": done, "failed": failed, "dir": str(dest)}
            if progress:
                progress(f"{s.name}: {done} reports")
    finally:
        screener.engine.model, screener.engine.vector = saved, vector
    summary["_"] = {"seconds": round(time.perf_counter() - t0, 1), "folds": k, "thresholds": thresholds}
    return summary

