"""Split a document's text into clauses, in English and Chinese.

A clause starts at a numbering marker at the start of a line — `Section 5`, `ARTICLE IV`,
`5.`, `5.1`, `(a)`, `第五条`, `第5条`, `一、`, `（一）`, `1、` — and runs to the next one.
A short line without a full stop before a clause is its heading and is kept with it.
Clauses longer than `max_chars` (and unnumbered walls of text) are split at sentence
ends (`.`, `;` before a new item, Chinese `。；！？`) into runs of whole sentences.
Offsets always point into `Document.text`, so `text[start:end]` is the quoted evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .language import detect_language
from .models import Clause, Document

_ZH_NUM = "一二三四五六七八九十百零〇两"
_MARKER = re.compile(
    r"""^[ \t\u3000]*(?P<num>
        (?:section|article|clause|schedule|exhibit|annex|appendix)\s+[0-9IVXLCivxlc]+(?:\.[0-9]+)*[.:]?
      | 第\s*[0-9""" + _ZH_NUM + r"""]+\s*[条章节款部分]
      | [""" + _ZH_NUM + r"""]+\s*[、.．]
      | [（(]\s*[""" + _ZH_NUM + r"""0-9]+\s*[)）]
      | [0-9]{1,3}(?:\.[0-9]{1,3}){0,4}\s*[、.．)]?(?=\s|[A-Z\u4e00-\u9fff（(“"])
      | \(?[a-zA-Z]\)(?=\s)
      | \(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\)(?=\s)
      | [①②③④⑤⑥⑦⑧⑨⑩]
    )""",
    re.VERBOSE | re.IGNORECASE,
)
# a sentence ends at . ! ? (Latin) or 。！？； (Chinese), or ; followed by a new line item
_SENT_END = re.compile(r"(?<=[。！？；!?])|(?<=[.;])(?=\s+[\"'“(\[]?[A-Z0-9(（\u4e00-\u9fff])|(?<=[.;])\s*\n")
_ABBREV = re.compile(r"(?:\b(?:inc|corp|co|ltd|no|nos|sec|secs|mr|ms|dr|st|art|para|vs|etc|e\.g|i\.e|u\.s|n\.a|s\.a)|\b[A-Za-z]|\d)\.$", re.I)
_HEADING_MAX = 90
# "Section 5." / "ARTICLE IV: Term And Termination" — a number and a Title Cased name
_NUMBERED_TITLE = re.compile(
    r"(?i:section|article|clause|schedule|exhibit)\s+[0-9IVXLCivxlc]+(?:\.[0-9]+)*[.:]?"
    r"(?:\s+[A-Z][A-Za-z&'-]*(?:\s+(?:[A-Z&][A-Za-z&'-]*|and|of|the|or|for|to)){0,5})?[.:]?")


@dataclass(frozen=True)
class _Block:
    start: int
    end: int
    number: str | None


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end], whitespace trimmed, offsets absolute."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _SENT_END.finditer(text, start, end):
        cut = m.end()
        if cut <= cur:
            continue
        piece = text[cur:cut].rstrip()
        if piece.endswith(".") and _ABBREV.search(piece[-8:]):
            continue
        _append_trimmed(text, cur, cut, spans)
        cur = cut
    _append_trimmed(text, cur, end, spans)
    return spans


def _append_trimmed(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b))


_SMALL_WORDS = frozenset("a an and or of the to for in on by with at as its from upon under".split())


def _is_heading(line: str) -> bool:
    """A title line: short, not a sentence; English in Title Case or CAPITALS, Chinese short and unpunctuated.
    (PDF lines wrap mid-sentence, so "short and no full stop" alone is not enough.)"""
    s = line.strip()
    if not s or len(s) > _HEADING_MAX:
        return False
    if s[-1] in ";,。；，！？!?、":
        return False
    if s[-1] in ".:：" and not _NUMBERED_TITLE.fullmatch(s):
        return False
    body = _MARKER.sub("", s, count=1).strip(" .:：")
    cjk = re.findall(r"[\u4e00-\u9fff]", body)
    if cjk:
        return len(body) <= 30 and not re.search(r"[，。；,;]", body)
    words = re.findall(r"[A-Za-z][A-Za-z'&-]*", body)
    if not words:
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    capitalised = sum(1 for w in content if w[0].isupper())
    return bool(content) and capitalised / len(content) >= 0.75 and len(words) <= 12


_PAGE_NUMBER = re.compile(r"^\s*(?:(?:page|p\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?\s*$|^\s*第\s*\d+\s*页", re.I)
_SENTENCE_DONE = re.compile(r"[.!?;:。！？；：]\s*$")


_PARA_END = re.compile(r"[.!?;:。！？；：\"”’)）]\s*$")


def paragraph_lines(text: str) -> bool:
    """Is this a text with one paragraph per line (a .txt or a converted document), rather than
    lines wrapped at a page width? Most long lines then end a sentence."""
    lines = [ln.strip() for ln in text.splitlines() if len(ln.strip()) > 40]
    return len(lines) >= 5 and sum(1 for ln in lines if _PARA_END.search(ln)) >= 0.6 * len(lines)


def _blocks(text: str, paragraphs: bool = False) -> list[_Block]:
    """Cut the text at numbered lines and at blank lines — but not inside a sentence that runs
    over a page break (the text before does not end a sentence and the next line starts in lower
    case). Lone page numbers ("6", "Page 6 of 9", "- 6 -") are skipped, never clause numbers.
    With `paragraphs` (one paragraph per line), a line after a finished sentence starts a block too."""
    cuts: list[tuple[int, str | None]] = [(0, None)]
    pos = 0
    prev_blank = False
    last_text = ""
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and _PAGE_NUMBER.match(stripped):
            pos += len(line)
            continue
        m = _MARKER.match(line)
        if m and stripped:
            cuts.append((pos, m.group("num").strip()))
        elif stripped and (prev_blank or (paragraphs and last_text and _PARA_END.search(last_text))):
            runs_on = last_text and not _SENTENCE_DONE.search(last_text) and stripped[0].islower()
            if not runs_on:
                cuts.append((pos, None))
        prev_blank = not stripped
        if stripped:
            last_text = stripped
        pos += len(line)
    cuts.append((len(text), None))
    blocks: list[_Block] = []
    for (a, num), (b, _) in zip(cuts, cuts[1:]):
        if text[a:b].strip():
            blocks.append(_Block(a, b, num))
    return blocks


def _split_long(text: str, a: int, b: int, max_chars: int) -> list[tuple[int, int]]:
    """Runs of whole sentences no longer than max_chars (a single longer sentence stays whole)."""
    out: list[tuple[int, int]] = []
    run_a = run_b = None
    for s, e in sentence_spans(text, a, b):
        if run_a is None:
            run_a, run_b = s, e
        elif e - run_a <= max_chars:
            run_b = e
        else:
            out.append((run_a, run_b))
            run_a, run_b = s, e
    if run_a is not None:
        out.append((run_a, run_b))
    return out


def segment(doc: Document, max_chars: int = 1200) -> list[Clause]:
    """The clauses of a document, in order."""
    text = doc.text
    clauses: list[Clause] = []
    heading: str | None = None
    for block in _blocks(text, paragraphs=doc.kind == "text" and paragraph_lines(text)):
        a, b = block.start, block.end
        body = text[a:b]
        first_line, _, rest = body.strip().partition("\n")
        # a short unpunctuated block (or first line) is a heading for what follows
        if _is_heading(first_line):
            if not rest.strip():
                heading = first_line.strip()
                continue
            if block.number is not None or not heading:
                heading = first_line.strip()
        for s, e in _split_long(text, a, b, max_chars):
            chunk = text[s:e]
            if not re.search(r"[A-Za-z\u4e00-\u9fff]", chunk):
                continue
            clauses.append(
                Clause(
                    index=len(clauses),
                    text=chunk,
                    start=s,
                    end=e,
                    page=doc.page_of(s),
                    heading=heading,
                    number=block.number,
                    language=detect_language(chunk),
                )
            )
    return clauses
