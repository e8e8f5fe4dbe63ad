"""The answer cache: a second screening of the same (or a revised) contract sends nothing for the
clauses that did not change.

Key: a hash of the prompt version, the model, the way structured output is asked for and the
(redacted) message about one clause — its text, its candidate patterns and their context. Value:
the model's judgements with each quote stored as offsets into the message's clause or next
clause, so the cache holds no contract text, only hashes and the model's own (redacted) words.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from .prompt import PROMPT_VERSION, ClauseReview, Judgement

log = logging.getLogger(__name__)


def cache_key(model: str, method: str, message: str) -> str:
    h = hashlib.sha256()
    for part in (PROMPT_VERSION, model, method, message):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


class AnswerCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, sources: dict[str, str]) -> ClauseReview | None:
        """The cached review, its quotes rebuilt from `sources` ({"clause": …, "next_clause": …} as sent)."""
        if self.folder is None:
            return None
        path = self._path(key)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            out = []
            for j in raw["judgements"]:
                where = j.pop("quote_at", None)
                quote = sources.get(where[0], "")[where[1]:where[2]] if where else ""
                out.append(Judgement(**j, quote=quote))
            return ClauseReview(judgements=out)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:  # a damaged entry is a miss
            log.warning("LLM cache entry %s unreadable (%s): asking again", path.name, exc.__class__.__name__)
            return None

    def put(self, key: str, review: ClauseReview, sources: dict[str, str]) -> None:
        if self.folder is None:
            return
        entries = []
        for j in review.judgements:
            d = j.model_dump(exclude={"quote"})
            d["quote_at"] = _locate(j.quote, sources)  # None: the quote is not in what was sent
            entries.append(d)
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"prompt_version": PROMPT_VERSION, "judgements": entries}, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError as exc:  # a read-only disk costs a request next time, nothing more
            log.warning("LLM cache not written (%s)", exc.__class__.__name__)


def _locate(quote: str, sources: dict[str, str]) -> list | None:
    from .quotes import find

    for name, text in sources.items():
        span = find(quote, text)
        if span is not None:
            return [name, span[0], span[1]]
    return None
