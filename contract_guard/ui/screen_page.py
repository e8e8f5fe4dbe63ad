"""The screening page: upload one contract, see its risk report, download it.

Thin over the library: it calls `contract_guard.pipeline.screen()` and the report
renderers, and only lays out what they return. Every string comes from
`contract_guard.report.i18n`. Contract text is shown only through `escape_md` /
`md_blockquote` (or `st.code`), never as raw Markdown or HTML.
"""
from __future__ import annotations

import importlib
import logging
from pathlib import Path, PurePath
from collections.abc import Callable
from types import ModuleType

import streamlit as st

from ..config import get_settings
from ..errors import ContractGuardError
from ..library.taxonomy import Concept
from ..models import Finding, Report
from ..report.i18n import (
    SEVERITIES,
    deal_type_name,
    how_found,
    language_name,
    ocr_pages_line,
    page_label,
    risk_explanation,
    risk_name,
    severity_name,
    t,
)
from ..report.render import EXTENSIONS, MIME_TYPES, render
from ..report.render_markdown import counts_of, escape_md, md_blockquote, sorted_findings, sorted_missing
from . import state
from .highlight import highlighted_html

log = logging.getLogger(__name__)

UPLOAD_TYPES = ["pdf", "docx", "txt", "md", "png", "jpg", "jpeg", "heic", "heif"]
SEVERITY_ICONS = {"critical": "🔴", "high": "🟠", "medium": "🟡", "low": "🔵", "none": "🟢"}
BADGE_COLOURS = {"critical": "red", "high": "orange", "medium": "yellow", "low": "blue", "none": "green"}


class EngineUnavailable(Exception):
    """The pipeline module is not installed (yet)."""


# --------------------------------------------------------------------------- the engine
def _pipeline() -> ModuleType:
    try:
        return importlib.import_module("contract_guard.pipeline")
    except ModuleNotFoundError as exc:
        if exc.name == "contract_guard.pipeline":
            raise EngineUnavailable from exc
        raise


@st.cache_resource(show_spinner=False)
def _screener():
    """Load the screening engine (models, indexes) once per server process, if the pipeline offers one."""
    get_screener = getattr(_pipeline(), "get_screener", None)
    return get_screener() if callable(get_screener) else None


def screen_upload(data: bytes, filename: str, password: str | None, progress=None) -> Report:
    """Screen uploaded bytes with the library (raises ContractGuardError for bad input)."""
    pipeline = _pipeline()
    _screener()  # warm, shared across sessions; screen() uses the same process-wide engine
    return pipeline.screen(data, filename, password=password, progress=progress)


# --------------------------------------------------------------------------- page parts
def _label(key: str, lang: str) -> str:
    return f"**{t(key, lang)}**{t('punct.colon', lang)}"



def _finding_expander(n: int, f: Finding, lang: str) -> None:
    title = t("finding.title_page", lang, title=escape_md(f.title), page=page_label(f.clause.page, lang))
    label = f"{SEVERITY_ICONS.get(f.severity, '')} {n}. \\[{severity_name(f.severity, lang)}\\] {title}"
    with st.expander(label, expanded=f.severity == "critical"):
        if f.clause.heading:
            st.caption(f"{t('finding.heading', lang)}{t('punct.colon', lang)}{escape_md(f.clause.heading)}")
        st.markdown(md_blockquote(f.clause.text))
        if f.exposure:
            st.markdown(f"💰 {_label('finding.exposure', lang)}{escape_md(f.exposure.sentence)}")
            if f.exposure.severity_rule:
                st.caption(f"{t('finding.money_rule', lang)}{t('punct.colon', lang)}{escape_md(f.exposure.severity_rule)}")
        st.markdown(f"{_label('finding.why', lang)}{escape_md(f.why)}")
        st.markdown(f"{_label('finding.ask', lang)}{escape_md(f.suggestion)}")
        if f.counter_clause:
            st.markdown(_label("finding.counter_clause", lang))
            st.code(f.counter_clause, language=None, wrap_lines=True)  # with a copy button
        if f.references:
            st.markdown(_label("finding.references", lang) + "\n\n"
                        + "\n".join(f"- {escape_md(r, line_start=True)}" for r in f.references))
        if f.escalated_by:
            st.caption(f"{t('finding.escalated', lang)}{t('punct.colon', lang)}"
                       f"{escape_md(t('punct.list_sep', lang).join(f.escalated_by))}")
        st.caption(f"{t('finding.how', lang)}{t('punct.colon', lang)}{escape_md(how_found(f, lang))}")


