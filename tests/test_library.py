"""Every clause-library pattern's own test sentences, run through the real engine
(segmentation, BM25, Chroma with the real embeddings, rules) — semgrep-style."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from contract_guard.library import load_library
from contract_guard.library.check import Minimums, structural_problems, test_cases

LIBRARY = load_library(Path(__file__).resolve().parents[1] / "clause_library", strict=False)
CASES = test_cases(LIBRARY)


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
