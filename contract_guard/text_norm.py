"""Normalisation used only for *deciding* (never for quoting): width, case, spacing."""
from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# spaces that PDF extraction puts between CJK characters
_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = _CJK_GAP.sub("", text)
    return _SPACE.sub(" ", text).strip()


def scripts(text: str) -> list[str]:
    """Which rule languages to try for a piece of text: zh, en or both."""
    langs = []
    if _CJK.search(text):
        langs.append("zh")
    if len(_LATIN.findall(text)) >= 12 or not langs:
        langs.append("en")
    return langs
