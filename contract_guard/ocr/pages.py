"""OCR of the pages of one document: in parallel up to the CPU count, bounded in time, page by page progress.

Each page is an image *source* (a function that renders or decodes it when its turn comes, so at most
one image per worker thread is in memory). A page whose lines stand upright is read once: the
recogniser straightens each line it crops, and the layout puts lines in rows on the page turned
by its measured skew. A page turned by about 90 degrees (most boxes taller than wide) is read
again turned both ways, and a page skewed by more than `DESKEW_DEGREES` is straightened and read
again; the better reading (characters x confidence) wins. Pages whose turn comes after the deadline are not read.
ONNX Runtime releases the GIL, so threads give real parallelism; each thread has its own engine.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from ..models import OcrPage

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""Called with (pages done, pages to read) after each OCR'd page."""
ImageSource = Callable[[], np.ndarray]

DESKEW_DEGREES = 4.0


@dataclass(frozen=True)
class PageText:
    """What OCR made of one page (`index` is 0-based in the document); `info` is None if it was not read."""

    index: int
    text: str
    info: OcrPage | None
    status: str  # "read", "failed" or "skipped" (time bound)


def _quality(lines) -> float:
    return sum(len(line.text) * line.score for line in lines)


def _rotate(image: np.ndarray, degrees: float) -> np.ndarray:
    import cv2

    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    matrix[0, 2] += nw / 2 - w / 2
    matrix[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(image, matrix, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def read_image(image: np.ndarray, *, threads: int = 1):
    """(layout, degrees turned) of one page image, with the rotation and deskew retries."""
    from .engine import recognise
    from .layout import mostly_vertical, page_text, skew_degrees

    lines, turned = recognise(image, threads=threads), 0.0
    if mostly_vertical(lines):
        for k, degrees in ((1, 90.0), (3, -90.0)):  # np.rot90 k=1 turns counter-clockwise
            candidate = recognise(np.ascontiguousarray(np.rot90(image, k)), threads=threads)
            if _quality(candidate) > _quality(lines):
                lines, turned = candidate, degrees
    skew = skew_degrees(lines)
    if abs(skew) > DESKEW_DEGREES and turned == 0.0:
        candidate = recognise(_rotate(image, skew), threads=threads)
        if _quality(candidate) >= 0.98 * _quality(lines):
            lines, turned = candidate, skew
    # a small skew is undone by the layout (rows are found on the page turned straight)
    return page_text(lines), turned + skew_degrees(lines)


def ocr_pages(sources: list[tuple[int, ImageSource]], *, workers: int | None = None,
              seconds: float = 240.0, progress: Progress | None = None) -> list[PageText]:
    """Read every page source; returns one PageText per source, in the order given."""
    if not sources:
        return []
    cpus = os.cpu_count() or 1
    parallel = max(1, min(workers or cpus, cpus, len(sources)))
    threads = max(1, cpus // parallel)
    deadline = time.monotonic() + seconds
    done = 0
    lock = threading.Lock()

    def work(item: tuple[int, ImageSource]) -> PageText:
        nonlocal done
        index, source = item
        if time.monotonic() > deadline:
            return PageText(index, "", None, "skipped")
        try:
            layout, turned = read_image(source(), threads=threads)
            result = PageText(index, layout.text, OcrPage(
                page=index + 1, confidence=round(layout.confidence, 3), lines=layout.lines,
                low_confidence_lines=layout.low_confidence_lines, rotated=round(turned, 1)), "read")
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 - one unreadable page must not sink the others
            log.debug("OCR failed on page %d", index + 1, exc_info=True)
            result = PageText(index, "", None, "failed")
        if progress is not None:
            with lock:
                done += 1
                progress(done, len(sources))
        return result

    if parallel == 1:
        return [work(item) for item in sources]
    with ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="ocr") as pool:
        return list(pool.map(work, sources))
