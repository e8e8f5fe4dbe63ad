"""Quotes are checked, never trusted: a quote counts only where its characters stand in the text, in
the same order, allowing only for different whitespace (a PDF line break inside a clause; Chinese has
no spaces, so a break may fall between any two characters)."""
from __future__ import annotations

import re


def _cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def pattern(quote: str) -> re.Pattern[str] | None:
    parts: list[str] = []
    prev = ""
    gap = False
    for ch in quote.strip():
        if ch.isspace():
            gap = True
            continue
        if prev:
            parts.append(r"\s*" if (_cjk(prev) or _cjk(ch)) else (r"\s+" if gap else ""))
        parts.append(re.escape(ch))
        prev, gap = ch, False
    return re.compile("".join(parts)) if parts else None


def find(quote: str, text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """The span of `quote` in text[start:end] (whitespace-insensitive as above), or None."""
    rx = pattern(quote)
    if rx is None:
        return None
    m = rx.search(text, start, len(text) if end is None else end)
    return (m.start(), m.end()) if m else None
