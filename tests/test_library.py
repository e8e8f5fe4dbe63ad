"""Every clause-library pattern's own test sentences, run through the real engine
(segmentation, BM25, Chroma with the real embeddings, rules) — semgrep-style."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from contract_guard.library import load_library
from contract_guard.library.check import Minimums, pattern_test_cases, structural_problems

LIBRARY = load_library(Path(__file__).resolve().parents[1] / "clause_library", strict=False)
CASES = pattern_test_cases(LIBRARY)


def test_library_is_valid():
    assert LIBRARY.patterns, "the clause library is empty"
    assert structural_problems(LIBRARY, Minimums()) == []


def test_test_sentences_are_not_indexed(screener):
    indexed = {e.text for e in __import__("contract_guard.retrieval.exemplars", fromlist=["x"]).library_exemplars(screener.library)}
    assert not indexed & {c.text for c in CASES}


@pytest.fixture(scope="module")
def raised(screener):
    # one batch through the engine; each parametrized case reads its own result
    texts = tuple(c.text for c in CASES)
    results = screener.concepts_for_texts(texts)
    return dict(zip(texts, results))


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.pattern_id}-{c.lang}-{'match' if c.expect else 'no_match'}-{abs(hash(c.text)) % 10**6}")
def test_pattern_sentence(case, raised):
    concepts = raised[case.text]
    if case.expect:
        assert case.concept in concepts, f"{case.pattern_id} should raise {case.concept}: {case.text}"
    else:
        assert case.concept not in concepts, f"{case.pattern_id} must not raise {case.concept}: {case.text}"


CUAD_TXT = Path(__file__).resolve().parents[2] / "shared" / "data" / "cuad-dev" / "txt"
SHINGLE = 12


def _shingles(words: list[str]) -> set[int]:
    return {hash(" ".join(words[i:i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


@pytest.mark.skipif(not CUAD_TXT.is_dir(), reason="../shared/data/cuad-dev is not beside this checkout")
def test_no_library_sentence_is_copied_from_cuad():
    """The CUAD set is for measuring: no exemplar or test may share a 12-word run with it."""
    import re

    word = re.compile(r"[a-z0-9]+")
    cuad: set[int] = set()
    for f in CUAD_TXT.glob("*.txt"):
        cuad |= _shingles(word.findall(f.read_text(encoding="utf-8", errors="replace").lower()))
    copied = []
    for p in LIBRARY.patterns:
        for text in p.exemplars.en + p.tests.match.en + p.tests.no_match.en:
            if _shingles(word.findall(text.lower())) & cuad:
                copied.append(f"{p.id}: {text[:80]}")
    assert not copied, copied


def _tiny_library(tmp_path, regex: str) -> Path:
    import shutil

    import yaml

    root = tmp_path / "lib"
    (root / "patterns").mkdir(parents=True)
    shutil.copy(LIBRARY.root / "taxonomy.yaml", root / "taxonomy.yaml")
    src = yaml.safe_load((LIBRARY.root / "patterns" / "ip-assignment-outright.yaml").read_text(encoding="utf-8"))
    src["rules"]["en"][0]["all"][0] = [regex]
    (root / "patterns" / "ip-assignment-outright.yaml").write_text(yaml.safe_dump(src, allow_unicode=True), encoding="utf-8")
    return root


def test_check_reports_a_backtracking_regex(tmp_path):
    from contract_guard.library.check import slow_regexes

    lib = load_library(_tiny_library(tmp_path, r"(?:\w+\s?)+!"))
    assert any("backtracking" in p for p in slow_regexes(lib))
    ok = load_library(_tiny_library(tmp_path / "ok", r"\bassigns?\b"))
    assert slow_regexes(ok) == []


def test_check_reports_a_pattern_that_does_not_load(tmp_path):
    import subprocess
    import sys

    root = _tiny_library(tmp_path, r"\bassigns?\b")
    (root / "patterns" / "broken.yaml").write_text("id: broken\nrules: [unclosed\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "contract_guard.cli", "library", "check", "--rules-only",
                           "--library", str(root), "--pattern", "broken"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "broken.yaml: not valid YAML" in proc.stdout and "did not load" in proc.stdout