def _summary(report: Report, lang: str) -> None:
    summary, doc = report.summary, report.document
    st.subheader(t("section.summary", lang))
    level = summary.risk_level
    st.badge(risk_name(level, lang), icon=None, color=BADGE_COLOURS.get(level, "gray"))
    if summary.money and summary.money.sentence:
        st.info(f"{_label('section.money', lang)}{escape_md(summary.money.sentence)}", icon="💰")
    if summary.headline:
        st.markdown(f"**{escape_md(summary.headline)}**")
    st.markdown(risk_explanation(level, lang))
    c1, c2, c3 = st.columns(3)
    c1.metric(t("ui.metric_level", lang), risk_name(level, lang))
    c2.metric(t("ui.metric_score", lang), f"{summary.risk_score}/100")
    c3.metric(t("ui.metric_deal", lang), deal_type_name(doc.deal_type, lang))
    if summary.fix_first:
        st.markdown(f"**{t('section.fix_first', lang)}**\n\n" + "\n".join(
            f"{i}. {SEVERITY_ICONS[x.severity]} **{escape_md(x.title)}**"
            + (f" ({t('fix.page', lang, page=x.page)})" if x.page else "") + f" — {escape_md(x.suggestion)}"
            for i, x in enumerate(summary.fix_first, 1)))
    counts = counts_of(report)
    for col, sev in zip(st.columns(len(SEVERITIES)), SEVERITIES):
        col.metric(f"{SEVERITY_ICONS[sev]} {severity_name(sev, lang)}", counts[sev])
    facts = [
        f"{t('doc.file', lang)}{t('punct.colon', lang)}{escape_md(doc.filename)}",
        f"{t('doc.pages_label', lang)}{t('punct.colon', lang)}{doc.pages}",
        f"{t('doc.language', lang)}{t('punct.colon', lang)}{language_name(doc.language, lang)}",
    ]
    st.caption(" · ".join(facts))
    if doc.ocr:
        st.warning(t("doc.ocr", lang) + " " + ocr_pages_line(doc, lang))
    for notice in doc.notices:
        st.warning(escape_md(notice))
    if report.language != lang:
        st.caption(t("ui.report_language", lang, language=language_name(doc.language, lang)))


def _concept_names() -> dict[str, Concept]:
    try:
        screener = _screener()
    except EngineUnavailable:
        return {}
    return dict(screener.library.taxonomy.concepts) if screener is not None else {}


def _findings(report: Report, lang: str, document_text: Callable[[], str] | None = None) -> None:
    st.subheader(f"{t('section.findings', lang)}{t('punct.paren', lang, text=len(report.findings))}")
    if not report.findings:
        st.markdown(t("finding.none", lang))
    numbered = list(enumerate(sorted_findings(report.findings), start=1))
    if len(numbered) > 1:  # filters by severity and concept
        concepts = _concept_names()
        c1, c2 = st.columns(2)
        doc_key = report.document.sha256[:12]
        levels = c1.multiselect(t("ui.filter_severity", lang),
                                [s for s in SEVERITIES if any(f.severity == s for _, f in numbered)],
                                format_func=lambda s: severity_name(s, lang), key=f"filter_severity_{doc_key}",
                                placeholder=t("ui.filter_all", lang))
        cats = c2.multiselect(t("ui.filter_concept", lang), sorted({f.category for _, f in numbered}),
                              format_func=lambda c: (getattr(concepts[c], "zh" if lang == "zh" else "en")
                                                     if c in concepts else c),
                              key=f"filter_concept_{doc_key}", placeholder=t("ui.filter_all", lang))
        numbered = [(n, f) for n, f in numbered
                    if (not levels or f.severity in levels) and (not cats or f.category in cats)]
    for n, f in numbered:
        _finding_expander(n, f, lang)
    if document_text is not None and report.findings and st.toggle(t("ui.show_contract", lang), key="show_contract"):
        try:
            text = document_text()
        except ContractGuardError as exc:
            st.warning(exc.message(lang))
        else:
            st.html(highlighted_html(text, sorted_findings(report.findings)))
    if report.notes:
        with st.expander(f"{t('section.notes', lang)}{t('punct.paren', lang, text=len(report.notes))}"):
            st.caption(t("notes.intro", lang))
            st.markdown("\n".join(f"- **{escape_md(f.title)}**: {escape_md(f.clause.text[:160])}"
                                   for f in sorted_findings(report.notes)))


def _missing(report: Report, lang: str) -> None:
    missing = sorted_missing(report.missing_protections)
    st.subheader(f"{t('section.missing', lang)}{t('punct.paren', lang, text=len(missing))}")
    if not missing:
        st.markdown(t("missing.none", lang))
        return
    st.markdown(t("missing.intro", lang))
    lines = []
    for m in missing:
        lines += [
            f"- {SEVERITY_ICONS.get(m.severity, '')} **\\[{severity_name(m.severity, lang)}\\] {escape_md(m.title)}**",
            f"  - {t('finding.why', lang)}{t('punct.colon', lang)}{escape_md(m.why)}",
            f"  - {t('finding.ask', lang)}{t('punct.colon', lang)}{escape_md(m.suggestion)}",
        ]
    st.markdown("\n".join(lines))


