"""Does a finding's quoted clause cover a gold span? The rule the project is judged by:

a gold span is hit when >= 50% of its word tokens occur, in order, inside one compact
region of the finding's text (each "<omitted>" piece matched on its own), or when the
finding text lies inside the gold span (>= 80% of its tokens); a finding longer than
max(400 tokens, 2 x the gold span) never counts — quoting a page is not locating a clause.
Tokens are lower-case ASCII words and numbers for English, single characters for Chinese.
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

_TOKEN = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]")
_OMITTED = re.compile(r"<\s*omitted\s*>", re.IGNORECASE)
MAX_FINDING_TOKENS = 400


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def gold_segments(span: str) -> list[list[str]]:
    return [t for t in (tokens(s) for s in _OMITTED.split(span)) if t]


def _compact_cover(needle: list[str], hay: list[str]) -> int:
    if not needle or not hay:
        return 0
    blocks = [b for b in SequenceMatcher(None, needle, hay, autojunk=False).get_matching_blocks() if b.size]
    max_region = int(1.5 * len(needle)) + 10
    best = cur = i = 0
    for b in blocks:
        cur += b.size
        while b.b + b.size - blocks[i].b > max_region:
            cur -= blocks[i].size
            i += 1
        best = max(best, cur)
    return best


def covers(finding_tokens: list[str], segs: list[list[str]]) -> bool:
    gold_len = sum(len(s) for s in segs)
    if not finding_tokens or not gold_len or len(finding_tokens) > max(MAX_FINDING_TOKENS, 2 * gold_len):
        return False
    if sum(_compact_cover(s, finding_tokens) for s in segs) >= 0.5 * gold_len:
        return True
    if len(finding_tokens) >= min(8, gold_len):
        flat = [t for s in segs for t in s]
        return _compact_cover(finding_tokens, flat) >= 0.8 * len(finding_tokens)
    return False
