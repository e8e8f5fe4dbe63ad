"""Literal pre-filters for regexes: a set of strings at least one of which must occur in any
text the regex matches. Checking `in` on lower-cased text is far cheaper than running a
regex with a long alternation at every position, and most clauses fail it at once.
(The idea of literal prefiltering in regex engines such as Hyperscan and RE2.)"""
from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

Req = frozenset[str] | None  # None: no usable requirement

_MIN_LEN = 2


def _score(req: Req) -> tuple[int, int]:
    """Longer shortest literal first; among equals, fewer alternatives (rarer to be present)."""
    if not req:
        return (0, 0)
    return (min(min(len(s) for s in req), 6), -len(req))


def _seq(items) -> Req:
    """Requirement of a sequence: the most selective of its literal runs and sub-requirements."""
    best: Req = None
    run: list[str] = []

    def consider(req: Req) -> None:
        nonlocal best
        if req and _score(req) > _score(best):
            best = req

    def flush() -> None:
        if run:
            consider(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av).lower())
            continue
        flush()
        if op is C.SUBPATTERN:
            consider(_seq(av[-1]))
        elif op is C.BRANCH:
            consider(_branch(av[1]))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, _hi, sub = av
            if lo >= 1:
                consider(_seq(sub))
        # IN, ANY, AT, ASSERT, ASSERT_NOT, GROUPREF, …: break the literal run, require nothing
    flush()
    return best


def _branch(branches) -> Req:
    out: set[str] = set()
    for b in branches:
        req = _seq(b)
        if not req:
            return None
        out |= req
    return frozenset(out)


@lru_cache(maxsize=None)
def required_literals(pattern: str, flags: int = re.IGNORECASE) -> Req:
    try:
        req = _seq(P.parse(pattern, flags))
    except Exception:  # noqa: BLE001 - an unparsable pattern just gets no prefilter
        return None
    if not req or _score(req)[0] < _MIN_LEN and not any("\u4e00" <= ch <= "\u9fff" for s in req for ch in s):
        return None
    return req


def may_match(req: Req, lowered_text: str) -> bool:
    return req is None or any(s in lowered_text for s in req)
