"""Photos and scans as image files (PNG, JPG, HEIC): decoded safely, then read by OCR as one page.

Decoding is bounded before any pixel is touched: the header's size over `Limits.max_image_pixels`
is refused (ImageTooLarge: a decompression bomb costs nothing). A phone photo is turned upright by
its EXIF orientation and shrunk to `MAX_SIDE` pixels on its long side (OCR gains nothing beyond);
the OCR step then deskews and turns the page as needed (`contract_guard.ocr.pages`). HEIC (iPhone
photos) is decoded by `pi-heif`.
"""
from __future__ import annotations

import io
import warnings

from ..config import Limits
from ..errors import ImageTooLarge, OcrFoundNoText, OcrUnavailable, UnreadableDocument
from .text import Extracted, clean_text

IMAGE_SUFFIXES: tuple[str, ...] = (".png", ".jpg", ".jpeg", ".heic", ".heif")
MAX_SIDE = 3500
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis", b"avif")


def is_image(data: bytes) -> bool:
    """PNG, JPEG or HEIF magic bytes."""
    return (data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"))
            or (data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS))


def _unreadable() -> UnreadableDocument:
    return UnreadableDocument(kind="image")


def decode_image(data: bytes, limits: Limits | None = None):
    """The image as an upright BGR numpy array no larger than MAX_SIDE; raises ImageTooLarge / UnreadableDocument."""
    import numpy as np
    from PIL import Image, ImageOps

    limits = limits or Limits()
    if data[4:8] == b"ftyp":
        try:
            from pi_heif import register_heif_opener

            register_heif_opener()
        except ImportError:
            raise _unreadable() from None
    width = height = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            pillow_bound, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # ours is checked just below
            try:
                image = Image.open(io.BytesIO(data))  # reads the header only
            finally:
                Image.MAX_IMAGE_PIXELS = pillow_bound
            width, height = image.size
            if width * height > limits.max_image_pixels:
                raise ImageTooLarge(megapixels=width * height / 1e6, limit=limits.max_image_pixels / 1e6)
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a reduced size directly
            image = ImageOps.exif_transpose(image) or image
            if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
                background = Image.new("RGB", image.size, "white")
                background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
                image = background
            image = image.convert("RGB")
            if max(image.size) > MAX_SIDE:
                image.thumbnail((MAX_SIDE, MAX_SIDE))
            return np.ascontiguousarray(np.asarray(image)[:, :, ::-1])
    except ImageTooLarge:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        pixels = width * height or Image.MAX_IMAGE_PIXELS or limits.max_image_pixels
        raise ImageTooLarge(megapixels=pixels / 1e6, limit=limits.max_image_pixels / 1e6) from None
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 - any decoder failure is a damaged file to the user
        raise _unreadable() from None


def extract_image(data: bytes, *, limits: Limits | None = None, progress=None) -> Extracted:
    """OCR text of a photo or scan, as one page. Raises OcrUnavailable (OCR off), OcrFoundNoText, ..."""
    from .. import ocr

    limits = limits or Limits()
    if not is_image(data):
        raise _unreadable()
    if not limits.ocr or not ocr.available():
        raise OcrUnavailable()
    image = decode_image(data, limits)
    (result,) = ocr.ocr_pages([(0, lambda: image)], workers=limits.ocr_workers, seconds=limits.max_ocr_seconds,
                              progress=progress)
    text = clean_text(result.text)
    if not text.strip():
        raise OcrFoundNoText()
    return Extracted([text], [], [result.info] if result.info is not None else [])
