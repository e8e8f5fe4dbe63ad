"""The report as Markdown, in the report's language (Chinese for Chinese documents, else English).

Contract text is untrusted input: every piece of it (quoted clauses, headings,
the file name, notices) goes through `escape_md` / `md_blockquote`, so that a
clause cannot inject links, images, HTML, headings or tables into the report.
Renderers never compute findings; they only lay out a `Report`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import SEVERITY_ORDER, Finding, MissingProtection, Report
from .i18n import (
    SEVERITIES,
    deal_type_name,
    how_found,
    ocr_pages_line,
    label,
    lang_of,
    language_name,
    page_label,
    risk_explanation,
    risk_name,
    severity_name,
    t,
)

# Characters that start inline Markdown constructs anywhere in a line (CommonMark + GFM tables and
# strikethrough + the `$` maths that Streamlit's Markdown renders). `&` is handled on its own below.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$#])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Line starts that make block constructs: list items, ordered lists, setext underlines, thematic breaks.
_BLOCK_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")


def escape_md(text: str, *, line_start: bool = False) -> str:
    """Escape `text` to render as exactly `text` in Markdown (newlines become spaces).

    With `line_start=True` the text may begin a line or a list item, so a leading "1." / "-" / "+" / "="
    that would start a list or an underline is escaped too.
    """
    text = " ".join(text.split())
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    if line_start:
        text = _BLOCK_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)
    return text


def _bold_label(key: str, lang: str) -> str:
    """**Label**: with the colon outside the emphasis (CommonMark will not close `**` after "：" before a CJK letter)."""
    return f"**{t(key, lang)}**{t('punct.colon', lang)}"


def md_blockquote(text: str) -> str:
    """`text` as a Markdown blockquote, escaped line by line; paragraph breaks are kept."""
    lines = []
    for raw in text.strip().splitlines():
        line = raw.strip()
        lines.append(f"> {escape_md(line, line_start=True)}" if line else ">")
    # collapse runs of empty quote lines
    out: list[str] = []
    for line in lines:
        if line == ">" and out and out[-1] == ">":
            continue
        out.append(line)
    return "\n".join(out) if out else ">"


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, then in document order."""
    return sorted(
        findings,
        key=lambda f: (-SEVERITY_ORDER.get(f.severity, 0), f.clause.page or 10**9, f.clause.start, f.pattern_id),
    )


def sorted_missing(missing: Iterable[MissingProtection]) -> list[MissingProtection]:
    return sorted(missing, key=lambda m: -SEVERITY_ORDER.get(m.severity, 0))


def counts_of(report: Report) -> dict[str, int]:
    """Counts per severity, from the summary, falling back to counting the findings."""
    counts = {s: 0 for s in SEVERITIES}
    for f in report.findings:
        counts[f.severity] += 1
    for s in SEVERITIES:
        if s in report.summary.counts:
            counts[s] = report.summary.counts[s]
    return counts


def _finding_md(n: int, f: Finding, lang: str) -> list[str]:
    head = t("finding.title_page", lang, title=escape_md(f.title), page=page_label(f.clause.page, lang))
    out = [f"#### {n}. {head}", ""]
    if f.clause.heading:
        out += [f"{label('finding.heading', lang)}{escape_md(f.clause.heading)}", ""]
    out += [md_blockquote(f.clause.text), ""]
    if f.exposure:
        out += [f"💰 {_bold_label('finding.exposure', lang)}{escape_md(f.exposure.sentence)}", ""]
        if f.exposure.severity_rule:
            out += [f"{label('finding.money_rule', lang)}{escape_md(f.exposure.severity_rule)}", ""]
    out += [f"{_bold_label('finding.why', lang)}{escape_md(f.why)}", ""]
    out += [f"{_bold_label('finding.ask', lang)}{escape_md(f.suggestion)}", ""]
    if f.counter_clause:
        out += [f"{_bold_label('finding.counter_clause', lang)}", "", md_blockquote(f.counter_clause), ""]
    if f.references:
        out += [f"{_bold_label('finding.references', lang)}", ""]
        out += [f"- {escape_md(r, line_start=True)}" for r in f.references]
        out.append("")
    if f.escalated_by:
        sep = t("punct.list_sep", lang)
        out += [f"{label('finding.escalated', lang)}{escape_md(sep.join(f.escalated_by))}", ""]
    out += [f"*{label('finding.how', lang)}{escape_md(how_found(f, lang))}*", ""]
    return out


