"""The LLM review of one contract: plan what to send (and show it), then send, check and apply.

    plan_review(...)  -> ReviewPlan   candidates, redacted messages, where they would go (nothing sent)
    run_review(plan, findings, ...) -> ReviewOutcome   the findings after review, usage, warnings

Whatever fails — the endpoint is down, slow, answers 429/500 or junk, the budget is spent — the
offline findings of the clauses not reviewed stand, and the outcome says what happened.
"""
from __future__ import annotations

import copy
import logging
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from ..judge.model import DecisionModel
from ..library.loader import Library
from ..matching.engine import Analysis
from ..models import SEVERITY_ORDER, Finding, LLMUsage
from .apply import Applied, apply_review
from .cache import AnswerCache, cache_key
from .candidates import Item, select
from .client import ReviewFailed, ask, make_runnable
from .messages import msg, reason_text
from .prompt import PROMPT_VERSION, SYSTEM, ClauseReview, estimate_tokens, user_message
from .redact import Redactor
from .settings import LLMSettings

log = logging.getLogger(__name__)


@dataclass
class ReviewPlan:
    """What would be sent, before anything is: one redacted message per candidate clause."""

    settings: LLMSettings
    items: list[Item]
    messages: list[str]
    sources: list[dict[str, str]]  # per message: the redacted clause and next clause as sent
    redactor: Redactor
    document_characters: int
    left_out: int = 0  # candidate clauses not sent: they would take the share sent over settings.max_share

    @property
    def clauses(self) -> list[tuple[int | None, str]]:
        """(page, redacted text) of every clause that would be sent, for the user to see first."""
        return [(it.clause.page, src["clause"]) for it, src in zip(self.items, self.sources)]

    @property
    def characters(self) -> int:
        """Characters of contract text in the messages (clauses and their context, redacted)."""
        return sum(len(s["clause"]) + len(s["next_clause"]) for s in self.sources)


@dataclass
class ReviewOutcome:
    findings: list[Finding]
    usage: LLMUsage
    notices: list[str] = field(default_factory=list)
    sent: bool = False  # a request carrying contract text was attempted in this run

    @property
    def applied(self) -> bool:
        return self.usage.status in ("complete", "partial")


def plan_review(text: str, analysis: Analysis, model: DecisionModel | None, library: Library, *, deal_type: str,
                creator: str, lang: str, settings: LLMSettings) -> ReviewPlan:
    candidates = select(analysis.findings, analysis.examined, analysis.verdicts, model, library,
                        near_misses=settings.near_misses)
    redactor = Redactor.for_document(text)
    items, messages, sources = [], [], []
    allowance, used, left_out = max(settings.max_share * len(text), settings.min_chars), 0, 0
    for it in candidates:  # most important first, until the share of the contract sent would pass the cap
        src = {"clause": redactor.redact(it.text), "next_clause": redactor.redact(it.neighbour_text)}
        size = len(src["clause"]) + len(src["next_clause"])
        if used + size > allowance:
            left_out += 1
            continue
        used += size
        items.append(it)
        sources.append(src)
        messages.append(user_message(it, redactor.redact, deal_type=deal_type, creator=creator, lang=lang))
    return ReviewPlan(settings, items, messages, sources, redactor, len(text), left_out)


def run_review(plan: ReviewPlan, findings: list[Finding], text: str, library: Library, *, lang: str,
               cache_dir: Path | None) -> ReviewOutcome:
    """The findings after review; never raises for a remote or internal failure (the offline findings stand)."""
    try:
        return _run(plan, findings, text, library, lang=lang, cache_dir=cache_dir)
    except Exception as exc:  # noqa: BLE001 - failure is never loss: the offline report, with a warning
        log.exception("LLM review failed unexpectedly")
        reason = f"internal error ({exc.__class__.__name__})"
        s = plan.settings
        usage = LLMUsage(endpoint=s.endpoint, model=s.model, status="failed", prompt_version=PROMPT_VERSION,
                         clauses=len(plan.items), token_budget=s.token_budget,
                         document_characters=plan.document_characters, redacted=plan.redactor.counts(),
                         warnings=[reason])
        return ReviewOutcome(findings, usage, [msg("failed", lang, reason=reason)], sent=False)


