"""Fuzzing the readers through the real entry points: `screen()` and the CLI.

A fixed, seeded budget of cases (mutated real PDFs, DOCX, images and text files; random bytes;
truncations; bombs) — the same cases on every run. No case may make `screen()` raise anything
but a `ContractGuardError`, every case must end within the reader's hard bound, and the CLI must
screen the whole batch, naming each failure with its reason (never "internal error").
"""
from __future__ import annotations

import dataclasses
import io
import random
import time
import zipfile
from pathlib import Path

import bombs
import pytest
from fixture_texts import EN_CONTRACT, ZH_CONTRACT
from scan_fixtures import image_pdf, page_image

from contract_guard.config import Limits
from contract_guard.errors import ContractGuardError

SEED = 20261206
# tight bounds keep the budget small; the hard bound is what each case is held to
FUZZ_LIMITS = dict(max_seconds=5.0, max_ocr_seconds=4.0, max_ocr_pages=1, grace_seconds=6.0)
EXTENSIONS = [".pdf", ".docx", ".txt", ".md", ".png", ".jpg", ".heic", ""]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    op = rng.choice(["flip", "flip", "delete", "duplicate", "insert", "zero", "truncate", "splice"])
    if not buf:
        return bytes(rng.randbytes(rng.randint(1, 64)))
    if op == "flip":
        for _ in range(rng.randint(1, 24)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    elif op == "delete":
        start = rng.randrange(len(buf))
        del buf[start:start + rng.randint(1, 512)]
    elif op == "duplicate":
        start = rng.randrange(len(buf))
        chunk = buf[start:start + rng.randint(1, 2048)]
        at = rng.randrange(len(buf))
        buf[at:at] = chunk * rng.randint(1, 8)
    elif op == "insert":
        at = rng.randrange(len(buf))
        buf[at:at] = rng.randbytes(rng.randint(1, 256))
    elif op == "zero":
        start = rng.randrange(len(buf))
        buf[start:start + rng.randint(1, 4096)] = bytes(min(len(buf) - start, 4096))[: rng.randint(1, 4096)]
    elif op == "truncate":
        del buf[rng.randrange(len(buf)):]
    else:  # splice in a piece of PDF syntax that readers treat specially
        at = rng.randrange(len(buf))
        buf[at:at] = rng.choice([b" 1 0 R ", b"<<", b">>", b"[[[[[[", b"/Count 99999999", b"stream\n",
                                 b"endobj", b"/Filter /FlateDecode", b"trailer", b"%%EOF", b"\x00" * 64])
    return bytes(buf)


def _mutate_docx_xml(data: bytes, rng: random.Random) -> bytes:
    """Keep the zip valid, break the XML inside it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "word/document.xml" or rng.random() < 0.1:
                body = _mutate(body, rng)
            dst.writestr(info.filename, body)
    return out.getvalue()


def build_cases(seeds: dict[str, bytes], docx: bytes, rng: random.Random) -> list[tuple[str, bytes]]:
    cases: list[tuple[str, bytes]] = []
    names = sorted(seeds)
    for i in range(180):  # mutated real files, mostly under their own extension
        name = rng.choice(names)
        ext = Path(name).suffix if rng.random() < 0.85 else rng.choice(EXTENSIONS)
        data = seeds[name]
        for _ in range(rng.randint(1, 3)):
            data = _mutate(data, rng)
        cases.append((f"mut{i:03d}{ext}", data))
    for i in range(30):  # DOCX whose zip is fine but whose XML is not
        cases.append((f"xml{i:03d}.docx", _mutate_docx_xml(docx, rng)))
    for i in range(40):  # truncated real files
        name = rng.choice(names)
        data = seeds[name]
        cases.append((f"cut{i:03d}{Path(name).suffix}", data[: rng.randrange(max(1, len(data)))]))
    magics = [b"%PDF-1.7\n", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"\x00\x00\x00\x18ftypheic",
              b"\xef\xbb\xbf", b"\xff\xfe", b""]
    for i in range(50):  # random bytes, some behind a real magic number
        body = rng.choice(magics) + rng.randbytes(rng.choice([0, 1, 17, 512, 4096, 65536]))
        cases.append((f"rnd{i:03d}{rng.choice(EXTENSIONS)}", body))
    cases += [  # bombs and liars
        ("bomb.docx", bombs.zip_bomb_docx(docx)), ("parts.docx", bombs.many_parts_docx(docx)),
        ("bomb.png", bombs.png_bomb()), ("wide.png", bombs.png_bomb(60_000, 2_000)),
        ("deep.pdf", bombs.deep_pdf()), ("cyclic.pdf", bombs.cyclic_pdf()),
        ("selfref.pdf", bombs.self_referencing_pdf()), ("many.pdf", bombs.many_pages_pdf()),
        ("flate.pdf", bombs.flate_bomb_pdf()), ("huge.pdf", bombs.huge_page_pdf()),
        ("nul.txt", bytes(10_000)), ("bom-only.txt", b"\xff\xfe"), ("crlf.md", b"\r\n" * 5000),
    ]
    return cases


@pytest.fixture(scope="module")
def cases(files_dir, en_pdf, zh_pdf, docx_file, gb18030_txt, paged_txt) -> list[tuple[str, bytes]]:
    # a small photo of four short lines: its mutants exercise the image decoders and OCR quickly
    small = page_image(["5. Liquidated Damages", "USD 5,000,000 or five", "times all amounts", "whichever is higher."],
                       size=28, margin=20).crop((0, 0, 400, 240))
    jpg, png = io.BytesIO(), io.BytesIO()
    small.convert("RGB").save(jpg, "JPEG", quality=60)
    small.save(png, "PNG")
    # a small scanned page (a receipt-sized strip): OCR of its mutants stays quick
    scan = image_pdf([small], files_dir / "fuzz_scan.pdf", size=(200, 120)).read_bytes()
    seeds = {
        "en.pdf": en_pdf.read_bytes(), "zh.pdf": zh_pdf.read_bytes(), "scan.pdf": scan,
        "talent.docx": docx_file.read_bytes(), "gb.txt": gb18030_txt.read_bytes(), "pages.txt": paged_txt.read_bytes(),
        "utf16.txt": "\n".join(ZH_CONTRACT[1]).encode("utf-16"), "strip.jpg": jpg.getvalue(), "strip.png": png.getvalue(),
    }
    built = build_cases(seeds, seeds["talent.docx"], random.Random(SEED))
    assert len(built) >= 300
    return built


@pytest.fixture(scope="module")
def fuzz_settings(settings):
    return dataclasses.replace(settings, limits=dataclasses.replace(Limits(), **FUZZ_LIMITS))


def test_fuzz_screen_raises_only_project_errors_within_bounds(cases, fuzz_settings):
    from contract_guard.pipeline import Screener

    screener = Screener(fuzz_settings)
    screener.screen("\n".join(EN_CONTRACT[0]).encode(), "warm-up.txt")  # lazy loading is not a case's time
    bound = fuzz_settings.limits.hard_seconds + 5  # + screening the text once it is read
    outcomes: dict[str, int] = {}
    slow = []
    for name, data in cases:
        started = time.monotonic()
        try:
            screener.screen(data, name)
            outcome = "screened"
        except ContractGuardError as exc:
            outcome = type(exc).__name__
            assert exc.message("en") and exc.message("zh")
        elapsed = time.monotonic() - started
        if elapsed > bound:
            slow.append((name, round(elapsed, 1)))
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    assert not slow, f"cases over the {bound:g} s bound: {slow}"
    assert outcomes.get("screened", 0) >= 20 and len(outcomes) >= 6, outcomes  # the mutations reach the engine


def test_fuzz_cli_screens_the_whole_batch(cases, tmp_path, monkeypatch, capsys):
    from contract_guard import cli, pipeline

    folder = tmp_path / "inbox"
    folder.mkdir()
    paths = []
    for i, (name, data) in enumerate(cases[::3]):  # a third of the cases (the API test has them all)
        path = folder / (f"{i:03d}-{name}" if Path(name).suffix else f"{i:03d}-{name}")
        path.write_bytes(data)
        paths.append(str(path))
    for key, value in (("CONTRACT_GUARD_OCR_PAGES", "1"), ("CONTRACT_GUARD_OCR_SECONDS", "4"),
                       ("CONTRACT_GUARD_DATA", str(tmp_path / "data"))):
        monkeypatch.setenv(key, value)
    pipeline._screener_for.cache_clear()
    try:
        code = cli.main(["scan", *paths, "--out", str(tmp_path / "out"), "--format", "json", "--quiet"])
    finally:
        pipeline._screener_for.cache_clear()
    err = capsys.readouterr().err
    assert code in (0, 1)
    failed = [line for line in err.splitlines() if line.startswith("failed: ")]
    assert "internal error" not in err and "Traceback" not in err
    written = len(list((tmp_path / "out").glob("*.json")))
    assert written + len(failed) == len(paths), err[-2000:]
