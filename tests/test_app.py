"""The Streamlit app (`app.py`), driven headless with `streamlit.testing.v1.AppTest`.

Two groups:
- with a stand-in `contract_guard.pipeline` (always runs): layout, language switch, error handling,
  caching of a result across reruns, escaping of contract text;
- with the real pipeline, uploading real small contracts (skipped only while
  `contract_guard.pipeline` does not exist).
"""
from __future__ import annotations

import importlib.util
import logging
import random
import sys
import types
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from contract_guard.errors import EncryptedDocument, UnreadableDocument
from contract_guard.report.i18n import t
from test_render import SCRIPT, en_report, zh_report  # tests/ is on sys.path (conftest.py)

APP = Path(__file__).resolve().parents[1] / "app.py"
TIMEOUT = 30  # seconds per script run with the stand-in pipeline
REAL_TIMEOUT = 300  # the real pipeline loads a model and builds its index on the first run

EN_CONTRACT = """SERVICES AGREEMENT

This Agreement is made between Brightwave Media Ltd. (the "Company") and Jamie Lee (the "Creator").

1. Services. The Creator shall produce two short AI-generated videos per month for the Company's channels.

2. Payment. The Company shall pay the Creator USD 800 per video within 30 days of delivery.

3. Intellectual Property. The Creator hereby assigns to the Company all copyright in all works created during the term and thereafter.

4. Term. This Agreement lasts twelve (12) months from the date of signature.
"""

ZH_CONTRACT = """委托创作合同

甲方：星河文化传媒有限公司
乙方：林小雨

第一条 委托事项
乙方为甲方创作短视频作品，每月交付两条。

第二条 报酬
甲方在作品交付后三十日内向乙方支付每条人民币伍仟元。

第三条 知识产权
乙方在合同期内及合同终止后创作的全部作品的著作权永久归甲方所有，乙方不得以任何方式使用。

第四条 期限
本合同自双方签字之日起生效，有效期一年。
"""

CORRUPT_PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + random.Random(7).randbytes(4000)


def _app() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT)


def _start(lang: str) -> AppTest:
    at = _app().run()
    at.radio(key="ui_lang").set_value(lang).run()
    assert not at.exception
    return at


def _all_markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


