"""What a path names, looked at before a file is opened or replaced; each check gives
the reason in Chinese, or None.

- Only regular files are read: opening a FIFO blocks for ever, a device may never end.
  Only regular files (or nothing) are replaced: a device, pipe or symbolic link given as
  output would otherwise become a plain file in its place.
- An output is never a file the command reads (the same file, also through a symbolic or
  hard link): replacing it would lose what the re-export leaves out.
- A name longer than the file system allows fails only deep inside the system call,
  so it is told first, for each part of the path (255 bytes on most Linux file systems,
  which is 85 Chinese characters in UTF-8; 255 UTF-16 units on Windows).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable

DEFAULT_NAME_MAX = 255           # bytes (POSIX) or UTF-16 units (Windows)

_KINDS = ((stat.S_ISDIR, "一个文件夹"), (stat.S_ISLNK, "一个符号链接"),
          (stat.S_ISFIFO, "一个管道（FIFO）"), (stat.S_ISSOCK, "一个套接字"),
          (stat.S_ISCHR, "一个设备"), (stat.S_ISBLK, "一个设备"))


def kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    return next((words for test, words in _KINDS if test(mode)), "一个特殊文件")


# ------------------------------------------------------------------------------ names

def _units(name: str) -> int:
    """A name's length as the file system counts it."""
    if os.name == "nt":
        return len(name.encode("utf-16-le", "surrogatepass")) // 2
    try:
        return len(os.fsencode(name))
    except UnicodeError:    # not from a command line or a dialog; counted as UTF-8
        return len(name.encode("utf-8", "surrogatepass"))


def _limit(folder: Path, known: int) -> int:
    """The longest name ``folder`` accepts (PC_NAME_MAX where the system tells);
    ``known`` (its parent's) when it cannot be asked, e.g. it does not exist yet."""
    if os.name == "nt":
        return DEFAULT_NAME_MAX
    try:
        limit = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return known
    return limit if limit and limit > 0 else known


def _shown(name: str) -> str:
    return name if len(name) <= 24 else f"{name[:12]}…{name[-8:]}"


def name_problem(path: str | Path, room: int = 0, why_room: str = "") -> str | None:
    """Why a part of ``path`` is too long a name (or holds a NUL), or None.  ``room``:
    units the last name must leave free for names made from it (``why_room`` says which)."""
    if "\x00" in str(path):      # no system accepts it; Python raises ValueError
        return "名称中有空字符（U+0000），系统不允许这样的文件名，请检查文件名"
    p = Path(path)
    parts = p.parts[1:] if p.anchor else p.parts
    folder = Path(p.anchor) if p.anchor else Path(".")
    limit = _limit(folder, DEFAULT_NAME_MAX)
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        allowed = limit - room if last else limit
        used = _units(part)
        if used > allowed:
            unit = "个字符" if os.name == "nt" else "字节"
            notes = [] if os.name == "nt" else [f"约 {allowed // 3} 个汉字"]
            notes += [why_room] if last and room and why_room else []
            about = f"（{'；'.join(notes)}）" if notes else ""
            return (f"名称“{_shown(part)}”太长（{used} {unit}），这里最多 {allowed} {unit}{about}，"
                    "请换一个短一些的名称")
        if not last and part not in (".", ".."):
            folder = folder / part
            limit = _limit(folder, limit)
    return None


# ------------------------------------------------------------------------------ kinds

def input_problem(st: os.stat_result) -> str | None:
    """Why a file with this (followed) stat is not read: it is not a regular file."""
    if stat.S_ISREG(st.st_mode):
        return None
    return f"它是{kind(st.st_mode)}，不是普通文件，请给出保存在磁盘上的文件"


def output_problem(path: Path) -> str | None:
    """Why ``path`` may not be replaced: it exists and is not a regular file (a link
    is not followed: replacing it would put a plain file where the link was)."""
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if stat.S_ISREG(st.st_mode):
        return None
    if stat.S_ISLNK(st.st_mode):
        return f"是{kind(st.st_mode)}，写入会用普通文件替换这个链接；请直接给出它指向的文件"
    return f"是{kind(st.st_mode)}，不是普通文件，程序不会用报告替换它"


# ------------------------------------------------------------------------------ same file

def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file (also through a symbolic or hard link): the
    device and file ids, as os.path.samefile compares them on POSIX and Windows."""
    try:
        sa, sb = os.stat(a), os.stat(b)
    except (OSError, ValueError):
        return False
    if not sa.st_ino or not sb.st_ino:   # a file system without file ids: by real path
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))
    return os.path.samestat(sa, sb)


def same_as(output: str | Path,
            sources: Iterable[tuple[str | Path | None, str]]) -> str | None:
    """The words of the first source (path, what it is in words) that ``output`` is."""
    return next((what for src, what in sources if src is not None and same_file(output, src)),
                None)
