"""Fixtures for the legal service desk: a real PostgreSQL server, desks over SQLite and PostgreSQL,
reports screened by the real engine. Test modules import what they use from here.

PostgreSQL: CI (`.ci/run`) installs Debian's `postgresql`, starts its cluster and exports
CONTRACT_GUARD_TEST_PG; elsewhere a throw-away server is started with initdb/pg_ctl in a temporary
directory (as the `postgres` user when running as root). In CI (CONTRACT_GUARD_CI=1) a missing
server fails the tests; on a developer machine without PostgreSQL they are skipped.
"""
from __future__ import annotations

import dataclasses
import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

IN_CI = bool(os.environ.get("CONTRACT_GUARD_CI"))


def _missing(reason: str):
    if IN_CI:
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(reason)


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, seconds: float = 30) -> None:
    import psycopg

    deadline = time.time() + seconds
    while True:
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.time() > deadline:
                raise
            time.sleep(0.3)


@pytest.fixture(scope="session")
def postgres_server():
    """A libpq URL of a running PostgreSQL server with a superuser (a server of our own, or CI's)."""
    given = os.environ.get("CONTRACT_GUARD_TEST_PG")
    if given:
        _wait_for(given)
        yield given
        return
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        _missing("initdb/pg_ctl not found (Debian package postgresql)")
    root = Path(tempfile.mkdtemp(prefix="cg-pg-"))
    as_postgres: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(root, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", _free_port()
    subprocess.run([*as_postgres, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--no-locale"], check=True, capture_output=True)
    subprocess.run([*as_postgres, pg_ctl, "-D", str(data), "-l", str(root / "log"), "-w", "-o",
                    f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                   check=True, capture_output=True)
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    try:
        _wait_for(url)
        yield url
    finally:
        subprocess.run([*as_postgres, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the server for one test (dropped afterwards)."""
    import psycopg

    name = "cg_test_" + secrets.token_hex(4)
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = postgres_server.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def desk_settings(data_dir: Path, database_url: str | None = None):
    from contract_guard.config import get_settings

    return dataclasses.replace(get_settings(), data_dir=data_dir, database_url=database_url, chroma_host=None)


@pytest.fixture(params=["sqlite", "postgresql"])
def desk_env(request, tmp_path):
    """(settings, desk) over SQLite in a temp data directory, then over a real PostgreSQL database."""
    from contract_guard.desk.service import open_desk

    url = None if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    settings = desk_settings(tmp_path / "data", url)
    desk = open_desk(settings, notifier_interval=None)
    yield settings, desk
    desk.repo.engine.dispose()
