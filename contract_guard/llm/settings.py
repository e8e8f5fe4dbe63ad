"""Where the LLM review sends its requests, and what it may spend: environment variables,
Streamlit secrets (the app) or the app's settings form, in that order of precedence reversed
(a value typed in the app wins over a secret, a secret over the environment)."""
from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ContractGuardError

# Public list prices per million tokens (input, output). Override or extend with
# CONTRACT_GUARD_LLM_PRICES='{"model": [in, out]}' and CONTRACT_GUARD_LLM_CURRENCY.
# deepseek-chat: USD 0.27 in (cache miss) / 1.10 out, api-docs.deepseek.com "Models & Pricing" (USD table),
# page as modified 2025-02-09 — re-check before relying on it.
DEFAULT_PRICES: dict[str, tuple[float, float]] = {"deepseek-chat": (0.27, 1.10)}
DEFAULT_CURRENCY = "USD"
METHODS = ("function_calling", "json_schema", "json_mode")


class LLMNotConfigured(ContractGuardError):
    en = ("LLM review needs an endpoint and a model: set CONTRACT_GUARD_LLM_MODEL and CONTRACT_GUARD_LLM_BASE_URL "
          "(or OPENAI_BASE_URL) and, for a hosted API, CONTRACT_GUARD_LLM_API_KEY (or OPENAI_API_KEY). {problem}")
    zh = ("LLM 复核需要接口地址和模型：请设置 CONTRACT_GUARD_LLM_MODEL 与 CONTRACT_GUARD_LLM_BASE_URL"
          "（或 OPENAI_BASE_URL），托管 API 还需 CONTRACT_GUARD_LLM_API_KEY（或 OPENAI_API_KEY）。{problem}")


@dataclass(frozen=True)
class LLMSettings:
    model: str = ""
    base_url: str = ""  # empty: the OpenAI API
    api_key: str = ""
    method: str = "function_calling"  # how structured output is asked for (DeepSeek and Qwen support tools)
    timeout: float = 30.0  # seconds per request
    retries: int = 2  # after the first attempt, on timeouts, connection errors, 429 and 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    deadline: float = 120.0  # seconds for one contract's review: no request or retry starts after it
    concurrency: int = 4
    token_budget: int = 30_000  # tokens in + out per contract (estimated before sending, counted after)
    max_output_tokens: int = 700  # per request
    near_misses: int = 3  # at most this many clauses the offline judge nearly raised
    max_share: float = 0.15  # at most this share of the contract's characters is sent (most severe candidates first)
    min_chars: int = 2000  # … but a short contract may send this many (its few risky clauses are most of it)
    prices: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_PRICES))
    currency: str = DEFAULT_CURRENCY
    cache_dir: Path | None = None  # None: <data dir>/llm-cache; the cache holds hashes and redacted answers
    use_cache: bool = True

    @property
    def endpoint(self) -> str:
        return (self.base_url or "https://api.openai.com/v1").rstrip("/")

    @property
    def host(self) -> str:
        return urlsplit(self.endpoint).netloc or self.endpoint

    def price(self) -> tuple[float, float] | None:
        return self.prices.get(self.model)

    def check(self) -> "LLMSettings":
        """Raise LLMNotConfigured unless a request could be made."""
        if not self.model:
            raise LLMNotConfigured(problem="")
        if self.method not in METHODS:
            raise LLMNotConfigured(problem=f"CONTRACT_GUARD_LLM_METHOD must be one of {', '.join(METHODS)}")
        if not self.base_url and not self.api_key:
            raise LLMNotConfigured(problem="")
        return self

    def with_values(self, **values: object) -> "LLMSettings":
        """A copy with the given non-empty values (the app's form, Streamlit secrets)."""
        return replace(self, **{k: v for k, v in values.items() if v not in (None, "")})


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    try:
        return float(env.get(name, default))
    except ValueError:
        return default


def _prices(env: Mapping[str, str]) -> dict[str, tuple[float, float]]:
    prices = dict(DEFAULT_PRICES)
    raw = env.get("CONTRACT_GUARD_LLM_PRICES")
    if raw:
        try:
            prices.update({str(k): (float(v[0]), float(v[1])) for k, v in json.loads(raw).items()})
        except (ValueError, TypeError, IndexError, AttributeError) as exc:
            raise LLMNotConfigured(problem=f"CONTRACT_GUARD_LLM_PRICES is not JSON like "
                                           f'{{"model": [input, output]}} ({exc})') from exc
    return prices


def llm_settings(env: Mapping[str, str] | None = None) -> LLMSettings:
    """The LLM settings from the environment (CONTRACT_GUARD_LLM_*, falling back to OPENAI_*)."""
    env = os.environ if env is None else env
    cache = env.get("CONTRACT_GUARD_LLM_CACHE", "on")
    return LLMSettings(
        model=env.get("CONTRACT_GUARD_LLM_MODEL", ""),
        base_url=env.get("CONTRACT_GUARD_LLM_BASE_URL") or env.get("OPENAI_BASE_URL") or "",
        api_key=env.get("CONTRACT_GUARD_LLM_API_KEY") or env.get("OPENAI_API_KEY") or "",
        method=env.get("CONTRACT_GUARD_LLM_METHOD", "function_calling"),
        timeout=_float(env, "CONTRACT_GUARD_LLM_TIMEOUT", 30.0),
        retries=int(_float(env, "CONTRACT_GUARD_LLM_RETRIES", 2)),
        deadline=_float(env, "CONTRACT_GUARD_LLM_DEADLINE", 120.0),
        concurrency=max(1, int(_float(env, "CONTRACT_GUARD_LLM_CONCURRENCY", 4))),
        token_budget=int(_float(env, "CONTRACT_GUARD_LLM_BUDGET", 30_000)),
        max_share=_float(env, "CONTRACT_GUARD_LLM_MAX_SHARE", 0.15),
        prices=_prices(env),
        currency=env.get("CONTRACT_GUARD_LLM_CURRENCY", DEFAULT_CURRENCY),
        cache_dir=Path(env["CONTRACT_GUARD_LLM_CACHE"]).expanduser() if cache not in ("on", "off", "") else None,
        use_cache=cache != "off",
    )
