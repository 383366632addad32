"""Where the program keeps its files by default: the user data folder.

Its own module, outside core.store, so that the window can name the default data file
(to ask who holds it) before the store's modules are imported.
"""
from __future__ import annotations

from pathlib import Path

import platformdirs

APP_DIR = "report-desktop"
DATA_FILE = "reports.sqlite3"


def data_folder() -> Path:
    """%LOCALAPPDATA%\\report-desktop on Windows, ~/.local/share/report-desktop on Linux."""
    return Path(platformdirs.user_data_dir(APP_DIR, appauthor=False))


def default_path() -> Path:
    """reports.sqlite3 in the user data folder."""
    return data_folder() / DATA_FILE
