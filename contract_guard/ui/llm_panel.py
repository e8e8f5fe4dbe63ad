"""The app's LLM review switch: off by default; when turned on it shows exactly which (redacted)
clauses would go to which endpoint, and sends them only when the user clicks the button.

Settings come from the environment, then Streamlit secrets, then the small form here (kept in
this session only). Thin over the library: `Screener.review_plan` lists what would be sent,
`pipeline.screen(..., llm=…)` sends it; every string is in `contract_guard.llm.messages`.
"""
from __future__ import annotations

import importlib

import streamlit as st

from ..errors import ContractGuardError
from ..llm.messages import msg
from ..llm.settings import LLMSettings, llm_settings
from ..models import Report
from ..report.render_markdown import escape_md, md_blockquote

ON_KEY = "llm_on"
_FORM = {"base_url": "llm_base_url", "model": "llm_model", "api_key": "llm_api_key"}
_SECRETS = {"base_url": "CONTRACT_GUARD_LLM_BASE_URL", "model": "CONTRACT_GUARD_LLM_MODEL",
            "api_key": "CONTRACT_GUARD_LLM_API_KEY"}
_PLAN_KEY, _REVIEWED_KEY = "llm_plan", "llm_reviewed"


def _secrets() -> dict[str, str]:
    try:
        return {k: str(st.secrets[name]) for k, name in _SECRETS.items() if name in st.secrets}
    except Exception:  # noqa: BLE001 - no secrets file: nothing to read
        return {}


def _settings(lang: str) -> LLMSettings | None:
    try:
        base = llm_settings().with_values(**_secrets())
    except ContractGuardError as exc:
        st.warning(exc.message(lang))
        return None
    c1, c2 = st.columns(2)
    base_url = c1.text_input(msg("ui.base_url", lang), value=base.base_url, key=_FORM["base_url"])
    model = c2.text_input(msg("ui.model", lang), value=base.model, key=_FORM["model"])
    api_key = st.text_input(msg("ui.api_key", lang), value=base.api_key, type="password", key=_FORM["api_key"],
                            autocomplete="off")
    s = base.with_values(base_url=base_url, model=model, api_key=api_key)
    try:
        return s.check()
    except ContractGuardError as exc:
        st.info(exc.message(lang))
        return None


def offer(data: bytes, filename: str, password: str | None, upload_key: str, lang: str) -> Report | None:
    """The switch and, when on, what would be sent; returns the reviewed report once the user sent it."""
    pipeline = importlib.import_module("contract_guard.pipeline")
    if not hasattr(pipeline, "get_screener"):
        return None
    if not st.toggle(msg("ui.toggle", lang), value=False, key=ON_KEY, help=msg("ui.help", lang)):
        return None
    s = _settings(lang)
    if s is None:
        return None
    key = (upload_key, s.endpoint, s.model)
    cached = st.session_state.get(_PLAN_KEY)
    if cached is None or cached[0] != key:
        try:
            plan = pipeline.get_screener().review_plan(data, filename, password=password, llm=s)
        except ContractGuardError:
            return None  # the offline report above already says what is wrong with the file
        st.session_state[_PLAN_KEY] = cached = (key, plan)
    plan = cached[1]
    if not plan.items:
        st.info(msg("ui.nothing", lang))
        return None
    share = f"{plan.characters / max(1, plan.document_characters):.0%}"
    st.warning(msg("ui.will_send", lang, n=len(plan.items), chars=plan.characters, share=share, host=s.host,
                   model=s.model), icon="📤")
    st.markdown("\n\n".join(f"**{escape_md(msg('ui.clause', lang, i=i, page=page or '-'))}**\n\n{md_blockquote(text)}"
                            for i, (page, text) in enumerate(plan.clauses, 1)))
    done = st.session_state.get(_REVIEWED_KEY)
    if done is not None and done[0] == key:
        st.success(msg("ui.reviewed", lang, status=done[1].tool.llm.status if done[1].tool.llm else "-"))
        return done[1]
    if st.button(msg("ui.send", lang, n=len(plan.items), host=s.host), key="llm_send", type="primary"):
        with st.spinner(msg("ui.spinner", lang, host=s.host)):
            report = pipeline.screen(data, filename, password=password, llm=s)
        st.session_state[_REVIEWED_KEY] = (key, report)
        st.success(msg("ui.reviewed", lang, status=report.tool.llm.status if report.tool.llm else "-"))
        return report
    return None
