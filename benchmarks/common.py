"""What the benchmarks share: where the CUAD dev PDFs are, and the contracts of a folder."""
from __future__ import annotations

import sys
from pathlib import Path

from contract_guard.readers import SUPPORTED_SUFFIXES

ROOT = Path(__file__).resolve().parents[1]
CUAD_DEV_PDF = ROOT.parent / "shared" / "data" / "cuad-dev" / "pdf"


def contract_files(folder: Path, limit: int = 0) -> list[Path]:
    """The contracts in `folder` (sorted; the first `limit` when given); says so on stderr when there are none."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
    files = files[:limit] if limit else files
    if not files:
        print(f"no contracts in {folder}", file=sys.stderr)
    return files
