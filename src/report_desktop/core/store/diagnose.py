"""What an error met while using the store really means, decided by looking at the file.

Several programs may use one data file: a window, ``db add`` runs, readers.  While one of
them opens, closes or recovers the file, another can meet SQLITE_BUSY, an I/O error,
SQLITE_CANTOPEN or SQLITE_READONLY_ROLLBACK/RECOVERY for a moment.  Such errors are
``StoreInterrupted`` or ``StoreLocked`` (transient: the openers retry, the window's autosave
waits), never 已损坏 or 只读:

- "damaged" only when ``PRAGMA integrity_check`` fails on a connection that holds the file
  exclusively (``confirm_damage``), so no other program is half-way through a change;
- "read-only" only when the file or its folder really is (``really_read_only``: os.access
  and a probe file in the folder — Windows reports a folder's rights through os.access not
  at all).
"""
from __future__ import annotations

import errno
import functools
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any, Callable, Concatenate, ParamSpec, TypeVar, cast

from . import backup, errors
from .errors import StoreDamaged, StoreError, sqlite_name
from .paths import sqlite_uri

P = ParamSpec("P")
R = TypeVar("R")

# Waiting for the file to be ours alone before its integrity is judged.
CONFIRM_WAIT_S = 15.0
FULL_BELOW = 256 * 1024        # free bytes under which an I/O error is taken for a full disk
_CORRUPT = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_PASSING = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_PROTOCOL",
            "SQLITE_SCHEMA", "SQLITE_READONLY_ROLLBACK", "SQLITE_READONLY_RECOVERY",
            "SQLITE_READONLY_CANTINIT", "SQLITE_READONLY_CANTLOCK", "SQLITE_READONLY_DBMOVED")
HOT = ("SQLITE_READONLY_ROLLBACK", "SQLITE_READONLY_RECOVERY", "SQLITE_READONLY_CANTINIT")


def looks_corrupt(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.Error) and (
        sqlite_name(exc).startswith(_CORRUPT) or "malformed" in str(exc)
        or "not a database" in str(exc))


def needs_write_to_recover(exc: BaseException) -> bool:
    """A hot journal or an unrecovered -wal that a read-only connection cannot roll back."""
    return sqlite_name(exc).startswith(HOT)


def _no_room(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < FULL_BELOW
    except OSError:
        return False


def damaged(path: Path, what: str) -> StoreDamaged:
    """StoreDamaged offering the newest backup that passes its check (read here, not while
    the error is built)."""
    return errors.damaged(path, what, backup.newest_good_backup(path))


_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}


