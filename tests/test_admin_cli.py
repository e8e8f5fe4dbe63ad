"""`contract-guard admin create-user`, run as a real subprocess on a real data directory."""
from __future__ import annotations

import os
import subprocess
import sys

CLI = [sys.executable, "-m", "contract_guard.cli", "admin"]


def _run(args, env, stdin=""):
    return subprocess.run(CLI + args, env=env, input=stdin, capture_output=True, text=True, timeout=120)


def test_create_the_first_admin_then_log_in(tmp_path):
    env = {**os.environ, "CONTRACT_GUARD_DATA": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    proc = _run(["create-user", "alice", "--role", "admin", "--password-stdin"], env, "a long admin password\n")
    assert proc.returncode == 0, proc.stderr
    assert "created admin alice" in proc.stdout
    assert (tmp_path / "desk.sqlite3").is_file()

    again = _run(["create-user", "alice", "--password-stdin"], env, "another long password\n")
    assert again.returncode == 1 and "already exists" in again.stderr and "Traceback" not in again.stderr
    short = _run(["create-user", "bob", "--password-stdin"], env, "short\n")
    assert short.returncode == 1 and "at least 10 characters" in short.stderr
    assert _run(["list-users"], env).stdout.split() == ["alice", "admin", "active"]

    from desk_fixtures import desk_settings
    from contract_guard.desk.service import open_desk

    desk = open_desk(desk_settings(tmp_path), notifier_interval=None)
    assert desk.accounts.user(desk.accounts.login("alice", "a long admin password")).role == "admin"
