"""The one place for settings: environment variables and their defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else default


def _env_int(name: str, default: int) -> int:
    return int(_env_number(name, default, int))


def _env_float(name: str, default: float) -> float:
    return float(_env_number(name, default, float))


def _env_number(name: str, default: float, kind: type) -> float:
    """A number from the environment; the default when it is unset or not a number."""
    try:
        return kind(os.environ.get(name, default))
    except ValueError:
        return default


def _env_on(name: str, default: str = "on") -> bool:
    return os.environ.get(name, default).lower() not in ("off", "0", "no", "false")


@dataclass(frozen=True)
class Limits:
    """Bounds on the work done for one document; the report says when one cut in.

    Text extraction stops after `max_pages` / `max_chars` / `max_seconds`; OCR of scanned pages and
    photos after `max_ocr_pages` / `max_ocr_seconds` (a notice says so). A PDF declaring more than
    `max_pdf_pages` pages, an image over `max_image_pixels`, a DOCX that unpacks to more than
    `max_unpacked_ratio` times its size are refused. With `isolate`, reading runs in a worker process
    limited to `worker_memory_mb` and killed after `hard_seconds`.
    """

    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 300
    max_chars: int = 2_000_000
    max_seconds: float = 60.0
    ocr: bool = field(default_factory=lambda: _env_on("CONTRACT_GUARD_OCR"))
    max_ocr_pages: int = field(default_factory=lambda: _env_int("CONTRACT_GUARD_OCR_PAGES", 50))
    max_ocr_seconds: float = field(default_factory=lambda: _env_float("CONTRACT_GUARD_OCR_SECONDS", 240.0))
    ocr_workers: int = field(default_factory=lambda: _env_int("CONTRACT_GUARD_OCR_WORKERS", os.cpu_count() or 1))
    max_pdf_pages: int = 5000
    max_image_pixels: int = 60_000_000
    max_unpacked_ratio: int = 200
    isolate: bool = field(default_factory=lambda: _env_on("CONTRACT_GUARD_ISOLATE"))
    worker_memory_mb: int = field(default_factory=lambda: _env_int("CONTRACT_GUARD_WORKER_MEMORY_MB", 4096))
    grace_seconds: float = 10.0

    @property
    def hard_seconds(self) -> float:
        """When an isolated reader is killed: the soft bounds plus `grace_seconds` (start-up, the page in hand)."""
        return self.max_seconds + (self.max_ocr_seconds if self.ocr else 0.0) + self.grace_seconds


@dataclass(frozen=True)
class MoneyRules:
    """When money changes a finding's severity (docs/money.md). A sum the creator could owe of at least
    `raise_multiple` times their certain pay raises the finding one step (to critical only with a personal
    guarantee); a capped sum of at most `lower_ratio` of it lowers the finding one step."""

    raise_multiple: float = field(default_factory=lambda: _env_float("CONTRACT_GUARD_MONEY_RAISE_MULTIPLE", 3.0))
    lower_ratio: float = field(default_factory=lambda: _env_float("CONTRACT_GUARD_MONEY_LOWER_RATIO", 0.3))


@dataclass(frozen=True)
class Settings:
    library_dir: Path = field(default_factory=lambda: _env_path("CONTRACT_GUARD_LIBRARY", PROJECT_DIR / "clause_library"))
    data_dir: Path = field(default_factory=lambda: _env_path("CONTRACT_GUARD_DATA", PROJECT_DIR / ".data"))
    chroma_host: str | None = field(default_factory=lambda: os.environ.get("CHROMA_HOST") or None)
    chroma_port: int = field(default_factory=lambda: _env_int("CHROMA_PORT", 8000))
    # "use" (offline, default) or "openai" (an OpenAI-compatible embedding endpoint)
    embedding_backend: str = field(default_factory=lambda: os.environ.get("CONTRACT_GUARD_EMBEDDINGS", "use"))
    embedding_model: str = field(default_factory=lambda: os.environ.get("CONTRACT_GUARD_EMBEDDING_MODEL", "text-embedding-3-small"))
    openai_base_url: str | None = field(default_factory=lambda: os.environ.get("OPENAI_BASE_URL") or None)
    openai_api_key: str | None = field(default_factory=lambda: os.environ.get("OPENAI_API_KEY") or None)
    threads: int = field(default_factory=lambda: _env_int("CONTRACT_GUARD_THREADS", min(2, os.cpu_count() or 1)))
    limits: Limits = field(default_factory=Limits)
    money: MoneyRules = field(default_factory=MoneyRules)
    # vector similarity to the library's exemplars (Chroma) as evidence in every finding; the CLI's batch
    # scans turn it off by default (`scan --evidence fast`): it decides nothing and costs most of the time
    vector_evidence: bool = field(default_factory=lambda: os.environ.get("CONTRACT_GUARD_VECTOR", "on").lower() not in ("off", "0", "no"))
    # the learned decision layer (clause_library/model/decision.npz); "off" lets the rules decide alone
    use_model: bool = field(default_factory=lambda: os.environ.get("CONTRACT_GUARD_MODEL", "on").lower() not in ("off", "0", "no"))

    # the legal service desk's case store: SQLite under the data directory unless DATABASE_URL names another
    database_url: str | None = field(default_factory=lambda: os.environ.get("DATABASE_URL") or None)
    # hours a lawyer's login lasts
    session_hours: int = field(default_factory=lambda: _env_int("CONTRACT_GUARD_SESSION_HOURS", 8))

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def cases_dir(self) -> Path:
        """Files of submitted cases (never a served path); names are generated, not taken from uploads."""
        return self.data_dir / "cases"

    @property
    def database(self) -> str:
        """The SQLAlchemy URL of the case store."""
        url = self.database_url or f"sqlite:///{self.data_dir / 'desk.sqlite3'}"
        for prefix in ("postgres://", "postgresql://"):  # psycopg 3 is the driver we ship
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url


def get_settings() -> Settings:
    return Settings()
