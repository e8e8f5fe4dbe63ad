"""Admins: accounts (create, change role, disable) and notifications that failed (retry)."""
from __future__ import annotations

import json

import streamlit as st

from ..errors import ContractGuardError
from ..report.i18n import t
from . import desk_state, state


def page() -> None:
    lang = state.ui_language()
    user = desk_state.require_user(lang, role="admin")
    desk = desk_state.desk()
    st.title(t("admin.title", lang))

    st.subheader(t("admin.accounts", lang))
    users = desk.users(user)
    st.dataframe([{t("login.username", lang): u.username, t("admin.role", lang): t(f"desk.role_{u.role}", lang),
                   t("admin.active", lang): "✔" if u.active else "✘"} for u in users], hide_index=True, width="stretch")
    with st.form("admin_new_user", clear_on_submit=True):
        st.markdown(f"**{t('admin.new_user', lang)}**")
        c1, c2, c3 = st.columns(3)
        username = c1.text_input(t("login.username", lang), key="admin_username")
        password = c2.text_input(t("login.password", lang), type="password", key="admin_password")
        role = c3.selectbox(t("admin.role", lang), ("lawyer", "admin"), key="admin_role",
                            format_func=lambda r: t(f"desk.role_{r}", lang))
        if st.form_submit_button(t("admin.create", lang), key="admin_create"):
            try:
                desk.create_user(user, username, password, role)
                st.success(t("admin.created", lang, username=username))
            except ContractGuardError as exc:
                st.error(exc.message(lang))
    others = [u for u in users if u.username != user.username]
    if others:
        c1, c2, c3 = st.columns(3)
        name = c1.selectbox(t("admin.account", lang), [u.username for u in others], key="admin_pick")
        picked = next(u for u in others if u.username == name)
        if c2.button(t("admin.disable" if picked.active else "admin.enable", lang), key="admin_toggle"):
            desk.update_user(user, name, active=not picked.active)
            st.rerun()
        other_role = "admin" if picked.role == "lawyer" else "lawyer"
        if c3.button(t("admin.make", lang, role=t(f"desk.role_{other_role}", lang)), key="admin_role_toggle"):
            desk.update_user(user, name, role=other_role)
            st.rerun()

    st.subheader(t("admin.notifications", lang))
    failed = desk.failed_notifications(user)
    if not failed:
        st.info(t("admin.no_failures", lang))
        return
    st.dataframe([{"#": n.id, t("queue.col_case", lang): n.case_number, t("admin.channel", lang): n.channel,
                   t("admin.event", lang): n.event, t("desk.status", lang): n.status,
                   t("admin.attempts", lang): n.attempts, t("admin.error", lang): n.last_error,
                   t("admin.next_try", lang): f"{n.next_at:%Y-%m-%d %H:%M}" if n.status == "pending" else "—",
                   t("ui.metric_level", lang): json.loads(n.payload).get("risk_level")}
                  for n in failed], hide_index=True, width="stretch")
    pick = st.selectbox(t("admin.retry_pick", lang), [n.id for n in failed], key="admin_retry_pick")
    if st.button(t("admin.retry", lang), key="admin_retry"):
        desk.retry_notification(user, pick)
        st.success(t("admin.retrying", lang))
