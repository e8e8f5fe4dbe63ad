"""Batch: many contracts at once, compared in one table (for incubator managers).

Thin over `contract_guard.batch`: screening, the comparison table and the CSV / XLSX / ZIP files
are made there. A file that cannot be screened is a row that says why.
"""
from __future__ import annotations

import hashlib

import streamlit as st

from ..batch import COLUMNS, reports_zip, screen_batch, sort_rows, table, to_csv, to_xlsx
from ..report.i18n import t
from . import state
from .screen_page import UPLOAD_TYPES, screen_upload, show_report  # scans and photos too

RESULT_KEY = "batch_result"


def page() -> None:
    lang = state.ui_language()
    st.title(t("batch.title", lang))
    st.markdown(t("batch.intro", lang))
    uploads = st.file_uploader(t("batch.upload", lang), type=UPLOAD_TYPES, accept_multiple_files=True,
                               key="batch_upload")
    if not uploads:
        st.session_state.pop(RESULT_KEY, None)
        return
    files = [(u.name, u.getvalue()) for u in uploads]
    digest = hashlib.sha256(b"".join(hashlib.sha256(n.encode() + d).digest() for n, d in files)).hexdigest()
    cached = st.session_state.get(RESULT_KEY)
    if cached and cached[0] == digest:
        rows = cached[1]
    else:
        bar = st.progress(0.0, text=t("batch.progress", lang, done=0, total=len(files)))
        rows = screen_batch(files, lambda data, name: screen_upload(data, name, None),
                            progress=lambda i, name: bar.progress(i / len(files),
                                                                  text=t("batch.progress", lang, done=i, total=len(files))))
        bar.empty()
        st.session_state[RESULT_KEY] = (digest, rows)

    by = st.radio(t("batch.sort", lang), ("risk", "file"), horizontal=True, key="batch_sort",
                  format_func=lambda b: t(f"batch.sort_{b}", lang))
    rows = sort_rows(rows, by)
    data = table(rows, lang)
    st.dataframe([{t(f"batch.col_{c}", lang): d[c] for c in COLUMNS} for d in data], hide_index=True,
                 width="stretch", key="batch_table")
    failed = sum(1 for r in rows if not r.ok)
    st.caption(t("batch.summary", lang, ok=len(rows) - failed, failed=failed))

    c1, c2, c3 = st.columns(3)
    c1.download_button(t("batch.csv", lang), data=to_csv(rows, lang), file_name="contract-guard-batch.csv",
                       mime="text/csv", key="batch_csv", on_click="ignore", icon=":material/download:")
    c2.download_button(t("batch.xlsx", lang), data=to_xlsx(rows, lang), file_name="contract-guard-batch.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="batch_xlsx",
                       on_click="ignore", icon=":material/download:")
    c3.download_button(t("batch.zip", lang), data=reports_zip(rows), file_name="contract-guard-reports.zip",
                       mime="application/zip", key="batch_zip", on_click="ignore", icon=":material/download:")

    screened = [r for r in rows if r.ok]
    if screened:
        st.divider()
        name = st.selectbox(t("batch.view", lang), [r.filename for r in screened], key="batch_view")
        show_report(next(r.report for r in screened if r.filename == name), lang)
