"""Backups of the store with SQLite's online backup API, in two rotations of their own.

Daily: the first open of a day copies the store as it was before that day's work; the
newest copy of each of the last ``KEEP_DAYS`` days that have one is kept.
Before a change: a delete or a replace copies the store first (``kind=BEFORE_CHANGE``);
the last ``KEEP_BEFORE`` of these are kept.  The two never evict each other, so a row
of deletes cannot push the week of daily backups out.

Order: each backup's name carries a sequence number (``…-20250120-093000-n17.backup.sqlite3``),
one more than the highest of this store's backups, so "newest" does not depend on the clock.
A clock set ahead and back again cannot make a new backup look old: the newest backup is
never the one deleted, and a daily backup stamped in the future does not make "today's
backup is missing" true on every open.  Names without a number (older versions) come before
all numbered ones, among themselves by their time stamp.

Every backup is made under the store's write lock (the caller's transaction), so no two
programs make one at once, and an opener holding that lock knows that ``*.backup.part``
files of this store are leftovers of a killed process: remove_leftovers deletes them.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from .errors import StoreError
from .paths import sqlite_uri

KEEP_DAYS = 7
KEEP_BEFORE = 10
DAILY, BEFORE_CHANGE = "daily", "before-change"
_SUFFIX = ".backup.sqlite3"
_PART = ".backup.part"
_NAME = re.compile(r"(?P<kind>before-change-)?(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?"
                   r"(?:-n(?P<seq>\d+))?" + re.escape(_SUFFIX))


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _parse(db_path: Path, p: Path) -> re.Match[str] | None:
    prefix = f"{db_path.stem}-"
    return _NAME.fullmatch(p.name[len(prefix):]) if p.name.startswith(prefix) else None


def taken_at(path: Path) -> dt.datetime:
    """When a backup was made: from its name (``…-20250120-093000.backup.sqlite3``)."""
    m = re.search(r"(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)(?:-\d+)?(?:-n\d+)?" + re.escape(_SUFFIX) + "$",
                  path.name)
    if m is None:
        return _mtime(path)
    year, month, day, hour, minute, second = map(int, m.groups())
    try:   # not strptime: its module and the locale module cost ms at every start-up
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return _mtime(path)


def _mtime(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime)


def _order(m: re.Match[str]) -> tuple[int, str, int]:
    """A backup's place in its store's own order (its sequence number first)."""
    return int(m["seq"] or 0), m["stamp"], int(m["n"] or 1)


def list_backups(db_path: Path, kind: str | None = None) -> list[Path]:
    """Backups of this store (of one kind, or both), newest first in their own order."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = []
    for p in folder.glob(f"*{_SUFFIX}"):
        m = _parse(db_path, p)
        if m and kind in (None, BEFORE_CHANGE if m["kind"] else DAILY):
            found.append((_order(m), p))
    return [p for _, p in sorted(found, reverse=True)]


def remove_leftovers(db_path: Path) -> list[Path]:
    """Delete this store's half-made backups (``*.backup.part`` and their -journal, -wal,
    -shm) that a killed process left.  Call only under the store's write lock."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    removed = []
    for p in folder.glob(f"*{_PART}*"):
        base, _sep, rest = p.name.partition(_PART)
        if rest not in ("", "-journal", "-wal", "-shm") or not _parse(db_path, folder / (base + _SUFFIX)):
            continue
        try:
            p.unlink()
            removed.append(p)
        except FileNotFoundError:
            pass
    return removed


def is_healthy(path: Path) -> bool:
    """True when the file opens as SQLite and passes quick_check.  Read as immutable (no
    locks, no -wal/-shm made beside it): nothing ever writes to a backup."""
    try:
        con = sqlite3.connect(sqlite_uri(path, immutable="1"), uri=True)
        con.text_factory = lambda raw: raw.decode("utf-8", "replace")
        try:
            return bool(con.execute("PRAGMA quick_check").fetchone()[0] == "ok")
        finally:
            con.close()
    except sqlite3.Error:
        return False


def newest_good_backup(db_path: Path) -> Path | None:
    for p in list_backups(db_path):
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
    """The next name in this store's own order: one above the highest sequence number."""
    tag = "before-change-" if kind == BEFORE_CHANGE else ""
    folder = backup_dir(db_path)
    seqs = [int(m["seq"] or 0) for p in (folder.iterdir() if folder.is_dir() else ())
            if (m := _parse(db_path, p))]
    seq = max(seqs, default=0) + 1
    while True:
        target = folder / f"{db_path.stem}-{tag}{now:%Y%m%d-%H%M%S}-n{seq}{_SUFFIX}"
        if not target.exists():
            return target
        seq += 1


def _folder(db_path: Path) -> Path:
    """The backups folder, made if missing; a file of that name in the way is named."""
    folder = backup_dir(db_path)
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"请把数据文件旁名为“{folder.name}”的文件改名或移走：程序要在“{folder.parent}”"
                         f"中建立同名的文件夹，存放数据文件“{db_path.name}”的自动备份。", db_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def make_backup(con: sqlite3.Connection, db_path: Path, now: dt.datetime | None = None,
                kind: str = DAILY) -> Path:
    """Copy the store into the next backup of ``kind``; call under the store's write lock."""
    now = now or dt.datetime.now()
    made_folder = not backup_dir(db_path).exists()
    folder = _folder(db_path)
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
        for p in (tmp, *(Path(f"{tmp}-{side}") for side in ("journal", "wal", "shm"))):
            p.unlink(missing_ok=True)
        if made_folder and not any(folder.iterdir()):
            folder.rmdir()
        raise
    _fsync_folder(folder)
    rotate(db_path)
    return target


def rotate(db_path: Path) -> None:
    """Keep the newest daily backup of each of the last KEEP_DAYS days that have one, and
    KEEP_BEFORE backups taken before changes; delete the rest.  "Newest" and "last" are the
    backups' own order, so the newest backup of each rotation is always kept."""
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
    """The newest daily backup (in their own order) was not made today."""
    daily = list_backups(db_path, DAILY)
    return not daily or taken_at(daily[0]).date() != (now or dt.datetime.now()).date()


def backup_if_due(con: sqlite3.Connection, db_path: Path, now: dt.datetime | None = None) -> Path | None:
    """Make the day's backup unless there is one already."""
    return make_backup(con, db_path, now) if due(db_path, now) else None
