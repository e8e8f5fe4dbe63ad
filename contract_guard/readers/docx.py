"""DOCX text with python-docx: body paragraphs and tables, in document order.

python-docx opens and validates the package; the body XML is then walked directly,
because `Paragraph.text` misses tracked insertions and text boxes and
`Document.paragraphs` misses content controls (`w:sdt`, common in contract templates)
and tables. Output, one block per line:

* a paragraph is one line (a manual line break inside it, `w:br`, is a "\\n"; a tab is "\\t");
* a table row is one line, its cells joined by " | " (empty cells dropped), so a
  "Term | Meaning" row stays together; nested tables are flattened into their cell;
* empty paragraphs are dropped; deleted text (tracked changes), field codes and the
  fallback copy of text boxes are skipped; headers, footers and footnotes are not read.

DOCX has no fixed pages: the whole text is page 1.
"""
from __future__ import annotations

import io
import zipfile
from typing import Any, Iterator

import docx
from docx.oxml.ns import qn

from ..config import Limits
from ..errors import DecompressionBomb, EmptyDocument, UnreadableDocument
from .text import Extracted, clean_text, limit_chars

ZIP_MAGIC = b"PK\x03\x04"
CELL_SEPARATOR = " | "
# A package that unpacks to more than `Limits.max_unpacked_ratio` times its size (and more than
# _BOMB_FLOOR bytes), or to more than this many times the upload limit, or that holds more than
# _MAX_ENTRIES parts, is refused as a zip bomb.
_XML_EXPANSION_LIMIT = 20
_BOMB_FLOOR = 64 * 1024 * 1024
_MAX_ENTRIES = 10_000

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR, _CR, _NB_HYPHEN = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")
_SKIP = {qn("w:pPr"), qn("w:rPr"), qn("w:tblPr"), qn("w:trPr"), qn("w:tcPr"), qn("w:sectPr"),
         qn("w:del"), qn("w:moveFrom"), qn("w:instrText"), qn("w:delText"),
         "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def _unreadable() -> UnreadableDocument:
    return UnreadableDocument(kind="DOCX")


def _paragraph_text(p: Any) -> str:
    """Text of one w:p, including runs inside insertions, hyperlinks, fields and text boxes."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append("\t")
            elif tag in (_BR, _CR):
                parts.append("\n")
            elif tag == _NB_HYPHEN:
                parts.append("-")
            elif tag == _P:  # a paragraph inside a text box
                parts.append("\n")
                walk(child)
                parts.append("\n")
            else:
                walk(child)

    walk(p)
    return "".join(parts).strip()


def _blocks(container: Any) -> Iterator[str]:
    """Lines of a body, cell or content control, in document order."""
    for child in container:
        tag = child.tag
        if tag == _P:
            text = _paragraph_text(child)
            if text:
                yield text
        elif tag == _TBL:
            yield from _table_rows(child)
        elif isinstance(tag, str) and tag not in _SKIP:
            yield from _blocks(child)  # w:sdt / w:sdtContent / w:customXml wrappers


def _rows(table: Any) -> Iterator[Any]:
    for child in table:
        if child.tag == _TR:
            yield child
        elif isinstance(child.tag, str) and child.tag not in _SKIP and child.tag != _TBL:
            yield from _rows(child)  # rows wrapped in content controls


def _cells(row: Any) -> Iterator[Any]:
    for child in row:
        if child.tag == _TC:
            yield child
        elif isinstance(child.tag, str) and child.tag not in _SKIP:
            yield from _cells(child)


def _table_rows(table: Any) -> Iterator[str]:
    for row in _rows(table):
        cells = ["\n".join(_blocks(cell)) for cell in _cells(row)]
        line = CELL_SEPARATOR.join(cell for cell in cells if cell)
        if line:
            yield line


def _check_package(data: bytes, limits: Limits) -> None:
    """A real zip with a main document that does not unpack absurdly (a zip bomb).

    python-docx loads every part of the package, so every entry counts. The sizes checked are
    the declared ones; `zipfile` never inflates an entry beyond its declared size (a lying
    header ends in a CRC error: UnreadableDocument).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _unreadable() from None
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise _unreadable()
    if len(infos) > _MAX_ENTRIES:
        raise DecompressionBomb(kind="DOCX")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > max(_BOMB_FLOOR, limits.max_unpacked_ratio * len(data)) or unpacked > _XML_EXPANSION_LIMIT * limits.max_bytes:
        raise DecompressionBomb(kind="DOCX")


def extract_docx(data: bytes, *, limits: Limits | None = None) -> Extracted:
    """The text of a .docx file as one page. Raises UnreadableDocument / EmptyDocument."""
    limits = limits or Limits()
    if not data.startswith(ZIP_MAGIC):
        raise _unreadable()
    _check_package(data, limits)
    try:
        body = docx.Document(io.BytesIO(data)).element.body
        text = clean_text("\n".join(_blocks(body)))
    except Exception:
        raise _unreadable() from None
    if not text.strip():
        raise EmptyDocument()
    pages, notice = limit_chars([text], limits.max_chars)
    return Extracted(pages, [notice] if notice else [])
