"""Hostile files are refused with a clear bilingual message, within bounded time and memory,
and the reader's worker process survives what kills it (a new one takes over)."""
from __future__ import annotations

import dataclasses
import io
import re
import time

import bombs
import pytest
from fixture_texts import EN_CONTRACT
from scan_fixtures import image_pdf, page_image

from contract_guard.config import Limits
from contract_guard.errors import (
    ContractGuardError,
    DecompressionBomb,
    EmptyDocument,
    ImageTooLarge,
    OcrFoundNoText,
    ReadTimedOut,
    ReaderCrashed,
    TooManyPages,
    UnreadableDocument,
)
from contract_guard.readers import read_document
from contract_guard.readers.isolated import read_isolated


def assert_clean_message(error: ContractGuardError) -> None:
    for lang in ("en", "zh"):
        message = error.message(lang)
        assert message.strip() and "\n" not in message
        assert not re.search(r"Traceback|Error\b|Exception|None|[{}]|\.py\b|pypdf|pdfium|docx\.|__|0x", message)
    assert re.search("[\u4e00-\u9fff]", error.message("zh"))


@pytest.fixture(scope="module")
def docx_bytes(docx_file) -> bytes:
    return docx_file.read_bytes()


@pytest.mark.parametrize(("name", "build", "error"), [
    ("bomb.docx", lambda d: bombs.zip_bomb_docx(d), DecompressionBomb),
    ("parts.docx", lambda d: bombs.many_parts_docx(d), DecompressionBomb),
    ("bomb.png", lambda d: bombs.png_bomb(), ImageTooLarge),
    ("wide.png", lambda d: bombs.png_bomb(60_000, 2_000), ImageTooLarge),
    ("many.pdf", lambda d: bombs.many_pages_pdf(), TooManyPages),
    ("cyclic.pdf", lambda d: bombs.cyclic_pdf(), UnreadableDocument),
    ("selfref.pdf", lambda d: bombs.self_referencing_pdf(), EmptyDocument),
    ("flate.pdf", lambda d: bombs.flate_bomb_pdf(), EmptyDocument),
])
def test_bombs_are_refused_with_a_clear_message(name, build, error, docx_bytes):
    started = time.monotonic()
    with pytest.raises(error) as caught:
        read_isolated(build(docx_bytes), name)
    assert time.monotonic() - started < Limits().hard_seconds
    assert_clean_message(caught.value)


def test_deeply_nested_pdf_is_read_without_recursing_to_death():
    doc = read_isolated(bombs.deep_pdf(), "deep.pdf")
    assert doc.text == "Hello"


def test_a_page_of_absurd_size_is_rendered_small():
    """A 200 x 200 inch page with a box on it is rendered within OCR's pixel bound, not at gigapixels."""
    from contract_guard.readers import pdf as pdf_reader
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(bombs.huge_page_pdf())
    try:
        image = pdf_reader._render(doc, 0)
    finally:
        doc.close()
    assert image.shape[0] * image.shape[1] <= pdf_reader.OCR_MAX_PIXELS
    with pytest.raises(OcrFoundNoText):
        read_isolated(bombs.huge_page_pdf(), "huge.pdf")


def test_a_reader_that_overruns_is_killed_and_the_next_file_is_read(files_dir, en_pdf):
    scan = image_pdf([page_image(EN_CONTRACT[0]), page_image(EN_CONTRACT[1])], files_dir / "slow_scan.pdf")
    tight = dataclasses.replace(Limits(), max_seconds=0.2, max_ocr_seconds=0.1, grace_seconds=0.5)
    started = time.monotonic()
    with pytest.raises(ReadTimedOut) as caught:
        read_isolated(scan.read_bytes(), scan.name, limits=tight)
    assert time.monotonic() - started < tight.hard_seconds + 2
    assert_clean_message(caught.value)
    # a fresh worker takes over: the same bounds read an ordinary PDF at once
    assert "Grant of Rights" in read_isolated(en_pdf.read_bytes(), en_pdf.name, limits=tight).text


def test_a_reader_that_runs_out_of_memory_is_stopped(files_dir, en_pdf):
    scan = image_pdf([page_image(EN_CONTRACT[0])], files_dir / "hungry_scan.pdf")
    starved = dataclasses.replace(Limits(), worker_memory_mb=700)
    with pytest.raises((ReaderCrashed, OcrFoundNoText)) as caught:
        read_isolated(scan.read_bytes(), scan.name, limits=starved)
    assert_clean_message(caught.value)
    assert read_isolated(en_pdf.read_bytes(), en_pdf.name, limits=starved).pages == 2


def test_isolated_and_in_process_reads_agree(en_pdf, zh_pdf, docx_file, gb18030_txt, paged_txt):
    for path in (en_pdf, zh_pdf, docx_file, gb18030_txt, paged_txt):
        data = path.read_bytes()
        assert read_isolated(data, path.name) == read_document(data, path.name)


def test_project_errors_cross_the_process_boundary_unchanged(encrypted_pdf):
    from contract_guard.errors import EncryptedDocument, WrongPassword

    with pytest.raises(EncryptedDocument):
        read_isolated(encrypted_pdf.read_bytes(), encrypted_pdf.name)
    with pytest.raises(WrongPassword) as caught:
        read_isolated(encrypted_pdf.read_bytes(), encrypted_pdf.name, password="nope")
    assert caught.value.message("zh") == WrongPassword().message("zh")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "gbk", "gb18030"])
def test_text_encodings(encoding):
    text = "第一条 乙方同意将全部著作权永久转让给甲方。\nSection 2. The Creator assigns all rights."
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = data  # no BOM: recognised by its NUL bytes
    doc = read_isolated(data, f"contract-{encoding}.txt")
    assert doc.text == text
