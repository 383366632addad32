"""Connections to a store, for writing or for reading only — opened the same way every time.

Design (issue 18): the journal mode belongs to the file's place, not to an open or a close.

- A local file is in WAL mode for its whole life: a new store is made in WAL mode, an older
  one is switched once, and nothing switches it back.  WAL lets a window, ``db add`` runs
  and readers use the file at once (readers never wait for a writer; writers wait for each
  other with a busy timeout).  Switching the mode on every open and close, as before, made
  -wal/-shm files appear and vanish under other programs' read-only connections, which then
  met I/O errors, SQLITE_READONLY_* and stale headers — and reported a sound file as 已损坏
  or 只读.  When the last connection closes SQLite checkpoints and removes -wal/-shm, so a
  store at rest is one file.
- On a network share WAL is unsafe (no shared memory, https://sqlite.org/wal.html): the file
  stays in rollback-journal mode with exclusive locking — one program at a time; the others
  wait the busy timeout, then are told who has it (errors.locked).

Writing: a missing store is created complete in a temporary file and moved into place, so a
non-empty SQLite file without our application id is never one of ours half-made.  An existing
file is identified first (identify.py) and refused untouched if it is not ours, too new or
read-only.  Then one read-write connection reads it (which rolls back a hot journal left by a crash)
and checks it (quick_check; damage is confirmed by diagnose.confirm_damage); under the write
lock, backup files a killed process left half-made are removed and the day's backup is
made — all before anything is written.

Reading: no backup, no migration, no store created.  A store at rest in WAL mode (no
-wal/-shm) is read through an ``immutable`` connection into memory, then checked unchanged,
so reading makes no side files; otherwise a ``mode=ro`` connection reads it.  A hot journal
is rolled back by one read-write open when the file is writable (that is what any writer
would do first); when it is not, the clerk is told precisely (errors.needs_recovery).

Transient errors (busy, locked, an I/O error while another program opens or closes the file)
are retried until BUSY_MS has passed; only then are they reported, as StoreLocked.
"""
from __future__ import annotations

import os
import random
import sqlite3
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from . import backup, errors, netfs
from .diagnose import confirm_damage, diagnose, needs_write_to_recover, translate
from .identify import APP_ID, Header, identify, side_files
from .paths import checked_path, sqlite_uri
from .schema_sql import CURRENT_VERSION, MIGRATIONS

T = TypeVar("T")

BUSY_MS = 15000


def migrate(con: sqlite3.Connection) -> None:
    """Bring the schema to CURRENT_VERSION and stamp APP_ID, in one transaction."""
    con.execute("BEGIN IMMEDIATE")
    try:
        version = con.execute("PRAGMA user_version").fetchone()[0]
        for v in range(version + 1, CURRENT_VERSION + 1):
            for stmt in MIGRATIONS[v].split(";"):
                if stmt.strip():
                    con.execute(stmt)
            con.execute(f"PRAGMA user_version = {v}")
        if con.execute("PRAGMA application_id").fetchone()[0] != APP_ID:
            con.execute(f"PRAGMA application_id = {APP_ID}")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def journal_mode(network: bool) -> str:
    return "delete" if network else "wal"


def _create(path: Path, network: bool, empty: tuple[int, int] | None) -> None:
    """Make a new, complete store at ``path`` in one move, already in the journal mode of
    its place.  ``empty``: (device, inode) of the empty file found there, else None."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    except OSError as exc:
        raise translate(exc, path) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            con.execute(f"PRAGMA journal_mode = {journal_mode(network)}")
            migrate(con)
        finally:
            con.close()           # the last connection: the -wal is checkpointed and removed
        _move_into_place(tmp, path, empty)
    except (sqlite3.Error, OSError) as exc:
        raise diagnose(exc, path) from None
    finally:
        for p in (tmp, *side_files(tmp)):
            p.unlink(missing_ok=True)


def _move_into_place(tmp: Path, path: Path, empty: tuple[int, int] | None) -> None:
    """Put the finished store ``tmp`` at ``path`` unless another program got there first:
    two windows started at once both build a store, and the second must not replace the
    first one's, which may hold a report already (seen as "没有编号为1的报告")."""
    if empty is not None:
        if _same_empty_file(path, empty):     # nothing of anyone's to keep
            os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)                    # atomic: fails if the path exists meanwhile
        return
    except FileExistsError:
        return
    except OSError:
        pass                                  # no hard links here (FAT, some shares): claim it
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    os.replace(tmp, path)


def _same_empty_file(path: Path, empty: tuple[int, int]) -> bool:
    try:
        st = path.stat()
    except FileNotFoundError:
        return False
    return st.st_size == 0 and (st.st_dev, st.st_ino) == empty


def _writable(path: Path) -> None:
    """Refuse a read-only file or folder before SQLite is asked to write (the journal and
    the -wal file go into the folder).  The folder is probed by making a temporary file in
    it: Windows reports a folder's permissions through os.access not at all."""
    if not os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        raise errors.read_only(path, folder=False)
    try:
        with tempfile.TemporaryFile(dir=path.parent, prefix=f".{path.name}."):
            pass
    except PermissionError:
        raise errors.read_only(path, folder=True) from None
    except OSError as exc:
        raise translate(exc, path) from None


def _retrying(path: Path, network: bool, attempt: Callable[[], T]) -> T:
    """``attempt()`` until it succeeds or fails for good; transient failures are retried
    for BUSY_MS (others may be opening, closing or recovering the file just now)."""
    deadline = time.monotonic() + BUSY_MS / 1000
    while True:
        try:
            return attempt()
        except (sqlite3.Error, OSError, UnicodeDecodeError) as exc:
            err = diagnose(exc, path, network)
        except errors.StoreError as exc:
            err = exc
        if not err.transient or time.monotonic() > deadline:
            raise err
        time.sleep(random.uniform(0.02, 0.12))


