"""One case for a lawyer: the report beside the contract, a review of each finding, the status,
the advice the creator will see, the export, and the case's audit log."""
from __future__ import annotations

import streamlit as st

from ..desk.workflow import TRANSITIONS
from ..errors import ContractGuardError
from ..report.i18n import page_label, risk_name, severity_name, t
from ..report.render_markdown import escape_md, md_blockquote, sorted_findings
from . import desk_state, state
from .highlight import highlighted_html
from .lawyer_pages import CASE_KEY
from .screen_page import SEVERITY_ICONS

DECISIONS = ("confirmed", "dismissed", "edited")


def _act(lang: str, action, *args) -> None:
    """Run a desk action; show its error, or rerun to show the new state."""
    try:
        action(*args)
    except ContractGuardError as exc:
        st.error(exc.message(lang))
    else:
        st.rerun()


def page() -> None:
    lang = state.ui_language()
    user = desk_state.require_user(lang)
    desk = desk_state.desk()
    numbers = [r.number for r in desk.queue(user)]
    if not numbers:
        st.title(t("nav.case", lang))
        st.info(t("queue.empty", lang))
        return
    wanted = st.session_state.get(CASE_KEY) or st.query_params.get("case")
    number = st.selectbox(t("queue.col_case", lang), numbers, index=numbers.index(wanted) if wanted in numbers else 0,
                          key="case_pick")
    st.session_state[CASE_KEY] = number
    try:
        case = desk.case(user, number)
    except ContractGuardError as exc:
        st.error(exc.message(lang))
        return
    st.title(t("desk.case_heading", lang, number=case.number))

    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("desk.status", lang), t(f"status.{case.status}", lang))
    c2.metric(t("ui.metric_level", lang), f"{SEVERITY_ICONS.get(case.risk_level, '')} {risk_name(case.risk_level, lang)}")
    c3.metric(t("desk.deadline", lang), case.deadline.isoformat() if case.deadline else "—")
    c4.metric(t("queue.col_lawyer", lang), case.lawyer or "—")
    with st.container(border=True):
        st.markdown(f"**{t('desk.form_name', lang)}**{t('punct.colon', lang)}{escape_md(case.name) or '—'}  \n"
                    f"**{t('desk.form_contact', lang)}**{t('punct.colon', lang)}{escape_md(case.contact)}")
        st.markdown(f"**{t('desk.form_questions', lang)}**")
        st.markdown(md_blockquote(case.questions or "—"))

    # ------------------------------------------------------------ who works on it, and its status
    c1, c2, c3 = st.columns(3)
    if case.lawyer != user.username and c1.button(t("queue.claim", lang), key="case_claim"):
        _act(lang, desk.claim, user, number)
    lawyers = desk.lawyers(user)
    to = c2.selectbox(t("case.assign_to", lang), lawyers, key="case_assign_to")
    if c2.button(t("case.assign", lang), key="case_assign"):
        _act(lang, desk.assign, user, number, to)
    nxt = sorted(TRANSITIONS[case.status])
    new_status = c3.selectbox(t("case.status_to", lang), nxt, format_func=lambda s: t(f"status.{s}", lang),
                              key="case_status_to")
    if c3.button(t("case.set_status", lang), key="case_set_status"):
        _act(lang, desk.set_status, user, number, new_status)

    # ------------------------------------------------------------ the report beside the contract
    left, right = st.columns(2)
    findings = sorted_findings(case.report.findings)
    with left:
        st.subheader(f"{t('section.findings', lang)}{t('punct.paren', lang, text=len(findings))}")
        for i, f in enumerate(findings):
            review = case.reviews.get(i)
            mark = f" · ✔ {t('desk.decision_' + review.decision, lang)}" if review else ""
            label = (f"{SEVERITY_ICONS[f.severity]} [{i + 1}] \\[{severity_name(f.severity, lang)}\\] "
                     f"{escape_md(f.title)} ({page_label(f.clause.page, lang)}){mark}")
            with st.expander(label, expanded=False):
                st.markdown(md_blockquote(f.clause.text))
                st.markdown(f"**{t('finding.why', lang)}**{t('punct.colon', lang)}{escape_md(f.why)}")
                st.markdown(f"**{t('finding.ask', lang)}**{t('punct.colon', lang)}{escape_md(f.suggestion)}")
                decision = st.radio(t("case.decision", lang), DECISIONS, horizontal=True, key=f"review_{number}_{i}",
                                    index=DECISIONS.index(review.decision) if review else 0,
                                    format_func=lambda d: t(f"desk.decision_{d}", lang))
                edited = st.text_area(t("case.edited", lang), value=review.edited_text if review else "",
                                      key=f"edited_{number}_{i}", disabled=decision != "edited")
                note = st.text_input(t("case.note", lang), value=review.note if review else "", key=f"note_{number}_{i}")
                if st.button(t("case.save_review", lang), key=f"save_{number}_{i}"):
                    _act(lang, desk.review, user, number, i, decision, note, edited)
    with right:
        st.subheader(t("case.contract", lang))
        try:
            text = state.remembered(f"case-text:{number}", lambda: desk.contract_text(user, number))
        except ContractGuardError as exc:
            st.warning(exc.message(lang))
        else:
            st.html(highlighted_html(text, findings))

    # ------------------------------------------------------------ the advice the creator sees
    st.subheader(t("desk.advice", lang))
    advice = st.text_area(t("case.advice_help", lang), value=case.advice, key=f"advice_{number}", height=160)
    if st.button(t("case.send_advice", lang), key="case_send_advice", type="primary"):
        _act(lang, desk.advise, user, number, advice)
    if case.advised_at:
        st.caption(t("case.advised_at", lang, at=f"{case.advised_at:%Y-%m-%d %H:%M} UTC"))

    export = st.session_state.get("case_export")
    if not export or export[0] != number:
        if st.button(t("case.prepare_export", lang), key="case_prepare_export"):
            try:
                st.session_state["case_export"] = (number, *desk.export(user, number, lang))
            except ContractGuardError as exc:
                st.error(exc.message(lang))
            else:
                st.rerun()
    else:
        st.download_button(t("case.export", lang), data=export[2], file_name=export[1], mime="application/zip",
                           key="case_export_download", on_click="ignore", icon=":material/download:")

    with st.expander(t("case.audit", lang)):
        st.dataframe([{t("case.audit_at", lang): f"{a.at:%Y-%m-%d %H:%M:%S}", t("case.audit_who", lang): a.actor,
                       t("case.audit_what", lang): a.action, t("case.audit_detail", lang): a.detail}
                      for a in desk.audit(user, number)], hide_index=True, width="stretch")
