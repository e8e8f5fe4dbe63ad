#!/usr/bin/env python3
"""End-to-end screening speed and memory over a folder of contracts.

    .venv/bin/python benchmarks/scan_speed.py [FOLDER] [--limit N]

FOLDER defaults to ../shared/data/cuad-dev/pdf. Prints seconds per contract (mean, median,
max), pages per second, the one-off start-up cost (model, index, rules) and peak RSS.
Targets (issue 2): < 0.6 s per contract on average on 2 cores, peak RSS < 1.5 GB.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from contract_guard.errors import ContractGuardError  # noqa: E402
from contract_guard.pipeline import Screener  # noqa: E402
from common import CUAD_DEV_PDF, contract_files  # noqa: E402  (benchmarks/ is on sys.path when run as a script)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=CUAD_DEV_PDF)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    files = contract_files(args.folder, args.limit)
    if not files:
        return 1
    t0 = time.perf_counter()
    screener = Screener()
    screener.screen(b"The Creator assigns all copyright to the Company.", "warmup.txt")  # loads the model
    startup = time.perf_counter() - t0
    times, pages, failed = [], 0, 0
    stages: dict[str, float] = {}
    for f in files:
        t = time.perf_counter()
        try:
            report = screener.screen(f)
        except ContractGuardError as exc:
            failed += 1
            print(f"failed: {f.name}: {exc.message('en')}", file=sys.stderr)
            continue
        times.append(time.perf_counter() - t)
        pages += report.document.pages
        for k, v in report.timings_ms.items():
            stages[k] = stages.get(k, 0.0) + v / 1000
    total = sum(times)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"contracts screened   {len(times)} ({failed} failed) from {args.folder}")
    print(f"start-up (once)      {startup:.2f} s")
    print(f"seconds per contract mean {total / len(times):.3f}  median {statistics.median(times):.3f}  max {max(times):.3f}")
    print(f"pages per second     {pages / total:.1f}  ({pages} pages)")
    print("time by stage (s)    " + "  ".join(f"{k} {v:.1f}" for k, v in stages.items() if k != "total"))
    print(f"peak RSS             {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
