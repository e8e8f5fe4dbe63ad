"""Search the clause library for the library browser: by concept, by words, in either language.

    hits = search(library, "future works")          # words in English …
    hits = search(library, "著作权", concepts=["ip-assignment"])   # … or Chinese, within concepts
"""
from __future__ import annotations

from collections.abc import Iterable

from .loader import Library
from .schema import Pattern


def searchable_text(pattern: Pattern, library: Library) -> str:
    """Everything a reader might search for in a pattern, both languages, lower-cased."""
    parts = [pattern.id, *pattern.concepts]
    for concept_id in pattern.concepts:
        concept = library.taxonomy.concepts.get(concept_id)
        if concept is not None:
            parts += [concept.en, concept.zh]
    for text in (pattern.title, pattern.why, pattern.suggestion, pattern.counter_clause):
        parts += [text.en, text.zh]
    parts += pattern.exemplars.en + pattern.exemplars.zh + pattern.references
    return "\n".join(parts).lower()


def search(library: Library, query: str = "", *, concepts: Iterable[str] = (),
           severities: Iterable[str] = ()) -> list[Pattern]:
    """Patterns of any of `concepts` (all when empty) and `severities` whose text holds every word of `query`."""
    wanted, levels = set(concepts), set(severities)
    words = query.lower().split()
    hits = []
    for pattern in library.patterns:
        if wanted and not wanted & set(pattern.concepts):
            continue
        if levels and pattern.severity not in levels:
            continue
        if words:
            text = searchable_text(pattern, library)
            if not all(w in text for w in words):
                continue
        hits.append(pattern)
    order = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    return sorted(hits, key=lambda p: (order[p.severity], p.concept, p.id))
