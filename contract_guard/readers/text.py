"""Plain-text files (.txt, .md), and the text primitives every reader shares.

Shared primitives (used by the PDF and DOCX readers too):

* `Extracted`: what a reader hands to `read_document`: the text of each page, already
  cleaned, plus notices. `read_document` joins the pages into `Document.text`.
* `clean_text`: the one normalisation applied *before* any offset exists. It only
  changes characters that would otherwise trip up matching or line splitting:
  CR LF / CR become LF; every other line-break character Python's `str.splitlines`
  knows (VT, FF, FS, GS, RS, NEL, U+2028, U+2029) becomes LF, so "one line" means the
  same thing to every later module; NUL, BOM, zero-width spaces and soft hyphens are
  dropped; no-break spaces become spaces; Latin ligatures (ﬁ, ﬂ, ...) are spelled out;
  trailing spaces on a line and blank lines at the start and end of a page are removed.
  Nothing else is collapsed, so a finding can quote `text[start:end]` verbatim.
* `limit_chars`: cut pages at `Limits.max_chars`.

Decoding a text file: a BOM wins (UTF-8, UTF-32, UTF-16); then strict UTF-8; then
UTF-16 without a BOM if the NUL bytes say so; then GB18030 (Chinese Windows files) unless
the high bytes look like single Windows-1252 characters (curly quotes, accents in an
English file), in which case Windows-1252; finally UTF-8 with replacement characters and a
notice. A form feed ("\\f") starts a new page.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from ..config import Limits
from ..errors import EmptyDocument, UnreadableDocument
from ..models import OcrPage

PAGE_BREAK = "\f"

# Magic numbers of binary formats that are never a text file.
_BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8",
                 b"\x7fELF", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")

_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_CHAR_MAP: dict[int, str | None] = {
    **{ord(c): "\n" for c in _LINE_BREAKS},
    0x00: None, 0xFEFF: None, 0x200B: None, 0x00AD: None,
    0x00A0: " ", 0x202F: " ", 0x2007: " ",
    0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
}
_TRAILING_SPACE = re.compile(r"[ \t]+(?=\n|\Z)")
_EDGE_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+|\n+\Z")


@dataclass
class Extracted:
    """Cleaned page texts of one file and the notices collected while reading it."""

    pages: list[str]
    notices: list[str] = field(default_factory=list)
    ocr_pages: list[OcrPage] = field(default_factory=list)  # pages whose text OCR read


def clean_text(text: str) -> str:
    """Normalise one page of extracted text (see the module docstring for exactly what)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_CHAR_MAP)
    text = _TRAILING_SPACE.sub("", text)
    return _EDGE_BLANK_LINES.sub("", text)


def limit_chars(pages: list[str], max_chars: int, total_pages: int | None = None) -> tuple[list[str], str | None]:
    """Keep at most `max_chars` characters of page text; return the pages and a notice if cut.

    `total_pages` (None for formats without pages) only shapes the notice.
    """
    kept: list[str] = []
    used = 0
    for number, page in enumerate(pages, start=1):
        if used + len(page) > max_chars:
            kept.append(page[: max(0, max_chars - used)])
            notice = f"Only the first {max_chars:,} characters were read (text limit)"
            if total_pages is not None and total_pages > 1:
                notice += f"; reading stopped on page {number} of {total_pages}"
            return kept, notice + "."
        kept.append(page)
        used += len(page)
    return kept, None


def _looks_utf16(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NUL bytes sit in every other position, else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    odd_nuls = sample[1::2].count(0) / (len(sample) // 2)
    even_nuls = sample[0::2].count(0) / ((len(sample) + 1) // 2)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _mostly_single_high_bytes(data: bytes) -> bool:
    """True when most non-ASCII bytes stand alone between ASCII bytes (Windows-1252, not GB18030)."""
    data = data[:65536]
    high = alone = 0
    for i, byte in enumerate(data):
        if byte >= 0x80:
            high += 1
            before = data[i - 1] if i else 0
            after = data[i + 1] if i + 1 < len(data) else 0
            alone += before < 0x80 and after < 0x80
    return high > 0 and alone / high > 0.5


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode the bytes of a text file; never raises. Returns (text, notices)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    utf16 = _looks_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace"), []
    if not _mostly_single_high_bytes(data):
        try:
            return data.decode("gb18030"), []
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252"), []
    except UnicodeDecodeError:
        pass
    return data.decode("utf-8", errors="replace"), [
        "Some characters could not be decoded and were replaced with \ufffd."
    ]


def _is_binary(data: bytes, text: str) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\x0b")
    return bool(sample) and controls / len(sample) > 0.05


def extract_text_file(data: bytes, *, kind: str = "TXT", limits: Limits | None = None) -> Extracted:
    """Pages of a .txt/.md file: decoded, split at form feeds, cleaned and bounded.

    Raises EmptyDocument (nothing but whitespace) and UnreadableDocument (binary data).
    """
    limits = limits or Limits()
    text, notices = decode_text(data)
    if _is_binary(data, text):
        raise UnreadableDocument(kind=kind)
    raw_pages = text.replace("\r\n", "\n").split(PAGE_BREAK)
    if len(raw_pages) > 1 and not raw_pages[-1].strip():
        raw_pages.pop()  # a file that ends with a form feed has no empty last page
    pages = [clean_text(page) for page in raw_pages]
    if not any(page.strip() for page in pages):
        raise EmptyDocument()
    if len(pages) > limits.max_pages:
        notices.append(f"Only the first {limits.max_pages} of {len(pages)} pages were read (page limit).")
        total = len(pages)
        pages = pages[: limits.max_pages]
    else:
        total = len(pages)
    pages, notice = limit_chars(pages, limits.max_chars, total)
    if notice:
        notices.append(notice)
    return Extracted(pages, notices)
