"""Is a data file on a network share?  SQLite's WAL mode needs shared memory that network
file systems do not provide (https://sqlite.org/wal.html), so such a store is opened in
rollback-journal mode with exclusive locking: one person at a time.

Windows: a UNC path (\\\\server\\share\\…) or a mapped drive (GetDriveTypeW ==
DRIVE_REMOTE).  Linux: the file system type from statfs(2) is NFS, CIFS or SMB.
"""
from __future__ import annotations

import ntpath
import os
import sys
from pathlib import Path
from typing import Callable

NOTE = "数据文件在网络共享文件夹上：同一时间只能有一个人打开它，别人打开时请等对方关闭后再用。"

DRIVE_REMOTE = 4
LONG, DEVICE, UNC_LONG = "\\\\?\\", "\\\\.\\", "\\\\?\\UNC\\"
# f_type values of statfs(2) (linux/magic.h and the cifs/smb client sources).
NETWORK_FS_TYPES = {
    0x6969: "nfs",
    0x517B: "smb",
    0xFF534D42: "cifs",
    0xFE534D42: "smb2",
}


def _existing(path: Path) -> Path:
    """The nearest existing folder or file at or above ``path`` (a new store has none yet)."""
    path = Path(os.path.abspath(path))
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return path


def _drive_type(root: str) -> int:
    import ctypes       # here, not at start-up: only Windows asks
    get_type = ctypes.windll.kernel32.GetDriveTypeW   # type: ignore[attr-defined]
    get_type.argtypes = [ctypes.c_wchar_p]
    get_type.restype = ctypes.c_uint
    return int(get_type(root))


def windows_remote(text: str, drive_type: Callable[[str], int] = _drive_type) -> bool:
    """A UNC path, or a drive letter the system reports as DRIVE_REMOTE (a mapped share)."""
    if text.startswith(UNC_LONG):
        return True
    if text.startswith((LONG, DEVICE)):
        text = text[4:]
    drive = ntpath.splitdrive(text)[0]
    if drive.startswith(("\\\\", "//")):
        return True
    return bool(drive) and drive_type(drive.rstrip("\\/") + "\\") == DRIVE_REMOTE


def linux_fs_type(path: Path) -> int | None:
    """statfs(2)'s f_type of the file system holding ``path``; None if unknown."""
    import ctypes       # here, not at start-up: only Linux asks
    # The program's own symbol table has libc's statfs: no find_library (it runs ldconfig).
    libc = ctypes.CDLL(None, use_errno=True)
    buf = ctypes.create_string_buffer(256)      # struct statfs is 120 bytes on x86-64
    if libc.statfs(os.fsencode(_existing(path)), buf) != 0:
        return None
    # f_type is the first member, a C long (__fsword_t) on every Linux ABI.
    return ctypes.c_ulong.from_buffer(buf).value & 0xFFFFFFFF


def is_network_path(path: str | Path) -> bool:
    """True when ``path`` lies on a network file system (False when in doubt)."""
    try:
        if sys.platform == "win32":
            return windows_remote(os.path.abspath(path))
        if sys.platform.startswith("linux"):
            return linux_fs_type(Path(path)) in NETWORK_FS_TYPES
    except (OSError, AttributeError, ValueError):
        return False
    return False
