"""Time PDF text extraction over a folder of PDFs.

Usage (from the project root):

    .venv/bin/python benchmarks/extract_speed.py [FOLDER] [--engine reader|pypdfium2|pypdf|all]
                                                 [--max-seconds 120] [--limit N]

FOLDER defaults to ../shared/data/cuad-dev/pdf (relative to the project root).

Engines:
  reader     contract_guard.readers.read_document (what the pipeline runs: open, decrypt check,
             pypdfium2 extraction, normalisation, language detection), with the default Limits
  pypdfium2  raw pypdfium2: open + get_text_range() on every page
  pypdf      raw pypdf: open + extract_text() on every page; stops a file after --max-seconds
             (pypdf needs minutes on some CUAD files), and says how many files were cut

Prints, per engine: files, pages, total seconds, mean seconds per file, max seconds per file
(and which file), pages per second.
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
DEFAULT_FOLDER = PROJECT_DIR.parent / "shared" / "data" / "cuad-dev" / "pdf"


@dataclass
class Run:
    """Timings of one engine over the folder."""

    engine: str
    seconds: list[float] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    chars: list[int] = field(default_factory=list)
    cut: int = 0
    failed: int = 0


def _pdfium(data: bytes, max_seconds: float) -> tuple[int, int, bool]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        chars = 0
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return len(pdf), chars, False
    finally:
        pdf.close()


def _pypdf(data: bytes, max_seconds: float) -> tuple[int, int, bool]:
    from pypdf import PdfReader

    start = time.perf_counter()
    reader = PdfReader(io.BytesIO(data))
    chars = 0
    for done, page in enumerate(reader.pages, start=1):
        chars += len(page.extract_text() or "")
        if time.perf_counter() - start > max_seconds and done < len(reader.pages):
            return done, chars, True
    return len(reader.pages), chars, False


def _reader(data: bytes, max_seconds: float) -> tuple[int, int, bool]:
    from contract_guard.readers import read_document

    doc = read_document(data, "contract.pdf")
    return doc.pages, len(doc.text), bool(doc.notices)


ENGINES: dict[str, Callable[[bytes, float], tuple[int, int, bool]]] = {
    "reader": _reader,
    "pypdfium2": _pdfium,
    "pypdf": _pypdf,
}


def run(engine: str, files: list[Path], max_seconds: float) -> Run:
    """Extract every file with `engine`, timing each."""
    result = Run(engine)
    extract = ENGINES[engine]
    for path in files:
        data = path.read_bytes()
        start = time.perf_counter()
        try:
            pages, chars, cut = extract(data, max_seconds)
        except Exception as exc:  # a benchmark reports failures, it does not stop on them
            result.failed += 1
            print(f"  {engine}: {path.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        result.seconds.append(time.perf_counter() - start)
        result.pages.append(pages)
        result.chars.append(chars)
        result.names.append(path.name)
        result.cut += int(cut)
    return result


def describe(result: Run) -> str:
    """One block of numbers for one engine."""
    if not result.seconds:
        return f"{result.engine}: no file extracted ({result.failed} failed)"
    total = sum(result.seconds)
    worst = max(range(len(result.seconds)), key=result.seconds.__getitem__)
    pages = sum(result.pages)
    lines = [
        f"{result.engine}:",
        f"  files {len(result.seconds)} (failed {result.failed}, "
        f"{'with notices' if result.engine == 'reader' else 'cut short'} {result.cut}), pages {pages}, "
        f"chars {sum(result.chars):,}",
        f"  total {total:.2f} s, mean {total / len(result.seconds):.3f} s/file, "
        f"max {result.seconds[worst]:.3f} s ({result.names[worst]}, {result.pages[worst]} pages)",
        f"  {pages / total if total else float('inf'):.0f} pages/s",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--engine", choices=[*ENGINES, "all"], default="all")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="per-file cap for raw pypdf")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    args = parser.parse_args(argv)

    files = sorted(p for p in args.folder.iterdir() if p.suffix.lower() == ".pdf")
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"no PDF in {args.folder}", file=sys.stderr)
        return 1
    engines = list(ENGINES) if args.engine == "all" else [args.engine]
    import contract_guard.readers  # noqa: F401  (imports are not extraction: keep them out of the timings)
    print(f"{len(files)} PDFs in {args.folder}")
    for engine in engines:
        print(describe(run(engine, files, args.max_seconds)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