# --------------------------------------------------------------------------- a stand-in pipeline
class FakePipeline:
    """Stands in for contract_guard.pipeline: returns canned reports or raises, by file name."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []
        self.module = types.ModuleType("contract_guard.pipeline")
        self.module.screen = self.screen

    def screen(self, source, filename=None, *, password=None, settings=None, progress=None):
        assert isinstance(source, bytes) and source
        self.calls.append((filename, password))
        if filename.startswith("corrupt"):
            raise UnreadableDocument(kind="PDF")
        if filename.startswith("locked"):
            if password != "secret":
                raise EncryptedDocument()
            return en_report()
        if filename.startswith("boom"):
            raise RuntimeError("internal detail that must not reach the user")
        return zh_report() if filename.startswith("zh") else en_report()


@pytest.fixture
def fake(monkeypatch) -> FakePipeline:
    fake = FakePipeline()
    monkeypatch.setitem(sys.modules, "contract_guard.pipeline", fake.module)
    return fake


def test_start_page_in_both_languages(fake):
    at = _app().run()
    assert not at.exception and not at.error
    assert at.radio(key="ui_lang").value == "zh"  # no browser locale: Chinese
    assert at.title[0].value == "合同卫士"
    assert any("离线" in i.value and "不会被保存" in i.value for i in at.info)
    assert at.file_uploader[0].allowed_type == [".pdf", ".docx", ".txt", ".md", ".png", ".jpg", ".jpeg", ".heic", ".heif"]
    assert at.text_input(key="pdf_password").label.startswith("PDF 密码")

    at.radio(key="ui_lang").set_value("en").run()
    assert at.title[0].value == "Contract Guard"
    assert any("offline on this machine" in i.value and "nothing is stored" in i.value for i in at.info)
    assert at.file_uploader[0].label.startswith("Upload one contract")
    assert not fake.calls


def test_upload_shows_report_sorted_with_downloads(fake):
    at = _start("zh")
    at.file_uploader[0].upload("zh_contract.txt", "委托创作合同".encode(), "text/plain").run()
    assert not at.exception and not at.error
    report = zh_report()

    metrics = {m.label: m.value for m in at.metric}
    assert metrics["风险等级"] == "严重风险" and metrics["风险评分"] == "88/100" and metrics["合同类型"] == "委托创作"
    assert [e.label.split(" ")[0] for e in at.expander] == ["🔴", "🟠", "🟡", "🔵"]  # most severe first
    assert len(at.expander) == len(report.findings)
    first = at.expander[0]
    assert "严重" in first.label and "著作权永久转让" in first.label and "第 3 页" in first.label
    body = "\n".join(m.value for m in first.markdown)
    assert "> " + report.findings[0].clause.text in body
    assert report.findings[0].why in body and report.findings[0].suggestion in body
    assert first.code[0].value == report.findings[0].counter_clause
    assert "《中华人民共和国著作权法》第十条、第二十七条" in body
    assert any("识别方式" in c.value for c in first.caption)
    md = _all_markdown(at)
    assert "缺少创作者解约权" in md and "不构成法律意见" in "\n".join(i.value for i in at.info)
    assert [b.label for b in at.get("download_button")] == ["JSON", "Markdown", "HTML（可打印）", "Word（DOCX）"]
    assert any("仅处理了前 300 页" in w.value for w in at.warning)  # the page-limit notice
    assert fake.calls == [("zh_contract.txt", None)]


def test_result_is_kept_across_reruns_and_ui_language_switches(fake):
    at = _start("zh")
    at.file_uploader[0].upload("en_contract.txt", b"Some English contract.", "text/plain").run()
    at.radio(key="ui_lang").set_value("en").run()
    assert not at.exception and not at.error
    assert len(fake.calls) == 1  # not screened again
    labels = [e.label for e in at.expander]
    assert "Critical" in labels[0] and "page 2" in labels[0]
    assert {m.label: m.value for m in at.metric}["Deal type"] == "Agency / MCN"
    assert [b.label for b in at.get("download_button")] == ["JSON", "Markdown", "HTML (printable)", "Word (DOCX)"]


def test_contract_text_is_escaped_in_the_page(fake):
    at = _start("en")
    at.file_uploader[0].upload("en_contract.txt", b"Some English contract.", "text/plain").run()
    md = _all_markdown(at)
    assert SCRIPT not in md
    assert "\\<script\\>" in md and "\\[click here\\](http://evil.example)" in md


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_contract_guard_error_shows_its_message(fake, lang):
    at = _start(lang)
    at.file_uploader[0].upload("corrupt.pdf", CORRUPT_PDF, "application/pdf").run()
    assert not at.exception
    assert [e.value for e in at.error] == [UnreadableDocument(kind="PDF").message(lang)]
    assert not at.expander and not at.get("download_button")


def test_other_failures_show_a_friendly_message_and_are_logged(fake, caplog):
    at = _start("en")
    with caplog.at_level(logging.ERROR, logger="contract_guard.ui.screen_page"):
        at.file_uploader[0].upload("boom.txt", b"anything", "text/plain").run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("ui.error_generic", "en")]
    assert "internal detail" not in _all_markdown(at)
    assert any("screening failed" in r.getMessage() and r.exc_info for r in caplog.records)
    assert not any("boom.txt" in r.getMessage() for r in caplog.records)  # file names stay out of the log


def test_password_protected_pdf(fake):
    at = _start("zh")
    at.file_uploader[0].upload("locked.pdf", b"%PDF-1.7 encrypted", "application/pdf").run()
    assert [e.value for e in at.error] == [EncryptedDocument().message("zh")]
    at.text_input(key="pdf_password").input("secret").run()
    assert not at.exception and not at.error
    assert fake.calls == [("locked.pdf", None), ("locked.pdf", "secret")]
    assert len(at.expander) == len(en_report().findings)
    stored_key, _ = at.session_state["screening_result"]
    assert "secret" not in stored_key  # only a digest of the password is kept with the result


def test_missing_pipeline_is_a_friendly_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "contract_guard.pipeline", None)  # import raises ModuleNotFoundError
    at = _start("en")
    at.file_uploader[0].upload("en_contract.txt", b"text", "text/plain").run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("ui.error_unavailable", "en")]


def test_removing_the_upload_forgets_the_result(fake):
    at = _start("en")
    at.file_uploader[0].upload("en_contract.txt", b"Some English contract.", "text/plain").run()
    assert at.expander
    at.file_uploader[0].clear().run()
    assert not at.expander and not at.exception
    assert "screening_result" not in at.session_state


# --------------------------------------------------------------------------- the real pipeline
HAVE_PIPELINE = importlib.util.find_spec("contract_guard.pipeline") is not None
real = pytest.mark.skipif(not HAVE_PIPELINE, reason="contract_guard.pipeline is not written yet (the lead is on it)")


@pytest.fixture(scope="module")
def real_env(tmp_path_factory):
    """The real pipeline, with its index in a temporary data directory."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CONTRACT_GUARD_DATA", str(tmp_path_factory.mktemp("app-data")))
        mp.delenv("CHROMA_HOST", raising=False)
        yield


