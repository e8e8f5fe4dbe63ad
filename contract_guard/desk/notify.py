"""Tell the legal service team about a new case, and the creator's side about advice.

Channels (all optional, none by default: the app stays offline unless one is configured):
WeCom 企业微信 / DingTalk 钉钉 (signed) / Feishu 飞书 group robots, a generic JSON webhook, SMTP e-mail.
A message carries the case number, the risk level and the signing deadline — never contract text.

Deliveries are queued in the database first (`Repository.enqueue`), so a failure never loses a
case: a failed delivery is retried with exponential backoff and, after `max_attempts`, marked
"failed" for the admins to see and retry.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import smtplib
import threading
import time
import urllib.parse
import urllib.request
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Literal

from pydantic import BaseModel

from ..report.i18n import risk_name
from .repository import Repository, now

log = logging.getLogger(__name__)

Kind = Literal["wecom", "dingtalk", "feishu", "webhook", "email"]
Event = Literal["new_case", "advice"]


class Channel(BaseModel):
    name: str
    kind: Kind
    url: str = ""
    secret: str = ""  # DingTalk / Feishu signing secret
    # e-mail
    host: str = ""
    port: int = 25
    username: str = ""
    password: str = ""
    starttls: bool = False
    sender: str = ""
    to: list[str] = []


def channels_from_env(env: dict[str, str] | None = None) -> list[Channel]:
    """Channels configured by environment variables (see README "Notifications")."""
    env = dict(os.environ if env is None else env)
    out: list[Channel] = []
    if env.get("CONTRACT_GUARD_WECOM_URL"):
        out.append(Channel(name="wecom", kind="wecom", url=env["CONTRACT_GUARD_WECOM_URL"]))
    if env.get("CONTRACT_GUARD_DINGTALK_URL"):
        out.append(Channel(name="dingtalk", kind="dingtalk", url=env["CONTRACT_GUARD_DINGTALK_URL"],
                           secret=env.get("CONTRACT_GUARD_DINGTALK_SECRET", "")))
    if env.get("CONTRACT_GUARD_FEISHU_URL"):
        out.append(Channel(name="feishu", kind="feishu", url=env["CONTRACT_GUARD_FEISHU_URL"],
                           secret=env.get("CONTRACT_GUARD_FEISHU_SECRET", "")))
    if env.get("CONTRACT_GUARD_WEBHOOK_URL"):
        out.append(Channel(name="webhook", kind="webhook", url=env["CONTRACT_GUARD_WEBHOOK_URL"]))
    if env.get("CONTRACT_GUARD_SMTP_HOST") and env.get("CONTRACT_GUARD_SMTP_TO"):
        out.append(Channel(name="email", kind="email", host=env["CONTRACT_GUARD_SMTP_HOST"],
                           port=int(env.get("CONTRACT_GUARD_SMTP_PORT", "25")),
                           username=env.get("CONTRACT_GUARD_SMTP_USER", ""),
                           password=env.get("CONTRACT_GUARD_SMTP_PASSWORD", ""),
                           starttls=env.get("CONTRACT_GUARD_SMTP_STARTTLS", "").lower() in ("1", "on", "yes", "true"),
                           sender=env.get("CONTRACT_GUARD_SMTP_FROM", "contract-guard@localhost"),
                           to=[a.strip() for a in env["CONTRACT_GUARD_SMTP_TO"].split(",") if a.strip()]))
    return out


# --------------------------------------------------------------------------- the message
def payload(event: Event, case_number: str, risk_level: str, deadline: str | None) -> dict:
    """Everything a message may say: no names, no contact details, no contract text."""
    return {"event": event, "case_number": case_number, "risk_level": risk_level, "deadline": deadline}


def message_text(p: dict) -> str:
    deadline_zh = p["deadline"] or "未填写"
    deadline_en = p["deadline"] or "not given"
    if p["event"] == "new_case":
        zh = f"【合同卫士】新案件 {p['case_number']}：{risk_name(p['risk_level'], 'zh')}，签约截止 {deadline_zh}。"
        en = f"[Contract Guard] New case {p['case_number']}: {risk_name(p['risk_level'], 'en')}, signing deadline {deadline_en}."
    else:
        zh = f"【合同卫士】案件 {p['case_number']} 已有律师意见（{risk_name(p['risk_level'], 'zh')}，签约截止 {deadline_zh}）。"
        en = f"[Contract Guard] Case {p['case_number']} has been advised ({risk_name(p['risk_level'], 'en')}, signing deadline {deadline_en})."
    return f"{zh}\n{en}"


# --------------------------------------------------------------------------- senders
class DeliveryFailed(Exception):
    pass


def dingtalk_url(url: str, secret: str, timestamp_ms: int | None = None) -> str:
    """DingTalk's signed robot URL: sign = base64(HMAC-SHA256(secret, "{timestamp}\\n{secret}"))."""
    if not secret:
        return url
    ts = str(timestamp_ms if timestamp_ms is not None else int(time.time() * 1000))
    mac = hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(mac).decode())
    return f"{url}{'&' if '?' in url else '?'}timestamp={ts}&sign={sign}"


def feishu_sign(secret: str, timestamp: int) -> str:
    """Feishu's robot signature: base64(HMAC-SHA256(key="{timestamp}\\n{secret}", message=b""))."""
    return base64.b64encode(hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256).digest()).decode()


