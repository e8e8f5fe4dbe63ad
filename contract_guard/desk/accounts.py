"""Lawyers' and admins' accounts: argon2 password hashes, rate-limited logins, expiring sessions."""
from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import LoginRefused, NotAllowed, TooManyAttempts, WeakPassword
from .repository import Repository, now
from .tokens import digest, new_token
from .views import User

MIN_PASSWORD = 10
MAX_FAILURES = 5  # failed logins per user name …
WINDOW = timedelta(minutes=15)  # … within this window lock the name until the window has passed
ROLES = ("lawyer", "admin")

_hasher = PasswordHasher()
# verifying against this keeps a login for an unknown name as slow as one for a known name
_DUMMY_HASH = _hasher.hash("not a real password")


class Accounts:
    def __init__(self, repo: Repository, session_hours: int = 8) -> None:
        self.repo = repo
        self.session_length = timedelta(hours=session_hours)

    def create_user(self, username: str, password: str, role: str, actor: str = "system") -> User:
        username = username.strip()
        if not username:
            raise LoginRefused()
        if role not in ROLES:
            raise NotAllowed()
        if len(password) < MIN_PASSWORD:
            raise WeakPassword(minimum=MIN_PASSWORD)
        return self.repo.add_user(username, _hasher.hash(password), role, actor)

    def set_password(self, username: str, password: str, actor: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise WeakPassword(minimum=MIN_PASSWORD)
        self.repo.set_password_hash(username, _hasher.hash(password), actor)

    def login(self, username: str, password: str) -> str:
        """A new session token for a correct name and password; raises LoginRefused or TooManyAttempts."""
        username = username.strip()[:80]
        at = now()
        failures = self.repo.failed_logins_since(username, at - WINDOW)
        if len(failures) >= MAX_FAILURES:
            wait = failures[-MAX_FAILURES] + WINDOW - at
            raise TooManyAttempts(minutes=max(1, int(wait.total_seconds() // 60) + 1))
        found = self.repo.user_secret(username)
        user, stored = found if found else (None, _DUMMY_HASH)
        try:
            _hasher.verify(stored, password)
            ok = user is not None and user.active
        except (VerificationError, InvalidHashError):
            ok = False
        self.repo.record_login(username, ok)
        if not ok:
            raise LoginRefused()
        if _hasher.check_needs_rehash(stored):
            self.repo.set_password_hash(username, _hasher.hash(password), "system")
        token = new_token()
        self.repo.add_session(digest(token), user.id, at + self.session_length)
        return token

    def user(self, session_token: str | None) -> User | None:
        """The logged-in user of a session token, None when it is unknown or expired."""
        if not session_token:
            return None
        return self.repo.session_user(digest(session_token), now())

    def logout(self, session_token: str | None) -> None:
        if session_token:
            self.repo.delete_session(digest(session_token))
