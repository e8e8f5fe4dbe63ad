"""Reciprocal-rank fusion of the retrievers' pattern rankings into Candidates."""
from __future__ import annotations

from ..models import Candidate
from .hits import Hit

RRF_K = 60


def fuse(clause_index: int, rankings: dict[str, list[Hit]], top: int = 8) -> list[Candidate]:
    fused: dict[str, float] = {}
    cands: dict[str, Candidate] = {}
    for retriever, hits in rankings.items():
        for rank, hit in enumerate(hits):
            fused[hit.pattern_id] = fused.get(hit.pattern_id, 0.0) + 1.0 / (RRF_K + rank + 1)
            c = cands.setdefault(hit.pattern_id, Candidate(clause_index=clause_index, pattern_id=hit.pattern_id))
            c.scores[retriever] = round(hit.score, 4)
            c.exemplars[retriever] = hit.exemplar
    for pid, c in cands.items():
        c.scores["fused"] = round(fused[pid], 5)
    return sorted(cands.values(), key=lambda c: -c.scores["fused"])[:top]
