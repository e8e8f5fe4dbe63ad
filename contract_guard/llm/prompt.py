"""The question put to the LLM and the shape of its answer (pydantic, via `with_structured_output`).

Bump PROMPT_VERSION whenever the wording or the answer's shape changes: it is part of the cache key.
"""
from __future__ import annotations

import json
import re
from typing import Literal

from pydantic import BaseModel, Field

from .candidates import Item

PROMPT_VERSION = "1"
PARTY = {"a": "甲方 / Party A", "b": "乙方 / Party B", "c": "丙方 / Party C"}

SYSTEM = (
    "You review contract clauses for a creator (artist, writer, video maker, one-person company) before they sign. "
    "An offline screener proposed candidate risks: judge each for THIS deal and THIS creator. Placeholders such as "
    "[PARTY_1] stand for names and personal data: keep them. Per candidate give pattern (its id), verdict "
    "(risky/not_risky/unsure), concept (its id), severity (critical: can cost the creator their work, identity or "
    "personal assets; high: renegotiate; medium: negotiate; low: a note), quote (the exact words from `clause` or "
    "`next_clause` that carry or undo the risk, copied character for character), explanation (two plain sentences, "
    "in `language`), counter_clause (a fair replacement, same language). A risk in `next_clause` that no candidate "
    "covers: one more judgement with pattern \"new\". Never invent text."
)


class Judgement(BaseModel):
    pattern: str = Field(description="the candidate's pattern id, or \"new\" for a risk in next_clause")
    verdict: Literal["risky", "not_risky", "unsure"]
    concept: str = Field(description="the risk concept id")
    severity: Literal["critical", "high", "medium", "low"]
    quote: str = Field(description="exact words copied from clause or next_clause")
    explanation: str = Field(description="plain words for the creator, in the document's language")
    counter_clause: str = Field(default="", description="a fair replacement clause, in the document's language")


class ClauseReview(BaseModel):
    """The LLM's judgements on the candidates of one clause."""

    judgements: list[Judgement]


def user_message(item: Item, redact, *, deal_type: str, creator: str, lang: str) -> str:
    """The one message about one clause: everything in it is redacted."""
    body = {
        "language": "Chinese" if lang == "zh" else "English",
        "deal_type": deal_type,
        "creator_is": PARTY.get(creator, PARTY["b"]),
        "clause": redact(item.text),
        "next_clause": redact(item.neighbour_text),
        "candidates": [{
            "pattern": a.pattern.id, "concept": a.concept, "risk": a.pattern.title.get(lang),
            "why_it_may_hurt": _first_sentence(a.pattern.why.get(lang)),
            "offline": (f"raised, severity {a.severity}" if a.origin == "finding" else "nearly raised")
            + (f", model p={a.prob:.2f}" if a.prob is not None else ""),
        } for a in item.asks],
    }
    return json.dumps(body, ensure_ascii=False)


def _first_sentence(text: str) -> str:
    m = re.search(r"[。！？；]|[.!?;](?=\s+[A-Z])", text)
    out = text[:m.end()].strip() if m else text.strip()
    return out if len(out) <= 200 else out[:199] + "…"


def estimate_tokens(text: str) -> int:
    """A tokenizer-free estimate (tiktoken would download its encodings): one token per CJK character,
    one per four other characters. It errs high for Chinese, which is what a budget wants."""
    cjk = sum(1 for ch in text if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    return cjk + (len(text) - cjk + 3) // 4
