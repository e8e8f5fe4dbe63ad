"""What a retriever returns for a clause: a pattern, its score and the exemplar that scored."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    pattern_id: str
    score: float
    exemplar: str
