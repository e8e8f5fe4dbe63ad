"""The lawyers' login and their queue of cases (most urgent first)."""
from __future__ import annotations

import streamlit as st

from ..errors import ContractGuardError
from ..report.i18n import deal_type_name, risk_name, t
from ..desk.workflow import STATUSES
from . import desk_state, state
from .screen_page import SEVERITY_ICONS

CASE_KEY = "desk_case"


def login_page() -> None:
    lang = state.ui_language()
    st.title(t("login.title", lang))
    if st.session_state.pop("desk_session_ended", False):
        st.info(t("login.expired", lang))
    with st.form("login"):
        username = st.text_input(t("login.username", lang), key="login_username")
        password = st.text_input(t("login.password", lang), type="password", key="login_password")
        submitted = st.form_submit_button(t("login.submit", lang), type="primary", key="login_submit")
    if submitted:
        try:
            token = desk_state.desk().accounts.login(username, password)
        except ContractGuardError as exc:
            st.error(exc.message(lang))
            return
        desk_state.log_in(token)
        st.rerun()  # the app registers the lawyers' pages and opens the queue


def queue_page() -> None:
    lang = state.ui_language()
    user = desk_state.require_user(lang)
    desk = desk_state.desk()
    st.title(t("queue.title", lang))
    c1, c2, c3 = st.columns([2, 2, 1])
    statuses = c1.multiselect(t("desk.status", lang), STATUSES, default=["new", "in_review"], key="queue_status",
                              placeholder=t("ui.filter_all", lang),
                              format_func=lambda s: t(f"status.{s}", lang))
    levels = c2.multiselect(t("ui.metric_level", lang), ["critical", "high", "medium", "low", "none"],
                            key="queue_levels", format_func=lambda s: risk_name(s, lang),
                            placeholder=t("ui.filter_all", lang))
    mine = c3.checkbox(t("queue.mine", lang), key="queue_mine")
    rows = desk.queue(user, statuses=statuses or None, risk_levels=levels or None, mine=mine)
    if not rows:
        st.info(t("queue.empty", lang))
        return
    table = [{
        t("queue.col_case", lang): r.number,
        t("ui.metric_level", lang): f"{SEVERITY_ICONS.get(r.risk_level, '')} {risk_name(r.risk_level, lang)}",
        t("desk.deadline", lang): r.deadline.isoformat() if r.deadline else "—",
        t("desk.status", lang): t(f"status.{r.status}", lang),
        t("queue.col_lawyer", lang): r.lawyer or "—",
        t("ui.metric_deal", lang): deal_type_name(r.deal_type, lang),
        t("desk.submitted", lang): f"{r.created_at:%Y-%m-%d %H:%M}",
        t("ui.metric_score", lang): r.risk_score,
    } for r in rows]
    st.dataframe(table, hide_index=True, width="stretch", key="queue_table")
    st.caption(t("queue.sorted", lang))
    c1, c2, c3 = st.columns([3, 1, 1])
    number = c1.selectbox(t("queue.pick", lang), [r.number for r in rows], key="queue_pick")
    if c2.button(t("queue.claim", lang), key="queue_claim"):
        try:
            desk.claim(user, number)
        except ContractGuardError as exc:
            st.error(exc.message(lang))
        else:
            st.session_state[CASE_KEY] = number
            st.switch_page("contract_guard/ui/pages/case.py")
    if c3.button(t("queue.open", lang), key="queue_open"):
        st.session_state[CASE_KEY] = number
        st.switch_page("contract_guard/ui/pages/case.py")
