"""`contract-guard scan PATH…`: screen files and folders, one report per input.

Exit status: 0 when every input was screened, 1 when some failed (each is named with
its reason on stderr and the batch goes on), 2 for usage errors.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from .errors import ContractGuardError
from .readers import SUPPORTED_SUFFIXES

log = logging.getLogger(__name__)
FORMATS = ("json", "md", "html", "docx")


def add_scan_parser(sub) -> None:
    p = sub.add_parser("scan", help="screen contracts (files or folders) and write risk reports")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                   help="contract files (PDF, DOCX, TXT, MD; scans and photos: PNG, JPG, HEIC) or folders")
    p.add_argument("--format", choices=FORMATS, default="md", help="report format (default: md)")
    p.add_argument("--out", type=Path, help="folder for the reports, one <stem>.<format> per input")
    p.add_argument("--password", help="password for protected PDFs")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--evidence", choices=("fast", "full"), default="fast",
                   help="fast: rules, the learned model and lexical retrieval (default); full: also vector "
                        "similarity to the library's exemplars in Chroma (slower; it changes no finding)")
    p.add_argument("--llm", action="store_true",
                   help="opt in: send the candidate clauses (redacted, never the whole contract) to the LLM endpoint "
                        "set by CONTRACT_GUARD_LLM_MODEL / CONTRACT_GUARD_LLM_BASE_URL / CONTRACT_GUARD_LLM_API_KEY "
                        "for review; any failure gives the offline report with a warning")
    p.add_argument("--jobs", type=int, default=0, metavar="N",
                   help="contracts screened at once when there are several (default: one per CPU core; 1: one by one). "
                        "With --llm, one by one")
    p.set_defaults(func=run_scan)


def cpu_cores() -> int:
    """The CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_jobs(files: int) -> int:
    return max(1, min(cpu_cores(), files))


def collect_inputs(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to screen (folders expanded, sorted) and inputs that failed before screening."""
    files: list[Path] = []
    failed: list[tuple[Path, str]] = []
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                failed.append((p, "the folder holds no PDF, DOCX, TXT, MD or image file"))
            files += found
        elif p.is_file():
            files.append(p)
        else:
            failed.append((p, "no such file or folder"))
    return files, failed


def _out_name(path: Path, fmt: str, used: set[str]) -> str:
    name = f"{path.stem}.{fmt}"
    if name in used:  # a.pdf and a.docx in one batch: keep both
        name = f"{path.stem}{path.suffix.replace('.', '_')}.{fmt}"
    used.add(name)
    return name


def _ocr_progress(path: Path, bar, quiet: bool):
    """Page-by-page OCR progress: on the batch bar, or one line per page on stderr."""
    if quiet:
        return None

    def report(done: int, total: int) -> None:
        if bar is not None:
            bar.set_postfix_str(f"{path.name[:30]} OCR {done}/{total}")
        else:
            print(f"{path.name}: OCR page {done}/{total}", file=sys.stderr, flush=True)

    return report


def run_scan(args: argparse.Namespace) -> int:
    from .pipeline import get_screener

    llm = None
    if args.llm:
        from .llm.settings import llm_settings

        try:
            llm = llm_settings().check()
        except ContractGuardError as exc:
            print(f"error: {exc.message('en')}", file=sys.stderr)
            return 2
    files, failed = collect_inputs(args.paths)
    if args.out is None and len(files) > 1:
        print("error: several inputs need --out DIR (one report per input)", file=sys.stderr)
        return 2
    if args.out is None and args.format == "docx":
        print("error: --format docx needs --out DIR (a Word file is not text for stdout)", file=sys.stderr)
        return 2
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
    progress = None
    if len(files) > 1 and not args.quiet:
        from tqdm import tqdm

        progress = tqdm(total=len(files), unit="contract", file=sys.stderr, dynamic_ncols=True)
    import dataclasses

    from .config import get_settings

    settings = dataclasses.replace(get_settings(), vector_evidence=args.evidence == "full")
    screener = get_screener(settings) if files else None
    jobs = args.jobs if args.jobs > 0 else default_jobs(len(files))
    if llm is not None or len(files) < 2 or "fork" not in _start_methods():
        jobs = 1
    used: set[str] = set()
    if jobs == 1:
        outcomes = (_screen_one(screener, path, args, llm, _ocr_progress(path, progress, args.quiet), progress)
                    for path in files)
    else:
        outcomes = _screen_parallel(screener, files, args, jobs)
    for path, (text, problem, warning) in zip(files, outcomes):
        if warning:
            print(f"warning: {path.name}: {warning}", file=sys.stderr)
        if problem is not None:
            failed.append((path, problem))
        elif args.out is None:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        elif isinstance(text, bytes):  # docx
            (args.out / _out_name(path, args.format, used)).write_bytes(text)
        else:
            (args.out / _out_name(path, args.format, used)).write_text(text, encoding="utf-8")
        if progress is not None:
            progress.update(1)
    if progress is not None:
        progress.close()
    for path, reason in failed:
        print(f"failed: {path}: {reason}", file=sys.stderr)
    if len(files) > 1 or failed:
        print(f"{len(files) - sum(1 for p, _ in failed if p in files)}/{len(files)} screened"
              + (f", {len(failed)} failed" if failed else ""), file=sys.stderr)
    return 1 if failed else 0


Outcome = tuple["str | bytes | None", "str | None", "str | None"]  # (rendered report, why it failed, warning)


def _internal_error(exc: BaseException) -> str:
    return f"internal error ({exc.__class__.__name__}); please report this file"


def _screen_one(screener, path: Path, args: argparse.Namespace, llm, ocr_progress=None, bar=None) -> Outcome:
    """One contract screened and rendered (`bar` shows which); a bad file is a reason, never an exception."""
    from .report.render import render

    if bar is not None:
        bar.set_postfix_str(path.name[:40])
    try:
        report = screener.screen(path, password=args.password, llm=llm, progress=ocr_progress)
        warning = None
        if report.tool.llm is not None and report.tool.llm.status in ("failed", "partial"):
            warning = f"LLM review {report.tool.llm.status}: {'; '.join(report.tool.llm.warnings)}"
        return render(report, args.format), None, warning
    except ContractGuardError as exc:
        return None, exc.message("en"), None
    except Exception as exc:  # noqa: BLE001 - one bad file must not sink the batch
        log.debug("unexpected failure on %s", path, exc_info=True)
        return None, _internal_error(exc), None


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


_WORKER: tuple | None = None  # (screener, args) in a forked worker: inherited from the parent, built once


def _worker_screen(path: str) -> Outcome:
    screener, args = _WORKER
    return _screen_one(screener, Path(path), args, None)


def _screen_parallel(screener, files: list[Path], args: argparse.Namespace, jobs: int):
    """Screen the files in `jobs` forked processes that share the parent's loaded library and model
    (copy-on-write, no second start-up); outcomes come back in the files' order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER
    _WORKER = (screener, args)
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_worker_screen, str(p)) for p in files]
            for fut in futures:
                try:
                    yield fut.result()
                except Exception as exc:  # noqa: BLE001 - a worker that died (out of memory, killed)
                    yield None, _internal_error(exc), None
    finally:
        _WORKER = None
