"""Load and validate the clause library: patterns/*.yaml, missing/*.yaml, taxonomy.yaml."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: ~10x faster
from pydantic import ValidationError

from ..errors import LibraryError
from .schema import Combination, MissingCheck, Pattern
from .taxonomy import Taxonomy


@dataclass
class Library:
    root: Path
    taxonomy: Taxonomy
    patterns: list[Pattern]
    missing_checks: list[MissingCheck]
    version: str
    combinations: list[Combination] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def pattern(self, pattern_id: str) -> Pattern:
        for p in self.patterns:
            if p.id == pattern_id:
                return p
        raise KeyError(pattern_id)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.y*ml") if p.is_file()) if folder.is_dir() else []


def content_hash(root: Path) -> str:
    """Hash of every library file's name and bytes: the index is rebuilt when this changes."""
    h = hashlib.sha256()
    for p in sorted(root.rglob("*.y*ml")):
        h.update(p.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _load_yaml(path: Path, problems: list[str]) -> object | None:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(f"{path.name}: not valid YAML ({exc.__class__.__name__}: {str(exc).splitlines()[0]})")
        return None


def _validate(model: type, raw: object, path: Path, problems: list[str]):
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors()[:5]:
            where = ".".join(str(x) for x in err["loc"])
            problems.append(f"{path.name}: {where}: {err['msg']}")
        return None


def load_library(root: Path, *, strict: bool = True) -> Library:
    """Read the library under `root`. With strict=True any problem raises LibraryError."""
    problems: list[str] = []
    tax_path = root / "taxonomy.yaml"
    if not tax_path.is_file():
        raise LibraryError(problem=f"{tax_path} is missing")
    taxonomy = Taxonomy.load(tax_path)
    patterns: list[Pattern] = []
    for path in _files(root / "patterns"):
        raw = _load_yaml(path, problems)
        p = _validate(Pattern, raw, path, problems) if raw is not None else None
        if p is None:
            continue
        if p.id != path.stem:
            problems.append(f"{path.name}: id '{p.id}' differs from the file name")
        for c in p.concepts:
            if c not in taxonomy.concepts:
                problems.append(f"{path.name}: concept '{c}' is not in taxonomy.yaml")
        patterns.append(p)
    checks: list[MissingCheck] = []
    for path in _files(root / "missing"):
        raw = _load_yaml(path, problems)
        m = _validate(MissingCheck, raw, path, problems) if raw is not None else None
        if m is not None:
            if m.id not in taxonomy.missing:
                problems.append(f"{path.name}: check '{m.id}' is not a missing_protections id in taxonomy.yaml")
            checks.append(m)
    combinations: list[Combination] = []
    comb_path = root / "combinations.yaml"
    if comb_path.is_file():
        raw = _load_yaml(comb_path, problems)
        for item in raw or []:
            c = _validate(Combination, item, comb_path, problems)
            if c is None:
                continue
            for concept in (x for group in c.requires for x in group):
                if concept not in taxonomy.concepts:
                    problems.append(f"combinations.yaml: {c.id}: concept '{concept}' is not in taxonomy.yaml")
            combinations.append(c)
    ids = [p.id for p in patterns]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"pattern id '{dup}' is used twice")
    if strict and problems:
        raise LibraryError(problem="; ".join(problems[:3]) + (f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""))
    return Library(root, taxonomy, patterns, checks, content_hash(root), combinations, problems)

