"""Safe file reading and writing shared by every importer and exporter.

Writers never leave half a file: they write a temporary file beside the target and
replace the target in one step.  Readers refuse oversized files before reading them.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


class ReportFileError(Exception):
    """A file that cannot be read or written; ``str()`` is a Chinese sentence."""


def read_limited(path: Path, limit: int, source: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise ReportFileError(f"{source}过大（{size // 1024 // 1024} MB），不像是年报文件。")
        with open(path, "rb") as f:
            return f.read(limit + 1)
    except FileNotFoundError:
        raise ReportFileError(f"找不到{source}。") from None
    except IsADirectoryError:
        raise ReportFileError(f"{source}是一个文件夹，不是文件。") from None
    except PermissionError:
        raise ReportFileError(f"没有权限读取{source}。") from None
    except OSError as exc:
        raise ReportFileError(f"无法读取{source}：{exc.strerror or exc}") from None


def read_text(path: Path, limit: int, source: str, hint: str = "") -> str:
    """A UTF-8 text file (with or without BOM), refused in Chinese when it is not."""
    raw = read_limited(path, limit, source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportFileError(f"{source}不是 UTF-8 编码的文本{hint}。") from None


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` and move the finished temp file onto ``path``.

    A target that cannot be written (open in Word, read-only folder) raises
    ReportFileError naming it; the target and its folder are left as they were.
    """
    path = Path(path)
    where = f"文件“{path}”"
    if path.is_dir():
        raise ReportFileError(f"{where}是一个文件夹，无法写入。")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp",
                                        dir=path.parent if str(path.parent) else ".")
    except FileNotFoundError:
        raise ReportFileError(f"无法写入{where}：文件夹不存在。") from None
    except OSError:
        raise ReportFileError(f"无法写入{where}：没有写入该文件夹的权限。") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        if path.exists() and not os.access(path, os.W_OK):
            raise PermissionError(path)
        os.replace(tmp, path)
    except PermissionError:
        raise ReportFileError(
            f"无法写入{where}：文件是只读的，或正被其他程序（如 Word、WPS、Excel）打开。"
            "请关闭该文件后重试，或换一个文件名。") from None
    except OSError as exc:
        raise ReportFileError(f"无法写入{where}：{exc.strerror or exc}") from None
    finally:
        if tmp.exists():
            tmp.unlink()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    atomic_write(path, lambda tmp: tmp.write_bytes(data))
