"""Which of a font set's fonts this machine lacks, so the export can say so.

Word and WPS on Windows find a font by any family name in its ``name`` table (the Chinese
仿宋_GB2312 or the English FangSong_GB2312); WPS on Linux asks fontconfig, which knows the
same names.  So the families installed here are read the same way: on Windows from the
font files themselves (the system and the per-user font folder), elsewhere from
``fc-list`` (or the usual font folders when fontconfig is absent).  ``None`` means the
machine could not be asked; nothing is then claimed missing.
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import BinaryIO

from .font_sets import FontSet

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
_MAX_FILES = 20000          # a font folder larger than this is not read further
_MAX_NAME_TABLE = 1 << 20
_FAMILY_IDS = (1, 16)       # family, typographic family


def used_fonts(fonts: FontSet) -> list[str]:
    """The set's fonts in the order a clerk meets them, each once."""
    return list(dict.fromkeys((fonts.title, fonts.body, fonts.heading1, fonts.heading2,
                               fonts.table, fonts.page_number)))


def missing(fonts: FontSet, installed: frozenset[str] | None = None) -> list[str] | None:
    """The set's fonts not installed here (case-insensitive), or None if unknown."""
    installed = installed_families() if installed is None else installed
    if installed is None:
        return None
    have = {name.casefold() for name in installed}
    return [name for name in used_fonts(fonts) if name.casefold() not in have]


_TTL_S = 300.0   # a font installed while the program runs is seen within five minutes
_cache: tuple[float, frozenset[str] | None] | None = None


def installed_families() -> frozenset[str] | None:
    """Every family name of the fonts installed here (asked again after _TTL_S)."""
    global _cache
    now = time.monotonic()
    if _cache is None or now - _cache[0] > _TTL_S:
        _cache = (now, _scan())
    return _cache[1]


def known() -> bool:
    """Whether the machine has been asked already (the next answer is then immediate)."""
    return _cache is not None and time.monotonic() - _cache[0] <= _TTL_S


def _scan() -> frozenset[str] | None:
    if sys.platform == "win32":
        return _from_files(_windows_dirs())
    return _from_fc_list() or _from_files(_unix_dirs())


def _windows_dirs() -> list[Path]:
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")   # per-user fonts
    return dirs


def _unix_dirs() -> list[Path]:
    home = Path.home()
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts",
            home / ".local" / "share" / "fonts"]


def _from_fc_list() -> frozenset[str] | None:
    exe = shutil.which("fc-list")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, ":", "family"], capture_output=True, timeout=20,
                             check=True).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return None
    names = {name.strip().replace("\\-", "-") for line in out.splitlines()
             for name in line.split(",") if name.strip()}
    return frozenset(names) or None


def _from_files(dirs: list[Path]) -> frozenset[str] | None:
    names: set[str] = set()
    seen, readable = 0, False
    for folder in dirs:
        if not folder.is_dir():
            continue
        readable = True
        for root, _dirs, files in os.walk(folder):
            for name in files:
                if not name.lower().endswith(FONT_SUFFIXES):
                    continue
                seen += 1
                if seen > _MAX_FILES:
                    return frozenset(names)
                names |= families(Path(root) / name)
    return frozenset(names) if readable else None


def families(path: Path) -> set[str]:
    """The family names in a TrueType/OpenType file or collection (empty if unreadable)."""
    try:
        with open(path, "rb") as f:
            return _families(f)
    except (OSError, struct.error, ValueError):
        return set()


def _families(f: BinaryIO) -> set[str]:
    head = f.read(12)
    offsets = [0]
    if head[:4] == b"ttcf":
        count = min(struct.unpack(">I", head[8:12])[0], 256)
        offsets = list(struct.unpack(f">{count}I", f.read(4 * count)))
    out: set[str] = set()
    for offset in offsets:
        f.seek(offset)
        n_tables = struct.unpack(">H", f.read(12)[4:6])[0]
        directory = f.read(16 * n_tables)
        for i in range(n_tables):
            tag, _sum, start, length = struct.unpack(">4sIII", directory[16 * i:16 * i + 16])
            if tag == b"name":
                f.seek(start)
                out |= _names(f.read(min(length, _MAX_NAME_TABLE)))
    return out


def _names(table: bytes) -> set[str]:
    _fmt, count, strings = struct.unpack(">HHH", table[:6])
    out = set()
    for i in range(count):
        rec = table[6 + 12 * i:18 + 12 * i]
        if len(rec) < 12:
            break
        platform, encoding, _lang, name_id, length, offset = struct.unpack(">HHHHHH", rec)
        if name_id not in _FAMILY_IDS:
            continue
        raw = table[strings + offset:strings + offset + length]
        codec = {0: "utf-16-be", 3: "utf-16-be"}.get(platform)
        if platform == 1:
            codec = {0: "mac_roman", 25: "gb2312"}.get(encoding)
        if codec is None:
            continue
        text = raw.decode(codec, "ignore").strip("\x00 ")
        if text:
            out.add(text)
    return out