def _run(plan: ReviewPlan, findings: list[Finding], text: str, library: Library, *, lang: str,
         cache_dir: Path | None) -> ReviewOutcome:
    s = plan.settings
    cache = AnswerCache((s.cache_dir or cache_dir) if s.use_cache else None)
    keys = [cache_key(s.model, s.method, m) for m in plan.messages]
    answers: dict[int, ClauseReview] = {}
    for i, key in enumerate(keys):
        hit = cache.get(key, plan.sources[i])
        if hit is not None:
            answers[i] = hit
    from_cache = len(answers)

    to_send, reserved, over_budget = [], 0, 0
    for i in range(len(plan.items)):
        if i in answers:
            continue
        est = estimate_tokens(SYSTEM + plan.messages[i]) + s.max_output_tokens
        if reserved + est > s.token_budget:
            over_budget += 1
            continue
        reserved += est
        to_send.append(i)

    requests = tokens_in = tokens_out = chars = 0
    failures: list[str] = []
    if to_send:
        runnable = make_runnable(s)
        deadline = time.monotonic() + s.deadline
        with ThreadPoolExecutor(max_workers=max(1, s.concurrency)) as pool:
            futures = {pool.submit(ask, runnable, s, plan.messages[i], deadline): i for i in to_send}
            for fut in as_completed(futures):
                i = futures[fut]
                try:
                    ans = fut.result()
                except ReviewFailed as exc:
                    if exc.requests:
                        chars += len(plan.sources[i]["clause"]) + len(plan.sources[i]["next_clause"])
                    requests, tokens_in, tokens_out = (requests + exc.requests, tokens_in + exc.tokens_in,
                                                       tokens_out + exc.tokens_out)
                    failures.append(exc.reason)
                    continue
                requests, tokens_in, tokens_out = (requests + ans.requests, tokens_in + ans.tokens_in,
                                                   tokens_out + ans.tokens_out)
                chars += len(plan.sources[i]["clause"]) + len(plan.sources[i]["next_clause"])
                answers[i] = ans.review
                cache.put(keys[i], ans.review, plan.sources[i])

    out = copy.deepcopy(findings)  # the offline findings are never changed in place
    applied = Applied()
    for i, item in enumerate(plan.items):
        if i in answers:
            apply_review(out, item, answers[i].judgements, plan.redactor, text, library, lang, s.model, applied)
    out.sort(key=lambda f: (f.clause.start, -SEVERITY_ORDER[f.severity]))

    total, done = len(plan.items), len(answers)
    status = ("nothing_to_review" if total == 0 else "complete" if done == total
              else "failed" if done == 0 else "partial")
    # the record (tool.llm.warnings) in English; the notices in the report's language
    reasons = sorted(set(failures)) + ([msg("budget", "en", budget=s.token_budget)] if over_budget else [])
    reason = ("；" if lang == "zh" else "; ").join(
        [reason_text(r, lang) for r in sorted(set(failures))] + ([msg("budget", lang, budget=s.token_budget)]
                                                                 if over_budget else []))
    price = s.price()
    cost = None if price is None else round((tokens_in * price[0] + tokens_out * price[1]) / 1e6, 6)
    notices: list[str] = []
    if status == "failed":
        notices.append(msg("failed", lang, reason=reason))
    elif status == "partial":
        notices.append(msg("partial", lang, done=done, total=total, reason=reason))
    if status in ("complete", "partial"):
        notices.append(msg("done", lang, model=s.model, host=s.host, sent=len(to_send), cached=from_cache,
                           tokens=tokens_in + tokens_out,
                           cost=f"{cost:.4f} {s.currency}" if cost is not None else msg("unknown_cost", lang)))
    if applied.dropped:
        notices.append(msg("dropped", lang, n=applied.dropped))
    if plan.left_out:
        notices.append(msg("left_out", lang, n=plan.left_out, share=f"{s.max_share:.0%}"))
    usage = LLMUsage(
        endpoint=s.endpoint, model=s.model, status=status, prompt_version=PROMPT_VERSION, clauses=total,
        reviewed=done, from_cache=from_cache, requests=requests, tokens_in=tokens_in, tokens_out=tokens_out,
        token_budget=s.token_budget, estimated_cost=cost, currency=s.currency if price is not None else None,
        price_per_million=list(price) if price is not None else None, characters_sent=chars,
        document_characters=plan.document_characters, redacted=plan.redactor.counts(),
        verdicts=dict(applied.verdicts), dropped_quotes=applied.dropped, warnings=reasons, left_out=plan.left_out,
    )
    if status == "failed":
        out = findings  # nothing applied: exactly the offline findings
    return ReviewOutcome(out, usage, notices, sent=requests > 0)
