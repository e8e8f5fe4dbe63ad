"""The library browser: search the clause library by concept or words, in either language; read
each pattern's explanation, examples and counter-clause (loaded by `contract_guard.library`)."""
from __future__ import annotations

import streamlit as st

from ..config import get_settings
from ..library.browse import search
from ..library.loader import Library, load_library
from ..report.i18n import severity_name, t
from ..report.render_markdown import escape_md
from . import state
from .screen_page import SEVERITY_ICONS

MAX_SHOWN = 40


@st.cache_resource(show_spinner=False)
def _library(path: str) -> Library:
    from pathlib import Path

    return load_library(Path(path))


def page() -> None:
    lang = state.ui_language()
    st.title(t("library.title", lang))
    st.markdown(t("library.intro", lang))
    library = _library(str(get_settings().library_dir))
    concepts = library.taxonomy.concepts
    c1, c2, c3 = st.columns([3, 3, 2])
    query = c1.text_input(t("library.search", lang), key="library_query", placeholder=t("library.placeholder", lang))
    chosen = c2.multiselect(t("library.concepts", lang), list(concepts), key="library_concepts",
                            placeholder=t("ui.filter_all", lang),
                            format_func=lambda c: getattr(concepts[c], lang if lang == "zh" else "en"))
    levels = c3.multiselect(t("docx.severity", lang), ["critical", "high", "medium", "low"], key="library_levels",
                            placeholder=t("ui.filter_all", lang),
                            format_func=lambda s: severity_name(s, lang))
    hits = search(library, query, concepts=chosen, severities=levels)
    st.caption(t("library.count", lang, count=len(hits), total=len(library.patterns)))
    for p in hits[:MAX_SHOWN]:
        names = t("punct.list_sep", lang).join(
            getattr(concepts[c], "zh" if lang == "zh" else "en") for c in p.concepts if c in concepts)
        with st.expander(f"{SEVERITY_ICONS[p.severity]} \\[{severity_name(p.severity, lang)}\\] "
                         f"{escape_md(p.title.get(lang))}"):
            st.caption(f"{escape_md(names)} · `{p.id}`")
            st.markdown(f"**{t('finding.why', lang)}**{t('punct.colon', lang)}{escape_md(p.why.get(lang))}")
            st.markdown(f"**{t('finding.ask', lang)}**{t('punct.colon', lang)}{escape_md(p.suggestion.get(lang))}")
            st.markdown(f"**{t('finding.counter_clause', lang)}**")
            st.code(p.counter_clause.get(lang), language=None, wrap_lines=True)
            examples = p.exemplars.get(lang)[:4] or p.exemplars.get("en" if lang == "zh" else "zh")[:4]
            if examples:
                st.markdown(f"**{t('library.examples', lang)}**\n\n"
                            + "\n".join(f"- {escape_md(e, line_start=True)}" for e in examples))
            if p.references:
                st.markdown(f"**{t('finding.references', lang)}**\n\n"
                            + "\n".join(f"- {escape_md(r, line_start=True)}" for r in p.references))
    if len(hits) > MAX_SHOWN:
        st.caption(t("library.more", lang, count=len(hits) - MAX_SHOWN))
