"""My case: the creator's view of a case, by its secret token only (no account, no case number).

A wrong token shows nothing but "no case matches". The creator can withdraw the case, which
deletes it and its files.
"""
from __future__ import annotations

import streamlit as st

from ..report.i18n import risk_name, t
from ..report.render_markdown import escape_md
from . import desk_state, state


def page() -> None:
    lang = state.ui_language()
    st.title(t("mycase.title", lang))
    st.markdown(t("mycase.intro", lang))
    if "token" in st.query_params and "case_token" not in st.session_state:
        st.session_state["case_token"] = st.query_params["token"]
    token = st.text_input(t("mycase.token", lang), key="case_token", type="password").strip()
    if token:
        st.session_state.pop("case_withdrawn", None)
    elif st.session_state.get("case_withdrawn"):
        st.success(t("mycase.withdrawn", lang, number=st.session_state["case_withdrawn"]))
    if not token:
        return
    desk = desk_state.desk()
    view = desk.status(token)
    if view is None:
        st.error(t("mycase.not_found", lang))
        return
    st.subheader(t("desk.case_heading", lang, number=view.number))
    c1, c2, c3 = st.columns(3)
    c1.metric(t("desk.status", lang), t(f"status.{view.status}", lang))
    c2.metric(t("ui.metric_level", lang), risk_name(view.risk_level, lang))
    c3.metric(t("desk.deadline", lang), view.deadline.isoformat() if view.deadline else "—")
    st.caption(f"{t('doc.file', lang)}{t('punct.colon', lang)}{escape_md(view.filename)} · "
               f"{t('desk.submitted', lang)}{t('punct.colon', lang)}{view.created_at:%Y-%m-%d %H:%M} UTC")
    st.markdown(f"#### {t('desk.advice', lang)}")
    if view.advice:
        st.info(view.advice, icon="⚖️")
    else:
        st.markdown(t("mycase.no_advice", lang))
    with st.expander(t("mycase.withdraw_title", lang)):
        st.markdown(t("mycase.withdraw_intro", lang))
        sure = st.checkbox(t("mycase.withdraw_confirm", lang), key="withdraw_sure")
        if st.button(t("mycase.withdraw", lang), key="withdraw", disabled=not sure, type="primary"):
            number = desk.withdraw(token)
            st.session_state["case_withdrawn"] = number
            st.session_state.pop("case_token", None)
            st.query_params.pop("token", None)
            st.rerun()
