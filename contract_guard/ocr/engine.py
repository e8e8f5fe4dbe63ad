"""One RapidOCR engine per thread, offline: detection, 180° line classifier and recognition.

The PP-OCR models (Chinese + English) ship inside the `rapidocr` wheel, so nothing is downloaded.
An engine is not shared between threads; each worker thread builds its own once (≈0.6 s) and
keeps it. `recognise` returns the text lines found in one image with their boxes and scores.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import numpy as np

_local = threading.local()


@dataclass(frozen=True)
class Line:
    """One recognised text line: its text, its box (4 corner points, x/y) and the recogniser's score."""

    text: str
    box: np.ndarray  # shape (4, 2): top-left, top-right, bottom-right, bottom-left
    score: float


def _engine(threads: int):
    engines = getattr(_local, "engines", None)
    if engines is None:
        engines = _local.engines = {}
    if threads not in engines:
        from rapidocr import RapidOCR

        for name in ("RapidOCR", "rapidocr"):
            logging.getLogger(name).setLevel(logging.ERROR)
        engines[threads] = RapidOCR(params={
            "Global.log_level": "error",
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        })
    return engines[threads]


def recognise(image: np.ndarray, *, threads: int = 1) -> list[Line]:
    """Text lines in a BGR (or grey) image; [] when none is found."""
    result = _engine(threads)(image)
    if result.boxes is None or result.txts is None:
        return []
    return [Line(str(text), np.asarray(box, dtype=np.float32), float(score))
            for text, box, score in zip(result.txts, result.boxes, result.scores) if str(text).strip()]
