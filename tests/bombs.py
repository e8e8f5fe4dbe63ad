"""Hostile files, built at run time: zip bombs, decompression-bomb images, PDFs that recurse, loop or lie."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib


def zip_bomb_docx(docx: bytes, unpacked_mb: int = 100) -> bytes:
    """A real DOCX plus one part of `unpacked_mb` MB of zeros (about 100 KB once deflated)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        with dst.open("word/media/image1.png", "w", force_zip64=True) as part:
            block = bytes(1024 * 1024)
            for _ in range(unpacked_mb):
                part.write(block)
    return out.getvalue()


def many_parts_docx(docx: bytes, parts: int = 12_000) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        for i in range(parts):
            dst.writestr(f"customXml/extra{i}.xml", b"")
    return out.getvalue()


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG header claiming width x height pixels (10 gigapixels) over a tiny body."""
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + _png_chunk(b"IDAT", zlib.compress(bytes(1024))) + _png_chunk(b"IEND", b""))


def _pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF with a correct cross-reference table around the given object bodies (1-based numbers)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref))
    return out.getvalue()


def _page(content: bytes, extra: bytes = b"", media: bytes = b"[0 0 595 842]") -> list[bytes]:
    return [b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]


def deep_pdf(depth: int = 200_000) -> bytes:
    """A page whose resources nest arrays `depth` deep."""
    nested = b"[" * depth + b"]" * depth
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /X " + nested + b" >> >>",
                 *_page(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET")])


def cyclic_pdf() -> bytes:
    """A page tree whose kids point back at their parents (an endless loop for a naive reader)."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
                 b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1000000 >>"])


def self_referencing_pdf() -> bytes:
    """Objects that are references to each other, and a Contents array that contains itself."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R /Outlines 5 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 b"[4 0 R 4 0 R]",
                 b"<< /First 5 0 R /Last 5 0 R /Next 5 0 R >>"])


def many_pages_pdf(pages: int = 6000) -> bytes:
    """A real PDF with `pages` blank pages (one shared page object would be a lie; these are real)."""
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    return _pdf(objects)


def flate_bomb_pdf(unpacked_mb: int = 300) -> bytes:
    """A page whose content stream inflates from a few hundred KB to `unpacked_mb` MB of spaces."""
    packer = zlib.compressobj(9)
    block = b" " * (1024 * 1024)
    data = b"".join(packer.compress(block) for _ in range(unpacked_mb)) + packer.flush()
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"])


def huge_page_pdf() -> bytes:
    """A page of 200 x 200 inches that draws a filled box (a "scan" that would render to gigapixels)."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R >>",
                 *_page(b"0 0 0 rg 100 100 5000 5000 re f")])
