"""Who holds a data file: one window per data file; command-line writers take turns with it.

A window, or a command that writes (``db add``), first *claims* the data file: an OS lock
(flock on POSIX, LockFile on Windows) on a small file in the user's data folder named after
the data file's resolved path, holding the holder's kind and process id.  The lock dies with
its process — a kill -9 or a power cut never blocks the next start — and a second claim
fails at once, so of two starts at the same moment exactly one holds the file.

Readers (``check``, ``db list``, ``db get``, ``merge --from-db``) claim nothing: SQLite lets
them read while a window writes.  The lock file is per user and per computer; a data file
on a network share opened from another computer is kept to one person by the store itself
(rollback journal with exclusive locking, see core/store/netfs.py).

No Qt, and nothing of the store: the window asks before its first frame is shown.
"""
from __future__ import annotations

import os
import sys
import time
import zlib
from pathlib import Path
from typing import Callable, NamedTuple

from .. import APP_NAME
from ..core.location import data_folder, default_path

WINDOW, COMMAND = "window", "command"
HOLDERS_DIR = "holders"
# The byte locked on Windows, far beyond what the file holds: LockFile's locks are
# mandatory, and the holder's description at the start of the file must stay readable.
LOCK_OFFSET = 1 << 30
POLL_S = 0.1
WRITER_WAIT_S = 10      # how long ``db add`` waits for a window or another writer by default


class Holder(NamedTuple):
    """Who holds a data file, as far as its lock file tells (``pid`` None: not known yet)."""
    kind: str | None
    pid: int | None


def resolved(path: str | Path | None) -> Path:
    """The data file ``path`` names (the default one for None), as one spelling per file."""
    chosen = default_path() if path is None else Path(path)
    return Path(os.path.normcase(os.path.realpath(chosen)))


def key(path: str | Path | None) -> str:
    """A short name for the data file, the same for every spelling of its path, per user."""
    user = os.environ.get("USERNAME", "") if sys.platform == "win32" else str(os.getuid())
    text = f"{user}\n{resolved(path)}".encode("utf-8", "surrogatepass")
    # A name, not a secret: two 32-bit checksums (zlib is loaded already; hashlib is not).
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def server_name(path: str | Path | None) -> str:
    """Where a window holding ``path`` listens for a second start (a local socket / pipe)."""
    return f"report-desktop-{key(path)}"


class Claim:
    """A held data file.  ``release()`` (or the end of the process) lets the next one in."""

    def __init__(self, path: Path, fd: int):
        self.path = path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if sys.platform == "win32":
                _windows_unlock(fd)
        finally:
            os.close(fd)      # on POSIX closing drops the flock

    def __enter__(self) -> "Claim":
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def lock_path(path: str | Path | None) -> Path:
    return data_folder() / HOLDERS_DIR / f"{key(path)}.lock"


def try_claim(path: str | Path | None, kind: str) -> Claim | Holder:
    """Claim the data file at once, or say who holds it.  OSError when the lock file
    itself cannot be made (a read-only profile): the caller goes on without one."""
    where = lock_path(path)
    where.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(where, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    try:
        if not _lock(fd):
            os.close(fd)
            return holder_of(path)
        _describe(fd, kind)
    except BaseException:
        os.close(fd)
        raise
    return Claim(where, fd)


def claim(path: str | Path | None, kind: str, wait_s: float,
          waiting: Callable[[Holder], None] | None = None) -> Claim | Holder:
    """Claim the data file, waiting up to ``wait_s`` seconds for its holder to let go;
    ``waiting(holder)`` is called once when the wait begins.  The holder when it did not."""
    deadline = time.monotonic() + wait_s
    told = False
    while True:
        got = try_claim(path, kind)
        if isinstance(got, Claim) or time.monotonic() >= deadline:
            return got
        if waiting is not None and not told:
            waiting(got)
            told = True
        time.sleep(POLL_S)


def holder_of(path: str | Path | None) -> Holder:
    """What the lock file says of its holder (read only after the claim failed; a holder
    that has just taken the lock may not have written it yet: then asked again briefly)."""
    for _ in range(5):
        try:
            with open(lock_path(path), "rb") as f:
                kind, pid = f.read(100).decode("ascii").split()
            if kind in (WINDOW, COMMAND):
                return Holder(kind, int(pid))
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    return Holder(None, None)


def held_message(path: str | Path, who: Holder, waited_s: float) -> str:
    """Why a command cannot write now, leading with what to do; names the holder."""
    waited = f"已等待 {waited_s:g} 秒" if waited_s else "未等待"
    pid = f"（进程 {who.pid}）" if who.pid else ""
    if who.kind == WINDOW:
        return (f"请先关闭“{APP_NAME}”窗口，或在窗口中用“文件 → 导入报告”导入该报告：数据文件“{path}”"
                f"正由该窗口使用{pid}，{waited}。")
    if who.kind == COMMAND:
        return f"请稍后再试：数据文件“{path}”正由另一个命令写入{pid}，{waited}。"
    return f"请稍后再试：数据文件“{path}”正被{APP_NAME}的另一个进程使用{pid}，{waited}。"


def waiting_message(path: str | Path, who: Holder, wait_s: float) -> str:
    what = "窗口" if who.kind == WINDOW else "另一个命令" if who.kind == COMMAND else "另一个进程"
    pid = f"（进程 {who.pid}）" if who.pid else ""
    return f"数据文件“{path}”正由{what}使用{pid}，最多等待 {wait_s:g} 秒……"


# -- the OS lock ------------------------------------------------------------------------------
def _lock(fd: int) -> bool:
    if sys.platform == "win32":
        return _windows_lock(fd)
    import fcntl
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)   # per open file: two claims in one process conflict too
    except BlockingIOError:
        return False
    return True


def _windows_lock(fd: int) -> bool:
    if sys.platform != "win32":      # never called elsewhere; mypy checks msvcrt only here
        return False
    import msvcrt
    os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _windows_unlock(fd: int) -> None:
    if sys.platform != "win32":
        return
    import msvcrt
    os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    except OSError:
        pass              # closing the file lets go as well


def _describe(fd: int, kind: str) -> None:
    """Write who holds the lock at the start of the lock file."""
    data = f"{kind} {os.getpid()}\n".encode("ascii")
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data)
