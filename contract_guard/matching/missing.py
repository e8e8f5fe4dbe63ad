"""Missing protections: a check fires when no sentence of the document says the protection."""
from __future__ import annotations

from ..library.loader import Library
from ..library.schema import MissingCheck
from ..models import Clause
from .decide import decision_units
from .rules import CompiledRules
from ..text_norm import scripts


class MissingChecker:
    def __init__(self, library: Library) -> None:
        self.checks = [(c, CompiledRules(c.id, c.present)) for c in library.missing_checks]

    def run(self, clauses: list[Clause], deal_type: str, creator: str = "b") -> list[MissingCheck]:
        relevant = [(c, r) for c, r in self.checks if deal_type in c.deal_types]
        if not relevant:
            return []
        units = [(u, scripts(u)) for cl in clauses for u in decision_units(cl.text, creator)]
        missing = []
        for check, rules in relevant:
            present = any(rules.decide(u, lang) for u, langs in units for lang in langs)
            if not present:
                missing.append(check)
        return missing


# a finding that quotes the very thing a check says is missing proves it is there: a clause found as an
# excessive term states a term, so the contract does not lack one
CONTRADICTED_BY = {"no-term-limit": {"excessive-term"}}


def contradicted(checks: list[MissingCheck], findings_categories: set[str]) -> list[MissingCheck]:
    """The checks that no finding contradicts."""
    return [c for c in checks if not (CONTRADICTED_BY.get(c.id, set()) & findings_categories)]
