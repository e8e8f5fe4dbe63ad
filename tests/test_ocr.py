"""Scans and phone photos read by OCR give the same critical findings as the text they show.

The scans are made here: the fixture contracts typeset on A4 with a real font (Chinese: a CJK font on
the machine, which CI installs), turned, darkened, noised and JPEG-compressed like a phone photo.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from fixture_texts import EN_CONTRACT, ZH_CONTRACT
from scan_fixtures import cjk_font, image_pdf, in_ci, page_image, photo_like

from contract_guard.config import Limits
from contract_guard.errors import OcrFoundNoText, OcrUnavailable
from contract_guard.readers import read_document


def critical(report) -> set[tuple[str, int | None]]:
    return {(f.category, f.clause.page) for f in report.findings if f.severity == "critical"}


@pytest.fixture(scope="session")
def zh_font() -> str:
    font = cjk_font()
    if font is None:
        if in_ci():
            pytest.fail("no CJK font: CI must install fonts-wqy-zenhei")
        pytest.skip("no CJK font on this machine (apt-get install fonts-wqy-zenhei)")
    return font


@pytest.fixture(scope="session")
def zh_scan_pdf(files_dir: Path, zh_font: str) -> Path:
    """The Chinese contract as an image-only PDF: two scanned pages, no text layer."""
    return image_pdf([page_image(page, zh_font) for page in ZH_CONTRACT], files_dir / "zh_scan.pdf")


@pytest.fixture(scope="session")
def en_photo(files_dir: Path) -> Path:
    """Page 2 of the English contract photographed with a phone (turned 2°, shadow, noise, JPEG)."""
    path = files_dir / "en_page2_photo.jpg"
    path.write_bytes(photo_like(page_image(EN_CONTRACT[1]), angle=2.0))
    return path


def test_chinese_image_only_pdf_has_the_critical_findings_of_its_text_version(screener, zh_scan_pdf, zh_pdf,
                                                                              report_validator):
    scanned, text = screener.screen(zh_scan_pdf), screener.screen(zh_pdf)
    assert not text.document.ocr and scanned.document.ocr
    assert [p.page for p in scanned.document.ocr_pages] == [1, 2] and scanned.document.pages == 2
    assert critical(text) and critical(scanned) == critical(text)
    for finding in scanned.findings:  # every quote is OCR'd text of its page
        assert finding.clause.page in (1, 2)
    report_validator.validate(scanned.model_dump(mode="json"))


def test_english_phone_photo_has_the_critical_findings_of_its_text_version(screener, en_photo):
    progress: list[tuple[int, int]] = []
    photo = screener.screen(en_photo, progress=lambda done, total: progress.append((done, total)))
    text = screener.screen("\n".join(EN_CONTRACT[1]).encode(), "page2.txt")
    assert progress == [(1, 1)]
    assert photo.document.ocr and photo.document.ocr_pages[0].page == 1
    assert critical(text) and critical(photo) == critical(text)


def test_photo_text_is_read_in_order_and_straightened(en_photo):
    doc = read_document(en_photo.read_bytes(), en_photo.name)
    assert doc.kind == "image" and doc.pages == 1
    lines = doc.text.splitlines()
    for expected in ("4. Performance Targets and Buyback", "5. Liquidated Damages", "8. Governing Law and Disputes"):
        assert expected in lines
    assert lines.index("4. Performance Targets and Buyback") < lines.index("5. Liquidated Damages")
    assert 1 < abs(doc.ocr_pages[0].rotated) < 3  # the 2° turn was measured and undone


def test_a_badly_skewed_photo_is_straightened_and_read_again():
    doc = read_document(photo_like(page_image(EN_CONTRACT[1][:12]), angle=-7.0), "skewed.jpg")
    lines = doc.text.splitlines()
    assert "4. Performance Targets and Buyback" in lines and "5. Liquidated Damages" in lines
    assert 5 < abs(doc.ocr_pages[0].rotated) < 9


def test_a_sideways_photo_is_turned_upright(files_dir):
    image = page_image(EN_CONTRACT[1][:8]).rotate(90, expand=True)
    doc = read_document(photo_like(image, angle=0), "sideways.jpg")
    assert "Performance Targets and Buyback" in doc.text and abs(doc.ocr_pages[0].rotated) == 90


def test_mixed_pdf_ocrs_only_the_scanned_page(files_dir, en_pdf):
    """Page 1 has a text layer, page 2 is a scan: only page 2 is OCR'd, and pages keep their numbers."""
    from pypdf import PdfReader, PdfWriter

    scan = image_pdf([page_image(EN_CONTRACT[1])], files_dir / "en_p2_scan.pdf")
    writer = PdfWriter()
    writer.add_page(PdfReader(en_pdf).pages[0])
    writer.add_page(PdfReader(scan).pages[0])
    path = files_dir / "mixed.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    doc = read_document(path.read_bytes(), path.name)
    assert [p.page for p in doc.ocr_pages] == [2] and doc.pages == 2
    assert doc.page_of(doc.text.index("Grant of Rights")) == 1
    assert doc.page_of(doc.text.index("Liquidated Damages")) == 2


def test_ocr_page_limit_leaves_a_notice(files_dir):
    scan = image_pdf([page_image(EN_CONTRACT[0][:6]), page_image(EN_CONTRACT[1][:6])], files_dir / "two.pdf")
    doc = read_document(scan.read_bytes(), "two.pdf", limits=Limits(max_ocr_pages=1))
    assert [p.page for p in doc.ocr_pages] == [1] and doc.pages == 2
    assert any("OCR page limit of 1" in n for n in doc.notices)


def test_blank_photo_and_ocr_off(png_file):
    with pytest.raises(OcrFoundNoText):
        read_document(png_file.read_bytes(), png_file.name)
    with pytest.raises(OcrUnavailable) as caught:
        read_document(png_file.read_bytes(), png_file.name, limits=Limits(ocr=False))
    assert "OCR" in caught.value.message("zh")


def test_heic_photo_is_read(files_dir):
    """An iPhone photo (HEIC), encoded here with pillow-heif (test-only); the app decodes it with pi-heif."""
    import io

    import pillow_heif

    image = page_image(EN_CONTRACT[1][:8]).convert("RGB")
    buffer = io.BytesIO()
    pillow_heif.from_pillow(image).save(buffer, quality=90)
    doc = read_document(buffer.getvalue(), "IMG_0001.HEIC")
    assert doc.kind == "image" and "Performance Targets and Buyback" in doc.text
