"""Readers, through real files built by the fixtures in conftest.py."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from fixture_texts import DOCX_PARAGRAPHS_AFTER, DOCX_PARAGRAPHS_BEFORE, EN_CONTRACT, ZH_CONTRACT

from contract_guard.config import Limits
from contract_guard.errors import (
    ContractGuardError,
    EmptyDocument,
    EncryptedDocument,
    NoTextLayer,
    TooLarge,
    UnreadableDocument,
    UnsupportedFileType,
    WrongPassword,
)
from contract_guard.language import detect_language
from contract_guard.models import Document
from contract_guard.readers import PAGE_SEPARATOR, SUPPORTED_SUFFIXES, read_document, suffix_of
from contract_guard.readers import pdf as pdf_reader


def read(path: Path, **kwargs: object) -> Document:
    return read_document(path.read_bytes(), path.name, **kwargs)  # type: ignore[arg-type]


def locate(doc: Document, phrase: str) -> tuple[int, int]:
    start = doc.text.find(phrase)
    assert start >= 0, f"{phrase!r} not in the extracted text"
    return start, start + len(phrase)


def assert_offsets_consistent(doc: Document) -> None:
    starts = doc.page_starts
    assert starts[0] == 0 and len(starts) == doc.pages
    assert all(a < b for a, b in zip(starts, starts[1:]))
    for start in starts[1:]:
        assert doc.text[start - len(PAGE_SEPARATOR):start] == PAGE_SEPARATOR
    assert "\r" not in doc.text and "\f" not in doc.text


# --------------------------------------------------------------------------- PDF
def test_english_pdf_pages_and_offsets(en_pdf: Path) -> None:
    doc = read(en_pdf)
    assert (doc.kind, doc.pages, doc.language, doc.notices) == ("pdf", 2, "en", [])
    assert doc.sha256 == hashlib.sha256(en_pdf.read_bytes()).hexdigest()
    assert doc.filename == "en_contract.pdf"
    assert_offsets_consistent(doc)
    for page_number, phrase in ((1, "1. Grant of Rights"), (1, "including future works"),
                                (2, "5.1 If the Creator breaches any provision"),
                                (2, "jointly and severally liable")):
        start, end = locate(doc, phrase)
        assert doc.text[start:end] == phrase
        assert doc.page_of(start) == page_number
        assert doc.page_of(end - 1) == page_number
    # page 2 starts with its first line, and page 1 ends with its last
    assert doc.text[doc.page_starts[1]:].startswith(EN_CONTRACT[1][0])
    assert doc.text[:doc.page_starts[1]].rstrip().endswith(EN_CONTRACT[0][-1])


def test_every_english_line_is_extracted_verbatim(en_pdf: Path) -> None:
    doc = read(en_pdf)
    for page_number, lines in enumerate(EN_CONTRACT, start=1):
        for line in filter(None, lines):
            line = re.sub(r"\s+", " ", line)
            start, _ = locate(doc, line)
            assert doc.page_of(start) == page_number


def test_chinese_pdf(zh_pdf: Path) -> None:
    doc = read(zh_pdf)
    assert (doc.pages, doc.language) == (2, "zh")
    assert_offsets_consistent(doc)
    for page_number, lines in enumerate(ZH_CONTRACT, start=1):
        for line in filter(None, lines):
            if "__" in line:
                continue  # the signature lines' spacing is font-dependent
            start, end = locate(doc, line)
            assert doc.page_of(start) == page_number
    start, end = locate(doc, "承担连带保证责任")
    assert doc.page_of(start) == 2 and doc.text[start:end] == "承担连带保证责任"
    assert doc.page_of(locate(doc, "第一条 著作权转让")[0]) == 1


def test_encrypted_pdf_needs_the_password(encrypted_pdf: Path) -> None:
    with pytest.raises(EncryptedDocument):
        read(encrypted_pdf)
    with pytest.raises(WrongPassword):
        read(encrypted_pdf, password="not-it")
    doc = read(encrypted_pdf, password="secret")
    assert doc.pages == 2 and "1. Grant of Rights" in doc.text


def test_a_password_for_an_unencrypted_pdf_is_ignored(en_pdf: Path) -> None:
    assert read(en_pdf, password="secret").pages == 2


def test_owner_password_only_pdf_opens_without_a_password(owner_locked_pdf: Path) -> None:
    assert "Liquidated Damages" in read(owner_locked_pdf).text


def test_password_is_decided_by_pdfium_when_pypdf_cannot_decrypt(
        encrypted_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """AES files without the optional `cryptography` package: pypdf raises DependencyError."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    def no_crypto(self: PdfReader, password: str | bytes) -> None:
        raise DependencyError("cryptography is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", no_crypto)
    with pytest.raises(EncryptedDocument):
        read(encrypted_pdf)
    with pytest.raises(WrongPassword):
        read(encrypted_pdf, password="not-it")
    assert "Grant of Rights" in read(encrypted_pdf, password="secret").text