def _document_text(data: bytes, filename: str, password: str | None) -> str:
    """The contract's text, read again from the upload (the report quotes clauses, not the whole text)."""
    from ..readers.isolated import read_isolated  # a stranger's file: read in the bounded worker

    return read_isolated(data, filename, password=password, limits=get_settings().limits).text


def download_name(filename: str, fmt: str) -> str:
    stem = PurePath(filename.replace("\\", "/")).stem or "contract"
    return f"{stem}.contract-guard.{EXTENSIONS[fmt]}"


def _downloads(report: Report, lang: str) -> None:
    st.subheader(t("ui.download", lang))
    report_lang = st.radio(t("ui.report_lang", lang), [report.language, "en" if report.language == "zh" else "zh"],
                           format_func=state.UI_LANGUAGES.__getitem__, horizontal=True,
                           key=f"report_lang_{report.document.sha256[:12]}")
    for col, fmt in zip(st.columns(len(EXTENSIONS)), EXTENSIONS):
        col.download_button(
            t(f"ui.download_{fmt}", lang),
            data=render(report, fmt, report_lang),  # type: ignore[arg-type]
            file_name=download_name(report.document.filename, fmt),
            mime=MIME_TYPES[fmt],
            key=f"download_{fmt}",
            on_click="ignore",
            icon=":material/download:",
        )


def show_report(report: Report, lang: str, document_text: Callable[[], str] | None = None) -> None:
    """The report; with `document_text`, the whole contract can be shown with its risky clauses highlighted."""
    _summary(report, lang)
    _findings(report, lang, document_text)
    _missing(report, lang)
    _downloads(report, lang)
    st.divider()
    st.info(t("disclaimer", lang), icon="⚖️")


def _show_error(result: BaseException, lang: str) -> None:
    if isinstance(result, ContractGuardError):
        st.error(result.message(lang))
    elif isinstance(result, EngineUnavailable):
        st.error(t("ui.error_unavailable", lang))
    else:
        st.error(t("ui.error_generic", lang))


# --------------------------------------------------------------------------- the page
def main() -> None:
    """The screening page as a one-page app."""
    lang = state.init_language()
    st.set_page_config(page_title=t("ui.page_title", lang), page_icon="🛡️", layout="centered")
    _body(state.language_switch())


def page() -> None:
    """The screening page inside the multipage app (the app sets the page up and the language)."""
    _body(state.ui_language())


def _body(lang: str) -> None:
    st.title(t("ui.title", lang))
    st.markdown(t("ui.subtitle", lang))
    settings = get_settings()
    if settings.embedding_backend != "use":
        st.warning(t("ui.remote_embeddings", lang, url=settings.openai_base_url or "api.openai.com"), icon="⚠️")
    else:
        st.info(t("ui.privacy", lang), icon="🔒")

    uploaded = st.file_uploader(
        t("ui.upload", lang), type=UPLOAD_TYPES, accept_multiple_files=False, key=state.UPLOAD_KEY,
        help=t("ui.upload_help", lang),
    )
    password = st.text_input(
        t("ui.password", lang), type="password", key=state.PASSWORD_KEY, help=t("ui.password_help", lang),
        autocomplete="off",
    )

    pasted = "" if uploaded is not None else st.text_area(t("ui.paste", lang), key="contract_paste", height=120)
    if uploaded is None and not pasted.strip():
        state.clear_result()
        st.caption(t("ui.start_hint", lang))
        return

    if uploaded is not None:
        data, filename = uploaded.getvalue(), uploaded.name
    else:
        data, filename = pasted.encode("utf-8"), t("ui.pasted_name", lang)
    key = state.upload_key(data, filename, password)
    result = state.cached_result(key)
    if result is None:
        try:
            with st.spinner(t("ui.spinner", lang, filename=filename)):
                bar = st.empty()  # OCR of a scan or photo: page by page
                result = screen_upload(data, filename, password or None, progress=lambda done, total: bar.progress(
                    done / total, text=t("ui.ocr_progress", lang, done=done, total=total)))
                bar.empty()
        except ContractGuardError as exc:
            result = exc
        except EngineUnavailable as exc:
            log.error("contract_guard.pipeline is not available")
            result = exc
        except Exception as exc:  # noqa: BLE001 - any other failure: a friendly line, details in the log only
            # log the type and size, not the file name or its text (they may be confidential)
            log.exception("screening failed (%s file, %d bytes)", Path(filename).suffix.lower() or "no-suffix", len(data))
            result = exc
        state.store_result(key, result)

    if isinstance(result, BaseException):
        _show_error(result, lang)
        return
    from .llm_panel import offer  # the opt-in LLM review: shows what would be sent before sending it
    from .send_form import send_to_legal_team

    shown = offer(data, filename, password or None, key, lang) or result
    whole_text = lambda: _document_text(data, filename, password or None)  # noqa: E731
    show_report(shown, lang, lambda: state.remembered(f"text:{key}", whole_text))
    send_to_legal_team(shown, data, filename, key, lang)
