"""`contract-guard library check`: validate the library and run every pattern's own tests.

Like semgrep rule tests: each pattern's `tests.match` sentences must raise the pattern's
concept through the engine, its `tests.no_match` sentences must not, and no test sentence
may equal an indexed exemplar (a test must not pass by retrieving itself).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..text_norm import normalise
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


# long, list-like texts that make badly written regexes backtrack for seconds
_STRESS = [
    ", ".join(f"the Licensee shall not sell product {i} in territory {i}" for i in range(60)),
    "、".join(f"乙方不得在第{i}个平台发布作品" for i in range(120)) + "。",
    ("word " * 800) + "assign",
]
SLOW_REGEX_SECONDS = 0.25


def _time_regex(source: str) -> float:
    import re
    import time

    rx = re.compile(source, re.IGNORECASE)
    t0 = time.perf_counter()
    for text in _STRESS:
        rx.search(text)
    return time.perf_counter() - t0


def slow_regexes(library: Library, limit: float = SLOW_REGEX_SECONDS) -> list[str]:
    """Rule groups that take too long on adversarial text (catastrophic backtracking). Each runs
    in a worker process that is killed when it overruns, since a regex cannot be interrupted."""
    import multiprocessing as mp

    from ..matching.macros import expand

    jobs = []
    for p in library.patterns:
        for lang in ("en", "zh"):
            for i, rs in enumerate(p.rules.for_lang(lang)):
                for j, group in enumerate(rs.all):
                    jobs.append((f"{p.id}: rules.{lang}[{i}] group {j}", expand("|".join(f"(?:{a})" for a in group))))
    slow: list[str] = []
    ctx = mp.get_context("spawn")
    pool = ctx.Pool(1)
    try:
        pending = [(where, pool.apply_async(_time_regex, (src,))) for where, src in jobs]
        for k, (where, res) in enumerate(pending):
            try:
                dt = res.get(timeout=max(2.0, 8 * limit))
            except mp.TimeoutError:
                slow.append(f"{where} did not finish on a long list (catastrophic backtracking)")
                pool.terminate()
                pool = ctx.Pool(1)  # the rest again, in a fresh worker
                pending[k + 1:] = [(w, pool.apply_async(_time_regex, (src,))) for w, src in jobs[k + 1:]]
                continue
            except Exception as exc:  # noqa: BLE001 - a bad regex is reported by compilation elsewhere
                slow.append(f"{where}: {exc}")
                continue
            if dt > limit:
                slow.append(f"{where} takes {dt:.2f} s on a long list (backtracking?)")
    finally:
        pool.terminate()
    return slow


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
    if only is None:
        result.problems += slow_regexes(library)
    cases = pattern_test_cases(library, only)
    raised = analyse([c.text for c in cases])
    for case, concepts in zip(cases, raised):
        result.tests_run += 1
        if (case.concept in concepts) != case.expect:
            what = "missed" if case.expect else "falsely raised"
            result.failures.append(f"{case.pattern_id} [{case.lang}] {what} {case.concept}: {case.text}")
    return result
