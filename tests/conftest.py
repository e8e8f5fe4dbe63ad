"""Session fixtures that build real files (PDF, DOCX, text, and broken ones) once per run.

Every fixture returns the Path of a file written under a session temp directory. The
contract texts come from `tests/fixture_texts.py`.
"""
from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixture_texts import (  # noqa: E402
    DOCX_PARAGRAPHS_AFTER,
    DOCX_PARAGRAPHS_BEFORE,
    DOCX_TABLE,
    DOCX_TITLE,
    EN_CONTRACT,
    ZH_CONTRACT,
)

PAGE_W, PAGE_H = 595.27, 841.89  # A4 in points
MARGIN = 56


def _draw_text_pdf(path: Path, pages: list[list[str]], font: str, size: float) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    for lines in pages:
        pdf.setFont(font, size)
        y = PAGE_H - MARGIN
        for line in lines:
            if line:
                pdf.drawString(MARGIN, y, line)
            y -= size * 1.6
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="session")
def files_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reader_files")


@pytest.fixture(scope="session")
def en_pdf(files_dir: Path) -> Path:
    """The English investment/cooperation contract, 2 pages, Helvetica."""
    return _draw_text_pdf(files_dir / "en_contract.pdf", EN_CONTRACT, "Helvetica", 10)


@pytest.fixture(scope="session")
def zh_pdf(files_dir: Path) -> Path:
    """The Chinese contract, 2 pages, reportlab's built-in CID font STSong-Light."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return _draw_text_pdf(files_dir / "zh_contract.pdf", ZH_CONTRACT, "STSong-Light", 11)


@pytest.fixture(scope="session")
def docx_file(files_dir: Path) -> Path:
    """A DOCX contract: title, paragraphs, a fee table, more paragraphs."""
    import docx

    document = docx.Document()
    document.add_heading(DOCX_TITLE, level=1)
    for text in DOCX_PARAGRAPHS_BEFORE:
        document.add_paragraph(text)
    table = document.add_table(rows=len(DOCX_TABLE), cols=len(DOCX_TABLE[0]))
    for row, values in zip(table.rows, DOCX_TABLE):
        for cell, value in zip(row.cells, values):
            cell.text = value
    for text in DOCX_PARAGRAPHS_AFTER:
        document.add_paragraph(text)
    path = files_dir / "talent_agreement.docx"
    document.save(str(path))
    return path


def _encrypt(source: Path, target: Path, user_password: str, owner_password: str | None) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(source))
    writer.encrypt(user_password, owner_password, algorithm="RC4-128")
    with target.open("wb") as handle:
        writer.write(handle)
    return target


@pytest.fixture(scope="session")
def encrypted_pdf(en_pdf: Path, files_dir: Path) -> Path:
    """The English contract, encrypted with the user password "secret"."""
    return _encrypt(en_pdf, files_dir / "encrypted.pdf", "secret", "owner-secret")


@pytest.fixture(scope="session")
def owner_locked_pdf(en_pdf: Path, files_dir: Path) -> Path:
    """Encrypted with an empty user password (only an owner password): opens without one."""
    return _encrypt(en_pdf, files_dir / "owner_locked.pdf", "", "owner-secret")


@pytest.fixture(scope="session")
def corrupt_pdf(files_dir: Path) -> Path:
    """A PDF header followed by garbage."""
    path = files_dir / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + random.Random(7).randbytes(6000))
    return path


@pytest.fixture(scope="session")
def truncated_pdf(en_pdf: Path, files_dir: Path) -> Path:
    """The first 400 bytes of a real PDF."""
    path = files_dir / "truncated.pdf"
    path.write_bytes(en_pdf.read_bytes()[:400])
    return path


@pytest.fixture(scope="session")
def image_only_pdf(en_pdf: Path, files_dir: Path) -> Path:
    """A "scan": page 1 of the English contract rendered to a bitmap and placed as an image.

    Falls back to vector shapes only if Pillow is missing. Either way: no text layer.
    """
    from reportlab.pdfgen import canvas

    path = files_dir / "scanned.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    try:
        import pypdfium2 as pdfium
        from reportlab.lib.utils import ImageReader

        source = pdfium.PdfDocument(str(en_pdf))
        image = source[0].render(scale=1.5).to_pil().convert("L")
        source.close()
        pdf.drawImage(ImageReader(image), 0, 0, PAGE_W, PAGE_H)
    except ImportError:
        for i in range(30):
            pdf.rect(MARGIN, PAGE_H - MARGIN - i * 20, 300 + (i * 37) % 150, 8, fill=1)
    pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="session")
def blank_pdf(files_dir: Path) -> Path:
    """A PDF with two pages that draw nothing at all."""
    from reportlab.pdfgen import canvas

    path = files_dir / "blank.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    pdf.showPage()
    pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="session")
def zero_page_pdf(files_dir: Path) -> Path:
    """A valid PDF with no pages."""
    from pypdf import PdfWriter

    path = files_dir / "zero_pages.pdf"
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture(scope="session")
def empty_file(files_dir: Path) -> Path:
    """Zero bytes, named like a PDF."""
    path = files_dir / "empty.pdf"
    path.write_bytes(b"")
    return path


@pytest.fixture(scope="session")
def png_file(files_dir: Path) -> Path:
    """A real (tiny) PNG image."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))
    path = files_dir / "photo.png"
    path.write_bytes(png)
    return path


@pytest.fixture(scope="session")
def exe_file(files_dir: Path) -> Path:
    """Something that looks like a Windows executable."""
    path = files_dir / "setup.exe"
    path.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120) + b"This program cannot be run in DOS mode.")
    return path


@pytest.fixture(scope="session")
def docx_named_pdf(docx_file: Path, files_dir: Path) -> Path:
    """A DOCX (zip) renamed to .pdf."""
    path = files_dir / "really_a_docx.pdf"
    path.write_bytes(docx_file.read_bytes())
    return path


@pytest.fixture(scope="session")
def gb18030_txt(files_dir: Path) -> Path:
    """The Chinese contract as a GB18030-encoded text file (Chinese Windows default)."""
    path = files_dir / "contract_gb18030.txt"
    path.write_bytes("\n".join(line for page in ZH_CONTRACT for line in page).encode("gb18030"))
    return path


@pytest.fixture(scope="session")
def paged_txt(files_dir: Path) -> Path:
    """The English contract as UTF-8 text, pages separated by form feeds, CRLF line ends."""
    path = files_dir / "contract_pages.txt"
    text = "\f".join("\r\n".join(page) for page in EN_CONTRACT) + "\f"
    path.write_bytes(text.encode("utf-8"))
    return path


# --------------------------------------------------------------------------- engine
PROJECT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = PROJECT / "schema" / "report.schema.json"


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory):
    """Default settings, but a fresh data directory: the index is built by the tests themselves."""
    import dataclasses

    from contract_guard.config import get_settings

    return dataclasses.replace(get_settings(), data_dir=tmp_path_factory.mktemp("cg-data"), chroma_host=None)


@pytest.fixture(scope="session")
def screener(settings):
    from contract_guard.pipeline import Screener

    return Screener(settings)


@pytest.fixture(scope="session")
def report_validator():
    import json

    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)
