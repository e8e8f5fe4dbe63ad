"""The database: an engine for the configured URL, brought to the newest schema by Alembic.

    engine = open_engine(settings)      # SQLite under the data directory, or DATABASE_URL

`open_engine` runs `alembic upgrade head` every time it is called (once per process in the app):
a new install gets its tables, an old one its new migrations, and stored cases survive.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")  # ON DELETE CASCADE needs it
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Apply every Alembic migration not yet applied (idempotent)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_engine(url: str, *, data_dir: Path | None = None) -> Engine:
    """An engine for `url`, migrated to the newest schema."""
    if url.startswith("sqlite"):
        if data_dir is not None:
            data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    migrate(engine)
    return engine