def test_pypdf_extracts_when_pdfium_cannot_open(en_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes, password: str | None) -> None:
        raise pdf_reader.pdfium.PdfiumError("Failed to load document")

    monkeypatch.setattr(pdf_reader, "_open_pdfium", broken)
    doc = read(en_pdf)
    assert doc.pages == 2
    start, _ = locate(doc, "Liquidated Damages")
    assert doc.page_of(start) == 2


def test_a_page_that_fails_everywhere_is_skipped_with_a_notice(
        en_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_pdfium, real_pypdf = pdf_reader._page_text_pdfium, pdf_reader._page_text_pypdf

    def pdfium_fails_page_1(doc: object, index: int) -> tuple[str, bool]:
        if index == 0:
            raise RuntimeError("broken content stream")
        return real_pdfium(doc, index)

    def pypdf_fails_page_1(reader: object, index: int) -> tuple[str, bool]:
        if index == 0:
            raise ValueError("broken content stream")
        return real_pypdf(reader, index)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_reader, "_page_text_pdfium", pdfium_fails_page_1)
    monkeypatch.setattr(pdf_reader, "_page_text_pypdf", pypdf_fails_page_1)
    doc = read(en_pdf)
    assert doc.notices == ["Page 1 could not be read and was skipped."]
    assert "Grant of Rights" not in doc.text
    start, _ = locate(doc, "Liquidated Damages")
    assert doc.pages == 2 and doc.page_of(start) == 2  # page numbers stay true


