"""Build scans and phone photos of contract text at run time (no binary fixture is stored).

* `page_image(lines, font)`: an A4 page at 200 dpi with the lines typeset like a printed contract;
* `photo_like(image)`: what a phone makes of it: turned a little, uneven light, sensor noise, JPEG;
* `image_pdf(images)`: an image-only PDF (one scanned page per image, no text layer);
* `cjk_font()`: a Chinese font on this machine (`fc-list :lang=zh`; CI installs fonts-wqy-zenhei).
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

A4_200DPI = (1654, 2339)


def cjk_font() -> str | None:
    """Path of a TrueType/TrueCollection font with Chinese glyphs, or None."""
    known = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
    if known.is_file():
        return str(known)
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            path = line.split(":")[0].strip()
            if path.endswith((".ttf", ".ttc")):
                return path
    return None


def in_ci() -> bool:
    return bool(os.environ.get("CONTRACT_GUARD_CI"))


def page_image(lines: list[str], font_path: str | None = None, *, size: int = 30, margin: int = 150,
               line_height: float = 1.7):
    """A white A4 page (200 dpi) with the lines drawn in black, like a printed page."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(font_path, size) if font_path else ImageFont.load_default(size=size)
    image = Image.new("L", A4_200DPI, 255)
    draw = ImageDraw.Draw(image)
    y = margin
    for line in lines:
        if line:
            draw.text((margin, y), line, font=font, fill=20)
        y += int(size * line_height)
    return image


def photo_like(image, *, angle: float = 2.0, noise: float = 12.0, quality: int = 70, seed: int = 9) -> bytes:
    """JPEG bytes of the page as a phone photo: slightly turned, uneven light, noise, compression."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    turned = image.convert("L").rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=235)
    pixels = np.asarray(turned, dtype=np.float32)
    h, w = pixels.shape
    light = np.linspace(0.82, 1.0, w)[None, :] * np.linspace(0.9, 1.0, h)[:, None]  # a shadow across the page
    pixels = pixels * light + rng.normal(0, noise, pixels.shape)
    photo = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).convert("RGB")
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def image_pdf(images, path: Path, size: tuple[float, float] = (595.27, 841.89)) -> Path:
    """An image-only PDF: each image fills one page (A4 unless `size` says otherwise); no text layer."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, height = size
    pdf = canvas.Canvas(str(path), pagesize=(width, height), invariant=1)
    for image in images:
        pdf.drawImage(ImageReader(image), 0, 0, width, height)
        pdf.showPage()
    pdf.save()
    return path
