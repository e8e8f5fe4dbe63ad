"""The library's top-level API: bytes or a path in, a Report out.

    bytes ──read──▶ Document ──segment──▶ [Clause] ──retrieve+decide──▶ [Finding] ──▶ Report

`screen()` uses one process-wide `Screener` (the model, the index and the compiled rules
load once); the app and the CLI call only this module and the renderers.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .clauses import segment
from .config import Settings, get_settings
from .library.loader import Library, load_library
from .matching.deal_type import detect_deal_type
from .judge.model import DecisionModel, model_path
from .judge.money_rule import apply_money_rules
from .matching.engine import Engine
from .matching.parties import detect_roles
from .matching.missing import MissingChecker, contradicted
from .models import Document, DocumentInfo, Report, ToolInfo
from .money import attach_exposures, money_summary, read_money
from .readers import text_document
from .readers.isolated import read_isolated, warm_up
from .readers.pdf import Progress
from .report.build import apply_combinations, missing_protections, split_notes, summarise

if TYPE_CHECKING:
    from .llm.review import ReviewOutcome, ReviewPlan
    from .llm.settings import LLMSettings


class Screener:
    """Everything slow, built once: library, rules, embedding model, Chroma index, BM25."""

    def __init__(self, settings: Settings | None = None, *, library: Library | None = None,
                 model: DecisionModel | None | str = "auto") -> None:
        self.settings = settings or get_settings()
        self.library = library or load_library(self.settings.library_dir)
        if model == "auto":
            model = load_model(self.settings, self.library)
        warm_up(self.settings.limits)  # the reader's worker process starts while the engine loads
        self.engine = Engine(self.library, self.settings, model=model)
        self.missing = MissingChecker(self.library)

    @property
    def model(self) -> DecisionModel | None:
        """The decision model the engine judges with (None: the rules decide alone)."""
        return self.engine.model

    def _tool_info(self, review: "ReviewOutcome | None" = None) -> ToolInfo:
        remote = []
        if self.settings.embedding_backend != "use":
            remote.append(f"embeddings: {self.settings.openai_base_url or 'https://api.openai.com/v1'}")
        if review is not None and review.sent:  # redacted candidate clauses went there, whatever came back
            u = review.usage
            remote.append(f"llm: {u.endpoint} ({u.model}), {u.status}")
        judge = (f"learned model {self.model.meta.get('trained_at', '')} over rules" if self.model is not None
                 else "rules only (no decision model)")
        if review is not None and review.applied:
            judge += f", reviewed by the LLM {review.usage.model}"
        # mode "llm": a remote model took part in the findings (remote embeddings, or an LLM review that was
        # applied); an LLM review that failed leaves the offline findings, so the mode stays "offline" while
        # remote_services still names where the redacted clauses were sent
        llm_used = self.settings.embedding_backend != "use" or (review is not None and review.applied)
        return ToolInfo(version=__version__, library_version=self.library.version,
                        mode="llm" if llm_used else "offline", remote_services=remote, judge=judge,
                        llm=review.usage if review is not None else None)

    @staticmethod
    def outline(doc: Document):
        """What the engine needs of a document before judging: report language, clauses, deal type, roles."""
        return "zh" if doc.language == "zh" else "en", segment(doc), detect_deal_type(doc.text), detect_roles(doc.text)

    def examine(self, doc: Document):
        """Every clause's kind and rule evidence, exactly as screening sees them (training reads this)."""
        lang, clauses, deal, roles = self.outline(doc)
        return self.engine.examine(clauses, deal_type=deal.kind, creator=roles.creator, lang=lang)

    def review_plan(self, source: bytes | str | Path, filename: str | None = None, *, password: str | None = None,
                    llm: "LLMSettings") -> "ReviewPlan":
        """Read and judge offline, then list the (redacted) clauses an LLM review would send, and where."""
        from .llm.review import plan_review

        doc = self.read(source, filename, password=password)
        lang, clauses, deal, roles = self.outline(doc)
        analysis = self.engine.analyse(clauses, deal_type=deal.kind, lang=lang, creator=roles.creator)
        return plan_review(doc.text, analysis, self.model, self.library, deal_type=deal.kind, creator=roles.creator,
                           lang=lang, settings=llm)

    def screen_document(self, doc: Document, *, llm: "LLMSettings | None" = None) -> Report:
        t0 = time.perf_counter()
        lang, clauses, deal, roles = self.outline(doc)
        t1 = time.perf_counter()
        analysis = self.engine.analyse(clauses, deal_type=deal.kind, lang=lang, creator=roles.creator)
        t2 = time.perf_counter()
        side = self.model.creator_side(doc.text) if self.model is not None else None
        findings, notes = analysis.findings, []
        # money is part of the offline judgement: the LLM (when asked) reviews findings with their exposure
        picture = read_money(doc.text, lang=lang, creator=roles.creator, deal_type=deal.kind)
        attach_exposures(findings, picture, lang)
        apply_money_rules(findings, self.settings.money)
        t_money = time.perf_counter()
        review = None
        if llm is not None:  # opt-in: the candidates (redacted) go to the LLM; any failure leaves them as they are
            from .llm.review import plan_review, run_review

            plan = plan_review(doc.text, analysis, self.model, self.library, deal_type=deal.kind,
                               creator=roles.creator, lang=lang, settings=llm)
            review = run_review(plan, findings, doc.text, self.library, lang=lang,
                                cache_dir=self.settings.data_dir / "llm-cache")
            findings = review.findings
            attach_exposures(findings, picture, lang)  # a clause the LLM added
        t_llm = time.perf_counter()
        if side is None or side >= 0.5:  # a creator's contract: what context made a note is shown apart
            findings, notes = split_notes(findings, self.library.taxonomy)
        combos = apply_combinations(findings, self.library.combinations, deal.kind, lang)
        checks = contradicted(self.missing.run(clauses, deal.kind, roles.creator), {f.category for f in findings + notes})
        missing = missing_protections(checks, lang)
        summary = summarise(findings, missing, combos, lang, deal.kind)
        summary.money = money_summary(picture, doc, lang)
        t3 = time.perf_counter()
        timings = {"segment": 1000 * (t1 - t0), **analysis.timings_ms, "money": 1000 * (t_money - t2),
                   "report": 1000 * (t3 - t_llm)}
        if review is not None:
            timings["llm"] = 1000 * (t_llm - t_money)
        return Report(
            tool=self._tool_info(review),
            document=DocumentInfo(filename=doc.filename, sha256=doc.sha256, pages=doc.pages, language=doc.language,
                                  characters=len(doc.text), ocr=doc.ocr, ocr_pages=list(doc.ocr_pages),
                                  deal_type=deal.kind,
                                  deal_type_evidence=deal.evidence, creator_party=f"party_{roles.creator}",
                                  creator_party_evidence=roles.evidence,
                                  notices=list(doc.notices) + (review.notices if review is not None else []),
                                  creator_side=None if side is None else round(side, 3)),
            summary=summary, findings=findings, missing_protections=missing, notes=notes,
            timings_ms={k: round(v, 2) for k, v in timings.items()},
        )

    def read(self, source: bytes | str | Path, filename: str | None = None, *, password: str | None = None,
             progress: Progress | None = None) -> Document:
        """Read one file in the bounded reader process (OCR for scans and photos; `progress(done, total)`
        is called after each page OCR reads)."""
        if isinstance(source, (str, Path)):
            path = Path(source)
            data = _read_bounded(path, self.settings.limits.max_bytes)
            filename = filename or path.name
        else:
            data = source
        return read_isolated(data, filename or "document", password=password, limits=self.settings.limits,
                             progress=progress)

    def screen(self, source: bytes | str | Path, filename: str | None = None, *, password: str | None = None,
               llm: "LLMSettings | None" = None, progress: Progress | None = None) -> Report:
        """Screen one contract; with `llm` (opt-in) the candidates are reviewed by that LLM endpoint;
        `progress(done, total)` is called after each page OCR reads (scans and photos)."""
        t0 = time.perf_counter()
        doc = self.read(source, filename, password=password, progress=progress)
        t1 = time.perf_counter()
        report = self.screen_document(doc, llm=llm)
        report.timings_ms = {"read": round(1000 * (t1 - t0), 2), **report.timings_ms,
                             "total": round(1000 * (time.perf_counter() - t0), 2)}
        return report

    def concepts_for_texts(self, texts: Sequence[str]) -> list[set[str]]:
        """The concepts the engine raises for each short text (used by `library check`)."""
        out = []
        for text in texts:
            doc = text_document(text)
            clauses = segment(doc)
            analysis = self.engine.analyse(clauses, deal_type=None, lang="en", use_model=False)
            out.append({f.category for f in analysis.findings})
        return out