def render_markdown(report: Report, lang: str | None = None) -> str:
    """The whole report as Markdown, in `lang` (default: the report's own language)."""
    lang = lang_of(lang or report.language)
    doc, summary = report.document, report.summary
    counts = counts_of(report)
    out: list[str] = [f"# {t('report.title', lang)}{t('punct.paren', lang, text=escape_md(doc.filename))}", ""]

    # ---- summary
    out += [f"## {t('section.summary', lang)}", ""]
    out += [f"**{risk_name(summary.risk_level, lang)}** · {t('risk.score', lang, score=summary.risk_score)}", ""]
    if summary.money and summary.money.sentence:
        out += [f"💰 {_bold_label('section.money', lang)}{escape_md(summary.money.sentence)}", ""]
    if summary.headline:
        out += [f"**{escape_md(summary.headline)}**", ""]
    out += [risk_explanation(summary.risk_level, lang), ""]
    out += [t("summary.total", lang, count=len(report.findings), missing=len(report.missing_protections)), ""]
    out += ["| " + " | ".join(severity_name(s, lang) for s in SEVERITIES) + " |"]
    out += ["|" + "---|" * len(SEVERITIES)]
    out += ["| " + " | ".join(str(counts[s]) for s in SEVERITIES) + " |", ""]
    if summary.fix_first:
        out += [f"**{t('section.fix_first', lang)}**", ""]
        for i, x in enumerate(summary.fix_first, 1):
            where = t("fix.page", lang, page=x.page) if x.page else ""
            out += [f"{i}. **[{severity_name(x.severity, lang)}] {escape_md(x.title)}**"
                    + (f" ({where})" if where else "") + f" — {escape_md(x.suggestion)}"]
        out.append("")
    if summary.combinations:
        out += [f"{_bold_label('summary.combinations', lang)}", ""]
        out += [f"- {escape_md(c, line_start=True)}" for c in summary.combinations]
        out.append("")

    # ---- document facts
    out += [f"## {t('section.document', lang)}", ""]
    deal = deal_type_name(doc.deal_type, lang)
    if doc.deal_type_evidence:
        evidence = t("punct.list_sep", lang).join(doc.deal_type_evidence[:5])
        deal += t("punct.paren", lang, text=f"{t('doc.deal_type_evidence', lang)}{t('punct.colon', lang)}{escape_md(evidence)}")
    out += [
        f"- {label('doc.file', lang)}{escape_md(doc.filename)}",
        f"- {label('doc.pages_label', lang)}{doc.pages}",
        f"- {label('doc.language', lang)}{language_name(doc.language, lang)}",
        f"- {label('doc.deal_type', lang)}{deal}",
        f"- {label('doc.characters', lang)}{doc.characters:,}",
        f"- {label('doc.tool', lang)}{escape_md(report.tool.name)} {escape_md(report.tool.version)}"
        f"{t('punct.paren', lang, text=t('doc.mode.' + report.tool.mode, lang))}",
    ]
    if doc.ocr:
        out.append(f"- {t('doc.ocr', lang)} {ocr_pages_line(doc, lang)}".rstrip())
    if doc.notices:
        out.append(f"- {label('doc.notices', lang).rstrip()}")
        out += [f"  - {escape_md(n, line_start=True)}" for n in doc.notices]
    out.append("")

    # ---- findings
    out += [f"## {t('section.findings', lang)}", ""]
    findings = sorted_findings(report.findings)
    if not findings:
        out += [t("finding.none", lang), ""]
    n = 0
    for sev in SEVERITIES:
        group = [f for f in findings if f.severity == sev]
        if not group:
            continue
        out += [f"### {t('section.severity_group', lang, severity=severity_name(sev, lang), count=len(group))}", ""]
        for f in group:
            n += 1
            out += _finding_md(n, f, lang)

    # ---- notes
    if report.notes:
        out += [f"## {t('section.notes', lang)}", "", t("notes.intro", lang), ""]
        for f in sorted_findings(report.notes):
            page = f" ({t('fix.page', lang, page=f.clause.page)})" if f.clause.page else ""
            out += [f"- **{escape_md(f.title)}**{page}: {escape_md(f.clause.text[:160])}"]
        out.append("")

    # ---- missing protections
    out += [f"## {t('section.missing', lang)}", ""]
    missing = sorted_missing(report.missing_protections)
    if not missing:
        out += [t("missing.none", lang), ""]
    else:
        out += [t("missing.intro", lang), ""]
        for m in missing:
            out += [
                f"- **[{severity_name(m.severity, lang)}] {escape_md(m.title)}**",
                f"  - {label('finding.why', lang)}{escape_md(m.why)}",
                f"  - {label('finding.ask', lang)}{escape_md(m.suggestion)}",
            ]
        out.append("")

    # ---- disclaimer
    out += ["---", "", f"{_bold_label('section.disclaimer', lang)}{t('disclaimer', lang)}", ""]
    out += [
        "*"
        + escape_md(t("footer.generated", lang, tool=report.tool.name, version=report.tool.version,
                      library=report.tool.library_version))
        + "*",
        "",
    ]
    return "\n".join(out)
