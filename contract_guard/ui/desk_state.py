"""The app's handle on the legal service desk, and who is logged in (per browser session).

The session token lives only in `st.session_state` (memory); the database keeps its digest and
its expiry. Every run asks the desk again, so an expired or revoked session ends at once.
"""
from __future__ import annotations

import streamlit as st

from ..config import get_settings
from ..desk.service import Desk, open_desk
from ..desk.views import User
from ..report.i18n import t

SESSION_KEY = "desk_session"


def desk() -> Desk:
    """The desk for the current settings (the database is migrated on first use in this process)."""
    return open_desk(get_settings())


def current_user() -> User | None:
    token = st.session_state.get(SESSION_KEY)
    if not token:
        return None
    user = desk().accounts.user(token)
    if user is None:  # expired, logged out elsewhere or disabled
        st.session_state.pop(SESSION_KEY, None)
        st.session_state["desk_session_ended"] = True
    return user


def require_user(lang: str, role: str = "lawyer") -> User:
    """The logged-in user, or an error and the end of this page's run."""
    user = current_user()
    if user is None or (role == "admin" and user.role != "admin"):
        st.error(t("desk.login_required" if user is None else "desk.admin_required", lang))
        st.stop()
    return user


def log_in(token: str) -> None:
    st.session_state[SESSION_KEY] = token
    st.session_state["desk_just_logged_in"] = True
    st.session_state.pop("desk_session_ended", None)


def log_out() -> None:
    desk().accounts.logout(st.session_state.pop(SESSION_KEY, None))
