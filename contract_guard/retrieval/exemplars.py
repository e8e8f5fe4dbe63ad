"""The indexed text of the library: one record per exemplar (never a test sentence)."""
from __future__ import annotations

from dataclasses import dataclass

from ..library.loader import Library


@dataclass(frozen=True)
class Exemplar:
    id: str
    pattern_id: str
    lang: str
    text: str


def library_exemplars(library: Library) -> list[Exemplar]:
    out = []
    for p in library.patterns:
        for lang in ("en", "zh"):
            for i, text in enumerate(p.exemplars.get(lang)):
                out.append(Exemplar(f"{p.id}:{lang}:{i}", p.id, lang, text))
    return out
