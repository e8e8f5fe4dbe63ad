"""Word tokens for lexical retrieval in English and Chinese (jieba for CJK runs)."""
from __future__ import annotations

import logging
import re
from functools import lru_cache

_RUNS = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z][A-Za-z'-]*|\d+")
_EN_STOP = frozenset(
    "a an the of to in on for by with and or as at be is are was were this that these those it its any all such "
    "shall will may must from under into upon other than which who whom their there herein hereof hereto".split()
)
_ZH_STOP = frozenset("的 了 和 与 及 或 在 对 为 将 由 于 其 之 等 是 并 应 可 被".split())


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _stem(word: str) -> str:
    # a light English suffix strip: assigns/assigned/assignment -> assign
    for suf in ("ments", "ment", "ings", "ing", "ed", "es", "s"):
        if len(word) > len(suf) + 3 and word.endswith(suf):
            return word[: -len(suf)]
    return word


def tokens(text: str) -> list[str]:
    out: list[str] = []
    for run in _RUNS.findall(text):
        if "\u4e00" <= run[0] <= "\u9fff":
            out += [w for w in _jieba().lcut_for_search(run) if w not in _ZH_STOP]
        else:
            w = run.lower()
            if w not in _EN_STOP:
                out.append(_stem(w))
    return out
