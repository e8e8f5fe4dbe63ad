"""The multipage app: screening for everyone, the creator's case, batch comparison, the library,
and the lawyers' workspace behind a login. `app.py` at the project root calls `main()`.

Pages are files under `contract_guard/ui/pages/` (thin: each calls one function of a page module);
the lawyers' and admins' pages are registered only for a logged-in user, so their URLs lead
nowhere without a login, and each checks the login again itself.
"""
from __future__ import annotations

import streamlit as st

from ..report.i18n import t
from . import desk_state, state

PAGES = "contract_guard/ui/pages"



def main() -> None:
    lang = state.init_language()
    st.set_page_config(page_title=t("ui.page_title", lang), page_icon="🛡️", layout="wide")
    lang = state.language_switch(st.sidebar)
    user = desk_state.current_user()

    public = [
        st.Page(f"{PAGES}/screen.py", title=t("nav.screen", lang), icon="🛡️", url_path="screen", default=True),
        st.Page(f"{PAGES}/my_case.py", title=t("nav.my_case", lang), icon="📨", url_path="my-case"),
        st.Page(f"{PAGES}/batch.py", title=t("nav.batch", lang), icon="📊", url_path="batch"),
        st.Page(f"{PAGES}/library.py", title=t("nav.library", lang), icon="📚", url_path="library"),
    ]
    if user is None:
        lawyers = [st.Page(f"{PAGES}/login.py", title=t("nav.login", lang), icon="🔑", url_path="login")]
    else:
        queue = st.Page(f"{PAGES}/queue.py", title=t("nav.queue", lang), icon="🗂️", url_path="queue")
        lawyers = [queue, st.Page(f"{PAGES}/case.py", title=t("nav.case", lang), icon="⚖️", url_path="case")]
        if user.role == "admin":
            lawyers.append(st.Page(f"{PAGES}/admin.py", title=t("nav.admin", lang), icon="🛠️", url_path="admin"))
        st.sidebar.caption(t("desk.logged_in_as", lang, username=user.username, role=t(f"desk.role_{user.role}", lang)))
        if st.sidebar.button(t("desk.logout", lang), key="logout"):
            desk_state.log_out()
            st.rerun()
    page = st.navigation({t("nav.group_public", lang): public, t("nav.group_lawyers", lang): lawyers})
    if user is not None and st.session_state.pop("desk_just_logged_in", False):
        st.switch_page(queue)
    page.run()
