"""Judgement, out of sample: every figure here comes from reports of documents the model never saw.

    .venv/bin/python benchmarks/judgement.py                 # runs `contract-guard validate` first (~15 min)
    .venv/bin/python benchmarks/judgement.py --reports DIR   # scores reports `validate` already wrote
    .venv/bin/python benchmarks/judgement.py --speed-only    # seconds per contract vs the keyword baseline

Prints, out of sample (5 folds grouped by contract):
- CUAD (cuad-train + cuad-dev, 280 contracts): clause recall, precision, contract macro F1, per category;
- creator sets (real-dev, creator-fresh), scored by ../shared/tools/creator_score.py: recall, critical
  recall, precision, false alarms per fair contract (all findings, as the scorer counts them, and
  medium or higher), overall level right, findings per contract against gold findings per contract;
- tos-unfair (grouped by company): recall and precision on its four concepts;
- speed: seconds per contract of `contract-guard scan` against ../shared/tools/keyword_baseline.py on
  the same PDFs (creator-fresh, cuad-dev), whole process, median of 3 runs; contract-guard both in one
  process (`--jobs 1`, like the baseline) and as it runs by default (a folder on every core).
The rules were written while reading cuad-dev, eval/creator and eval/creator-holdout, so on those the
rules' part is in-sample; the model's part is out of fold everywhere.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CLI = ROOT / ".venv" / "bin" / "contract-guard"
PY = ROOT / ".venv" / "bin" / "python"


def _f(x) -> str:
    return "–" if x is None else f"{x:.3f}"


def cuad_scores(reports: Path) -> dict:
    from contract_guard.evaluation.dataset import load_dataset
    from contract_guard.evaluation.scoring import CREATOR_CUAD, score
    from contract_guard.models import Report

    pairs = []
    for name in ("cuad-train", "cuad-dev"):
        data = load_dataset(SHARED / "data" / name, "pdf")
        for c in data.contracts:
            p = reports / name / f"{c.path.stem}.json"
            rep = Report.model_validate_json(p.read_text(encoding="utf-8")) if p.is_file() else None
            pairs.append((c, rep))
    return score(pairs, CREATOR_CUAD, "cuad")


def tos_scores(reports: Path) -> dict:
    from contract_guard.evaluation.dataset import load_dataset
    from contract_guard.evaluation.scoring import score
    from contract_guard.models import Report

    data = load_dataset(SHARED / "data" / "tos-unfair", "txt")
    pairs = []
    for c in data.contracts:
        p = reports / "tos-unfair" / f"{c.path.stem}.json"
        pairs.append((c, Report.model_validate_json(p.read_text(encoding="utf-8")) if p.is_file() else None))
    return score(pairs, ["unilateral-amendment", "one-sided-termination", "dispute-forum", "claim-waiver"], "creator")


def creator_scores(reports: Path, name: str, labels: Path, kind: str) -> dict | None:
    if not (reports / name).is_dir():
        return None
    out = Path(tempfile.mkdtemp()) / f"{name}.json"
    subprocess.run([sys.executable, str(SHARED / "tools" / "creator_score.py"), "--labels", str(labels), "--input", kind,
                    "--reports", str(reports / name), "--json", str(out)], check=True, stdout=subprocess.DEVNULL)
    res = json.loads(out.read_text(encoding="utf-8"))
    o = res["overall"]
    fair = [r for r in res["by_contract"].values() if r["fair"]]
    o["medium_plus_per_fair"] = (sum(r["findings_by_severity"]["critical"] + r["findings_by_severity"]["high"]
                                     + r["findings_by_severity"]["medium"] for r in fair) / len(fair)) if fair else None
    o["fair_above_low"] = [r["name"] for r in fair if r["risk_level"] not in ("none", "low")]
    o["gold_per_contract"] = o["gold"] / max(1, o["contracts"])
    o["findings_per_contract"] = o["findings"] / max(1, o["contracts"])
    return o


def speed(folder: Path, runs: int = 3) -> tuple[float, float, float, int]:
    """Seconds per contract: contract-guard in one process (`--jobs 1`), contract-guard as it runs by default
    (a folder is screened on every CPU core), and the keyword baseline (one process)."""
    pdfs = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".pdf")
    tmp = Path(tempfile.mkdtemp())
    src = tmp / "in"
    src.mkdir()
    for p in pdfs:
        shutil.copy(p, src / p.name)

    def timed(cmd: list[str]) -> float:
        out = tmp / "out"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        t0 = time.perf_counter()
        subprocess.run([c.replace("{out}", str(out)) for c in cmd], check=False, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return time.perf_counter() - t0

    scan = [str(CLI), "scan", str(src), "--format", "json", "--out", "{out}", "--quiet"]
    one = [timed(scan + ["--jobs", "1"]) for _ in range(runs)]
    every = [timed(scan) for _ in range(runs)]
    base = [timed([sys.executable, str(SHARED / "tools" / "keyword_baseline.py"), str(src), "{out}"]) for _ in range(runs)]
    n = len(pdfs)
    return statistics.median(one) / n, statistics.median(every) / n, statistics.median(base) / n, n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=Path, help="reports written by `contract-guard validate --out DIR`")
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument("--no-speed", action="store_true", help="accuracy only (speed is timed separately)")
    ap.add_argument("--json", type=Path, help="write every figure as JSON here")
    args = ap.parse_args()
    result: dict = {}
    if not args.speed_only:
        reports = args.reports
        if reports is None:
            reports = Path(tempfile.mkdtemp()) / "oos"
            subprocess.run([str(CLI), "validate", "--out", str(reports)], check=True)
        s = cuad_scores(reports)
        print("## CUAD (cuad-train + cuad-dev, 280 contracts), out of fold\n")
        print("| category | gold spans | clause recall | clause precision | contract F1 |\n|---|---:|---:|---:|---:|")
        for cat, c in s.per_category.items():
            if c.support or c.predicted:
                print(f"| {cat} | {c.gold_spans} | {_f(c.recall)} | {_f(c.precision)} | {_f(c.contract_f1)} |")
        n = max(1, s.contracts)
        print(f"\n**overall: clause recall {_f(s.recall)}, clause precision {_f(s.precision)}, contract macro F1 "
              f"{_f(s.macro_f1)}; {s.findings_total / n:.1f} findings per contract**\n")
        result["cuad"] = {"recall": s.recall, "precision": s.precision, "macro_f1": s.macro_f1,
                          "findings_per_contract": s.findings_total / n}
        t = tos_scores(reports)
        print("## tos-unfair (40 platforms' terms), out of fold, grouped by company\n")
        print("| concept | gold | recall | precision |\n|---|---:|---:|---:|")
        for cat, c in t.per_category.items():
            print(f"| {cat} | {c.gold_spans} | {_f(c.recall)} | {_f(c.precision)} |")
        print(f"\n**overall: recall {_f(t.recall)}, precision {_f(t.precision)}**\n")
        result["tos-unfair"] = {"recall": t.recall, "precision": t.precision}
        print("## Creator sets, scored by shared/tools/creator_score.py, out of fold\n")
        print("| set | recall | critical recall | precision | all findings per fair contract | medium+ per fair contract "
              "| level right | findings / gold per contract | fair contracts above low |\n|---|---|---|---|---|---|---|---|---|")
        for name, labels, kind in (("real-dev", SHARED / "data" / "real-dev" / "labels.json", "txt"),
                                   ("creator-fresh", ROOT / "eval" / "creator-fresh" / "labels.json", "pdf")):
            o = creator_scores(reports, name, labels, kind)
            if o is None:
                continue
            result[name] = o
            print(f"| {name} | {_f(o['recall'])} | {_f(o['critical_recall'])} | {_f(o['precision'])} | "
                  f"{_f(o['false_alarms_per_fair_contract'])} | {_f(o['medium_plus_per_fair'])} | {_f(o['risk_level_ok_rate'])} | "
                  f"{o['findings_per_contract']:.1f} / {o['gold_per_contract']:.1f} | {', '.join(o['fair_above_low']) or 'none'} |")
        print()
    if args.no_speed:
        if args.json:
            args.json.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
        return 0
    print("## Speed (whole process over a folder, `contract-guard scan` vs keyword_baseline.py, median of 3)\n")
    from contract_guard.scan_cmd import cpu_cores

    cores = cpu_cores()
    print(f"| PDFs | contracts | contract-guard, one process | ratio | contract-guard, default ({cores} cores) | ratio "
          f"| keyword baseline (one process) |\n|---|---:|---:|---:|---:|---:|---:|")
    result["speed"] = {}
    for name, folder in (("creator-fresh", ROOT / "eval" / "creator-fresh"), ("cuad-dev", SHARED / "data" / "cuad-dev" / "pdf")):
        if not folder.is_dir():
            continue
        one, every, base, n = speed(folder)
        print(f"| {name} | {n} | {one:.3f} s | {one / base:.2f}× | {every:.3f} s | {every / base:.2f}× | {base:.3f} s |")
        result["speed"][name] = {"one_process_s": one, "default_s": every, "baseline_s": base, "cores": cores,
                                 "ratio_one_process": one / base, "ratio_default": every / base}
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
