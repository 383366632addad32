"""The local SQLite store (see db.py) and where it lives by default.

One data file may be used by many hands at once (a window, ``db add`` runs, readers).  It is
opened the same way every time — WAL mode for a local file's whole life, rollback journal
with exclusive locking on a network share; opening.py gives the reasons — and an error is
called 已损坏 or 只读 only after the file itself was checked (diagnose.py).  Backups keep
their own order, whatever the clock says (backup.py).
"""
from __future__ import annotations

from ..location import APP_DIR, default_path  # noqa: F401 - the store's default home
from .db import Store
from .errors import (
    StoreBadPath,
    StoreDamaged,
    StoreDiskFull,
    StoreError,
    StoreInterrupted,
    StoreIsFolder,
    StoreLocked,
    StoreMissing,
    StoreNotOurs,
    StoreReadOnly,
    StoreTooNew,
)
from .opening import check_file
from .records import ReportInfo, SnapshotInfo

__all__ = ["Store", "StoreError", "StoreDamaged", "StoreNotOurs", "StoreReadOnly",
           "StoreDiskFull", "StoreIsFolder", "StoreTooNew", "StoreLocked", "StoreInterrupted", "StoreBadPath",
           "StoreMissing", "ReportInfo", "SnapshotInfo", "check_file", "default_path"]

