"""The screening engine: retrievers propose, rules decide, findings explain themselves.

For each clause the vector retriever (Chroma) and the lexical retriever (BM25) propose
candidate patterns; every pattern's rules then decide (rules are cheap, so they run for
all patterns, and a pattern no retriever proposed can still be decided by its rules).
A finding records which matchers agreed, the closest exemplar and the terms that decided,
so a reader — or a test — can see why it was raised.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..config import Settings
from ..library.loader import Library
from ..library.schema import Pattern
from ..models import SEVERITY_ORDER, Candidate, Clause, ClauseRef, Evidence, Finding
from ..retrieval.fusion import fuse
from ..retrieval.lexical import LexicalRetriever
from ..retrieval.vector import VectorRetriever
from .decide import RuleDecider, RuleDecision
from .rules import bound_party, is_mutual



@dataclass
class Analysis:
    findings: list[Finding]
    candidates: dict[int, list[Candidate]]
    timings_ms: dict[str, float] = field(default_factory=dict)


class Engine:
    def __init__(self, library: Library, settings: Settings, *, vector: bool = True, lexical: bool = True,
                 full_retrieval: bool = False) -> None:
        self.library = library
        self.full_retrieval = full_retrieval
        self.settings = settings
        self.decider = RuleDecider(library)
        self.vector = VectorRetriever(library, settings) if vector else None
        self.lexical = LexicalRetriever(library) if lexical else None

    # ------------------------------------------------------------------ retrieval
    def candidates(self, clauses: list[Clause], k: int = 8, *, vector_for: set[int] | None = None) -> dict[int, list[Candidate]]:
        """Fused vector + lexical candidates per clause. `vector_for` limits the (slower)
        vector retriever to those clause indexes; None means every clause."""
        texts = [c.text for c in clauses]
        rankings: dict[str, list] = {}
        if self.lexical is not None:
            rankings["lexical"] = self.lexical.search(texts, k=k)
        if self.vector is not None:
            pick = [i for i, c in enumerate(clauses) if vector_for is None or c.index in vector_for]
            hits = self.vector.search(self.vector.embed([texts[i] for i in pick]), k=k)
            rankings["vector"] = [[] for _ in clauses]
            for i, h in zip(pick, hits):
                rankings["vector"][i] = h
        return {
            c.index: fuse(c.index, {name: hits[i] for name, hits in rankings.items()}, top=k)
            for i, c in enumerate(clauses)
        }

    # ------------------------------------------------------------------ decision
    def analyse(self, clauses: list[Clause], *, deal_type: str | None, lang: str,
                full_retrieval: bool | None = None, creator: str = "b") -> Analysis:
        """Findings for the clauses. Offline, the vector retriever embeds only the clauses the
        rules decided on (its score is evidence and confidence); with full_retrieval every
        clause is embedded, as a reviewer (the LLM) needs candidates for all of them."""
        full = self.full_retrieval if full_retrieval is None else full_retrieval
        t0 = time.perf_counter()
        allowed = None
        if deal_type is not None:
            allowed = {p.id for p in self.library.patterns if deal_type in p.deal_types}
        decisions = {c.index: self.decider.decide(c, allowed, creator) for c in clauses}
        t1 = time.perf_counter()
        cands = self.candidates(clauses, vector_for=None if full else {i for i, d in decisions.items() if d})
        t2 = time.perf_counter()
        best: dict[tuple[int, str], Finding] = {}
        for clause in clauses:
            by_pattern = {c.pattern_id: c for c in cands.get(clause.index, [])}
            for decision in decisions[clause.index]:
                for finding in self._findings(clause, decision, by_pattern.get(decision.pattern.id), lang):
                    key = (clause.index, finding.category)
                    if key not in best or _rank(finding) > _rank(best[key]):
                        if key in best:  # keep the other matchers' agreement visible
                            finding.method = sorted(set(finding.method) | set(best[key].method), key=_METHOD_ORDER.index)
                        best[key] = finding
        findings = sorted(best.values(), key=lambda f: (f.clause.start, -SEVERITY_ORDER[f.severity]))
        return Analysis(findings, cands, {"decide": 1000 * (t1 - t0), "retrieve": 1000 * (t2 - t1)})

    def _findings(self, clause: Clause, d: RuleDecision, cand: Candidate | None, lang: str) -> list[Finding]:
        p = d.pattern
        severity = p.severity
        evidence = [Evidence(matcher="rule", score=1.0, detail=f"{d.hit.lang} rule: {d.hit.explain()}")]
        method: list[str] = ["rule"]
        vec = lex = 0.0
        if cand is not None:
            for name in ("vector", "lexical"):
                if name in cand.scores:
                    method.append(name)
                    evidence.append(Evidence(matcher=name, score=cand.scores[name],
                                             detail=f"{name} retrieval proposed this pattern",
                                             exemplar=cand.exemplars.get(name)))
            vec = cand.scores.get("vector", 0.0)
            lex = 1.0 if "lexical" in cand.scores else 0.0
        if p.rules.mutual == "downgrade" and is_mutual(d.unit):
            severity = "low"
            evidence.append(Evidence(matcher="rule", score=0.0, detail="mutual: both parties hold it, so it is a note"))
        elif p.rules.bound == "creator" and bound_party(d.unit) == "counterparty":
            severity = "low"
            evidence.append(Evidence(matcher="rule", score=0.0,
                                     detail="binds the other side, not the creator, so it is a note"))
        confidence = round(min(0.99, 0.6 + 0.25 * max(0.0, min(1.0, (vec - 0.3) / 0.5)) + 0.14 * lex), 3)
        ref = ClauseRef(text=clause.text, page=clause.page, start=clause.start, end=clause.end, heading=clause.heading)
        out = []
        for concept in p.concepts:
            cuad = p.cuad if concept == p.concept else [c for c in p.cuad if c in self.library.taxonomy.concepts[concept].cuad]
            out.append(Finding(
                pattern_id=p.id, category=concept, title=_title(p, concept, lang, self.library), severity=severity,
                confidence=confidence, clause=ref, why=p.why.get(lang), suggestion=p.suggestion.get(lang),
                counter_clause=p.counter_clause.get(lang), references=list(p.references), cuad=list(cuad),
                method=method, evidence=evidence,
            ))
        return out


_METHOD_ORDER = ["rule", "vector", "lexical", "llm"]


def _rank(f: Finding) -> tuple[int, float]:
    return SEVERITY_ORDER[f.severity], f.confidence


def _title(p: Pattern, concept: str, lang: str, library: Library) -> str:
    if concept == p.concept:
        return p.title.get(lang)
    c = library.taxonomy.concepts[concept]
    return c.zh if lang == "zh" else c.en
