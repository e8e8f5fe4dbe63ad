"""Render a creator set's <id>.txt files to <id>.pdf and <id>.docx, laid out like real contracts:
a running header and a page footer ("第 N 页" / "Page N"), headings in bold, ` | ` lines as tables.

    .venv/bin/python eval/render.py eval/creator-fresh

The text layer of the PDF is what a reader extracts, so the labels' quotes must survive it:
lines are wrapped at the page width, never altered. Needs reportlab (a test dependency).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from docx import Document as Docx
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
_HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十百0-9]+条|[一二三四五六七八九十]+、|附件|Schedule|Annex|Exhibit|ARTICLE|Article\s+\d+|\d+\.\s+[A-Z][A-Za-z ]{2,40}$)")


def _is_table(line: str) -> bool:
    return line.strip().startswith("|") and line.strip().endswith("|")


def _blocks(lines: list[str]):
    table: list[list[str]] = []
    for line in lines:
        if _is_table(line):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                table.append(cells)
            continue
        if table:
            yield "table", table
            table = []
        yield "line", line
    if table:
        yield "table", table


def render_pdf(txt: Path, out: Path, header: str, zh: bool) -> None:
    body = ParagraphStyle("b", fontName="STSong-Light", fontSize=10.5, leading=16, wordWrap="CJK" if zh else None)
    bold = ParagraphStyle("h", parent=body, fontSize=11.5, leading=18, spaceBefore=4)
    story = []
    for kind, item in _blocks(txt.read_text(encoding="utf-8").splitlines()):
        if kind == "table":
            width = max(len(r) for r in item)
            rows = [[Paragraph(escape(c), body) for c in r] + [""] * (width - len(r)) for r in item]
            t = Table(rows, colWidths=[170 * mm / width] * width)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "#555555"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [t, Spacer(1, 4)]
        elif not item.strip():
            story.append(Spacer(1, 6))
        else:
            story.append(Paragraph(escape(item), bold if _HEADING.match(item) and len(item) < 60 else body))

    def page(canvas, doc):
        canvas.saveState()
        canvas.setFont("STSong-Light", 8)
        canvas.drawString(20 * mm, A4[1] - 12 * mm, header)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"第 {doc.page} 页" if zh else f"Page {doc.page}")
        canvas.restoreState()

    SimpleDocTemplate(str(out), pagesize=A4, topMargin=20 * mm, bottomMargin=20 * mm,
                      leftMargin=20 * mm, rightMargin=20 * mm).build(story, onFirstPage=page, onLaterPages=page)


def render_docx(txt: Path, out: Path, header: str, zh: bool) -> None:
    d = Docx()
    d.styles["Normal"].font.size = Pt(10.5)
    sec = d.sections[0]
    sec.header.paragraphs[0].text = header
    sec.footer.paragraphs[0].text = "合同正文" if zh else "Contract"
    for kind, item in _blocks(txt.read_text(encoding="utf-8").splitlines()):
        if kind == "table":
            width = max(len(r) for r in item)
            t = d.add_table(rows=len(item), cols=width)
            t.style = "Table Grid"
            for i, r in enumerate(item):
                for j, c in enumerate(r):
                    t.cell(i, j).text = c
        elif item.strip():
            p = d.add_paragraph()
            run = p.add_run(item)
            run.bold = bool(_HEADING.match(item) and len(item) < 60)
    d.save(str(out))


def main(folder: str) -> int:
    root = Path(folder)
    for txt in sorted(root.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        zh = len(re.findall(r"[\u4e00-\u9fff]", text)) > len(re.findall(r"[A-Za-z]", text)) / 4
        header = ("合同编号：" if zh else "Contract ref. ") + txt.stem
        render_pdf(txt, txt.with_suffix(".pdf"), header, zh)
        render_docx(txt, txt.with_suffix(".docx"), header, zh)
        print(f"{txt.stem}: pdf, docx")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "eval/creator-fresh"))
