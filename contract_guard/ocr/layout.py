"""Recognised lines -> page text, reading order and confidence; the skew of a page from its lines.

Lines are put in rows (boxes whose vertical centres lie within half a line height, after undoing
the page's skew), rows top to bottom, boxes in a row left to right. Two boxes in a row are joined
by a space, unless both sides are CJK (Chinese is written without spaces). Confidence is the mean
recogniser score weighted by characters.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from ..models import LOW_OCR_CONFIDENCE
from .engine import Line

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass(frozen=True)
class Layout:
    text: str
    confidence: float
    lines: int
    low_confidence_lines: int


def skew_degrees(lines: list[Line]) -> float:
    """The page's skew: the median angle of the wide boxes' top edges (positive: clockwise), 0 if unknown."""
    angles, weights = [], []
    for line in lines:
        (x0, y0), (x1, y1) = line.box[0], line.box[1]
        width = math.hypot(x1 - x0, y1 - y0)
        height = math.hypot(*(line.box[3] - line.box[0]))
        if width > 3 * max(height, 1.0):
            angles.append(math.degrees(math.atan2(y1 - y0, x1 - x0)))
            weights.append(width)
    if len(angles) < 3:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def mostly_vertical(lines: list[Line]) -> bool:
    """Most boxes are much taller than wide: the page is probably turned by 90 degrees."""
    if len(lines) < 3:
        return False
    tall = sum(1 for line in lines
               if math.hypot(*(line.box[3] - line.box[0])) > 2 * math.hypot(*(line.box[1] - line.box[0])))
    return tall > 0.6 * len(lines)


def _join(left: str, right: str) -> str:
    if left and right and _CJK.match(left[-1]) and _CJK.match(right[0]):
        return left + right
    return f"{left} {right}"


def page_text(lines: list[Line]) -> Layout:
    """Reading-order text of one page and its confidence."""
    if not lines:
        return Layout("", 0.0, 0, 0)
    theta = math.radians(skew_degrees(lines))
    cos, sin = math.cos(-theta), math.sin(-theta)
    placed = []
    for line in lines:
        cx, cy = line.box.mean(axis=0)
        x, y = cx * cos - cy * sin, cx * sin + cy * cos
        height = max(math.hypot(*(line.box[3] - line.box[0])), 1.0)
        placed.append((y, x, height, line))
    placed.sort(key=lambda p: p[0])
    rows: list[list[tuple[float, float, float, Line]]] = []
    for item in placed:
        if rows:
            row = rows[-1]
            centre = sum(p[0] for p in row) / len(row)
            if abs(item[0] - centre) < 0.5 * min(item[2], row[0][2]):
                row.append(item)
                continue
        rows.append([item])
    texts = []
    for row in rows:
        row.sort(key=lambda p: p[1])
        text = row[0][3].text.strip()
        for item in row[1:]:
            text = _join(text, item[3].text.strip())
        texts.append(text)
    chars = np.array([max(len(line.text), 1) for line in lines], dtype=float)
    scores = np.array([line.score for line in lines])
    confidence = float((chars * scores).sum() / chars.sum())
    low = int((scores < LOW_OCR_CONFIDENCE).sum())
    return Layout("\n".join(texts), confidence, len(lines), low)
