"""Rules alone, no retrieval: a fast path for pattern authors (`library check --rules-only`)."""
from __future__ import annotations

from collections.abc import Sequence

from ..clauses import segment
from ..library.loader import Library
from ..readers import text_document
from .decide import RuleDecider


def rules_only_analyse(library: Library):
    decider = RuleDecider(library)

    def analyse(texts: Sequence[str]) -> list[set[str]]:
        out = []
        for t in texts:
            concepts: set[str] = set()
            for clause in segment(text_document(t)):
                for d in decider.decide(clause):
                    concepts.update(d.pattern.concepts)
            out.append(concepts)
        return out

    return analyse
