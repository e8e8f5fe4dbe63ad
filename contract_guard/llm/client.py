"""One request about one clause through langchain-openai's `ChatOpenAI` (any OpenAI-compatible
endpoint), with its own retries: timeouts, connection errors, 429 and 5xx are tried again after
a doubling pause; anything else (a 4xx, an answer that is not the JSON asked for) fails at once."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from .prompt import SYSTEM, ClauseReview
from .settings import LLMSettings

log = logging.getLogger(__name__)


class ReviewFailed(Exception):
    """One clause could not be reviewed; `reason` is short and holds no contract text."""

    def __init__(self, reason: str, requests: int, tokens_in: int = 0, tokens_out: int = 0) -> None:
        super().__init__(reason)
        self.reason, self.requests, self.tokens_in, self.tokens_out = reason, requests, tokens_in, tokens_out


@dataclass
class Answer:
    review: ClauseReview
    requests: int
    tokens_in: int
    tokens_out: int


def make_runnable(s: LLMSettings):
    """ChatOpenAI bound to the answer's pydantic shape; the raw message comes back too (for `usage`)."""
    from langchain_openai import ChatOpenAI

    chat = ChatOpenAI(model=s.model, base_url=s.base_url or None, api_key=s.api_key or "not-needed",
                      timeout=s.timeout, max_retries=0, temperature=0, max_tokens=s.max_output_tokens)
    return chat.with_structured_output(ClauseReview, method=s.method, include_raw=True)


def _retryable(exc: Exception) -> bool:
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError)):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


def _reason(exc: Exception) -> str:
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIConnectionError):
        return "connection failed"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    return exc.__class__.__name__


def ask(runnable, s: LLMSettings, message: str, deadline: float | None = None) -> Answer:
    """Ask once, retrying as above, starting nothing after `deadline` (time.monotonic());
    raises ReviewFailed (never anything else for a remote failure)."""
    requests = tokens_in = tokens_out = 0
    pause = s.backoff
    for attempt in range(s.retries + 1):
        if deadline is not None and time.monotonic() >= deadline:
            raise ReviewFailed("time limit for the contract reached", requests, tokens_in, tokens_out)
        requests += 1
        try:
            out = runnable.invoke([("system", SYSTEM), ("human", message)])
        except Exception as exc:  # noqa: BLE001 - the SDK raises many kinds; each is a failed request
            if _retryable(exc) and attempt < s.retries and (deadline is None or time.monotonic() + pause < deadline):
                log.info("LLM request failed (%s), retrying in %.1f s", _reason(exc), pause)
                time.sleep(pause)
                pause *= 2
                continue
            raise ReviewFailed(_reason(exc), requests, tokens_in, tokens_out) from exc
        usage = getattr(out.get("raw"), "usage_metadata", None) or {}
        tokens_in += int(usage.get("input_tokens", 0))
        tokens_out += int(usage.get("output_tokens", 0))
        parsed = out.get("parsed")
        if out.get("parsing_error") is not None or not isinstance(parsed, ClauseReview):
            raise ReviewFailed("the answer was not the JSON asked for", requests, tokens_in, tokens_out)
        return Answer(parsed, requests, tokens_in, tokens_out)
    raise ReviewFailed("no attempt made", requests)  # unreachable: retries >= 0
