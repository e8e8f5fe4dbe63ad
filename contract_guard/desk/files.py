"""Files of submitted cases, on disk under the data directory.

Names are generated (a random hex key), never taken from the upload, so a file name can neither
escape the folder nor collide; the original name is kept in the database for display only.
"""
from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

_KEY = re.compile(r"^[0-9a-f]{32}\.bin$")


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError("not a stored file key")
        return self.root / key[:2] / key

    def save(self, data: bytes) -> str:
        key = secrets.token_hex(16) + ".bin"
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        return key

    def read(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)
