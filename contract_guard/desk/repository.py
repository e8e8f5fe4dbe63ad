"""The only module that talks SQL: cases, reviews, accounts, sessions, audit log, notifications.

Every method opens its own transaction and returns typed views (`views.py`), never ORM objects.
Every change to a case writes an audit entry (who, what, when) in the same transaction.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import AccountExists, AccountNotFound, CaseNotFound
from ..models import Report
from . import tables as T
from .files import FileStore
from .tokens import digest, new_case_number, new_token
from .views import (
    AuditRecord,
    CaseDetail,
    CaseForm,
    CreatorView,
    NewCase,
    NotificationRecord,
    QueueRow,
    Review,
    User,
)
from .workflow import check_transition


def now() -> datetime:
    return datetime.now(timezone.utc)


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: every stored time is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=timezone.utc)


class Repository:
    def __init__(self, engine: Engine, files: FileStore) -> None:
        self.engine = engine
        self.files = files
        self._session = sessionmaker(engine, expire_on_commit=False)

    # ----------------------------------------------------------------- helpers
    def _audit(self, s: Session, actor: str, action: str, case_number: str | None = None, detail: str = "") -> None:
        s.add(T.AuditEntry(at=now(), actor=actor, case_number=case_number, action=action, detail=detail))

    @staticmethod
    def _case(s: Session, number: str) -> T.Case:
        case = s.scalar(select(T.Case).where(T.Case.number == number))
        if case is None:
            raise CaseNotFound()
        return case

    @staticmethod
    def _row(c: T.Case) -> dict:
        return dict(number=c.number, status=c.status, risk_level=c.risk_level, risk_score=c.risk_score,
                    deal_type=c.deal_type, deadline=c.deadline, created_at=_utc(c.created_at),
                    lawyer=c.lawyer.username if c.lawyer else None, filename=c.filename)

    # ----------------------------------------------------------------- cases: the creator's side
    def create_case(self, report: Report, data: bytes, filename: str, form: CaseForm) -> NewCase:
        """Store the file and the case; returns the case number and the secret token (shown once)."""
        key = self.files.save(data)
        token = new_token()
        stamp = now()
        try:
            with self._session.begin() as s:
                for _ in range(5):  # a random number can collide, however unlikely
                    number = new_case_number(stamp.year)
                    if s.scalar(select(T.Case.id).where(T.Case.number == number)) is None:
                        break
                s.add(T.Case(
                    number=number, token_hash=digest(token), status="new", created_at=stamp, updated_at=stamp,
                    name=form.name.strip(), contact=form.contact.strip(), questions=form.questions.strip(),
                    deadline=form.deadline, consent_at=stamp, language=form.language,
                    risk_level=report.summary.risk_level, risk_score=report.summary.risk_score,
                    deal_type=report.document.deal_type, report_json=report.to_json(indent=None),
                    filename=filename[:255], file_key=key, advice=""))
                self._audit(s, "creator", "case_created", number, f"risk {report.summary.risk_level}")
        except Exception:
            self.files.delete(key)  # nothing half-stored
            raise
        return NewCase(number=number, token=token)

    def creator_view(self, token: str) -> CreatorView | None:
        """The case this token belongs to, or None (a wrong token shows nothing)."""
        if not token or not token.strip():
            return None
        with self._session() as s:
            c = s.scalar(select(T.Case).where(T.Case.token_hash == digest(token)))
            if c is None:
                return None
            return CreatorView(number=c.number, status=c.status, created_at=_utc(c.created_at), deadline=c.deadline,
                               risk_level=c.risk_level, filename=c.filename, advice=c.advice,
                               advised_at=_utc(c.advised_at))

    def withdraw(self, token: str) -> str | None:
        """Delete the case of this token, its reviews, its notifications and its file; returns its number."""
        with self._session.begin() as s:
            c = s.scalar(select(T.Case).where(T.Case.token_hash == digest(token or "")))
            if c is None:
                return None
            number, key = c.number, c.file_key
            s.execute(delete(T.Notification).where(T.Notification.case_number == number))
            s.delete(c)
            self._audit(s, "creator", "case_withdrawn", number, "case, reviews and file deleted")
        self.files.delete(key)
        return number

    # ----------------------------------------------------------------- cases: the lawyers' side
    def queue(self, *, statuses: list[str] | None = None, risk_levels: list[str] | None = None,
              lawyer: str | None = None) -> list[QueueRow]:
        with self._session() as s:
            q = select(T.Case)
            if statuses:
                q = q.where(T.Case.status.in_(statuses))
            if risk_levels:
                q = q.where(T.Case.risk_level.in_(risk_levels))
            if lawyer:
                q = q.join(T.User, T.Case.lawyer_id == T.User.id).where(T.User.username == lawyer)
            return [QueueRow(**self._row(c)) for c in s.scalars(q).unique()]

    def case(self, number: str) -> CaseDetail:
        with self._session() as s:
            c = self._case(s, number)
            reviews = {r.finding_index: Review(finding_index=r.finding_index, decision=r.decision, note=r.note,
                                               edited_text=r.edited_text, username=r.username,
                                               updated_at=_utc(r.updated_at)) for r in c.reviews}
            return CaseDetail(**self._row(c), name=c.name, contact=c.contact, questions=c.questions,
                              language=c.language, report=Report.model_validate_json(c.report_json),
                              reviews=reviews, advice=c.advice, advised_at=_utc(c.advised_at))

    def original(self, number: str) -> tuple[str, bytes]:
        """The uploaded file: (its original name, its bytes)."""
        with self._session() as s:
            c = self._case(s, number)
            name, key = c.filename, c.file_key
        return name, self.files.read(key)

    def file_key(self, number: str) -> str:
        with self._session() as s:
            return self._case(s, number).file_key

    def assign(self, number: str, to_username: str | None, actor: str) -> None:
        """Give the case to a lawyer (None: back to the pool); a new case goes into review."""
        with self._session.begin() as s:
            c = self._case(s, number)
            if to_username is None:
                c.lawyer_id = None
                if c.status == "in_review":
                    c.status = "new"
            else:
                user = s.scalar(select(T.User).where(T.User.username == to_username, T.User.active.is_(True)))
                if user is None:
                    raise AccountNotFound(username=to_username)
                c.lawyer_id = user.id
                if c.status == "new":
                    c.status = "in_review"
            c.updated_at = now()
            action = "claimed" if to_username == actor else "assigned"
            self._audit(s, actor, action if to_username else "unassigned", number, to_username or "")

    def set_status(self, number: str, status: str, actor: str) -> None:
        with self._session.begin() as s:
            c = self._case(s, number)
            check_transition(c.status, status)
            old, c.status, c.updated_at = c.status, status, now()
            self._audit(s, actor, "status", number, f"{old} -> {status}")

    def review_finding(self, number: str, index: int, decision: str, note: str, edited_text: str, actor: str) -> None:
        with self._session.begin() as s:
            c = self._case(s, number)
            review = s.scalar(select(T.FindingReview).where(T.FindingReview.case_id == c.id,
                                                            T.FindingReview.finding_index == index))
            if review is None:
                review = T.FindingReview(case_id=c.id, finding_index=index)
                s.add(review)
            review.decision, review.note, review.edited_text = decision, note.strip(), edited_text.strip()
            review.username, review.updated_at = actor, now()
            c.updated_at = now()
            self._audit(s, actor, "finding_reviewed", number, f"finding {index}: {decision}")

    def advise(self, number: str, advice: str, actor: str) -> None:
        """Write the advice the creator sees; the case becomes "advised"."""
        with self._session.begin() as s:
            c = self._case(s, number)
            if c.status != "advised":
                check_transition(c.status, "advised")
            c.advice, c.status, c.advised_at = advice.strip(), "advised", now()
            c.updated_at = c.advised_at
            self._audit(s, actor, "advised", number, f"{len(c.advice)} characters")

    def case_exists(self, number: str) -> bool:
        with self._session() as s:
            return s.scalar(select(T.Case.id).where(T.Case.number == number)) is not None

    # ----------------------------------------------------------------- audit log
    def audit(self, case_number: str | None = None, limit: int = 200) -> list[AuditRecord]:
        with self._session() as s:
            q = select(T.AuditEntry).order_by(T.AuditEntry.id.desc()).limit(limit)
            if case_number:
                q = q.where(T.AuditEntry.case_number == case_number)
            return [AuditRecord(at=_utc(a.at), actor=a.actor, case_number=a.case_number, action=a.action,
                                detail=a.detail) for a in s.scalars(q)]

    def log(self, actor: str, action: str, case_number: str | None = None, detail: str = "") -> None:
        with self._session.begin() as s:
            self._audit(s, actor, action, case_number, detail)

    # ----------------------------------------------------------------- accounts
    @staticmethod
    def _user(u: T.User) -> User:
        return User(id=u.id, username=u.username, role=u.role, active=u.active)

    def add_user(self, username: str, password_hash: str, role: str, actor: str) -> User:
        try:
            with self._session.begin() as s:
                u = T.User(username=username, password_hash=password_hash, role=role, active=True, created_at=now())
                s.add(u)
                s.flush()
                self._audit(s, actor, "user_created", None, f"{username} ({role})")
                return self._user(u)
        except IntegrityError as exc:
            raise AccountExists(username=username) from exc

    def user_secret(self, username: str) -> tuple[User, str] | None:
        """The user and their password hash (for `accounts.py` only)."""
        with self._session() as s:
            u = s.scalar(select(T.User).where(T.User.username == username))
            return (self._user(u), u.password_hash) if u else None

    def set_password_hash(self, username: str, password_hash: str, actor: str) -> None:
        with self._session.begin() as s:
            u = s.scalar(select(T.User).where(T.User.username == username))
            if u is None:
                raise AccountNotFound(username=username)
            u.password_hash = password_hash
            s.execute(delete(T.LoginSession).where(T.LoginSession.user_id == u.id))
            if actor != "system":
                self._audit(s, actor, "password_set", None, username)

    def update_user(self, username: str, actor: str, *, role: str | None = None, active: bool | None = None) -> None:
        with self._session.begin() as s:
            u = s.scalar(select(T.User).where(T.User.username == username))
            if u is None:
                raise AccountNotFound(username=username)
            if role is not None:
                u.role = role
            if active is not None:
                u.active = active
                if not active:
                    s.execute(delete(T.LoginSession).where(T.LoginSession.user_id == u.id))
            self._audit(s, actor, "user_updated", None, f"{username}: role={u.role} active={u.active}")

    def users(self) -> list[User]:
        with self._session() as s:
            return [self._user(u) for u in s.scalars(select(T.User).order_by(T.User.username))]

    def count_admins(self) -> int:
        with self._session() as s:
            return s.scalar(select(func.count()).select_from(T.User).where(T.User.role == "admin",
                                                                           T.User.active.is_(True))) or 0

    def record_login(self, username: str, ok: bool) -> None:
        with self._session.begin() as s:
            s.add(T.LoginAttempt(username=username, at=now(), ok=ok))
            self._audit(s, username[:80], "login" if ok else "login_failed")

    def failed_logins_since(self, username: str, since: datetime) -> list[datetime]:
        """Times of failed logins for `username` since `since`, after its last successful one."""
        with self._session() as s:
            last_ok = s.scalar(select(func.max(T.LoginAttempt.at)).where(T.LoginAttempt.username == username,
                                                                         T.LoginAttempt.ok.is_(True)))
            q = select(T.LoginAttempt.at).where(T.LoginAttempt.username == username, T.LoginAttempt.ok.is_(False),
                                                T.LoginAttempt.at >= since)
            if last_ok is not None:
                q = q.where(T.LoginAttempt.at > last_ok)
            return [_utc(t) for t in s.scalars(q.order_by(T.LoginAttempt.at))]

    def add_session(self, token_hash: str, user_id: int, expires_at: datetime) -> None:
        with self._session.begin() as s:
            s.add(T.LoginSession(token_hash=token_hash, user_id=user_id, created_at=now(), expires_at=expires_at))

    def session_user(self, token_hash: str, at: datetime) -> User | None:
        """The active user of an unexpired session; an expired session is deleted."""
        with self._session.begin() as s:
            row = s.scalar(select(T.LoginSession).where(T.LoginSession.token_hash == token_hash))
            if row is None:
                return None
            if _utc(row.expires_at) <= at:
                s.delete(row)
                return None
            u = s.get(T.User, row.user_id)
            return self._user(u) if u is not None and u.active else None

    def delete_session(self, token_hash: str) -> None:
        with self._session.begin() as s:
            s.execute(delete(T.LoginSession).where(T.LoginSession.token_hash == token_hash))

    # ----------------------------------------------------------------- notifications
    def enqueue(self, case_number: str, event: str, channels: list[str], payload: dict) -> None:
        with self._session.begin() as s:
            for channel in channels:
                s.add(T.Notification(case_number=case_number, event=event, channel=channel,
                                     payload=json.dumps(payload, ensure_ascii=False), status="pending",
                                     attempts=0, next_at=now(), last_error="", created_at=now()))

    @staticmethod
    def _notification(n: T.Notification) -> NotificationRecord:
        return NotificationRecord(id=n.id, case_number=n.case_number, event=n.event, channel=n.channel,
                                  payload=n.payload, status=n.status, attempts=n.attempts, next_at=_utc(n.next_at),
                                  last_error=n.last_error, created_at=_utc(n.created_at))

    def due_notifications(self, at: datetime) -> list[NotificationRecord]:
        with self._session() as s:
            q = select(T.Notification).where(T.Notification.status == "pending", T.Notification.next_at <= at)
            return [self._notification(n) for n in s.scalars(q.order_by(T.Notification.id))]

    def notification_result(self, id: int, *, ok: bool, error: str = "", next_at: datetime | None = None,
                            give_up: bool = False) -> None:
        with self._session.begin() as s:
            n = s.get(T.Notification, id)
            if n is None:  # the case was withdrawn meanwhile
                return
            n.attempts += 1
            if ok:
                n.status, n.last_error = "sent", ""
            else:
                n.last_error = error[:2000]
                n.status = "failed" if give_up else "pending"
                n.next_at = next_at or now()
                if give_up:
                    self._audit(s, "system", "notification_failed", n.case_number, f"{n.channel}: {n.last_error}")

    def retry_notification(self, id: int, actor: str) -> None:
        with self._session.begin() as s:
            n = s.get(T.Notification, id)
            if n is not None:
                n.status, n.next_at = "pending", now()
                self._audit(s, actor, "notification_retry", n.case_number, n.channel)

    def notifications(self, statuses: list[str] | None = None, with_errors: bool = False) -> list[NotificationRecord]:
        with self._session() as s:
            q = select(T.Notification).order_by(T.Notification.id.desc())
            if statuses:
                q = q.where(T.Notification.status.in_(statuses))
            rows = [self._notification(n) for n in s.scalars(q)]
        return [r for r in rows if r.last_error] if with_errors else rows

