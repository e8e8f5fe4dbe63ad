"""Vector retriever: the library's exemplars in a Chroma collection.

Embedded `PersistentClient` under the data directory by default; a Chroma server when
CHROMA_HOST is set. The collection records the library's content hash and embedding
backend, and is rebuilt only when either changes. Telemetry is off: no network.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from ..config import Settings
from ..library.loader import Library
from .embeddings import ContractGuardEmbeddingFunction, Embedder, get_embedder
from .exemplars import Exemplar, library_exemplars

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Hit:
    pattern_id: str
    score: float
    exemplar: str


def chroma_client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


class VectorRetriever:
    name = "vector"

    def __init__(self, library: Library, settings: Settings, client=None) -> None:
        self.settings = settings
        self.embedding_function = ContractGuardEmbeddingFunction(
            settings.embedding_backend, settings.threads, settings.embedding_model, settings.openai_base_url)
        self.embedder: Embedder = get_embedder(settings.embedding_backend, settings.threads, settings.embedding_model,
                                               settings.openai_base_url, settings.openai_api_key)
        self.client = client or chroma_client(settings)
        self.rebuilt = False
        self.collection = self._open(library)

    def _open(self, library: Library):
        name = f"cg-exemplars-{self.settings.embedding_backend}"
        wanted = {"library_version": library.version, "embedder": self.embedder.name, "hnsw:space": "cosine"}
        try:
            col = self.client.get_collection(name, embedding_function=self.embedding_function)
            meta = col.metadata or {}
            if meta.get("library_version") == library.version and meta.get("embedder") == self.embedder.name \
                    and col.count() == len(library_exemplars(library)):
                return col
            log.info("library changed (%s -> %s): rebuilding the index", meta.get("library_version"), library.version)
            self.client.delete_collection(name)
        except Exception:  # noqa: BLE001 - chroma raises different types for "does not exist" across versions
            pass
        col = self.client.create_collection(name, embedding_function=self.embedding_function, metadata=wanted)
        self._fill(col, library_exemplars(library))
        self.rebuilt = True
        return col

    def _fill(self, col, exemplars: list[Exemplar]) -> None:
        if not exemplars:
            return
        vecs = self.embedder.embed([e.text for e in exemplars])
        for k in range(0, len(exemplars), 1000):
            part = exemplars[k:k + 1000]
            col.add(
                ids=[e.id for e in part],
                documents=[e.text for e in part],
                embeddings=vecs[k:k + 1000],
                metadatas=[{"pattern_id": e.pattern_id, "lang": e.lang} for e in part],
            )

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.embedder.embed(texts)

    def search(self, vectors: np.ndarray, k: int = 8) -> list[list[Hit]]:
        """Top exemplars per query vector, folded to the best score per pattern."""
        if len(vectors) == 0 or self.collection.count() == 0:
            return [[] for _ in range(len(vectors))]
        res = self.collection.query(query_embeddings=vectors, n_results=min(k, self.collection.count()),
                                    include=["metadatas", "distances", "documents"])
        out: list[list[Hit]] = []
        for metas, dists, docs in zip(res["metadatas"], res["distances"], res["documents"]):
            best: dict[str, Hit] = {}
            for meta, dist, doc in zip(metas, dists, docs):
                pid = str(meta["pattern_id"])
                score = max(0.0, 1.0 - float(dist))  # cosine distance -> similarity
                if pid not in best or score > best[pid].score:
                    best[pid] = Hit(pid, score, doc)
            out.append(sorted(best.values(), key=lambda h: -h.score))
        return out
