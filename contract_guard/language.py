"""Which language a contract is written in: English, Chinese, both, or unknown.

The test is a count of letters by script, not a language model:

* CJK letters are Han ideographs (CJK Unified Ideographs, extension A, compatibility
  ideographs, and the supplementary-plane extensions).
* Latin letters are the ASCII letters and the accented Latin letters up to U+024F.
* One Chinese character carries about as much text as a short English word-part, so a
  CJK character counts as ``CJK_WEIGHT`` (= 2) Latin letters. Without the weight a Chinese
  contract that quotes a few English names would look "mixed" too early.
* ``mixed`` when the weighted minority script is more than ``MIXED_SHARE`` (20 %) of the
  weighted total; ``unknown`` when there are fewer than ``MIN_LETTERS`` weighted letters
  (nothing to go on: numbers, symbols, an empty string).

Digits, punctuation, kana and Hangul count for neither script, and neither do a template's
placeholders (``{{ product_channel.name }}``, ``${party}``): a Chinese platform agreement that
names its platform 120 times through ``{{ product_channel.name }}`` is Chinese, not mixed, and each
of its clauses is read by the Chinese rules.
"""
from __future__ import annotations

import re
from typing import Literal

LanguageCode = Literal["en", "zh", "mixed", "unknown"]

CJK_WEIGHT = 2
MIXED_SHARE = 0.20
MIN_LETTERS = 4

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
# a template's placeholder: "{{ product_channel.name }}", "${party}", "{% term %}"
PLACEHOLDER = re.compile(r"\{\{[^{}]{0,80}\}\}|\$\{[^{}]{0,80}\}|\{%[^%]{0,80}%\}")


def script_counts(text: str) -> tuple[int, int]:
    """(CJK characters, Latin letters) in `text`, template placeholders left out."""
    text = PLACEHOLDER.sub(" ", text)
    return len(_CJK.findall(text)), len(_LATIN.findall(text))


def detect_language(text: str) -> LanguageCode:
    """Classify `text` as "en", "zh", "mixed" or "unknown" by weighted letter counts."""
    cjk, latin = script_counts(text)
    cjk_weighted = cjk * CJK_WEIGHT
    total = cjk_weighted + latin
    if total < MIN_LETTERS:
        return "unknown"
    if min(cjk_weighted, latin) / total > MIXED_SHARE:
        return "mixed"
    return "zh" if cjk_weighted > latin else "en"
