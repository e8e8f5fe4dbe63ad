"""The screening engine: rules give evidence, the learned model judges, findings explain themselves.

For each clause: is it a clause at all (headings, blanks, labels, notes and signature blocks
are never judged)? Every pattern's rules run (behind a literal prefilter) and record what they
saw — concept, polarity, who holds the right, whom a duty binds. The learned decision layer
(`contract_guard.judge`) then scores every (clause, concept) and (clause, CUAD category) with
the rules' evidence as part of its input, and a finding is raised where its probability clears
the head's threshold (chosen out of fold in training). Without a model file the rules decide
alone, as before. Retrieval (vector, lexical) adds the closest exemplar as evidence.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, get_args

from ..config import Settings
from ..judge.clause_kind import ClauseKind, clause_kind, has_blank
from ..judge.features import UnitEvidence, prepare
from ..judge.model import DecisionModel, Verdict
from ..judge.severity import calibrate
from ..library.loader import Library
from ..library.schema import Pattern
from ..library.taxonomy import CUAD_PRIMARY
from ..text_norm import normalise
from ..models import SEVERITY_ORDER, Candidate, Clause, ClauseRef, DealType, Evidence, Finding
from ..retrieval.fusion import fuse
from ..retrieval.lexical import LexicalRetriever
from .decide import RuleDecider, RuleDecision
from .parties import swap_parties
from .rules import bound_party, is_mutual

if TYPE_CHECKING:  # Chroma is imported only when vector retrieval is used (--evidence full, the LLM review)
    from ..retrieval.vector import VectorRetriever


@dataclass
class Examined:
    """One clause after the rules ran: its kind, the rules' decisions and the judge's input."""

    clause: Clause
    kind: ClauseKind
    decisions: list[RuleDecision]
    unit: UnitEvidence
    notes: dict[str, str] = field(default_factory=dict)  # pattern id -> why it is only a note


@dataclass
class Draft:
    """A finding decided but not yet written: which clause, concept and pattern, and why."""

    exam: Examined
    concept: str
    pattern: Pattern
    decision: RuleDecision | None  # the rule that fired, if one did
    prob: float | None = None  # the model's probability (None: the rules decided alone)
    cuad: set[str] = field(default_factory=set)
    cuad_only: bool = False  # only a CUAD head saw it: a commercial category, no creator risk
    doubted: float | None = None  # kept under this threshold because a rule saw a critical risk


@dataclass
class Analysis:
    findings: list[Finding]
    candidates: dict[int, list[Candidate]]
    timings_ms: dict[str, float] = field(default_factory=dict)
    # what the judge saw, for a reviewer that looks at near-misses (the LLM review): every clause examined
    # and the model's verdict on it (None where the rules decided alone)
    examined: list[Examined] = field(default_factory=list)
    verdicts: list[Verdict | None] = field(default_factory=list)


class Engine:
    def __init__(self, library: Library, settings: Settings, *, vector: bool = True, lexical: bool = True,
                 full_retrieval: bool = False, model: DecisionModel | None = None) -> None:
        self.library = library
        self.full_retrieval = full_retrieval
        self.settings = settings
        self.decider = RuleDecider(library)
        self._want_vector = vector
        self._vector: VectorRetriever | None = None
        self.lexical = LexicalRetriever(library) if lexical else None
        self.model = model
        self._cuad_concept = _cuad_to_concept(library)
        self._default_pattern = _default_patterns(library)

    @property
    def vector(self) -> VectorRetriever | None:
        """The Chroma retriever, built on first use (the embedding model and the index load then)."""
        if self._vector is None and self._want_vector:
            from ..retrieval.vector import VectorRetriever

            self._vector = VectorRetriever(self.library, self.settings)
        return self._vector

    @vector.setter
    def vector(self, value: VectorRetriever | None) -> None:
        self._vector, self._want_vector = value, value is not None

    # ------------------------------------------------------------------ retrieval
    def candidates(self, clauses: list[Clause], k: int = 8, *, only: set[int] | None = None,
                   use_vector: bool = True) -> dict[int, list[Candidate]]:
        """Fused vector + lexical candidates per clause. `only` limits retrieval to those clause
        indexes (the others get none); None means every clause."""
        pick = [i for i, c in enumerate(clauses) if only is None or c.index in only]
        texts = [clauses[i].text for i in pick]
        rankings: dict[str, list] = {}
        if self.lexical is not None:
            rankings["lexical"] = self.lexical.search(texts, k=k)
        if use_vector and self.vector is not None:
            rankings["vector"] = self.vector.search(self.vector.embed(texts), k=k)
        out: dict[int, list[Candidate]] = {c.index: [] for c in clauses}
        for n, i in enumerate(pick):
            out[clauses[i].index] = fuse(clauses[i].index, {name: hits[n] for name, hits in rankings.items()}, top=k)
        return out

    # ------------------------------------------------------------------ evidence
    def examine(self, clauses: list[Clause], *, deal_type: str | None, creator: str = "b",
                lang: str = "en", judged: bool = True) -> list[Examined]:
        """Clause kind and rule evidence for every clause: what the judge (and training) reads."""
        allowed = None
        if deal_type is not None and not judged:
            # rules alone decide: a pattern applies only to its deal types. With the model, every pattern's
            # evidence is recorded and the deal type is one more input the model weighs.
            allowed = {p.id for p in self.library.patterns if deal_type in p.deal_types}
        out = []
        for clause in clauses:
            kind = clause_kind(clause.text)
            decisions = self.decider.decide(clause, allowed, creator) if kind.is_clause else []
            notes: dict[str, str] = {}
            concepts: dict[str, str] = {}
            cuad: set[str] = set()
            for d in decisions:
                note = _note_reason(d)
                if note:
                    notes[d.pattern.id] = note
                for c in d.pattern.concepts:
                    if concepts.get(c) != "risk":
                        concepts[c] = "note" if note else "risk"
                cuad.update(d.pattern.cuad)
            unit = UnitEvidence(text=prepare(swap_parties(clause.text, creator)), kind=kind.kind,
                                lang=clause.language if clause.language in ("en", "zh") else lang,
                                deal_type=deal_type or "general", rule_concepts=concepts, rule_cuad=cuad,
                                blank=has_blank(clause.text), heading=normalise(clause.heading or ""))
            out.append(Examined(clause, kind, decisions, unit, notes))
        return out

    # ------------------------------------------------------------------ decision
    def analyse(self, clauses: list[Clause], *, deal_type: str | None, lang: str,
                full_retrieval: bool | None = None, creator: str = "b", use_model: bool = True) -> Analysis:
        """Findings for the clauses. Offline, the retrievers look up only the clauses that carry a
        finding (their scores are evidence); with full_retrieval every clause is looked up, as a
        reviewer (the LLM) needs candidates for all of them."""
        full = self.full_retrieval if full_retrieval is None else full_retrieval
        t0 = time.perf_counter()
        model = self.model if use_model else None
        exam = self.examine(clauses, deal_type=deal_type, creator=creator, lang=lang, judged=model is not None)
        verdicts = model.judge([e.unit for e in exam]) if model is not None else [None] * len(exam)
        t1 = time.perf_counter()
        drafts: list[Draft] = []
        for e, v in zip(exam, verdicts):
            if e.kind.is_clause:
                drafts.extend(self._decide(e, v, model) if v is not None else self._rules_decide(e))
        t2 = time.perf_counter()
        # retrieval is evidence for a finding: offline only the clauses that carry one are looked up
        cands = self.candidates(clauses, only=None if full else {d.exam.clause.index for d in drafts},
                                use_vector=full or self.settings.vector_evidence)
        t3 = time.perf_counter()
        findings = []
        for d in drafts:
            cand = next((c for c in cands.get(d.exam.clause.index, []) if c.pattern_id == d.pattern.id), None)
            findings.append(self._finding(d, cand, lang))
        findings.sort(key=lambda f: (f.clause.start, -SEVERITY_ORDER[f.severity]))
        return Analysis(findings, cands, {"decide": 1000 * (t1 - t0), "judge": 1000 * (t2 - t1),
                                          "retrieve": 1000 * (t3 - t2)}, exam, list(verdicts))

    @staticmethod
    def _by_concept(e: Examined) -> dict[str, list[RuleDecision]]:
        out: dict[str, list[RuleDecision]] = {}
        for d in e.decisions:
            for c in d.pattern.concepts:
                out.setdefault(c, []).append(d)
        return out

    @staticmethod
    def _best(e: Examined, ds: list[RuleDecision]) -> RuleDecision:
        """Of several patterns for one concept: one that is a risk rather than a note, then the most severe."""
        return max(ds, key=lambda d: (d.pattern.id not in e.notes, SEVERITY_ORDER[d.pattern.severity]))

    def _rules_decide(self, e: Examined) -> list[Draft]:
        """Without a model the rules decide: one finding per concept a rule fired for."""
        return [Draft(e, concept, (best := self._best(e, ds)).pattern, best,
                      cuad={k for d in ds for k in _cuad_for(d.pattern, concept, self.library)})
                for concept, ds in self._by_concept(e).items()]

    def _decide(self, e: Examined, v: Verdict, model: DecisionModel) -> list[Draft]:
        """One draft per clause and concept the model finds, carrying the CUAD categories whose head fired
        (and those of the agreeing patterns that have no head); then a note for each CUAD category seen alone."""
        by_concept = self._by_concept(e)
        out: list[Draft] = []
        for concept, c in self.library.taxonomy.concepts.items():
            p = v.concept(concept)
            ds = by_concept.get(concept, [])
            if p is None and not ds:  # no head for this concept (too few examples): the rules decide
                continue
            threshold = model.threshold(f"c:{concept}")
            doubted = None
            if p is not None and p < threshold:
                # a critical risk a rule saw, unnegated, is not dismissed on the model's doubt alone: it stays,
                # one level lower, so nothing that can cost the creator their work, identity or assets
                # disappears from the report silently
                if not (c.severity == "critical" and any(d.pattern.id not in e.notes for d in ds)
                        and not e.unit.negated):
                    continue
                doubted = threshold
            if ds:
                best = self._best(e, ds)
                pattern, decision = best.pattern, best
            elif concept in self._default_pattern:
                pattern, decision = self._default_pattern[concept], None
            else:
                continue
            # a CUAD category is the CUAD head's call (the rules' mapping is one of its inputs); a category
            # with no head of its own (too few examples) is taken from the patterns that agreed
            cuad = {k for d in ds for k in _cuad_for(d.pattern, concept, self.library)
                    if v.cuad(k) is None or self._cuad_fires(v, model, k)}
            cuad |= {k for k, kc in self._cuad_concept.items() if kc == concept and self._cuad_fires(v, model, k)}
            out.append(Draft(e, concept, pattern, decision, p, cuad, doubted=doubted))
        taken = {d.concept for d in out}
        for k, concept in self._cuad_concept.items():
            if concept in taken or not self._cuad_fires(v, model, k):
                continue
            ds = by_concept.get(concept, [])
            pattern = ds[0].pattern if ds else self._default_pattern.get(concept)
            if pattern is not None:
                out.append(Draft(e, concept, pattern, ds[0] if ds else None, v.cuad(k), {k}, cuad_only=True))
                taken.add(concept)
        return out

    @staticmethod
    def _cuad_fires(v: Verdict, model: DecisionModel, category: str) -> bool:
        q = v.cuad(category)
        return q is not None and q >= model.threshold(f"k:{category}")

    def _finding(self, dr: Draft, cand: Candidate | None, lang: str) -> Finding:
        e, concept, p, d, prob = dr.exam, dr.concept, dr.pattern, dr.decision, dr.prob
        evidence: list[Evidence] = []
        method: list[str] = []
        if d is not None:
            method.append("rule")
            evidence.append(Evidence(matcher="rule", score=1.0, detail=f"{d.hit.lang} rule: {d.hit.explain()}"))
        if prob is not None:
            what = (f"CUAD category {', '.join(sorted(dr.cuad))}: not a risk for the creator here, listed as a note"
                    if dr.cuad_only else f"learned model: P({concept}) = {prob:.2f}")
            evidence.append(Evidence(matcher="model", score=round(prob, 3), detail=what))
            method.append("lexical")
        vec = 0.0
        if cand is not None:
            for name in ("vector", "lexical"):
                if name in cand.scores:
                    if name not in method:
                        method.append(name)
                    evidence.append(Evidence(matcher=name, score=cand.scores[name],
                                             detail=f"{name} retrieval proposed this pattern",
                                             exemplar=cand.exemplars.get(name)))
            vec = cand.scores.get("vector", 0.0)
        base = p.severity if d is not None else self.library.taxonomy.concepts[concept].severity
        severity, reasons = calibrate(base, note=e.notes.get(p.id) if d is not None else None, unit=e.unit,
                                      rule_fired=d is not None, prob=prob, cuad_only=dr.cuad_only, doubted=dr.doubted)
        evidence.extend(Evidence(matcher="rule", score=0.0, detail=r) for r in reasons)
        if prob is None:
            confidence = round(min(0.99, 0.6 + 0.25 * max(0.0, min(1.0, (vec - 0.3) / 0.5))
                                   + (0.14 if cand is not None and "lexical" in cand.scores else 0.0)), 3)
        else:
            confidence = round(min(0.99, max(0.01, prob)), 3)
        c = self.library.taxonomy.concepts[concept]
        ref = ClauseRef(text=e.clause.text, page=e.clause.page, start=e.clause.start, end=e.clause.end,
                        heading=e.clause.heading)
        return Finding(
            pattern_id=p.id, category=concept,
            title=p.title.get(lang) if concept == p.concept else (c.zh if lang == "zh" else c.en),
            severity=severity, confidence=confidence, clause=ref, why=p.why.get(lang),
            suggestion=p.suggestion.get(lang), counter_clause=p.counter_clause.get(lang),
            references=list(p.references), cuad=sorted(dr.cuad), method=method, evidence=evidence,
        )


def _note_reason(d: RuleDecision) -> str | None:
    rules = d.pattern.rules
    if rules.mutual == "downgrade" and is_mutual(d.unit):
        return "mutual: both parties hold it, so it is a note"
    if rules.bound == "creator" and bound_party(d.unit) == "counterparty":
        return "binds the other side, not the creator, so it is a note"
    return None


def _cuad_for(p: Pattern, concept: str, library: Library) -> list[str]:
    if concept == p.concept:
        return list(p.cuad)
    return [c for c in p.cuad if c in library.taxonomy.concepts[concept].cuad]


def _cuad_to_concept(library: Library) -> dict[str, str]:
    """Each CUAD category's concept (the first the taxonomy lists for it, unless taxonomy.CUAD_PRIMARY says)."""
    out: dict[str, str] = {}
    for cid, c in library.taxonomy.concepts.items():
        for k in c.cuad:
            out.setdefault(k, CUAD_PRIMARY.get(k, cid))
    return out


def _default_patterns(library: Library) -> dict[str, Pattern]:
    """The pattern that explains a concept when the model finds it without any rule firing:
    the concept's first pattern (by id) that applies to every deal type, else its first."""
    every = set(get_args(DealType))
    out: dict[str, Pattern] = {}
    for p in sorted(library.patterns, key=lambda p: (set(p.deal_types) != every, p.id)):
        out.setdefault(p.concept, p)
    return out
