"""Money benchmark: the reported headline, certain pay and largest exposure against hand-written values.

The expected values (eval/money/expected*.json) were written by helpers who read only the contracts,
never the code. Every contract of the project's labelled sets that states money is screened through
the real pipeline (offline, fast evidence) and its summary.money compared:
- a number matches within 1% (same currency);
- "check" (the creator can owe a sum the contract does not fix) matches a report with no computed largest
  exposure that flags sums to check; null matches nothing reported.

    python benchmarks/money.py [--all] [--verbose]
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
EXPECTED = [ROOT / "eval" / "money" / "expected.json", ROOT / "eval" / "money" / "expected-real-dev.json"]
# the money reader was tuned on the misses of these sets (in-sample); the others were never looked into
TUNED_ON = ("creator-fresh", "creator")


def contract_path(key: str) -> Path:
    folder, stem = key.split("/", 1)
    if folder == "creator-fresh":
        return ROOT / "eval" / "creator-fresh" / f"{stem}.txt"
    if folder in ("creator", "creator-holdout"):
        return ROOT / "eval" / folder / "txt" / f"{stem}.txt"
    if folder == "real-dev":
        return SHARED / "real-dev" / f"{stem}.txt"
    raise ValueError(key)


def same(expected, figure, check: bool | None = None) -> bool:
    got = figure.amount if figure is not None else None
    if expected == "check":
        return got is None and bool(check)
    if expected is None:
        return got is None and not check if check is not None else got is None
    return got is not None and math.isclose(got, float(expected), rel_tol=0.01)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--all", action="store_true", help="also contracts that state no money")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    from contract_guard.config import get_settings
    from contract_guard.pipeline import Screener

    screener = Screener(replace(get_settings(), vector_evidence=False))
    expected: dict[str, dict] = {}
    for path in EXPECTED:
        if path.is_file():
            expected.update(json.loads(path.read_text(encoding="utf-8")))
    rows, totals = [], {"headline": 0, "certain": 0, "largest": 0, "all three": 0}
    for key, exp in sorted(expected.items()):
        if not exp["states_money"] and not args.all:
            continue
        path = contract_path(key)
        if not path.is_file():
            print(f"missing: {path}", file=sys.stderr)
            continue
        report = screener.screen(path)
        m = report.summary.money
        got = (m.headline if m else None, m.certain if m else None, m.largest_exposure if m else None)
        check = m.exposure_to_check if m else False
        ok = (same(exp["headline"], got[0]), same(exp["certain"], got[1]), same(exp["largest_exposure"], got[2], check))
        for name, hit in zip(("headline", "certain", "largest"), ok):
            totals[name] += hit
        totals["all three"] += all(ok)
        fmt = lambda f: "-" if f is None else f"{f.amount:,.0f}"  # noqa: E731
        rows.append((key, exp, got, check, ok))
        if args.verbose or not all(ok):
            print(f"{'ok ' if all(ok) else 'MISS'} {key:58s} headline {exp['headline']!s:>12}/{fmt(got[0]):>12} "
                  f"certain {exp['certain']!s:>12}/{fmt(got[1]):>12} largest {exp['largest_exposure']!s:>12}/"
                  f"{fmt(got[2]) if got[2] else ('check' if check else '-'):>12}")
    n = len(rows)
    print(f"\n{n} contracts that state money (expected/reported above for misses)")
    for name, hits in totals.items():
        print(f"  {name:10s} {hits:3d}/{n}  ({hits / max(n, 1):.0%})")
    for title, part in (("tuned on (in-sample): " + ", ".join(TUNED_ON), [r for r in rows if r[0].split("/")[0] in TUNED_ON]),
                        ("never tuned on (out-of-sample)", [r for r in rows if r[0].split("/")[0] not in TUNED_ON])):
        k = len(part)
        hits = [sum(r[4][i] for r in part) for i in range(3)] + [sum(all(r[4]) for r in part)]
        print(f"{title}: {k} contracts — headline {hits[0]}/{k}, certain {hits[1]}/{k}, largest {hits[2]}/{k}, all three {hits[3]}/{k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
