"""`contract-guard library train` and `contract-guard validate`: the decision layer's commands."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .config import PROJECT_DIR

DEFAULT_SHARED = PROJECT_DIR.parent / "shared" / "data"


def _say(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _prepare(args: argparse.Namespace):
    from .training.sources import default_sets, training_docs
    from .training.train import build_rows
    from .pipeline import Screener

    screener = Screener(model=None)
    sets = default_sets(args.data, PROJECT_DIR)
    if args.sets:
        keep = set(args.sets.split(","))
        sets = [s for s in sets if s.name in keep]
    cache = getattr(args, "cache", None)
    if cache is not None and cache.is_file():  # a developer's shortcut: rows of an unchanged engine
        import pickle

        docs, rows = pickle.loads(cache.read_bytes())
        _say(f"{len(rows)} clauses from {cache}")
        return screener, sets, docs, rows
    docs, missing = training_docs(sets, screener.library, exemplars=not args.no_exemplars)
    for m in missing:
        _say(f"not found, skipped: {m}")
    if not any(d.source != "exemplar" for d in docs):
        print(f"error: no labelled set found under {args.data}", file=sys.stderr)
        return None
    _say(f"{len(docs)} documents; examining them with the rules")
    rows = build_rows(screener, docs, progress=_say)
    _say(f"{len(rows)} clauses")
    if cache is not None:
        import pickle

        cache.write_bytes(pickle.dumps((docs, rows)))
    return screener, sets, docs, rows


def cmd_train(args: argparse.Namespace) -> int:
    from .judge.model import model_path
    from .training.train import train

    prep = _prepare(args)
    if prep is None:
        return 2
    screener, _, docs, rows = prep
    model, _ = train(rows, docs, screener.library.version, k=args.folds, progress=_say)
    out = args.out or model_path(screener.library.root)
    model.save(out)
    print(f"wrote {out}: {len(model.targets)} heads, library {model.meta['library_version']}, "
          f"data {model.meta['data_hash']}, {model.meta['rows']} clauses, {model.meta['seconds']} s")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .training.validate import oos_reports

    prep = _prepare(args)
    if prep is None:
        return 2
    screener, sets, docs, rows = prep
    summary = oos_reports(screener, sets, docs, rows, args.out, k=args.folds, progress=_say)
    (args.out / "summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(f"out-of-fold reports under {args.out} ({summary['_']['seconds']} s); score them with "
          f"benchmarks/judgement.py --reports {args.out}")
    return 0


def add_parsers(sub, lib_sub) -> None:
    def common(p):
        p.add_argument("--data", type=Path, default=DEFAULT_SHARED, help="the shared labelled sets (default ../shared/data)")
        p.add_argument("--sets", help="comma-separated set names to use (default: all found)")
        p.add_argument("--folds", type=int, default=5)
        p.add_argument("--no-exemplars", action="store_true", help="do not learn from the library's exemplars")
        p.add_argument("--cache", type=Path, help="keep the examined clauses here and reuse them (only while the rules "
                                                  "and segmentation are unchanged)")

    tr = lib_sub.add_parser("train", help="train the learned decision layer on the labelled sets (reproducible)")
    common(tr)
    tr.add_argument("--out", type=Path, help="model file (default: clause_library/model/decision.npz)")
    tr.set_defaults(func=cmd_train)
    va = sub.add_parser("validate", help="k-fold out-of-sample reports for every labelled document (grouped by contract)")
    common(va)
    va.add_argument("--out", type=Path, required=True, help="folder for <set>/<stem>.json reports")
    va.set_defaults(func=cmd_validate)