def test_pypdf_reads_a_page_pdfium_fails_on(en_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def pdfium_fails(doc: object, index: int) -> tuple[str, bool]:
        raise RuntimeError("pdfium failed")

    monkeypatch.setattr(pdf_reader, "_page_text_pdfium", pdfium_fails)
    doc = read(en_pdf)
    assert doc.notices == [] and "Grant of Rights" in doc.text and doc.pages == 2


@pytest.mark.parametrize("fixture", ["corrupt_pdf", "truncated_pdf", "docx_named_pdf"])
def test_damaged_or_mislabelled_pdf_is_unreadable(fixture: str, request: pytest.FixtureRequest) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read(request.getfixturevalue(fixture))
    assert "PDF" in caught.value.message("en")


def test_image_only_pdf_has_no_text_layer_when_ocr_is_off(image_only_pdf: Path) -> None:
    with pytest.raises(NoTextLayer) as caught:
        read(image_only_pdf, limits=Limits(ocr=False))
    assert type(caught.value) is NoTextLayer  # OCR off: the plain "scan, OCR needed" message


def test_image_only_pdf_is_read_by_ocr(image_only_pdf: Path) -> None:
    doc = read(image_only_pdf)
    assert doc.ocr and [p.page for p in doc.ocr_pages] == [1] and doc.pages == 1
    assert "Grant of Rights" in doc.text and "future works" in doc.text
    assert 0.8 < doc.ocr_pages[0].confidence <= 1


@pytest.mark.parametrize("fixture", ["blank_pdf", "zero_page_pdf", "empty_file"])
def test_pdfs_with_nothing_in_them_are_empty(fixture: str, request: pytest.FixtureRequest) -> None:
    with pytest.raises(EmptyDocument):
        read(request.getfixturevalue(fixture))


# --------------------------------------------------------------------------- limits
def test_too_large_is_checked_before_parsing(en_pdf: Path) -> None:
    with pytest.raises(TooLarge) as caught:
        read_document(en_pdf.read_bytes(), "x.pdf", limits=Limits(max_bytes=1000))
    assert "MB" in caught.value.message("en")
    with pytest.raises(TooLarge):  # garbage too: the size check comes before any parsing
        read_document(b"\x00" * 2000, "x.pdf", limits=Limits(max_bytes=1000))


def test_page_limit(en_pdf: Path) -> None:
    doc = read(en_pdf, limits=Limits(max_pages=1))
    assert doc.pages == 1 and doc.page_starts == [0]
    assert doc.notices == ["Only the first 1 of 2 pages were read (page limit)."]
    assert "Grant of Rights" in doc.text and "Liquidated Damages" not in doc.text


def test_time_limit_reads_at_least_one_page(en_pdf: Path) -> None:
    doc = read(en_pdf, limits=Limits(max_seconds=0))
    assert doc.pages == 1 and "Grant of Rights" in doc.text
    assert len(doc.notices) == 1 and "time limit" in doc.notices[0]


@pytest.mark.parametrize("fixture", ["en_pdf", "docx_file", "paged_txt"])
def test_char_limit(fixture: str, request: pytest.FixtureRequest) -> None:
    doc = read(request.getfixturevalue(fixture), limits=Limits(max_chars=120))
    assert 0 < len(doc.text) <= 120
    assert len(doc.notices) == 1 and "text limit" in doc.notices[0]


# --------------------------------------------------------------------------- DOCX
def test_docx_paragraphs_and_table_in_document_order(docx_file: Path) -> None:
    doc = read(docx_file)
    assert (doc.kind, doc.pages, doc.page_starts, doc.language) == ("docx", 1, [0], "en")
    positions = [locate(doc, text)[0] for text in (*DOCX_PARAGRAPHS_BEFORE, "Item | Amount",
                                                   "Signing fee | USD 50,000",
                                                   "Liquidated damages for early termination | USD 1,000,000",
                                                   *DOCX_PARAGRAPHS_AFTER)]
    assert positions == sorted(positions)
    for start in positions:
        assert doc.page_of(start) == 1
    assert doc.text.startswith("Talent Management Agreement\n")


def test_docx_reads_tracked_insertions_but_not_deletions(files_dir: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    paragraph = document.add_paragraph("The Artist shall pay ")
    for wrapper, tag, text in (("w:ins", "w:t", "USD 10"), ("w:del", "w:delText", "USD 99")):
        change, run, content = OxmlElement(wrapper), OxmlElement("w:r"), OxmlElement(tag)
        change.set(qn("w:id"), "1")
        change.set(qn("w:author"), "Agency")
        content.text = text
        run.append(content)
        change.append(run)
        paragraph._p.append(change)
    path = files_dir / "tracked.docx"
    document.save(str(path))
    assert read(path).text == "The Artist shall pay USD 10"


def test_corrupt_docx_is_unreadable(en_pdf: Path) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(en_pdf.read_bytes(), "contract.docx")
    assert "DOCX" in caught.value.message("en")
    with pytest.raises(UnreadableDocument):
        read_document(b"PK\x03\x04" + b"\x00" * 100, "contract.docx")


# --------------------------------------------------------------------------- text
def test_gb18030_text_file(gb18030_txt: Path) -> None:
    doc = read(gb18030_txt)
    assert (doc.kind, doc.pages, doc.language) == ("text", 1, "zh")
    start, end = locate(doc, "第八条 违约金")
    assert doc.page_of(start) == 1 and doc.text[start:end] == "第八条 违约金"


def test_form_feeds_mark_pages_in_text_files(paged_txt: Path) -> None:
    doc = read(paged_txt)
    assert doc.pages == 2  # the trailing form feed does not add an empty page
    assert_offsets_consistent(doc)
    assert doc.page_of(locate(doc, "1. Grant of Rights")[0]) == 1
    assert doc.page_of(locate(doc, "5. Liquidated Damages")[0]) == 2


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "gb18030"])
def test_text_encodings(encoding: str) -> None:
    text = "第一条 著作权转让\nThe Creator assigns all copyright."
    doc = read_document(text.encode(encoding), "contract.md")
    assert doc.text == text and doc.language == "mixed"


def test_windows_1252_english_is_not_mistaken_for_chinese() -> None:
    text = "\u201cCompany\u201d shall pay the Artist\u2019s fee \u2013 no caf\u00e9 expenses."
    assert read_document(text.encode("cp1252"), "a.txt").text == text


