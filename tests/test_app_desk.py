"""Every page of the multipage app, driven headless with AppTest over the real engine and a real
case store (SQLite in a temporary data directory): screening, sending a case, the creator's view,
the lawyers' login, queue and case view, advice, withdrawal, batch, library, admin, bad uploads."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from contract_guard.errors import EmptyDocument, EncryptedDocument, LoginRefused, TooLarge, UnreadableDocument
from test_app import EN_CONTRACT, ZH_CONTRACT  # the same two contracts as the screening page's tests

APP = Path(__file__).resolve().parents[1] / "app.py"
PAGES = "contract_guard/ui/pages"
TIMEOUT = 300  # the first run loads the engine

EN_CLAUSE = "hereby assigns to the Company all copyright in all works created during the term and thereafter"

ZH_CLAUSE = "乙方在合同期内及合同终止后创作的全部作品的著作权永久归甲方所有"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """A fresh data directory (SQLite case store + case files), the real engine, two accounts."""
    data = tmp_path_factory.mktemp("desk-app")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CONTRACT_GUARD_DATA", str(data))
        mp.setenv("CONTRACT_GUARD_VECTOR", "off")  # vector evidence decides nothing; keep the test quick
        for name in ("DATABASE_URL", "CHROMA_HOST", "CONTRACT_GUARD_WEBHOOK_URL", "CONTRACT_GUARD_WECOM_URL",
                     "CONTRACT_GUARD_DINGTALK_URL", "CONTRACT_GUARD_FEISHU_URL", "CONTRACT_GUARD_SMTP_HOST"):
            mp.delenv(name, raising=False)
        from contract_guard.desk.service import open_desk

        desk = open_desk()
        desk.accounts.create_user("li", PASSWORD, "lawyer")
        desk.accounts.create_user("boss", PASSWORD, "admin")
        yield data, desk


def _app(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    at.radio(key="ui_lang").set_value(lang).run()
    return at


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.success]
    parts += [i.value for i in at.info] + [str(m.value) for m in at.metric] + [m.label for m in at.metric]
    parts += [e.label for e in at.expander] + [t.value for t in at.title] + [h.value for h in at.subheader]
    return "\n".join(parts)


def _goto(at: AppTest, page: str) -> AppTest:
    return at.switch_page(f"{PAGES}/{page}.py").run()


def _login(at: AppTest, username: str, password: str) -> AppTest:
    _goto(at, "login")
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    return at.button(key="login_submit").click().run()


def _send_case(at: AppTest, deadline: date | None = date(2030, 5, 1)) -> tuple[str, str]:
    at.text_input(key="case_name").input("Lin")
    at.text_input(key="case_contact").input("lin@example.org")
    at.text_area(key="case_questions").input("Can they keep my future videos?")
    if deadline:
        at.date_input(key="case_deadline").set_value(deadline)
    at.checkbox(key="case_consent").check()
    at.button(key="send_case_submit").click().run()
    _ok(at)
    number = re.search(r"CG-\d{4}-[A-Z0-9]{6}", next(s.value for s in at.success)).group(0)
    token = at.code[-1].value
    return number, token


def _case_files(data: Path) -> list[Path]:
    return [p for p in (data / "cases").rglob("*") if p.is_file()] if (data / "cases").exists() else []


# --------------------------------------------------------------------------- screen + send + advise + view
def test_a_case_goes_from_screening_to_advice_to_the_creators_view(env):
    data, desk = env
    # the creator screens a Chinese contract (UI in Chinese) and sends it
    at = _app("zh")
    at.file_uploader[0].upload("委托创作合同.txt", ZH_CONTRACT.encode(), "text/plain").run()
    _ok(at)
    bodies = "\n".join(m.value for e in at.expander for m in e.markdown)
    assert ZH_CLAUSE in bodies and any("严重" in e.label for e in at.expander)
    assert [b.label for b in at.get("download_button")][-1] == "Word（DOCX）"
    assert not _case_files(data)  # nothing stored before the creator sends it
    at.text_input(key="case_contact").input("lin@example.org")
    at.button(key="send_case_submit").click().run()  # no consent yet
    assert [e.value for e in at.error] == ["请先同意为法律服务团队保存合同及你填写的信息。"]
    assert not _case_files(data)
    number, token = _send_case(at)
    assert number.startswith("CG-") and len(token) > 40
    assert "已提交给法律服务团队" in _text(at) and len(_case_files(data)) == 1

    # the creator's link shows the case, still without advice
    creator = _app("zh")
    _goto(creator, "my_case")
    creator.text_input(key="case_token").input(token).run()
    _ok(creator)
    metrics = {m.label: m.value for m in creator.metric}
    assert metrics["状态"] == "新案件" and metrics["签约截止"] == "2030-05-01"
    assert "暂无律师意见" in _text(creator)

    # a lawyer logs in, finds it at the top of the queue, claims it, reviews a finding and advises
    lawyer = _app("en")
    _login(lawyer, "li", PASSWORD)
    _ok(lawyer)
    assert lawyer.title[0].value == "Case queue"  # logging in opens the queue
    _goto(lawyer, "queue")
    table = lawyer.dataframe[0].value
    assert number in list(table["Case"])
    lawyer.selectbox(key="queue_pick").set_value(number)
    lawyer.button(key="queue_claim").click().run()
    _ok(lawyer)
    assert lawyer.title[0].value == f"Case {number}"  # claiming opens the case
    _goto(lawyer, "case")  # (AppTest reruns the page it was last sent to: pin the case page)
    assert {m.label: m.value for m in lawyer.metric}["Status"] == "In review"
    assert any(ZH_CLAUSE in m.value for e in lawyer.expander for m in e.markdown)
    assert ZH_CLAUSE in "".join(h.proto.body for h in lawyer.get("html"))  # the contract, highlighted in place
    lawyer.radio(key=f"review_{number}_0").set_value("edited").run()  # enables the correction box
    lawyer.text_area(key=f"edited_{number}_0").input("Critical: a buy-out of all future works.")
    lawyer.text_input(key=f"note_{number}_0").input("Ask for a licence limited to the two videos.")
    lawyer.button(key=f"save_{number}_0").click().run()
    _ok(lawyer)
    assert "✔ edited" in lawyer.expander[0].label
    lawyer.text_area(key=f"advice_{number}").input("删除第三条：只授权每月交付的两条视频。")
    lawyer.button(key="case_send_advice").click().run()
    _ok(lawyer)
    assert {m.label: m.value for m in lawyer.metric}["Status"] == "Advised"
    lawyer.button(key="case_prepare_export").click().run()
    export = lawyer.get("download_button")[-1]
    assert export.proto.label == "Download the case (ZIP)"
    audit = lawyer.dataframe[-1].value
    assert list(audit["What"])[::-1][:4] == ["case_created", "claimed", "finding_reviewed", "advised"]

    # the creator sees the advice through the token
    creator.run()
    _ok(creator)
    assert {m.label: m.value for m in creator.metric}["状态"] == "已答复"
    assert [i.value for i in creator.info] == ["删除第三条：只授权每月交付的两条视频。"]

    # a wrong token shows nothing of the case
    other = _app("en")
    _goto(other, "my_case")
    other.text_input(key="case_token").input(token[:-3] + "xyz").run()
    assert [e.value for e in other.error] == ["No case matches this token."]
    assert number not in _text(other) and not other.metric and not other.info

    # the creator withdraws: the case and its file are gone
    creator.checkbox(key="withdraw_sure").check().run()
    creator.button(key="withdraw").click().run()
    _ok(creator)
    assert f"案件 {number} 及其文件已删除" in _text(creator)
    assert not _case_files(data) and desk.status(token) is None
    assert not desk.repo.case_exists(number)


def test_the_english_screen_shows_its_findings_and_a_docx_download(env):
    at = _app("en")
    at.file_uploader[0].upload("services_agreement.txt", EN_CONTRACT.encode(), "text/plain").run()
    _ok(at)
    assert any(EN_CLAUSE in m.value for e in at.expander for m in e.markdown)
    assert [b.label for b in at.get("download_button")] == ["JSON", "Markdown", "HTML (printable)", "Word (DOCX)"]
    assert "Send to the legal service team" in _text(at)
    sha = at.session_state["screening_result"][1].document.sha256[:12]
    assert at.radio(key=f"report_lang_{sha}").value == "en"  # the report follows the document …
    assert at.radio(key=f"report_lang_{sha}").options == ["English", "中文"]  # … unless the user picks the other


# --------------------------------------------------------------------------- logins
def test_lawyer_pages_are_unreachable_without_login(env):
    at = _app("en")
    _goto(at, "login")  # the login page is there …
    assert at.title[0].value == "Lawyers' login"
    for page in ("queue", "case", "admin"):
        with pytest.raises(ValueError):
            _goto(at, page)  # … the lawyers' pages are not pages of this session's app
    # and a page that is reached anyway checks the login itself
    for page in ("queue", "case", "admin"):
        direct = AppTest.from_file(str(APP.parent / PAGES / f"{page}.py"), default_timeout=60).run()
        assert [e.value for e in direct.error] == ["请以律师身份登录后查看此页面。"], page
        assert not direct.dataframe and not direct.title


def test_a_wrong_password_is_refused(env):
    at = _app("en")
    _login(at, "li", "not the password")
    assert [e.value for e in at.error] == [LoginRefused().message("en")]
    assert "desk_session" not in at.session_state
    with pytest.raises(ValueError):
        _goto(at, "queue")
    at = _app("zh")
    _login(at, "nobody", PASSWORD)
    assert [e.value for e in at.error] == [LoginRefused().message("zh")]


def test_logging_out_ends_the_session(env):
    at = _app("en")
    _login(at, "li", PASSWORD)
    _ok(at)
    token = at.session_state["desk_session"]
    at.sidebar.button(key="logout").click().run()
    assert "desk_session" not in at.session_state
    assert env[1].accounts.user(token) is None


# --------------------------------------------------------------------------- admin
def test_admin_creates_an_account_and_sees_failed_notifications(env, monkeypatch):
    _, desk = env
    from contract_guard.desk.notify import Channel

    desk.notifier.channels = {"hook": Channel(name="hook", kind="webhook", url="http://127.0.0.1:9/closed")}
    desk.notifier.background = False
    try:
        case = desk.submit(_any_report(), b"x", "a.txt", _form())
    finally:
        desk.notifier.channels = {}
        desk.notifier.background = True
    lawyer = _app("en")
    _login(lawyer, "li", PASSWORD)
    with pytest.raises(ValueError):
        _goto(lawyer, "admin")  # a lawyer is no admin

    at = _app("en")
    _login(at, "boss", PASSWORD)
    _goto(at, "admin")
    _ok(at)
    assert list(at.dataframe[0].value["User name"]) == ["boss", "li"]
    at.text_input(key="admin_username").input("wang")
    at.text_input(key="admin_password").input("a long new password")
    at.button(key="admin_create").click().run()
    _ok(at)
    assert "Account wang created." in _text(at)
    failed = at.dataframe[-1].value
    assert list(failed["Case"]) == [case.number] and "Connection refused" in list(failed["Last error"])[0]
    assert desk.accounts.user(desk.accounts.login("wang", "a long new password")).role == "lawyer"
    desk.withdraw(case.token)


def _any_report():
    from test_render import en_report

    return en_report()


def _form():
    from contract_guard.desk.views import CaseForm

    return CaseForm(name="x", contact="y", questions="z", consent=True)


# --------------------------------------------------------------------------- batch
def test_batch_compares_contracts_and_a_bad_file_is_a_row(env, corrupt_pdf):
    at = _app("en")
    _goto(at, "batch")
    at.file_uploader(key="batch_upload").set_value([
        ("zh.txt", ZH_CONTRACT.encode(), "text/plain"), ("en.txt", EN_CONTRACT.encode(), "text/plain"),
        ("broken.pdf", corrupt_pdf.read_bytes(), "application/pdf"), ("empty.txt", b"", "text/plain")]).run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    assert set(list(table["File"])[:2]) == {"zh.txt", "en.txt"}  # riskiest first, the unreadable last
    errors = dict(zip(table["File"], table["Could not screen"]))
    assert errors["broken.pdf"] == UnreadableDocument(kind="PDF").message("en")
    assert errors["empty.txt"] == EmptyDocument().message("en")
    assert errors["en.txt"] == "" and errors["zh.txt"] == ""
    top = dict(zip(table["File"], table["Top three issues"]))
    assert top["en.txt"] and top["zh.txt"]
    assert "2 screened, 2 could not be read." in _text(at)

    buttons = {b.proto.label: b for b in at.get("download_button")}
    assert {"Table (CSV)", "Table (Excel)", "All reports (ZIP)"} <= set(buttons)
    from contract_guard.batch import reports_zip, to_xlsx

    rows = at.session_state["batch_result"][1]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(rows, "zh"))).active
    assert [c.value for c in sheet[1]][:2] == ["文件", "风险等级"] and sheet.max_row == 5
    names = zipfile.ZipFile(io.BytesIO(reports_zip(rows))).namelist()
    assert "zh.contract-guard.docx" in names and "en.contract-guard.html" in names and "errors.txt" in names

    at.radio(key="batch_sort").set_value("file").run()
    assert list(at.dataframe[0].value["File"]) == ["broken.pdf", "empty.txt", "en.txt", "zh.txt"]


# --------------------------------------------------------------------------- library
@pytest.mark.parametrize("lang, query, expect", [("zh", "违约金", "违约金"), ("en", "future works", "future")])
def test_the_library_browser_searches_both_languages(env, lang, query, expect):
    at = _app(lang)
    _goto(at, "library")
    _ok(at)
    total = len(at.expander)
    at.text_input(key="library_query").input(query).run()
    _ok(at)
    hits = at.expander
    assert 0 < len(hits) < total
    assert any(expect.lower() in e.label.lower() for e in hits)
    assert all(e.code for e in hits)  # every pattern shows its counter-clause
    at.text_input(key="library_query").input("").run()
    at.multiselect(key="library_concepts").set_value(["ip-future-works"]).run()
    assert at.expander and len(at.expander) < total


# --------------------------------------------------------------------------- bad uploads
def test_bad_uploads_get_clear_messages_and_the_app_stays_usable(env, corrupt_pdf, encrypted_pdf):
    at = _app("zh")
    cases = [
        ("broken.pdf", corrupt_pdf.read_bytes(), UnreadableDocument(kind="PDF").message("zh")),
        ("locked.pdf", encrypted_pdf.read_bytes(), EncryptedDocument().message("zh")),
        ("empty.txt", b"", EmptyDocument().message("zh")),
        ("huge.txt", b"a" * (100 * 1024 * 1024), TooLarge(size_mb=100.0, limit_mb=50).message("zh")),
    ]
    for name, data, message in cases:
        at.file_uploader[0].upload(name, data, "application/octet-stream").run()
        assert not at.exception, [e.value for e in at.exception]
        assert [e.value for e in at.error] == [message], name
        assert not at.expander and "Traceback" not in _text(at)
    at.file_uploader[0].upload("委托创作合同.txt", ZH_CONTRACT.encode(), "text/plain").run()
    _ok(at)
    assert any(ZH_CLAUSE in m.value for e in at.expander for m in e.markdown)


# --------------------------------------------------------------------------- the screen page's extras
def test_pasted_text_filters_and_the_highlighted_contract(env):
    at = _app("en")
    at.text_area(key="contract_paste").input(EN_CONTRACT).run()
    _ok(at)
    labels = [e.label for e in at.expander]
    assert labels and any(EN_CLAUSE in m.value for e in at.expander for m in e.markdown)
    severities = {label.split("\\[")[1].split("\\]")[0] for label in labels if "\\[" in label}
    sha = at.session_state["screening_result"][1].document.sha256[:12]
    keep = sorted(severities)[0]
    at.multiselect(key=f"filter_severity_{sha}").set_value([keep.lower()]).run()
    assert at.expander and all(f"\\[{keep}\\]" in e.label for e in at.expander)
    assert len(at.expander) <= len(labels)
    at.multiselect(key=f"filter_severity_{sha}").set_value([]).run()
    assert [e.label for e in at.expander] == labels
    assert not at.get("html")
    at.toggle(key="show_contract").set_value(True).run()
    _ok(at)
    (html,) = at.get("html")
    assert "<mark" in html.proto.body and EN_CLAUSE in html.proto.body and "Brightwave Media Ltd." in html.proto.body
