"""PDF text: pypdf opens the file and checks passwords, pypdfium2 extracts the text.

Why two libraries: on the 80 CUAD development contracts pypdfium2 extracts text about
5x faster than pypdf (0.025 s vs 0.13 s per contract; see benchmarks/extract_speed.py),
while pypdf gives clear answers about encryption. Each one backs up the other:

* pypdf cannot open the file, or cannot decrypt it (AES needs the optional
  `cryptography` package) -> pypdfium2 opens it and answers the password question.
* pypdfium2 cannot open the file -> pypdf extracts every page.
* pypdfium2 fails on one page -> pypdf tries that page; if it fails too, the page is
  skipped (kept as an empty page so page numbers stay right) with a notice.

The work is bounded by `Limits.max_pages`, `max_seconds` (checked between pages) and
`max_chars`; each bound that cuts in leaves a notice. A file declaring more than
`max_pdf_pages` pages is refused (TooManyPages).

Pages that draw something but hold no text (scans) are rendered with pypdfium2 and read by
OCR (`contract_guard.ocr`, at most `max_ocr_pages` within `max_ocr_seconds`, in parallel);
their text takes the page's place, so page numbers stay true, and `Extracted.ocr_pages`
records which pages OCR read and how confidently. With OCR off (`Limits.ocr`), a PDF with no
text at all still raises NoTextLayer.

pdfium-specific artifacts are fixed before any offset exists: U+FFFE (pdfium's mark for
a hyphen at a line end it joined) and U+00AD (a hyphen glyph mapped to the soft hyphen)
both become "-", then `clean_text` applies.
"""
from __future__ import annotations

import io
import logging
import threading
import time
from dataclasses import dataclass
from collections.abc import Callable
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PasswordType, PdfReader

from ..config import Limits
from ..errors import (
    EmptyDocument,
    EncryptedDocument,
    NoTextLayer,
    OcrFoundNoText,
    OcrUnavailable,
    TooManyPages,
    UnreadableDocument,
    WrongPassword,
)
from ..models import OcrPage
from .text import Extracted, clean_text, limit_chars

Progress = Callable[[int, int], None]

PDF_MAGIC = b"%PDF-"
_PDFIUM_FIXES = str.maketrans({"\ufffe": "-", "\u00ad": "-"})
# pypdf logs every repair it makes to a damaged file; without a handler those lines would
# reach stderr through logging's last-resort handler. Applications that configure logging
# still receive them.
logging.getLogger("pypdf").addHandler(logging.NullHandler())
# PDFium is not thread-safe; Streamlit serves sessions from threads.
_PDFIUM_LOCK = threading.RLock()


def is_pdf(data: bytes) -> bool:
    """A PDF header within the first 1024 bytes (the spec allows leading junk)."""
    return PDF_MAGIC in data[:1024]


@dataclass
class _Opened:
    """The file as each library opened it (None where that library could not)."""

    reader: PdfReader | None
    pdfium_doc: Any | None
    page_count: int


def _unreadable() -> UnreadableDocument:
    return UnreadableDocument(kind="PDF")


def _open_pypdf(data: bytes, password: str | None) -> tuple[PdfReader | None, str | None]:
    """Open with pypdf and settle the password question if pypdf can.

    Returns (reader or None, the password that opened it). Raises EncryptedDocument /
    WrongPassword when pypdf is sure; returns (None, ...) when pypdf cannot tell.
    """
    try:
        reader = PdfReader(io.BytesIO(data))
    except Exception:
        return None, password
    if not reader.is_encrypted:
        return reader, None
    try:
        if reader.decrypt("") != PasswordType.NOT_DECRYPTED:
            return reader, ""
        if password is None:
            raise EncryptedDocument()
        if reader.decrypt(password) == PasswordType.NOT_DECRYPTED:
            raise WrongPassword()
        return reader, password
    except (EncryptedDocument, WrongPassword):
        raise
    except Exception:  # e.g. pypdf's DependencyError for AES without `cryptography`
        return None, password


def _open_pdfium(data: bytes, password: str | None) -> Any:
    """Open with pypdfium2; raises EncryptedDocument / WrongPassword / PdfiumError."""
    try:
        return pdfium.PdfDocument(data, password=password or None)
    except pdfium.PdfiumError as exc:
        if exc.err_code != pdfium_c.FPDF_ERR_PASSWORD:
            raise
        if password is None:
            raise EncryptedDocument() from None
        if password:
            raise WrongPassword() from None
        raise


def _open(data: bytes, password: str | None) -> _Opened:
    reader, used_password = _open_pypdf(data, password)
    pdfium_doc = None
    try:
        pdfium_doc = _open_pdfium(data, used_password if reader is not None else password)
    except (EncryptedDocument, WrongPassword):
        if reader is None:
            raise
    except Exception:
        pdfium_doc = None
    if pdfium_doc is not None:
        return _Opened(reader, pdfium_doc, len(pdfium_doc))
    if reader is None:
        raise _unreadable()
    try:
        count = len(reader.pages)
    except Exception:
        raise _unreadable() from None
    return _Opened(reader, None, count)  # pdfium refuses PDFs with zero pages; pypdf does not


def _page_text_pdfium(doc: Any, index: int) -> tuple[str, bool]:
    """(text, whether the page draws anything at all) of one page, with pypdfium2."""
    page = doc[index]
    try:
        has_objects = pdfium_c.FPDFPage_CountObjects(page.raw) > 0
        textpage = page.get_textpage()
        try:
            return textpage.get_text_range(), has_objects
        finally:
            textpage.close()
    finally:
        page.close()


def _page_text_pypdf(reader: PdfReader, index: int) -> tuple[str, bool]:
    """(text, whether the page has a content stream) of one page, with pypdf."""
    page = reader.pages[index]
    text = page.extract_text() or ""
    contents = page.get_contents()
    return text, bool(contents is not None and contents.get_data().strip())


def _page_text(opened: _Opened, index: int) -> tuple[str, bool]:
    """Text of one page: pypdfium2 first, pypdf as the fallback. Raises if both fail."""
    if opened.pdfium_doc is not None:
        try:
            return _page_text_pdfium(opened.pdfium_doc, index)
        except Exception:
            if opened.reader is None:
                raise
    assert opened.reader is not None
    return _page_text_pypdf(opened.reader, index)


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def extract_pdf(data: bytes, *, password: str | None = None, limits: Limits | None = None,
                progress: Progress | None = None) -> Extracted:
    """Cleaned text of each page read, with notices. See the module docstring.

    Raises UnreadableDocument(kind="PDF"), EncryptedDocument, WrongPassword, TooManyPages,
    EmptyDocument (no pages, or pages that draw nothing) and NoTextLayer (pages that draw
    something, but no text: a scan that OCR is off for, or could not read — `OcrUnavailable`,
    `OcrFoundNoText`).
    """
    limits = limits or Limits()
    if not is_pdf(data):
        raise _unreadable()
    started = time.monotonic()
    with _PDFIUM_LOCK:
        opened = _open(data, password)
    try:
        if opened.page_count > limits.max_pdf_pages:
            raise TooManyPages(pages=opened.page_count, limit=limits.max_pdf_pages)
        with _PDFIUM_LOCK:
            text = _extract_pages(opened, limits, started)
        ocr = _ocr_scanned(opened, text, limits, progress) if text.scanned else None
        return _finish(text, ocr, limits)
    finally:
        if opened.pdfium_doc is not None:
            with _PDFIUM_LOCK:
                opened.pdfium_doc.close()


@dataclass
class _TextPass:
    """The text layer of the pages read, before OCR and before the verdict."""

    total: int
    pages: list[str]
    notices: list[str]
    failed: list[int]
    blank: list[int]  # 1-based
    scanned: list[int]  # 0-based: pages that draw something but hold no text
    drawn: bool


def _extract_pages(opened: _Opened, limits: Limits, started: float) -> _TextPass:
    total = opened.page_count
    if total == 0:
        raise EmptyDocument()
    pages: list[str] = []
    notices: list[str] = []
    failed: list[int] = []
    blank: list[int] = []
    scanned: list[int] = []
    drawn = False
    chars = 0
    for index in range(min(total, limits.max_pages)):
        if index and time.monotonic() - started > limits.max_seconds:
            notices.append(f"Only the first {index} of {total} pages were read "
                           f"(time limit of {limits.max_seconds:g} s).")
            break
        try:
            raw, has_objects = _page_text(opened, index)
        except Exception:
            failed.append(index + 1)
            pages.append("")
            continue
        text = clean_text(raw.translate(_PDFIUM_FIXES))
        drawn = drawn or has_objects or bool(text)
        if not text.strip():
            blank.append(index + 1)
            if has_objects:
                scanned.append(index)
        pages.append(text)
        chars += len(text)
        if chars > limits.max_chars:
            break
    else:
        if total > limits.max_pages:
            notices.append(f"Only the first {limits.max_pages} of {total} pages were read (page limit).")
    if failed and len(failed) == len(pages):
        raise _unreadable()
    return _TextPass(total, pages, notices, failed, blank, scanned, drawn)


