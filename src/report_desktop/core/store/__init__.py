"""The local SQLite store (see db.py) and where it lives by default."""
from __future__ import annotations

from pathlib import Path

import platformdirs

from .db import ReportInfo, SnapshotInfo, Store
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

__all__ = ["Store", "StoreError", "StoreDamaged", "StoreNotOurs", "StoreReadOnly",
           "StoreDiskFull", "StoreIsFolder", "StoreTooNew", "StoreLocked", "StoreInterrupted", "StoreBadPath",
           "StoreMissing", "ReportInfo", "SnapshotInfo", "check_file", "default_path"]

APP_DIR = "report-desktop"


def default_path() -> Path:
    """reports.sqlite3 in the user data folder (%LOCALAPPDATA%\\report-desktop on Windows)."""
    return Path(platformdirs.user_data_dir(APP_DIR, appauthor=False)) / "reports.sqlite3"