def translate(exc: BaseException, path: Path, network: bool = False) -> StoreError:
    """The StoreError for an sqlite3 or OS error met while using the store at ``path``, by
    the error's name (``diagnose`` checks damage and read-only on the file first)."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, sqlite3.Error):
        name, text = sqlite_name(exc), str(exc)
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
            return errors.locked(path, network)
        if name.startswith("SQLITE_FULL") or "disk is full" in text:
            return errors.disk_full(path)
        if name.startswith(("SQLITE_READONLY", "SQLITE_PERM")) or "readonly" in text:
            return errors.read_only(path, folder=name == "SQLITE_READONLY_DIRECTORY")
        if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
            return damaged(path, text)
        if "decode to UTF-8" in text:           # text that SQLite holds is not UTF-8
            return damaged(path, "其中有无法识别的文字")
        return StoreError(f"请检查磁盘和文件：无法读写数据文件“{path}”（{text}）。", path)
    if isinstance(exc, IsADirectoryError):
        return errors.is_folder(path)
    if isinstance(exc, OSError):
        if exc.errno in _FULL:
            return errors.disk_full(path)
        if exc.errno in _READ_ONLY:
            where = Path(exc.filename) if exc.filename else path
            if where == path:
                return errors.read_only(path, folder=False)
            folder = where if where.is_dir() else where.parent
            return errors.read_only(path, folder=True, where=folder)
        return StoreError(f"请检查磁盘和文件：无法读写数据文件“{path}”"
                          f"（{exc.strerror or exc}）。", path)
    if isinstance(exc, UnicodeDecodeError):      # text that SQLite holds is not UTF-8
        return damaged(path, "其中有无法识别的文字")
    if isinstance(exc, OverflowError):
        return StoreError("请检查输入的数字：数值超出了数据文件能保存的范围。", path)
    return StoreError(str(exc), path)


def really_read_only(path: Path) -> errors.StoreReadOnly | None:
    """StoreReadOnly when the file or its folder cannot be written, else None."""
    if path.exists() and not os.access(path, os.W_OK,
                                       effective_ids=os.access in os.supports_effective_ids):
        return errors.read_only(path, folder=False)
    try:
        with tempfile.TemporaryFile(dir=path.parent, prefix=f".{path.name}."):
            pass
    except OSError as exc:
        if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
            return errors.read_only(path, folder=True)
        return None          # a full disk or a vanished folder: not "read-only"
    return None


def _integrity(path: Path) -> list[tuple[str]]:
    """integrity_check holding the file alone: a writable file through an exclusive
    read-write connection (no one else reads or writes meanwhile; a hot journal is rolled
    back first, as any writer would); a read-only file, which nobody can be changing,
    inside one read transaction."""
    writable = really_read_only(path) is None      # the folder too: a -wal may be made
    uri = sqlite_uri(path, mode="rw" if writable else "ro")
    con = sqlite3.connect(uri, uri=True, timeout=CONFIRM_WAIT_S, isolation_level=None)
    con.text_factory = errors.lenient_text
    try:
        if writable:
            con.execute("PRAGMA locking_mode = EXCLUSIVE")
            con.execute("BEGIN EXCLUSIVE")
        else:
            con.execute("BEGIN")
        rows: list[tuple[str]] = con.execute("PRAGMA integrity_check").fetchall()
        con.execute("ROLLBACK")
        return rows
    finally:
        con.close()


def confirm_damage(path: Path, what: str) -> StoreError:
    """StoreDamaged when integrity_check fails with the file held exclusively; otherwise
    the transient error that the first failure really was."""
    try:
        rows = _integrity(path)
    except sqlite3.Error as exc:
        if looks_corrupt(exc):
            return damaged(path, str(exc))
        name = sqlite_name(exc)
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc):
            return errors.locked(path)
        return errors.interrupted(path, str(exc))
    except UnicodeDecodeError:
        return damaged(path, "其中有无法识别的文字")
    if rows == [("ok",)]:
        return errors.interrupted(path, what)
    return damaged(path, "完整性检查未通过")


def confirm_on(con: sqlite3.Connection, path: Path, what: str, readonly: bool = False) -> StoreError:
    """confirm_damage through a store's own connection (which keeps others from holding the
    file alone): integrity_check under its write lock, or in one read transaction of a
    read-only store (one consistent state)."""
    con.text_factory = errors.lenient_text
    try:
        con.execute("BEGIN" if readonly else "BEGIN IMMEDIATE")
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.execute("ROLLBACK")
    except sqlite3.Error as exc:
        return damaged(path, str(exc)) if looks_corrupt(exc) else diagnose(exc, path)
    except UnicodeDecodeError:
        return damaged(path, "其中有无法识别的文字")
    finally:
        con.text_factory = str
    if rows == [("ok",)]:
        return errors.interrupted(path, what)
    return damaged(path, "完整性检查未通过")


def diagnose(exc: BaseException, path: Path, network: bool = False) -> StoreError:
    """The StoreError for ``exc``, with damage and read-only checked on the file itself."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, sqlite3.Error):
        name, text = sqlite_name(exc), str(exc)
        if needs_write_to_recover(exc):
            return (errors.needs_recovery(path) if really_read_only(path)
                    else errors.interrupted(path, text))
        if looks_corrupt(exc):
            return confirm_damage(path, text)
        if name.startswith(("SQLITE_READONLY", "SQLITE_PERM")) or "readonly" in text:
            return really_read_only(path) or errors.interrupted(path, text)
        if name.startswith(_PASSING) or "disk I/O error" in text or "unable to open" in text:
            if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
                return errors.locked(path, network)
            if _no_room(path):          # SQLite says "disk I/O error" when a -wal cannot grow
                return errors.disk_full(path)
            if path.is_file():
                return errors.interrupted(path, text)
    if isinstance(exc, FileNotFoundError) and path.is_file():
        return errors.interrupted(path, "旁边的临时文件刚被另一个程序删除")   # its -wal, say
    return translate(exc, path, network)


def guarded(method: Callable[Concatenate[Any, P], R]) -> Callable[Concatenate[Any, P], R]:
    """Raise every sqlite3/OS error of a Store method as the StoreError that names it."""
    @functools.wraps(method)
    def wrapper(self: Any, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except StoreError:
            raise
        except (sqlite3.Error, OSError, OverflowError, UnicodeDecodeError) as exc:
            if looks_corrupt(exc):
                raise confirm_on(self._con, self.path, str(exc), self.readonly) from exc
            raise diagnose(exc, self.path, self.network) from exc
    return cast(Callable[Concatenate[Any, P], R], wrapper)   # functools' _Wrapped is one