def test_undecodable_bytes_never_crash() -> None:
    doc = read_document(b"Fee: 100 \x81\x8d\x8f\x90\x9d\xff units", "a.txt")
    assert doc.text.startswith("Fee: 100")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n ", b"\f\f"])
def test_empty_text_files(data: bytes) -> None:
    with pytest.raises(EmptyDocument):
        read_document(data, "notes.txt")


def test_binary_named_txt_is_unreadable(png_file: Path) -> None:
    with pytest.raises(UnreadableDocument):
        read_document(png_file.read_bytes(), "contract.txt")


def test_text_normalisation_keeps_quotes_exact() -> None:
    doc = read_document("Line one\r\nTwo\u00a0words  \rthree\u2028four\ufb01ve\x00".encode(), "a.txt")
    assert doc.text == "Line one\nTwo words\nthree\nfourfive"


# --------------------------------------------------------------------------- types
@pytest.mark.parametrize("fixture", ["exe_file"])
def test_unsupported_types(fixture: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(fixture)
    with pytest.raises(UnsupportedFileType) as caught:
        read(path)
    assert path.suffix in caught.value.message("en")


def test_suffixes_and_sniffing(en_pdf: Path, docx_file: Path) -> None:
    assert SUPPORTED_SUFFIXES == (".pdf", ".docx", ".txt", ".md", ".png", ".jpg", ".jpeg", ".heic", ".heif")
    assert suffix_of("C:\\Users\\me\\Contract.PDF") == ".pdf" and suffix_of(".bashrc") == ""
    assert read_document(en_pdf.read_bytes(), "CONTRACT.PDF").kind == "pdf"
    assert read_document(en_pdf.read_bytes(), "upload").kind == "pdf"
    assert read_document(docx_file.read_bytes(), "upload").kind == "docx"
    assert read_document(b"plain words", "upload").kind == "text"
    assert read_document(b"plain words", "/tmp/dir/notes.txt").filename == "notes.txt"


# --------------------------------------------------------------------------- messages
ERROR_CASES = [
    ("encrypted_pdf", {}, EncryptedDocument),
    ("encrypted_pdf", {"password": "nope"}, WrongPassword),
    ("corrupt_pdf", {}, UnreadableDocument),
    ("image_only_pdf", {"limits": Limits(ocr=False)}, NoTextLayer),
    ("empty_file", {}, EmptyDocument),
    ("exe_file", {}, UnsupportedFileType),
    ("en_pdf", {"limits": Limits(max_bytes=10)}, TooLarge),
]


@pytest.mark.parametrize(("fixture", "kwargs", "error"), ERROR_CASES)
def test_error_messages_are_one_clean_line(fixture: str, kwargs: dict[str, object],
                                           error: type[ContractGuardError],
                                           request: pytest.FixtureRequest) -> None:
    with pytest.raises(error) as caught:
        read(request.getfixturevalue(fixture), **kwargs)
    for lang in ("en", "zh"):
        message = caught.value.message(lang)
        assert message.strip() and "\n" not in message and message == message.strip()
        assert not re.search(r"Traceback|Error\b|Exception|None|[{}]|\.py\b|pypdf|pdfium|docx\.|__|0x",
                             message), message
    assert re.search("[\u4e00-\u9fff]", caught.value.message("zh"))


# --------------------------------------------------------------------------- language
@pytest.mark.parametrize(("text", "expected"), [
    ("The Creator assigns all copyright to the Company.", "en"),
    ("乙方同意将全部作品的著作权转让给甲方。", "zh"),
    ("乙方同意将其在合作期间创作的全部作品的著作权永久转让给甲方（Brightwave）。", "zh"),
    ("第一条 著作权转让 Article 1 Assignment of Copyright", "mixed"),
    ("", "unknown"),
    ("12345 ... ¥¥", "unknown"),
    # a template's placeholders are not English: a Chinese platform agreement that names its platform
    # through {{ product_channel.name }} on every line is Chinese
    ("1.2 {{ product_channel.name }}主播：是属于{{ product_channel.name }}平台的主播。", "zh"),
    ("乙方应于${deadline}前交付作品，逾期按${rate}支付违约金。", "zh"),
    ("The {{ LICENSE_NAME }} licence runs for {{ TERMS_OF_YEARS }} years.", "en"),
])
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected
