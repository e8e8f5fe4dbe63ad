"""Readers: bytes of an uploaded file -> `Document`, or a specific, user-facing error.

`read_document` is the only entry point the rest of the pipeline needs:

1. size first: more than `Limits.max_bytes` -> TooLarge, before any parsing;
2. type by extension (`SUPPORTED_SUFFIXES`, case-insensitive; anything else ->
   UnsupportedFileType), checked against the magic bytes: a ".pdf" without a PDF header,
   a ".docx" that is not a zip or a ".jpg" that is no image -> UnreadableDocument for the
   claimed type. A file name without an extension is typed by its magic bytes alone (PDF,
   zip = DOCX, PNG/JPEG/HEIC = image, else text);
3. zero bytes -> EmptyDocument;
4. the format reader returns cleaned page texts (see `readers.text.clean_text`); scanned
   PDF pages and images are read by OCR (`contract_guard.ocr`), and `progress(done, total)`
   is called after each OCR'd page;
5. pages are joined with `PAGE_SEPARATOR` ("\\n\\n") into `Document.text`, and
   `page_starts[i]` is the offset of the first character of page i+1 (an empty page still
   gets its entry, so page numbers stay true). Every offset a later stage reports refers
   to `Document.text` exactly: a finding quotes `text[start:end]` verbatim.
"""
from __future__ import annotations

import hashlib
import re

from ..config import Limits
from ..errors import EmptyDocument, TooLarge, UnsupportedFileType
from ..language import detect_language
from ..models import Document
from .docx import ZIP_MAGIC, extract_docx
from .image import IMAGE_SUFFIXES, extract_image, is_image
from .pdf import Progress, extract_pdf, is_pdf
from .text import Extracted, extract_text_file

__all__ = ["PAGE_SEPARATOR", "SUPPORTED_SUFFIXES", "read_document", "suffix_of"]

SUPPORTED_SUFFIXES: tuple[str, ...] = (".pdf", ".docx", ".txt", ".md", *IMAGE_SUFFIXES)
PAGE_SEPARATOR = "\n\n"
_MB = 1024 * 1024


def suffix_of(filename: str) -> str:
    """The lower-cased extension of a file name or path ("" when there is none)."""
    name = re.split(r"[\\/]", filename)[-1]
    stem, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot and stem else ""


def _kind_for(data: bytes, suffix: str) -> str:
    """'pdf', 'docx' or 'text' for a supported suffix (or, with no suffix, for the magic bytes)."""
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    if suffix in (".txt", ".md"):
        return "text"
    if suffix in IMAGE_SUFFIXES:
        return "image"
    if not suffix:
        if is_pdf(data):
            return "pdf"
        if is_image(data):
            return "image"
        return "docx" if data.startswith(ZIP_MAGIC) else "text"
    raise UnsupportedFileType(suffix=suffix)


def _join(extracted: Extracted) -> tuple[str, list[int]]:
    """Document text and the offset where each page starts."""
    starts: list[int] = []
    offset = 0
    for page in extracted.pages:
        starts.append(offset)
        offset += len(page) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(extracted.pages), starts or [0]


def read_document(data: bytes, filename: str, *, password: str | None = None,
                  limits: Limits | None = None, progress: Progress | None = None) -> Document:
    """Read an uploaded file into a `Document`.

    Raises TooLarge, UnsupportedFileType, EmptyDocument, UnreadableDocument,
    EncryptedDocument, WrongPassword, NoTextLayer (and its OcrUnavailable, OcrFoundNoText),
    TooManyPages, DecompressionBomb or ImageTooLarge (all `ContractGuardError`s with a
    bilingual one-line message). This runs in the calling process: `readers.isolated`
    runs it in a bounded worker process for files from strangers.
    """
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise TooLarge(size_mb=len(data) / _MB, limit_mb=limits.max_bytes / _MB)
    suffix = suffix_of(filename)
    kind = _kind_for(data, suffix)
    if not data.strip():
        raise EmptyDocument()
    if kind == "pdf":
        extracted = extract_pdf(data, password=password, limits=limits, progress=progress)
    elif kind == "image":
        extracted = extract_image(data, limits=limits, progress=progress)
    elif kind == "docx":
        extracted = extract_docx(data, limits=limits)
    else:
        extracted = extract_text_file(data, kind=(suffix[1:] or "txt").upper(), limits=limits)
    text, starts = _join(extracted)
    if not text.strip():
        raise EmptyDocument()
    return Document(
        filename=re.split(r"[\\/]", filename)[-1] or filename,
        sha256=hashlib.sha256(data).hexdigest(),
        kind=kind,
        text=text,
        page_starts=starts,
        pages=len(starts),
        language=detect_language(text),
        notices=list(extracted.notices),
        ocr=bool(extracted.ocr_pages),
        ocr_pages=list(extracted.ocr_pages),
    )


def text_document(text: str, name: str = "snippet.txt") -> Document:
    """A Document straight from a string (one page): for snippets, tests and `library check`."""
    return Document(filename=name, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), kind="text",
                    text=text, language=detect_language(text))
