"""Backups of the store with SQLite's online backup API, in two rotations of their own.

Daily: the first open of a day copies the store as it was before that day's work; the
newest copy of each of the last ``KEEP_DAYS`` days that have one is kept.
Before a change: a delete or a replace copies the store first (``kind=BEFORE_CHANGE``);
the last ``KEEP_BEFORE`` of these are kept.  The two never evict each other, so a row
of deletes cannot push the week of daily backups out.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

KEEP_DAYS = 7
KEEP_BEFORE = 10
DAILY, BEFORE_CHANGE = "daily", "before-change"
_SUFFIX = ".backup.sqlite3"
_NAME = re.compile(r"(?P<kind>before-change-)?(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?"
                   + re.escape(_SUFFIX))


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _parse(db_path: Path, p: Path) -> re.Match | None:
    prefix = f"{db_path.stem}-"
    return _NAME.fullmatch(p.name[len(prefix):]) if p.name.startswith(prefix) else None


def taken_at(path: Path) -> dt.datetime:
    """When a backup was made: from its name (``…-20250120-093000.backup.sqlite3``)."""
    m = re.search(r"(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)(?:-\d+)?" + re.escape(_SUFFIX) + "$",
                  path.name)
    try:   # not strptime: its module and the locale module cost ms at every start-up
        return dt.datetime(*map(int, m.groups())) if m else _mtime(path)
    except ValueError:
        return _mtime(path)


def _mtime(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime)


def list_backups(db_path: Path, kind: str | None = None) -> list[Path]:
    """Backups of this store (of one kind, or both), newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = []
    for p in folder.glob(f"*{_SUFFIX}"):
        m = _parse(db_path, p)
        if m and kind in (None, BEFORE_CHANGE if m["kind"] else DAILY):
            found.append((m["stamp"], int(m["n"] or 1), p))
    return [p for *_, p in sorted(found, reverse=True)]


def is_healthy(path: Path) -> bool:
    """True when the file opens as SQLite and passes quick_check.  Read as immutable (no
    locks, no -wal/-shm made beside it): nothing ever writes to a backup."""
    from .paths import sqlite_uri
    try:
        con = sqlite3.connect(sqlite_uri(path, immutable="1"), uri=True)
        con.text_factory = lambda raw: raw.decode("utf-8", "replace")
        try:
            return con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.Error:
        return False


def newest_good_backup(db_path: Path) -> Path | None:
    for p in sorted(list_backups(db_path), key=taken_at, reverse=True):
        if is_healthy(p):
            return p
    return None


def _fsync_folder(folder: Path) -> None:
    if os.name != "nt":          # Windows cannot open a folder for fsync
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _target(db_path: Path, kind: str, now: dt.datetime) -> Path:
    tag = "before-change-" if kind == BEFORE_CHANGE else ""
    base = f"{db_path.stem}-{tag}{now:%Y%m%d-%H%M%S}"
    folder = backup_dir(db_path)
    # Several in one second: numbered after the highest one there, so a rotated-out
    # first name is never reused for a newer copy.
    taken = [int(m["n"] or 1) for p in (folder.iterdir() if folder.is_dir() else ())
             if p.name.startswith(base) and (m := _parse(db_path, p))]
    n = max(taken, default=0) + 1
    return folder / (f"{base}{_SUFFIX}" if n == 1 else f"{base}-{n}{_SUFFIX}")


def make_backup(con: sqlite3.Connection, db_path: Path, now: dt.datetime | None = None,
                kind: str = DAILY) -> Path:
    now = now or dt.datetime.now()
    folder = backup_dir(db_path)
    made_folder = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    target = _target(db_path, kind, now)
    tmp = target.with_suffix(".part")
    try:
        open(tmp, "wb").close()  # an OSError naming the folder, not SQLite's "unable to open"
        dest = sqlite3.connect(tmp)
        try:
            con.backup(dest)
            # A backup is a plain file: in rollback-journal mode, reading it (is_healthy,
            # recovery) leaves no -wal/-shm files beside it.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        tmp.replace(target)
    except BaseException:
        for p in (tmp, Path(f"{tmp}-journal")):
            p.unlink(missing_ok=True)
        if made_folder and not any(folder.iterdir()):
            folder.rmdir()
        raise
    _fsync_folder(folder)
    rotate(db_path)
    return target


def rotate(db_path: Path) -> None:
    """Keep the newest daily backup of each of the last KEEP_DAYS days, and KEEP_BEFORE
    backups taken before changes; delete the rest."""
    days: set[dt.date] = set()
    for p in list_backups(db_path, DAILY):
        day = taken_at(p).date()
        if day in days or len(days) >= KEEP_DAYS:
            p.unlink(missing_ok=True)
        else:
            days.add(day)
    for p in list_backups(db_path, BEFORE_CHANGE)[KEEP_BEFORE:]:
        p.unlink(missing_ok=True)


def due(db_path: Path, now: dt.datetime | None = None) -> bool:
    """No daily backup of this store has been made today."""
    daily = list_backups(db_path, DAILY)
    return not daily or taken_at(daily[0]).date() != (now or dt.datetime.now()).date()


def backup_if_due(con: sqlite3.Connection, db_path: Path, now: dt.datetime | None = None) -> Path | None:
    """Make the day's backup unless there is one already."""
    return make_backup(con, db_path, now) if due(db_path, now) else None
