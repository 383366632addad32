"""从备份中找回报告: list the reports in each backup and copy one back into the store.

A backup is never written to, nor opened by SQLite: it is copied to a temporary file first, and the copy is
opened with ``Store(copy, auto_backup=False)``, so a backup made by an older version of
the program is migrated on the copy only.
"""
from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from . import backup
from .backup import taken_at
from .db import Store
from .errors import StoreDamaged, StoreError, StoreTooNew
from .records import ReportInfo

SAVED_BEFORE = "从备份找回前自动保存"


class BackupEntry(NamedTuple):
    path: Path
    taken: dt.datetime
    reports: list[ReportInfo]


@contextmanager
def _opened_copy(path: Path) -> Iterator[Store]:
    """The backup as a Store on a temporary copy; raises StoreError in Chinese."""
    name = Path(path).name
    damaged = f"备份“{name}”已损坏，无法从中找回报告。"
    # Not even backup.is_healthy on the backup itself: a read-only open of a WAL-mode file
    # leaves -wal/-shm files beside it.  The copy is checked when Store opens it.
    with tempfile.TemporaryDirectory(prefix="report-recover-") as folder:
        copy = Path(folder) / "backup.sqlite3"
        try:
            shutil.copyfile(path, copy)
        except OSError as exc:
            raise StoreError(f"无法读取备份“{name}”（{exc.strerror or exc}）。") from None
        try:
            store = Store(copy, auto_backup=False)
        except StoreTooNew:
            raise StoreError(f"请升级本程序后再从备份“{name}”中找回报告：它由更新版本的程序创建。") from None
        except StoreError:
            raise StoreError(damaged) from None
        try:
            yield store
        except StoreDamaged:
            raise StoreError(damaged) from None
        finally:
            store.close()


def backups_with_reports(db_path: str | Path) -> list[BackupEntry]:
    """Every readable backup of this store, newest first, with the reports it holds.

    Damaged or unreadable backups are left out (compare with ``backup.list_backups``)."""
    entries = []
    for path in backup.list_backups(Path(db_path)):
        try:
            with _opened_copy(path) as copy:
                entries.append(BackupEntry(path, taken_at(path), copy.list_reports()))
        except (StoreError, OSError):
            continue
    return entries


def recover(store: Store, backup_path: str | Path, unit: str, year: int) -> int:
    """Copy the report of ``unit`` and ``year`` from the backup into ``store``; its id.

    A report of the same unit and year in the store is first kept as the named version
    “从备份找回前自动保存” (after a copy of the whole store in the before-change
    rotation), then replaced.  The backup's named versions of the report
    come back too (those the store does not already have)."""
    backup_path = Path(backup_path)
    with _opened_copy(backup_path) as copy:
        source_id = copy.find(unit, year)
        if source_id is None:
            raise StoreError(f"备份“{backup_path.name}”中没有“{unit}”{year}年的报告。")
        report = copy.load(source_id)
        snapshots = copy.snapshot_records(source_id)
    if store.find(unit, year) is not None:
        store.backup_now()        # a whole-store copy first, in the before-change rotation
    return store.replace(report, snapshots, keep_as=SAVED_BEFORE)
