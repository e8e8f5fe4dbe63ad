#!/usr/bin/env python3
"""Validate eval/creator/labels.jsonl against the txt files and the taxonomy.

Checks: every line parses; required fields and enum values; the txt file exists
and is UTF-8; every span is an exact substring of its file; every concept id and
missing-protection id is in the taxonomy; fair contracts hold only low-severity
concepts. Prints a per-contract summary and exits non-zero on any error.

Usage: python eval/creator/check_labels.py [--taxonomy PATH]
"""
import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_TAXONOMY = [Path("/work/shared/taxonomy.yaml"),
                    HERE.parent.parent / "clause_library" / "taxonomy.yaml"]
LANGS = {"zh", "en", "mixed"}
DEALS = {"investment", "ip", "agency", "commission", "general"}
SEVERITIES = {"critical", "high", "medium", "low"}


def load_taxonomy(path):
    text = path.read_text(encoding="utf-8")
    try:
        import yaml
        data = yaml.safe_load(text)
        concepts = {c["id"] for c in data["concepts"]}
        missing = {m["id"] for m in data["missing_protections"]}
    except ImportError:  # fall back to a plain scan of "- id:" lines per section
        concepts, missing, section = set(), set(), None
        for line in text.splitlines():
            if re.match(r"^concepts:", line):
                section = concepts
            elif re.match(r"^missing_protections:", line):
                section = missing
            m = re.match(r"^\s*-\s*id:\s*([\w-]+)", line)
            if m and section is not None:
                section.add(m.group(1))
    return concepts, missing


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--taxonomy", type=Path)
    args = ap.parse_args()
    tax = args.taxonomy or next(p for p in DEFAULT_TAXONOMY if p.exists())
    concept_ids, missing_ids = load_taxonomy(tax)

    errors, rows, names = [], [], set()
    lines = (HERE / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: JSON error {e}")
            continue
        name = rec.get("name")
        where = f"line {n} ({name})"
        for key in ("name", "txt", "lang", "deal_type", "fair", "concepts", "missing"):
            if key not in rec:
                errors.append(f"{where}: missing field {key}")
        if name in names:
            errors.append(f"{where}: duplicate name")
        names.add(name)
        if rec.get("lang") not in LANGS:
            errors.append(f"{where}: bad lang {rec.get('lang')}")
        if rec.get("deal_type") not in DEALS:
            errors.append(f"{where}: bad deal_type {rec.get('deal_type')}")
        if not isinstance(rec.get("fair"), bool):
            errors.append(f"{where}: fair must be true/false")
        path = HERE / rec.get("txt", "")
        if path.stem != name:
            errors.append(f"{where}: txt stem {path.stem} != name")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            errors.append(f"{where}: cannot read {path}: {e}")
            continue
        n_spans = 0
        for cid, body in rec.get("concepts", {}).items():
            if cid not in concept_ids:
                errors.append(f"{where}: unknown concept {cid}")
            if body.get("severity") not in SEVERITIES:
                errors.append(f"{where}: {cid} bad severity {body.get('severity')}")
            if rec.get("fair") and body.get("severity") != "low":
                errors.append(f"{where}: fair contract has non-low concept {cid}")
            spans = body.get("spans") or []
            if not spans:
                errors.append(f"{where}: {cid} has no spans")
            for s in spans:
                n_spans += 1
                if not s or s not in text:
                    errors.append(f"{where}: {cid} span not in text: {s[:60]!r}")
        for mid in rec.get("missing", []):
            if mid not in missing_ids:
                errors.append(f"{where}: unknown missing-protection {mid}")
        rows.append((name, rec.get("lang"), rec.get("deal_type"), rec.get("fair"),
                     len(rec.get("concepts", {})), n_spans, len(rec.get("missing", []))))

    print(f"taxonomy: {tax}  ({len(concept_ids)} concepts, {len(missing_ids)} missing-protection ids)")
    print(f"{'name':40} {'lang':5} {'deal':10} {'fair':5} {'concepts':>8} {'spans':>5} {'missing':>7}")
    for r in rows:
        print(f"{r[0]:40} {r[1]:5} {r[2]:10} {str(r[3]):5} {r[4]:8d} {r[5]:5d} {r[6]:7d}")
    txt_files = {p.stem for p in (HERE / "txt").glob("*.txt")}
    for orphan in sorted(txt_files - names):
        errors.append(f"txt/{orphan}.txt has no label line")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        return 1
    print(f"\nOK: {len(rows)} contracts, {sum(r[4] for r in rows)} labelled concepts, "
          f"{sum(r[5] for r in rows)} spans, all spans found, all ids in taxonomy.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
