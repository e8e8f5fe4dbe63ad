#!/usr/bin/env python3
"""Check labels.jsonl of the creator-holdout set.

- every txt file exists and is UTF-8; every txt file in txt/ is labelled
- concept / missing ids exist in /work/shared/taxonomy.yaml (parsed without PyYAML)
- severities are valid; fair contracts have no concepts
- every span is an exact substring of its contract
Exit status 1 on any problem.
"""
import json, pathlib, re, sys

HERE = pathlib.Path(__file__).resolve().parent
TAXONOMY = pathlib.Path("/work/shared/taxonomy.yaml")
SEVERITIES = {"critical", "high", "medium", "low"}
DEAL_TYPES = {"investment", "ip", "agency", "commission", "general"}


def taxonomy_ids():
    concepts, missing, section = set(), set(), None
    for line in TAXONOMY.read_text(encoding="utf-8").splitlines():
        if re.match(r"^concepts:", line):
            section = concepts
        elif re.match(r"^missing_protections:", line):
            section = missing
        m = re.match(r"^\s*-\s*id:\s*([\w-]+)", line)
        if m and section is not None:
            section.add(m.group(1))
    return concepts, missing


def main():
    concepts, missing = taxonomy_ids()
    problems, seen, n_spans = [], set(), 0
    for i, line in enumerate((HERE / "labels.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        rec = json.loads(line)
        name = rec["name"]
        seen.add(rec["txt"])
        path = HERE / rec["txt"]
        if not path.is_file():
            problems.append(f"{name}: missing file {rec['txt']}")
            continue
        text = path.read_bytes().decode("utf-8")
        if rec["lang"] not in ("zh", "en"):
            problems.append(f"{name}: bad lang")
        if rec["deal_type"] not in DEAL_TYPES:
            problems.append(f"{name}: bad deal_type")
        if rec["fair"] and rec["concepts"]:
            problems.append(f"{name}: fair contract has concepts")
        for cid, body in rec["concepts"].items():
            if cid not in concepts:
                problems.append(f"{name}: unknown concept {cid}")
            if body["severity"] not in SEVERITIES:
                problems.append(f"{name}/{cid}: bad severity")
            if not body["spans"]:
                problems.append(f"{name}/{cid}: no spans")
            for s in body["spans"]:
                n_spans += 1
                if s not in text:
                    problems.append(f"{name}/{cid}: span not found: {s[:60]}")
        for mid in rec["missing"]:
            if mid not in missing:
                problems.append(f"{name}: unknown missing id {mid}")
    for p in sorted((HERE / "txt").glob("*.txt")):
        if f"txt/{p.name}" not in seen:
            problems.append(f"unlabelled file txt/{p.name}")
    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(seen)} contracts, {n_spans} spans checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
