"""Typed data that flows through the pipeline: Document -> Clause -> Candidate -> Finding -> Report.

The report models mirror `schema/report.schema.json` (the project's copy of the
shared schema); `Report.to_json()` is what `contract-guard scan --format json` writes.
"""
from __future__ import annotations

import bisect
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Language = Literal["en", "zh", "mixed", "unknown"]
Severity = Literal["critical", "high", "medium", "low"]
RiskLevel = Literal["critical", "high", "medium", "low", "none"]
Method = Literal["rule", "vector", "lexical", "llm"]
Matcher = Literal["rule", "vector", "lexical", "llm", "model"]
DealType = Literal["investment", "ip", "agency", "commission", "general"]

SEVERITY_ORDER: dict[str, int] = {"none": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


# --------------------------------------------------------------------------- documents
LOW_OCR_CONFIDENCE = 0.85  # a page (or line) read by OCR below this mean confidence is flagged to the reader


class OcrPage(BaseModel):
    """One page whose text was read by OCR, and how sure the recogniser was."""

    page: int = Field(ge=1)
    confidence: float = Field(ge=0, le=1, description="mean recogniser confidence, weighted by characters")
    lines: int = Field(ge=0)
    low_confidence_lines: int = Field(default=0, ge=0, description=f"lines read with confidence below {LOW_OCR_CONFIDENCE}")
    rotated: float = Field(default=0.0, description="degrees the page was turned to read it (deskew, 90/180)")

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_OCR_CONFIDENCE


class Document(BaseModel):
    """Extracted text of one file. `page_starts[i]` is the offset where page i+1 begins."""

    model_config = ConfigDict(frozen=True)

    filename: str
    sha256: str
    kind: Literal["pdf", "docx", "text", "image"]
    text: str
    page_starts: list[int] = Field(default_factory=lambda: [0])
    pages: int = 1
    ocr: bool = False
    ocr_pages: list[OcrPage] = Field(default_factory=list, description="pages read by OCR, with confidence")
    language: Language = "unknown"
    notices: list[str] = Field(default_factory=list, description="bounds that cut in, pages that failed")

    def page_of(self, offset: int) -> int | None:
        """1-based page holding `offset` (None for formats without pages)."""
        if self.kind in ("text", "image") and self.pages <= 1:
            return 1
        return bisect.bisect_right(self.page_starts, offset) if self.page_starts else None


# --------------------------------------------------------------------------- clauses
class Clause(BaseModel):
    """A unit of the contract: a numbered clause, or a run of sentences of a long one."""

    index: int
    text: str
    start: int
    end: int
    page: int | None
    heading: str | None = None
    number: str | None = None
    language: Language = "unknown"


# --------------------------------------------------------------------------- evidence
class Evidence(BaseModel):
    """Why a matcher proposed or decided a finding (the Presidio-style explanation)."""

    matcher: Matcher
    score: float
    detail: str
    exemplar: str | None = None


class Candidate(BaseModel):
    """A (clause, pattern) pair proposed by a retriever, with each retriever's score."""

    clause_index: int
    pattern_id: str
    scores: dict[str, float] = Field(default_factory=dict)
    exemplars: dict[str, str] = Field(default_factory=dict)


# --------------------------------------------------------------------------- report
class ClauseRef(BaseModel):
    text: str = Field(min_length=1)
    page: int | None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    heading: str | None = None


class Exposure(BaseModel):
    """What a clause can cost the creator (or pays them), in money: the numbers it states, the base a
    multiple or share is taken of, and one plain sentence. `status` is "computed" when the contract's own
    numbers fix the sum, "check" when they do not (a multiple of revenue, a rate without a principal) and
    "blank" when the amount is left to fill in: then the sentence says what to check, never a guess."""

    direction: Literal["owe", "pay"]
    status: Literal["computed", "check", "blank"]
    what: str  # penalty, damages, buyback, refund, training_fee, exit_fee, deduction, payment / fee, advance …
    amount: float | None = None
    currency: str | None = None
    quote: str = Field(description="the amount, multiple or rate as the contract writes it")
    base: str | None = None  # fee, investment, contract_value, advance, revenue, losses
    base_amount: float | None = None
    ratio: float | None = None
    rate: float | None = None
    per: Literal["day", "month", "year"] | None = None
    years: float | None = None
    certain_pay: float | None = None
    times_certain_pay: float | None = None
    capped: bool = False
    guaranteed: bool = False
    formula: str = ""
    sentence: str = ""
    severity_rule: str | None = Field(default=None, description="the money rule that changed the severity, if any")


class Finding(BaseModel):
    pattern_id: str
    category: str
    title: str
    severity: Severity
    confidence: float = Field(ge=0, le=1)
    clause: ClauseRef
    why: str
    suggestion: str
    counter_clause: str | None = None
    references: list[str] = Field(default_factory=list)
    cuad: list[str] = Field(default_factory=list)
    method: list[Method] = Field(min_length=1)
    evidence: list[Evidence] = Field(default_factory=list)
    escalated_by: list[str] = Field(default_factory=list, description="combination rules that raised the severity")
    exposure: Exposure | None = None


class MissingProtection(BaseModel):
    check_id: str
    title: str
    severity: Severity
    why: str
    suggestion: str


class LLMUsage(BaseModel):
    """What the optional LLM review did: what it was asked, what it sent and what it cost."""

    endpoint: str
    model: str
    # complete: every candidate reviewed; partial: some; failed: none (the offline report stands);
    # nothing_to_review: no candidate, nothing sent
    status: Literal["complete", "partial", "failed", "nothing_to_review"]
    prompt_version: str
    clauses: int = Field(0, ge=0, description="clauses that were candidates for review")
    reviewed: int = Field(0, ge=0, description="clauses whose review was applied (fresh or cached)")
    from_cache: int = Field(0, ge=0, description="clauses answered from the cache: nothing sent for them")
    requests: int = Field(0, ge=0, description="HTTP requests made, retries included")
    tokens_in: int = Field(0, ge=0)
    tokens_out: int = Field(0, ge=0)
    token_budget: int = Field(0, ge=0)
    estimated_cost: float | None = Field(None, ge=0, description="None: no price configured for the model")
    currency: str | None = None
    price_per_million: list[float] | None = Field(None, description="input, output price per million tokens")
    characters_sent: int = Field(0, ge=0, description="characters of contract text sent (redacted)")
    document_characters: int = Field(0, ge=0)
    redacted: dict[str, int] = Field(default_factory=dict, description="placeholders by kind (PARTY, ID, …)")
    verdicts: dict[str, int] = Field(default_factory=dict, description="confirmed, downgraded, rejected, unsure, added")
    dropped_quotes: int = Field(0, ge=0, description="judgements dropped because their quote is not in the document")
    left_out: int = Field(0, ge=0, description="candidate clauses not sent: the share of the contract sent is capped")
    warnings: list[str] = Field(default_factory=list)


class ToolInfo(BaseModel):
    name: str = "contract-guard"
    version: str
    library_version: str
    # offline: the findings are the offline engine's own. "llm": a remote model took part in them
    # (remote embeddings, or an LLM review that was applied). `remote_services` names every service
    # contract text was sent to in this run, also an LLM review whose answers could not be used.
    mode: Literal["offline", "llm"] = "offline"
    remote_services: list[str] = Field(default_factory=list)
    judge: str = ""  # what decided the findings: the learned model over the rules, or the rules alone
    llm: LLMUsage | None = None  # the optional LLM review (None: not asked for)


class DocumentInfo(BaseModel):
    filename: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    pages: int = Field(ge=0)
    language: Language
    characters: int = Field(ge=0)
    ocr: bool = False
    ocr_pages: list[OcrPage] = Field(default_factory=list)
    deal_type: DealType = "general"
    deal_type_evidence: list[str] = Field(default_factory=list)
    # which side the creator is on: Chinese contracts usually make the creator 乙方 (Party B)
    creator_party: Literal["party_a", "party_b", "party_c"] = "party_b"
    creator_party_evidence: list[str] = Field(default_factory=list)
    # the learned audience head: P(a creator is a party) — below 0.5 the contract is read as one between companies
    creator_side: float | None = None
    notices: list[str] = Field(default_factory=list)


class FixFirst(BaseModel):
    """One of the few clauses to renegotiate before signing (points at a finding by its offset)."""

    category: str
    title: str
    severity: Severity
    page: int | None
    start: int
    suggestion: str


class MoneyFigure(BaseModel):
    """One sum of the deal, where the contract states it."""

    amount: float | None = None
    currency: str | None = None
    what: str
    page: int | None = None
    start: int | None = None
    quote: str = ""


class MoneySummary(BaseModel):
    """The deal's money from the creator's side: the headline, what is certain, the most they could owe."""

    currency: str | None = None
    headline: MoneyFigure | None = None
    certain: MoneyFigure | None = None
    largest_exposure: MoneyFigure | None = None
    exposure_to_check: bool = Field(default=False, description="the creator may owe sums the contract does not fix")
    sentence: str = ""


class Summary(BaseModel):
    risk_level: RiskLevel
    risk_score: int = Field(ge=0, le=100)
    counts: dict[str, int]
    headline: str = ""
    combinations: list[str] = Field(default_factory=list)
    level_reasons: list[str] = Field(default_factory=list, description="why the overall level is what it is")
    fix_first: list[FixFirst] = Field(default_factory=list, description="the clauses to renegotiate first")
    money: MoneySummary | None = None


class Report(BaseModel):
    schema_version: Literal["1"] = "1"
    tool: ToolInfo
    document: DocumentInfo
    summary: Summary
    findings: list[Finding]
    missing_protections: list[MissingProtection]
    # low-severity observations in a contract with a creator on one side (a mutual term, a duty on the
    # other side, a commercial category that is no risk here): shown apart, never counted as risks
    notes: list[Finding] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)

    @property
    def language(self) -> str:
        """The language the report is written in: Chinese for Chinese documents, else English."""
        return "zh" if self.document.language == "zh" else "en"

    def to_json(self, indent: int | None = 1) -> str:
        return self.model_dump_json(indent=indent)
