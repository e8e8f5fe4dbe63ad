"""Offline OCR of scanned pages and photos (RapidOCR: PP-OCR models shipped inside the wheel).

    image (numpy, BGR) ──engine.recognise──▶ [Line] ──layout.page_text──▶ text + confidence
    pages ──pages.ocr_pages (parallel, bounded, with progress)──▶ [PageText]

`available()` says whether the OCR packages are installed; everything else imports them lazily,
so reading a text PDF never pays for them.
"""
from __future__ import annotations

from .pages import PageText, Progress, ocr_pages

__all__ = ["PageText", "Progress", "available", "ocr_pages"]


def available() -> bool:
    """True when rapidocr (and its ONNX runtime) can be imported."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime", "cv2"))
