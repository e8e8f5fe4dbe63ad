"""Lexical retriever: BM25 (bm25s) over the exemplars, jieba for Chinese, word stems for English."""
from __future__ import annotations

import numpy as np

from ..library.loader import Library
from .exemplars import library_exemplars
from .tokenize import tokens
from .hits import Hit


class LexicalRetriever:
    name = "lexical"

    def __init__(self, library: Library) -> None:
        import bm25s

        self.exemplars = library_exemplars(library)
        corpus = [tokens(e.text) for e in self.exemplars]
        self.vocab = {w for doc in corpus for w in doc}
        self.model = bm25s.BM25()
        self.model.index(corpus, show_progress=False) if self.exemplars else None

    def search(self, texts: list[str], k: int = 8) -> list[list[Hit]]:
        out: list[list[Hit]] = []
        for text in texts:
            q = [w for w in tokens(text) if w in self.vocab]
            if not q or not self.exemplars:
                out.append([])
                continue
            scores = np.asarray(self.model.get_scores(q))
            top = np.argsort(-scores)[: k * 3]
            best: dict[str, Hit] = {}
            for i in top:
                if scores[i] <= 0:
                    break
                e = self.exemplars[int(i)]
                if e.pattern_id not in best:
                    best[e.pattern_id] = Hit(e.pattern_id, float(scores[i]), e.text)
            out.append(list(best.values())[:k])
        return out
