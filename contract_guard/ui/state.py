"""Per-session state of the app, kept in `st.session_state` (memory only: nothing is written to disk).

Only the latest screening result is kept, keyed by a digest of the uploaded bytes,
the file name and the password, so a rerun (switching the UI language, clicking a
download button) does not screen the same upload again, and an earlier contract is
dropped as soon as another one is uploaded or the upload is removed. The password
itself is never stored here, only folded into the digest.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from ..report.i18n import lang_of, t

UI_LANG_KEY = "ui_lang"
UPLOAD_KEY = "contract_upload"
PASSWORD_KEY = "pdf_password"
_RESULT_KEY = "screening_result"

UI_LANGUAGES: dict[str, str] = {"zh": "中文", "en": "English"}


def default_language() -> str:
    """The browser's language if it is Chinese or English; Chinese when unknown (most users read Chinese)."""
    try:
        locale = st.context.locale
    except Exception:  # noqa: BLE001 - older Streamlit or no browser context
        locale = None
    return lang_of(locale) if locale else "zh"


_LANG_MEMORY = "_ui_lang_memory"  # a plain copy of the widget's value: survives a page switch in the multipage app


def init_language() -> str:
    """Set the UI language on a session's first run; returns the current one ("zh" or "en")."""
    if st.session_state.get(UI_LANG_KEY) not in UI_LANGUAGES:
        st.session_state[UI_LANG_KEY] = st.session_state.get(_LANG_MEMORY) or default_language()
    return st.session_state[UI_LANG_KEY]


def ui_language() -> str:
    lang = st.session_state.get(UI_LANG_KEY) or "zh"
    st.session_state[_LANG_MEMORY] = lang
    return lang


def language_switch(where: Any = st) -> str:
    """The 中文 / English switch (in the page, or in the sidebar of the multipage app); returns the language."""
    where.radio(t("ui.language", "en"), options=list(UI_LANGUAGES), format_func=UI_LANGUAGES.__getitem__,
                horizontal=True, key=UI_LANG_KEY)
    return ui_language()


T = TypeVar("T")
_REMEMBERED = "remembered"


def remembered(key: str, compute: Callable[[], T]) -> T:
    """A value worked out once per browser session and kept in its memory only (a contract's full text,
    read again from an upload or a case file: a scan would otherwise be OCR'd again on every rerun)."""
    store = st.session_state.setdefault(_REMEMBERED, {})
    if key not in store:
        store[key] = compute()
    return store[key]


def upload_key(data: bytes, filename: str, password: str | None) -> str:
    h = hashlib.sha256()
    h.update(hashlib.sha256(data).digest())
    h.update(filename.encode("utf-8", "surrogatepass"))
    h.update(hashlib.sha256((password or "").encode("utf-8", "surrogatepass")).digest())
    return h.hexdigest()


def cached_result(key: str) -> Any | None:
    """The Report (or the user-facing error) screened for `key`, if it is the latest one."""
    entry = st.session_state.get(_RESULT_KEY)
    if entry and entry[0] == key:
        return entry[1]
    return None


def store_result(key: str, result: Any) -> None:
    st.session_state[_RESULT_KEY] = (key, result)


def clear_result() -> None:
    st.session_state.pop(_RESULT_KEY, None)
