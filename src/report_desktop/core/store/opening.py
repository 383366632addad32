"""Connections to a store, for writing or for reading only.

Writing: a missing store is created complete in a temporary file and moved into place,
so a non-empty SQLite file without our application id is never one of ours half-made.
An existing file is identified and checked first (identify.check_file) and only then
switched to WAL mode — or, on a network share, to rollback-journal mode with exclusive
locking.  Closing the last connection puts the file back in rollback-journal mode, so a
store at rest can be read with no -wal/-shm files appearing beside it.

Reading: no backup, no migration, nothing written, no store created.  A store at rest in
WAL mode with no -wal/-shm files (written by an earlier version of the program) is read
through an ``immutable`` connection into memory, then checked unchanged; otherwise a
``mode=ro`` connection reads it (any -wal/-shm present belong to whoever has it open).
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from . import backup, errors, netfs
from .identify import APP_ID, Header, check_file, identify, side_files
from .paths import sqlite_uri
from .schema_sql import CURRENT_VERSION, MIGRATIONS

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


def _create(path: Path) -> None:
    """Make a new, complete store at ``path`` (missing or empty) in one move."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    except OSError as exc:
        raise errors.translate(exc, path) from None
    os.close(fd)
    tmp = Path(tmp)
    try:
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode = DELETE")
            migrate(con)
        finally:
            con.close()
        if path.exists():             # an empty file: nothing of anyone's to keep
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)    # fails if another instance created it meanwhile
            except FileExistsError:
                pass
            except OSError:
                os.replace(tmp, path)
    except (sqlite3.Error, OSError) as exc:
        raise errors.translate(exc, path) from None
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}-journal").unlink(missing_ok=True)


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
        raise errors.translate(exc, path) from None


def _daily_backup(path: Path) -> None:
    """The day's backup of what was there before today's work, made before the store is
    opened for editing: if it cannot be made (a full disk), the store is left as found."""
    if backup.due(path):
        reader = open_for_reading(path)
        try:
            backup.make_backup(reader, path)
        finally:
            reader.close()


def open_for_writing(path: Path, daily_backup: bool = True) -> tuple[sqlite3.Connection, bool, bool]:
    """(connection, on a network share, existed before) for a store to edit."""
    existed = path.exists() and path.stat().st_size > 0
    if not existed:
        _create(path)
    network = netfs.is_network_path(path)
    identify(path)
    _writable(path)          # before any SQLite connection: a refused file gets no side files
    try:
        check_file(path, BUSY_MS / 1000)
    except errors.StoreLocked:
        raise errors.locked(path, network) from None
    if daily_backup and existed:
        _daily_backup(path)
    try:
        con = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise errors.translate(exc, path, network) from None
    try:
        con.execute("PRAGMA foreign_keys = ON")
        if network:
            con.execute("PRAGMA locking_mode = EXCLUSIVE")
            con.execute("PRAGMA journal_mode = DELETE")
        else:
            con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
        migrate(con)
    except sqlite3.Error as exc:
        con.close()
        raise errors.translate(exc, path, network) from None
    return con, network, existed


def close_writer(con: sqlite3.Connection) -> None:
    """Close; the last connection out puts the file back in rollback-journal mode."""
    try:
        con.execute("PRAGMA busy_timeout = 0")
        con.execute("PRAGMA journal_mode = DELETE")     # refused while others have it open
    except sqlite3.Error:
        pass
    con.close()


def _unchanged(path: Path, before: os.stat_result) -> bool:
    after = path.stat()
    return ((after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
            and not any(p.exists() for p in side_files(path)[:2]))


def _snapshot(path: Path) -> sqlite3.Connection | None:
    """The store copied into memory without locks or side files; None if it changed meanwhile."""
    before = path.stat()
    src = sqlite3.connect(sqlite_uri(path, immutable="1"), uri=True)
    mem = sqlite3.connect(":memory:", isolation_level=None)
    try:
        src.backup(mem)
    finally:
        src.close()
    if _unchanged(path, before):
        return mem
    mem.close()
    return None


def open_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that reads the store at ``path`` and can write nothing to it."""
    if not path.exists() or path.is_file() and path.stat().st_size == 0:
        raise errors.StoreMissing(f"请先确认数据文件的路径：数据文件“{path}”不存在或是空的。", path)
    header: Header = identify(path)
    network = netfs.is_network_path(path)
    try:
        con = None
        if header.wal and not any(p.exists() for p in side_files(path)[:2]):
            con = _snapshot(path)
        if con is None:
            con = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=BUSY_MS / 1000,
                                  isolation_level=None)
        con.text_factory = errors.lenient_text
        if con.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            con.close()
            raise errors.damaged(path, "完整性检查未通过")
        con.text_factory = str
        if header.version < CURRENT_VERSION:       # an older store: migrated in memory only
            mem = sqlite3.connect(":memory:", isolation_level=None)
            con.backup(mem)
            con.close()
            con = mem
            migrate(con)
        con.execute("PRAGMA query_only = ON")
        return con
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise errors.translate(exc, path, network) from None
