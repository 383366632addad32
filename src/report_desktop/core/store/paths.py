"""Data file paths: which ones can hold a store, and SQLite URIs for any of them.

A URI is needed to open a file read-only; its path must be percent-encoded, or a folder
named ``#1`` or ``%41`` makes SQLite open a different file (``#`` starts a fragment,
``%41`` decodes to ``A``).  Both are legal in Windows user names, so %LOCALAPPDATA%
itself can contain them.
"""
from __future__ import annotations

import os
from pathlib import Path, PureWindowsPath
from urllib.parse import urlencode

from ..fileguard import name_problem
from .errors import StoreBadPath, is_folder

# SQLite's own limits on a file name (MAX_PATHNAME 512 bytes on Unix, MAX_PATH characters
# on Windows), less room for the "-journal" / "-wal" it appends.
MAX_PATH_BYTES = 480
MAX_PATH_CHARS = 250
# Room each name needs for the names made from it beside it: SQLite's "<name>-journal",
# and backup.py's "<stem>-before-change-20250120-093000-99.backup.part-journal".
NAME_ROOM = len("-journal")
STEM_ROOM = len("-before-change-20250120-093000-99.backup.part-journal")


def sqlite_uri(path: str | Path, **params: str) -> str:
    """``file:`` URI of ``path`` (made absolute) with query ``params``, for sqlite3.connect(uri=True)."""
    text = os.path.abspath(path)
    if os.name == "nt":
        return _windows_uri(text, params)
    uri = Path(text).as_uri()        # percent-encodes #, %, ?, spaces and non-ASCII
    return f"{uri}?{urlencode(params)}" if params else uri


def _windows_uri(text: str, params: dict[str, str]) -> str:
    """Windows: file:///C:/… for a drive; file:////server/share/… for a UNC path (SQLite
    accepts no URI authority other than localhost, so the server goes into the path)."""
    win = PureWindowsPath(text)
    uri = win.as_uri()
    if uri.startswith("file://") and not uri.startswith("file:///"):
        uri = "file:////" + uri[len("file://"):]
    return f"{uri}?{urlencode(params)}" if params else uri


def checked_path(path: str | Path | None) -> Path:
    """``path`` as a Path, refusing what cannot be a data file; raises StoreError."""
    text = "" if path is None else str(path)
    if not text.strip():
        raise StoreBadPath("请给出数据文件的路径：路径是空的。")
    if text.strip() == ":memory:" or text.startswith("file:"):
        raise StoreBadPath(f"请给出数据文件在磁盘上的路径：“{text}”不是文件路径，"
                           "写入其中的内容不会被保存。")
    p = Path(text)
    full = os.path.abspath(p)
    if len(full) > MAX_PATH_CHARS if os.name == "nt" else len(os.fsencode(full)) > MAX_PATH_BYTES:
        raise StoreBadPath(f"请把数据文件放到路径短一些的文件夹：路径“{full}”太长，"
                           "数据库程序无法打开。", p)
    too_long = name_problem(p, max(NAME_ROOM, STEM_ROOM - len(p.suffix.encode("utf-8", "replace"))),
                            "数据文件旁还要存放以它命名的日志和备份文件")
    if too_long:
        raise StoreBadPath(f"无法使用数据文件“{p}”：{too_long}。", p)
    if p.is_dir():
        raise is_folder(p)
    if p.exists() and not p.is_file():      # a device, a pipe: never read, never replaced
        raise StoreBadPath(f"请给出数据文件的路径：“{p}”不是普通文件。", p)
    for parent in p.absolute().parents:
        if parent.exists():
            if not parent.is_dir():
                raise StoreBadPath(f"请检查数据文件的路径：“{parent}”是一个文件，不是文件夹，"
                                   f"不能在其中存放数据文件“{p.name}”。", p)
            break
    return p

