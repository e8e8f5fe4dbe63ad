"""The case store through its public API, against SQLite and a real PostgreSQL server, with the
Alembic migrations applied at start-up; files on a real disk; argon2 accounts; the audit log."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect, text

from contract_guard.desk import accounts as accounts_mod
from contract_guard.desk.db import open_engine
from contract_guard.desk.views import CaseForm
from contract_guard.errors import (
    AccountNotFound,
    BadTransition,
    CaseNotFound,
    EmptyAdvice,
    ConsentRequired,
    InvalidCaseForm,
    LoginRefused,
    NotAllowed,
    TooManyAttempts,
)
from desk_fixtures import desk_env, desk_settings, postgres_server, postgres_url  # noqa: F401 - fixtures
from test_render import en_report, zh_report

PDF_BYTES = b"%PDF-1.4 the original upload " + bytes(range(256))


def _form(**kw) -> CaseForm:
    base = dict(name="Jamie", contact="jamie@example.org", questions="Can I keep my old videos?",
                deadline=date(2030, 1, 15), consent=True, language="en")
    return CaseForm(**{**base, **kw})


def _lawyer(desk, name="li", role="lawyer"):
    desk.accounts.create_user(name, "correct horse battery", role)
    return desk.accounts.user(desk.accounts.login(name, "correct horse battery"))


def test_case_lifecycle_from_submission_to_advice_and_withdrawal(desk_env):
    settings, desk = desk_env
    case = desk.submit(en_report(), PDF_BYTES, "../../etc/passwd.pdf", _form())
    assert case.number.startswith("CG-") and len(case.token) >= 40

    # the file is stored under a generated name inside the data directory, not under the upload's name
    stored = [p for p in settings.cases_dir.rglob("*") if p.is_file()]
    assert len(stored) == 1 and stored[0].read_bytes() == PDF_BYTES
    assert "passwd" not in stored[0].name and settings.data_dir in stored[0].parents
    # the token is not stored, only its digest
    with desk.repo.engine.connect() as conn:
        row = conn.execute(text("SELECT token_hash, filename FROM cases")).one()
    assert row.token_hash != case.token and case.token not in row.token_hash
    assert row.filename == "../../etc/passwd.pdf"  # for display only

    view = desk.status(case.token)
    assert view.number == case.number and view.status == "new" and view.advice == ""
    assert view.risk_level == en_report().summary.risk_level and view.deadline == date(2030, 1, 15)
    assert desk.status("wrong-" + case.token) is None and desk.status("") is None

    lawyer = _lawyer(desk)
    desk.claim(lawyer, case.number)
    detail = desk.case(lawyer, case.number)
    assert detail.status == "in_review" and detail.lawyer == "li"
    assert detail.report.findings == en_report().findings and detail.questions == "Can I keep my old videos?"
    desk.review(lawyer, case.number, 0, "confirmed", note="Classic buy-out.")
    desk.review(lawyer, case.number, 1, "edited", note="Softer wording", edited_text="Medium, not high")
    desk.review(lawyer, case.number, 1, "dismissed", note="Fine in this deal")  # a review can be changed
    reviews = desk.case(lawyer, case.number).reviews
    assert reviews[0].decision == "confirmed" and reviews[0].note == "Classic buy-out."
    assert reviews[1].decision == "dismissed" and reviews[1].edited_text == ""
    with pytest.raises(EmptyAdvice):
        desk.advise(lawyer, case.number, "   ")
    with pytest.raises(AccountNotFound):
        desk.assign(lawyer, case.number, "nobody")
    desk.advise(lawyer, case.number, "Strike clause 3; keep the rights to your earlier videos.")

    view = desk.status(case.token)
    assert view.status == "advised" and view.advice.startswith("Strike clause 3") and view.advised_at is not None
    desk.set_status(lawyer, case.number, "closed")
    with pytest.raises(BadTransition):
        desk.set_status(lawyer, case.number, "advised")  # closed -> advised is not a step
    assert desk.status(case.token).status == "closed"

    name, original = desk.repo.original(case.number)
    assert original == PDF_BYTES and name.endswith(".pdf")
    actions = [a.action for a in desk.audit(lawyer, case.number)]
    assert actions[::-1] == ["case_created", "claimed", "finding_reviewed", "finding_reviewed", "finding_reviewed",
                             "advised", "status"]
    assert all(a.actor == "li" for a in desk.audit(lawyer, case.number)[:-1])

    # the creator withdraws: rows and file are gone, the token shows nothing, the log keeps the fact
    assert desk.withdraw("not-the-token") is None
    assert desk.withdraw(case.token) == case.number
    assert desk.status(case.token) is None
    assert not [p for p in settings.cases_dir.rglob("*") if p.is_file()]
    with pytest.raises(CaseNotFound):
        desk.case(lawyer, case.number)
    with desk.repo.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM cases")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM finding_reviews")).scalar() == 0
    assert desk.audit(lawyer, case.number)[0].action == "case_withdrawn"


def test_consent_and_required_fields(desk_env):
    settings, desk = desk_env
    with pytest.raises(ConsentRequired) as err:
        desk.submit(en_report(), PDF_BYTES, "a.pdf", _form(consent=False))
    assert "同意" in err.value.message("zh")
    with pytest.raises(InvalidCaseForm) as err:
        desk.submit(en_report(), PDF_BYTES, "a.pdf", _form(contact="  ", language="zh"))
    assert "联系方式" in err.value.message("zh")
    assert not settings.cases_dir.exists() or not any(p.is_file() for p in settings.cases_dir.rglob("*"))


def test_queue_is_sorted_by_urgency_and_filtered(desk_env):
    _, desk = desk_env
    low = en_report().model_copy(deep=True)
    low.summary.risk_level = "low"
    a = desk.submit(low, PDF_BYTES, "low-soon.pdf", _form(deadline=date(2030, 1, 2)))
    b = desk.submit(zh_report(), PDF_BYTES, "crit-late.pdf", _form(deadline=date(2031, 1, 1)))
    c = desk.submit(zh_report(), PDF_BYTES, "crit-soon.pdf", _form(deadline=date(2030, 1, 3)))
    d = desk.submit(zh_report(), PDF_BYTES, "crit-none.pdf", _form(deadline=None))
    lawyer = _lawyer(desk)
    assert [r.number for r in desk.queue(lawyer)] == [c.number, b.number, d.number, a.number]
    desk.claim(lawyer, b.number)
    assert [r.number for r in desk.queue(lawyer, mine=True)] == [b.number]
    assert [r.number for r in desk.queue(lawyer, risk_levels=["low"])] == [a.number]
    assert {r.number for r in desk.queue(lawyer, statuses=["new"])} == {a.number, c.number, d.number}
    desk.advise(lawyer, b.number, "ok")
    assert desk.queue(lawyer)[-1].number == b.number  # advised cases sink below open ones
    # assigning hands a case to a colleague; unassigning puts it back into the pool
    colleague = _lawyer(desk, "wang")
    desk.assign(lawyer, c.number, "wang")
    assert [r.number for r in desk.queue(colleague, mine=True)] == [c.number]
    assert desk.case(colleague, c.number).status == "in_review"
    desk.assign(colleague, c.number, None)
    assert (desk.case(lawyer, c.number).status, desk.case(lawyer, c.number).lawyer) == ("new", None)
    assert [a.action for a in desk.audit(lawyer, c.number)][:2] == ["unassigned", "assigned"]


def test_lawyer_pages_need_a_login_and_admin_pages_an_admin(desk_env):
    _, desk = desk_env
    case = desk.submit(en_report(), PDF_BYTES, "a.pdf", _form())
    for call in (lambda: desk.queue(None), lambda: desk.case(None, case.number), lambda: desk.claim(None, case.number)):
        with pytest.raises(NotAllowed):
            call()
    lawyer = _lawyer(desk)
    with pytest.raises(NotAllowed):
        desk.users(lawyer)
    with pytest.raises(NotAllowed):
        desk.create_user(lawyer, "mallory", "long enough password", "admin")
    admin = _lawyer(desk, "boss", "admin")
    desk.create_user(admin, "wang", "another long password", "lawyer")
    assert [u.username for u in desk.users(admin)] == ["boss", "li", "wang"]
    desk.update_user(admin, "wang", active=False)
    with pytest.raises(LoginRefused):
        desk.accounts.login("wang", "another long password")
    with pytest.raises(NotAllowed):
        desk.update_user(admin, "boss", active=False)


def test_passwords_are_argon2_logins_rate_limited_sessions_expire(desk_env):
    _, desk = desk_env
    desk.accounts.create_user("li", "correct horse battery", "lawyer")
    with desk.repo.engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM users")).scalar()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    with pytest.raises(LoginRefused):
        desk.accounts.login("li", "wrong password")
    with pytest.raises(LoginRefused):
        desk.accounts.login("nobody", "correct horse battery")
    token = desk.accounts.login("li", "correct horse battery")
    assert desk.accounts.user(token).username == "li"
    assert desk.accounts.user(token + "x") is None
    desk.accounts.logout(token)
    assert desk.accounts.user(token) is None

    for _ in range(accounts_mod.MAX_FAILURES):
        with pytest.raises(LoginRefused):
            desk.accounts.login("li", "guess")
    with pytest.raises(TooManyAttempts) as err:
        desk.accounts.login("li", "correct horse battery")  # even the right password waits now
    assert "分钟" in err.value.message("zh")

    # a session expires: an account whose sessions last no time at all
    short = accounts_mod.Accounts(desk.repo, session_hours=0)
    desk.accounts.create_user("zhao", "correct horse battery", "lawyer")
    assert short.user(short.login("zhao", "correct horse battery")) is None


def test_migrations_create_the_schema_and_are_idempotent(desk_env):
    settings, desk = desk_env
    case = desk.submit(en_report(), PDF_BYTES, "a.pdf", _form())
    engine = open_engine(settings.database, data_dir=settings.data_dir)  # a restart: migrate again
    tables = set(inspect(engine).get_table_names())
    assert {"alembic_version", "cases", "users", "audit_log", "notifications", "finding_reviews"} <= tables
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001_desk"
        assert conn.execute(text("SELECT number FROM cases")).scalar() == case.number  # survives the restart
    engine.dispose()


def test_postgres_is_chosen_by_database_url(postgres_url, tmp_path):
    settings = desk_settings(tmp_path, postgres_url)
    assert settings.database.startswith("postgresql+psycopg://")
    assert desk_settings(tmp_path).database == f"sqlite:///{tmp_path / 'desk.sqlite3'}"
