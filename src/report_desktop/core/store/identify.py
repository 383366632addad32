"""Is this file our store?  Decided before anything is written to it (its health is checked
by the openers, opening.py).

Our stores carry ``PRAGMA application_id = APP_ID`` (stores written before it existed
are recognised by their tables and a known schema version).  The decision reads the 100-byte
SQLite header directly and, for those older stores, the schema through an ``immutable``
connection, which takes no locks and creates no -wal/-shm files: a file that is not ours
is refused exactly as found.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from . import backup, errors
from .diagnose import damaged, translate
from .paths import sqlite_uri
from .schema_sql import CURRENT_VERSION

APP_ID = 0x474B4E42            # "GKNB": 公开年报
MAGIC = b"SQLite format 3\x00"
# Without APP_ID: schema 1 was released before it, and a store of a later schema may have
# been written by a development build; with our tables and a known version, it is ours.
_LEGACY_TABLES = {"reports", "cells", "texts", "snapshots", "settings"}
_LEGACY_REPORT_COLUMNS = {"id", "unit", "year", "level", "report_date", "deviations",
                          "created", "modified"}


@dataclass(frozen=True)
class Header:
    version: int          # PRAGMA user_version as stored in the file
    app_id: int
    wal: bool             # the file is in WAL mode at rest


def side_files(path: Path) -> list[Path]:
    return [Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")]


def read_header(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(100)
    except PermissionError:
        raise errors.unreadable(path) from None
    except IsADirectoryError:
        raise errors.is_folder(path) from None
    except OSError as exc:
        raise translate(exc, path) from None


def _int(data: bytes, offset: int) -> int:
    return int.from_bytes(data[offset:offset + 4], "big", signed=True)


def _probe(path: Path, live: bool) -> tuple[int, int, bool]:
    """(application_id, user_version, schema-1 tables present) read through SQLite.

    Not live: an ``immutable`` connection, which reads the main file only and takes no
    locks.  Live: a read-only connection that also reads a -wal file — used only when the
    -wal and -shm files are there already, so it creates none."""
    uri = sqlite_uri(path, mode="ro") if live else sqlite_uri(path, immutable="1")
    con = sqlite3.connect(uri, uri=True, timeout=5)
    con.text_factory = errors.lenient_text
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0] & 0xFFFFFFFF
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = {r[1] for r in con.execute("PRAGMA table_info(reports)")}
    finally:
        con.close()
    return app_id, version, _LEGACY_TABLES <= tables and columns == _LEGACY_REPORT_COLUMNS


def _has_live_wal(path: Path) -> bool:
    wal, shm = side_files(path)[:2]
    try:                     # the last writer out may remove them at any moment
        return wal.stat().st_size > 0 and shm.is_file()
    except OSError:
        return False


def _decide(path: Path, app_id: int, version: int, legacy: bool | None, ours_hint: bool) -> str:
    """"ours", "legacy?" (needs the schema-1 tables looked at) or raises."""
    if app_id == APP_ID:
        if version > CURRENT_VERSION:
            raise errors.too_new(path, version)
        if version < 1:
            raise damaged(path, f"结构版本{version}无效")
        return "ours"
    if app_id == 0 and 1 <= version <= CURRENT_VERSION and legacy is not False:
        return "ours" if legacy else "legacy?"
    if ours_hint:           # this path held our store (it has backups): its header is garbled
        raise damaged(path, "文件头中的程序标记或结构版本不对")
    raise errors.not_ours(path)


def identify(path: Path) -> Header:
    """The header of our store at ``path`` (non-empty); raises StoreNotOurs, StoreDamaged
    or StoreTooNew, having written nothing.

    The main file's header can be stale while a -wal file holds newer pages (a store in
    use, or after a crash): then, and only then, the decision is made on the live view."""
    data = read_header(path)
    ours_hint = data[68:72] == APP_ID.to_bytes(4, "big") or bool(backup.list_backups(path))
    if len(data) < 100 or data[:16] != MAGIC:
        if ours_hint:
            raise damaged(path, "文件头不是 SQLite 数据库")
        raise errors.not_ours(path)
    wal = data[18] == 2 or data[19] == 2
    app_id, version = _int(data, 68) & 0xFFFFFFFF, _int(data, 60)
    live = wal and _has_live_wal(path)
    before = path.stat()
    try:
        if live:
            app_id, version, legacy = _probe(path, live=True)
            _decide(path, app_id, version, legacy, ours_hint)
        elif _decide(path, app_id, version, None, ours_hint) == "legacy?":
            _decide(path, *_probe(path, live=False), ours_hint)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        if live:
            raise          # the opener diagnoses it on the file (diagnose.py) and retries
        after = path.stat()
        if (after.st_mtime_ns, after.st_size) != (before.st_mtime_ns, before.st_size):
            raise errors.interrupted(path, "读取时文件正被修改") from None
        raise damaged(path, str(exc)) from None
    return Header(version=version, app_id=app_id, wal=wal)
