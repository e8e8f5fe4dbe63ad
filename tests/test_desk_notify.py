"""Notifications delivered to real local servers on 127.0.0.1: an HTTP server playing the WeCom,
DingTalk and Feishu robots and a generic webhook (checking DingTalk's and Feishu's signatures), an
SMTP server (aiosmtpd), and an endpoint that fails and is retried with backoff."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import urllib.parse
from datetime import date, timedelta
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from contract_guard.desk.accounts import Accounts
from contract_guard.desk.notify import Channel, Notifier, channels_from_env
from contract_guard.desk.repository import now
from contract_guard.desk.service import Desk
from contract_guard.desk.views import CaseForm
from desk_fixtures import desk_env, postgres_server, postgres_url  # noqa: F401 - fixtures
from test_render import en_report

DING_SECRET = "SECdingtalk-test-secret"
FEISHU_SECRET = "feishu-test-secret"


class Robots(BaseHTTPRequestHandler):
    """Records every POST; /fail answers 503 while `failures_left` > 0; /down always 500."""

    received: list[tuple[str, dict]] = []
    failures_left = 0

    def do_POST(self):  # noqa: N802 - http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
        parsed = urllib.parse.urlparse(self.path)
        path, query = parsed.path, dict(urllib.parse.parse_qsl(parsed.query))
        answer, status = {"errcode": 0, "errmsg": "ok"}, 200
        if path == "/dingtalk":
            mac = hmac.new(DING_SECRET.encode(), f"{query.get('timestamp')}\n{DING_SECRET}".encode(), hashlib.sha256)
            if query.get("sign") != base64.b64encode(mac.digest()).decode():
                answer = {"errcode": 310000, "errmsg": "sign not match"}
        elif path == "/feishu":
            key = f"{body.get('timestamp')}\n{FEISHU_SECRET}".encode()
            ok = body.get("sign") == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
            answer = {"code": 0 if ok else 19021, "msg": "ok" if ok else "sign match fail"}
        elif path == "/fail" and Robots.failures_left > 0:
            Robots.failures_left -= 1
            status = 503
        elif path == "/down":
            status = 500
        Robots.received.append((path, {**body, "_query": query, "_status": status}))
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def http_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Robots)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture(scope="module")
def smtp_server():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield "127.0.0.1", port, box
    controller.stop()


@pytest.fixture(autouse=True)
def _clear():
    Robots.received.clear()
    Robots.failures_left = 0


def _desk(desk, channels, **kw) -> Desk:
    return Desk(desk.repo, desk.accounts, Notifier(desk.repo, channels, background=False, **kw))


def _form() -> CaseForm:
    return CaseForm(name="Secret Name", contact="secret@contact.example", questions="My private question",
                    deadline=date(2030, 3, 1), consent=True, language="zh")


def test_every_channel_gets_case_number_risk_and_deadline_but_no_contract_text(desk_env, http_server, smtp_server):
    _, base = desk_env
    host, port, box = smtp_server
    env = {"CONTRACT_GUARD_WECOM_URL": f"{http_server}/wecom?key=abc",
           "CONTRACT_GUARD_DINGTALK_URL": f"{http_server}/dingtalk?access_token=abc",
           "CONTRACT_GUARD_DINGTALK_SECRET": DING_SECRET,
           "CONTRACT_GUARD_FEISHU_URL": f"{http_server}/feishu", "CONTRACT_GUARD_FEISHU_SECRET": FEISHU_SECRET,
           "CONTRACT_GUARD_WEBHOOK_URL": f"{http_server}/hook",
           "CONTRACT_GUARD_SMTP_HOST": host, "CONTRACT_GUARD_SMTP_PORT": str(port),
           "CONTRACT_GUARD_SMTP_TO": "desk@legal.example, second@legal.example"}
    channels = channels_from_env(env)
    assert [c.kind for c in channels] == ["wecom", "dingtalk", "feishu", "webhook", "email"]
    desk = _desk(base, channels)
    report = en_report()
    case = desk.submit(report, b"%PDF-1.4 original", "deal.pdf", _form())

    paths = sorted(p for p, _ in Robots.received)
    assert paths == ["/dingtalk", "/feishu", "/hook", "/wecom"]
    got = dict(Robots.received)
    assert got["/wecom"]["msgtype"] == "text" and got["/wecom"]["_query"] == {"key": "abc"}
    assert got["/dingtalk"]["_query"]["access_token"] == "abc" and "sign" in got["/dingtalk"]["_query"]
    assert got["/feishu"]["msg_type"] == "text"
    hook = got["/hook"]
    assert (hook["event"], hook["case_number"], hook["risk_level"], hook["deadline"]) == (
        "new_case", case.number, report.summary.risk_level, "2030-03-01")
    texts = [got["/wecom"]["text"]["content"], got["/dingtalk"]["text"]["content"],
             got["/feishu"]["content"]["text"], hook["text"]]
    (rcpts, mail), = box.messages[-1:]
    assert sorted(rcpts) == ["desk@legal.example", "second@legal.example"]
    texts.append(mail.get_payload(decode=True).decode("utf-8") + mail["Subject"])
    for text in texts:
        assert case.number in text and "2030-03-01" in text and "严重风险" in text
        for secret in ["Secret Name", "secret@contact", "private question", case.token,
                       *(f.clause.text[:30] for f in report.findings)]:
            assert secret not in text
    assert all(n.status == "sent" for n in desk.repo.notifications())

    # advice is announced too
    lawyer_token = (desk.accounts.create_user("li", "correct horse battery", "lawyer"),
                    desk.accounts.login("li", "correct horse battery"))[1]
    lawyer = desk.accounts.user(lawyer_token)
    desk.claim(lawyer, case.number)
    desk.advise(lawyer, case.number, "Do not sign clause 3.")
    assert got != dict(Robots.received) and dict(Robots.received)["/hook"]["event"] == "advice"
    assert "Do not sign" not in json.dumps(Robots.received, ensure_ascii=False)


def test_a_bad_signature_is_a_failed_delivery(desk_env, http_server):
    _, base = desk_env
    desk = _desk(base, [Channel(name="dingtalk", kind="dingtalk", url=f"{http_server}/dingtalk", secret="wrong")])
    desk.submit(en_report(), b"x", "a.txt", _form())
    (n,) = desk.repo.notifications()
    assert n.status == "pending" and n.attempts == 1 and "310000" in n.last_error


def test_a_failing_endpoint_is_retried_with_backoff_and_then_delivered(desk_env, http_server):
    _, base = desk_env
    Robots.failures_left = 2
    desk = _desk(base, [Channel(name="hook", kind="webhook", url=f"{http_server}/fail")], backoff_seconds=60)
    case = desk.submit(en_report(), b"x", "a.txt", _form())  # attempt 1 fails at once
    assert desk.repo.case_exists(case.number)  # a failed delivery never loses the case
    (n,) = desk.repo.notifications()
    assert (n.status, n.attempts) == ("pending", 1) and "503" in n.last_error
    t0 = n.next_at
    assert timedelta(seconds=59) < t0 - now() <= timedelta(seconds=60)
    assert desk.notifier.deliver_due(t0 - timedelta(seconds=5)) == (0, 0)  # not due yet
    assert desk.notifier.deliver_due(t0) == (0, 1)  # attempt 2 fails: the wait doubles
    (n,) = desk.repo.notifications()
    assert n.attempts == 2 and timedelta(seconds=119) < n.next_at - t0 <= timedelta(seconds=121)
    assert desk.notifier.deliver_due(n.next_at) == (1, 0)  # attempt 3 gets through
    (n,) = desk.repo.notifications()
    assert (n.status, n.attempts, n.last_error) == ("sent", 3, "")
    assert [r[1]["_status"] for r in Robots.received] == [503, 503, 200]


def test_after_the_last_attempt_admins_see_the_failure_and_can_retry(desk_env, http_server):
    _, base = desk_env
    desk = _desk(base, [Channel(name="hook", kind="webhook", url=f"{http_server}/down")], backoff_seconds=1,
                 max_attempts=2)
    case = desk.submit(en_report(), b"x", "a.txt", _form())
    (n,) = desk.repo.notifications()
    desk.notifier.deliver_due(n.next_at)
    admin = (desk.accounts.create_user("root", "correct horse battery", "admin"),
             desk.accounts.user(desk.accounts.login("root", "correct horse battery")))[1]
    (failed,) = desk.failed_notifications(admin)
    assert (failed.status, failed.attempts, failed.case_number) == ("failed", 2, case.number)
    assert "500" in failed.last_error
    assert any(a.action == "notification_failed" for a in desk.audit(admin, case.number))
    assert desk.notifier.deliver_due(now() + timedelta(days=2)) == (0, 0)  # given up: no more tries by itself
    desk.retry_notification(admin, failed.id)  # the admin's retry tries once more at once
    (again,) = desk.repo.notifications()
    assert again.attempts == 3 and again.status == "failed"
    assert len([r for r in Robots.received if r[0] == "/down"]) == 3


def test_no_channel_configured_means_no_network_and_no_queue(desk_env):
    _, base = desk_env
    assert channels_from_env({}) == []
    desk = _desk(base, [])
    desk.submit(en_report(), b"x", "a.txt", _form())
    assert desk.repo.notifications() == []
