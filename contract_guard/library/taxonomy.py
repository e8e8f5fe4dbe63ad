"""The risk concepts (clause_library/taxonomy.yaml, the project's copy of the shared taxonomy)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: ~10x faster


# the concept a CUAD category stands for, where the taxonomy lists it under more than one
CUAD_PRIMARY = {"IP Ownership Assignment": "ip-assignment", "Uncapped Liability": "uncapped-liability",
                "No-Solicit of Customers": "non-compete", "Volume Restriction": "minimum-commitment",
                "Price Restrictions": "most-favored-terms", "Unlimited/All-You-Can-Eat-License": "perpetual-exclusive-license"}


@dataclass(frozen=True)
class Concept:
    id: str
    en: str
    zh: str
    severity: str
    cuad: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    concepts: dict[str, Concept]
    missing: dict[str, dict[str, str]]

    @classmethod
    def load(cls, path: Path) -> "Taxonomy":
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
        concepts = {
            c["id"]: Concept(c["id"], c["en"], c["zh"], c["severity"], tuple(c.get("cuad") or ()))
            for c in raw["concepts"]
        }
        missing = {m["id"]: {"en": m["en"], "zh": m["zh"]} for m in raw.get("missing_protections", [])}
        return cls(concepts, missing)
