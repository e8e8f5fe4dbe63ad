"""The report as a Word document (python-docx): for lawyers, who work in Word and WPS.

A summary, a findings table (severity, clause, page, why, what to ask for), the counter-clauses to
copy, and the missing protections, in the report's language. Contract text goes into runs as
plain text (python-docx escapes it), so it cannot inject anything into the document.
"""
from __future__ import annotations

import io
from collections.abc import Iterable

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from ..models import Report
from .i18n import deal_type_name, lang_of, page_label, risk_explanation, risk_name, severity_name, t
from .render_markdown import sorted_findings, sorted_missing

SEVERITY_COLOURS = {"critical": "C0392B", "high": "D35400", "medium": "B7950B", "low": "2471A3", "none": "1E8449"}
EAST_ASIAN_FONT = "SimSun"  # 宋体: present in Word and WPS on every Chinese desktop


def _fonts(document) -> None:
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _heading(document, text: str, level: int) -> None:
    h = document.add_heading(level=level)
    run = h.add_run(text)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _labelled(document, label: str, value: str, lang: str) -> None:
    p = document.add_paragraph()
    p.add_run(f"{label}{t('punct.colon', lang)}").bold = True
    p.add_run(value)


def render_docx(report: Report, lang: str | None = None, *,
                extra: Iterable[tuple[str, list[str]]] = ()) -> bytes:
    """The report as DOCX bytes; `extra` appends sections (title, paragraphs), e.g. a lawyer's review."""
    lang = lang_of(lang or report.language)
    document = new_docx()
    _fonts(document)
    _heading(document, t("report.title", lang), 0)

    summary, doc = report.summary, report.document
    _heading(document, t("section.summary", lang), 1)
    p = document.add_paragraph()
    run = p.add_run(risk_name(summary.risk_level, lang))
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(SEVERITY_COLOURS.get(summary.risk_level, "000000"))
    if summary.money and summary.money.sentence:
        _labelled(document, t("section.money", lang), summary.money.sentence, lang)
    if summary.headline:
        document.add_paragraph(summary.headline)
    document.add_paragraph(risk_explanation(summary.risk_level, lang))
    _labelled(document, t("ui.metric_score", lang), f"{summary.risk_score}/100", lang)
    _labelled(document, t("doc.deal_type", lang), deal_type_name(doc.deal_type, lang), lang)
    _labelled(document, t("doc.file", lang), doc.filename, lang)

    findings = sorted_findings(report.findings)
    _heading(document, f"{t('section.findings', lang)}{t('punct.paren', lang, text=len(findings))}", 1)
    if not findings:
        document.add_paragraph(t("finding.none", lang))
    else:
        headers = ["#", t("docx.severity", lang), t("docx.issue", lang), t("finding.clause", lang),
                   t("finding.why", lang), t("finding.ask", lang)]
        table = document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, headers):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for n, f in enumerate(findings, 1):
            cells = table.add_row().cells
            cells[0].text = str(n)
            cells[1].text = ""
            sev = cells[1].paragraphs[0].add_run(severity_name(f.severity, lang))
            sev.bold = True
            sev.font.color.rgb = RGBColor.from_string(SEVERITY_COLOURS[f.severity])
            cells[2].text = f"{f.title} ({page_label(f.clause.page, lang)})"
            cells[3].text = f.clause.text
            cells[4].text = f.why if not f.exposure else f"{f.why}\n💰 {f.exposure.sentence}"
            cells[5].text = f.suggestion

        counters = [(n, f) for n, f in enumerate(findings, 1) if f.counter_clause]
        if counters:
            _heading(document, t("docx.counter_clauses", lang), 1)
            for n, f in counters:
                document.add_paragraph().add_run(f"{n}. {f.title}").bold = True
                document.add_paragraph(f.counter_clause, style="Quote")

    missing = sorted_missing(report.missing_protections)
    _heading(document, f"{t('section.missing', lang)}{t('punct.paren', lang, text=len(missing))}", 1)
    if not missing:
        document.add_paragraph(t("missing.none", lang))
    for m in missing:
        p = document.add_paragraph(style="List Bullet")
        p.add_run(f"[{severity_name(m.severity, lang)}] {m.title}").bold = True
        p.add_run(f" — {m.suggestion}")

    for title, paragraphs in extra:
        _heading(document, title, 1)
        for text in paragraphs:
            document.add_paragraph(text)

    _heading(document, t("section.disclaimer", lang), 1)
    document.add_paragraph(t("disclaimer", lang))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
