"""The command line: a thin layer over the library API.

Exit status: 0 all inputs screened, 1 some inputs failed (each named with its reason), 2 usage error.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import ContractGuardError


def _cmd_library_check(args: argparse.Namespace) -> int:
    from .library.check import Minimums, run_check
    from .library.loader import load_library
    from .config import get_settings

    settings = get_settings()
    library = load_library(Path(args.library) if args.library else settings.library_dir, strict=False)
    if args.rules_only:
        from .matching.quick import rules_only_analyse

        analyse = rules_only_analyse(library)
    else:
        from .pipeline import Screener

        analyse = Screener(settings, library=library).concepts_for_texts
    result = run_check(library, analyse, Minimums(), only=args.pattern)
    for line in result.problems:
        print(f"problem: {line}")
    for line in result.failures:
        print(f"FAIL: {line}")
    print(f"{result.patterns} patterns, {result.tests_run} test sentences, "
          f"{len(result.failures)} failed, {len(result.problems)} problems")
    return 0 if result.ok else 1


def _cmd_eval(args: argparse.Namespace) -> int:
    from .evaluation.run import evaluate, format_table, scores_json
    from .pipeline import get_screener

    if not (args.folder / "labels.jsonl").is_file():
        print(f"error: {args.folder} has no labels.jsonl (expected the layout of shared/data/cuad-dev)", file=sys.stderr)
        return 2
    progress = None
    if not args.quiet:
        from tqdm import tqdm

        progress = tqdm(unit="contract", file=sys.stderr, dynamic_ncols=True)
    screener = None if args.reports else get_screener()
    data, scores, failures = evaluate(args.folder, screener, prefer=args.input, progress=progress, reports=args.reports)
    if progress is not None:
        progress.close()
    print(format_table(data, scores))
    for f in failures:
        print(f"failed: {f}", file=sys.stderr)
    if args.json:
        args.json.write_text(scores_json(scores), encoding="utf-8")
    return 1 if failures else 0


def _cmd_library_docs(args: argparse.Namespace) -> int:
    from .config import get_settings
    from .library.catalogue import render_catalogue
    from .library.loader import load_library

    text = render_catalogue(load_library(get_settings().library_dir))
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


def _build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="contract-guard", description="Screen contracts for terms that hurt creators.")
    ap.add_argument("--version", action="version", version=f"contract-guard {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    from .scan_cmd import add_scan_parser

    add_scan_parser(sub)

    ev = sub.add_parser("eval", help="score the screener on a labelled folder (labels.jsonl + pdf/ or txt/)")
    ev.add_argument("folder", type=Path)
    ev.add_argument("--input", choices=("pdf", "txt"), default="pdf", help="which copy to screen when both exist")
    ev.add_argument("--json", type=Path, help="also write the scores as JSON here")
    ev.add_argument("--reports", type=Path, help="score these reports instead of screening (e.g. the out-of-fold "
                                                 "reports of `contract-guard validate --out DIR`: DIR/<set>)")
    ev.add_argument("--quiet", action="store_true")
    ev.set_defaults(func=_cmd_eval)

    lib = sub.add_parser("library", help="work with the clause library")
    lib_sub = lib.add_subparsers(dest="library_command", required=True)
    chk = lib_sub.add_parser("check", help="validate the library and run every pattern's tests")
    chk.add_argument("--library", help="library folder (default: the bundled clause_library/)")
    chk.add_argument("--pattern", help="run only this pattern's tests")
    chk.add_argument("--rules-only", action="store_true", help="decide with the rules alone (fast, for authoring)")
    chk.set_defaults(func=_cmd_library_check)
    docs = lib_sub.add_parser("docs", help="write the library catalogue (Markdown) for lawyers to review")
    docs.add_argument("--out", type=Path, help="file to write (default: stdout)")
    docs.set_defaults(func=_cmd_library_docs)

    from .judge_cmd import add_parsers as add_judge_parsers

    add_judge_parsers(sub, lib_sub)

    from .admin_cmd import add_parser as add_admin_parser

    add_admin_parser(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 2 for usage errors, 0 for --help
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except ContractGuardError as exc:
        print(f"error: {exc.message('en')}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
