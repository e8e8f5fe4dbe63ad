"""The app's LLM switch, with the real pipeline and the local chat-completions server: off by
default; turned on, it lists the redacted clauses and the endpoint, and sends nothing until the
user clicks the button."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from llm_server import start
from test_llm_review import EN_PRIVATE, EN_TEXT

APP = Path(__file__).resolve().parents[1] / "app.py"


@pytest.fixture
def llm_env(tmp_path, monkeypatch):
    server = start()
    monkeypatch.setenv("CONTRACT_GUARD_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("CHROMA_HOST", raising=False)
    monkeypatch.setenv("CONTRACT_GUARD_LLM_MODEL", "test-model")
    monkeypatch.setenv("CONTRACT_GUARD_LLM_BASE_URL", server.url)
    monkeypatch.setenv("CONTRACT_GUARD_LLM_API_KEY", "test-key")
    monkeypatch.setenv("CONTRACT_GUARD_LLM_CACHE", str(tmp_path / "cache"))
    yield server
    server.shutdown()
    server.server_close()


def test_the_switch_shows_what_is_sent_before_sending(llm_env):
    at = AppTest.from_file(str(APP), default_timeout=300).run()
    at.radio(key="ui_lang").set_value("en").run()
    at.file_uploader[0].upload("deal.txt", EN_TEXT.encode(), "text/plain").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.toggle(key="llm_on").value is False and not llm_env.bodies  # off by default: nothing sent
    offline_whys = "\n".join(m.value for e in at.expander for m in e.markdown)
    assert "AI review" not in offline_whys

    at.toggle(key="llm_on").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not llm_env.bodies  # shown, not sent
    warning = next(w.value for w in at.warning if "Before anything is sent" in w.value)
    assert "127.0.0.1" in warning and "test-model" in warning
    listed = next(m.value for m in at.markdown if m.value.startswith("**Clause 1"))
    assert "PARTY\\_" in listed or "PARTY_" in listed
    assert not any(v in listed for v in EN_PRIVATE + ["Alex Lin", "Jamie Lin"])
    send = at.button(key="llm_send")
    assert "127.0.0.1" in send.label

    send.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert llm_env.bodies
    whys = "\n".join(m.value for e in at.expander for m in e.markdown)
    assert "AI review" in whys
    n = len(llm_env.bodies)
    at.radio(key="ui_lang").set_value("zh").run()  # a rerun shows the reviewed report again, sends nothing
    assert len(llm_env.bodies) == n and "AI review" in "\n".join(m.value for e in at.expander for m in e.markdown)


def test_the_model_can_come_from_streamlit_secrets(llm_env, monkeypatch):
    monkeypatch.delenv("CONTRACT_GUARD_LLM_MODEL")
    at = AppTest.from_file(str(APP), default_timeout=300)
    at.secrets["CONTRACT_GUARD_LLM_MODEL"] = "secret-model"
    at.run()
    at.radio(key="ui_lang").set_value("zh").run()
    at.file_uploader[0].upload("deal.txt", EN_TEXT.encode(), "text/plain").run()
    at.toggle(key="llm_on").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_input(key="llm_model").value == "secret-model"
    warning = next(w.value for w in at.warning if "发送前请确认" in w.value)
    assert "secret-model" in warning and not llm_env.bodies