@contextmanager
def backup_lock(path: Path, network: bool, wait_ms: int = BUSY_MS) -> Iterator[None]:
    """The store's write lock while a backup is made from a connection that does not hold
    it (SQLite's backup API cannot read through a connection in a write transaction): no
    other program makes a backup or removes leftovers meanwhile.  On a network share the
    writer holds the whole file already."""
    if network:
        yield
        return
    lock = sqlite3.connect(sqlite_uri(path, mode="rw"), uri=True, timeout=wait_ms / 1000,
                           isolation_level=None)
    try:
        lock.execute("BEGIN IMMEDIATE")
        yield
    finally:
        lock.close()          # nothing written: the transaction is rolled back


def _connect_writer(path: Path, network: bool, daily_backup: bool) -> sqlite3.Connection:
    con = sqlite3.connect(sqlite_uri(path, mode="rw"), uri=True, timeout=BUSY_MS / 1000,
                          isolation_level=None)
    try:
        if network:
            con.execute("PRAGMA locking_mode = EXCLUSIVE")
        con.text_factory = errors.lenient_text
        # One read transaction (on a share: the file held for good): a hot journal is
        # rolled back first, and the check sees one consistent state.
        con.execute("BEGIN EXCLUSIVE" if network else "BEGIN")
        try:
            healthy = con.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        finally:
            con.execute("ROLLBACK")
        con.text_factory = str
        if not healthy:
            con.close()
            raise confirm_damage(path, "完整性检查未通过")
        with backup_lock(path, network):
            backup.remove_leftovers(path)
            if daily_backup and backup.due(path):
                backup.make_backup(con, path)
        mode = journal_mode(network)
        if con.execute("PRAGMA journal_mode").fetchone()[0] != mode:
            con.execute(f"PRAGMA journal_mode = {mode}")    # once in the file's life here
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA synchronous = FULL")
        migrate(con)
    except BaseException:
        con.close()
        raise
    return con


def open_for_writing(path: Path, daily_backup: bool = True) -> tuple[sqlite3.Connection, bool, bool]:
    """(connection, on a network share, existed before) for a store to edit."""
    try:
        st: os.stat_result | None = path.stat()
    except OSError:              # missing, or unreadable: creating it says why
        st = None
    existed = st is not None and st.st_size > 0
    network = netfs.is_network_path(path)
    if not existed:
        _create(path, network, (st.st_dev, st.st_ino) if st is not None else None)
    _retrying(path, network, lambda: identify(path))
    _writable(path)          # before any SQLite connection: a refused file gets no side files
    con = _retrying(path, network, lambda: _connect_writer(path, network, daily_backup and existed))
    return con, network, existed


def close_writer(con: sqlite3.Connection) -> None:
    """Close.  The mode stays: the last connection out removes -wal/-shm by itself."""
    con.close()


def _unchanged(path: Path, before: os.stat_result) -> bool:
    after = path.stat()
    return ((after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
            and not any(p.exists() for p in side_files(path)[:2]))


def _snapshot(path: Path) -> sqlite3.Connection | None:
    """The store copied into memory without locks or side files; None if it changed
    meanwhile (a writer came: read it through a normal connection instead)."""
    before = path.stat()
    src = sqlite3.connect(sqlite_uri(path, immutable="1"), uri=True)
    mem = sqlite3.connect(":memory:", isolation_level=None)
    try:
        src.backup(mem)
    except sqlite3.Error:
        mem.close()
        if _unchanged(path, before):
            raise
        return None
    finally:
        src.close()
    if _unchanged(path, before):
        return mem
    mem.close()
    return None


def _roll_back(path: Path) -> None:
    """One read-write open: SQLite rolls a hot journal back (or recovers a -wal) when it
    takes the lock.  Refused with a precise message when the file cannot be written."""
    refused = errors.needs_recovery(path)
    if not os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        raise refused
    con = sqlite3.connect(sqlite_uri(path, mode="rw"), uri=True, timeout=BUSY_MS / 1000,
                          isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
    finally:
        con.close()


def _connect_reader(path: Path, header: Header) -> sqlite3.Connection:
    con = None
    if header.wal and not any(p.exists() for p in side_files(path)[:2]):
        con = _snapshot(path)
    if con is None:
        con = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=BUSY_MS / 1000,
                              isolation_level=None)
    try:
        con.text_factory = errors.lenient_text
        try:
            healthy = con.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        except sqlite3.Error as exc:
            if needs_write_to_recover(exc):
                _roll_back(path)
            raise
        if not healthy:
            con.close()          # in WAL mode it keeps others from holding the file alone
            raise confirm_damage(path, "完整性检查未通过")
        con.text_factory = str
        if header.version < CURRENT_VERSION:       # an older store: migrated in memory only
            mem = sqlite3.connect(":memory:", isolation_level=None)
            con.backup(mem)
            con.close()
            con = mem
            migrate(con)
        con.execute("PRAGMA query_only = ON")
    except BaseException:
        con.close()
        raise
    return con


def open_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that reads the store at ``path`` and can write nothing to it."""
    if not path.exists() or path.is_file() and path.stat().st_size == 0:
        raise errors.StoreMissing(f"请先确认数据文件的路径：数据文件“{path}”不存在或是空的。", path)
    network = netfs.is_network_path(path)

    def attempt() -> sqlite3.Connection:
        return _connect_reader(path, identify(path))
    return _retrying(path, network, attempt)


def check_file(path: Path) -> Header:
    """Read-only: our store, healthy, not too new; raises the StoreError saying why not."""
    path = checked_path(path)
    con = open_for_reading(path)
    con.close()
    return identify(path)
