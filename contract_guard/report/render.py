"""One entry point for every report format: `render(report, "json" | "md" | "html" | "docx")`.

Text formats come back as `str`, DOCX as `bytes`."""
from __future__ import annotations

from typing import Literal

from ..models import Report
from .render_docx import render_docx
from .render_html import render_html
from .render_markdown import render_markdown

Format = Literal["json", "md", "html", "docx"]

# file-name extension for each format
EXTENSIONS: dict[str, str] = {"json": "json", "md": "md", "html": "html", "docx": "docx"}

# MIME type for each format (download buttons, HTTP responses)
MIME_TYPES: dict[str, str] = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render(report: Report, fmt: Format, lang: str | None = None) -> str | bytes:
    """The report in `fmt`: JSON (`report.to_json()`), Markdown, HTML or DOCX, in the report's language
    unless `lang` ("zh" | "en") asks for the other one (labels and headings; quoted clauses stay as written)."""
    if fmt == "json":
        return report.to_json()
    if fmt == "md":
        return render_markdown(report, lang)
    if fmt == "html":
        return render_html(report, lang)
    if fmt == "docx":
        return render_docx(report, lang)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(EXTENSIONS)}")