def load_model(settings: Settings, library: Library) -> DecisionModel | None:
    """The shipped decision model for this library, None when there is none or it is switched off
    (CONTRACT_GUARD_MODEL=off). A model trained for another library version is refused (StaleModel)."""
    if not settings.use_model:
        return None
    path = model_path(library.root)
    if not path.is_file():
        return None
    return DecisionModel.load(path, library.version)


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    from .errors import TooLarge, UnreadableDocument

    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLarge(size_mb=size / 2**20, limit_mb=max_bytes / 2**20)
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(exc.strerror or "", kind="file") from exc


_lock = threading.Lock()


@lru_cache(maxsize=2)
def _screener_for(settings: Settings) -> Screener:
    return Screener(settings)


def get_screener(settings: Settings | None = None) -> Screener:
    with _lock:
        return _screener_for(settings or get_settings())


def screen(source: bytes | str | Path, filename: str | None = None, *, password: str | None = None,
           settings: Settings | None = None, llm: "LLMSettings | None" = None,
           progress: Progress | None = None) -> Report:
    """Screen one contract (offline by default; `llm` opts in to the LLM review of the candidates).
    Raises ContractGuardError subclasses for bad input. `progress(done, total)` is called after each
    page read by OCR (scans and photos)."""
    return get_screener(settings).screen(source, filename, password=password, llm=llm, progress=progress)
