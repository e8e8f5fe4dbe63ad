"""One RapidOCR engine per thread, offline: detection, 180° line classifier and recognition.

The PP-OCR models (Chinese + English) ship inside the `rapidocr` wheel, so nothing is downloaded.
An engine is used by one thread at a time: engines wait in a pool (per thread count) and a
caller borrows one, building it only when all are busy (≈0.6 s once), so later documents and
later thread pools reuse them. `recognise` returns the text lines found in one image with their
boxes and scores.
"""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

MAX_SIDE = 1600
_free: dict[int, list] = {}
_pool_lock = threading.Lock()


@dataclass(frozen=True)
class Line:
    """One recognised text line: its text, its box (4 corner points, x/y) and the recogniser's score."""

    text: str
    box: np.ndarray  # shape (4, 2): top-left, top-right, bottom-right, bottom-left
    score: float


# the model files inside the pinned rapidocr wheel; naming them skips rapidocr's download logic
MODELS = {"Det.model_path": "PP-OCRv6_det_small.onnx", "Rec.model_path": "PP-OCRv6_rec_small.onnx",
          "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx"}


def _build(threads: int):
    from pathlib import Path

    import rapidocr
    from rapidocr import RapidOCR

    for name in ("RapidOCR", "rapidocr"):
        logging.getLogger(name).setLevel(logging.ERROR)
    models = Path(rapidocr.__file__).parent / "models"
    return RapidOCR(params={
        **{key: str(models / name) for key, name in MODELS.items()},
        "Global.log_level": "error",
        # detection sees the page at most 1600 px on its long side (A4 at ~190 dpi): half the detection
        # time of the default 2000 px, the same text on the fixtures (benchmarks/ocr_speed.py)
        "Global.max_side_len": MAX_SIDE,
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    })


@contextmanager
def _borrow(threads: int):
    with _pool_lock:
        free = _free.setdefault(threads, [])
        engine = free.pop() if free else None
    if engine is None:
        engine = _build(threads)
    try:
        yield engine
    finally:
        with _pool_lock:
            _free[threads].append(engine)


def recognise(image: np.ndarray, *, threads: int = 1) -> list[Line]:
    """Text lines in a BGR (or grey) image; [] when none is found."""
    with _borrow(threads) as engine:
        result = engine(image)
    if result.boxes is None or result.txts is None:
        return []
    return [Line(str(text), np.asarray(box, dtype=np.float32), float(score))
            for text, box, score in zip(result.txts, result.boxes, result.scores) if str(text).strip()]
