"""The local SQLite store (see db.py) and where it lives by default."""
from __future__ import annotations

from ..location import APP_DIR, default_path  # noqa: F401 - the store's default home
from .db import ReportInfo, SnapshotInfo, Store
from .errors import (
    StoreBadPath,
    StoreDamaged,
    StoreDiskFull,
    StoreError,
    StoreIsFolder,
    StoreLocked,
    StoreMissing,
    StoreNotOurs,
    StoreReadOnly,
    StoreTooNew,
)
from .identify import check_file

__all__ = ["Store", "StoreError", "StoreDamaged", "StoreNotOurs", "StoreReadOnly",
           "StoreDiskFull", "StoreIsFolder", "StoreTooNew", "StoreLocked", "StoreBadPath",
           "StoreMissing", "ReportInfo", "SnapshotInfo", "check_file", "default_path"]