# OCR renders a page at up to 3x (216 dpi: A4 is 1786 x 2526 px) and never above this many pixels
# (a page with an absurd MediaBox is rendered smaller, not bigger).
OCR_SCALE = 3.0
OCR_MAX_PIXELS = 6_000_000


def _render(doc: Any, index: int):
    """Page `index` as a BGR image for OCR (rendered under the PDFium lock)."""
    import math

    import cv2
    import numpy as np

    with _PDFIUM_LOCK:
        page = doc[index]
        try:
            width, height = page.get_size()
            area = max(width * height, 1.0)
            scale = max(0.05, min(OCR_SCALE, 0.99 * math.sqrt(OCR_MAX_PIXELS / area)))
            bitmap = page.render(scale=scale, grayscale=True)
            try:
                grey = np.array(bitmap.to_numpy(), copy=True)
            finally:
                bitmap.close()
        finally:
            page.close()
    if grey.ndim == 3:
        grey = grey[:, :, 0]
    return cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)


@dataclass
class _OcrPass:
    ocr_pages: list[OcrPage]
    notices: list[str]
    read: set[int]  # 0-based pages OCR gave text for
    unavailable: bool = False


def _ocr_scanned(opened: _Opened, text: _TextPass, limits: Limits, progress: Progress | None) -> _OcrPass:
    """OCR the pages without a text layer (at most `max_ocr_pages`, within `max_ocr_seconds`)."""
    from .. import ocr

    if not limits.ocr or opened.pdfium_doc is None or not ocr.available():
        return _OcrPass([], [], set(), unavailable=True)
    wanted = text.scanned[: limits.max_ocr_pages]
    doc = opened.pdfium_doc
    results = ocr.ocr_pages([(i, (lambda i=i: _render(doc, i))) for i in wanted], workers=limits.ocr_workers,
                            seconds=limits.max_ocr_seconds, progress=progress)
    notices: list[str] = []
    read: set[int] = set()
    infos: list[OcrPage] = []
    for result in results:
        cleaned = clean_text(result.text)
        if result.info is not None:
            infos.append(result.info)
        if cleaned.strip():
            text.pages[result.index] = cleaned
            read.add(result.index)
    skipped = [r.index + 1 for r in results if r.status == "skipped"]
    failed = [r.index + 1 for r in results if r.status == "failed"]
    beyond = [i + 1 for i in text.scanned[limits.max_ocr_pages:]]
    if skipped:
        notices.append(f"Scanned page{'s' if len(skipped) > 1 else ''} {_page_list(skipped)} not read by OCR "
                       f"(time limit of {limits.max_ocr_seconds:g} s).")
    if beyond:
        notices.append(f"Scanned page{'s' if len(beyond) > 1 else ''} {_page_list(beyond)} not read by OCR "
                       f"(OCR page limit of {limits.max_ocr_pages}).")
    if failed:
        notices.append(f"OCR failed on page{'s' if len(failed) > 1 else ''} {_page_list(failed)}.")
    return _OcrPass(infos, notices, read)


def _finish(text: _TextPass, ocr: _OcrPass | None, limits: Limits) -> Extracted:
    pages, notices, failed = text.pages, list(text.notices), text.failed
    if not any(page.strip() for page in pages):
        if ocr is not None and ocr.unavailable:
            raise OcrUnavailable() if limits.ocr else NoTextLayer()
        if ocr is not None:
            raise OcrFoundNoText()
        raise NoTextLayer() if text.drawn or failed else EmptyDocument()
    if ocr is not None:
        notices += ocr.notices
    pages, cut = limit_chars(pages, limits.max_chars, text.total)
    if cut:
        notices.append(cut)
    if failed:
        notices.append(f"Page {failed[0]} could not be read and was skipped." if len(failed) == 1
                       else f"Pages {_page_list(failed)} could not be read and were skipped.")
    read = ocr.read if ocr is not None else set()
    blank = [n for n in text.blank if n <= len(pages) and n - 1 not in read]
    if blank:
        notices.append(f"No text on page{'s' if len(blank) > 1 else ''} {_page_list(blank)} "
                       + ("(blank, or a scanned image that needs OCR)." if ocr is None or ocr.unavailable
                          else "(blank, or OCR found no text)."))
    return Extracted(pages, notices, ocr.ocr_pages if ocr is not None else [])
