"""The legal service desk's API: what the pages and the `admin` command call.

    desk = open_desk(settings)                        # migrates the database, once per process
    case = desk.submit(report, data, filename, form)  # -> case number and secret token
    desk.status(case.token)                           # the creator's view, or None
    token = desk.accounts.login("li", "…")            # a lawyer's session
    desk.advise(user, case.number, "…")

Permissions are checked here (a lawyer works on cases, an admin also manages accounts and
notifications); the repository does the storing and the audit log.
"""
from __future__ import annotations

import io
import threading
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from ..config import Settings, get_settings
from ..errors import ConsentRequired, EmptyAdvice, InvalidCaseForm, NotAllowed
from ..models import Report
from ..report.i18n import t
from ..report.render_docx import render_docx
from .accounts import Accounts
from .db import open_engine
from .files import FileStore
from .notify import Notifier, channels_from_env
from .repository import Repository
from .views import CaseDetail, CaseForm, CreatorView, NewCase, QueueRow, User
from .workflow import by_urgency

REVIEW_DECISIONS = ("confirmed", "dismissed", "edited")


def _require(user: User | None, role: str = "lawyer") -> User:
    if user is None or not user.active or (role == "admin" and user.role != "admin"):
        raise NotAllowed()
    return user


@dataclass
class Desk:
    repo: Repository
    accounts: Accounts
    notifier: Notifier

    # ----------------------------------------------------------------- creators
    def submit(self, report: Report, data: bytes, filename: str, form: CaseForm) -> NewCase:
        """Store a case (only with explicit consent) and tell the team; returns number and token."""
        if not form.consent:
            raise ConsentRequired()
        missing = [t(f"desk.form_{name}", form.language) for name in ("contact", "questions")
                   if not getattr(form, name).strip()]
        if missing:
            raise InvalidCaseForm(fields=t("punct.list_sep", form.language).join(missing))
        case = self.repo.create_case(report, data, filename, form)
        self.notifier.queue("new_case", case.number, report.summary.risk_level,
                            form.deadline.isoformat() if form.deadline else None)
        self.notifier.deliver_soon()
        return case

    def status(self, token: str) -> CreatorView | None:
        return self.repo.creator_view(token)

    def withdraw(self, token: str) -> str | None:
        """Delete the case of this token and its file; returns its number, None for a wrong token."""
        return self.repo.withdraw(token)

    # ----------------------------------------------------------------- lawyers
    def queue(self, user: User | None, *, statuses: list[str] | None = None, risk_levels: list[str] | None = None,
              mine: bool = False) -> list[QueueRow]:
        user = _require(user)
        return by_urgency(self.repo.queue(statuses=statuses, risk_levels=risk_levels,
                                          lawyer=user.username if mine else None))

    def case(self, user: User | None, number: str) -> CaseDetail:
        _require(user)
        return self.repo.case(number)

    def lawyers(self, user: User | None) -> list[str]:
        """Names of the active accounts a case can be assigned to."""
        _require(user)
        return [u.username for u in self.repo.users() if u.active]

    def contract_text(self, user: User | None, number: str) -> str:
        """The stored contract's text, read again from the original file (for the side-by-side view)."""
        from ..readers.isolated import read_isolated  # a stranger's file: read in the bounded worker

        _require(user)
        name, data = self.repo.original(number)
        return read_isolated(data, name).text

    def claim(self, user: User | None, number: str) -> None:
        user = _require(user)
        self.repo.assign(number, user.username, user.username)

    def assign(self, user: User | None, number: str, to_username: str | None) -> None:
        user = _require(user)
        self.repo.assign(number, to_username, user.username)

    def set_status(self, user: User | None, number: str, status: str) -> None:
        user = _require(user)
        self.repo.set_status(number, status, user.username)

    def review(self, user: User | None, number: str, index: int, decision: str, note: str = "",
               edited_text: str = "") -> None:
        user = _require(user)
        if decision not in REVIEW_DECISIONS:
            raise NotAllowed()
        self.repo.review_finding(number, index, decision, note, edited_text if decision == "edited" else "",
                                 user.username)

    def advise(self, user: User | None, number: str, advice: str) -> None:
        user = _require(user)
        if not advice.strip():
            raise EmptyAdvice()
        self.repo.advise(number, advice, user.username)
        case = self.repo.case(number)
        self.notifier.queue("advice", number, case.risk_level, case.deadline.isoformat() if case.deadline else None)
        self.notifier.deliver_soon()

    def export(self, user: User | None, number: str, lang: str = "zh") -> tuple[str, bytes]:
        """A ZIP with the report as DOCX (with the lawyers' review and advice) and the original file."""
        user = _require(user)
        case = self.repo.case(number)
        name, original = self.repo.original(number)
        docx = case_docx(case, lang)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(f"{number}.docx", docx)
            z.writestr(f"{number}-original{PurePath(name).suffix.lower() or '.bin'}", original)
        self.repo.log(user.username, "exported", number)
        return f"{number}.zip", out.getvalue()

    # ----------------------------------------------------------------- admins
    def users(self, user: User | None) -> list[User]:
        _require(user, "admin")
        return self.repo.users()

    def create_user(self, user: User | None, username: str, password: str, role: str) -> User:
        admin = _require(user, "admin")
        return self.accounts.create_user(username, password, role, admin.username)

    def update_user(self, user: User | None, username: str, *, role: str | None = None,
                    active: bool | None = None) -> None:
        admin = _require(user, "admin")
        if username == admin.username and (active is False or role == "lawyer"):
            raise NotAllowed()  # an admin cannot lock themselves out
        self.repo.update_user(username, admin.username, role=role, active=active)

    def failed_notifications(self, user: User | None):
        _require(user, "admin")
        return self.repo.notifications(with_errors=True)

    def retry_notification(self, user: User | None, id: int) -> None:
        admin = _require(user, "admin")
        self.repo.retry_notification(id, admin.username)
        self.notifier.deliver_soon()

    def audit(self, user: User | None, case_number: str | None = None):
        _require(user)
        return self.repo.audit(case_number)


