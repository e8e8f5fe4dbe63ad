"""`contract-guard library check`: validate the library and run every pattern's own tests.

Like semgrep rule tests: each pattern's `tests.match` sentences must raise the pattern's
concept through the engine, its `tests.no_match` sentences must not, and no test sentence
may equal an indexed exemplar (a test must not pass by retrieving itself).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..matching.text_norm import normalise
from .loader import Library

# texts -> for each text, the set of concepts the engine raised
Analyse = Callable[[Sequence[str]], list[set[str]]]


@dataclass(frozen=True)
class Minimums:
    exemplars_per_lang: int = 8
    tests_per_lang: int = 5


@dataclass
class CheckResult:
    problems: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    tests_run: int = 0
    patterns: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and not self.failures


@dataclass(frozen=True)
class TestCase:
    pattern_id: str
    concept: str
    lang: str
    expect: bool
    text: str


def pattern_test_cases(library: Library, only: str | None = None) -> list[TestCase]:
    cases = []
    for p in library.patterns:
        if only and p.id != only:
            continue
        for lang in ("en", "zh"):
            cases += [TestCase(p.id, p.concept, lang, True, t) for t in p.tests.match.get(lang)]
            cases += [TestCase(p.id, p.concept, lang, False, t) for t in p.tests.no_match.get(lang)]
    return cases


def structural_problems(library: Library, mins: Minimums) -> list[str]:
    problems = list(library.problems)
    exemplars = {normalise(e).casefold(): p.id for p in library.patterns for lang in ("en", "zh") for e in p.exemplars.get(lang)}
    covered = {c for p in library.patterns for c in p.concepts}
    for concept in library.taxonomy.concepts:
        if concept not in covered:
            problems.append(f"concept '{concept}' has no pattern")
    checks = {m.id for m in library.missing_checks}
    for check_id in library.taxonomy.missing:
        if check_id not in checks:
            problems.append(f"missing-protection check '{check_id}' is not written")
    for p in library.patterns:
        for lang in ("en", "zh"):
            n_ex = len(p.exemplars.get(lang))
            if n_ex < mins.exemplars_per_lang:
                problems.append(f"{p.id}: {n_ex} {lang} exemplars (needs {mins.exemplars_per_lang})")
            for kind in ("match", "no_match"):
                n = len(getattr(p.tests, kind).get(lang))
                if n < mins.tests_per_lang:
                    problems.append(f"{p.id}: {n} {lang} {kind} tests (needs {mins.tests_per_lang})")
            if not p.rules.for_lang(lang):
                problems.append(f"{p.id}: no {lang} rules")
            for t in p.tests.match.get(lang) + p.tests.no_match.get(lang):
                owner = exemplars.get(normalise(t).casefold())
                if owner:
                    problems.append(f"{p.id}: test sentence is also an exemplar of {owner}: {t[:60]!r}")
    return problems


def run_check(library: Library, analyse: Analyse, mins: Minimums = Minimums(), only: str | None = None) -> CheckResult:
    result = CheckResult(patterns=len(library.patterns))
    result.problems = structural_problems(library, mins) if only is None else list(library.problems)
    if only is not None and not any(p.id == only for p in library.patterns):
        result.problems.append(f"pattern '{only}' did not load (see the problems above) or does not exist")
    try:
        from ..matching.rules import PatternRules

        for p in library.patterns:
            PatternRules(p)
    except ValueError as exc:
        result.problems.append(str(exc))
        return result
    cases = pattern_test_cases(library, only)
    raised = analyse([c.text for c in cases])
    for case, concepts in zip(cases, raised):
        result.tests_run += 1
        if (case.concept in concepts) != case.expect:
            what = "missed" if case.expect else "falsely raised"
            result.failures.append(f"{case.pattern_id} [{case.lang}] {what} {case.concept}: {case.text}")
    return result
