"""Vector retriever: the library's exemplars in a Chroma collection.

Embedded `PersistentClient` under the data directory by default; a Chroma server when
CHROMA_HOST is set. The collection records the library's content hash and embedding
backend, and is rebuilt only when either changes. Telemetry is off: no network.
"""
from __future__ import annotations

import logging
import time

import numpy as np

from ..config import Settings
from ..library.loader import Library
from .embeddings import ContractGuardEmbeddingFunction, Embedder, get_embedder
from .exemplars import Exemplar, library_exemplars
from .hits import Hit

log = logging.getLogger(__name__)


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
        """The collection for this library version, built on first use. One collection per
        content hash, so processes on different library versions never pull an index out from
        under each other; only the few newest versions are kept."""
        prefix = f"cg-{self.settings.embedding_backend}-"
        name = prefix + library.version
        exemplars = library_exemplars(library)
        wanted = {"library_version": library.version, "embedder": self.embedder.name, "hnsw:space": "cosine",
                  "created": time.time()}
        col = self.client.get_or_create_collection(name, embedding_function=self.embedding_function, metadata=wanted)
        if col.count() != len(exemplars) or (col.metadata or {}).get("embedder") != self.embedder.name:
            log.info("building the exemplar index for library %s", library.version)
            self._fill(col, exemplars)
            self.rebuilt = True
        self._prune(prefix, keep=name)
        return col

    def _prune(self, prefix: str, keep: str, versions: int = 3) -> None:
        try:
            cols = [c for c in self.client.list_collections() if c.name.startswith(prefix) and c.name != keep]
            cols.sort(key=lambda c: float((c.metadata or {}).get("created", 0)), reverse=True)
            for c in cols[versions - 1:]:
                self.client.delete_collection(c.name)
        except Exception:  # noqa: BLE001 - pruning is housekeeping; another process may have done it
            log.debug("pruning old index versions failed", exc_info=True)

    def _fill(self, col, exemplars: list[Exemplar]) -> None:
        if not exemplars:
            return
        vecs = self.embedder.embed([e.text for e in exemplars])
        for k in range(0, len(exemplars), 1000):
            part = exemplars[k:k + 1000]
            col.upsert(
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