def _upload_real(lang: str, name: str, data: bytes, mime: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=REAL_TIMEOUT).run()
    at.radio(key="ui_lang").set_value(lang).run()
    at.file_uploader[0].upload(name, data, mime).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@real
def test_real_english_contract(real_env):
    at = _upload_real("en", "services_agreement.txt", EN_CONTRACT.encode(), "text/plain")
    assert not at.error, [e.value for e in at.error]
    assert at.expander, "expected at least one finding"
    bodies = "\n".join(m.value for e in at.expander for m in e.markdown)
    assert "hereby assigns to the Company all copyright in all works created during the term and thereafter" in bodies
    assert any("page 1" in e.label for e in at.expander)
    assert {m.label for m in at.metric} >= {"Risk level", "Risk score", "Deal type"}
    assert [b.label for b in at.get("download_button")] == ["JSON", "Markdown", "HTML (printable)", "Word (DOCX)"]
    money = " ".join(i.value for i in at.info).replace("\\", "")  # Markdown escapes $
    assert "Headline: $800 fee" in money and "certain to be paid to you: $800" in money


@real
def test_real_chinese_contract(real_env):
    at = _upload_real("zh", "委托创作合同.txt", ZH_CONTRACT.encode("utf-8"), "text/plain")
    assert not at.error, [e.value for e in at.error]
    assert at.expander, "expected at least one finding"
    bodies = "\n".join(m.value for e in at.expander for m in e.markdown)
    assert "乙方在合同期内及合同终止后创作的全部作品的著作权永久归甲方所有" in bodies
    assert any("第 1 页" in e.label for e in at.expander)
    assert {m.label for m in at.metric} >= {"风险等级", "风险评分", "合同类型"}
    money = " ".join(i.value for i in at.info).replace("\\", "")  # Markdown escapes $
    assert "名义金额：¥5,000（报酬）" in money and "确定能拿到的：¥5,000" in money
    assert len(at.get("download_button")) == 4


@real
@pytest.mark.parametrize("lang, start", [("en", "The file is damaged"), ("zh", "文件已损坏")])
def test_real_corrupt_pdf(real_env, lang, start):
    at = _upload_real(lang, "broken.pdf", CORRUPT_PDF, "application/pdf")
    assert len(at.error) == 1 and at.error[0].value.startswith(start), [e.value for e in at.error]
    assert "Traceback" not in at.error[0].value
    assert not at.expander and not at.get("download_button")
