"""The report as one self-contained, printable HTML page (inline CSS, no scripts, no external assets).

Contract text is untrusted input: every string that comes from the report goes
through `html.escape` (`_e`), including the library's own texts, so nothing in
a contract or a pattern can add markup or scripts to the page.
"""
from __future__ import annotations

from html import escape

from ..models import Finding, Report
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
from .render_markdown import counts_of, sorted_findings, sorted_missing

# background, text colour
SEVERITY_COLOURS: dict[str, tuple[str, str]] = {
    "critical": ("#b71c1c", "#ffffff"),
    "high": ("#e65100", "#ffffff"),
    "medium": ("#f9a825", "#212121"),
    "low": ("#1565c0", "#ffffff"),
    "none": ("#2e7d32", "#ffffff"),
}

_CSS = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f5f5f5;color:#212121;line-height:1.6;
 font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei",
 "Noto Sans CJK SC","Source Han Sans SC",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:16px}
main{max-width:860px;margin:0 auto;padding:24px 20px 40px;background:#fff}
h1{font-size:1.6em;margin:0 0 .2em}
h2{font-size:1.3em;margin:1.6em 0 .6em;padding-bottom:.2em;border-bottom:2px solid #e0e0e0}
h3{font-size:1.1em;margin:1.2em 0 .5em}
h4{font-size:1.02em;margin:0 0 .5em}
.file{color:#616161;margin:0;word-break:break-all}
.badge{display:inline-block;padding:.05em .6em;border-radius:1em;font-size:.85em;font-weight:600;
 white-space:nowrap;vertical-align:.08em;-webkit-print-color-adjust:exact;print-color-adjust:exact}
/*BADGES*/
.summary{border:2px solid;border-radius:8px;padding:14px 18px;margin-top:18px}
.summary h2{border:0;margin-top:0}
table.counts caption{text-align:left;color:#616161}
.summary .level{font-size:1.25em;font-weight:700}
.summary .score{margin-left:.6em;font-weight:400;color:#424242;font-size:.85em}
table.counts{border-collapse:collapse;margin:.6em 0}
table.counts th,table.counts td{border:1px solid #e0e0e0;padding:.25em .9em;text-align:center}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:0}
dl.facts dt{font-weight:600;color:#424242}
dl.facts dd{margin:0;word-break:break-word}
.notice{background:#fff8e1;border-left:4px solid #f9a825;padding:.4em .8em;margin:.5em 0}
article.finding{border:1px solid #e0e0e0;border-left:6px solid;border-radius:6px;padding:12px 16px;margin:0 0 14px;
 break-inside:avoid;page-break-inside:avoid}
/*FINDINGS*/
.page{color:#616161;font-weight:400;font-size:.9em}
.heading{color:#616161;margin:.2em 0}
blockquote{margin:.5em 0;padding:.5em .9em;background:#fafafa;border-left:4px solid #bdbdbd;
 white-space:pre-wrap;word-break:break-word;font-family:inherit}
blockquote.counter{border-left-color:#2e7d32;background:#f1f8e9}
.how{color:#757575;font-size:.85em;margin-top:.6em}
ul.missing{padding-left:1.2em}
ul.missing li{margin-bottom:.7em}
ul.missing p{margin:.15em 0}
footer{margin-top:2em;padding-top:1em;border-top:2px solid #e0e0e0}
.disclaimer{background:#e3f2fd;border-radius:6px;padding:.7em 1em}
.generated{color:#9e9e9e;font-size:.8em}
@media print{
 body{background:#fff;font-size:11pt}
 main{max-width:none;padding:0}
 h2,h3,h4{break-after:avoid;page-break-after:avoid}
 .summary,article.finding,blockquote{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
@page{margin:16mm 14mm}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _css() -> str:
    colours = SEVERITY_COLOURS.items()
    badges = "\n".join(f".badge.sev-{s}{{background:{bg};color:{fg}}}" for s, (bg, fg) in colours)
    summary = "\n".join(f".summary.risk-{s}{{border-color:{bg}}}" for s, (bg, _) in colours)
    finding = "\n".join(f"article.finding.sev-{s}{{border-left-color:{bg}}}" for s, (bg, _) in colours)
    return _CSS.replace("/*BADGES*/", badges + "\n" + summary).replace("/*FINDINGS*/", finding)


def _badge(severity: str, text: str) -> str:
    return f'<span class="badge sev-{_e(severity)}">{_e(text)}</span>'


def _finding_html(n: int, f: Finding, lang: str) -> str:
    parts = [
        f'<article class="finding sev-{_e(f.severity)}" id="finding-{n}">',
        f"<h4>{_badge(f.severity, severity_name(f.severity, lang))} {n}. {_e(f.title)} "
        f'<span class="page">{_e(t("punct.paren", lang, text=page_label(f.clause.page, lang)).strip())}</span></h4>',
    ]
    if f.clause.heading:
        parts.append(f'<p class="heading">{_e(label("finding.heading", lang))}{_e(f.clause.heading)}</p>')
    parts.append(f'<blockquote class="clause" lang="{"zh-CN" if lang == "zh" else "en"}">{_e(f.clause.text.strip())}</blockquote>')
    if f.exposure:
        parts.append(f'<p class="exposure exposure-{_e(f.exposure.status)}">💰 <strong>{_e(label("finding.exposure", lang))}</strong>'
                     f"{_e(f.exposure.sentence)}</p>")
        if f.exposure.severity_rule:
            parts.append(f'<p class="money-rule">{_e(label("finding.money_rule", lang))}{_e(f.exposure.severity_rule)}</p>')
    parts.append(f"<p><strong>{_e(label('finding.why', lang))}</strong>{_e(f.why)}</p>")
    parts.append(f"<p><strong>{_e(label('finding.ask', lang))}</strong>{_e(f.suggestion)}</p>")
    if f.counter_clause:
        parts.append(f"<p><strong>{_e(label('finding.counter_clause', lang))}</strong></p>")
        parts.append(f'<blockquote class="counter">{_e(f.counter_clause.strip())}</blockquote>')
    if f.references:
        refs = "".join(f"<li>{_e(r)}</li>" for r in f.references)
        parts.append(f"<p><strong>{_e(label('finding.references', lang))}</strong></p><ul>{refs}</ul>")
    if f.escalated_by:
        parts.append(f"<p>{_e(label('finding.escalated', lang))}{_e(t('punct.list_sep', lang).join(f.escalated_by))}</p>")
    parts.append(f'<p class="how">{_e(label("finding.how", lang))}{_e(how_found(f, lang))}</p>')
    parts.append("</article>")
    return "\n".join(parts)


def render_html(report: Report, lang: str | None = None) -> str:
    """The whole report as a standalone HTML page, in `lang` (default: the report's own language)."""
    lang = lang_of(lang or report.language)
    doc, summary = report.document, report.summary
    counts = counts_of(report)
    title = t("report.title", lang)
    level = summary.risk_level if summary.risk_level in SEVERITY_COLOURS else "none"

    body: list[str] = [
        "<header>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="file">{_e(doc.filename)}</p>',
        "</header>",
        # ---- summary
        f'<section class="summary risk-{_e(level)}" aria-labelledby="summary-title">',
        f'<h2 id="summary-title">{_e(t("section.summary", lang))}</h2>',
        f'<div class="level">{_badge(level, risk_name(summary.risk_level, lang))}'
        f'<span class="score">{_e(t("risk.score", lang, score=summary.risk_score))}</span></div>',
    ]
    if summary.money and summary.money.sentence:
        body.append(f'<p class="money">💰 <strong>{_e(label("section.money", lang))}</strong>{_e(summary.money.sentence)}</p>')
    if summary.headline:
        body.append(f'<p class="headline"><strong>{_e(summary.headline)}</strong></p>')
    body.append(f"<p>{_e(risk_explanation(summary.risk_level, lang))}</p>")
    body.append(f"<p>{_e(t('summary.total', lang, count=len(report.findings), missing=len(report.missing_protections)))}</p>")
    body.append(
        f'<table class="counts"><caption>{_e(t("summary.counts", lang))}</caption><tr>'
        + "".join(f"<th>{_badge(s, severity_name(s, lang))}</th>" for s in SEVERITIES)
        + "</tr><tr>"
        + "".join(f"<td>{counts[s]}</td>" for s in SEVERITIES)
        + "</tr></table>"
    )
    if summary.fix_first:
        body.append(f"<p><strong>{_e(t('section.fix_first', lang))}</strong></p><ol class=\"fix-first\">"
                    + "".join(f"<li>{_badge(x.severity, severity_name(x.severity, lang))} <strong>{_e(x.title)}</strong>"
                              + (f" ({_e(t('fix.page', lang, page=x.page))})" if x.page else "")
                              + f" — {_e(x.suggestion)}</li>" for x in summary.fix_first) + "</ol>")
    if summary.combinations:
        body.append(f"<p><strong>{_e(label('summary.combinations', lang))}</strong></p><ul>"
                    + "".join(f"<li>{_e(c)}</li>" for c in summary.combinations) + "</ul>")
    body.append("</section>")

    # ---- document facts
    deal = deal_type_name(doc.deal_type, lang)
    if doc.deal_type_evidence:
        evidence = t("punct.list_sep", lang).join(doc.deal_type_evidence[:5])
        deal += t("punct.paren", lang, text=f"{t('doc.deal_type_evidence', lang)}{t('punct.colon', lang)}{evidence}")
    facts = [
        (t("doc.file", lang), doc.filename),
        (t("doc.pages_label", lang), str(doc.pages)),
        (t("doc.language", lang), language_name(doc.language, lang)),
        (t("doc.deal_type", lang), deal),
        (t("doc.characters", lang), f"{doc.characters:,}"),
        (t("doc.tool", lang), f"{report.tool.name} {report.tool.version}"
                              f"{t('punct.paren', lang, text=t('doc.mode.' + report.tool.mode, lang))}"),
        (t("doc.sha256", lang), doc.sha256),
    ]
    body.append(f"<section><h2>{_e(t('section.document', lang))}</h2><dl class=\"facts\">"
                + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts) + "</dl>")
    if doc.ocr:
        body.append(f'<p class="notice">{_e((t("doc.ocr", lang) + " " + ocr_pages_line(doc, lang)).rstrip())}</p>')
    for notice in doc.notices:
        body.append(f'<p class="notice">{_e(notice)}</p>')
    body.append("</section>")

    # ---- findings
    body.append(f"<section><h2>{_e(t('section.findings', lang))}</h2>")
    findings = sorted_findings(report.findings)
    if not findings:
        body.append(f"<p>{_e(t('finding.none', lang))}</p>")
    n = 0
    for sev in SEVERITIES:
        group = [f for f in findings if f.severity == sev]
        if not group:
            continue
        body.append(f"<h3>{_e(t('section.severity_group', lang, severity=severity_name(sev, lang), count=len(group)))}</h3>")
        for f in group:
            n += 1
            body.append(_finding_html(n, f, lang))
    body.append("</section>")

    # ---- notes
    if report.notes:
        body.append(f"<section><h2>{_e(t('section.notes', lang))}</h2><p>{_e(t('notes.intro', lang))}</p><ul class=\"notes\">"
                    + "".join(f"<li><strong>{_e(f.title)}</strong>"
                              + (f" ({_e(t('fix.page', lang, page=f.clause.page))})" if f.clause.page else "")
                              + f": {_e(f.clause.text[:160])}</li>" for f in sorted_findings(report.notes))
                    + "</ul></section>")

    # ---- missing protections
    body.append(f"<section><h2>{_e(t('section.missing', lang))}</h2>")
    missing = sorted_missing(report.missing_protections)
    if not missing:
        body.append(f"<p>{_e(t('missing.none', lang))}</p>")
    else:
        body.append(f"<p>{_e(t('missing.intro', lang))}</p><ul class=\"missing\">")
        for m in missing:
            body.append(
                f"<li>{_badge(m.severity, severity_name(m.severity, lang))} <strong>{_e(m.title)}</strong>"
                f"<p>{_e(label('finding.why', lang))}{_e(m.why)}</p>"
                f"<p>{_e(label('finding.ask', lang))}{_e(m.suggestion)}</p></li>"
            )
        body.append("</ul>")
    body.append("</section>")

    # ---- disclaimer
    body.append(
        f'<footer><p class="disclaimer"><strong>{_e(label("section.disclaimer", lang))}</strong>{_e(t("disclaimer", lang))}</p>'
        f'<p class="generated">{_e(t("footer.generated", lang, tool=report.tool.name, version=report.tool.version, library=report.tool.library_version))}</p>'
        "</footer>"
    )

    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{_e(title)} – {_e(doc.filename)}</title>\n<style>{_css()}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )
