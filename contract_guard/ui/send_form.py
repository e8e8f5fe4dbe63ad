"""Below a report: send the contract to the legal service team (explicit consent; creates a case).

The creator gets the case number and a secret token (and a link holding it), shown once: only the
token shows the case's status and the lawyer's advice later.
"""
from __future__ import annotations

import streamlit as st

from ..desk.views import CaseForm
from ..errors import ContractGuardError
from ..models import Report
from ..report.i18n import t
from . import desk_state

SENT_KEY = "sent_case"


def my_case_link(token: str) -> str:
    return f"my-case?token={token}"


def send_to_legal_team(report: Report, data: bytes, filename: str, upload_key: str, lang: str) -> None:
    st.divider()
    st.subheader(t("send.title", lang))
    sent = st.session_state.get(SENT_KEY)
    if sent and sent[0] == upload_key:
        _, number, token = sent
        st.success(t("send.done", lang, number=number))
        st.markdown(t("send.keep_token", lang))
        st.code(token, language=None)
        st.markdown(f"[{t('send.open_link', lang)}]({my_case_link(token)})")
        return
    st.markdown(t("send.intro", lang))
    with st.form("send_case", clear_on_submit=False):
        name = st.text_input(t("desk.form_name", lang), key="case_name", max_chars=200)
        contact = st.text_input(t("desk.form_contact", lang), key="case_contact", max_chars=200)
        questions = st.text_area(t("desk.form_questions", lang), key="case_questions", max_chars=5000)
        deadline = st.date_input(t("desk.form_deadline", lang), value=None, key="case_deadline")
        consent = st.checkbox(t("send.consent", lang), key="case_consent")
        submitted = st.form_submit_button(t("send.submit", lang), type="primary", key="send_case_submit")
    if not submitted:
        return
    try:
        case = desk_state.desk().submit(report, data, filename, CaseForm(
            name=name, contact=contact, questions=questions, deadline=deadline, consent=consent, language=lang))
    except ContractGuardError as exc:
        st.error(exc.message(lang))
        return
    st.session_state[SENT_KEY] = (upload_key, case.number, case.token)
    st.rerun()
