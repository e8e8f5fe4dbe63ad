"""`contract-guard eval`: scoring a labelled folder, in CUAD layout and in the creator-set layout."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from contract_guard.evaluation.dataset import load_dataset
from contract_guard.evaluation.run import evaluate
from contract_guard.evaluation.spans import covers, gold_segments, tokens

PROJECT = Path(__file__).resolve().parents[1]

ASSIGN = "The Creator hereby assigns to the Company all right, title and interest in the Videos, including copyright."
BENIGN = "The Company shall deliver a monthly statement of views to the Creator."


def test_span_cover_rule():
    gold = gold_segments(ASSIGN)
    assert covers(tokens("4.2 " + ASSIGN + " This applies worldwide."), gold)
    assert not covers(tokens(BENIGN), gold)
    assert not covers(tokens((BENIGN + " ") * 40 + ASSIGN), gold)  # quoting a page is not locating a clause
    assert covers(tokens("乙方将作品的全部著作权转让给甲方。"), gold_segments("乙方将作品的全部著作权转让给甲方"))


def _write_folder(root: Path, records: list[dict], texts: dict[str, str]) -> Path:
    (root / "txt").mkdir(parents=True)
    for name, text in texts.items():
        (root / "txt" / f"{name}.txt").write_text(text, encoding="utf-8")
    (root / "labels.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return root


def test_cuad_layout_scores_recall_and_precision(tmp_path, screener):
    text = f"1. Rights. {ASSIGN}\n\n2. Reports. {BENIGN}\n"
    root = _write_folder(tmp_path / "cuad", [{"name": "a", "type": "License", "txt": "txt/a.txt",
                                             "labels": {"IP Ownership Assignment": [ASSIGN], "Exclusivity": []}}],
                         {"a": text})
    data, scores, failures = evaluate(root, screener, prefer="txt")
    assert data.kind == "cuad" and not failures
    ipoa = scores.per_category["IP Ownership Assignment"]
    assert (ipoa.gold_spans, ipoa.hit_spans, ipoa.contract_r) == (1, 1, 1.0)
    assert ipoa.precision == 1.0


def test_creator_layout_counts_false_alarms_and_missed_criticals(tmp_path, screener):
    unfair = f"第一条 乙方同意将其全部作品的著作权转让给甲方。\n第二条 {BENIGN}\n"
    fair = "1. The Creator grants the Company a non-exclusive licence for one year; the Creator keeps all copyright.\n"
    root = _write_folder(tmp_path / "creator", [
        {"name": "unfair", "txt": "txt/unfair.txt", "fair": False, "deal_type": "ip",
         "concepts": {"ip-assignment": {"severity": "critical", "spans": ["乙方同意将其全部作品的著作权转让给甲方。"]},
                      "persona-rights": {"severity": "critical", "spans": ["第二条"]}}},
        {"name": "fair", "txt": "txt/fair.txt", "fair": True, "deal_type": "ip", "concepts": {}},
    ], {"unfair": unfair, "fair": fair})
    data, scores, _ = evaluate(root, screener, prefer="txt")
    assert data.kind == "creator"
    assert scores.per_category["ip-assignment"].hit_spans == 1
    assert scores.critical_missed == ["unfair: persona-rights"]
    assert scores.false_alarms == {"fair": 0}


def test_eval_cli_on_the_creator_set(tmp_path):
    folder = PROJECT / "eval" / "creator"
    if not (folder / "labels.jsonl").is_file():
        pytest.skip("the creator evaluation set is not present")
    proc = subprocess.run([sys.executable, "-m", "contract_guard.cli", "eval", str(folder), "--input", "txt", "--quiet",
                           "--json", str(tmp_path / "s.json")], capture_output=True, text=True, timeout=600,
                          env={**__import__("os").environ, "CONTRACT_GUARD_DATA": str(tmp_path / "d")})
    assert proc.returncode == 0, proc.stderr
    result = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert result["critical_missed"] == []
    assert all(n <= 1 for n in result["false_alarms"].values())
    assert len(load_dataset(folder, "txt").contracts) >= 8


def test_catalogue_is_up_to_date():
    from contract_guard.library import load_library
    from contract_guard.library.catalogue import render_catalogue

    committed = PROJECT / "docs" / "library.md"
    fresh = render_catalogue(load_library(PROJECT / "clause_library"))
    assert committed.is_file() and committed.read_text(encoding="utf-8") == fresh, \
        "docs/library.md is stale: run `contract-guard library docs --out docs/library.md`"


@pytest.mark.parametrize("folder", ["creator", "creator-holdout"])
def test_creator_labels_are_exact_and_use_taxonomy_ids(folder):
    from contract_guard.library import load_library

    root = PROJECT / "eval" / folder
    taxonomy = load_library(PROJECT / "clause_library").taxonomy
    data = load_dataset(root, "txt")
    assert data.kind == "creator" and data.contracts
    for c in data.contracts:
        text = c.path.read_text(encoding="utf-8")
        for concept, spans in c.gold.items():
            assert concept in taxonomy.concepts, f"{c.name}: unknown concept {concept}"
            for span in spans:
                assert span in text, f"{c.name}: span not in the text: {span[:60]}"
        if c.fair:
            assert all(c.severity[k] == "low" for k in c.gold), f"{c.name}: a fair contract with a real risk label"
    for line in (root / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        assert set(rec.get("missing", [])) <= set(taxonomy.missing), rec["name"]


def test_training_contracts_quote_their_text_and_use_taxonomy_ids():
    """eval/creator-train teaches the model look-alikes: a quote that is not in its contract would teach
    nothing (the clause would never be labelled), and an unknown id would train a head for nothing."""
    from contract_guard.library import load_library
    from contract_guard.training.corpus import creator_docs

    root = PROJECT / "eval" / "creator-train"
    if not (root / "labels.json").is_file():
        pytest.skip("the training set is not present")
    taxonomy = load_library(PROJECT / "clause_library").taxonomy
    labels = json.loads((root / "labels.json").read_text(encoding="utf-8"))
    docs = creator_docs(root / "labels.json")
    assert len(docs) == len(labels) >= 20
    assert sum(1 for d in docs if d.fair) >= len(docs) // 2
    for d in docs:
        for store in (d.gold, d.ignore, d.negative):
            for target, quotes in store.items():
                assert target[2:] in taxonomy.concepts, f"{d.name}: unknown concept {target}"
                for q in quotes:
                    assert q in d.text, f"{d.name}: quote not in the text: {q[:60]}"