def _post_json(url: str, body: dict, timeout: float) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body, ensure_ascii=False).encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
    except OSError as exc:  # URLError, HTTPError, timeouts
        raise DeliveryFailed(f"{exc.__class__.__name__}: {exc}") from exc
    try:
        return json.loads(raw or b"{}")
    except ValueError:
        return {}


def _robot_ok(answer: dict, key: str) -> None:
    code = answer.get(key, answer.get("StatusCode", 0))
    if code not in (0, None):
        raise DeliveryFailed(f"robot answered {key}={code}: {answer.get('errmsg') or answer.get('msg') or ''}".strip())


def send(channel: Channel, p: dict, timeout: float = 10.0) -> None:
    """Deliver one message on one channel; raises DeliveryFailed."""
    text = message_text(p)
    if channel.kind == "wecom":
        _robot_ok(_post_json(channel.url, {"msgtype": "text", "text": {"content": text}}, timeout), "errcode")
    elif channel.kind == "dingtalk":
        url = dingtalk_url(channel.url, channel.secret)
        _robot_ok(_post_json(url, {"msgtype": "text", "text": {"content": text}}, timeout), "errcode")
    elif channel.kind == "feishu":
        body: dict = {"msg_type": "text", "content": {"text": text}}
        if channel.secret:
            ts = int(time.time())
            body.update(timestamp=str(ts), sign=feishu_sign(channel.secret, ts))
        _robot_ok(_post_json(channel.url, body, timeout), "code")
    elif channel.kind == "webhook":
        _post_json(channel.url, {**p, "text": text}, timeout)
    elif channel.kind == "email":
        msg = EmailMessage()
        msg["Subject"] = text.splitlines()[1]
        msg["From"] = channel.sender
        msg["To"] = ", ".join(channel.to)
        msg.set_content(text)
        try:
            with smtplib.SMTP(channel.host, channel.port, timeout=timeout) as smtp:
                if channel.starttls:
                    smtp.starttls()
                if channel.username:
                    smtp.login(channel.username, channel.password)
                smtp.send_message(msg)
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryFailed(f"{exc.__class__.__name__}: {exc}") from exc
    else:  # pragma: no cover - pydantic restricts kind
        raise DeliveryFailed(f"unknown channel kind {channel.kind}")


# --------------------------------------------------------------------------- the queue
class Notifier:
    def __init__(self, repo: Repository, channels: list[Channel], *, backoff_seconds: float = 60.0,
                 max_attempts: int = 6, timeout: float = 10.0, background: bool = True) -> None:
        self.repo = repo
        self.channels = {c.name: c for c in channels}
        self.backoff = backoff_seconds
        self.max_attempts = max_attempts
        self.timeout = timeout
        self.background = background  # False: deliver_soon() delivers before it returns (the CLI, tests)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._worker: threading.Thread | None = None

    def delay(self, attempts: int) -> timedelta:
        """Wait before the next try after `attempts` failed ones: backoff · 2^(attempts-1), at most a day."""
        return timedelta(seconds=min(self.backoff * 2 ** max(0, attempts - 1), 86400))

    def queue(self, event: Event, case_number: str, risk_level: str, deadline: str | None) -> None:
        if self.channels:
            self.repo.enqueue(case_number, event, list(self.channels), payload(event, case_number, risk_level, deadline))

    def deliver_due(self, at: datetime | None = None) -> tuple[int, int]:
        """Try every delivery that is due; returns (sent, failed this round)."""
        sent = failed = 0
        with self._lock:
            for n in self.repo.due_notifications(at or now()):
                channel = self.channels.get(n.channel)
                try:
                    if channel is None:
                        raise DeliveryFailed(f"channel {n.channel!r} is no longer configured")
                    send(channel, json.loads(n.payload), self.timeout)
                except DeliveryFailed as exc:
                    failed += 1
                    attempts = n.attempts + 1
                    log.warning("notification %s via %s failed (attempt %d): %s", n.id, n.channel, attempts, exc)
                    self.repo.notification_result(n.id, ok=False, error=str(exc),
                                                  next_at=(at or now()) + self.delay(attempts),
                                                  give_up=attempts >= self.max_attempts)
                else:
                    sent += 1
                    self.repo.notification_result(n.id, ok=True)
        return sent, failed

    def deliver_soon(self) -> None:
        """Deliver in a background thread, so that a slow robot never holds up the page."""
        if not self.channels:
            return
        if self.background:
            threading.Thread(target=self._deliver_quietly, daemon=True, name="cg-notify-once").start()
        else:
            self._deliver_quietly()

    def _deliver_quietly(self) -> None:
        try:
            self.deliver_due()
        except Exception:  # noqa: BLE001 - the worker must not die; the queue keeps the work
            log.exception("notification delivery failed")

    def start(self, interval: float = 30.0) -> None:
        """A daemon thread that retries due deliveries every `interval` seconds."""
        if not self.channels or self._worker is not None:
            return

        def loop() -> None:
            while not self._stop.wait(interval):
                self._deliver_quietly()

        self._worker = threading.Thread(target=loop, daemon=True, name="cg-notify")
        self._worker.start()

    def stop(self) -> None:
        self._stop.set()
