"""Rotating daily backups of the store with SQLite's online backup API."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

KEEP = 7
_PATTERN = "*.backup.sqlite3"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> list[Path]:
    """Backups of this store, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-{_PATTERN}"), reverse=True)


def is_healthy(path: Path) -> bool:
    """True when the file opens as SQLite and passes quick_check (read-only)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.Error:
        return False


def newest_good_backup(db_path: Path) -> Path | None:
    for p in list_backups(db_path):
        if is_healthy(p):
            return p
    return None


def make_backup(con: sqlite3.Connection, db_path: Path, now: dt.datetime | None = None) -> Path:
    now = now or dt.datetime.now()
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}.backup.sqlite3"
    tmp = target.with_suffix(".part")
    dest = sqlite3.connect(tmp)
    try:
        con.backup(dest)
        # A backup is a plain file: in rollback-journal mode, reading it (is_healthy,
        # recovery) leaves no -wal/-shm files beside it.
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    tmp.replace(target)
    for old in list_backups(db_path)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def backup_if_due(con: sqlite3.Connection, db_path: Path, now: dt.datetime | None = None) -> Path | None:
    """Make a backup unless one was made in the last 24 hours."""
    now = now or dt.datetime.now()
    existing = list_backups(db_path)
    if existing:
        newest = dt.datetime.fromtimestamp(existing[0].stat().st_mtime)
        if now - newest < dt.timedelta(days=1):
            return None
    return make_backup(con, db_path, now)
