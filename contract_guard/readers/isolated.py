"""Reading a stranger's file in a worker process: bounded in time and memory, never the caller's crash.

`read_isolated(...)` has the signature and result of `read_document`, but the parsing (and OCR) runs
in a long-lived child process (`python -m contract_guard.readers.isolated`), started on first use and
reused, so an ordinary file pays only for pickling its bytes across a pipe:

* the child's address space is capped (`Limits.worker_memory_mb`, RLIMIT_AS);
* the caller waits at most `Limits.hard_seconds` for a document (counted once the child has said it
  is ready, so its start-up is not charged to the file); then the child is killed -> ReadTimedOut;
* a child that dies (out of memory, a crash in a C library) -> ReaderCrashed; the next read starts a
  fresh child. A reader bug (any exception that is not a ContractGuardError) -> ReaderCrashed as well;
* project errors raised in the child are raised again, the same type with the same message;
* progress messages from OCR are passed on to the caller's `progress(done, total)` as they come.

One child serves one document at a time (a lock serialises concurrent callers, e.g. app sessions).
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection

from .. import errors
from ..config import Limits
from ..errors import ContractGuardError, ReadTimedOut, ReaderCrashed
from ..models import Document

log = logging.getLogger(__name__)
STARTUP_SECONDS = 60.0  # a child that has not imported its readers by then is given up


class ReaderWorker:
    """The child process and the two pipes to it."""

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        self._proc: subprocess.Popen | None = None
        self._send: Connection | None = None
        self._recv: Connection | None = None
        self._ready = False

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        env = dict(os.environ)
        path = [p for p in sys.path if p]
        env["PYTHONPATH"] = os.pathsep.join(path)
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "contract_guard.readers.isolated", str(to_child_r), str(from_child_w),
                 str(self.memory_mb)],
                pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, env=env, close_fds=True)
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self._send, self._recv = Connection(to_child_w, readable=False), Connection(from_child_r, writable=False)

    def forget(self) -> None:
        """Drop the pipes and the process handle without stopping the process (a forked child's copy)."""
        for conn in (self._send, self._recv):
            if conn is not None:
                conn.close()
        self._proc = self._send = self._recv = None
        self._ready = False

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
        if self._proc is not None:
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        self.forget()

    def _wait_ready(self) -> None:
        """The child says "ready" once its imports are done: start-up is not charged to the file."""
        assert self._recv is not None
        try:
            if self._recv.poll(STARTUP_SECONDS) and self._recv.recv() == ("ready",):
                self._ready = True
                return
        except (EOFError, OSError):
            pass
        self.stop()
        raise ReaderCrashed()

    def read(self, data: bytes, filename: str, password: str | None, limits: Limits, progress) -> Document:
        if not self.alive:
            self.stop()
            self.start()
        assert self._send is not None and self._recv is not None
        if not self._ready:
            self._wait_ready()
        deadline = time.monotonic() + limits.hard_seconds
        try:
            self._send.send((data, filename, password, limits))
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._recv.poll(remaining):
                    self.stop()
                    raise ReadTimedOut(seconds=round(limits.hard_seconds))
                kind, *payload = self._recv.recv()
                if kind == "progress":
                    if progress is not None:
                        progress(*payload)
                    continue
                if kind == "ok":
                    return payload[0]
                if kind == "error":
                    name, detail, fmt = payload
                    raise getattr(errors, name, ContractGuardError)(detail, **fmt)
                log.warning("reader failed in the worker: %s", payload[0])
                raise ReaderCrashed()
        except (EOFError, OSError, BrokenPipeError):
            self.stop()
            raise ReaderCrashed() from None


_workers: dict[int, ReaderWorker] = {}
_lock = threading.Lock()


def _forget_inherited_workers() -> None:
    """In a forked child (`scan --jobs`): the parent's reader process and pipes are the parent's. The child
    drops its copies of them (never stopping the parent's process) and starts its own on its first read."""
    global _lock
    _lock = threading.Lock()
    for worker in _workers.values():
        worker.forget()
    _workers.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_inherited_workers)


def _worker(memory_mb: int) -> ReaderWorker:
    worker = _workers.get(memory_mb)
    if worker is None:
        worker = _workers[memory_mb] = ReaderWorker(memory_mb)
    return worker


def warm_up(limits: Limits | None = None) -> None:
    """Start the worker now (its start-up then overlaps with other loading), if isolation is on."""
    limits = limits or Limits()
    if limits.isolate:
        with _lock:
            worker = _worker(limits.worker_memory_mb)
            if not worker.alive:
                worker.start()


def read_isolated(data: bytes, filename: str, *, password: str | None = None, limits: Limits | None = None,
                  progress=None) -> Document:
    """`read_document` in the bounded worker process (or in this process when `limits.isolate` is off)."""
    from . import read_document

    limits = limits or Limits()
    if not limits.isolate:
        return read_document(data, filename, password=password, limits=limits, progress=progress)
    with _lock:
        return _worker(limits.worker_memory_mb).read(data, filename, password, limits, progress)


def shutdown() -> None:
    with _lock:
        for worker in _workers.values():
            worker.stop()
        _workers.clear()


# --------------------------------------------------------------------------- the child
def _limit_resources(memory_mb: int) -> None:
    import resource

    limit = memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass


def _serve(recv: Connection, send: Connection) -> None:
    from . import read_document

    lock = threading.Lock()
    send.send(("ready",))

    def progress(done: int, total: int) -> None:
        with lock:
            send.send(("progress", done, total))

    while True:
        try:
            data, filename, password, limits = recv.recv()
        except (EOFError, OSError):
            return
        try:
            doc = read_document(data, filename, password=password, limits=limits, progress=progress)
            message = ("ok", doc)
        except ContractGuardError as exc:
            message = ("error", type(exc).__name__, exc.detail, exc.fmt)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent as a crash of this reader
            message = ("crash", type(exc).__name__)
        del data
        with lock:
            send.send(message)


def main(argv: list[str]) -> None:
    recv_fd, send_fd, memory_mb = int(argv[0]), int(argv[1]), int(argv[2])
    _limit_resources(memory_mb)
    logging.disable(logging.CRITICAL)
    _serve(Connection(recv_fd, writable=False), Connection(send_fd, readable=False))


if __name__ == "__main__":
    main(sys.argv[1:])