def case_docx(case: CaseDetail, lang: str) -> bytes:
    """The report as DOCX, followed by the lawyers' review of each finding and their advice."""
    from ..report.render_markdown import sorted_findings

    review_lines = []
    for index, finding in enumerate(sorted_findings(case.report.findings)):
        r = case.reviews.get(index)
        if r is None:
            continue
        line = f"{index + 1}. {finding.title}: {t('desk.decision_' + r.decision, lang)} ({r.username})"
        if r.edited_text:
            line += f" — {r.edited_text}"
        if r.note:
            line += f" — {t('desk.note', lang)}{t('punct.colon', lang)}{r.note}"
        review_lines.append(line)
    extra = [(t("desk.case_heading", lang, number=case.number),
              [f"{t('desk.form_questions', lang)}{t('punct.colon', lang)}{case.questions}"])]
    if review_lines:
        extra.append((t("desk.review_heading", lang), review_lines))
    if case.advice:
        extra.append((t("desk.advice", lang), [case.advice]))
    return render_docx(case.report, lang, extra=extra)


_lock = threading.Lock()
_desks: dict[tuple, Desk] = {}


def open_desk(settings: Settings | None = None, *, notifier_interval: float | None = 30.0) -> Desk:
    """The desk for these settings (one per database per process): migrated, with its notifier running."""
    settings = settings or get_settings()
    key = (settings.database, str(settings.cases_dir))
    with _lock:
        desk = _desks.get(key)
        if desk is None:
            engine = open_engine(settings.database, data_dir=settings.data_dir)
            repo = Repository(engine, FileStore(settings.cases_dir))
            notifier = Notifier(repo, channels_from_env())
            if notifier_interval:
                notifier.start(notifier_interval)
            desk = _desks[key] = Desk(repo, Accounts(repo, settings.session_hours), notifier)
        return desk
