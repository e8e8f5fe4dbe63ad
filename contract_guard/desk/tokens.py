"""Secret tokens: generated with `secrets`, stored only as SHA-256 digests.

A case token or session token carries 256 bits of randomness, so a plain digest is enough to
store it safely (a slow password hash is for human-chosen passwords, see `accounts.py`).
"""
from __future__ import annotations

import hashlib
import secrets

_NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


def new_case_number(year: int) -> str:
    """A case number people can read out on the phone: CG-2026-7KQ4MZ. It is not a secret."""
    return f"CG-{year}-" + "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(6))
